package review_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"dangjian/generator/diag"
	"dangjian/generator/review"
	"dangjian/generator/sitetest"
)

// seedsDir finds shared/seeds: ../shared/seeds beside the repository (the
// CI's layout), or beside a folder further up (a worktree in wt/). Missing,
// the test skips locally and fails in CI.
func seedsDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
	for up := filepath.Dir(dir); ; up = filepath.Dir(up) {
		seeds := filepath.Join(up, "shared", "seeds")
		if st, err := os.Stat(seeds); err == nil && st.IsDir() {
			return seeds
		}
		if filepath.Dir(up) == up {
			break
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("../shared/seeds is missing beside the repository")
	}
	t.Skip("no ../shared/seeds beside the repository")
	return ""
}

// seedDates are the seeds' own dates, as their texts give them (year and
// month where they say it; 002 and 004 name the 卫健 bodies of after 2018).
var seedDates = map[string]string{
	"000": "2017-07-06",
	"001": "2016-03-10",
	"002": "2021-06-01",
	"003": "2017-06-01",
	"004": "2021-06-01",
}

// chineseRune is the test's own notion of a Chinese character: Han, or CJK
// and full-width punctuation.
func chineseRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// expectedMarks computes the punctuation findings of a plain text
// independently of the review: every half-width , : ; ! ? ( ) whose
// character before or after (in a slice of runes) is Chinese, at its
// line (body starts at bodyLine) and 1-based rune column.
func expectedMarks(text string, path string, bodyLine int) []string {
	var out []string
	for i, line := range strings.Split(text, "\n") {
		rs := []rune(line)
		for k, r := range rs {
			if !strings.ContainsRune(",:;!?()", r) {
				continue
			}
			if (k > 0 && chineseRune(rs[k-1])) || (k+1 < len(rs) && chineseRune(rs[k+1])) {
				out = append(out, fmt.Sprintf("%s:%d:%d", path, bodyLine+i, k+1))
			}
		}
	}
	return out
}

// TestSeeds: five real texts made pages. Dated today, the punctuation
// findings are exactly the half-width marks next to Chinese characters,
// and every 卫生计生委 is an outdated-term; dated as their originals, no
// outdated-term at all.
func TestSeeds(t *testing.T) {
	dir := seedsDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s (%v)", dir, err)
	}
	texts := map[string]string{}
	var today, original strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := filepath.Base(f)[:3]
		texts[id] = string(data)
		date, ok := seedDates[id]
		if !ok {
			date = "2016-01-01"
		}
		fmt.Fprintf(&today, "-- content/news/seed%s.md --\n+++\ntitle = \"seed %s\"\ndate = %s\n+++\n%s\n", id, id, now.Format("2006-01-02"), data)
		fmt.Fprintf(&original, "-- content/news/seed%s.md --\n+++\ntitle = \"seed %s\"\ndate = %s\n+++\n%s\n", id, id, date, data)
	}
	const bodyLine = 5

	run := func(archive string) []review.Finding {
		site := "-- site.toml --\ntitle = \"seeds\"\n" + archive
		d := sitetest.Write(t, site)
		rep := review.Run(review.Options{Source: d, Lang: diag.Chinese, Now: now})
		for _, p := range rep.Problems {
			t.Errorf("problem loading the seeds: %s", p.Format(diag.Chinese))
		}
		return rep.Findings
	}

	found := run(today.String())
	outdated := 0
	for id, text := range texts {
		path := "content/news/seed" + id + ".md"
		var got []string
		for _, f := range found {
			if f.Path == path && f.Rule == review.RulePunctuation {
				got = append(got, f.Location())
			}
		}
		want := expectedMarks(text, path, bodyLine)
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 {
			t.Errorf("%s: the seed has no half-width marks; the test proves nothing", id)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: punctuation findings differ from the marks next to Chinese characters\n got %d: %v\nwant %d: %v", id, len(got), got, len(want), want)
		}
		// Every 卫生计生委 is flagged at its place.
		for i, line := range strings.Split(text, "\n") {
			for off := 0; ; {
				k := strings.Index(line[off:], "卫生计生委")
				if k < 0 {
					break
				}
				off += k
				at := fmt.Sprintf("%s:%d:%d", path, bodyLine+i, len([]rune(line[:off]))+1)
				off += len("卫生计生委")
				outdated++
				if !slices.ContainsFunc(found, func(f review.Finding) bool {
					return f.Location() == at && f.Rule == review.RuleOutdated && strings.Contains(f.Message, "卫生计生委")
				}) {
					t.Errorf("%s: 卫生计生委 not flagged", at)
				}
			}
		}
	}
	if outdated == 0 {
		t.Error("no seed says 卫生计生委; the test proves nothing")
	}

	for _, f := range run(original.String()) {
		if f.Rule == review.RuleOutdated {
			t.Errorf("dated as its original, %s is flagged: %s", f.Location(), f.Message)
		}
	}
}
