package search

import (
	"math/bits"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Gram gathering: each worker indexes a contiguous range of doc ids into
// lists of its own.

// newestFirst is the doc ids' order: ids go newest first, so ranking breaks
// ties by the smaller id. order[id] is the doc's index in docs.
func newestFirst(docs []Doc) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &docs[order[i]], &docs[order[j]]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.URL < b.URL
	})
	return order
}

// gather indexes the docs on up to nw workers, each over a contiguous id
// range of about equal text, and returns them in id order. With drop, each
// doc's Body is handed to it and emptied once it is indexed
// (Options.DropTexts); with spill, the
// lists' big full chunks go to its file (Options.SpillLists). dls and
// avgdl are the docs' lengths by id and their average (docLens).
func gather(docs []Doc, order []int, nw int, drop func(id int, body string), dls []int, avgdl float64, spill *chunkSpill) []*worker {
	total := 0
	for _, n := range dls {
		total += n
	}
	// Workers take contiguous id ranges of about equal text.
	nw = max(1, min(nw, len(docs)/64+1))
	bounds := []int{0}
	acc := 0
	for id, n := range dls {
		acc += n
		if len(bounds) < nw && acc*nw >= total*len(bounds) {
			bounds = append(bounds, id+1)
		}
	}
	for len(bounds) <= nw {
		bounds = append(bounds, len(docs))
	}
	bounds[nw] = len(docs)
	ws := make([]*worker, nw)
	var wg sync.WaitGroup
	for i := range ws {
		ws[i] = &worker{avgdl: avgdl, spill: spill}
		wg.Add(1)
		go func(wk *worker, lo, hi int) {
			defer wg.Done()
			for id := lo; id < hi; id++ {
				wk.index(int32(id), &docs[order[id]])
				if drop != nil {
					drop(id, docs[order[id]].Body)
					docs[order[id]].Body = ""
				}
			}
			wk.flush()
			wk.release()
		}(ws[i], bounds[i], bounds[i+1])
	}
	wg.Wait()
	return ws
}

// docLens returns each doc's text length by id and their average: BM25
// needs the average before the first list entry.
func docLens(docs []Doc, order []int, nw int) ([]int, float64) {
	dls := make([]int, len(docs))
	forRanges(len(docs), nw, func(lo, hi int) {
		for id := lo; id < hi; id++ {
			dls[id] = docs[order[id]].textLen()
		}
	})
	total := 0
	for _, n := range dls {
		total += n
	}
	avgdl := 1.0
	if len(docs) > 0 {
		avgdl = max(1, float64(total)/float64(len(docs)))
	}
	return dls, avgdl
}

// gstate is one gram's list as one worker builds it over its docs. The
// first doc of the list is kept apart (first, firstQ) so that the workers'
// parts join with one re-encoded gap. It is small, and a list's chunks are
// apart (more), because most grams of a page of many distinct grams (random
// characters, a pasted table of codes) are in that one doc, once: with the
// chunks in it, at two million such grams a state was 120 bytes and the
// states 240 MB.
type gstate struct {
	first  int32 // first doc of the list, -1 none
	firstX int32 // and its band's extra digit (see extra), -1 none
	prev   int32 // last doc written to the list
	// firstPos is the first doc's one position (a trigram that occurs once
	// there), kept here and not in the chunks; -1: none, or in the chunks.
	firstPos int32
	more     int32 // 1 + the index in the worker's more of its chunks; 0 none
	firstQ   int8  // the first doc's score step
}

// gramMore is a gram's list past its first doc (gstate): the ends of the
// doc list and the positions, each in a chunk of its own, and the full
// chunks before them.
type gramMore struct {
	docs, pos    []byte
	dfull, pfull [][]byte
	// With spill, a nil full chunk is in its file, at the next of spans[0]
	// (doc list) or spans[1] (positions).
	spans *[2][]span
}

