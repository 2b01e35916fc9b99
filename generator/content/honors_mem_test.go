package content

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestHonorListMemory: an honor list's entries are kept in a small multiple
// of their size in the file (issue #14, low: 1,000,000 [[honors]] took 32×
// their size). Measured on 50,000 entries: what the page keeps after
// parsing, against the file's size.
func TestHonorListMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates about 100 MB")
	}
	var b strings.Builder
	b.WriteString("+++\ntitle = \"2024年荣誉榜\"\nyear = 2024\nlevel = \"市级\"\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "\n[[honors]]\nname = \"先进基层党组织%d\"\nrecipient = \"第%d党支部\"\ntype = \"集体\"\nunit = \"fuyou\"\ndate = 2024-07-01\n", i, i)
	}
	b.WriteString("+++\n")
	data := []byte(b.String())
	b.Reset()
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	p, probs := Parse("honors/2024.md", data)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	if len(probs) > 0 || len(p.Honor.Honors) != 50000 {
		t.Fatalf("%d entries, %v", len(p.Honor.Honors), probs)
	}
	kept := float64(m1.HeapAlloc-m0.HeapAlloc) / float64(len(data))
	t.Logf("file %.1f MB; the parsed page keeps %.1f× that", float64(len(data))/1e6, kept)
	// Before: 5.0× (a map of key lines per entry). The page's front matter
	// text is one of them.
	if kept > 4 {
		t.Errorf("the parsed page keeps %.1f× the file's size, want at most 4×", kept)
	}
	runtime.KeepAlive(p)
	runtime.KeepAlive(data)
}
