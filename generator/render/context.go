package render

import (
	"html/template"
	"strings"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/derive"
	"dangjian/generator/gallery"
	"dangjian/generator/stats"
)

// Site is what every template sees as .Site: configuration and the derived
// collections and figures, computed once per build.
type Site struct {
	Config    config.Config
	Labels    map[string]string
	C         *derive.Collections
	Stats     *stats.Figures
	Gallery   *gallery.Gallery
	Featured  []*content.Page
	BuildDate time.Time
	Dev       bool // serve mode
	// AbsURL is the full base URL ("https://dj.example.gov.cn/") when
	// site.toml gives one, else "": the feeds, sitemap and canonical links,
	// which need absolute URLs, exist only with it.
	AbsURL string
}

// Context is the dot of every template.
type Context struct {
	Site     *Site
	Kind     string // home, section, single, terms, term, stats, gallery, search, 404
	Title    string
	URL      string // site-relative URL of the page being made
	Root     string // link from this page to the site root (set by the renderer)
	Page     *content.Page
	Section  *derive.Section
	Pages    []*content.Page // list pages: the items of this page of the list
	Pager    *Pager
	Term     *derive.Term
	Terms    []*derive.Term
	Taxonomy string // tags or years
	Profile  *derive.UnitProfile
	Data     any
	Crumbs   []Crumb
}

// SearchInline is the search page's Data when the build made the search
// index before it (site: Write): the index's metadata and directory
// (search.InlineHead), the search engine (js/search.js as published) and
// the main stylesheet (css/main.css as published), for the page to carry
// in its head. Any may be empty: the page then loads that part as a file.
type SearchInline struct {
	Index  template.JS
	Engine template.JS
	Style  template.CSS
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title string
	URL   string
}

// Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, "" at the ends
	Links         []PageLink
}

// PageLink is a numbered link of the pager.
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// CurrentMenu is the URL of the menu entry the page belongs to: the
// longest entry URL that starts the page's URL ("/" only on the home page),
// or "" when none does. The header marks that entry, and caches itself by it.
func (c *Context) CurrentMenu() string {
	if c.URL == "/" {
		return "/"
	}
	best := ""
	for _, m := range c.Site.Config.Menu {
		if m.URL != "/" && strings.HasPrefix(c.URL, m.URL) && len(m.URL) > len(best) {
			best = m.URL
		}
	}
	return best
}

// Canonical is the page's absolute URL for <link rel="canonical">, or ""
// without a full base URL (and on 404.html, which has no address of its own).
func (c *Context) Canonical() string {
	if c.Site.AbsURL == "" || c.Kind == "404" {
		return ""
	}
	return Absolute(c.Site.AbsURL, c.URL)
}

// UnitFigures returns the stats of the unit a profile shows.
func (c *Context) UnitFigures() *stats.UnitFigures {
	if c.Site.Stats == nil || c.Page == nil {
		return nil
	}
	return c.Site.Stats.Unit(content.UnitKey(c.Page))
}

// ProfileOf returns the derived lists of a unit page, for any template.
func (s *Site) ProfileOf(u *content.Page) *derive.UnitProfile {
	if u == nil {
		return nil
	}
	return s.C.Units[u]
}

// SectionOf returns a section by folder.
func (s *Site) SectionOf(folder string) *derive.Section { return s.C.Sections[folder] }

// T looks a label up in the translation table.
func (s *Site) T(key string) string {
	if v, ok := s.Labels[key]; ok {
		return v
	}
	return key
}
