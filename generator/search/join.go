package search

import (
	"sync"
	"unicode/utf8"
	"unsafe"
)

// List joining: the workers' parts of each gram's list become one list.

// list is a gram's doc list and positions, in pieces (the workers' parts
// and the re-encoded first entries that join them), written as they are.
type list struct {
	gram       string
	docs, pos  [][]byte
	ndoc, npos int
	// sp is where its nil pieces are, nil when it has none: a list is
	// small because a site has as many as distinct grams (two million for
	// a page of random characters), and few lists have any.
	sp *listSpans
}

// listSpans: a nil piece of a list is a chunk in spill's file, at the next
// of dspans (in docs) or pspans (in pos); see appendPieces.
type listSpans struct {
	dspans, pspans []span
	spill          *chunkSpill
}

func (l *list) dspans() []span {
	if l.sp == nil {
		return nil
	}
	return l.sp.dspans
}

func (l *list) pspans() []span {
	if l.sp == nil {
		return nil
	}
	return l.sp.pspans
}

func (l *list) spillFile() *chunkSpill {
	if l.sp == nil {
		return nil
	}
	return l.sp.spill
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

// joinAll joins the workers' parts of each list, the grams split by hash
// among goroutines. shardJobs puts the lists in order. The lists are made
// in one slice, after each goroutine has counted its grams: a slice per
// goroutine, concatenated, held the lists twice for a moment.
func joinAll(ws []*worker, ndocs, workers int) []list {
	nj := max(1, min(workers, ndocs/128))
	parts := make([]*joinPart, nj)
	run := func(fn func(j int)) {
		var wg sync.WaitGroup
		for j := range parts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(j)
			}()
		}
		wg.Wait()
	}
	run(func(j int) { parts[j] = matchGrams(ws, j, nj) })
	offs := make([]int, nj+1)
	for j, jp := range parts {
		offs[j+1] = offs[j] + len(jp.keys)
	}
	lists := make([]list, offs[nj])
	run(func(j int) {
		parts[j].fill(lists[offs[j]:offs[j+1]])
		parts[j] = nil
	})
	return lists
}

// joinedTable, when set (by a test), sees each part's table of grams once
// every gram is in it.
var joinedTable func(*gramTable)

// join makes the lists of the grams that fall to part of nparts.
func join(ws []*worker, part, nparts int) []list {
	jp := matchGrams(ws, part, nparts)
	lists := make([]list, len(jp.keys))
	jp.fill(lists)
	return lists
}

// joinPart is the grams that fall to one part, each with its parts in the
// workers (pieces) in a linked list.
type joinPart struct {
	keys   []gramKey
	first  []int32 // per gram, its first piece
	pieces []piece
}

type piece struct {
	w *worker
	g int32
	// next is the index in pieces of the gram's piece from the next
	// worker, 0 if none (pieces[0] is never a next piece).
	next int32
}

// matchGrams finds the grams that fall to part of nparts in the workers.
// The grams are matched in a table like the workers' own, not a map.
func matchGrams(ws []*worker, part, nparts int) *joinPart {
	var merged gramTable
	jp := &joinPart{pieces: []piece{{}}}
	var last []int32 // per gram, its last piece
	inPart := func(k gramKey) bool {
		return nparts <= 1 || int(uint64(k)*0x9E3779B97F4A7C15>>32%uint64(nparts)) == part
	}
	var mine []gramKey
	for _, wk := range ws {
		// A worker's ids are in hash order: room first (gramTable.reserve).
		mine = mine[:0]
		for _, k := range wk.keys {
			if inPart(k) {
				mine = append(mine, k)
			}
		}
		merged.reserveFresh(len(mine), func(i int) gramKey { return mine[i] })
		for g, k := range wk.keys {
			if !inPart(k) {
				continue
			}
			i := merged.get(k, func(gramKey) int32 {
				jp.keys = append(jp.keys, k)
				jp.first, last = append(jp.first, 0), append(last, 0)
				return int32(len(jp.keys) - 1)
			})
			jp.pieces = append(jp.pieces, piece{w: wk, g: int32(g)})
			p := int32(len(jp.pieces) - 1)
			if jp.first[i] == 0 {
				jp.first[i] = p
			} else {
				jp.pieces[last[i]].next = p
			}
			last[i] = p
		}
	}
	if joinedTable != nil {
		joinedTable(&merged)
	}
	return jp
}

