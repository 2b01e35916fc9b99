// Package content loads a site's content/ folder into Pages: it splits the
// TOML front matter, decodes the fields of each kind, and reports every
// mistake with its file and line. It does not render Markdown or templates.
package content

import (
	"html/template"
	"time"
)

// Kind is what a page is, given by the folder it sits in.
type Kind string

const (
	KindPage  Kind = "page"  // any other folder, or the content root
	KindUnit  Kind = "unit"  // units/   单位
	KindBrand Kind = "brand" // brands/  党建品牌
	KindModel Kind = "model" // models/  示范点
	KindHonor Kind = "honor" // honors/  荣誉榜
	KindNews  Kind = "news"  // news/    工作动态、通报
)

// Sections maps each typed kind to its folder under content/, in menu order.
var Sections = []struct {
	Kind   Kind
	Folder string
}{
	{KindNews, "news"},
	{KindBrand, "brands"},
	{KindModel, "models"},
	{KindHonor, "honors"},
	{KindUnit, "units"},
}

// KindOfFolder returns the kind of a page in the given top-level folder.
func KindOfFolder(folder string) Kind {
	for _, s := range Sections {
		if s.Folder == folder {
			return s.Kind
		}
	}
	return KindPage
}

// FolderOfKind returns the content folder of a typed kind ("" for KindPage).
func FolderOfKind(k Kind) string {
	for _, s := range Sections {
		if s.Kind == k {
			return s.Folder
		}
	}
	return ""
}

// Page is one Markdown file. Every stage reads it; each stage fills in only
// its own part (load: the fields; markdown: HTML, TOC, Plain; derive: the
// back-links) so the data flows one way.
type Page struct {
	// Where it came from.
	Path     string // slash path relative to the site source: content/brands/a.md
	Kind     Kind
	Section  string // top-level folder under content/ ("" at the root)
	IsIndex  bool   // an _index.md: the landing text of its section
	Slug     string // from the file name or the slug field
	URL      string // site-relative, always starting and ending with "/": /brands/a/
	BodyLine int    // line of the file where the Markdown body starts

	// Common front matter.
	Title      string
	Date       time.Time
	HasDate    bool
	Draft      bool
	Tags       []string
	Summary    string // front matter summary; the markdown stage fills it if empty
	Weight     int
	Aliases    []string // site-relative URLs that redirect here
	rawAliases []string // as written, for checkNames
	// Files under content/ listed under 附件 (attachment.go).
	Attachments []Attachment
	Params      map[string]any // [params]: the site's own data, for its layouts

	// Kind-specific front matter; exactly one is set for a typed kind.
	Unit  *Unit
	Brand *Brand
	Model *ModelSite
	Honor *HonorList
	News  *News

	// Line of each front matter key, for later stages' messages.
	FieldLines map[string]int

	// ReviewIgnore lists the publication review rules silenced for this
	// page (front matter review_ignore, e.g. a quoted historical document).
	ReviewIgnore []string
	// Front is the raw front matter text and FrontLine the file line it
	// starts on, so that the review can point at a column of a field.
	Front     []byte
	FrontLine int

	// Raw Markdown body.
	Body []byte

	// Filled by the markdown stage.
	HTML           template.HTML
	TOC            []Heading
	Plain          string // the body as plain text (search, summaries)
	ReadingMinutes int
	Links          []Link    // links and images found in the body (check)
	HeadingIDs     []string  // every heading ID, for checking #anchors
	DroppedHTML    []RawHTML // HTML in the body that is not published (unsafe_html off), for a warning
}

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// RawHTML is HTML written in a page's Markdown that the page leaves out
// (site.toml unsafe_html is off): its start, and its file line.
type RawHTML struct {
	Tag  string
	Line int
}

// Link is a link or image destination written in a page's Markdown.
type Link struct {
	Dest  string
	Image bool
	Line  int // line in the file
}

// Unit is a 单位: a hospital, station, CDC, bureau … with its party organization.
type Unit struct {
	Short    string `toml:"short"`
	District string `toml:"district"`
	Category string `toml:"category"`
	PartyOrg string `toml:"party_org"`
	Members  int    `toml:"members"`
	Branches int    `toml:"branches"`
	Logo     string `toml:"logo"`
	// MembersUnset and BranchesUnset: the field is not written at all. The
	// portal then says 未填写 instead of publishing "0 人" for a unit that
	// has members but did not give the number.
	MembersUnset  bool `toml:"-"`
	BranchesUnset bool `toml:"-"`
}