// A list grows in chunks of doubling size that are never copied: growing
// one slice by append left, at 10,000 pages, about as much garbage and
// unused capacity as the 116 MB of lists themselves, and that was most of
// the build's peak memory.
const (
	minChunk = 16
	maxChunk = 2048
)

// appendChunked appends v's digits to the chunk cur, first moving cur to
// full and starting a new chunk if they might not fit. The common case, one
// digit with room for it, is small enough to be inlined.
func appendChunked(cur []byte, full *[][]byte, v int) []byte {
	if uint(v) < radix && len(cur) < cap(cur) {
		return append(cur, digitChar[v])
	}
	return appendChunkedSlow(cur, full, v)
}

func appendChunkedSlow(cur []byte, full *[][]byte, v int) []byte {
	if len(cur)+maxDigits > cap(cur) {
		if len(cur) > 0 {
			*full = append(*full, cur)
		}
		cur = make([]byte, 0, min(maxChunk, max(minChunk, 2*cap(cur))))
	}
	if uint(v) < radix*radix {
		// Most position gaps take two digits.
		if v < radix {
			return append(cur, digitChar[v])
		}
		return append(cur, digitChar[radix+v/radix], digitChar[v%radix])
	}
	return appendLongVarint(cur, v)
}

// maxDigits is the most digits appendVarint writes for an int32.
const maxDigits = 6

// gramTable maps gram keys to small ids: open addressing, linear probing.
type gramTable struct {
	keys []gramKey
	ids  []int32
	n    int
	// probes counts the occupied slots get has stepped past: about one
	// for every two keys added, unless keys cluster (tests check).
	probes int
}

// slot is where a key's probe starts in a table of size 2^b: the top bits
// of a multiplicative hash (the low bits of a key are zero for unigrams).
func slot(k gramKey, size int) uint64 {
	return uint64(k) * 0x9E3779B97F4A7C15 >> (64 - bits.TrailingZeros(uint(size)))
}

func (t *gramTable) get(k gramKey, add func(gramKey) int32) int32 {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := slot(k, len(t.keys))
	for {
		switch t.keys[i] {
		case k:
			return t.ids[i]
		case 0:
			t.keys[i] = k
			id := add(k)
			t.ids[i] = id
			t.n++
			return id
		}
		i = (i + 1) & mask
		t.probes++
	}
}

func (t *gramTable) grow() { t.resize(max(1<<12, 2*len(t.keys))) }

