// Package derive computes the site-wide collections templates show: each
// section's pages newest first, the tag and year taxonomies, and for every
// unit the brands, model sites, honors and news that name it. It runs once
// per build over the published pages, so no template computes a list per page.
package derive

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"dangjian/generator/content"
)

// Collections are the lists a site is made of.
type Collections struct {
	All      []*content.Page                // every published page that is not a section index
	Sections map[string]*Section            // by folder: news, brands, … and plain folders
	Index    map[string]*content.Page       // _index.md by folder ("" is the home text)
	Tags     []*Term                        // sorted by name
	Years    []*Term                        // newest first
	Units    map[*content.Page]*UnitProfile // by unit page
	ByPath   map[string]*content.Page       // content/… path → page
	Honors   []HonorRef                     // every honor entry, newest first
}

// Section is one folder's pages, newest first.
type Section struct {
	Folder string
	Kind   content.Kind
	Index  *content.Page // its _index.md, if any
	Pages  []*content.Page

	pos map[*content.Page]int // index in Pages, for Neighbors
}

// Neighbors returns the pages beside p in its section's list, newest
// first: newer is the one listed above it (上一篇), older the one below
// (下一篇); nil at the ends or when p is not in the list.
func (s *Section) Neighbors(p *content.Page) (newer, older *content.Page) {
	i, ok := s.pos[p]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		newer = s.Pages[i-1]
	}
	if i+1 < len(s.Pages) {
		older = s.Pages[i+1]
	}
	return newer, older
}

// Term is one tag or year with its pages, newest first.
type Term struct {
	Name  string
	Slug  string // URL segment
	Pages []*content.Page
}

// UnitProfile is everything a unit's profile page shows about it.
type UnitProfile struct {
	Unit   *content.Page
	Brands []*content.Page
	Models []*content.Page
	Honors []HonorRef
	News   []*content.Page
}

// HonorRef is one entry of an honor list, with the list it stands in.
type HonorRef struct {
	List  *content.Page
	Honor *content.Honor
}

// Derive builds the collections from the published pages.
func Derive(pages []*content.Page) *Collections {
	c := &Collections{
		Sections: map[string]*Section{},
		Index:    map[string]*content.Page{},
		Units:    map[*content.Page]*UnitProfile{},
		ByPath:   map[string]*content.Page{},
	}
	for _, p := range pages {
		c.ByPath[p.Path] = p
		sec := c.section(p)
		if p.IsIndex {
			c.Index[p.Section] = p
			if sec != nil {
				sec.Index = p
			}
			continue
		}
		c.All = append(c.All, p)
		if p.Kind == content.KindUnit {
			c.profile(p)
		}
		// Honor entries keep the pages' path order into their stable sort.
		if p.Honor != nil {
			for i := range p.Honor.Honors {
				h := &p.Honor.Honors[i]
				ref := HonorRef{List: p, Honor: h}
				c.Honors = append(c.Honors, ref)
				if h.Unit != nil {
					c.profile(h.Unit).Honors = append(c.profile(h.Unit).Honors, ref)
				}
			}
		}
	}
	// Every other list is a part of All: filled from All sorted once, each
	// comes out sorted, as the watch server needs on every save.
	SortNewest(c.All)
	tags := map[string]*Term{}
	years := map[int]*Term{}
	for _, p := range c.All {
		if sec := c.Sections[p.Section]; sec != nil {
			sec.Pages = append(sec.Pages, p)
		}
		for _, t := range p.Tags {
			if tags[t] == nil {
				tags[t] = &Term{Name: t, Slug: t}
			}
			tags[t].Pages = append(tags[t].Pages, p)
		}
		if y := p.Year(); y > 0 {
			if years[y] == nil {
				s := strconv.Itoa(y)
				years[y] = &Term{Name: s, Slug: s}
			}
			years[y].Pages = append(years[y].Pages, p)
		}
		switch {
		case p.Brand != nil && p.Brand.Unit != nil:
			c.profile(p.Brand.Unit).Brands = append(c.profile(p.Brand.Unit).Brands, p)
		case p.Model != nil && p.Model.Unit != nil:
			c.profile(p.Model.Unit).Models = append(c.profile(p.Model.Unit).Models, p)
		case p.News != nil:
			for _, u := range p.News.Units {
				c.profile(u).News = append(c.profile(u).News, p)
			}
		}
	}
	for _, sec := range c.Sections {
		if sec.Kind == content.KindUnit {
			SortUnits(sec.Pages)
		}
		sec.pos = make(map[*content.Page]int, len(sec.Pages))
		for i, p := range sec.Pages {
			sec.pos[p] = i
		}
	}
	for _, t := range tags {
		c.Tags = append(c.Tags, t)
	}
	sort.Slice(c.Tags, func(i, j int) bool { return c.Tags[i].Name < c.Tags[j].Name })
	for _, t := range years {
		c.Years = append(c.Years, t)
	}
	sort.Slice(c.Years, func(i, j int) bool { return c.Years[i].Name > c.Years[j].Name })
	sortHonors(c.Honors)
	for _, u := range c.Units {
		sortHonors(u.Honors)
	}
	return c
}

func (c *Collections) section(p *content.Page) *Section {
	if p.Section == "" {
		return nil
	}
	s := c.Sections[p.Section]
	if s == nil {
		s = &Section{Folder: p.Section, Kind: p.Kind}
		c.Sections[p.Section] = s
	}
	return s
}

func (c *Collections) profile(u *content.Page) *UnitProfile {
	pr := c.Units[u]
	if pr == nil {
		pr = &UnitProfile{Unit: u}
		c.Units[u] = pr
	}
	return pr
}

// SortNewest orders pages newest first: by date (or year), then weight,
// then title, so that lists are stable from build to build. The keys are
// computed once per page rather than per comparison: the watch server
// derives a 10,000-page site again on every save.
func SortNewest(ps []*content.Page) {
	type keyed struct {
		p      *content.Page
		sec    int64
		nsec   int
		year   int
		weight int
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i] = keyed{p, p.Date.Unix(), p.Date.Nanosecond(), p.Year(), p.Weight}
	}
	// The path ends every tie, so an unstable sort gives the same order.
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(b.sec, a.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.nsec, a.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.year, a.year); c != 0 {
			return c
		}
		if c := cmp.Compare(a.weight, b.weight); c != 0 {
			return c
		}
		if c := strings.Compare(a.p.Title, b.p.Title); c != 0 {
			return c
		}
		return strings.Compare(a.p.Path, b.p.Path)
	})
	for i := range ks {
		ps[i] = ks[i].p
	}
}

// SortUnits orders units the way officers expect: units have no date, so
// by weight (smaller first), then title, then path.
func SortUnits(ps []*content.Page) {
	slices.SortStableFunc(ps, func(a, b *content.Page) int {
		if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
}

func sortHonors(hs []HonorRef) {
	type keyed struct {
		h    HonorRef
		date string
	}
	ks := make([]keyed, len(hs))
	for i, h := range hs {
		ks[i] = keyed{h, honorDate(h)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(b.date, a.date); c != 0 {
			return c
		}
		return strings.Compare(a.h.Honor.Name, b.h.Honor.Name)
	})
	for i := range ks {
		hs[i] = ks[i].h
	}
}

// honorDate sorts an entry by its own date, else by its list's year.
func honorDate(h HonorRef) string {
	if h.Honor.HasDate {
		return h.Honor.Date.Format("2006-01-02")
	}
	if h.List.Honor != nil && h.List.Honor.Year > 0 {
		return strconv.Itoa(h.List.Honor.Year) + "-00-00"
	}
	return h.List.Date.Format("2006-01-02")
}
