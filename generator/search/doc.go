package search

import (
	"strings"
	"time"
	"unicode/utf8"

	"dangjian/generator/content"
)

// Doc is what the index knows of one page.
type Doc struct {
	URL        string // site-relative, e.g. /brands/a/
	Title      string
	Kind       string    // brand | model | honor | news | unit | page
	Date       time.Time // zero if none
	Year       int       // 0 if none
	Unit       string    // unit title(s), "、"-joined, for display
	UnitSlugs  []string  // for the unit filter
	UnitTitles []string  // the titles of UnitSlugs, same order (filter labels)
	Headings   []string
	Fields     []string // unit names, slogan, doc_number, recipients, tags …
	Body       string   // plain text
}

// DocsFromPages makes the Docs of pages on all cores: each one's summary
// check reads the page's whole text.
func DocsFromPages(pages []*content.Page) []Doc {
	docs := make([]Doc, len(pages))
	forRanges(len(pages), Options{}.withDefaults().Workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			docs[i] = DocFromPage(pages[i])
		}
	})
	return docs
}

// DocFromPage makes a Doc from a loaded, markdown-rendered page.
func DocFromPage(p *content.Page) Doc {
	d := Doc{
		URL:   p.URL,
		Title: p.Title,
		Kind:  string(p.Kind),
		Year:  p.Year(),
		Body:  p.Plain,
	}
	if p.HasDate {
		d.Date = p.Date
	}
	for _, h := range p.TOC {
		d.Headings = append(d.Headings, h.Text)
	}
	add := func(s ...string) {
		for _, f := range s {
			if f = strings.TrimSpace(f); f != "" {
				d.Fields = append(d.Fields, f)
			}
		}
	}
	if p.Unit != nil {
		d.UnitTitles = append(d.UnitTitles, p.Title)
		d.UnitSlugs = append(d.UnitSlugs, p.Slug)
		add(p.Unit.Short, p.Unit.District, p.Unit.Category, p.Unit.PartyOrg)
	}
	for _, u := range p.UnitPages() {
		d.UnitTitles = append(d.UnitTitles, u.Title)
		d.UnitSlugs = append(d.UnitSlugs, u.Slug)
	}
	d.Unit = strings.Join(d.UnitTitles, "、")
	add(d.UnitTitles...)
	switch {
	case p.Brand != nil:
		add(p.Brand.Slogan, p.Brand.Status)
	case p.Model != nil:
		add(p.Model.Level, p.Model.Instructor)
		add(p.Model.Standards...)
		if !p.HasDate && p.Model.HasAwarded {
			d.Date = p.Model.Awarded
		}
	case p.Honor != nil:
		add(p.Honor.GrantedBy, p.Honor.Level)
		for _, h := range p.Honor.Honors {
			add(h.Name, h.Recipient)
		}
	case p.News != nil:
		n := p.News
		add(n.Source, n.DocNumber, n.IndexNumber, n.Publisher, n.Author)
	}
	add(p.Tags...)
	// A summary written in the front matter is text the body may not have.
	if s := strings.TrimSpace(p.Summary); s != "" && !strings.Contains(p.Plain, s) {
		add(s)
	}
	return d
}

// Text is the searchable text of a doc: title, body, headings and fields,
// one per line. A query term never holds a space, so no match spans two
// parts; positions in the index count runes of this string. The title line
// and the start of the body come first, so that a result's head (what its
// fragment carries for the snippet) is the start of this text, and a
// match's position tells whether the head holds it.
func (d *Doc) Text() string {
	t, _ := d.text()
	return t
}

// text also returns where the body, headings and fields start (in runes).
func (d *Doc) text() (string, [3]int) {
	var b strings.Builder
	var cut [3]int
	n := 0
	put := func(s string) {
		s = strings.Map(oneLine, s)
		b.WriteString(s)
		b.WriteByte('\n')
		n += utf8.RuneCountInString(s) + 1
	}
	put(d.Title)
	cut[0] = n
	body := strings.ToValidUTF8(d.Body, "\uFFFD")
	b.WriteString(body)
	b.WriteByte('\n')
	n += utf8.RuneCountInString(body) + 1
	cut[1] = n
	for _, h := range d.Headings {
		put(h)
	}
	cut[2] = n
	for _, f := range d.Fields {
		put(f)
	}
	return b.String(), cut
}

// oneLine keeps parts on their own line, and replaces invalid UTF-8 so that
// Go and JavaScript count the same characters.
func oneLine(r rune) rune {
	if r == '\n' || r == '\r' {
		return ' '
	}
	return r
}
