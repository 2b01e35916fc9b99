package search

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const searchJS = "../../themes/default/static/js/search.js"

// node runs testdata/run_search.js; the test is skipped only when node is
// not installed.
func node(t *testing.T, site, mode string, input any, out any) {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	in := filepath.Join(t.TempDir(), "input.json")
	data, _ := json.Marshal(input)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "testdata/run_search.js", searchJS, site, mode, in)
	cmd.Stderr = os.Stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node output: %v", err)
	}
}

func TestJSTokenizerVectors(t *testing.T) {
	vs := loadVectors(t)
	var ins []string
	for _, v := range vs {
		ins = append(ins, v.In)
	}
	// Inputs beyond the vectors, where JS strings (UTF-16) and Go strings
	// (UTF-8) differ most.
	extra := []string{"𠀀𠀁𠀂 ＡＺａｚ０９！～", "\u2028\u2029\u205f\u202f\u180e\u00ad\u200c", "Ⅻ ﬁ Ǆ İ ß ẞ"}
	ins = append(ins, extra...)
	var got [][][2]any
	node(t, t.TempDir(), "tokenize", ins, &got)
	for i, in := range ins {
		var want [][2]any
		for _, tk := range Tokenize(in) {
			want = append(want, [2]any{tk.Text, float64(tk.Pos)})
		}
		if i < len(vs) && !equalTokens(vs[i].Tokens, want) {
			t.Errorf("Go and the vectors disagree on %q", in)
		}
		if !equalTokens(got[i], want) {
			t.Errorf("tokenize(%q)\n  js %v\n  go %v", in, got[i], want)
		}
	}
}

func equalTokens(a, b [][2]any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i][0] != b[i][0] || a[i][1] != b[i][1] {
			return false
		}
	}
	return true
}

type jsResult struct {
	Q     string       `json:"q"`
	Hits  [][3]float64 `json:"hits"`
	Shown []struct {
		URL        string   `json:"url"`
		Snippet    [][2]any `json:"snippet"`
		TitleMarks int      `json:"titleMarks"`
	} `json:"shown"`
	Files    []string `json:"files"`
	Excerpts []struct {
		ID      int `json:"id"`
		Same    bool
		Excerpt any `json:"excerpt"`
		Whole   any `json:"whole"`
	} `json:"excerpts"`
}

// The JS query code, reading the written files, returns what the Go reader
// returns (same docs, same order, same scores, the same deep results), reads the files QueryCost
// counts, and marks a match in every snippet or title (when the index holds
// the whole text; else a match beyond the head is marked in the page's text,
// which the browser test checks). A snippet made from a long list's
// excerpt is the one the whole text gives.
func TestJSQueries(t *testing.T) {
	docs := fixture()
	excerpts := 0
	for name, opts := range layouts {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeDir(t, dir, docs, opts)
			var res []jsResult
			node(t, dir, "query", fixtureQueries, &res)
			if len(res) != len(fixtureQueries) {
				t.Fatalf("%d results for %d queries", len(res), len(fixtureQueries))
			}
			ix, err := Open(os.DirFS(dir), "search")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				for _, e := range r.Excerpts {
					excerpts++
					if !e.Same {
						t.Errorf("%q: doc %d: the snippet from its excerpt is %v, from its text %v", r.Q, e.ID, e.Excerpt, e.Whole)
					}
				}
				hits, err := ix.Search(r.Q)
				if err != nil {
					t.Fatal(err)
				}
				if len(hits) != len(r.Hits) {
					t.Errorf("%q: js %d hits, go %d", r.Q, len(r.Hits), len(hits))
					continue
				}
				for i, h := range hits {
					if int(r.Hits[i][0]) != h.ID || math.Abs(r.Hits[i][1]-h.Score) > 1e-9 || (r.Hits[i][2] == 1) != h.Deep {
						t.Errorf("%q: hit %d: js %v, go %+v", r.Q, i, r.Hits[i], h)
						break
					}
				}
				cost, err := QueryCost(dir, r.Q, 10)
				if err != nil {
					t.Fatal(err)
				}
				js, gofiles := slices.Clone(r.Files), slices.Clone(cost.Files)
				slices.Sort(js)
				slices.Sort(gofiles)
				if !slices.Equal(js, gofiles) {
					t.Errorf("%q: js read %v\nQueryCost counts %v", r.Q, js, gofiles)
				}
				terms := Terms(r.Q)
				for _, s := range r.Shown {
					marked := s.TitleMarks > 0
					for _, p := range s.Snippet {
						if p[1] == true {
							m := Fold(p[0].(string))
							ok := false
							for _, term := range terms {
								ok = ok || strings.Contains(term, m) || strings.Contains(m, term)
							}
							if !ok {
								t.Errorf("%q: %s: marked %q is no term", r.Q, s.URL, m)
							}
							marked = true
						}
					}
					if !marked && opts.TextDocs > 0 {
						t.Errorf("%q: %s: nothing marked in %v", r.Q, s.URL, s.Snippet)
					}
				}
			}
		})
	}
	if excerpts == 0 {
		t.Error("no snippet came from an excerpt: the fixture no longer tests them")
	}
}

