package search

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sync"
)

// List spilling (Options.SpillLists): a worker writes each full chunk of
// minSpill bytes or more to a temporary file as soon as it is full, and
// keeps only where it is (a span); the file jobs read the chunks back into
// the file they make. At 50,000 pages the lists were 620 MB, nearly all of
// it the long lists' 2 KB chunks, all in memory at once at the end of
// gathering: the build's highest live heap once the pages' bodies were
// out of it (generator/site/bodies.go).
//
// A list's pieces (list.docs, list.pos) then hold a nil for each chunk in
// the file, in order, and list.dspans, list.pspans where those are.

// minSpill is the smallest chunk written out: chunks double in size, so a
// list's small chunks come first and stay in memory, and a span (16 bytes)
// costs at most a sixteenth of what it replaces.
const minSpill = 256

// span is where a chunk is in the spill file.
type span struct {
	off int64
	n   int32
}

type chunkSpill struct {
	f    *os.File
	name string

	mu   sync.Mutex
	w    *bufio.Writer
	size int64
	err  error
	n    int // chunks written (tests)
}

// newChunkSpill makes the file in the system's temporary folder; nil when
// it cannot (the lists then stay in memory).
func newChunkSpill() *chunkSpill {
	f, err := os.CreateTemp("", "dangjian-lists-*")
	if err != nil {
		return nil
	}
	// Gone from the folder at once where an open file can be removed.
	os.Remove(f.Name())
	return &chunkSpill{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 1<<20)}
}

// put writes the chunks of full from index i on, replacing each by nil and
// appending its span to spans.
func (s *chunkSpill) put(full [][]byte, i int, spans []span) []span {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ; i < len(full); i++ {
		c := full[i]
		if s.err == nil {
			_, s.err = s.w.Write(c)
		}
		spans = append(spans, span{s.size, int32(len(c))})
		s.size += int64(len(c))
		s.n++
		full[i] = nil
	}
	return spans
}

// spillFull writes out the full chunks of one gram's list that are big
// enough and not yet written: they are the end of full (see minSpill).
func (s *chunkSpill) spillFull(full [][]byte, spans []span) []span {
	i := len(full)
	for i > 0 && full[i-1] != nil && cap(full[i-1]) >= minSpill {
		i--
	}
	if i == len(full) {
		return spans
	}
	return s.put(full, i, spans)
}

// seal ends the writing: the file jobs read from here on.
func (s *chunkSpill) seal() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = s.w.Flush()
	}
	s.w = nil
	if s.err != nil {
		return fmt.Errorf("search: temporary file %s: %w", s.name, s.err)
	}
	return nil
}

func (s *chunkSpill) close() {
	if s != nil {
		s.f.Close()
		os.Remove(s.name)
	}
}

// appendPieces appends a list's pieces to b, reading each nil one (a
// spilled chunk) from s at the next of spans.
func appendPieces(b []byte, pieces [][]byte, spans []span, s *chunkSpill) ([]byte, error) {
	for _, p := range pieces {
		if p != nil {
			b = append(b, p...)
			continue
		}
		sp := spans[0]
		spans = spans[1:]
		n := len(b)
		b = append(b, make([]byte, sp.n)...)
		if _, err := s.f.ReadAt(b[n:], sp.off); err != nil {
			return b, fmt.Errorf("search: temporary file %s: %w", s.name, err)
		}
	}
	return b, nil
}

// keptBodies keeps the bodies that gather drops (Options.DropTexts) in a
// temporary file of their own: the long lists' cards are made after
// gathering, and a card's excerpt (excerpt.go) reads its doc's body.
type keptBodies struct {
	file *chunkSpill
	at   []span // by id
}

// keepBodies makes the file; nil when it cannot (gather then keeps the
// bodies in memory: the files must not depend on it).
func keepBodies(n int) *keptBodies {
	f := newChunkSpill()
	if f == nil {
		return nil
	}
	return &keptBodies{file: f, at: make([]span, n)}
}

// put keeps doc id's body, valid UTF-8 (validBody); it is called on
// several goroutines at once.
func (k *keptBodies) put(id int, body string) {
	body = validBody(body)
	s := k.file
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		_, s.err = s.w.WriteString(body)
	}
	k.at[id] = span{s.size, int32(len(body))}
	s.size += int64(len(body))
}

// get reads doc id's body back into buf, once seal has ended the writing.
func (k *keptBodies) get(id int, buf []byte) ([]byte, error) {
	sp := k.at[id]
	buf = slices.Grow(buf[:0], int(sp.n))[:sp.n]
	if _, err := k.file.f.ReadAt(buf, sp.off); err != nil {
		return buf, fmt.Errorf("search: temporary file %s: %w", k.file.name, err)
	}
	return buf, nil
}
