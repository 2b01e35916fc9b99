package review

import "sort"

// matcher finds every listed word in a text in one pass over its bytes: an
// Aho–Corasick automaton compiled into a dense table (one row of 256 next
// states per state), so the scan does one table load per byte whatever the
// number of words. Words are UTF-8, so a match always starts and ends on a
// character boundary.
type matcher struct {
	next [][256]int32
	out  [][]int32 // words ending in each state, its suffix states' included
	lens []int     // byte length of each word
}

// match is one word found: bytes [start, end) of the text, word index id.
type match struct {
	start, end int
	id         int
}

func newMatcher(words []string) *matcher {
	m := &matcher{next: make([][256]int32, 1), out: make([][]int32, 1), lens: make([]int, len(words))}
	for i := range m.next[0] {
		m.next[0][i] = -1
	}
	// The trie.
	for id, w := range words {
		m.lens[id] = len(w)
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := w[i]
			if m.next[s][c] < 0 {
				m.next = append(m.next, [256]int32{})
				m.out = append(m.out, nil)
				n := int32(len(m.next) - 1)
				for j := range m.next[n] {
					m.next[n][j] = -1
				}
				m.next[s][c] = n
			}
			s = m.next[s][c]
		}
		m.out[s] = append(m.out[s], int32(id))
	}
	// Failure links, breadth first, folded into the table.
	fail := make([]int32, len(m.next))
	queue := make([]int32, 0, len(m.next))
	for c := 0; c < 256; c++ {
		if n := m.next[0][c]; n >= 0 {
			fail[n] = 0
			queue = append(queue, n)
		} else {
			m.next[0][c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], m.out[fail[s]]...)
		for c := 0; c < 256; c++ {
			n := m.next[s][c]
			if n < 0 {
				m.next[s][c] = m.next[fail[s]][c]
				continue
			}
			fail[n] = m.next[fail[s]][c]
			queue = append(queue, n)
		}
	}
	return m
}

// find appends to dst the leftmost-longest matches of text that do not
// overlap: where words overlap, the one starting first wins, and of those
// starting at the same place the longest (卫生计生委 over 卫生计生).
func (m *matcher) find(text string, dst []match) []match {
	first := len(dst)
	s := int32(0)
	next := m.next
	for i := 0; i < len(text); i++ {
		s = next[s][text[i]]
		if s != 0 && len(m.out[s]) > 0 {
			for _, id := range m.out[s] {
				dst = append(dst, match{start: i + 1 - m.lens[id], end: i + 1, id: int(id)})
			}
		}
	}
	found := dst[first:]
	if len(found) < 2 {
		return dst
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].start != found[j].start {
			return found[i].start < found[j].start
		}
		return found[i].end > found[j].end
	})
	kept := found[:0]
	end := -1
	for _, f := range found {
		if f.start >= end {
			kept = append(kept, f)
			end = f.end
		}
	}
	return dst[:first+len(kept)]
}
