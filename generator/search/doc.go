package search

import (
	"fmt"
	"strconv"
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
	Body       string   // plain text: blocks split by "\n", table cells by "\t"
	Summary    string   // shown for a result whose match is in its title only
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
	// Only what the page shows is searched (the layouts under
	// themes/default/layouts): an honor list shows each entry's recipient,
	// not the title of the unit it links to, and no page shows a summary
	// written in the front matter (lists and the search result do). A unit
	// page's own title is its title line already: as a field too, a match
	// in the title alone would show that field for a snippet, not the
	// page's summary.
	if p.Honor == nil && p.Unit == nil {
		add(d.UnitTitles...)
	}
	// Dates as the page shows them (2023年5月6日) and as ISO (2023-05-06).
	dates := func(t time.Time) { add(displayDate(t), t.Format("2006-01-02")) }
	switch {
	case p.Brand != nil:
		add(p.Brand.Slogan, p.Brand.Status)
		if p.Brand.Year > 0 {
			add(strconv.Itoa(p.Brand.Year) + "年")
		}
	case p.Model != nil:
		// The page's badge reads 市级示范点: a reader searches that.
		if l := strings.TrimSpace(p.Model.Level); l != "" {
			add(l + "示范点")
		}
		add(p.Model.Instructor)
		add(p.Model.Standards...)
		if p.Model.HasAwarded {
			dates(p.Model.Awarded)
			if !p.HasDate {
				d.Date = p.Model.Awarded
			}
		}
	case p.Honor != nil:
		add(p.Honor.GrantedBy, p.Honor.Level)
		if p.Honor.Year > 0 {
			add(strconv.Itoa(p.Honor.Year) + "年度")
		}
		// Each entry is one line, its cells apart as the Markdown stage
		// writes a table row ("\t"), so that a snippet shows the row
		// (先进基层党组织 · 张三 · 个人 · 区级 · 2022年7月1日), not a bare name.
		for _, h := range p.Honor.Honors {
			var row []string
			for _, c := range []string{h.Name, h.Recipient, h.Type, h.Level, displayDate(h.Date)} {
				if c = strings.TrimSpace(strings.Map(oneCell, c)); c != "" {
					row = append(row, c)
				}
			}
			add(strings.Join(row, "\t"))
			if h.HasDate {
				add(h.Date.Format("2006-01-02"))
			}
		}
	case p.News != nil:
		n := p.News
		add(n.Source, n.DocNumber, n.IndexNumber, n.Publisher, n.Author)
	}
	// Every layout but a unit's shows the page's own date in its head
	// (发布日期), a brand's, a model site's and an honor list's too.
	if p.HasDate && p.Unit == nil {
		dates(p.Date)
	}
	add(p.Tags...)
	// Its 附件 by name, as an article's foot lists them (a unit's page
	// shows none): a reader searches a file by its name.
	if p.Unit == nil {
		for _, a := range p.Attachments {
			add(a.Name())
		}
	}
	// A summary written in the front matter is shown for a result whose
	// body has no match (the body's start is shown otherwise).
	// (An automatic one is the body's start; FieldLines tells them apart.)
	if _, written := p.FieldLines["summary"]; written {
		if s := strings.TrimSpace(p.Summary); s != "" && !strings.HasPrefix(p.Plain, s) {
			d.Summary = s
		}
	}
	return d
}

// displayDate is a date as the site shows it (render.FormatDate).
func displayDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
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
	// A form feed ends the body: a space like the newlines (no gram spans
	// it), it tells a snippet where the body stops and the headings and
	// fields begin.
	b.WriteByte('\f')
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

// oneCell keeps a table cell in its cell.
func oneCell(r rune) rune {
	if r == '\t' {
		return ' '
	}
	return oneLine(r)
}
