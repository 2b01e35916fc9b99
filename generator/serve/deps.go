package serve

import (
	"slices"

	"dangjian/generator/content"
	"dangjian/generator/derive"
	"dangjian/generator/render"
)

// The dependency map of a content edit. A page of the site shows a changed
// file P when it is:
//
//   - P's own page;
//   - a list page (section, tag, year) whose items include P or a page
//     that names P (a list item shows its unit's title), or whose
//     items or pager changed because P came, went or moved (compared item by
//     item with the previous plan, so old and new terms are both covered);
//   - a page of P's section when P is that section's _index.md (its title
//     is in their breadcrumbs);
//   - the profile page of every unit P names, before and after the edit;
//   - when P is a unit, every page that names it, before and after;
//   - a page whose 上一篇/下一篇 is P, or whose neighbours in its section
//     changed (P came, went or moved);
//   - the home, statistics, site map and term-index pages, which summarise
//     the whole site (the last three show only front matter: figures,
//     titles, terms and counts, so an edit that changed bodies only leaves
//     them);
//   - the 通知公告 list, like a section list;
//   - the gallery's pages when P is a brand or a unit, before or after (the
//     gallery shows nothing else, and has a page per district and status).
//
// Feeds, the sitemap, stats data and redirects are rewritten on every
// rebuild by build.WritePages; search and 404 pages show no content.

// shown is what a content edit reaches beyond the lists: the pages that
// display a changed file's data, by content path, and the units whose
// profiles do.
type shown struct {
	changed map[string]bool // the edited files
	pages   map[string]bool
	units   map[string]bool // unit keys (file names)
	indexes map[string]bool // sections whose _index.md changed
	logos   bool            // a brand or unit changed: the gallery shows them
	// bodyOnly: no front matter changed, so the figures (statistics page)
	// and the terms with their counts (term indexes) are as they were.
	bodyOnly bool
}

// showsInGallery reports whether a page is one the logo gallery shows
// (brands, and units for their logos and the districts it sorts by).
func showsInGallery(p *content.Page) bool {
	return p != nil && !p.IsIndex && (p.Kind == content.KindBrand || p.Kind == content.KindUnit)
}

// touched works out, from the collections before and after an edit, which
// pages display the changed files.
func touched(oldC, newC *derive.Collections, changed map[string]bool) shown {
	t := shown{changed: changed, pages: map[string]bool{}, units: map[string]bool{}, indexes: map[string]bool{}}
	for path := range changed {
		for _, c := range []*derive.Collections{oldC, newC} {
			p := c.ByPath[path]
			if p == nil {
				continue
			}
			if p.IsIndex {
				t.indexes[p.Section] = true
			}
			t.logos = t.logos || showsInGallery(p)
			for _, u := range p.UnitPages() {
				t.units[content.UnitKey(u)] = true
			}
			if p.Kind == content.KindUnit && !p.IsIndex {
				t.units[content.UnitKey(p)] = true
				if pr := c.Units[p]; pr != nil {
					t.addProfile(pr)
				}
			}
		}
	}
	return t
}

func (t shown) addProfile(pr *derive.UnitProfile) {
	for _, list := range [][]*content.Page{pr.Brands, pr.Models, pr.News} {
		for _, p := range list {
			t.pages[p.Path] = true
		}
	}
	for _, h := range pr.Honors {
		t.pages[h.List.Path] = true
	}
}

