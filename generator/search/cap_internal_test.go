package search

import (
	"slices"
	"strings"
	"testing"

	"dangjian/generator/output"
)

// smallCap sets the cap on a doc's distinct grams low for a test.
func smallCap(t *testing.T, grams, fields int) {
	old, oldFields := maxDocGrams, fieldGrams
	maxDocGrams, fieldGrams = grams, fields
	t.Cleanup(func() { maxDocGrams, fieldGrams = old, oldFields })
}

// A doc of more distinct grams than the cap has its body indexed up to
// where the cap is reached, and its headings and fields whole: a term
// before the cut finds it, one after finds nothing in it (only in the docs
// that hold it), in Go and in search.js. Unindexed tells where the cut is.
func TestDocGramCap(t *testing.T) {
	smallCap(t, 4000, 500)
	random := []rune(randomDoc(6, 6000).Body)
	big := Doc{URL: "/news/big/", Title: "码表", Kind: "news", Date: day("2024-01-02"),
		Body:     "党建引领" + string(random) + "示范点建设",
		Headings: []string{"附录说明"}, Fields: []string{"岚卫党发〔2024〕9号"}}
	small := Doc{URL: "/news/small/", Title: "动态", Kind: "news", Date: day("2024-01-01"),
		Body: "党建引领示范点建设。"}
	at, cut := Unindexed(&big)
	if !cut || at < 1000 || at > 2500 {
		t.Fatalf("Unindexed = %d, %v: want a cut after about 1,750 characters (3,500 grams)", at, cut)
	}
	if _, cut := Unindexed(&small); cut {
		t.Fatal("a short doc is cut")
	}
	body := []rune(big.Body)
	before, after := string(body[at-12:at-2]), string(body[at+2:at+12])
	want := map[string][]string{
		"党建引领":  {"/news/big/", "/news/small/"},
		"示范点建设": {"/news/small/"},
		"岚卫党发":  {"/news/big/"},
		"附录说明":  {"/news/big/"},
		before:  {"/news/big/"},
		after:   nil,
	}
	docs := []Doc{big, small}
	w, _ := build(t, docs, Options{})
	ix, err := Open(w.fs, "search")
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for q := range want {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	for _, q := range qs {
		hits, err := ix.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			f, err := ix.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, f.URL)
		}
		slices.Sort(got)
		if !slices.Equal(got, want[q]) {
			t.Errorf("Go: %s finds %v, want %v", q, got, want[q])
		}
	}
	dir := t.TempDir()
	writeDir(t, dir, docs, Options{})
	var res []jsResult
	node(t, dir, "query", qs, &res)
	for i, q := range qs {
		var got []string
		for _, s := range res[i].Shown {
			got = append(got, s.URL)
		}
		slices.Sort(got)
		if !slices.Equal(got, want[q]) {
			t.Errorf("search.js: %s finds %v, want %v", q, got, want[q])
		}
	}
}

// A doc's cut is the same however it is indexed: Update indexes an edited
// doc again with the same cap as Write, and its files are Write's.
func TestDocGramCapUpdate(t *testing.T) {
	smallCap(t, 4000, 500)
	docs := append(synthetic(100), randomDoc(7, 6000))
	if _, cut := Unindexed(&docs[len(docs)-1]); !cut {
		t.Fatal("the big doc is not cut")
	}
	mem := output.NewMemory()
	st, err := Write(docs, mem, Options{})
	if err != nil {
		t.Fatal(err)
	}
	edited := cloneDocs(docs)
	edited[len(edited)-1].Body = "党建引领" + edited[len(edited)-1].Body
	want, got := output.NewMemory(), output.NewMemory()
	if _, err := Write(edited, want, Options{}); err != nil {
		t.Fatal(err)
	}
	up, err := Update(edited, docHashes(edited), prevOf(docs, mem, st, got), got, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !up.Updated || up.Reindexed == len(docs) {
		t.Fatalf("updated %v, %d docs indexed again: the test needs an update", up.Updated, up.Reindexed)
	}
	sameFiles(t, "a cut doc edited", want, got)
}

// Unindexed looks at a doc whose text is not valid UTF-8 by what the index
// reads: every invalid byte of the body (\x80, counted as no character by
// textLen) a character of its own, and grams with it.
func TestUnindexedInvalidUTF8(t *testing.T) {
	smallCap(t, 4000, 500)
	var b strings.Builder
	for _, r := range randomDoc(8, 1100).Body {
		b.WriteRune(r)
		b.WriteByte(0x80)
	}
	d := Doc{URL: "/news/bad/", Title: "乱码", Kind: "news", Body: b.String()}
	if 3*d.textLen() > maxDocGrams-fieldGrams {
		t.Fatalf("textLen %d: the test needs fewer characters counted than the cap's third", d.textLen())
	}
	w := &worker{avgdl: 1, hold: true}
	w.index(0, &d)
	if w.cutAt < 0 {
		t.Fatal("the index does not cut the doc: the test needs it cut")
	}
	if _, cut := Unindexed(&d); !cut {
		t.Error("Unindexed: not cut")
	}
}
