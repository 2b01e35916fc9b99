package site

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestMemoryLimit: a build sets a soft memory limit of at least 1 GiB,
// 20 KiB a page above that, puts the previous one back after, and leaves
// GOMEMLIMIT's alone.
func TestMemoryLimit(t *testing.T) {
	src := t.TempDir()
	for i := range 30 {
		writeFile(t, filepath.Join(src, "content", fmt.Sprintf("d%d", i%7), fmt.Sprintf("p%d.md", i)), "")
	}
	writeFile(t, filepath.Join(src, "content", "notes.txt"), "")
	if n := countPages(src); n != 30 {
		t.Errorf("%d pages counted, want 30", n)
	}
	if got := memoryLimit(30); got != 1<<30 {
		t.Errorf("limit %d for 30 pages, want 1 GiB", got)
	}
	if got, want := memoryLimit(100_000), int64(100_000*20<<10); got != want {
		t.Errorf("limit %d for 100,000 pages, want %d", got, want)
	}

	before := debug.SetMemoryLimit(-1)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	restore := setMemoryLimit(src)
	if got := debug.SetMemoryLimit(-1); got != memoryLimit(30) {
		t.Errorf("limit %d during the build, want %d", got, memoryLimit(30))
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after the build, want %d back", got, before)
	}
	t.Setenv("GOMEMLIMIT", "3GiB")
	restore = setMemoryLimit(src)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d with GOMEMLIMIT set, want %d untouched", got, before)
	}
	restore()
}
