package importdocx

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The document model: what the import keeps of a WordprocessingML body.

type block struct {
	p *para
	t *table
}

type para struct {
	styleID     string
	jc          string
	numID, ilvl int
	hasNum      bool
	outline     int // -1: not set on the paragraph
	items       []item
	anchors     []string // bookmarks that start in the paragraph
}

type itemKind int

const (
	itemText itemKind = iota
	itemBreak
	itemNote
	itemImage
)

type item struct {
	kind    itemKind
	text    string
	b, i, s bool
	link    string // URL, or #bookmark
	color   string
	size    int
	font    string
	note    string // "f2" (footnote 2) or "e2"
	img     *imageRef
}

type imageRef struct {
	target   string // part name, or the outside URL when external
	alt      string
	external bool
}

type table struct {
	rows [][]*cell
}

type cell struct {
	blocks []block
	span   int // grid columns (gridSpan), at least 1
	vmerge int // 0 none, 1 restart, 2 continue
}

func (p *para) text() string {
	var b strings.Builder
	for _, it := range p.items {
		switch it.kind {
		case itemText:
			b.WriteString(it.text)
		case itemBreak:
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (p *para) hasImage() bool {
	for _, it := range p.items {
		if it.kind == itemImage {
			return true
		}
	}
	return false
}

// parser reads one XML part (document.xml, footnotes.xml …) into blocks.
type parser struct {
	d        *xml.Decoder
	st       *styles
	rels     map[string]rel
	fields   []field
	floating []block // paragraphs of text boxes, placed after theirs
	stats    *stats
	depth    int // elements the parse has recursed into (see maxDepth)
}

type field struct {
	instr    string
	inResult bool
}

type stats struct {
	elements int // XML elements read, against documents built to exhaust memory
	blocks   int
	items    int
	tracked  int
	textBox  bool
	comments int
}

const relNS = "relationships" // both the transitional and the strict namespace end so

func newParser(r io.Reader, st *styles, rels []rel, s *stats) *parser {
	m := map[string]rel{}
	for _, x := range rels {
		m[x.ID] = x
	}
	d := xml.NewDecoder(r)
	d.Strict = true
	return &parser{d: d, st: st, rels: m, stats: s}
}

// parseNotes reads footnotes.xml or endnotes.xml: note id → its blocks.
func (ps *parser) parseNotes(elem string) (map[string][]block, error) {
	out := map[string][]block{}
	for {
		tok, err := ps.d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == elem {
			typ := attr(se.Attr, "type")
			id := attr(se.Attr, "id")
			bl, err := ps.blocks(nil)
			if err != nil {
				return nil, err
			}
			if typ == "" || typ == "normal" {
				out[id] = bl
			}
		}
	}
}

// parseDocument reads document.xml's body.
func (ps *parser) parseDocument() ([]block, error) {
	for {
		tok, err := ps.d.Token()
		if err != nil {
			if err == io.EOF {
				return nil, nil
			}
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "body" {
			return ps.blocks(nil)
		}
	}
}

// blocks reads paragraphs and tables up to the end of the current element.
// c, when not nil, is the table cell being read (for its tcPr).
func (ps *parser) blocks(c *cell) ([]block, error) {
	if err := ps.enter(); err != nil {
		return nil, err
	}
	defer ps.leave()
	var out []block
	for {
		tok, err := ps.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return out, nil
		case xml.StartElement:
			if err := ps.count(); err != nil {
				return nil, err
			}
			switch t.Name.Local {
			case "p":
				if ps.stats.blocks++; ps.stats.blocks > MaxBlocks {
					return nil, errTooMany
				}
				p, err := ps.para()
				if err != nil {
					return nil, err
				}
				out = append(out, block{p: p})
				out = append(out, ps.floating...)
				ps.floating = nil
			case "tbl":
				tb, err := ps.table()
				if err != nil {
					return nil, err
				}
				out = append(out, block{t: tb})
			case "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag":
				if t.Name.Local == "ins" || t.Name.Local == "moveTo" {
					ps.stats.tracked++
				}
				inner, err := ps.blocks(c)
				if err != nil {
					return nil, err
				}
				out = append(out, inner...)
			case "del", "moveFrom":
				ps.stats.tracked++
				if err := ps.d.Skip(); err != nil {
					return nil, err
				}
			case "tcPr":
				if c != nil {
					if err := ps.tcPr(c); err != nil {
						return nil, err
					}
					continue
				}
				if err := ps.d.Skip(); err != nil {
					return nil, err
				}
			default:
				if err := ps.d.Skip(); err != nil {
					return nil, err
				}
			}
		}
	}
}

func (ps *parser) tcPr(c *cell) error {
	for {
		tok, err := ps.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "gridSpan":
				if n := atoi(attr(t.Attr, "val")); n > 1 && n <= 64 {
					c.span = n
				}
			case "vMerge":
				if attr(t.Attr, "val") == "restart" {
					c.vmerge = 1
				} else {
					c.vmerge = 2
				}
			case "hMerge": // the older way to merge across
				if attr(t.Attr, "val") != "restart" {
					c.vmerge = 3
				}
			}
			if err := ps.d.Skip(); err != nil {
				return err
			}
		}
	}
}

func (ps *parser) table() (*table, error) {
	tb := &table{}
	var rowOf func() error
	var row []*cell
	// rows and cells may sit inside content controls; walk through them.
	rowOf = func() error {
		if err := ps.enter(); err != nil {
			return err
		}
		defer ps.leave()
		for {
			tok, err := ps.d.Token()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.EndElement:
				return nil
			case xml.StartElement:
				switch t.Name.Local {
				case "tc":
					c := &cell{span: 1}
					bl, err := ps.blocks(c)
					if err != nil {
						return err
					}
					c.blocks = bl
					row = append(row, c)
				case "sdt", "sdtContent", "customXml":
					if err := rowOf(); err != nil {
						return err
					}
				default:
					if err := ps.d.Skip(); err != nil {
						return err
					}
				}
			}
		}
	}
	var rows func() error
	rows = func() error {
		if err := ps.enter(); err != nil {
			return err
		}
		defer ps.leave()
		for {
			tok, err := ps.d.Token()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.EndElement:
				return nil
			case xml.StartElement:
				switch t.Name.Local {
				case "tr":
					row = nil
					if err := rowOf(); err != nil {
						return err
					}
					tb.rows = append(tb.rows, row)
				case "sdt", "sdtContent", "customXml":
					if err := rows(); err != nil {
						return err
					}
				default:
					if err := ps.d.Skip(); err != nil {
						return err
					}
				}
			}
		}
	}
	return tb, rows()
}

