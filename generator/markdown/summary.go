package markdown

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// SummaryLength is the length of an automatic summary, in characters (runes).
const SummaryLength = 120

// Summarize returns the first sentences of plain, about max characters long.
// Chinese has no spaces between words, so length is counted in runes and
// the cut is made after a sentence mark (。！？!? and a Latin "." before a
// space), together with any closing quote or bracket that follows it:
//
//   - the last sentence end within the first max runes, if it lies past
//     max/2 (so a short first sentence does not make a stub summary);
//   - else the first sentence end within max/4 runes past max;
//   - else a hard cut at max runes with "…".
//
// Paragraph breaks become nothing after a Chinese character and a space
// after anything else, so the summary is one line of text.
func Summarize(plain string, max int) string {
	if max <= 0 {
		return ""
	}
	// Only the first max+max/4 characters (and the closing marks after a
	// sentence end there) can be in the summary, so a page's whole text
	// need not be joined and turned into runes (in the 10,000-page profile
	// that was 0.4 s of the markdown stage's 2.9 s). joinLines of a prefix
	// is a prefix of joinLines of the whole text; when the summary could
	// depend on what lies past the prefix, the whole text is used.
	if i := byteOffsetOfRune(plain, 2*max); i < len(plain) {
		if s, ok := summarize([]rune(joinLines(plain[:i])), max, true); ok {
			return s
		}
	}
	s, _ := summarize([]rune(joinLines(plain)), max, false)
	return s
}

// summarize is Summarize on joined text. When partial, rs is only the start
// of the text, and ok is false if the result could depend on the rest.
func summarize(rs []rune, max int, partial bool) (s string, ok bool) {
	if len(rs) <= max {
		return string(rs), !partial
	}
	end := func(i int) (int, bool) {
		j, found := sentenceEnd(rs, i)
		if found && j >= len(rs) || i+1 >= len(rs) {
			ok = false // the closers, or the rune after, may go on past rs
		}
		return j, found
	}
	ok = true
	cut := -1
	for i := max - 1; i >= max/2; i-- {
		if j, found := end(i); found {
			cut = j
			break
		}
	}
	if cut < 0 {
		limit := min(len(rs), max+max/4)
		if partial && limit == len(rs) {
			ok = false
		}
		for i := max; i < limit; i++ {
			if j, found := end(i); found {
				cut = j
				break
			}
		}
	}
	if partial && !ok {
		return "", false
	}
	if cut < 0 {
		return strings.TrimRightFunc(string(rs[:max]), unicode.IsSpace) + "…", true
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace), true
}

// byteOffsetOfRune returns the byte offset of the n-th rune of s, or len(s).
func byteOffsetOfRune(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// sentenceEnd reports whether rs[i] is a sentence mark and returns the index
// just past it and any closing quotes or brackets that belong to it.
func sentenceEnd(rs []rune, i int) (int, bool) {
	switch rs[i] {
	case '。', '！', '？', '!', '?', '…':
		if rs[i] == '…' && (i+1 >= len(rs) || rs[i+1] != '…') {
			return 0, false // only a full "……" ends a sentence
		}
	case '.':
		if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			return 0, false // 3.5, example.com
		}
	default:
		return 0, false
	}
	j := i + 1
	for j < len(rs) && isCloser(rs[j]) {
		j++
	}
	return j, true
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '】', '"', '\'', '！', '？', '!', '?':
		return true
	}
	return false
}

// joinLines makes plain text one line: a line break after or before a
// Chinese character is dropped, any other becomes a space.
func joinLines(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	s = strings.TrimSpace(s)
	for len(s) > 0 {
		i := strings.IndexAny(s, "\n\r\t")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		rest := strings.TrimLeft(s[i:], " \n\r\t")
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		prev = lastNonSpace(s[:i], prev)
		next, _ := utf8.DecodeRuneInString(rest)
		if s[i] == '\t' || !(isCJK(prev) || isCJK(next)) {
			b.WriteByte(' ')
		}
		s = rest
	}
	return b.String()
}

func lastNonSpace(s string, r rune) rune {
	t := strings.TrimRight(s, " ")
	if t == "" {
		return r
	}
	r, _ = utf8.DecodeLastRuneInString(t)
	return r
}

// ReadingMinutes estimates reading time. Chinese is read at about 400
// characters a minute; a Latin word (a run of letters or digits, which
// English readers take at about 200 a minute) counts as two characters.
// Punctuation and spaces count nothing. The result is rounded to the
// nearest minute and is at least 1.
func ReadingMinutes(plain string) int {
	classes := bmpReadingClasses()
	units := 0
	inWord := false
	for _, r := range plain {
		var c readingClass
		if r < 1<<16 {
			c = classes[r]
		} else {
			c = classifyForReading(r)
		}
		switch c {
		case readChar:
			units++
			inWord = false
		case readWord:
			if !inWord {
				units += 2
				inWord = true
			}
		default:
			inWord = false
		}
	}
	m := (units + 200) / 400
	if m < 1 {
		m = 1
	}
	return m
}

// readingClass is what a character counts for ReadingMinutes.
type readingClass uint8

const (
	readNothing readingClass = iota // punctuation, spaces
	readChar                        // a Chinese (CJK) character: one unit
	readWord                        // part of a Latin word: two units a word
)

func classifyForReading(r rune) readingClass {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // the common Han block, decided cheaply
		return readChar
	case r < 0x80 && (r < '0' || r > 'z'):
		return readNothing
	case isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return readChar
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return readWord
	}
	return readNothing
}

// bmpReadingClasses is classifyForReading for the Basic Multilingual Plane,
// computed once: Chinese punctuation (，。、) went through four Unicode table
// lookups each, 0.4 s of the markdown stage at 10,000 pages.
var bmpReadingClasses = sync.OnceValue(func() *[1 << 16]readingClass {
	var t [1 << 16]readingClass
	for r := range rune(len(t)) {
		t[r] = classifyForReading(r)
	}
	return &t
})
