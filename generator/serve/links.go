package serve

import (
	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// links checks every page's links against the served files, as build does
// (site.CheckLinks), so that a broken link, image or #anchor shows in the
// overlay while the officer writes. The site is still served: a preview
// with a broken link is more use than none.
func (b *builder) links(live *output.Memory) []diag.Problem {
	if b.site == nil {
		return nil
	}
	probs, _ := b.site.CheckLinks(live, b.jobs)
	diag.Sort(probs)
	return probs
}
