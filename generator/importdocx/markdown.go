package importdocx

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dangjian/generator/diag"
	"dangjian/generator/markdown"
)

// writer turns the blocks into Markdown.
type writer struct {
	st    *styles
	num   *numbering
	notes map[string][]block // "f2" → footnote 2's blocks, "e2" → endnote 2's

	image func(ref *imageRef) (string, bool) // saves a picture, returns its address
	skip  *imageRef                          // the picture that became the logo
	omit  map[*table]bool                    // tables written elsewhere (an honor list's entries)

	warn func(msg diag.Msg, args ...any)

	b         strings.Builder
	noteNum   map[string]int
	noteOrder []string
	counters  map[int][]int // numID → counter per level
	list      []int         // indent width of each open list level
	inList    bool
	shift     int // styled heading level → Markdown level offset
	tables    int
	bookmarks map[string]string // bookmark → heading ID
	ids       map[string]int
	lastID    string
	pending   []string // bookmarks waiting for the next heading
}

func newWriter(st *styles, num *numbering, notes map[string][]block) *writer {
	return &writer{st: st, num: num, notes: notes, noteNum: map[string]int{}, counters: map[int][]int{},
		bookmarks: map[string]string{}, ids: map[string]int{}}
}

// document renders the top-level blocks (those not in the front matter).
func (w *writer) document(blocks []block, drop map[int]bool) string {
	// Styled headings: the highest level used becomes ##, since the page
	// title is the page's only h1.
	min := 10
	for i, b := range blocks {
		if b.p != nil && !drop[i] {
			if l := w.styledLevel(b.p); l > 0 && l < min && strings.TrimSpace(b.p.text()) != "" {
				min = l
			}
		}
	}
	if min < 10 {
		w.shift = 2 - min
	}
	for i, b := range blocks {
		if drop[i] {
			continue
		}
		w.block(b)
	}
	w.endList()
	// Footnotes and endnotes, numbered in the order they are cited.
	for i := 0; i < len(w.noteOrder); i++ {
		key := w.noteOrder[i]
		var paras []string
		for _, b := range w.notes[key] {
			if b.p != nil {
				if s := w.inline(b.p.items, modeBody); s != "" {
					paras = append(paras, s)
				}
			}
		}
		if len(paras) == 0 {
			paras = []string{" "}
		}
		fmt.Fprintf(&w.b, "\n[^%d]: %s\n", w.noteNum[key], strings.Join(paras, "\n\n    "))
	}
	out := w.b.String()
	// Bookmark links point at the heading the bookmark sits in (or follows).
	out = bookmarkRe.ReplaceAllStringFunc(out, func(m string) string {
		name := m[len("(#\x00") : len(m)-len("\x00)")]
		if id, ok := w.bookmarks[name]; ok {
			return "(#" + id + ")"
		}
		return "(#" + url.PathEscape(markdown.Slug(name)) + ")"
	})
	return strings.TrimSpace(out) + "\n"
}

var bookmarkRe = regexp.MustCompile("\\(#\x00[^\x00]*\x00\\)")

func (w *writer) styledLevel(p *para) int {
	l, _ := w.st.headingLevel(p.styleID)
	if p.outline >= 0 && p.outline <= 8 {
		l = p.outline + 1
	}
	return l
}

func (w *writer) para(s string) {
	w.endList()
	if s == "" {
		return
	}
	if w.b.Len() > 0 {
		w.b.WriteString("\n")
	}
	w.b.WriteString(s)
	w.b.WriteString("\n")
}

func (w *writer) endList() {
	w.list = w.list[:0]
	w.inList = false
}

