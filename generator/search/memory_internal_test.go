package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// randomDoc is a doc whose body is n random Chinese characters, in
// paragraphs of 1,000: about two distinct grams a character.
func randomDoc(seed uint64, n int) Doc {
	r := rand.New(rand.NewPCG(seed, seed+1))
	var b strings.Builder
	for i := range n {
		if i > 0 && i%1000 == 0 {
			b.WriteString("\n")
		}
		b.WriteRune(cjk(r))
	}
	return Doc{URL: "/news/big/", Title: "码表", Kind: "news", Body: b.String()}
}

// scratchBytes is what a worker holds for indexing only: its gram table,
// the doc-local table and scratch, and the batch.
func scratchBytes(w *worker) int {
	return cap(w.tab.keys)*int(unsafe.Sizeof(gramKey(0))) + cap(w.tab.ids)*4 +
		cap(w.lslots)*int(unsafe.Sizeof(lslot{})) + cap(w.lgrams)*int(unsafe.Sizeof(lgram{})) +
		(cap(w.occ)+cap(w.next)+cap(w.rs)+cap(w.lines)+cap(w.bocc))*4 + cap(w.shown) +
		cap(w.cuts)*int(unsafe.Sizeof(docCuts{})) + (cap(w.batch)+cap(w.tmp))*int(unsafe.Sizeof(entry{}))
}

// Once its docs are in its lists, a worker holds nothing that only
// indexing needs: join runs while the lists are all in memory, and a page
// of random characters (two distinct grams a character) had its 140 MB
// of gram table and doc-local scratch held through it.
func TestGatherReleasesScratch(t *testing.T) {
	docs := []Doc{randomDoc(1, 100_000), {URL: "/news/small/", Title: "小", Kind: "news", Body: "党建引领"}}
	dls, avgdl := docLens(docs, []int{0, 1}, 1)
	ws := gather(docs, []int{0, 1}, 1, nil, dls, avgdl, nil)
	if n := scratchBytes(ws[0]); n > 0 {
		t.Errorf("after gathering, the worker holds %d bytes of indexing scratch", n)
	}
	if ws[0].tab.n < 150_000 {
		t.Fatalf("only %d grams", ws[0].tab.n)
	}
}

// A doc of many distinct grams does not leave its doc-local table and
// scratch (and a batch as big as its grams) to the docs after it.
func TestHugeDocScratchGoes(t *testing.T) {
	big := randomDoc(2, 300_000)
	w := &worker{avgdl: 1000}
	w.index(0, &big)
	if len(w.batch) != 0 {
		t.Fatalf("the huge doc's %d entries were not flushed", len(w.batch))
	}
	if w.tab.n < 2*batchEntries {
		t.Fatalf("only %d grams", w.tab.n)
	}
	table := cap(w.tab.keys)*int(unsafe.Sizeof(gramKey(0))) + cap(w.tab.ids)*4
	doc := cap(w.cuts)*int(unsafe.Sizeof(docCuts{})) + cap(w.lines)*4
	if n := scratchBytes(w) - table - doc; n > 1<<20 {
		t.Errorf("after a doc of %d grams, the worker keeps %d bytes of doc scratch", w.tab.n, n)
	}
	small := Doc{URL: "/news/small/", Title: "小", Kind: "news", Body: "党建引领发展"}
	w.index(1, &small)
	if len(w.batch) == 0 {
		t.Fatal("the next doc made no entries")
	}
}
