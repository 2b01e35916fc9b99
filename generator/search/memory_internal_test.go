package search

import (
	"math/rand/v2"
	"runtime"
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

// heapPer is the live heap that fn leaves (after a collection), and
// what it allocated in all, per n.
func heapPer(n int, fn func()) (held, allocated float64) {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	fn()
	runtime.GC()
	runtime.ReadMemStats(&b)
	return float64(int64(b.HeapAlloc)-int64(a.HeapAlloc)) / float64(n), float64(b.TotalAlloc-a.TotalAlloc) / float64(n)
}

// A page of random characters has about two distinct grams a character,
// nearly all in that doc only, and a worker keeps them all until the lists
// are joined: its state for such a gram is small (a 3 MB page has two
// million). It was 120 bytes and a chunk of 16 for a trigram's position.
func TestWorkerBytesPerGram(t *testing.T) {
	docs := []Doc{randomDoc(3, 100_000)}
	dls, avgdl := docLens(docs, []int{0}, 1)
	var ws []*worker
	held, _ := heapPer(1, func() { ws = gather(docs, []int{0}, 1, nil, dls, avgdl, nil) })
	grams := ws[0].tab.n
	per := held / float64(grams)
	t.Logf("a worker holds %.0f bytes per distinct gram (%d grams)", per, grams)
	if per > 64 {
		t.Errorf("a worker holds %.0f bytes per distinct gram (%d grams)", per, grams)
	}
	runtime.KeepAlive(ws)
}

// Joining the workers' parts makes a list per distinct gram: a list is
// small, its pieces and first entries come from blocks, and the lists are
// made once (joinAll). With a list of 136 bytes, its parts allocated one
// by one and the parts' lists concatenated, joining took 450 bytes per
// gram, and the lists held 215.
func TestJoinBytesPerGram(t *testing.T) {
	docs := []Doc{randomDoc(4, 60_000), randomDoc(5, 60_000)}
	docs[1].URL = "/news/big2/"
	order := newestFirst(docs)
	dls, avgdl := docLens(docs, order, 2)
	ws := gather(docs, order, 2, nil, dls, avgdl, nil)
	var lists []list
	held, allocated := heapPer(1, func() { lists = joinAll(ws, 1000, 2) })
	n := float64(len(lists))
	t.Logf("the %d lists hold %.0f bytes a gram; joining allocated %.0f", len(lists), held/n, allocated/n)
	if held/n > 150 || allocated/n > 450 {
		t.Errorf("the %d lists hold %.0f bytes a gram; joining allocated %.0f", len(lists), held/n, allocated/n)
	}
	runtime.KeepAlive(ws)
}
