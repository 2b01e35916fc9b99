package markdown

import (
	"strings"
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
	rs := []rune(joinLines(plain))
	if len(rs) <= max {
		return string(rs)
	}
	cut := -1
	for i := max - 1; i >= max/2; i-- {
		if end, ok := sentenceEnd(rs, i); ok {
			cut = end
			break
		}
	}
	if cut < 0 {
		limit := min(len(rs), max+max/4)
		for i := max; i < limit; i++ {
			if end, ok := sentenceEnd(rs, i); ok {
				cut = end
				break
			}
		}
	}
	if cut < 0 {
		return strings.TrimRightFunc(string(rs[:max]), unicode.IsSpace) + "…"
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace)
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
	units := 0
	inWord := false
	for _, r := range plain {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF: // the common Han block, decided cheaply
			units++
			inWord = false
		case r < 0x80 && (r < '0' || r > 'z'):
			inWord = false
		case isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			units++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
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
