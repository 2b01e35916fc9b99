package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

type vector struct {
	In     string   `json:"in"`
	Tokens [][2]any `json:"tokens"`
}

func loadVectors(t testing.TB) []vector {
	data, err := os.ReadFile("testdata/tokenizer_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 10 {
		t.Fatalf("only %d vectors", len(vs))
	}
	return vs
}

func TestTokenizerVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		var want []Token
		for _, tk := range v.Tokens {
			want = append(want, Token{Text: tk[0].(string), Pos: int(tk[1].(float64))})
		}
		if got := Tokenize(v.In); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokenize(%q)\n got %v\nwant %v", v.In, got, want)
		}
	}
}

func TestVarints(t *testing.T) {
	var b []byte
	nums := []int{0, 1, 44, 45, 46, 2024, 2025, 91124, 91125, 1 << 30}
	for _, n := range nums {
		b = appendVarint(b, n)
	}
	if strings.ContainsAny(string(b), "\"\\") {
		t.Fatalf("varints %q hold a character that needs escaping", b)
	}
	got, err := decodeVarints(string(b))
	if err != nil || !reflect.DeepEqual(got, nums) {
		t.Fatalf("round trip: %v, %v", got, err)
	}
	if n := len(appendVarint(nil, 44)); n != 1 {
		t.Errorf("44 takes %d bytes", n)
	}
	if n := len(appendVarint(nil, 2024)); n != 2 {
		t.Errorf("2024 takes %d bytes", n)
	}
}

// mapWriter collects written files as an fs.FS.
type mapWriter struct {
	mu sync.Mutex
	fs fstest.MapFS
}

func (w *mapWriter) WriteFile(p string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fs == nil {
		w.fs = fstest.MapFS{}
	}
	if _, dup := w.fs[p]; dup {
		return fmt.Errorf("%s written twice", p)
	}
	w.fs[p] = &fstest.MapFile{Data: bytes.Clone(data)} // Write reuses data
	return nil
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a small site: every query in fixtureQueries has its answer
// decided by strings.Contains, including traps for false hits.
func fixture() []Doc {
	docs := []Doc{
		{URL: "/brands/guangming/", Title: "光明眼科“红色引擎”党建品牌", Kind: "brand", Date: day("2021-05-01"), Year: 2021,
			Unit: "岚江市光明眼科医院", UnitSlugs: []string{"guangming"}, UnitTitles: []string{"岚江市光明眼科医院"},
			Headings: []string{"品牌由来", "主要做法"}, Fields: []string{"岚江市光明眼科医院", "光明使者，守护视界", "示范"},
			Body: "光明眼科医院党委坚持党建引领，2016年起创建“红色引擎”品牌。开展PDCA循环管理，惠及群众9544人次。"},
		{URL: "/models/guangming-1/", Title: "光明眼科医院党支部示范点", Kind: "model", Date: day("2020-07-01"), Year: 2020,
			Unit: "岚江市光明眼科医院", UnitSlugs: []string{"guangming"}, UnitTitles: []string{"岚江市光明眼科医院"},
			Fields: []string{"市级", "六个好"}, Body: "该示范点于2020年被命名为市级党建示范点。"},
		// The trap: 示范 and 范点 apart, never 示范点; 党建 and 品牌 apart, never 党建品牌.
		{URL: "/news/trap/", Title: "示范引领 范点滴积累", Kind: "news", Date: day("2019-03-02"), Year: 2019,
			Body: "我们要做好示范，模范点亮初心。党建工作和品牌建设都很重要。光明眼镜店。党建品质提升，创建品牌。"},
		{URL: "/news/2016/", Title: "2016年度工作总结", Kind: "news", Date: day("2016-12-30"), Year: 2016,
			Unit: "岚江市人民医院、岚江市疾控中心", UnitSlugs: []string{"renmin", "jikong"}, UnitTitles: []string{"岚江市人民医院", "岚江市疾控中心"},
			Fields: []string{"岳卫党发〔2016〕7号", "岚江市卫生健康委员会"},
			Body:   "2016年，全系统党建工作取得新进展。Party building 与业务融合。"},
		{URL: "/news/20160/", Title: "编号２０１６０的通知", Kind: "news", Date: day("2017-01-05"), Year: 2017,
			Body: "文件编号ＰＤＣＡ-20160，请各单位　查收。party members"},
		{URL: "/honors/2018/", Title: "2018年度先进基层党组织", Kind: "honor", Date: time.Time{}, Year: 2018,
			Unit: "岚江市人民医院", UnitSlugs: []string{"renmin"}, UnitTitles: []string{"岚江市人民医院"},
			Fields: []string{"中共岚江市卫生健康委员会", "先进基层党组织", "岚江市人民医院党委", "优秀共产党员", "张三"},
			Body:   "表彰名单如下。"},
		{URL: "/units/renmin/", Title: "岚江市人民医院", Kind: "unit", UnitSlugs: []string{"renmin"}, UnitTitles: []string{"岚江市人民医院"},
			Fields: []string{"人民医院", "公立医院", "党委"}, Body: "岚江市人民医院是一所三级甲等综合医院，党员 320 名。"},
		{URL: "/about/", Title: "关于本站", Kind: "page", Body: "本站由岚江市卫生健康委员会主办。Search works offline: 党建 portal."},
		{URL: "/news/xss/", Title: `<img src=x onerror=alert(1)>党建`, Kind: "news", Date: day("2022-01-01"), Year: 2022,
			Body: `"quoted" \back\slash & <b>bold</b> 党建品牌`},
		{URL: "/news/single/", Title: "党", Kind: "news", Date: day("2022-01-01"), Year: 2022, Body: "范"},
	}
	// Filler so that common grams have long lists and shards fill up.
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"党建", "品牌", "示范", "引领", "医院", "服务", "群众", "党员", "支部", "先锋", "健康", "光明", "眼科", "2016", "年", "红色", "点滴", "模范", "点亮", "party"}
	for i := range 60 {
		var b strings.Builder
		for range 40 + r.IntN(80) {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(6) == 0 {
				b.WriteString("，")
			}
			if r.IntN(9) == 0 {
				b.WriteString(" ")
			}
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/news/n%d/", i), Title: words[r.IntN(len(words))] + words[r.IntN(len(words))] + "动态",
			Kind: "news", Date: day("2015-01-01").AddDate(0, 0, r.IntN(3000)), Year: 2015 + r.IntN(9), Body: b.String()})
	}
	return docs
}