// ictx is what the elements around a piece of text say about it.
type ictx struct {
	link   string
	rp     props // the run's own properties
	rstyle string
	inRun  bool
	inText bool
	instr  bool
	alt    string
}

// MaxElements bounds the XML elements of one part: a 300-page report has
// well under a million; a file built to exhaust memory has many more.
//
// MaxBlocks and MaxItems bound what the parse keeps: paragraphs and tables,
// and pieces of text (a run's text, a break, a picture). A 500-page report
// has some 20,000 paragraphs (table cells included) and 150,000 pieces.
const (
	MaxElements = MaxTags
	MaxBlocks   = 100_000
	MaxItems    = 400_000
)

var errTooMany = errors.New("too many elements")

// maxDepth bounds how deeply the parse recurses, one call per element it
// walks into. Word nests a paragraph's runs, fields, hyperlinks and content
// controls a few levels deep and tables inside tables rarely more than
// three; a file of a few kilobytes can nest a million elements, and
// following them overflows the goroutine stack, which Go does not recover:
// the whole process dies instead of refusing the file.
const maxDepth = 256

var errTooDeep = errors.New("elements nested too deeply")

// enter counts one level of recursion; each call is paired with leave.
func (ps *parser) enter() error {
	ps.depth++
	if ps.depth > maxDepth {
		return errTooDeep
	}
	return nil
}

func (ps *parser) leave() { ps.depth-- }

func (ps *parser) count() error {
	ps.stats.elements++
	if ps.stats.elements > MaxElements {
		return errTooMany
	}
	return nil
}

func (ps *parser) add(p *para, it item) {
	ps.stats.items++
	p.items = append(p.items, it)
}

