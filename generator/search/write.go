package search

import (
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"dangjian/generator/output"
)

// Options tune the index layout. The zero value is the default.
type Options struct {
	// Dir is the folder under the site root that holds the index ("search").
	Dir string
	// ShardBytes is the target size of one shard file of short lists; the
	// number of shards grows with the site so that it holds. A query reads
	// one shard per gram, so this is most of what a query for a rare word
	// (or one that finds nothing) downloads.
	ShardBytes int
	// BigBytes: a gram whose list (doc list and positions) is longer gets
	// files of its own, so a query for a rare gram does not download a
	// common one's list, nor a three-character query a trigram's positions.
	BigBytes int
	// HeadRunes caps the text a result fragment carries for its snippet:
	// the title line and the start of the body, that many characters in all
	// (the whole title line when it is longer). A snippet for a match
	// elsewhere comes from the result's page (or the text files, with
	// TextDocs); search.js asks for the fragments of such results first.
	HeadRunes int
	// FragDocs is how many docs' fragments share a file (d/<id/FragDocs>).
	// Ids go newest first, so the top results of a query often share one.
	FragDocs int
	// TextDocs, when set, stores the whole text of every doc whose head is
	// not all of it, that many docs to a file (x/<id/TextDocs>), for snippets of matches beyond the
	// head. By default there is none: the page fetches the result's own
	// HTML page for those (over http; from file:// it shows the head), which
	// costs less per query than a shared text file and nothing in the index.
	TextDocs int
	// Workers index in parallel; default GOMAXPROCS, at most 8.
	Workers int
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "search"
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 8 << 10
	}
	if o.BigBytes <= 0 {
		o.BigBytes = o.ShardBytes * 3 / 4
	}
	if o.HeadRunes <= 0 {
		o.HeadRunes = 130
	}
	if o.FragDocs <= 0 {
		o.FragDocs = 3
	}
	if o.TextDocs < 0 {
		o.TextDocs = 0
	}
	if o.Workers <= 0 {
		o.Workers = min(8, runtime.GOMAXPROCS(0))
	}
	return o
}

// Stats summarize an index that Write made.
type Stats struct {
	Docs, Grams  int
	PostingFiles int // shards and big-gram files
	Files        int // all files written
	Bytes        int64
}

func (s Stats) String() string {
	return fmt.Sprintf("%d 篇, %d 词元, %d 个文件, %.1f KB", s.Docs, s.Grams, s.Files, float64(s.Bytes)/1024)
}

// Format version; search.js refuses an index of another version.
const formatVersion = 5

// BM25 parameters and the weight of each part of a doc's text.
const (
	k1 = 1.2
	b  = 0.75
	// A doc list entry is gap·steps + score step, the step 1…maxQ: with
	// nine steps a gap of up to three docs still fits one character, which
	// makes the lists of common grams a third shorter than with 44; nine
	// levels of BM25's saturating term weight are plenty for ranking.
	steps = 9
	maxQ  = steps - 1
)

var partWeight = [4]float32{5, 3, 2, 1} // title, headings, fields, body

// gstate is one gram's list as one worker builds it over its docs. The
// first doc of the list is kept apart (first, firstQ) so that the workers'
// parts join with one re-encoded gap.
type gstate struct {
	first, firstQ int32 // first doc of the list, -1 none, and its score step
	prev          int32 // last doc written to the list
	// The ends of the doc list and the positions, each in a chunk of its
	// own; the full chunks before them are in the worker's dfull, pfull.
	docs, pos []byte
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
	}
}

func (t *gramTable) grow() {
	old, oldIDs := t.keys, t.ids
	n := max(1<<12, 2*len(old))
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
	dfull [][][]byte // gram id → the full chunks of its doc list
	pfull [][][]byte // gram id → the full chunks of its positions
	keys  []gramKey  // gram id → key
	rs    []rune
	avgdl float64
	// This doc's grams: a table of local indexes, stamped with the doc so
	// that it needs no clearing, and per local gram its key, weighted term
	// frequency and occurrences (trigrams: a linked list in occ/next).
	lslots    []lslot
	lgrams    []lgram
	occ, next []int32
	// The grams of the docs not yet added to the lists (see flush), their
	// positions, and scratch space to sort them.
	batch, tmp []entry
	bocc       []int32
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
}