var fixtureQueries = []string{
	"党", "建", "范", "点", "党建", "示范点", "示范", "范点", "党建品牌", "光明眼科", "红色引擎",
	"2016年", "2016", "２０１６", "20160", "6年", "pdca", "ＰＤＣＡ", "PDCA循环", "party", "arty", "PARTY members",
	"党建 品牌", "光明 示范点", "2016 党建", "岳卫党发〔2016〕7号", "〔2016〕", "9544", "954", "人民医院", "张三",
	"<img", "&", "\"quoted\"", `\back\slash`, "不存在的词", "党建 不存在", "x", "查收", "各单位", "单位查收", "党建品牌建设",
	"“红色引擎”", "先进基层党组织", "模范点亮初心", "，", "的", "医院党委",
}

// containing is the truth: docs whose folded text contains every term.
func containing(docs []Doc, q string) []string {
	var out []string
	terms := Terms(q)
	if len(terms) == 0 {
		return nil
	}
	for _, d := range docs {
		text := Fold(d.Text())
		ok := true
		for _, t := range terms {
			if !strings.Contains(text, t) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, d.URL)
		}
	}
	slices.Sort(out)
	return out
}

func build(t testing.TB, docs []Doc, opts Options) (*mapWriter, Stats) {
	t.Helper()
	w := &mapWriter{}
	st, err := Write(docs, w, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != len(w.fs) {
		t.Fatalf("stats say %d files, wrote %d", st.Files, len(w.fs))
	}
	return w, st
}

var layouts = map[string]Options{
	"default": {},
	// Many shards, many big-gram files, text in many small pieces.
	"tiny": {ShardBytes: 200, BigBytes: 40, HeadRunes: 20, FragDocs: 3, TextDocs: 2, Workers: 3},
	// One doc per file, one worker.
	"single": {FragDocs: 1, TextDocs: 1, Workers: 1},
	// Words' lists long by WordBytes, trigrams' in shards.
	"words": {ShardBytes: 2000, BigBytes: 1500, WordBytes: 30},
	// Long trigram lists' positions in p/ files of their own, not after
	// their doc lists (PosBytes), as the commonest grams' are.
	"apart": {ShardBytes: 200, BigBytes: 40, PosBytes: -1},
}

func searchURLs(t testing.TB, ix *Index, q string) ([]string, []Hit) {
	t.Helper()
	hits, err := ix.Search(q)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	var urls []string
	for _, h := range hits {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, f.URL)
	}
	slices.Sort(urls)
	return urls, hits
}