func (w *writer) block(b block) {
	if b.t != nil {
		w.table(b.t)
		return
	}
	p := b.p
	// A bookmark in a paragraph that is not a heading points at the
	// heading before it; one in a heading, at that heading.
	items := p.items
	if w.skip != nil {
		items = withoutImage(items, w.skip)
	}
	label, ordered, isList := w.listLabel(p)
	level := w.styledLevel(p)
	text := strings.TrimSpace(plain(items))
	if level > 0 && text != "" {
		w.heading(level+w.shift, items, p.anchors)
		return
	}
	if isList && label == "" {
		w.listItem(p, items, ordered)
		return
	}
	if label != "" {
		items = append([]item{{kind: itemText, text: label}}, items...)
		text = strings.TrimSpace(plain(items))
	}
	for _, a := range p.anchors {
		if w.lastID != "" {
			w.bookmarks[a] = w.lastID
		} else {
			w.pending = append(w.pending, a)
		}
	}
	// GB/T 9704 numbering typed by hand: a short paragraph is a heading,
	// a numbered phrase that opens a longer one is bold.
	if l := gbLevel(text); l > 0 {
		if short(text) {
			w.heading(l, items, nil)
			return
		}
		items = runIn(items)
	}
	w.para(w.inline(items, modeBody))
}

// gbLevel is the heading level of GB/T 9704 numbering: 一、 ## (一) ### 1. ####.
func gbLevel(text string) int {
	switch {
	case level1Re.MatchString(text):
		return 2
	case level2Re.MatchString(text):
		return 3
	case level3Re.MatchString(text):
		return 4
	}
	return 0
}

// short: a heading line, not a paragraph: at most 40 characters and no
// sentence ending before its last character.
func short(text string) bool {
	if utf8.RuneCountInString(text) > 40 || strings.Contains(text, "\n") {
		return false
	}
	t := strings.TrimRight(text, "。！？；.;")
	return !strings.ContainsAny(t, "。！？；")
}

// runIn makes the numbered phrase that opens a paragraph bold: up to the
// first full stop, if that comes within 60 characters.
func runIn(items []item) []item {
	text := plain(items)
	end := -1
	n := 0
	for _, r := range text {
		n++
		if n > 60 {
			break
		}
		if r == '。' || r == '！' || r == '？' {
			end = n
			break
		}
	}
	if end < 0 {
		return items
	}
	out := make([]item, 0, len(items)+1)
	left := end
	for _, it := range items {
		if left <= 0 || it.kind != itemText {
			if it.kind == itemBreak {
				left = 0
			}
			out = append(out, it)
			continue
		}
		rs := []rune(it.text)
		if len(rs) <= left {
			it.b = true
			out = append(out, it)
			left -= len(rs)
			continue
		}
		head, tail := it, it
		head.text, tail.text = string(rs[:left]), string(rs[left:])
		head.b = true
		out = append(out, head, tail)
		left = 0
	}
	return out
}

func (w *writer) heading(level int, items []item, anchors []string) {
	if level < 2 {
		level = 2
	}
	if level > 6 {
		level = 6
	}
	for i := range items {
		items[i].b = false // headings are bold already
	}
	text := w.inline(items, modeLine)
	if text == "" {
		return
	}
	// The ID the site's Markdown renderer will give this heading.
	base := markdown.Slug(unescape(text))
	id := base
	if n := w.ids[base]; n > 0 {
		id = base + "-" + strconv.Itoa(n)
	}
	w.ids[base]++
	w.lastID = id
	for _, a := range append(w.pending, anchors...) {
		w.bookmarks[a] = id
	}
	w.pending = nil
	w.para(strings.Repeat("#", level) + " " + text)
}

var (
	unescapeRe = regexp.MustCompile(`\\([[:punct:]])`)
	noteRefRe  = regexp.MustCompile(`\[\^\d+\]`)
	linkRe     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	plainNum   = regexp.MustCompile(`^%\d[.)．]?$`)
	breaks2    = regexp.MustCompile(`\s*\x01(\s*\x01)+\s*`)
	breaks1    = regexp.MustCompile(`\s*\x01\s*`)
	spaces     = regexp.MustCompile(`[ \x{3000}]{2,}`)
)

func unescape(s string) string {
	s = noteRefRe.ReplaceAllString(s, "")
	s = strings.NewReplacer("**", "", "~~", "").Replace(s)
	s = linkRe.ReplaceAllString(s, "$1")
	return unescapeRe.ReplaceAllString(s, "$1")
}

