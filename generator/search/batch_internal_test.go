package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Grams are sorted by 22 hash bits (entryBits), not by the whole gram, so
// two grams that share the bits have their entries interleaved in a batch.
// Each must still get exactly its own docs, across several batches.
func TestBatchCollidingGrams(t *testing.T) {
	// (One-character grams never share them: the multiplier is odd.)
	bi := collidingGrams(t, func(r *rand.Rand) []rune { return []rune{cjk(r), cjk(r)} })
	tri := collidingGrams(t, func(r *rand.Rand) []rune { return []rune{cjk(r), cjk(r), cjk(r)} })

	r := rand.New(rand.NewPCG(5, 6))
	var docs []Doc
	grams := 0
	for i := range 300 {
		var b strings.Builder
		for range 900 {
			b.WriteRune(cjk(r))
		}
		for j, g := range append(bi, tri...) {
			if i%(j+2) == 0 {
				// Several times in some docs, so counts and positions vary.
				b.WriteString(strings.Repeat(g+"，", 1+i%3))
			}
		}
		d := Doc{URL: fmt.Sprintf("/news/c%03d/", i), Title: "第" + fmt.Sprint(i) + "篇", Kind: "news", Body: b.String()}
		grams += distinctGrams(d.Text())
		docs = append(docs, d)
	}
	if grams < 2*batchEntries {
		t.Fatalf("the docs hold %d doc grams, too few for several batches of %d", grams, batchEntries)
	}

	w, _ := build(t, docs, Options{Workers: 1})
	ix, err := Open(w.fs, "search")
	if err != nil {
		t.Fatal(err)
	}
	queries := append(append([]string{}, bi...), tri...)
	queries = append(queries, tri[0]+"，", bi[0]+"，"+bi[0])
	for _, q := range queries {
		got, _ := searchURLs(t, ix, q)
		want := containing(docs, q)
		if len(want) == 0 {
			t.Fatalf("%q is in no doc: the test finds nothing", q)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %d docs, want %d:\n got %v\nwant %v", q, len(got), len(want), got, want)
		}
	}
}

// collidingGrams returns two different grams of the same length whose keys
// share entryBits.
func collidingGrams(t *testing.T, gen func(*rand.Rand) []rune) []string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[uint32]string{}
	for range 1 << 20 {
		g := gen(r)
		k := gramKey(g[0])<<42 | gramKey(g[1])<<21
		if len(g) == 3 {
			k |= gramKey(g[2])
		}
		s := string(g)
		if other, ok := seen[entryBits(k)]; ok && other != s {
			return []string{other, s}
		}
		seen[entryBits(k)] = s
	}
	t.Fatal("no colliding grams found")
	return nil
}

// distinctGrams counts the one-, two- and three-character grams of text.
func distinctGrams(text string) int {
	seen := map[string]bool{}
	for _, part := range strings.Fields(text) {
		rs := []rune(part)
		for i := range rs {
			for n := 1; n <= 3 && i+n <= len(rs); n++ {
				seen[string(rs[i:i+n])] = true
			}
		}
	}
	return len(seen)
}

// cjk is a random common Chinese character.
func cjk(r *rand.Rand) rune { return rune(0x4E00 + r.IntN(0x9FA5-0x4E00)) }

// A page of many distinct grams (random Chinese characters; a pasted list
// of codes) is indexed in linear time. Its grams reach the gram tables in
// hash order, and while a table was smaller than they needed they piled up
// in its first slots, where every later gram walked through them: 400,000
// characters took 32 s, 3,000,000 over ten minutes.
func TestManyDistinctGramsDoNotCluster(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	for range 120_000 {
		b.WriteRune(cjk(r))
	}
	docs := []Doc{{URL: "/news/big/", Title: "大", Kind: "news", Body: b.String()}}
	dls := []int{len([]rune(docs[0].Text()))}
	ws := gather(docs, []int{0}, 1, nil, dls, float64(dls[0]), nil)
	tab := &ws[0].tab
	if tab.n < 200_000 {
		t.Fatalf("only %d grams: the test adds too few to show clustering", tab.n)
	}
	// Spread keys at most half the table full: a slot or two per key.
	if tab.probes > 4*tab.n {
		t.Errorf("a worker's gram table stepped past %d slots for %d grams", tab.probes, tab.n)
	}
	// The table that joins the workers' lists gets the grams in id order,
	// which is hash order too.
	var joined *gramTable
	joinedTable = func(tab *gramTable) { joined = tab }
	defer func() { joinedTable = nil }()
	if lists := join(ws, 0, 1); len(lists) != tab.n {
		t.Fatalf("%d lists for %d grams", len(lists), tab.n)
	}
	if joined.probes > 4*joined.n {
		t.Errorf("the joining gram table stepped past %d slots for %d grams", joined.probes, joined.n)
	}
}
