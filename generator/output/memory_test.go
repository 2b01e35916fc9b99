package output

import (
	"slices"
	"testing"
)

// A writer may make its next file in the buffer it just wrote (the search
// index does): what Memory keeps must not change with it.
func TestMemoryKeepsACopy(t *testing.T) {
	m := NewMemory()
	buf := []byte("first")
	if err := m.WriteFile("a.js", buf); err != nil {
		t.Fatal(err)
	}
	copy(buf, "XXXXX")
	if got, _ := m.Get("a.js"); string(got) != "first" {
		t.Fatalf("a.js = %q after the writer reused its buffer, want %q", got, "first")
	}
}

func TestMemoryMoveFrom(t *testing.T) {
	live, next := NewMemory(), NewMemory()
	live.WriteFile("index.html", []byte("page"))
	live.WriteFile("search/t/1.js", []byte("old"))
	next.WriteFile("search/t/1.js", []byte("new"))
	next.WriteFile("search/t/2.js", []byte("two"))

	moved := live.MoveFrom(next)
	if want := []string{"search/t/1.js", "search/t/2.js"}; !slices.Equal(moved, want) {
		t.Fatalf("moved %q, want %q", moved, want)
	}
	for p, want := range map[string]string{"index.html": "page", "search/t/1.js": "new", "search/t/2.js": "two"} {
		if got, ok := live.Get(p); !ok || string(got) != want {
			t.Errorf("%s = %q (%v), want %q", p, got, ok, want)
		}
	}
	if left := next.Paths(); len(left) != 0 {
		t.Errorf("source still holds %q", left)
	}
}