// listLabel: a paragraph in a Word list. Bullets and 1. 2. 3. become
// Markdown lists (label ""); other numberings (一、, （一）, 甲、) have no
// Markdown form and are written out as text.
func (w *writer) listLabel(p *para) (label string, ordered, ok bool) {
	numID, ilvl, has := w.listOf(p)
	if !has {
		return "", false, false
	}
	lv := w.num.level(numID, ilvl)
	if lv == nil || lv.format == "none" || (lv.text == "" && lv.format != "bullet") {
		return "", false, false
	}
	if level, _ := w.st.headingLevel(p.styleID); level > 0 {
		return "", false, false // numbered headings stay headings
	}
	c := w.counters[numID]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = -1
		}
		w.counters[numID] = c
	}
	if c[ilvl] < 0 {
		start := lv.start
		if o, ok := w.num.override[numID][ilvl]; ok {
			start = o
		}
		c[ilvl] = start
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < 9; i++ {
		c[i] = -1
	}
	if lv.format == "bullet" {
		return "", false, true
	}
	if lv.format == "decimal" && plainNum.MatchString(lv.text) {
		return "", true, true
	}
	// Written-out label: replace %1 … %9 with each level's number.
	label = lv.text
	for l := 0; l <= ilvl; l++ {
		n := c[l]
		if n < 0 {
			n = 1
		}
		f := lv.format
		if l != ilvl {
			if o := w.num.level(numID, l); o != nil {
				f = o.format
			}
		}
		label = strings.ReplaceAll(label, "%"+strconv.Itoa(l+1), formatNumber(n, f))
	}
	return label, false, true
}

// listOf is the list (numID) and level of a paragraph: its own numPr, or
// its style's. ok is false for no list or a level out of range.
func (w *writer) listOf(p *para) (numID, ilvl int, ok bool) {
	numID, ilvl, ok = p.numID, p.ilvl, p.hasNum
	if !ok {
		numID, ilvl, ok = w.st.numbering(p.styleID)
		if ok && p.ilvl != 0 {
			ilvl = p.ilvl
		}
	}
	if numID <= 0 || ilvl < 0 || ilvl > 8 {
		return 0, 0, false
	}
	return numID, ilvl, ok
}

func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseDigitalTenThousand":
		return chineseNumber(n)
	case "lowerLetter":
		if n >= 1 && n <= 26 {
			return string(rune('a' + n - 1))
		}
	case "upperLetter":
		if n >= 1 && n <= 26 {
			return string(rune('A' + n - 1))
		}
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperRoman":
		return roman(n)
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	}
	return strconv.Itoa(n)
}

