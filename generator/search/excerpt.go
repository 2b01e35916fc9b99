package search

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Excerpts: a long list's card of a result whose gram is in its body only,
// first beyond the card's head, also carries the window of the body a
// snippet reads around that first occurrence ([text, anchor, flags]).
//
// A query word of four or more characters whose first results match deep in
// their bodies (学习强国 on the 10k corpus: 9 of 10) read one text file (x/)
// per result for the snippets, ten files beside its two positions files:
// two turns of a browser's six connections, 160 ms on 4G. Its first results
// are mostly its trigrams' own (the cards that came with the lists), and
// the term's first match in a body starts where the first occurrence of any
// of its trigrams does, less the trigram's offset in the term — when the
// term is there (a term before it would hold the trigram before it). So
// search.js (excerpt) and read.go (Index.excerpt) check the term at that
// place in the window and read no text file: the snippet is the one the
// whole text gives (search.js's excerptSnippet; TestExcerptSnippetsAreTheTexts
// and TestJSQueries compare the two in node).

// snippetWidth is search.js's WIDTH: the characters (UTF-16 units) a
// snippet shows. A snippet reads width/2 units before its match and width
// (+1, a surrogate pair's end) after its start.
const snippetWidth = 110

// excerptBefore and excerptAfter are the units an excerpt keeps before and
// after its anchor: a snippet's reach, and room for a term that starts up
// to excerptSlack units before the trigram at the anchor.
const (
	excerptSlack  = 12
	excerptBefore = snippetWidth/2 + excerptSlack
	excerptAfter  = snippetWidth + 2
)

// Excerpt flags: the window does not start at the body's start (lead), or
// does not end at its end (tail).
const (
	excerptLead = 1
	excerptTail = 2
)

// An excerpter makes excerpts, reusing its buffers: a 50,000-page index
// reads a hundred thousand bodies or more for them while the lists fill
// most of the memory limit, where every allocation is paid in collections.
type excerpter struct {
	a, b []byte   // flat's steps
	u, g []uint16 // the flat window and the gram, UTF-16
	body []byte   // a kept body (cardSet.body)
}

// excerpt is the window of doc's body (raw body text: Doc.Body, valid
// UTF-8) around gram's first occurrence, as search.js's flat makes it, for a
// doc whose title line is title: "" when gram holds a character that a
// flattened body shows as a separator, or is not in the body, or first lies
// within the head of headRunes characters (the card's snippet shows it).
func (x *excerpter) excerpt(gram, title, body string, headRunes int) (window string, anchor, flags int, ok bool) {
	if gram == "" || strings.ContainsAny(gram, " ·|") {
		return "", 0, 0, false
	}
	if ff := strings.IndexByte(body, '\f'); ff >= 0 {
		body = body[:ff] // search.js's snippet: the body ends at a form feed
	}
	at := firstFolded(body, gram)
	if at < 0 {
		return "", 0, 0, false
	}
	titleRunes := utf8.RuneCountInString(title)
	head := max(headRunes, titleRunes+1)
	if left := head - titleRunes - 1 - utf8.RuneCountInString(gram); left >= 0 && atMostRunes(body[:at], left) {
		return "", 0, 0, false // in the head
	}
	// A window of the raw body, widened until its flat form holds the reach
	// on both sides; its ends at characters flat keeps as they are, so that
	// it flattens as it does inside the whole body.
	for more := 16; ; more *= 2 {
		lo, hi := widenLeft(body, at, excerptBefore+more), widenRight(body, at, excerptAfter+more)
		if !keepsMore(body[:lo], true) {
			lo = 0
		}
		if !keepsMore(body[hi:], false) {
			hi = len(body)
		}
		x.u = appendUTF16(x.u[:0], x.flat(body[lo:hi]))
		x.g = appendUTF16(x.g[:0], []byte(gram))
		u := x.u
		a := indexFolded16(u, x.g)
		if a < 0 {
			return "", 0, 0, false // cannot be: gram holds no separator
		}
		if lo > 0 && a < excerptBefore || hi < len(body) && len(u)-a < excerptAfter {
			continue
		}
		from, to := 0, len(u)
		if lo > 0 {
			flags |= excerptLead
		}
		if a > excerptBefore {
			from, flags = a-excerptBefore, flags|excerptLead
			if utf16.IsSurrogate(rune(u[from])) && u[from] >= 0xDC00 {
				from--
			}
		}
		if hi < len(body) {
			flags |= excerptTail
		}
		if len(u)-a > excerptAfter {
			to, flags = a+excerptAfter, flags|excerptTail
			if u[to-1] >= 0xD800 && u[to-1] < 0xDC00 {
				to++
			}
		}
		return string(utf16.Decode(u[from:to])), a - from, flags, true
	}
}

// atMostRunes reports whether s has n runes or fewer, reading no further.
func atMostRunes(s string, n int) bool {
	for range s {
		if n == 0 {
			return false
		}
		n--
	}
	return true
}

