package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// A template is a phrase split at its slots once, so filling it is a few
// appends.
type template []segment

type segment struct {
	lit  string
	slot byte // 0 for a literal
}

func compile(s string) template {
	var t template
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 || i+2 >= len(s) || s[i+2] != '}' {
			t = append(t, segment{lit: s})
			break
		}
		if i > 0 {
			t = append(t, segment{lit: s[:i]})
		}
		t = append(t, segment{slot: s[i+1]})
		s = s[i+3:]
	}
	return t
}

func compileAll(list []string, keep func(string) bool) []template {
	var out []template
	for _, s := range list {
		if keep(s) {
			out = append(out, compile(s))
		}
	}
	return out
}

// Phrase pools, compiled. The *Safe pools hold no 示范点, for trap pages.
var (
	all            = func(string) bool { return true }
	noPhrase       = func(s string) bool { return !strings.Contains(s, phrase) }
	sentenceT      = compileAll(sentences, all)
	sentenceSafeT  = compileAll(sentences, noPhrase)
	trapDemoT      = compileAll(trapDemo, all)
	trapPointT     = compileAll(trapPoint, all)
	headingT       = compileAll(headings, all)
	headingSafeT   = compileAll(headings, noPhrase)
	bulletT        = compileAll(bullets, all)
	newsTitleT     = compileAll(newsTitles, all)
	newsTitleSafeT = compileAll(newsTitles, noPhrase)
	tagsSafe       = filter(tagPool, noPhrase)
)

// phrase is what trap pages must never contain.
const phrase = "示范点"

func filter(list []string, keep func(string) bool) []string {
	var out []string
	for _, s := range list {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// writer builds one page in a reused buffer. Its fields fill the slots.
type writer struct {
	r     *rand.Rand
	buf   []byte
	unit  *unit
	year  int
	brand string
	trap  bool       // a trap page: no 示范点 anywhere
	pool  []template // the sentences this page draws from

	runes int // runes written before mark
	mark  int
}

func (w *writer) str(s string) { w.buf = append(w.buf, s...) }

func (w *writer) int(n int) { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }

// count brings the rune count up to date and returns it. The text is valid
// UTF-8, so runes are the bytes that do not continue a sequence.
func (w *writer) count() int {
	n := 0
	for _, b := range w.buf[w.mark:] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	w.runes += n
	w.mark = len(w.buf)
	return w.runes
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// fill appends a template with its slots filled.
func (w *writer) fill(t template) {
	for _, s := range t {
		if s.slot == 0 {
			w.str(s.lit)
			continue
		}
		switch s.slot {
		case 'U':
			w.str(w.unit.Name)
		case 'S':
			w.str(w.unit.Short)
		case 'D':
			w.str(w.unit.District)
		case 'O':
			w.str(w.unit.PartyOrg)
		case 'Y':
			w.int(w.year)
		case 'P':
			w.str(person(w.r))
		case 'B':
			if w.brand == "" {
				w.brand = brandName(w.r)
			}
			w.str(w.brand)
		case 'R':
			w.str(pick(w.r, carriers))
		case 'T':
			w.str(pick(w.r, departments))
		case 'N':
			w.int(2 + w.r.IntN(11))
		case 'M':
			w.int(20 + w.r.IntN(280))
		case 'K':
			w.int(500 + w.r.IntN(19500))
		case 'C':
			w.int(85 + w.r.IntN(15))
		}
	}
}

func brandName(r *rand.Rand) string { return pick(r, brandHeads) + "·" + pick(r, brandTails) }

func (w *writer) sentence() { w.fill(pick(w.r, w.pool)) }

// paragraph writes n sentences and a blank line.
func (w *writer) paragraph(n int) {
	for range n {
		w.sentence()
	}
	w.str("\n\n")
}

var ordinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九"}

func (w *writer) heading(i int) {
	w.str("## ")
	w.str(ordinals[min(i, len(ordinals)-1)])
	w.str("、")
	if w.trap {
		w.fill(pick(w.r, headingSafeT))
	} else {
		w.fill(pick(w.r, headingT))
	}
	w.str("\n\n")
}

// points writes a paragraph of bold-led points: **一是……。** followed by
// sentences, as the reports do.
func (w *writer) points() {
	n := 2 + w.r.IntN(2)
	for i := range n {
		w.str("**")
		w.str(ordinals[i])
		w.str("是")
		w.str(pick(w.r, leads))
		w.str("**")
		for range 1 + w.r.IntN(2) {
			w.sentence()
		}
	}
	w.str("\n\n")
}

func (w *writer) bullets() {
	for range 3 + w.r.IntN(4) {
		w.str("- ")
		w.fill(pick(w.r, bulletT))
		w.str("\n")
	}
	w.str("\n")
}

// table writes a GFM table from a header and rows of cells.
func (w *writer) table(header []string, rows [][]string) {
	row := func(cells []string) {
		w.str("|")
		for _, c := range cells {
			w.str(" ")
			w.str(c)
			w.str(" |")
		}
		w.str("\n")
	}
	row(header)
	w.str("|")
	for range header {
		w.str("---|")
	}
	w.str("\n")
	for _, r := range rows {
		row(r)
	}
	w.str("\n")
}

// body writes the Markdown body: a lead paragraph opened by intro, then
// numbered sections with bold points, a list and the kind's table, and more
// paragraphs until the page holds about target runes.
func (w *writer) body(intro func(), table func(), target int) {
	intro()
	if w.trap {
		// Both halves of the phrase, in separate sentences.
		w.fill(pick(w.r, trapDemoT))
		w.sentence()
		w.fill(pick(w.r, trapPointT))
	}
	w.paragraph(1 + w.r.IntN(3))
	w.heading(0)
	w.points()
	w.bullets()
	w.heading(1)
	w.paragraph(2 + w.r.IntN(2))
	table()
	for sec, para := 2, 0; w.count() < target; para++ {
		if para%3 == 0 {
			w.heading(sec)
			sec++
		}
		w.paragraph(3 + w.r.IntN(3))
	}
}