func (w *worker) newGram(k gramKey) int32 {
	w.st = append(w.st, gstate{first: -1})
	w.dfull = append(w.dfull, nil)
	w.pfull = append(w.pfull, nil)
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
		rs = append(fold(rs, h), 0)
	}
	cut[2] = len(rs)
	for _, f := range d.Fields {
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
	cut := w.runes(d)
	rs := w.rs
	n := len(rs)
	w.lgrams, w.occ, w.next = w.lgrams[:0], w.occ[:0], w.next[:0]
	for i, r := range rs {
		if r == 0 {
			continue
		}
		wt := partWeight[2] // fields
		switch {
		case i < cut[0]:
			wt = partWeight[0]
		case i < cut[1]:
			wt = partWeight[3]
		case i < cut[2]:
			wt = partWeight[1]
		}
		k := gramKey(r) << 42
		w.local(k, id).wtf += wt
		if i+1 < n && rs[i+1] != 0 {
			k |= gramKey(rs[i+1]) << 21
			w.local(k, id).wtf += wt
			if i+2 < n && rs[i+2] != 0 {
				g := w.local(k|gramKey(rs[i+2]), id)
				g.wtf += wt
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
	dl := float64(n)
	norm := k1 * (1 - b + b*dl/w.avgdl)
	for i := range w.lgrams {
		g := &w.lgrams[i]
		tf := float64(g.wtf)
		q := int32(tf/(tf+norm)*maxQ + 0.5)
		q = max(1, min(maxQ, q))
		e := entry{key: g.key, docq: uint32(id)<<4 | uint32(q), pos: noPos}
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
	if len(w.batch) >= batchEntries {
		w.flush()
	}
}

// entry is one gram of one doc, waiting in a worker's batch: the doc and
// its score step, and where its positions are in the batch's bocc.
type entry struct {
	key  gramKey
	docq uint32 // doc id<<4 | score step
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
	for i := 0; i < len(a); {
		j := i + 1
		for j < len(a) && a[j].key == a[i].key {
			j++
		}
		w.add(a[i:j])
		i = j
	}
	w.batch, w.bocc = w.batch[:0], w.bocc[:0]
}

// add appends the entries of one gram, in doc order, to its lists.
func (w *worker) add(run []entry) {
	g := w.tab.get(run[0].key, w.newGram)
	s := &w.st[g]
	docs, pos, prev := s.docs, s.pos, s.prev
	dfull, pfull := &w.dfull[g], &w.pfull[g]
	for _, e := range run {
		id, q := int32(e.docq>>4), int32(e.docq&15)
		if s.first < 0 {
			s.first, s.firstQ = id, q
		} else {
			docs = appendChunked(docs, dfull, int(id-prev-1)*steps+int(q))
		}
		prev = id
		switch {
		case e.pos == noPos:
		case e.pos&onePos != 0:
			pos = appendChunked(pos, pfull, 0)
			pos = appendChunked(pos, pfull, int(e.pos&^onePos))
		default:
			c := w.bocc[e.pos]
			pos = appendChunked(pos, pfull, int(c)-1)
			last := int32(-1)
			for _, p := range w.bocc[e.pos+1 : e.pos+1+uint32(c)] {
				pos = appendChunked(pos, pfull, int(p-last-1))
				last = p
			}
		}
	}
	s.docs, s.pos, s.prev = docs, pos, prev
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

// list is a gram's doc list and positions, in pieces (the workers' parts
// and the re-encoded first entries that join them), written as they are.
type list struct {
	gram       string
	docs, pos  [][]byte
	ndoc, npos int
}

func (l *list) add(docs, pos []byte) {
	if len(docs) > 0 {
		l.docs = append(l.docs, docs)
		l.ndoc += len(docs)
	}
	if len(pos) > 0 {
		l.pos = append(l.pos, pos)
		l.npos += len(pos)
	}
}

// Write builds the index of docs and writes every file it needs under
// opts.Dir through w. The files (format 5), each a DJS("name", data) script:
//
//	meta.js    [5, docs, shards, 0, docs per d file, docs per x file (0: none),
//	           head runes (HeadRunes)]
//	dir.js     the grams with files of their own, by hash bits (dirData)
//	t/<h>.js   shard h: [gram, list | k, …] for grams hashing to h. A list is
//	           the doc ids (newest first) as gap·9+score step; a trigram's
//	           also has "!" and its positions: per doc, count−1 and position
//	           gaps−1. A list too long for a shard (doc list and positions
//	           together) is in t/<h>-<k>.js as "gram doclist", a trigram's
//	           positions in p/<h>-<k>.js as "gram positions".
//	d/<i>.js   the fragments of docs i·FragDocs…: [url, title, kind, date,
//	           unit, start of body, more]
//	x/<i>.js   whole texts (only with TextDocs)
//	docs.js    kind and year of every doc; units.js its units (filters)
//
// Indexing runs on opts.Workers goroutines over contiguous id ranges, each
// gathering a doc's grams in a small table of its own and adding batches of
// docs to its lists (see flush); the parts are joined with one re-encoded
// gap per list.
func Write(docs []Doc, w output.Writer, opts Options) (Stats, error) {
	opts = opts.withDefaults()
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	// Doc ids go newest first, so ranking breaks ties by the smaller id.
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &docs[order[i]], &docs[order[j]]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.URL < b.URL
	})

	// Doc lengths first: BM25 needs the average before the first list entry.
	dls := make([]int, len(docs))
	forRanges(len(docs), opts.Workers, func(lo, hi int) {
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

	// Workers take contiguous id ranges of about equal text.
	nw := max(1, min(opts.Workers, len(docs)/64+1))
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
		ws[i] = &worker{avgdl: avgdl}
		wg.Add(1)
		go func(wk *worker, lo, hi int) {
			defer wg.Done()
			for id := lo; id < hi; id++ {
				wk.index(int32(id), &docs[order[id]])
			}
			wk.flush()
			wk.batch, wk.tmp, wk.bocc = nil, nil, nil
		}(ws[i], bounds[i], bounds[i+1])
	}
	wg.Wait()

	// Join the workers' parts of each list, the grams split by hash among
	// goroutines. shardJobs puts the lists in order.
	nj := max(1, min(opts.Workers, len(docs)/128))
	joined := make([][]list, nj)
	for j := range joined {
		wg.Add(1)
		go func() {
			defer wg.Done()
			joined[j] = join(ws, j, nj)
		}()
	}
	wg.Wait()
	ws = nil
	lists := slices.Concat(joined...)
	joined = nil

	var jobs []job
	st := Stats{Docs: len(docs), Grams: len(lists)}
	// A long trigram list's positions are in a file of their own (p/),
	// beside its doc list's (t/): a query word of four or more characters
	// asks for both at once, a shorter one reads only the doc list. A short
	// list keeps them after its doc list, in its shard.
	nt, bigs := shardJobs(&jobs, lists, opts.ShardBytes, opts.BigBytes)
	np := 0
	st.PostingFiles = len(jobs)
	jobs = append(jobs, func([]byte) (string, []byte, error) {
		return "meta", script("meta", fmt.Appendf(nil, "[%d,%d,%d,%d,%d,%d,%d]", formatVersion, len(docs), nt, np, opts.FragDocs, opts.TextDocs, opts.HeadRunes)), nil
	})
	jobs = append(jobs, func([]byte) (string, []byte, error) { return "dir", script("dir", dirData(bigs)), nil })
	cls, units := docTable(docs, order)
	jobs = append(jobs,
		func([]byte) (string, []byte, error) { return "docs", script("docs", cls), nil },
		func([]byte) (string, []byte, error) { return "units", script("units", units), nil })
	for lo := 0; lo < len(docs); lo += opts.FragDocs {
		jobs = append(jobs, func(buf []byte) (string, []byte, error) {
			name := "d/" + strconv.Itoa(lo/opts.FragDocs)
			b := append(startScript(buf, name, opts.FragDocs*(4*opts.HeadRunes+300)), '[')
			for id := lo; id < len(docs) && id < lo+opts.FragDocs; id++ {
				d := &docs[order[id]]
				date := ""
				if !d.Date.IsZero() {
					date = d.Date.Format("2006-01-02")
				}
				head, more := d.head(opts.HeadRunes)
				// The title line is the title: readers put it back.
				head = head[strings.IndexByte(head, '\n')+1:]
				if id > lo {
					b = append(b, ',')
				}
				b = append(b, '[')
				for i, s := range []string{d.URL, d.Title, d.Kind, date, d.Unit, head} {
					if i > 0 {
						b = append(b, ',')
					}
					b = appendJSONString(b, s)
				}
				if more {
					b = append(b, ",1]"...)
				} else {
					b = append(b, ",0]"...)
				}
			}
			return name, endScript(append(b, ']')), nil
		})
	}
	for lo := 0; opts.TextDocs > 0 && lo < len(docs); lo += opts.TextDocs {
		jobs = append(jobs, func(buf []byte) (string, []byte, error) {
			name := "x/" + strconv.Itoa(lo/opts.TextDocs)
			b := append(startScript(buf, name, 0), '[')
			some := false
			for id := lo; id < len(docs) && id < lo+opts.TextDocs; id++ {
				more := ""
				d := &docs[order[id]]
				if _, m := d.head(opts.HeadRunes); m {
					more = d.Text()
				}
				some = some || more != ""
				if id > lo {
					b = append(b, ',')
				}
				b = appendJSONString(b, more)
			}
			if !some {
				return "", nil, nil
			}
			return name, endScript(append(b, ']')), nil
		})
	}

	var nfiles, nbytes atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var next atomic.Int64
	for range max(2, opts.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A file's bytes are made in the last one's buffer: the writer
			// does not keep them, and 116 MB of files at 10,000 pages made
			// as much garbage, which raised the build's peak memory.
			var buf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				name, data, err := jobs[i](buf[:0])
				if cap(data) <= maxReused {
					buf = data
				}
				if err == nil && name != "" {
					err = w.WriteFile(opts.Dir+"/"+name+".js", data)
					nfiles.Add(1)
					nbytes.Add(int64(len(data)))
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	st.Files = int(nfiles.Load())
	st.Bytes = nbytes.Load()
	return st, firstErr
}

// join makes the lists of the grams that fall to part of nparts, each
// joined from the workers' parts in worker order: the workers indexed
// consecutive id ranges, so only the gap at the start of each part changes.
func join(ws []*worker, part, nparts int) []list {
	// The grams are matched in a table like the workers' own, not a map,
	// with each gram's parts in a linked list.
	type piece struct {
		w *worker
		g int32
		// next is the index in pieces of the gram's piece from the next
		// worker, 0 if none (pieces[0] is never a next piece).
		next int32
	}
	var merged gramTable
	var keys []gramKey
	pieces := []piece{{}}
	var first, last []int32 // per merged gram, its first and last piece
	for _, wk := range ws {
		for g, k := range wk.keys {
			if nparts > 1 && int(uint64(k)*0x9E3779B97F4A7C15>>32%uint64(nparts)) != part {
				continue
			}
			i := merged.get(k, func(gramKey) int32 {
				keys = append(keys, k)
				first, last = append(first, 0), append(last, 0)
				return int32(len(keys) - 1)
			})
			pieces = append(pieces, piece{w: wk, g: int32(g)})
			p := int32(len(pieces) - 1)
			if first[i] == 0 {
				first[i] = p
			} else {
				pieces[last[i]].next = p
			}
			last[i] = p
		}
	}
	lists := make([]list, len(keys))
	for i, k := range keys {
		l := list{gram: k.String()}
		prev := int32(-1)
		for p := first[i]; p != 0; p = pieces[p].next {
			wk, g := pieces[p].w, pieces[p].g
			st := &wk.st[g]
			l.add(appendVarint(nil, int(st.first-prev-1)*steps+int(st.firstQ)), nil)
			for _, c := range wk.dfull[g] {
				l.add(c, nil)
			}
			l.add(st.docs, nil)
			for _, c := range wk.pfull[g] {
				l.add(nil, c)
			}
			l.add(nil, st.pos)
			prev = st.prev
		}
		lists[i] = l
	}
	return lists
}

// A job makes one file of the index, in buf (empty, for it to use) or in a
// slice of its own; an empty name means no file.
type job func(buf []byte) (name string, data []byte, err error)

// maxReused caps the buffer a writing goroutine keeps from one file for the
// next: the few long lists' files are left to the garbage collector.
const maxReused = 1 << 20

// shardJobs adds the jobs that write the lists. A list up to big bytes
// (doc list and, for a trigram, "!" and its positions) goes into shard
// t/<h> by the gram's hash; a longer one into files of its own named in the
// shard: t/<h>-<k> its doc list and, for a trigram, p/<h>-<k> its positions,
// which only a query word of four or more characters reads. It returns the
// number of shards and the long lists.
func shardJobs(jobs *[]job, lists []list, target, big int) (int, []bigEntry) {
	size := func(l *list) int {
		if l.npos == 0 {
			return l.ndoc
		}
		return l.ndoc + 1 + l.npos
	}
	small := 0
	for i := range lists {
		if n := size(&lists[i]); n <= big {
			small += n + len(lists[i].gram) + 6
		}
	}
	n := max(1, (small+target-1)/target)
	var bigs []bigEntry
	buckets := make([][]int, n)
	for i := range lists {
		h := int(hash(lists[i].gram) % uint32(n))
		buckets[h] = append(buckets[h], i)
	}
	// A shard lists its grams in order, whatever order lists is in.
	for _, bk := range buckets {
		slices.SortFunc(bk, func(a, b int) int { return strings.Compare(lists[a].gram, lists[b].gram) })
	}
	for h, bk := range buckets {
		*jobs = append(*jobs, func(buf []byte) (string, []byte, error) {
			name := "t/" + strconv.Itoa(h)
			b := append(startScript(buf, name, target+target/2), '[')
			nbig := 0
			for j, i := range bk {
				l := &lists[i]
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, l.gram)
				b = append(b, ',')
				if size(l) > big {
					b = strconv.AppendInt(b, int64(nbig), 10)
					nbig++
					continue
				}
				b = append(b, '"')
				for _, p := range l.docs {
					b = append(b, p...)
				}
				if l.npos > 0 {
					b = append(b, '!')
					for _, p := range l.pos {
						b = append(b, p...)
					}
				}
				b = append(b, '"')
			}
			return name, endScript(append(b, ']')), nil
		})
		nbig := 0
		for _, i := range bk {
			l := &lists[i]
			if size(l) <= big {
				continue
			}
			k := nbig
			nbig++
			bigs = append(bigs, bigEntry{hash(l.gram) >> dirShift, k})
			for _, kind := range []string{"t", "p"} {
				pieces, size := l.docs, l.ndoc
				if kind == "p" {
					if l.npos == 0 {
						continue
					}
					pieces, size = l.pos, l.npos
				}
				name := kind + "/" + strconv.Itoa(h) + "-" + strconv.Itoa(k)
				gram := l.gram
				*jobs = append(*jobs, func(buf []byte) (string, []byte, error) {
					// The gram, a space, its list: a file found through the
					// directory (dir.js) is checked against the gram.
					b := appendJSONString(startScript(buf, name, size+len(gram)+4), gram)
					b = append(b[:len(b)-1], ' ')
					for _, p := range pieces {
						b = append(b, p...)
					}
					return name, endScript(append(b, '"')), nil
				})
			}
		}
	}
	return n, bigs
}

// The directory (dir.js) lets a query load a long list without first reading
// its shard: for every gram with a file of its own, the top bits of its hash
// and its number k in the shard (t/<h>-<k>), sorted by those bits, each
// entry gap·dirK + k. A query gram whose bits are listed loads that file,
// checks the gram at its start, and reads the shard only when it differs.
const (
	dirShift = 12 // 20 hash bits: about one gram in 200 shares an entry's
	dirK     = 4  // files t/<h>-<k> with k ≥ dirK are not listed
)

type bigEntry struct {
	bits uint32
	k    int
}

func dirData(bigs []bigEntry) []byte {
	slices.SortFunc(bigs, func(a, b bigEntry) int {
		if a.bits != b.bits {
			return int(a.bits) - int(b.bits)
		}
		return a.k - b.k
	})
	b := []byte{'"'}
	prev := uint32(0)
	for _, e := range bigs {
		if e.k >= dirK {
			continue
		}
		b = appendVarint(b, int(e.bits-prev)*dirK+e.k)
		prev = e.bits
	}
	return append(b, '"')
}

// head is what a result's fragment carries for its snippet: the first n
// characters of its text, i.e. the title line and the start of the body
// (headings and fields, which the page and the result's meta line show
// anyway, come after the body, so that the head holds the words a reader
// sees first); the whole title line when it is longer. A match at position
// p, k characters long, is in the head when p+k ≤ n. more reports whether
// the text holds anything else.
func (d *Doc) head(n int) (string, bool) {
	if h, more, ok := d.quickHead(n); ok {
		return h, more
	}
	text := d.Text()
	title := strings.IndexByte(text, '\n')
	head := cutRunes(text, max(n, utf8.RuneCountInString(text[:title])+1))
	return head, len(head) < len(text)
}

// quickHead is head without building the whole text of the doc (a
// 10,000-page build spent 0.4 s of CPU there), reading only what the head
// takes. It gives up (ok false) when that holds invalid UTF-8, which the
// whole text replaces; elsewhere, the two are the same runes.
func (d *Doc) quickHead(n int) (head string, more, ok bool) {
	title := strings.Map(oneLine, d.Title)
	left := max(n, utf8.RuneCountInString(title)+1)
	var b strings.Builder
	ok = true
	add := func(s string) {
		if left == 0 {
			more = more || s != ""
			return
		}
		c := cutRunes(s, left)
		ok = ok && utf8.ValidString(c)
		b.WriteString(c)
		left -= utf8.RuneCountInString(c)
		more = more || len(c) < len(s)
	}
	add(title)
	add("\n")
	add(d.Body)
	add("\n")
	for _, parts := range [][]string{d.Headings, d.Fields} {
		for _, s := range parts {
			if more {
				break
			}
			add(strings.Map(oneLine, s))
			add("\n")
		}
	}
	return b.String(), more, ok
}

func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// textLen is the length in runes of d.Text() when it is valid UTF-8 (else
// close to it): the bytes that do not continue a character. It runs on one
// core before the indexers start, so it is a plain count, not a decoding.
func (d *Doc) textLen() int {
	n := runeCount(d.Title) + runeCount(d.Body) + 2
	for _, h := range d.Headings {
		n += runeCount(h) + 1
	}
	for _, f := range d.Fields {
		n += runeCount(f) + 1
	}
	return n
}

func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// docTable is what the filters need of every doc: its kind and year, as
// one fixed-width digit string indexing the pairs that occur (read for every
// query with hits), and its units (read only when the unit filter is used,
// as a site has hundreds of units).
func docTable(docs []Doc, order []int) (cls, unitTable []byte) {
	type class struct {
		kind string
		year int
	}
	classIdx := map[class]int{}
	var classes []byte
	unitIdx := map[string]int{}
	var units []byte
	var u []byte
	var cs []int
	for _, di := range order {
		d := &docs[di]
		k := class{d.Kind, d.Year}
		ci, ok := classIdx[k]
		if !ok {
			ci = len(classIdx)
			classIdx[k] = ci
			if len(classes) > 0 {
				classes = append(classes, ',')
			}
			classes = appendJSONString(classes, d.Kind)
			classes = append(classes, ',')
			classes = strconv.AppendInt(classes, int64(d.Year), 10)
		}
		cs = append(cs, ci)
		// Each unit of a doc is 2·(index+1), +1 when another follows; a
		// doc without units is a single 0.
		if len(d.UnitSlugs) == 0 {
			u = appendVarint(u, 0)
		}
		for i, slug := range d.UnitSlugs {
			ui, ok := unitIdx[slug]
			if !ok {
				ui = len(unitIdx)
				unitIdx[slug] = ui
				title := slug
				if i < len(d.UnitTitles) && d.UnitTitles[i] != "" {
					title = d.UnitTitles[i]
				}
				if len(units) > 0 {
					units = append(units, ',')
				}
				units = appendJSONString(units, slug)
				units = append(units, ',')
				units = appendJSONString(units, title)
			}
			more := 0
			if i < len(d.UnitSlugs)-1 {
				more = 1
			}
			u = appendVarint(u, 2*(ui+1)+more)
		}
	}
	width := 1
	if len(classIdx) > len(digitChar) {
		width = 2
	}
	c := make([]byte, 0, width*len(cs))
	for _, ci := range cs {
		if width == 2 {
			c = append(c, digitChar[ci/len(digitChar)])
		}
		c = append(c, digitChar[ci%len(digitChar)])
	}
	cls = fmt.Appendf(nil, "[[%s],%d,\"%s\"]", classes, width, c)
	unitTable = fmt.Appendf(nil, "[[%s],\"%s\"]", units, u)
	return cls, unitTable
}

// A file is a script, DJS("name",data); — it registers itself with the
// page that loaded it, which works from file:// where fetch() does not.
// startScript and endScript put the call around data appended between;
// startScript starts in buf, grown to hold size bytes of data.
func startScript(buf []byte, name string, size int) []byte {
	b := slices.Grow(buf[:0], size+len(name)+12)
	b = append(b, `DJS("`...)
	b = append(b, name...)
	return append(b, `",`...)
}

func endScript(b []byte) []byte { return append(b, ");\n"...) }

func script(name string, data []byte) []byte {
	return endScript(append(startScript(nil, name, len(data)), data...))
}

// appendJSONString appends s as a JSON string that is also safe in a
// script: quotes, backslashes, control characters and the JavaScript line
// separators escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			i++
			continue
		}
		if c < 0x80 {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = fmt.Appendf(b, `\u%04x`, c)
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = fmt.Appendf(b, `\u%04x`, r)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