// has reports whether k is in the table.
func (t *gramTable) has(k gramKey) bool {
	if len(t.keys) == 0 {
		return false
	}
	mask := uint64(len(t.keys) - 1)
	for i := slot(k, len(t.keys)); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// reserve makes room for n keys in all, so that adding them does not grow
// the table on the way. Grams are added in the order of their hash (a
// batch is sorted by entryBits, and ids follow that order): while the
// table is smaller than they need, they all fall into its first slots, one
// cluster that every later gram walks through. One page of 400,000 random
// Chinese characters took 32 s to index, 3,000,000 over ten minutes.
func (t *gramTable) reserve(n int) {
	size := max(1<<12, len(t.keys))
	for 2*(n+1) > size {
		size *= 2
	}
	if size > len(t.keys) {
		t.resize(size)
	}
}

// reserveFresh reserves room for the keys of next (in the order they will
// be added) that are not in the table yet. Counting them costs a lookup
// each, so it is done only when the table could not take them all.
func (t *gramTable) reserveFresh(n int, key func(i int) gramKey) {
	if 2*(t.n+n+1) <= len(t.keys) {
		return
	}
	fresh := 0
	for i := range n {
		if !t.has(key(i)) {
			fresh++
		}
	}
	t.reserve(t.n + fresh)
}

func (t *gramTable) resize(n int) {
	old, oldIDs := t.keys, t.ids
	t.keys, t.ids, t.n = make([]gramKey, n), make([]int32, n), 0
	for i, k := range old {
		if k != 0 {
			id := oldIDs[i]
			t.get(k, func(gramKey) int32 { return id })
		}
	}
}

// worker indexes a contiguous range of doc ids.
//
// A doc is first gathered in a small table of its own grams (it stays in
// the processor's cache); its distinct grams then wait in a batch, which is
// sorted by gram and added to the worker's lists a gram at a time.
type worker struct {
	tab   gramTable
	st    []gstate
	more  []gramMore // gstate.more
	keys  []gramKey  // gram id → key
	rs    []rune
	avgdl float64
	spill *chunkSpill
	// This doc's grams: a table of local indexes, stamped with the doc so
	// that it needs no clearing, and per local gram its key, weighted term
	// frequency and occurrences (trigrams: a linked list in occ/next).
	lslots    []lslot
	lgrams    []lgram
	occ, next []int32
	// Where each doc indexed starts its parts, from doc id base on.
	cuts  []docCuts
	lines []int32 // where each doc's heading and field lines start (docCuts)
	shown []bool  // shownRunes
	base  int32
	// The grams of the docs not yet added to the lists (see flush), their
	// positions, and scratch space to sort them.
	batch, tmp []entry
	bocc       []int32
	// hold keeps every entry in the batch, unflushed (update reads them).
	hold bool
	// cutAt is where the cap left the last doc indexed (maxDocGrams): the
	// position of the first character not read, -1 none.
	cutAt int32
}

// lslot is a slot of the doc-local table; one probe reads one cache line.
type lslot struct {
	key       gramKey
	stamp, li int32
}

// lgram is one gram of the doc being indexed.
type lgram struct {
	key              gramKey
	wtf              float32
	head, tail, nocc int32
	band             uint8 // the best part the gram occurs in
	// inCard: an occurrence in the headings and fields is in the part of
	// them the doc's card shows (shownFields).
	inCard bool
}

// The part of a doc's text a gram occurs in, best last: ranking puts the
// docs whose title has the query first, then those whose headings or
// fields have it, then the rest.
const (
	bandBody = iota
	bandField
	bandTitle
	// bandFieldBeyond is bandField in a doc entry (docq) whose gram occurs
	// in the headings and fields only beyond the part the card shows: the
	// list marks it (extra) so that search.js asks for such a result's
	// text file, not its card, with the positions.
	bandFieldBeyond
)

func (w *worker) newGram(k gramKey) int32 {
	w.st = append(w.st, gstate{first: -1, firstPos: -1})
	w.keys = append(w.keys, k)
	return int32(len(w.st) - 1)
}

// local returns the doc-local gram k, adding it. The pointer is good until
// the next call.
func (w *worker) local(k gramKey, stamp int32) *lgram {
	if 2*(len(w.lgrams)+1) > len(w.lslots) {
		w.growLocal(stamp)
	}
	mask := uint64(len(w.lslots) - 1)
	i := slot(k, len(w.lslots))
	for {
		sl := &w.lslots[i]
		if sl.stamp != stamp {
			*sl = lslot{key: k, stamp: stamp, li: int32(len(w.lgrams))}
			w.lgrams = append(w.lgrams, lgram{key: k, head: -1, tail: -1})
			return &w.lgrams[len(w.lgrams)-1]
		}
		if sl.key == k {
			return &w.lgrams[sl.li]
		}
		i = (i + 1) & mask
	}
}

// fold appends the folded runes of s to rs, spaces as 0.
func fold(rs []rune, s string) []rune {
	for _, r := range s {
		r = foldRune(r)
		if IsSpace(r) {
			r = 0
		}
		rs = append(rs, r)
	}
	return rs
}

// runes fills w.rs with the folded runes of d.Text() (spaces as 0) and
// returns where body, headings and fields start, without building the text.
func (w *worker) runes(d *Doc) [3]int {
	if !utf8.ValidString(d.Body) {
		text, cut := d.text()
		w.rs = fold(w.rs[:0], text)
		return cut
	}
	var cut [3]int
	rs := fold(w.rs[:0], d.Title)
	rs = append(rs, 0)
	cut[0] = len(rs)
	rs = append(fold(rs, d.Body), 0)
	cut[1] = len(rs)
	for _, h := range d.Headings {
		w.lines = append(w.lines, int32(len(rs)))
		rs = append(fold(rs, h), 0)
	}
	cut[2] = len(rs)
	for _, f := range d.Fields {
		w.lines = append(w.lines, int32(len(rs)))
		rs = append(fold(rs, f), 0)
	}
	w.rs = rs
	return cut
}

// growLocal doubles the doc-local table, keeping this doc's grams.
func (w *worker) growLocal(stamp int32) {
	size := max(1<<12, 2*len(w.lslots))
	w.lslots = make([]lslot, size)
	for i := range w.lslots {
		w.lslots[i].stamp = -1
	}
	mask := uint64(size - 1)
	for li, g := range w.lgrams {
		i := slot(g.key, size)
		for w.lslots[i].stamp == stamp {
			i = (i + 1) & mask
		}
		w.lslots[i] = lslot{key: g.key, stamp: stamp, li: int32(li)}
	}
}

func (w *worker) index(id int32, d *Doc) {
	lines := int32(len(w.lines))
	cut := w.runes(d)
	rs := w.rs
	n := len(rs)
	shown := w.shownRunes(d, cut)
	w.lgrams, w.occ, w.next = w.lgrams[:0], w.occ[:0], w.next[:0]
	w.cutAt = -1
	for i, r := range rs {
		if r == 0 {
			continue
		}
		// A character adds up to three grams.
		if k := len(w.lgrams) + 3; k > maxDocGrams-fieldGrams && (i < cut[1] || k > maxDocGrams) {
			if w.cutAt < 0 {
				w.cutAt = int32(i)
			}
			continue
		}
		wt, band := partWeight[2], uint8(bandField) // fields
		switch {
		case i < cut[0]:
			wt, band = partWeight[0], bandTitle
		case i < cut[1]:
			wt, band = partWeight[3], bandBody
		case i < cut[2]:
			wt, band = partWeight[1], bandField
		}
		// A gram starting at i is in the card when it ends in the same
		// shown item (items end with a 0, which no gram spans); with no
		// map (shownRunes), as if it were, the card read as before.
		inCard := band == bandField && (shown == nil || shown[i])
		k := gramKey(r) << 42
		g := w.local(k, id)
		g.wtf += wt
		g.band = max(g.band, band)
		g.inCard = g.inCard || inCard
		if i+1 < n && rs[i+1] != 0 {
			k |= gramKey(rs[i+1]) << 21
			g := w.local(k, id)
			g.wtf += wt
			g.band = max(g.band, band)
			g.inCard = g.inCard || inCard
			if i+2 < n && rs[i+2] != 0 {
				g := w.local(k|gramKey(rs[i+2]), id)
				g.wtf += wt
				g.band = max(g.band, band)
				g.inCard = g.inCard || inCard
				o := int32(len(w.occ))
				w.occ = append(w.occ, int32(i))
				w.next = append(w.next, -1)
				if g.nocc == 0 {
					g.head = o
				} else {
					w.next[g.tail] = o
				}
				g.tail = o
				g.nocc++
			}
		}
	}
	if len(w.cuts) == 0 {
		w.base = id
	}
	nlines := int32(len(w.lines)) - lines
	if nlines == 0 && len(d.Headings)+len(d.Fields) > 0 {
		nlines = -1 // text not valid UTF-8: runes laid it out without its lines
	}
	w.cuts = append(w.cuts, docCuts{title: int32(cut[0] - 1), fields: int32(cut[1]), lines: lines, nlines: nlines})
	norm := docNorm(n, w.avgdl)
	for i := range w.lgrams {
		g := &w.lgrams[i]
		q := scoreStep(float64(g.wtf), norm)
		band := g.band
		if band == bandField && !g.inCard {
			band = bandFieldBeyond
		}
		e := entry{key: g.key, docq: uint32(id)<<6 | uint32(band)<<4 | uint32(q), pos: noPos}
		switch c := g.nocc; {
		case c == 1:
			e.pos = onePos | uint32(w.occ[g.head])
		case c > 1:
			e.pos = uint32(len(w.bocc))
			w.bocc = append(w.bocc, c)
			for o := g.head; o >= 0; o = w.next[o] {
				w.bocc = append(w.bocc, w.occ[o])
			}
		}
		w.batch = append(w.batch, e)
	}
	w.shrinkLocal()
	if len(w.batch) >= batchEntries && !w.hold {
		w.flush()
	}
}

// bigLocal is the most doc-local grams whose table and scratch a worker
// keeps for the next doc: a page of a million distinct grams (random
// characters, a pasted table of codes) made them about 200 MB, held on
// through the lists' peak.
const bigLocal = 1 << 16

// shrinkLocal lets the doc-local table and scratch go once a doc has used
// more than bigLocal of them; the next doc makes small ones again.
func (w *worker) shrinkLocal() {
	if len(w.lslots) > 4*bigLocal {
		w.lslots, w.lgrams = nil, nil
	}
	if cap(w.occ) > 4*bigLocal {
		w.occ, w.next = nil, nil
	}
	if cap(w.rs) > 4*bigLocal {
		w.rs, w.shown = nil, nil
	}
}

// release drops what only indexing needs, once the worker's docs are all
// in its lists: join reads only the grams' states, keys and chunks. The
// table keeps its counts (tests).
func (w *worker) release() {
	w.tab.keys, w.tab.ids = nil, nil
	w.rs, w.shown, w.lslots, w.lgrams, w.occ, w.next = nil, nil, nil, nil, nil, nil
	w.cuts, w.lines = nil, nil
	w.batch, w.tmp, w.bocc = nil, nil, nil
}

// maxDocGrams caps the distinct grams indexed of one doc. The index holds
// a few hundred bytes per distinct gram of the site until its files are
// written, and a page of random characters (or a pasted table of codes)
// has two a character: one of 3 MB took 1.2 GB to build, one of 9 MB more
// than 4 GB. Prose has fewer (a 3 MB report of repeated paragraphs a few
// thousand); a page that reaches the cap has the rest of its body left out
// of the index (Unindexed tells where), not its headings and fields, for
// which fieldGrams of the cap are kept. Every way a doc is indexed (Write,
// Update) cuts it the same, so search.js finds what the index holds and no
// more: a term beyond the cut finds nothing in the doc, one before it is
// found as before.
//
// (Variables so that tests can cut small docs.)
var (
	maxDocGrams = 1 << 20
	fieldGrams  = 1 << 16
)

// Unindexed reports whether the index leaves part of d's body out
// (maxDocGrams), and the character of the body (from 0) where that part
// starts. It indexes d again, so it looks only at a doc long enough to
// reach the cap.
func Unindexed(d *Doc) (int, bool) {
	// A character adds up to three grams, and takes a byte or more (an
	// invalid byte one character); textLen counts characters only for
	// valid UTF-8.
	bytes := len(d.Title) + len(d.Body) + 2
	for _, s := range slices.Concat(d.Headings, d.Fields) {
		bytes += len(s) + 1
	}
	if limit := maxDocGrams - fieldGrams; 3*bytes <= limit || 3*d.textLen() <= limit && d.validUTF8() {
		return 0, false
	}
	w := &worker{avgdl: 1, hold: true}
	w.index(0, d)
	if w.cutAt < 0 {
		return 0, false
	}
	// (A cut in the headings, after the body: its end.)
	title := utf8.RuneCountInString(d.Title) + 1
	return min(max(0, int(w.cutAt)-title), utf8.RuneCountInString(d.Body)), true
}

func (d *Doc) validUTF8() bool {
	for _, s := range slices.Concat([]string{d.Title, d.Body}, d.Headings, d.Fields) {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// docNorm is BM25's length normalization of a doc dl characters long
// (its text's runes, as the indexer sees them).
func docNorm(dl int, avgdl float64) float64 {
	return k1 * (1 - b + b*float64(dl)/avgdl)
}

// scoreStep is the score step (1…maxQ) of a gram with weighted term
// frequency tf in a doc of normalization norm. The conversion keeps the
// compiler from fusing the multiply and add on some platforms, so that
// stepsChanged sees the same steps as the indexer.
func scoreStep(tf, norm float64) int32 {
	q := int32(float64(tf/(tf+norm)*maxQ) + 0.5)
	return max(1, min(maxQ, q))
}

// entry is one gram of one doc, waiting in a worker's batch: the doc and
// its score step, and where its positions are in the batch's bocc.
type entry struct {
	key  gramKey
	docq uint32 // doc id<<6 | band<<4 | score step
	pos  uint32 // noPos, onePos|the one position, or offset in bocc
}

// A gram in a doc has no positions (not a trigram), one (most trigrams:
// kept in the entry, so that adding it reads nothing else), or several
// (the count and the positions in bocc).
const (
	noPos  = ^uint32(0)
	onePos = 1 << 31
)

// batchEntries is how many doc grams a worker gathers before adding them to
// its lists. Adding them one doc at a time cost a cache miss or more per
// gram (its id, its state and its list's end, each somewhere in tens of
// megabytes); sorted by gram, a batch touches each of its grams once, and
// a common gram gets the entries of dozens of docs in one go. 2^18 entries
// (4 MB, and as much again to sort) are about 70 pages' grams.
const batchEntries = 1 << 18

// flush adds the batch to the worker's lists, gram by gram, and empties it.
// The sort is stable, so each gram's entries stay in doc order. Two grams
// may share the hash bits, and their entries then interleave: each stretch
// of one gram is added on its own, still in doc order.
func (w *worker) flush() {
	a := radixSortEntries(w.batch, &w.tmp)
	// A gram's entries may be several runs (see above): a key counted
	// twice only reserves a little more.
	var runs []int
	for i := range a {
		if i == 0 || a[i].key != a[i-1].key {
			runs = append(runs, i)
		}
	}
	w.tab.reserveFresh(len(runs), func(i int) gramKey { return a[runs[i]].key })
	for i := 0; i < len(a); {
		j := i + 1
		for j < len(a) && a[j].key == a[i].key {
			j++
		}
		w.add(a[i:j])
		i = j
	}
	w.batch, w.bocc = w.batch[:0], w.bocc[:0]
	// One huge doc made the batch as big as its grams: let it go.
	if cap(w.batch) > 2*batchEntries {
		w.batch, w.tmp = nil, nil
	}
	// A batch of common grams has several positions an entry: bocc
	// goes only when far beyond that (letting it go after every batch
	// made a 1,000-page index allocate 10% more).
	if cap(w.bocc) > 16*batchEntries {
		w.bocc = nil
	}
}

// add appends the entries of one gram, in doc order, to its lists.
func (w *worker) add(run []entry) {
	g := w.tab.get(run[0].key, w.newGram)
	s := &w.st[g]
	var m *gramMore
	if s.first < 0 {
		e := &run[0]
		id := int32(e.docq >> 6)
		s.first, s.firstQ, s.firstX, s.prev = id, int8(e.docq&15), w.extra(e), id
		run = run[1:]
		switch {
		case e.pos == noPos:
		case e.pos&onePos != 0:
			s.firstPos = int32(e.pos &^ onePos)
		default:
			m = w.moreOf(s)
			m.pos = w.appendPos(m.pos, &m.pfull, e)
			w.spillChunks(m)
		}
		if len(run) == 0 {
			return
		}
	}
	if m == nil {
		m = w.moreOf(s)
	}
	docs, pos, prev := m.docs, m.pos, s.prev
	d0, p0 := unsafe.SliceData(docs), unsafe.SliceData(pos)
	dfull, pfull := &m.dfull, &m.pfull
	for i := range run {
		e := &run[i]
		id, q, x := int32(e.docq>>6), int32(e.docq&15), w.extra(e)
		if x < 0 {
			docs = appendChunked(docs, dfull, int(id-prev-1)*steps+int(q))
		} else {
			docs = appendChunked(docs, dfull, int(id-prev-1)*steps)
			docs = appendChunked(docs, dfull, int(x))
		}
		prev = id
		switch {
		case e.pos == noPos:
		case e.pos&onePos != 0:
			pos = appendChunked(pos, pfull, 0)
			pos = appendChunked(pos, pfull, int(e.pos&^onePos))
		default:
			pos = w.appendPos(pos, pfull, e)
		}
	}
	m.docs, m.pos, s.prev = docs, pos, prev
	// A chunk was filled only if the current one is another: most runs
	// fill none, and looking at the gram's full chunks costs cache misses.
	if w.spill != nil && (unsafe.SliceData(docs) != d0 || unsafe.SliceData(pos) != p0) {
		w.spillChunks(m)
	}
}

// moreOf returns the chunks of gram state s, making them.
func (w *worker) moreOf(s *gstate) *gramMore {
	if s.more == 0 {
		w.more = append(w.more, gramMore{})
		s.more = int32(len(w.more))
	}
	return &w.more[s.more-1]
}

// appendPos appends the positions of e, a doc entry with several, to pos.
func (w *worker) appendPos(pos []byte, full *[][]byte, e *entry) []byte {
	c := w.bocc[e.pos]
	pos = appendChunked(pos, full, int(c)-1)
	last := int32(-1)
	for _, p := range w.bocc[e.pos+1 : e.pos+1+uint32(c)] {
		pos = appendChunked(pos, full, int(p-last-1))
		last = p
	}
	return pos
}

// spillChunks writes out a gram's full chunks of minSpill bytes or more.
func (w *worker) spillChunks(m *gramMore) {
	if w.spill == nil {
		return
	}
	ready := func(full [][]byte) bool {
		return len(full) > 0 && full[len(full)-1] != nil && cap(full[len(full)-1]) >= minSpill
	}
	if !ready(m.dfull) && !ready(m.pfull) {
		return
	}
	if m.spans == nil {
		m.spans = new([2][]span)
	}
	m.spans[0] = w.spill.spillFull(m.dfull, m.spans[0])
	m.spans[1] = w.spill.spillFull(m.pfull, m.spans[1])
}

// extra is what follows a doc list entry whose gram occurs in the title or
// the headings and fields: such an entry's step is 0 and the extra value
// x = step−1 | band<<3 | more<<5 follows it, band 3 for the headings and
// fields when the gram occurs there only beyond what the doc's card shows.
// more is fieldLines (6 bits) and, for the title band, the title's length
// in characters above it: title length<<6 | fieldLines. -1: a body-only
// entry, none follows. Most entries are body-only and cost no more than
// before.
func (w *worker) extra(e *entry) int32 {
	band := int32(e.docq>>4) & 3
	if band == bandBody {
		return -1
	}
	c := w.cuts[int32(e.docq>>6)-w.base]
	more := w.fieldLines(e, c)
	if band == bandTitle {
		more |= c.title << 6
	}
	return int32(e.docq&15) - 1 | band<<3 | more<<5
}

// fieldLines is the set of the doc's heading and field lines that hold a
// trigram: bit k for the lines whose index is k mod fieldMod; 0 for
// another gram, or a trigram not there.
//
// A term is within one line (no gram spans two), so a doc whose term's
// trigrams have no line in common does not hold the term in its headings
// and fields: search.js (likely) tells so before the positions are read.
// A news item naming 秭归县人民医院 and 芗城区第一人民医院 on two lines
// holds every trigram of 秭归县第一人民医院 in its fields, one titled
// 德城区… with 上虞区中医院 in its fields both of 德城区中医院's, and both
// took the cards of the pages that hold the name a wave later. A page that
// holds the term always has a line in common: the sets only ever pass over
// a page that does not (or, where two lines share a bit, fail to).
func (w *worker) fieldLines(e *entry, c docCuts) int32 {
	if e.pos == noPos {
		return 0
	}
	if c.nlines < 0 {
		return 1<<fieldMod - 1 // lines unknown: any
	}
	one := [1]int32{int32(e.pos &^ onePos)}
	ps := one[:]
	if e.pos&onePos == 0 {
		ps = w.bocc[e.pos+1 : e.pos+1+uint32(w.bocc[e.pos])]
	}
	lines := w.lines[c.lines : c.lines+c.nlines]
	i, _ := slices.BinarySearch(ps, c.fields)
	var set int32
	for _, p := range ps[i:] {
		l, found := slices.BinarySearch(lines, p)
		if !found {
			l--
		}
		set |= 1 << (l % fieldMod)
	}
	return set
}

// docCuts is where a doc's text, as the indexer reads it, has its parts:
// the title's length, where the headings and fields begin, and where each
// of their lines does (w.lines[lines:lines+nlines]; nlines −1: unknown).
type docCuts struct{ title, fields, lines, nlines int32 }

// fieldMod is the bits of fieldLines: the title band keeps 6 bits for
// them, and a field entry's extra value stays within two digits unless
// all are set (62<<5 | 31 < radix²).
const fieldMod = 6

// shownRunes marks, by position in the doc's indexed text (runes: title,
// body, headings, fields), the characters of the headings and fields that
// its card shows (Doc.shownFields: whole fields, then headings, while
// they fit in fieldRunes). Nil for a text not valid UTF-8, which runes
// lays out otherwise.
func (w *worker) shownRunes(d *Doc, cut [3]int) []bool {
	shown := w.shown[:0]
	if !utf8.ValidString(d.Body) {
		w.shown = shown
		return nil
	}
	for range w.rs {
		shown = append(shown, false)
	}
	w.shown = shown
	budget := fieldRunes
	mark := func(start int, items []string) bool {
		for _, s := range items {
			k := utf8.RuneCountInString(s)
			if k+1 > budget {
				return false
			}
			budget -= k + 1
			for i := start; i < start+k && i < len(shown); i++ {
				shown[i] = true
			}
			start += k + 1
		}
		return true
	}
	if mark(cut[2], d.Fields) {
		mark(cut[1], d.Headings)
	}
	return shown
}

// entryBits are the 22 hash bits of a gram that a batch is sorted by.
func entryBits(k gramKey) uint32 {
	return uint32(uint64(k) * 0x9E3779B97F4A7C15 >> 42)
}

// radixSortEntries sorts a by entryBits, stably, in two passes of 11 bits,
// through the scratch slice *tmp; it returns the sorted slice (a or *tmp).
func radixSortEntries(a []entry, tmp *[]entry) []entry {
	if cap(*tmp) < len(a) {
		*tmp = make([]entry, len(a), cap(a))
	}
	t := (*tmp)[:len(a)]
	var lo, hi [1 << 11]int32
	for i := range a {
		h := entryBits(a[i].key)
		lo[h&(1<<11-1)]++
		hi[h>>11]++
	}
	sumLo, sumHi := int32(0), int32(0)
	for i := range lo {
		lo[i], sumLo = sumLo, sumLo+lo[i]
		hi[i], sumHi = sumHi, sumHi+hi[i]
	}
	for _, e := range a {
		b := entryBits(e.key) & (1<<11 - 1)
		t[lo[b]] = e
		lo[b]++
	}
	for _, e := range t {
		b := entryBits(e.key) >> 11
		a[hi[b]] = e
		hi[b]++
	}
	return a
}

// forRanges calls fn on n goroutines' shares of [0, total) and waits.
func forRanges(total, n int, fn func(lo, hi int)) {
	n = max(1, min(n, total/256))
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(total*i/n, total*(i+1)/n)
		}()
	}
	wg.Wait()
}
