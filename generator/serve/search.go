package serve

import (
	"strings"

	"dangjian/generator/output"
	"dangjian/generator/search"
)

// The search index is made from every page at once (search.Write has no
// partial update) and takes seconds at 10,000 pages, so a content edit does
// not wait for it: the tabs reload first, then the index is rewritten in
// the background from a snapshot of the pages' search documents, and
// swapped in when done. Until then a search finds the text as it was.

// searchDir is where search.Write puts its files (search.Options.Dir's
// default, which the build uses too).
const searchDir = "search/"

func isSearchFile(p string) bool {
	return strings.HasPrefix(p, searchDir) && p != searchDir+"index.html"
}

// searchJob is one background index write.
type searchJob struct {
	builds int64 // the builder's full-build count when the job started
	files  *output.Memory
	err    error
}

// searchSnapshot takes what the index needs from the pages now, in the
// watch loop, so that the background writer never reads a page that the
// next rebuild changes.
func (b *builder) searchSnapshot() []search.Doc {
	return search.DocsFromPages(b.site.Render.C.All)
}

func writeSearch(docs []search.Doc, builds int64) searchJob {
	mem := output.NewMemory()
	// One core: the other stays free for the rebuilds of the officer's
	// next saves, which would otherwise wait for the index's seconds.
	_, err := search.Write(docs, mem, search.Options{Workers: 1})
	return searchJob{builds: builds, files: mem, err: err}
}

// applySearch swaps a finished index in, unless a full build (which writes
// its own index) came since the job started.
func (b *builder) applySearch(j searchJob) bool {
	if j.err != nil || j.builds != b.builds || !b.ok {
		return false
	}
	live := b.live.Load()
	// A link may lead to a file of the index: the next edit checks
	// every page against the new files.
	b.lc = nil
	now := map[string]bool{}
	for _, p := range live.MoveFrom(j.files) {
		now[p] = true
	}
	for p := range b.search {
		if !now[p] {
			live.Remove(p)
		}
	}
	b.search = now
	return true
}