func (ps *parser) para() (*para, error) {
	p := &para{outline: -1}
	return p, ps.inline(p, ictx{})
}

func (ps *parser) visible() bool {
	for _, f := range ps.fields {
		if !f.inResult {
			return false
		}
	}
	return true
}

func (ps *parser) fieldLink() string {
	for i := len(ps.fields) - 1; i >= 0; i-- {
		if u := hyperlinkInstr(ps.fields[i].instr); u != "" {
			return u
		}
	}
	return ""
}

// hyperlinkInstr reads a HYPERLINK field code: HYPERLINK "url" or
// HYPERLINK \l "bookmark".
func hyperlinkInstr(instr string) string {
	f := strings.Fields(instr)
	if len(f) < 2 || !strings.EqualFold(f[0], "HYPERLINK") {
		return ""
	}
	anchor := false
	for _, x := range f[1:] {
		if x == `\l` {
			anchor = true
			continue
		}
		if strings.HasPrefix(x, `\`) {
			continue
		}
		u := strings.Trim(x, `"`)
		if anchor {
			return "#" + u
		}
		return u
	}
	return ""
}

func (ps *parser) addText(p *para, s string, c ictx) {
	if s == "" || !ps.visible() {
		return
	}
	eff := c.rp.merge(ps.st.runProps(c.rstyle)).merge(ps.st.runProps(p.styleID)).merge(ps.st.defaults)
	link := c.link
	if link == "" {
		link = ps.fieldLink()
	}
	it := item{kind: itemText, text: s, link: link, color: eff.color, size: eff.size, font: eff.font}
	it.b = eff.b != nil && *eff.b
	it.i = eff.i != nil && *eff.i
	it.s = eff.s != nil && *eff.s
	ps.add(p, it)
}

// inline reads the content of a paragraph, or of any element inside one,
// up to that element's end.
func (ps *parser) inline(p *para, c ictx) error {
	if err := ps.enter(); err != nil {
		return err
	}
	defer ps.leave()
	for {
		tok, err := ps.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.CharData:
			switch {
			case c.inText:
				ps.addText(p, string(t), c)
			case c.instr && len(ps.fields) > 0 && len(ps.fields[len(ps.fields)-1].instr) < 2048:
				ps.fields[len(ps.fields)-1].instr += string(t)
			}
		case xml.StartElement:
			if err := ps.count(); err != nil {
				return err
			}
			if ps.stats.items > MaxItems {
				return errTooMany
			}
			if err := ps.inlineElement(p, &c, t); err != nil {
				return err
			}
		}
	}
}

