package search

import (
	"slices"
	"sync"
)

// List joining: the workers' parts of each gram's list become one list.

// list is a gram's doc list and positions, in pieces (the workers' parts
// and the re-encoded first entries that join them), written as they are.
type list struct {
	gram       string
	docs, pos  [][]byte
	ndoc, npos int
	// A nil piece is a chunk in spill's file, at the next of dspans (in
	// docs) or pspans (in pos); see appendPieces.
	dspans, pspans []span
	spill          *chunkSpill
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
// among goroutines. shardJobs puts the lists in order.
func joinAll(ws []*worker, ndocs, workers int) []list {
	nj := max(1, min(workers, ndocs/128))
	joined := make([][]list, nj)
	var wg sync.WaitGroup
	for j := range joined {
		wg.Add(1)
		go func() {
			defer wg.Done()
			joined[j] = join(ws, j, nj)
		}()
	}
	wg.Wait()
	return slices.Concat(joined...)
}

// joinedTable, when set (by a test), sees each part's table of grams once
// every gram is in it.
var joinedTable func(*gramTable)

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
	if joinedTable != nil {
		joinedTable(&merged)
	}
	lists := make([]list, len(keys))
	for i, k := range keys {
		l := list{gram: k.String()}
		prev := int32(-1)
		for p := first[i]; p != 0; p = pieces[p].next {
			wk, g := pieces[p].w, pieces[p].g
			st := &wk.st[g]
			if st.firstX < 0 {
				l.add(appendVarint(nil, int(st.first-prev-1)*steps+int(st.firstQ)), nil)
			} else {
				l.add(appendVarint(appendVarint(nil, int(st.first-prev-1)*steps), int(st.firstX)), nil)
			}
			var dsp, psp []span
			if int(g) < len(wk.dspan) {
				dsp, psp = wk.dspan[g], wk.pspan[g]
			}
			for _, c := range wk.dfull[g] {
				if c == nil {
					l.docs, l.dspans, l.ndoc = append(l.docs, nil), append(l.dspans, dsp[0]), l.ndoc+int(dsp[0].n)
					dsp, l.spill = dsp[1:], wk.spill
					continue
				}
				l.add(c, nil)
			}
			l.add(st.docs, nil)
			for _, c := range wk.pfull[g] {
				if c == nil {
					l.pos, l.pspans, l.npos = append(l.pos, nil), append(l.pspans, psp[0]), l.npos+int(psp[0].n)
					psp, l.spill = psp[1:], wk.spill
					continue
				}
				l.add(nil, c)
			}
			l.add(nil, st.pos)
			prev = st.prev
		}
		lists[i] = l
	}
	return lists
}