func TestExactSubstring(t *testing.T) {
	docs := fixture()
	for name, opts := range layouts {
		t.Run(name, func(t *testing.T) {
			w, st := build(t, docs, opts)
			t.Logf("%v", st)
			ix, err := Open(w.fs, "search")
			if err != nil {
				t.Fatal(err)
			}
			if len(fixtureQueries) < 20 {
				t.Fatal("too few queries")
			}
			for _, q := range fixtureQueries {
				want := containing(docs, q)
				got, hits := searchURLs(t, ix, q)
				if !slices.Equal(got, want) {
					t.Errorf("%q:\n got %v\nwant %v", q, got, want)
				}
				terms := Terms(q)
				for _, h := range hits {
					s, err := ix.SnippetText(h, terms)
					if err != nil {
						t.Fatal(err)
					}
					found := false
					for _, term := range terms {
						found = found || strings.Contains(Fold(s), term)
					}
					if !found {
						t.Errorf("%q: snippet text of doc %d has no term: %q", q, h.ID, s)
					}
				}
				for i := 1; i < len(hits); i++ {
					a, b := hits[i-1], hits[i]
					if a.Band < b.Band || a.Band == b.Band && (a.Score < b.Score || a.Score == b.Score && a.ID > b.ID) {
						t.Errorf("%q: hits out of order at %d: %v", q, i, hits)
					}
				}
				checkBands(t, ix, docs, q, hits)
			}
		})
	}
}

func TestTrap(t *testing.T) {
	w, _ := build(t, fixture(), Options{})
	ix, _ := Open(w.fs, "search")
	for _, q := range []string{"示范点", "党建品牌"} {
		got, _ := searchURLs(t, ix, q)
		if slices.Contains(got, "/news/trap/") {
			t.Errorf("%q finds the trap page, which has its halves apart only", q)
		}
		if len(got) == 0 {
			t.Errorf("%q finds nothing", q)
		}
	}
	got, _ := searchURLs(t, ix, "示范 范点")
	if !slices.Contains(got, "/news/trap/") {
		t.Errorf("示范 范点 (two terms) misses the trap page: %v", got)
	}
}

// Random substrings of the docs' texts: every one must find exactly the docs
// that contain it.
func TestRandomSubstrings(t *testing.T) {
	docs := fixture()
	w, _ := build(t, docs, layouts["tiny"])
	ix, _ := Open(w.fs, "search")
	r := rand.New(rand.NewPCG(3, 4))
	for range 400 {
		rs := []rune(docs[r.IntN(len(docs))].Text())
		i := r.IntN(len(rs))
		j := min(len(rs), i+1+r.IntN(7))
		q := string(rs[i:j])
		want := containing(docs, q)
		got, _ := searchURLs(t, ix, q)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", q, got, want)
		}
	}
}

func TestRanking(t *testing.T) {
	w, _ := build(t, fixture(), Options{})
	ix, _ := Open(w.fs, "search")
	hits, _ := ix.Search("光明眼科")
	f, _ := ix.Fragment(hits[0].ID)
	if f.URL != "/brands/guangming/" && f.URL != "/models/guangming-1/" {
		t.Errorf("光明眼科: first hit %s, want a page with it in the title", f.URL)
	}
	// Same text, different dates: the newer one first.
	docs := []Doc{
		{URL: "/a/", Title: "同题", Date: day("2019-01-01"), Body: "党建"},
		{URL: "/b/", Title: "同题", Date: day("2021-01-01"), Body: "党建"},
		{URL: "/c/", Title: "同题", Body: "党建"},
	}
	w, _ = build(t, docs, Options{})
	ix, _ = Open(w.fs, "search")
	hits, _ = ix.Search("党建")
	var order []string
	for _, h := range hits {
		f, _ := ix.Fragment(h.ID)
		order = append(order, f.URL)
	}
	if !slices.Equal(order, []string{"/b/", "/a/", "/c/"}) {
		t.Errorf("ties: %v, want newest first, undated last", order)
	}
}

func TestDocInfosAndFragments(t *testing.T) {
	docs := fixture()
	w, _ := build(t, docs, Options{TextDocs: 3})
	ix, _ := Open(w.fs, "search")
	infos, err := ix.DocInfos()
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]Doc{}
	for _, d := range docs {
		byURL[d.URL] = d
	}
	for id, info := range infos {
		f, err := ix.Fragment(id)
		if err != nil {
			t.Fatal(err)
		}
		d := byURL[f.URL]
		text, err := ix.Text(id)
		if err != nil {
			t.Fatal(err)
		}
		// The head is the start of the text: the title line, the body …
		if f.Title != d.Title || text != d.Text() || f.Kind != d.Kind || f.Unit != d.Unit || !strings.HasPrefix(f.Head, d.Title+"\n") || !strings.HasPrefix(d.Text(), f.Head) || (f.More == 1) != (len(f.Head) < len(d.Text())) {
			t.Errorf("fragment %d = %+v, doc %+v", id, f, d)
		}
		if info.Kind != d.Kind || info.Year != d.Year || !slices.Equal(info.Units, d.UnitSlugs) {
			t.Errorf("doc %s: info %+v, want %s %d %v", d.URL, info, d.Kind, d.Year, d.UnitSlugs)
		}
	}
}

