package search

import (
	"bytes"
	"testing"

	"dangjian/generator/output"
)

// The watch server indexes on one core and the build on all of them: the
// index must not depend on how many workers made it.
func TestIndexIndependentOfWorkers(t *testing.T) {
	docs := synthetic(400)
	var outs []*output.Memory
	for _, n := range []int{1, 2, 5} {
		w := output.NewMemory()
		if _, err := Write(docs, w, Options{Workers: n}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, w)
	}
	for i, out := range outs[1:] {
		if len(out.Paths()) != len(outs[0].Paths()) {
			t.Fatalf("workers set %d: %d files, one worker %d", i+1, len(out.Paths()), len(outs[0].Paths()))
		}
		for _, p := range outs[0].Paths() {
			data, _ := outs[0].Get(p)
			if got, _ := out.Get(p); !bytes.Equal(got, data) {
				t.Fatalf("workers set %d: %s differs from one worker's", i+1, p)
			}
		}
	}
}