func chineseNumber(n int) string {
	d := []rune("零一二三四五六七八九")
	switch {
	case n < 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	}
	return string(d[n/10]) + "十" + string(d[n%10])
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

func (w *writer) listItem(p *para, items []item, ordered bool) {
	numID, ilvl, _ := w.listOf(p)
	marker := "- "
	if ordered {
		n := 1
		if c := w.counters[numID]; c != nil && c[ilvl] > 0 {
			n = c[ilvl]
		}
		marker = strconv.Itoa(n) + ". "
	}
	if !w.inList && w.b.Len() > 0 {
		w.b.WriteString("\n")
	}
	w.inList = true
	if ilvl > len(w.list) {
		ilvl = len(w.list) // a level skipped in Word nests one deeper in Markdown
	}
	w.list = w.list[:ilvl]
	indent := 0
	for _, x := range w.list {
		indent += x
	}
	w.list = append(w.list, len(marker))
	text := w.inline(items, modeBody)
	pad := strings.Repeat(" ", indent+len(marker))
	text = strings.ReplaceAll(text, "\n", "\n"+pad)
	fmt.Fprintf(&w.b, "%s%s%s\n", strings.Repeat(" ", indent), marker, text)
}

func withoutImage(items []item, img *imageRef) []item {
	out := items[:0:0]
	for _, it := range items {
		if it.kind == itemImage && it.img == img {
			continue
		}
		out = append(out, it)
	}
	return out
}

func plain(items []item) string {
	var b strings.Builder
	for _, it := range items {
		switch it.kind {
		case itemText:
			b.WriteString(it.text)
		case itemBreak:
			b.WriteByte('\n')
		}
	}
	return b.String()
}

type mode int

const (
	modeBody mode = iota // soft line breaks are hard breaks
	modeLine             // headings and table cells: one line
)

// inline renders a paragraph's items: text escaped, formatting as
// Markdown, adjacent runs with the same formatting merged first so that
// Word's split runs do not come out as **a****b**.
func (w *writer) inline(items []item, m mode) string {
	type seg struct {
		text    *strings.Builder
		b, i, s bool
		link    string
	}
	var segs []seg
	var out strings.Builder
	flush := func() {
		// Markers stay open across segments that share them, so bold
		// followed by bold italic is **a*b*** rather than **a*****b***; the
		// marker that lasts longer opens first, so it closes last.
		wants := func(sg seg) map[string]bool { return map[string]bool{"~~": sg.s, "**": sg.b, "*": sg.i} }
		lasts := func(k int, m string) int {
			n := 0
			for j := k; j < len(segs); j++ {
				if strings.TrimSpace(segs[j].text.String()) == "" {
					continue
				}
				if !wants(segs[j])[m] || linkDest(segs[j].link) != "" {
					break
				}
				n++
			}
			return n
		}
		var open []string // outermost first
		pending := ""     // spaces after the last text, written once markers close
		closed := byte(0) // the character of a marker closed since the last text
		closeTo := func(keep func(string) bool) {
			for len(open) > 0 && !allKept(open, keep) {
				out.WriteString(open[len(open)-1])
				closed = open[len(open)-1][0]
				open = open[:len(open)-1]
			}
		}
		for k, sg := range segs {
			text := sg.text.String()
			if strings.TrimSpace(text) == "" {
				pending += text
				continue
			}
			lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
			trail := text[len(strings.TrimRight(text, " ")):]
			core := strings.TrimSpace(text)
			closed = 0
			if linkDest(sg.link) != "" {
				closeTo(func(string) bool { return false })
				out.WriteString(pending + lead + formatSeg(core, sg.b, sg.i, sg.s, sg.link))
				pending = trail
				continue
			}
			want := wants(sg)
			closeTo(func(m string) bool { return want[m] })
			out.WriteString(pending + lead)
			var add []string
			for _, m := range []string{"~~", "**", "*"} {
				if want[m] && !contains(open, m) {
					add = append(add, m)
				}
			}
			sort.SliceStable(add, func(a, b int) bool { return lasts(k, add[a]) > lasts(k, add[b]) })
			if len(add) > 0 && closed == add[0][0] && pending+lead == "" {
				// Formatting that overlaps without nesting (bold, bold
				// italic, italic): a closing run right before an opening
				// one would read as one run; an invisible space parts them.
				out.WriteString("\u200b")
			}
			pending = ""
			for _, m := range add {
				out.WriteString(m)
				open = append(open, m)
			}
			out.WriteString(linkify(core))
			pending = trail
		}
		closeTo(func(string) bool { return false })
		out.WriteString(pending)
		segs = segs[:0]
	}
	for _, it := range items {
		switch it.kind {
		case itemText:
			t := strings.Map(func(r rune) rune {
				switch {
				case r == '\t' || r == '\n' || r == '\r' || r == '\u00a0':
					return ' '
				case r < 0x20 || r == 0x7f || (r >= 0x200b && r <= 0x200f) || r == 0xfeff:
					return -1
				}
				return r
			}, it.text)
			if n := len(segs); n > 0 && segs[n-1].b == it.b && segs[n-1].i == it.i && segs[n-1].s == it.s && segs[n-1].link == it.link {
				segs[n-1].text.WriteString(t)
			} else {
				sb := &strings.Builder{}
				sb.WriteString(t)
				segs = append(segs, seg{sb, it.b, it.i, it.s, it.link})
			}
		case itemBreak:
			flush()
			if m == modeLine {
				out.WriteString(" ")
			} else {
				out.WriteString("\x01") // resolved below
			}
		case itemNote:
			flush()
			if _, ok := w.notes[it.note]; !ok {
				continue
			}
			n, ok := w.noteNum[it.note]
			if !ok {
				n = len(w.noteOrder) + 1
				w.noteNum[it.note] = n
				w.noteOrder = append(w.noteOrder, it.note)
			}
			fmt.Fprintf(&out, "[^%d]", n)
		case itemImage:
			flush()
			if w.skip == it.img {
				continue
			}
			if src, ok := w.image(it.img); ok {
				fmt.Fprintf(&out, "![%s](%s)", escapeText(oneLine(it.img.alt)), src)
			}
		}
	}
	flush()
	s := tidy(out.String())
	if m == modeBody {
		// Soft line breaks: one is a hard break, two or more a new paragraph.
		s = strings.Trim(s, "\x01 \u3000")
		s = breaks2.ReplaceAllString(s, "\n\n")
		s = breaks1.ReplaceAllString(s, "\\\n")
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = escapeLineStart(strings.TrimLeft(l, " \u3000"))
		}
		s = strings.Join(lines, "\n")
	} else {
		s = strings.TrimSpace(strings.ReplaceAll(s, "\x01", " "))
	}
	return s
}

