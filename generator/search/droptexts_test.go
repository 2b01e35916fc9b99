package search

import (
	"bytes"
	"testing"

	"dangjian/generator/output"
)

// A one-shot build lets the index drop each doc's text once it is done with
// it (Options.DropTexts): every file must be what it is when the texts stay,
// the fragments and whole texts (which read them) included, and the texts
// must indeed be gone.
func TestDropTextsSameIndex(t *testing.T) {
	for _, workers := range []int{1, 3} {
		keep, drop := synthetic(400), synthetic(400)
		want, got := output.NewMemory(), output.NewMemory()
		if _, err := Write(keep, want, Options{Workers: workers}); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(drop, got, Options{Workers: workers, DropTexts: true}); err != nil {
			t.Fatal(err)
		}
		if len(got.Paths()) != len(want.Paths()) {
			t.Fatalf("%d workers: %d files with DropTexts, %d without", workers, len(got.Paths()), len(want.Paths()))
		}
		for _, p := range want.Paths() {
			a, _ := want.Get(p)
			if b, _ := got.Get(p); !bytes.Equal(a, b) {
				t.Fatalf("%d workers: %s differs with DropTexts", workers, p)
			}
		}
		for i := range drop {
			if drop[i].Body != "" {
				t.Fatalf("%d workers: doc %d kept its text", workers, i)
			}
			if keep[i].Body == "" {
				t.Fatalf("%d workers: doc %d lost its text without DropTexts", workers, i)
			}
		}
	}
}
