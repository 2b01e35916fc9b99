package render

import (
	"slices"

	"dangjian/generator/content"
)

// NoticeCategory is the news category shown in the home page's 通知公告
// block and listed at NoticesURL.
const NoticeCategory = "通知公告"

// NoticesURL is the list of news whose category is 通知公告. A reserved URL
// (site.Reserved): no news page may take it.
const NoticesURL = "/news/" + NoticeCategory + "/"

// SitemapURL is the HTML site map, linked from every page's footer.
const SitemapURL = "/sitemap/"

// Newer is the page listed above this one in its section (上一篇), nil at the
// top or outside a section.
func (c *Context) Newer() *content.Page {
	if c.Section == nil || c.Page == nil {
		return nil
	}
	newer, _ := c.Section.Neighbors(c.Page)
	return newer
}

// Older is the page listed below this one in its section (下一篇).
func (c *Context) Older() *content.Page {
	if c.Section == nil || c.Page == nil {
		return nil
	}
	_, older := c.Section.Neighbors(c.Page)
	return older
}

// Notices are the news of category 通知公告, newest first.
func (s *Site) Notices() []*content.Page {
	var out []*content.Page
	if sec := s.C.Sections["news"]; sec != nil {
		for _, p := range sec.Pages {
			if p.News != nil && p.News.Category == NoticeCategory {
				out = append(out, p)
			}
		}
	}
	return out
}

// WorkNews are the news that are not 通知公告, newest first: the home
// page's 工作动态 block.
func (s *Site) WorkNews() []*content.Page {
	var out []*content.Page
	if sec := s.C.Sections["news"]; sec != nil {
		for _, p := range sec.Pages {
			if p.News == nil || p.News.Category != NoticeCategory {
				out = append(out, p)
			}
		}
	}
	return out
}

// Focus are the newest news with an image, at most three: the home page's
// 焦点图.
func (s *Site) Focus() []*content.Page {
	var out []*content.Page
	if sec := s.C.Sections["news"]; sec != nil {
		for _, p := range sec.Pages {
			if p.News != nil && p.News.Image != "" {
				out = append(out, p)
				if len(out) == 3 {
					break
				}
			}
		}
	}
	return out
}

// SitemapSection is one group of the HTML site map: a section (or the
// pages at the content root) with its pages by year.
type SitemapSection struct {
	Title string
	URL   string // the section's list; "" for the root pages
	Years []SitemapYear
}

// SitemapYear is a section's pages of one year; Year 0 holds the undated.
type SitemapYear struct {
	Year  int
	Pages []*content.Page
}

// Sitemap groups every published page by section, then year (newest
// first, undated last).
func (s *Site) Sitemap() []SitemapSection {
	var out []SitemapSection
	group := func(title, u string, pages []*content.Page) {
		byYear := map[int][]*content.Page{}
		var years []int
		for _, p := range pages {
			y := p.Year()
			if _, ok := byYear[y]; !ok {
				years = append(years, y)
			}
			byYear[y] = append(byYear[y], p)
		}
		slices.SortFunc(years, func(a, b int) int {
			switch {
			case a == 0:
				return 1
			case b == 0:
				return -1
			}
			return b - a
		})
		sec := SitemapSection{Title: title, URL: u}
		for _, y := range years {
			sec.Years = append(sec.Years, SitemapYear{y, byYear[y]})
		}
		out = append(out, sec)
	}
	for _, folder := range sortedFolders(s.C) {
		sec := s.C.Sections[folder]
		group(sectionTitle(s, sec), "/"+folder+"/", sec.Pages)
	}
	var root []*content.Page
	for _, p := range s.C.All {
		if p.Section == "" {
			root = append(root, p)
		}
	}
	if len(root) > 0 {
		group(s.T("other_pages"), "", root)
	}
	return out
}

// themeJobs are the theme's own pages: the HTML site map and the 通知公告
// list (when there is a notice).
func themeJobs(s *Site) []Job {
	home := Crumb{s.T("home"), "/"}
	title := s.T("page_sitemap")
	jobs := []Job{{URL: SitemapURL, Layouts: []string{"sitemap.html"},
		Ctx: &Context{Site: s, Kind: "sitemap", Title: title, URL: SitemapURL, Data: s.Sitemap(),
			Crumbs: []Crumb{home, {title, SitemapURL}}}}}
	notices := s.Notices()
	if len(notices) == 0 {
		return jobs
	}
	news := s.C.Sections["news"]
	newsTitle := sectionTitle(s, news)
	title = s.T("notices")
	layouts := []string{"news/category.html", "_default/list.html"}
	return append(jobs, paginate(s, NoticesURL, len(notices), func(from, to int, pager *Pager, u string) Job {
		ctx := &Context{Site: s, Kind: "category", Title: title, URL: u,
			Pages: notices[from:to], Pager: pager,
			Crumbs: []Crumb{home, {newsTitle, "/news/"}, {title, NoticesURL}}}
		return Job{URL: u, Layouts: layouts, Ctx: ctx}
	})...)
}

// MenuHas reports whether the header menu links u, so that the site map
// does not list a page twice.
func (s *Site) MenuHas(u string) bool {
	for _, m := range s.Config.Menu {
		if m.URL == u {
			return true
		}
	}
	return false
}
