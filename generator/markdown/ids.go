package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
)

// headingIDs hands out the element IDs of one document. It lives in the
// parser.Context of a single Render call, so IDs depend only on the page
// itself, never on which pages other goroutines rendered before.
type headingIDs struct {
	used map[string]bool
	next map[string]int // next suffix to try per base, so n duplicates cost O(n)
}

func newHeadingIDs() *headingIDs {
	s := &headingIDs{used: make(map[string]bool), next: make(map[string]int)}
	for _, id := range ThemeIDs {
		s.used[id] = true
	}
	return s
}

// ThemeIDs are the element IDs the default theme's pages use. A heading
// "Main" or "Search results" would otherwise get the same ID as the
// theme's <main id="main"> or the search box, and its table-of-contents
// link (and the theme's own "skip to content" link, or script) would find
// the other element: such a heading is numbered (main-1) instead. A test
// keeps the list in step with themes/default/layouts.
var ThemeIDs = []string{
	"main", "header-q", "nf-q",
	"search-app", "search-filters", "search-form", "search-input", "search-results", "search-status",
	"f-district", "f-status",
	"h-attachments", "h-brands", "h-figures", "h-focus", "h-honors", "h-key-figures", "h-news",
	"h-notices", "h-sm-site", "h-standards", "h-ub", "h-uh", "h-um", "h-un",
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, _ gast.NodeKind) []byte {
	return []byte(s.unique(Slug(string(value))))
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

func (s *headingIDs) unique(base string) string {
	id := base
	// A heading may itself be called "概述-1", so keep counting past taken IDs.
	n := max(s.next[base], 1)
	for s.used[id] {
		id = base + "-" + strconv.Itoa(n)
		n++
	}
	s.next[base] = n
	s.used[id] = true
	return id
}

// Slug turns heading text into an anchor ID that a Chinese reader can still
// read in the address bar:
//
//   - letters of every script and digits are kept; Latin letters are lower-cased;
//   - every other run of characters (spaces, punctuation, symbols) is a break;
//     a break becomes one "-" unless the characters on both sides of it are
//     Chinese (CJK), where it vanishes, because Chinese needs no separator;
//   - breaks at the start and the end vanish;
//   - an ID with nothing left is "section".
//
// So "一、主要做法" → "一主要做法", "（二）“三会一课”制度" → "二三会一课制度",
// "2024年 工作总结" → "2024年工作总结", "1.2 Go 语言" → "1-2-go-语言",
// "Hello, World!" → "hello-world". Duplicates are numbered by headingIDs.
func Slug(s string) string {
	out := make([]byte, 0, len(s))
	var last rune = -1 // last kept rune, -1 at the start
	pendingBreak := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if pendingBreak && last >= 0 && !(isCJK(last) && isCJK(r)) {
				out = append(out, '-')
			}
			pendingBreak = false
			r = unicode.ToLower(r)
			out = utf8.AppendRune(out, r)
			last = r
			continue
		}
		pendingBreak = true
	}
	if len(out) == 0 {
		return "section"
	}
	return string(out)
}
