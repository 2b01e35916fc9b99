package search

import (
	"bytes"
	"sync"
	"testing"
)

type keepWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *keepWriter) WriteFile(p string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[p] = append([]byte(nil), data...)
	return nil
}

// The watch server indexes on one core and the build on all of them: the
// index must not depend on how many workers made it.
func TestIndexIndependentOfWorkers(t *testing.T) {
	docs := synthetic(400)
	var outs []map[string][]byte
	for _, n := range []int{1, 2, 5} {
		w := &keepWriter{files: map[string][]byte{}}
		if _, err := Write(docs, w, Options{Workers: n}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, w.files)
	}
	for i, out := range outs[1:] {
		if len(out) != len(outs[0]) {
			t.Fatalf("workers set %d: %d files, one worker %d", i+1, len(out), len(outs[0]))
		}
		for p, data := range outs[0] {
			if !bytes.Equal(out[p], data) {
				t.Fatalf("workers set %d: %s differs from one worker's", i+1, p)
			}
		}
	}
}