func allKept(open []string, keep func(string) bool) bool {
	for _, m := range open {
		if !keep(m) {
			return false
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tidy collapses runs of spaces (Word users align with them) and trims the
// full-width spaces that indent a paragraph.
func tidy(s string) string {
	s = spaces.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "\u3000") {
			return "\u3000"
		}
		return " "
	})
	return strings.Trim(s, " \u3000")
}

// formatSeg writes one stretch of text with its formatting. Spaces stay
// outside the markers, where CommonMark needs them.
func formatSeg(text string, b, i, s bool, link string) string {
	if strings.TrimSpace(text) == "" {
		return text
	}
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	trail := text[len(strings.TrimRight(text, " ")):]
	core := escapeText(strings.TrimSpace(text))
	if i {
		core = "*" + core + "*"
	}
	if b {
		core = "**" + core + "**"
	}
	if s {
		core = "~~" + core + "~~"
	}
	if dest := linkDest(link); dest != "" {
		core = "[" + core + "](" + dest + ")"
	}
	return lead + core + trail
}

// linkDest keeps web, mail and in-document links; anything else (javascript:,
// file:, a path on the author's disk) is dropped and only its text kept.
func linkDest(link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	if strings.HasPrefix(link, "#") {
		name := strings.Map(func(r rune) rune {
			if r == 0 || r == ')' || r == '(' || unicode.IsSpace(r) {
				return -1
			}
			return r
		}, link[1:])
		if name == "" {
			return ""
		}
		return "#\x00" + name + "\x00"
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
	default:
		return ""
	}
	s := u.String()
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\\", "%5C").Replace(s)
}

// escapeText backslash-escapes every ASCII character that Markdown could
// read as markup, so imported text can neither start HTML nor break the
// page's structure.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '&', '!', '$', '{', '}':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[a-z0-9\-._~:/?#@!$&'*+,;=%]+`)

// linkify escapes text and makes the web addresses written in it links,
// since escaping would otherwise break the renderer's own autolinks.
func linkify(text string) string {
	locs := urlRe.FindAllStringIndex(text, -1)
	if locs == nil {
		return escapeText(text)
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		u := strings.TrimRight(text[l[0]:l[1]], ".,;:!?'")
		end := l[0] + len(u)
		dest := u
		if strings.HasPrefix(strings.ToLower(u), "www.") {
			dest = "http://" + u
		}
		d := linkDest(dest)
		if d == "" {
			continue
		}
		b.WriteString(escapeText(text[last:l[0]]))
		b.WriteString("[" + escapeText(u) + "](" + d + ")")
		last = end
	}
	b.WriteString(escapeText(text[last:]))
	return b.String()
}

