package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// A one-shot build's live heap is highest for a moment (the search index's
// start, every page's plain text in it: about 16 KB a page at 50,000
// pages) and far lower the rest of the time; the garbage collector's
// default headroom (twice the live heap) made that moment the process's
// peak memory. A soft limit of at least memoryLimitMin, 20 KiB a page above
// that, keeps the heap near the limit instead, at the cost of a few more
// collections in that moment. GOMEMLIMIT, when set, wins.
const (
	memoryLimitMin     = 1 << 30
	memoryLimitPerPage = 20 << 10
)

// setMemoryLimit sets the soft memory limit of a build of the site in
// source and returns the function that puts the previous one back. It is
// set before the pages are read (reading and converting them is the other
// high moment), so it counts the Markdown files itself.
func setMemoryLimit(source string) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(memoryLimit(countPages(source)))
	return func() { debug.SetMemoryLimit(prev) }
}

func memoryLimit(pages int) int64 {
	return max(int64(memoryLimitMin), int64(pages)*memoryLimitPerPage)
}

// countPages counts the Markdown files under source's content/: a walk of
// the names, which content.Load then finds in the system's cache.
func countPages(source string) int {
	pages := 0
	filepath.WalkDir(filepath.Join(source, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages++
		}
		return nil
	})
	return pages
}