// affected picks from the new plan the jobs an edit requires.
func affected(plan []render.Job, old map[string]jobInfo, t shown) []render.Job {
	var jobs []render.Job
	for _, j := range plan {
		prev, had := old[j.URL]
		if needs(j, prev, had, nil, t) {
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// jobIndex finds, in a remembered plan, the jobs that needs can pick for a
// body-only edit, which keeps the plan: walking all of them (12,000 at
// 10,000 pages, each with its lookups) was most of such a save's time.
type jobIndex struct {
	jobs  []render.Job
	infos []jobInfo // what each job shows
	// other: the jobs that are neither a page nor a list (home, figures,
	// gallery …), few, always asked.
	other []int
	refs  map[string][]int // content path → jobs whose jobInfo names it
	// section → its pages' jobs; unit key → the unit's own page jobs.
	sections, units map[string][]int
}

func newJobIndex(plan []render.Job) *jobIndex {
	x := &jobIndex{jobs: plan, infos: make([]jobInfo, len(plan)), refs: map[string][]int{},
		sections: map[string][]int{}, units: map[string][]int{}}
	ref := func(path string, i int) {
		if path != "" {
			x.refs[path] = append(x.refs[path], i)
		}
	}
	for i, j := range plan {
		in := infoOf(j)
		x.infos[i] = in
		switch in.kind {
		case "single":
			p := j.Ctx.Page
			x.sections[p.Section] = append(x.sections[p.Section], i)
			if p.Kind == content.KindUnit {
				k := content.UnitKey(p)
				x.units[k] = append(x.units[k], i)
			}
			ref(in.page, i)
			ref(in.newer, i)
			ref(in.older, i)
		case "section", "term", "category":
			ref(in.page, i)
			for _, item := range in.items {
				ref(item, i)
			}
		default:
			x.other = append(x.other, i)
		}
	}
	return x
}

// affectedSamePlan is affected for an edit that kept the remembered plan:
// each job shows what it showed, and only the jobs the index ties to what
// the edit touched are asked. needs(j) can hold for a page only through its
// own path, section, unit or neighbours, for a list through its page or
// items: all in refs, sections or units.
func (x *jobIndex) affectedSamePlan(t shown) []render.Job {
	cand := map[int]bool{}
	add := func(is []int) {
		for _, i := range is {
			cand[i] = true
		}
	}
	add(x.other)
	for path := range t.changed {
		add(x.refs[path])
	}
	for path := range t.pages {
		add(x.refs[path])
	}
	for sec := range t.indexes {
		add(x.sections[sec])
	}
	for u := range t.units {
		add(x.units[u])
	}
	order := make([]int, 0, len(cand))
	for i := range cand {
		order = append(order, i)
	}
	slices.Sort(order)
	var jobs []render.Job
	for _, i := range order {
		if needs(x.jobs[i], x.infos[i], true, &x.infos[i], t) {
			jobs = append(jobs, x.jobs[i])
		}
	}
	return jobs
}

// needs tells whether job j must be made again. prev is what its URL showed
// in the last plan (had: it was in it); cur, when known, is what j shows
// now, else it is worked out from j.
func needs(j render.Job, prev jobInfo, had bool, cur *jobInfo, t shown) bool {
	if !had {
		return true
	}
	info := func() jobInfo {
		if cur != nil {
			return *cur
		}
		return infoOf(j)
	}
	ctx := j.Ctx
	switch ctx.Kind {
	case "home":
		return true
	case "stats", "terms", "sitemap":
		return !t.bodyOnly
	case "gallery":
		return t.logos
	case "single":
		p := ctx.Page
		if t.changed[p.Path] || t.pages[p.Path] || t.indexes[p.Section] ||
			(p.Kind == content.KindUnit && t.units[content.UnitKey(p)]) {
			return true
		}
		// 上一篇/下一篇: other neighbours, or a neighbour's new title.
		in := info()
		return in.newer != prev.newer || in.older != prev.older || t.changed[in.newer] || t.changed[in.older]
	case "section", "term", "category":
		if !prev.equal(info()) || (ctx.Page != nil && t.changed[ctx.Page.Path]) {
			return true
		}
		for _, p := range ctx.Pages {
			// An item shows its unit's title too.
			if t.changed[p.Path] || t.pages[p.Path] {
				return true
			}
		}
		return false
	}
	// search, 404 and anything new to the plan that shows no content.
	return false
}