var listStart = regexp.MustCompile(`^([0-9]{1,9})([.)])`)

// escapeLineStart escapes what is markup only at the start of a line: list
// bullets, ordered-list numbers, setext underlines and block quotes.
func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '-', '+', '=':
		return "\\" + l
	}
	if m := listStart.FindStringSubmatch(l); m != nil {
		return m[1] + "\\" + l[len(m[1]):]
	}
	return l
}

// table renders a Word table as a GFM table; merged cells are repeated
// (down) or left empty (across); a table inside a cell makes the whole
// table a list of its rows.
func (w *writer) table(t *table) {
	w.tables++
	n := w.tables
	if w.omit[t] {
		return
	}
	if len(t.rows) == 0 {
		return
	}
	// A one-cell table is a frame around text: write the text.
	if len(t.rows) == 1 && len(t.rows[0]) == 1 {
		for _, b := range t.rows[0][0].blocks {
			w.block(b)
		}
		return
	}
	nested, multi, merged := false, false, false
	var grid [][]string
	var above []string // the text of the row above, per grid column
	for _, row := range t.rows {
		var g []string
		col := 0
		for _, c := range row {
			text := ""
			switch c.vmerge {
			case 2:
				if col < len(above) {
					text = above[col]
				}
				merged = true
			default:
				var parts []string
				for _, b := range c.blocks {
					if b.t != nil {
						nested = true
						parts = append(parts, flatTable(b.t))
						continue
					}
					items := b.p.items
					if label, _, ok := w.listLabel(b.p); ok && label != "" {
						items = append([]item{{kind: itemText, text: label}}, items...)
					}
					if s := w.inline(items, modeLine); s != "" {
						parts = append(parts, s)
					}
				}
				if len(parts) > 1 {
					multi = true
				}
				text = strings.Join(parts, " ")
			}
			if c.vmerge == 3 {
				text, merged = "", true
			}
			g = append(g, text)
			for k := 1; k < c.span; k++ {
				g = append(g, "")
				merged = true
			}
			col += c.span
		}
		grid = append(grid, g)
		above = g
	}
	w.endList()
	if nested {
		w.warn(diag.MsgImportTableRows, n)
		if w.b.Len() > 0 {
			w.b.WriteString("\n")
		}
		for _, g := range grid {
			fmt.Fprintf(&w.b, "- %s\n", strings.Join(nonEmpty(g), "；"))
		}
		return
	}
	if merged {
		w.warn(diag.MsgImportMerged, n)
	}
	if multi {
		w.warn(diag.MsgImportLongCell, n)
	}
	cols := 0
	for _, g := range grid {
		cols = max(cols, len(g))
	}
	// The header row is bold in the browser already.
	for i, c := range grid[0] {
		if strings.HasPrefix(c, "**") && strings.HasSuffix(c, "**") && strings.Count(c, "**") == 2 {
			grid[0][i] = c[2 : len(c)-2]
		}
	}
	var b strings.Builder
	for r, g := range grid {
		for len(g) < cols {
			g = append(g, "")
		}
		b.WriteString("|")
		for _, c := range g {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
		if r == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	w.para(strings.TrimSuffix(b.String(), "\n"))
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// flatTable is the escaped text of a table inside a cell.
func flatTable(t *table) string {
	var rows []string
	for _, row := range t.rows {
		var cells []string
		for _, c := range row {
			var parts []string
			for _, b := range c.blocks {
				if b.p != nil {
					if s := strings.TrimSpace(oneLine(b.p.text())); s != "" {
						parts = append(parts, escapeText(s))
					}
				} else {
					parts = append(parts, flatTable(b.t))
				}
			}
			cells = append(cells, strings.Join(parts, " "))
		}
		rows = append(rows, strings.Join(nonEmpty(cells), "，"))
	}
	return strings.Join(nonEmpty(rows), "；")
}