// fill makes the part's lists, each joined from the workers' parts in
// worker order: the workers indexed consecutive id ranges, so only the
// gap at the start of each part changes.
func (jp *joinPart) fill(lists []list) {
	var a listArena
	var docs, pos [][]byte
	var num []byte
	for i, k := range jp.keys {
		l := list{gram: a.gram(k)}
		docs, pos = docs[:0], pos[:0]
		// addBytes adds a piece made in num (first entries).
		addBytes := func(to *[][]byte, n *int, b []byte) {
			*to = append(*to, a.copy(b))
			*n += len(b)
		}
		add := func(to *[][]byte, n *int, b []byte) {
			if len(b) > 0 {
				*to = append(*to, b)
				*n += len(b)
			}
		}
		prev := int32(-1)
		for p := jp.first[i]; p != 0; p = jp.pieces[p].next {
			wk, g := jp.pieces[p].w, jp.pieces[p].g
			st := &wk.st[g]
			if st.firstX < 0 {
				num = appendVarint(num[:0], int(st.first-prev-1)*steps+int(st.firstQ))
			} else {
				num = appendVarint(appendVarint(num[:0], int(st.first-prev-1)*steps), int(st.firstX))
			}
			addBytes(&docs, &l.ndoc, num)
			var m gramMore
			if st.more > 0 {
				m = wk.more[st.more-1]
			}
			var dsp, psp []span
			if m.spans != nil {
				dsp, psp = m.spans[0], m.spans[1]
			}
			for _, c := range m.dfull {
				if c == nil {
					if l.sp == nil {
						l.sp = &listSpans{}
					}
					docs, l.sp.dspans, l.ndoc = append(docs, nil), append(l.sp.dspans, dsp[0]), l.ndoc+int(dsp[0].n)
					dsp, l.sp.spill = dsp[1:], wk.spill
					continue
				}
				add(&docs, &l.ndoc, c)
			}
			add(&docs, &l.ndoc, m.docs)
			if st.firstPos >= 0 {
				addBytes(&pos, &l.npos, appendVarint(appendVarint(num[:0], 0), int(st.firstPos)))
			}
			for _, c := range m.pfull {
				if c == nil {
					if l.sp == nil {
						l.sp = &listSpans{}
					}
					pos, l.sp.pspans, l.npos = append(pos, nil), append(l.sp.pspans, psp[0]), l.npos+int(psp[0].n)
					psp, l.sp.spill = psp[1:], wk.spill
					continue
				}
				add(&pos, &l.npos, c)
			}
			add(&pos, &l.npos, m.pos)
			prev = st.prev
		}
		l.docs, l.pos = a.pieces(docs), a.pieces(pos)
		lists[i] = l
	}
}

// listArena hands out the lists' small parts from blocks: a list's pieces
// (slice headers), its first entries' bytes and its gram. Allocated one
// by one, they were about as much again as the lists.
type listArena struct {
	hdr [][]byte
	buf []byte
}

const arenaBlock = 1 << 16

// pieces returns a copy of p in the arena; nil for none.
func (a *listArena) pieces(p [][]byte) [][]byte {
	if len(p) == 0 {
		return nil
	}
	if cap(a.hdr)-len(a.hdr) < len(p) {
		a.hdr = make([][]byte, 0, max(len(p), arenaBlock/24))
	}
	n := len(a.hdr)
	a.hdr = append(a.hdr, p...)
	return a.hdr[n:len(a.hdr):len(a.hdr)]
}

// copy returns a copy of b in the arena. The arena never writes a byte
// it has handed out.
func (a *listArena) copy(b []byte) []byte {
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, max(len(b), arenaBlock))
	}
	n := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// gram returns k's gram as a string in the arena.
func (a *listArena) gram(k gramKey) string {
	var b [12]byte
	s := b[:0]
	for _, r := range [3]rune{rune(k >> 42), rune(k >> 21 & mask21), rune(k & mask21)} {
		if r != 0 {
			s = utf8.AppendRune(s, r)
		}
	}
	c := a.copy(s)
	return unsafe.String(unsafe.SliceData(c), len(c))
}