// Brand is a 党建品牌 practice of one unit.
type Brand struct {
	UnitSlug        string  `toml:"unit"`
	Slogan          string  `toml:"slogan"`
	Logo            string  `toml:"logo"`
	Status          string  `toml:"status"`
	Year            int     `toml:"year"`
	MembersInvolved int     `toml:"members_involved"`
	Activities      int     `toml:"activities"`
	Beneficiaries   int     `toml:"beneficiaries"`
	Investment      float64 `toml:"investment"`

	Unit *Page `toml:"-"` // resolved from UnitSlug
}

// ModelSite is a 示范点 recognised at some level.
type ModelSite struct {
	UnitSlug   string    `toml:"unit"`
	Level      string    `toml:"level"`
	Awarded    time.Time `toml:"-"`
	HasAwarded bool      `toml:"-"`
	Standards  []string  `toml:"standards"`
	Instructor string    `toml:"instructor"`

	Unit *Page `toml:"-"`
}

// HonorList is a 荣誉榜: one list of honors, e.g. a year's commendations.
type HonorList struct {
	Year      int     `toml:"year"`
	GrantedBy string  `toml:"granted_by"`
	Level     string  `toml:"level"`
	Honors    []Honor `toml:"-"`
}

// Honor is one entry of an honor list.
type Honor struct {
	Name      string
	Recipient string
	Type      string // 集体 or 个人
	Level     string // the entry's own level, else the list's
	Date      time.Time
	HasDate   bool
	UnitSlug  string
	Line      int        // line of its [[honors]] table in the file
	Lines     HonorLines // line of each of its keys, for messages about one field

	Unit *Page
}

// HonorLines is the line of each field of an honor entry, in HonorKeys
// order (0: not written). A list can hold a million entries: a map per
// entry was about 250 bytes of each entry's memory, this is 24.
type HonorLines [6]int32

// Of returns the line of the field key, or 0.
func (l HonorLines) Of(key string) int {
	for i, k := range HonorKeys {
		if k == key {
			return int(l[i])
		}
	}
	return 0
}

func honorLines(keys map[string]int) HonorLines {
	var l HonorLines
	for i, k := range HonorKeys {
		l[i] = int32(keys[k])
	}
	return l
}

// News is a 工作动态 item or a 通报.
type News struct {
	Source      string   `toml:"source"`
	DocNumber   string   `toml:"doc_number"`
	IndexNumber string   `toml:"index_number"`
	Publisher   string   `toml:"publisher"`
	Author      string   `toml:"author"`
	UnitSlugs   []string `toml:"units"`
	Category    string   `toml:"category"` // 栏目, e.g. 通知公告
	Image       string   `toml:"image"`    // 焦点图: a path under content/ or static/

	Units []*Page `toml:"-"`
}

// Year is the page's year for the /years/ taxonomy, or 0 when it has none.
func (p *Page) Year() int {
	if p.HasDate {
		return p.Date.Year()
	}
	if p.Brand != nil && p.Brand.Year > 0 {
		return p.Brand.Year
	}
	if p.Honor != nil && p.Honor.Year > 0 {
		return p.Honor.Year
	}
	if p.Model != nil && p.Model.HasAwarded {
		return p.Model.Awarded.Year()
	}
	return 0
}

// Logo is the page's logo path as written (brands and units), or "".
func (p *Page) Logo() string {
	switch {
	case p.Brand != nil:
		return p.Brand.Logo
	case p.Unit != nil:
		return p.Unit.Logo
	}
	return ""
}

// UnitPages returns the units a page names (brand, model: one; news: many;
// honor lists: every entry's unit, once each).
func (p *Page) UnitPages() []*Page {
	var out []*Page
	add := func(u *Page) {
		if u == nil {
			return
		}
		for _, have := range out {
			if have == u {
				return
			}
		}
		out = append(out, u)
	}
	switch {
	case p.Brand != nil:
		add(p.Brand.Unit)
	case p.Model != nil:
		add(p.Model.Unit)
	case p.News != nil:
		for _, u := range p.News.Units {
			add(u)
		}
	case p.Honor != nil:
		for _, h := range p.Honor.Honors {
			add(h.Unit)
		}
	}
	return out
}
