package render

import (
	"strconv"
	"strings"

	"dangjian/generator/content"
	"dangjian/generator/derive"
	"dangjian/generator/gallery"
)

// Job is one HTML page to make: its URL, the layouts to try in order, and
// the template's data.
type Job struct {
	URL     string
	Layouts []string
	Ctx     *Context
}

// OutPath is the file a URL is written to: pretty URLs become folders with
// an index.html.
func OutPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Plan lists every HTML page of the site. The watch server calls the parts
// it needs (PageJobs, SectionJobs …) for a partial rebuild.
func Plan(s *Site) []Job {
	jobs := []Job{HomeJob(s)}
	for _, p := range s.C.All {
		jobs = append(jobs, PageJob(s, p))
	}
	for _, folder := range sortedFolders(s.C) {
		jobs = append(jobs, SectionJobs(s, s.C.Sections[folder])...)
	}
	jobs = append(jobs, TaxonomyJobs(s, "tags", s.C.Tags)...)
	jobs = append(jobs, TaxonomyJobs(s, "years", s.C.Years)...)
	jobs = append(jobs, SpecialJobs(s)...)
	return jobs
}

func sortedFolders(c *derive.Collections) []string {
	var out []string
	for _, s := range content.Sections {
		if c.Sections[s.Folder] != nil {
			out = append(out, s.Folder)
		}
	}
	for f := range c.Sections {
		if content.KindOfFolder(f) == content.KindPage {
			out = append(out, f)
		}
	}
	return out
}

// HomeJob is the home page.
func HomeJob(s *Site) Job {
	ctx := &Context{Site: s, Kind: "home", Title: s.Config.Title, URL: "/", Page: s.C.Index[""]}
	return Job{URL: "/", Layouts: []string{"index.html"}, Ctx: ctx}
}

// PageJob is one content page.
func PageJob(s *Site, p *content.Page) Job {
	ctx := &Context{Site: s, Kind: "single", Title: p.Title, URL: p.URL, Page: p}
	ctx.Crumbs = []Crumb{{s.T("home"), "/"}}
	if sec := s.C.Sections[p.Section]; sec != nil {
		ctx.Section = sec
		ctx.Crumbs = append(ctx.Crumbs, Crumb{sectionTitle(s, sec), "/" + sec.Folder + "/"})
	}
	ctx.Crumbs = append(ctx.Crumbs, Crumb{p.Title, p.URL})
	if p.Kind == content.KindUnit {
		ctx.Profile = s.C.Units[p]
	}
	layouts := []string{"_default/single.html"}
	if p.Section != "" {
		layouts = append([]string{p.Section + "/single.html"}, layouts...)
	}
	return Job{URL: p.URL, Layouts: layouts, Ctx: ctx}
}

func sectionTitle(s *Site, sec *derive.Section) string {
	if sec.Index != nil && sec.Index.Title != "" {
		return sec.Index.Title
	}
	return s.T("section_" + sec.Folder)
}

// SectionJobs are the pages of a section's list, newest first.
func SectionJobs(s *Site, sec *derive.Section) []Job {
	base := "/" + sec.Folder + "/"
	title := sectionTitle(s, sec)
	layouts := []string{sec.Folder + "/list.html", "_default/list.html"}
	return paginate(s, base, len(sec.Pages), func(from, to int, pager *Pager, u string) Job {
		ctx := &Context{Site: s, Kind: "section", Title: title, URL: u, Page: sec.Index, Section: sec,
			Pages: sec.Pages[from:to], Pager: pager,
			Crumbs: []Crumb{{s.T("home"), "/"}, {title, base}}}
		return Job{URL: u, Layouts: layouts, Ctx: ctx}
	})
}

// TaxonomyJobs are a taxonomy's index (/tags/) and one list per term.
func TaxonomyJobs(s *Site, taxonomy string, terms []*derive.Term) []Job {
	base := "/" + taxonomy + "/"
	title := s.T("taxonomy_" + taxonomy)
	jobs := []Job{{URL: base, Layouts: []string{"taxonomy/terms.html", "_default/terms.html"},
		Ctx: &Context{Site: s, Kind: "terms", Title: title, URL: base, Terms: terms, Taxonomy: taxonomy,
			Crumbs: []Crumb{{s.T("home"), "/"}, {title, base}}}}}
	for _, term := range terms {
		tbase := TermURL(taxonomy, term.Slug)
		jobs = append(jobs, paginate(s, tbase, len(term.Pages), func(from, to int, pager *Pager, u string) Job {
			ctx := &Context{Site: s, Kind: "term", Title: term.Name, URL: u, Term: term, Taxonomy: taxonomy,
				Pages: term.Pages[from:to], Pager: pager,
				Crumbs: []Crumb{{s.T("home"), "/"}, {title, base}, {term.Name, tbase}}}
			return Job{URL: u, Layouts: []string{"taxonomy/term.html", "_default/list.html"}, Ctx: ctx}
		})...)
	}
	return jobs
}

// SpecialJobs are the pages the generator makes itself.
func SpecialJobs(s *Site) []Job {
	mk := func(kind, u, layout string, data any) Job {
		title := s.T("page_" + kind)
		ctx := &Context{Site: s, Kind: kind, Title: title, URL: u, Data: data,
			Crumbs: []Crumb{{s.T("home"), "/"}, {title, u}}}
		return Job{URL: u, Layouts: []string{layout}, Ctx: ctx}
	}
	jobs := []Job{
		mk("stats", "/stats/", "stats.html", s.Stats),
		mk("search", "/search/", "search.html", nil),
		mk("404", "/404.html", "404.html", nil),
	}
	jobs = append(jobs, themeJobs(s)...)
	for _, view := range s.Gallery.Views() {
		j := mk("gallery", view.URL, "gallery.html", view)
		j.Ctx.Title = view.Title
		if view.URL != gallery.URL {
			j.Ctx.Crumbs = []Crumb{{s.T("home"), "/"}, {s.T("page_gallery"), gallery.URL}, {view.Title, view.URL}}
		}
		jobs = append(jobs, j)
	}
	return jobs
}

// paginate splits n items into pages of Config.Paginate: base, base/page/2/ …
func paginate(s *Site, base string, n int, mk func(from, to int, pager *Pager, u string) Job) []Job {
	size := s.Config.Paginate
	if size <= 0 {
		size = 10
	}
	total := (n + size - 1) / size
	if total == 0 {
		total = 1
	}
	pageURL := func(i int) string {
		if i == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(i) + "/"
	}
	jobs := make([]Job, 0, total)
	for i := 1; i <= total; i++ {
		from, to := (i-1)*size, min(i*size, n)
		pager := &Pager{Number: i, Total: total}
		if i > 1 {
			pager.Prev = pageURL(i - 1)
		}
		if i < total {
			pager.Next = pageURL(i + 1)
		}
		for j := 1; j <= total; j++ {
			// Show the ends and the neighbours; an officer's news list can run to hundreds of pages.
			if j == 1 || j == total || (j >= i-2 && j <= i+2) {
				pager.Links = append(pager.Links, PageLink{Number: j, URL: pageURL(j), Current: j == i})
			}
		}
		jobs = append(jobs, mk(from, to, pager, pageURL(i)))
	}
	return jobs
}
