package serve

import (
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// links checks every page's links against the served files, as build does
// (site.CheckLinks), so that a broken link, image or #anchor shows in the
// overlay while the officer writes. The site is still served: a preview
// with a broken link is more use than none. The check is kept (b.lc) for
// the next body-only edit, which checks again only what it can change.
func (b *builder) links(live *output.Memory) []diag.Problem {
	b.lc = nil
	if b.site == nil {
		return nil
	}
	b.lc = b.site.NewLinkCheck(live, b.jobs)
	return b.linkProblems()
}

// linksAfterBodies is links after a body-only edit: changed are the
// published pages rendered again, written the files the edit wrote.
// Without a kept check (a static copy or a search index changed the
// served files since) every page is checked again.
func (b *builder) linksAfterBodies(live *output.Memory, changed []*content.Page, written []string) []diag.Problem {
	if b.lc == nil {
		return b.links(live)
	}
	b.lc.Update(changed, written)
	return b.linkProblems()
}

func (b *builder) linkProblems() []diag.Problem {
	probs := b.lc.Problems()
	diag.Sort(probs)
	return probs
}