// A snippet made from an excerpt is the one the whole text gives, whatever
// the body holds about the excerpt's ends and the match: runs of every kind
// of space, blocks and cells, the separators' own characters, characters
// beyond the Basic Multilingual Plane, full-width letters (folded).
func TestExcerptSnippetsAreTheTexts(t *testing.T) {
	pieces := []string{"学习强国", "学习强国", "学习强国。", "党建", "。", "，", "；", "\n", "\n\n", "\t", " ", "  ", "\u3000",
		"\u00a0", "\r\n", " \t\n ", "·", "｜", " ｜ ", "𠮷", "𠮷𠮷", "ＡＢ", "Ab", "医院开展志愿服务活动", "服务群众",
		"、", "：", "!", "?", "\u2028", "\u200b", "学习", "强国", "学习\n强国", "LEARN", "ｌｅａｒｎ"}
	rng := rand.New(rand.NewPCG(7, 21))
	var docs []Doc
	for i := range 120 {
		var b strings.Builder
		// The match after the head, at any distance from the body's ends.
		for range 20 + rng.IntN(60) {
			b.WriteString(pieces[5+rng.IntN(len(pieces)-5)])
		}
		for range rng.IntN(200) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("动态%d", i), Kind: "news",
			Date: day("2024-05-01").Add(time.Duration(i) * time.Hour), Body: b.String()})
	}
	dir := t.TempDir()
	writeDir(t, dir, docs, Options{ShardBytes: 400, BigBytes: 100, HeadRunes: 40})
	queries := []string{"学习强国", "强国", "党建", "𠮷", "learn", "学习强国。", "志愿服务活动", "群众"}
	var res []jsResult
	node(t, dir, "query", queries, &res)
	n := 0
	for _, r := range res {
		for _, e := range r.Excerpts {
			n++
			if !e.Same {
				t.Errorf("%q: doc %d: the snippet from its excerpt is %v, from its text %v", r.Q, e.ID, e.Excerpt, e.Whole)
			}
		}
	}
	if n < 20 {
		t.Errorf("%d snippets came from excerpts: the test needs more", n)
	}
	t.Logf("%d snippets from excerpts", n)
}

// excerpter.flat is search.js's flat, character for character, over strings of
// every kind of space, the separators' own characters and text.
func TestFlatIsSearchJS(t *testing.T) {
	pieces := []string{"a", "党", "𠮷", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u1680", "\u2000", "\u200a",
		"\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u0085", "\u180e", "·", "｜", " · ", " ｜ ", "|", "\t\n", "\n\t", " \t \n "}
	rng := rand.New(rand.NewPCG(3, 5))
	var ins []string
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		ins = append(ins, b.String())
	}
	var got []string
	node(t, t.TempDir(), "flat", ins, &got)
	for i, in := range ins {
		if want := string(new(excerpter).flat(in)); got[i] != want {
			t.Errorf("flat(%q): search.js %q, Go %q", in, got[i], want)
		}
	}
}