func TestQueryCost(t *testing.T) {
	dir := t.TempDir()
	writeDir(t, dir, fixture(), Options{})
	c, err := QueryCost(dir, "不存在", 10)
	if err != nil {
		t.Fatal(err)
	}
	// No hits: the metadata and one shard per gram, nothing else.
	if c.Hits != 0 || len(c.Files) > 3 || slices.Contains(c.Files, "search/docs.js") {
		t.Errorf("no-hit query read %v", c.Files)
	}
	c, err = QueryCost(dir, "党建", 10)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hits == 0 || !slices.Contains(c.Files, "search/docs.js") || c.Bytes == 0 {
		t.Errorf("党建: %+v", c)
	}
}

type dirWriter string

func (d dirWriter) WriteFile(p string, data []byte) error {
	full := filepath.Join(string(d), filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

func writeDir(t testing.TB, dir string, docs []Doc, opts Options) {
	t.Helper()
	if _, err := Write(docs, dirWriter(dir), opts); err != nil {
		t.Fatal(err)
	}
}

// A deep hit's head holds no term, and a hit of long terms that is not deep
// has one in its head (when its title line is shorter than the head): the
// head is the start of the text, so positions tell (search.js asks for deep
// results' fragments first, as their snippets need their pages).
func TestDeepHits(t *testing.T) {
	docs := fixture()
	for name, opts := range layouts {
		t.Run(name, func(t *testing.T) {
			w, _ := build(t, docs, opts)
			ix, err := Open(w.fs, "search")
			if err != nil {
				t.Fatal(err)
			}
			hr := opts.withDefaults().HeadRunes
			deep, near := 0, 0
			for _, q := range fixtureQueries {
				hits, err := ix.Search(q)
				if err != nil {
					t.Fatal(err)
				}
				terms := Terms(q)
				long := true
				for _, term := range terms {
					long = long && utf8.RuneCountInString(term) > 3
				}
				for _, h := range hits {
					f, err := ix.Fragment(h.ID)
					if err != nil {
						t.Fatal(err)
					}
					// A fragment carries the head and (the first of) the
					// headings and fields.
					head := Fold(f.Head + "\f" + f.Fields)
					in := false
					for _, term := range terms {
						in = in || strings.Contains(head, term)
					}
					switch {
					case h.Deep && in:
						t.Errorf("%q: doc %d is deep but its head %q holds a term", q, h.ID, f.Head)
					case long && !h.Deep && !in && utf8.RuneCountInString(f.Title)+1 < hr:
						t.Errorf("%q: doc %d is not deep but its head %q and fields %q hold no term (first at %d)", q, h.ID, f.Head, f.Fields, h.Pos)
					case !long && h.Deep:
						t.Errorf("%q: doc %d is deep, but the query has a short term", q, h.ID)
					}
					if h.Deep {
						deep++
					} else if long {
						near++
					}
				}
			}
			if deep == 0 || near == 0 {
				t.Errorf("the fixture queries find %d deep and %d other hits of long terms; want some of both", deep, near)
			}
		})
	}
}

// checkBands checks each hit's band against the doc's text: 3 exactly when
// its title is the one term, 2 when its title holds every term, and, for
// terms of up to three characters (whose grams tell exactly), 1 when the
// title, headings and fields hold every term, else 0.
func checkBands(t *testing.T, ix *Index, docs []Doc, q string, hits []Hit) {
	t.Helper()
	terms := Terms(q)
	byURL := map[string]*Doc{}
	for i := range docs {
		byURL[docs[i].URL] = &docs[i]
	}
	short := true
	for _, term := range terms {
		short = short && utf8.RuneCountInString(term) <= 3
	}
	for _, h := range hits {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		d := byURL[f.URL]
		title := Fold(strings.Map(oneLine, d.Title))
		shown := title + "\n" + Fold(strings.Join(d.Headings, "\n")+"\n"+strings.Join(d.Fields, "\n"))
		inTitle, inShown := true, true
		for _, term := range terms {
			inTitle = inTitle && strings.Contains(title, term)
			inShown = inShown && strings.Contains(shown, term)
		}
		want := 0
		switch {
		case len(terms) == 1 && title == terms[0]:
			want = 3
		case inTitle:
			want = 2
		case inShown:
			want = 1
		}
		if h.Band != want && (short || want >= 2 || h.Band >= 2) {
			t.Errorf("%q: %s (title %q) is in band %d, want %d", q, f.URL, d.Title, h.Band, want)
		}
	}
}