// firstFolded is the byte offset of gram's (folded) first occurrence in s,
// compared folded, or -1.
func firstFolded(s, gram string) int {
	at := strings.Index(s, gram)
	// Before the first occurrence as it is, one in other letters (full
	// width, capitals) can be only where such a letter is: rare in a body,
	// whose search is then one strings.Index.
	head := s
	if at >= 0 {
		head = s[:at]
	}
	for _, c := range gram {
		if c > 0x7E {
			continue // a folded gram's character above ASCII folds from no other
		}
		if strings.ContainsRune(head, c+0xFEE0) ||
			c >= 'a' && c <= 'z' && (strings.ContainsRune(head, c-'a'+'A') || strings.ContainsRune(head, c-'a'+0xFF21)) {
			return firstFoldedSlow(s, gram)
		}
	}
	return at
}

// firstFoldedSlow is firstFolded, comparing every character folded.
func firstFoldedSlow(s, gram string) int {
	g := []rune(gram)
	for i := range s {
		j, k := i, 0
		for k < len(g) && j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if foldRune(r) != g[k] {
				break
			}
			j, k = j+n, k+1
		}
		if k == len(g) {
			return i
		}
	}
	return -1
}

// indexFolded16 is the first index of g in u, both UTF-16, u compared
// folded (foldRune maps a unit of the Basic Multilingual Plane to one).
func indexFolded16(u, g []uint16) int {
	for i := 0; i+len(g) <= len(u); i++ {
		k := 0
		for k < len(g) && uint16(foldRune(rune(u[i+k]))) == g[k] {
			k++
		}
		if k == len(g) {
			return i
		}
	}
	return -1
}

// widenLeft is the byte offset about span runes before at, moved back past
// any separator so that the window starts at a character flat keeps.
func widenLeft(s string, at, span int) int {
	i := at
	for n := 0; i > 0 && n < span; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	for i > 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !flatSeparator(r) {
			break
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// widenRight is widenLeft's end: about span runes after at, moved on past
// any separator so that the window ends with a character flat keeps.
func widenRight(s string, at, span int) int {
	i := at
	for n := 0; i < len(s) && n < span; n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	for i < len(s) {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if !flatSeparator(r) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// keepsMore reports whether s holds a character that flat does not trim
// from a body's start (before) or end.
func keepsMore(s string, before bool) bool {
	for s != "" {
		var r rune
		var n int
		if before {
			r, n = utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-n]
		} else {
			r, n = utf8.DecodeRuneInString(s)
			s = s[n:]
		}
		if !flatSeparator(r) {
			return true
		}
	}
	return false
}

// flatSeparator reports the characters flat replaces (JavaScript's \s) or
// trims from the ends (· and ｜, which it also writes).
func flatSeparator(r rune) bool {
	return jsSpace(r) || r == '·' || r == '｜'
}

// jsSpace is JavaScript's \s.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// flat is search.js's flat: a body's blocks and table cells as the
// snippet shows them (" ｜ ", " · "), other runs of spaces as one. flat is
// four regular expressions; this is their effect in plain loops (Go's
// regexp took 4.6 s of CPU for a 10,000-page index's excerpts), checked
// against search.js in node (TestFlatIsSearchJS). The result is in x's
// buffers, good until x's next use. search.js's expressions:
//
//	/[^\S\n\t]+/g → " "; / *\t[\t ]*/g → " · "; / *\n[\n\t ]*/g → " ｜ ";
//	/^[ ｜·]+|[ ｜·]+$/g → "".
func (x *excerpter) flat(s string) []byte {
	// Runs of JavaScript's \s but "\n" and "\t" are one space.
	a := x.a[:0]
	run := false
	for _, r := range s {
		if r != '\n' && r != '\t' && jsSpace(r) {
			if !run {
				a = append(a, ' ')
			}
			run = true
			continue
		}
		run = false
		a = utf8.AppendRune(a, r)
	}
	// Then a run of spaces and tabs that holds a tab is a cell's end, and
	// a run of spaces and newlines (the cells' own spaces among them) that
	// holds a newline a block's.
	b := replaceRuns(x.b[:0], a, '\t', " · ")
	a = replaceRuns(a[:0], b, '\n', " ｜ ")
	x.a, x.b = a, b
	return bytes.TrimRight(bytes.TrimLeft(a, " ｜·"), " ｜·")
}

// appendUTF16 appends s (UTF-8) to u as UTF-16, as JavaScript counts it.
func appendUTF16(u []uint16, s []byte) []uint16 {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			u = append(u, uint16(r1), uint16(r2))
			continue
		}
		u = append(u, uint16(r))
	}
	return u
}

// replaceRuns appends b to out with each maximal run of spaces and c that
// holds a c replaced by with. Only spaces, "\t" and "\n" are in b's runs
// by then.
func replaceRuns(out, b []byte, c byte, with string) []byte {
	for i := 0; i < len(b); {
		if b[i] != ' ' && b[i] != c {
			out = append(out, b[i])
			i++
			continue
		}
		j, has := i, false
		for j < len(b) && (b[j] == ' ' || b[j] == c) {
			has = has || b[j] == c
			j++
		}
		if has {
			out = append(out, with...)
		} else {
			out = append(out, b[i:j]...)
		}
		i = j
	}
	return out
}