func (ps *parser) inlineElement(p *para, c *ictx, t xml.StartElement) error {
	switch t.Name.Local {
	case "pPr":
		return ps.pPr(p)
	case "r":
		c2 := *c
		c2.rp, c2.rstyle, c2.inRun = props{}, "", true
		return ps.inline(p, c2)
	case "rPr":
		if !c.inRun {
			return ps.d.Skip()
		}
		return ps.rPr(c)
	case "t":
		c2 := *c
		c2.inText = true
		if c.rp.hidden() {
			return ps.d.Skip()
		}
		return ps.inline(p, c2)
	case "instrText":
		c2 := *c
		c2.instr = true
		return ps.inline(p, c2)
	case "fldChar":
		switch attr(t.Attr, "fldCharType") {
		case "begin":
			if len(ps.fields) < 32 {
				ps.fields = append(ps.fields, field{})
			}
		case "separate":
			if n := len(ps.fields); n > 0 {
				ps.fields[n-1].inResult = true
			}
		case "end":
			if n := len(ps.fields); n > 0 {
				ps.fields = ps.fields[:n-1]
			}
		}
		return ps.d.Skip()
	case "fldSimple":
		c2 := *c
		if u := hyperlinkInstr(attr(t.Attr, "instr")); u != "" {
			c2.link = u
		}
		return ps.inline(p, c2)
	case "hyperlink":
		c2 := *c
		if a := attr(t.Attr, "anchor"); a != "" {
			c2.link = "#" + a
		}
		for _, a := range t.Attr {
			if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, relNS) {
				if r, ok := ps.rels[a.Value]; ok && r.External {
					c2.link = r.Target
				}
			}
		}
		return ps.inline(p, c2)
	case "tab", "ptab":
		if c.inRun && ps.visible() {
			ps.addText(p, " ", *c)
		}
		return ps.d.Skip()
	case "noBreakHyphen":
		ps.addText(p, "-", *c)
		return ps.d.Skip()
	case "br", "cr":
		if ps.visible() && attr(t.Attr, "type") != "page" && attr(t.Attr, "type") != "column" {
			ps.add(p, item{kind: itemBreak})
		}
		return ps.d.Skip()
	case "footnoteReference", "endnoteReference":
		if id := attr(t.Attr, "id"); id != "" && ps.visible() {
			ps.add(p, item{kind: itemNote, note: t.Name.Local[:1] + id})
		}
		return ps.d.Skip()
	case "ins", "moveTo":
		ps.stats.tracked++
		return ps.inline(p, *c)
	case "del", "moveFrom", "delText", "delInstrText":
		ps.stats.tracked++
		return ps.d.Skip()
	case "commentReference":
		ps.stats.comments++
		return ps.d.Skip()
	case "bookmarkStart":
		if n := attr(t.Attr, "name"); n != "" && n != "_GoBack" {
			p.anchors = append(p.anchors, n)
		}
		return ps.d.Skip()
	case "Fallback", "sdtPr", "pPrChange", "rPrChange", "sectPr", "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "annotationRef":
		return ps.d.Skip()
	case "docPr", "cNvPr":
		if c.alt == "" {
			c.alt = firstNonEmpty(attr(t.Attr, "descr"), attr(t.Attr, "title"))
		}
		return ps.d.Skip()
	case "shape": // VML
		c2 := *c
		if a := attr(t.Attr, "alt"); a != "" {
			c2.alt = a
		}
		return ps.inline(p, c2)
	case "blip", "imagedata":
		ps.image(p, c, t)
		return ps.d.Skip()
	case "txbxContent":
		ps.stats.textBox = true
		saved := ps.floating
		ps.floating = nil
		bl, err := ps.blocks(nil)
		if err != nil {
			return err
		}
		ps.floating = append(saved, bl...)
		return nil
	}
	// Anything else (runs' containers, drawings, smart tags, content
	// controls, math) is walked through for the text and pictures inside.
	return ps.inline(p, *c)
}

func (ps *parser) image(p *para, c *ictx, t xml.StartElement) {
	if !ps.visible() {
		return
	}
	alt := c.alt
	if t.Name.Local == "imagedata" {
		if a := attr(t.Attr, "title"); a != "" && alt == "" {
			alt = a
		}
	}
	for _, a := range t.Attr {
		if !strings.HasSuffix(a.Name.Space, relNS) {
			continue
		}
		r, ok := ps.rels[a.Value]
		if !ok {
			continue
		}
		switch a.Name.Local {
		case "embed", "id":
			ps.add(p, item{kind: itemImage, img: &imageRef{target: r.Target, alt: alt, external: r.External}})
			return
		case "link":
			ps.add(p, item{kind: itemImage, img: &imageRef{target: r.Target, alt: alt, external: true}})
			return
		}
	}
}

func (ps *parser) pPr(p *para) error {
	for {
		tok, err := ps.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "pPr" {
				return nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "pStyle":
				p.styleID = attr(t.Attr, "val")
			case "numId":
				p.numID, p.hasNum = atoi(attr(t.Attr, "val")), true
			case "ilvl":
				p.ilvl = atoi(attr(t.Attr, "val"))
			case "outlineLvl":
				p.outline = atoi(attr(t.Attr, "val"))
			case "jc":
				p.jc = attr(t.Attr, "val")
			case "rPr", "pPrChange", "sectPr", "tabs", "pBdr":
				if err := ps.d.Skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (ps *parser) rPr(c *ictx) error {
	for {
		tok, err := ps.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "rPr" {
				return nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "rStyle":
				c.rstyle = attr(t.Attr, "val")
			case "rPrChange":
				if err := ps.d.Skip(); err != nil {
					return err
				}
			default:
				rprElement(&c.rp, t)
			}
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}
