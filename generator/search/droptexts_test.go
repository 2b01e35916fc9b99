package search

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"dangjian/generator/output"
)

// A one-shot build lets the index drop each doc's text once it is done with
// it (Options.DropTexts): every file must be what it is when the texts stay,
// the fragments, whole texts and the long lists' excerpts (which read them)
// included, whether Write keeps the dropped texts itself or reads them back
// through Options.Bodies, and the texts must indeed be gone.
func TestDropTextsSameIndex(t *testing.T) {
	for _, workers := range []int{1, 3} {
		keep := dropDocs()
		want := output.NewMemory()
		if _, err := Write(keep, want, Options{Workers: workers, BigBytes: 200}); err != nil {
			t.Fatal(err)
		}
		if n := excerptsIn(t, want); n == 0 {
			t.Fatal("the index has no excerpt: the test needs some")
		}
		bodies := dropDocs()
		for name, opts := range map[string]Options{
			"kept":   {Workers: workers, BigBytes: 200, DropTexts: true},
			"bodies": {Workers: workers, BigBytes: 200, DropTexts: true, Bodies: func(i int, buf []byte) ([]byte, error) { return append(buf, bodies[i].Body...), nil }},
		} {
			drop, got := dropDocs(), output.NewMemory()
			if _, err := Write(drop, got, opts); err != nil {
				t.Fatal(err)
			}
			if len(got.Paths()) != len(want.Paths()) {
				t.Fatalf("%d workers, %s: %d files with DropTexts, %d without", workers, name, len(got.Paths()), len(want.Paths()))
			}
			for _, p := range want.Paths() {
				a, _ := want.Get(p)
				if b, _ := got.Get(p); !bytes.Equal(a, b) {
					t.Fatalf("%d workers, %s: %s differs with DropTexts", workers, name, p)
				}
			}
			for i := range drop {
				if drop[i].Body != "" {
					t.Fatalf("%d workers, %s: doc %d kept its text", workers, name, i)
				}
				if keep[i].Body == "" {
					t.Fatalf("%d workers: doc %d lost its text without DropTexts", workers, i)
				}
			}
		}
	}
}

// dropDocs are synthetic docs, a third of them starting with a long
// paragraph and then a phrase the others do not have, beyond their heads:
// the long lists' excerpts are there.
func dropDocs() []Doc {
	docs := synthetic(400)
	for i := range docs {
		if i%3 == 0 {
			docs[i].Body = strings.Repeat("秋冬季节天气寒冷，", 20) + "学习强国积分。\n" + docs[i].Body
		}
	}
	return docs
}

// excerptsIn counts the excerpts in the long lists' files of m.
func excerptsIn(t *testing.T, m *output.Memory) int {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, p := range m.Paths() {
		b, _ := m.Get(p)
		fsys[p] = &fstest.MapFile{Data: b}
	}
	ix, err := Open(fsys, "search")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range m.Paths() {
		if name, ok := strings.CutPrefix(p, "search/"); ok && strings.HasPrefix(name, "t/") && strings.Contains(name, "-") {
			if _, err := ix.loadLong(strings.TrimSuffix(name, ".js")); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, ex := range ix.excerpts {
		n += len(ex)
	}
	return n
}
