package markdown

import (
	"unicode"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CommonMark decides whether `**` may open or close emphasis by looking at the
// characters on either side ("flanking"). Its rules assume words are separated
// by spaces, so `**“三会一课”**制度` stays literal: the closing `**` has a
// punctuation mark inside and a letter outside. goldmark v1.8.7's CJK
// extension changes line breaks and escaped spaces only, not flanking, so this
// file replaces the emphasis and strikethrough delimiter scanners with ones
// that follow the CommonMark CJK-friendly amendment
// (github.com/tats-u/markdown-cjk-friendly, specification.md). Text without
// CJK characters next to a delimiter is parsed exactly as before.

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }
func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}
func (emphasisProcessor) OnMatch(consumes int) gast.Node { return gast.NewEmphasis(consumes) }

type strikeProcessor struct{}

func (strikeProcessor) IsDelimiter(b byte) bool { return b == '~' }
func (strikeProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}
func (strikeProcessor) OnMatch(int) gast.Node { return extast.NewStrikethrough() }

// cjkDelimiterParser is registered ahead of goldmark's own emphasis and
// strikethrough parsers (lower priority value runs first), so it sees every
// `*`, `_` and `~` first; when it declines, goldmark's parser gets its turn
// and declines too, because both scan the same run.
type cjkDelimiterParser struct {
	trigger []byte
	proc    parser.DelimiterProcessor
	strike  bool
}

var (
	cjkEmphasisParser = &cjkDelimiterParser{trigger: []byte{'*', '_'}, proc: emphasisProcessor{}}
	cjkStrikeParser   = &cjkDelimiterParser{trigger: []byte{'~'}, proc: strikeProcessor{}, strike: true}
)

func (p *cjkDelimiterParser) Trigger() []byte { return p.trigger }

func (p *cjkDelimiterParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, segment := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	before := block.PrecendingCharacter()
	// A variation selector is invisible: the character it modifies is the
	// one that counts, so look one character further back.
	var beforeBase rune = before
	if isVariationSelector(before) || isIdeographicVS(before) {
		beforeBase = runeBefore(block.Source(), segment.Start-utf8.RuneLen(before))
	}
	d := scanDelimiter(line, before, beforeBase, p.proc)
	if d == nil {
		return nil
	}
	// GFM strikethrough: one or two tildes, never part of a longer run.
	if p.strike && (d.OriginalLength > 2 || before == '~') {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

func (p *cjkDelimiterParser) CloseBlock(parent gast.Node, pc parser.Context) {}

// runeBefore decodes the rune that ends just before pos, or '\n' at the start.
func runeBefore(src []byte, pos int) rune {
	if pos <= 0 || pos > len(src) {
		return '\n'
	}
	r, _ := utf8.DecodeLastRune(src[:pos])
	return r
}

// scanDelimiter is parser.ScanDelimiter with the amended flanking rules.
func scanDelimiter(line []byte, before, beforeBase rune, proc parser.DelimiterProcessor) *parser.Delimiter {
	c := line[0]
	if !proc.IsDelimiter(c) {
		return nil
	}
	j := 1
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' '
	if j < len(line) {
		after, _ = utf8.DecodeRune(line[j:])
	}
	left, right := flanking(before, beforeBase, after)
	var canOpen, canClose bool
	if c == '_' {
		canOpen = left && (!right || util.IsPunctRune(beforeBase))
		canClose = right && (!left || util.IsPunctRune(after))
	} else {
		canOpen, canClose = left, right
	}
	return parser.NewDelimiter(canOpen, canClose, j, c, proc)
}

// flanking reports whether a delimiter run between before and after is left-
// and right-flanking under the CJK-friendly amendment. beforeBase is before,
// or, when before is a variation selector, the character it modifies.
func flanking(before, beforeBase, after rune) (left, right bool) {
	beforeSpace := util.IsSpaceRune(before)
	afterSpace := util.IsSpaceRune(after)
	ivs := isIdeographicVS(before)
	beforeCJK := ivs || isCJK(beforeBase)
	beforeNonCJKPunct := !ivs && util.IsPunctRune(beforeBase) && !isCJK(beforeBase)
	afterCJK := isCJK(after)
	afterNonCJKPunct := util.IsPunctRune(after) && !afterCJK

	// Left: (1) not followed by whitespace, and (2a) not followed by a
	// non-CJK punctuation mark, or (2b) preceded by whitespace, non-CJK
	// punctuation, a CJK character or an ideographic variation selector.
	left = !afterSpace && (!afterNonCJKPunct || beforeSpace || beforeNonCJKPunct || beforeCJK)
	// Right: (1) not preceded by whitespace, and (2a) not preceded by
	// non-CJK punctuation, or (2b) followed by whitespace, non-CJK
	// punctuation or a CJK character.
	right = !beforeSpace && (!beforeNonCJKPunct || afterSpace || afterNonCJKPunct || afterCJK)
	return left, right
}

func isVariationSelector(r rune) bool { return r >= 0xFE00 && r <= 0xFE0E }
func isIdeographicVS(r rune) bool     { return r >= 0xE0100 && r <= 0xE01EF }

// isCJK is the amendment's "CJK character": East Asian Width W, F or H and
// not an emoji shown as emoji by default, or any Hangul. The emoji test is an
// approximation by block (the wide symbols of U+2300–U+2BFF other than the
// angle brackets, and U+1F000–U+1FAFF), which is what occurs in practice.
func isCJK(r rune) bool {
	// Fast paths for what Chinese pages are made of; the general test below
	// is a long chain of range checks.
	switch {
	case r < 0x1100: // Latin, Greek, Cyrillic … are never wide
		return false
	case r >= 0x4E00 && r <= 0x9FFF, // CJK Unified Ideographs
		r >= 0x3001 && r <= 0x303E, // CJK punctuation 、。「」《》【】…
		r >= 0xFF01 && r <= 0xFF60: // full-width forms ，！？（）：；
		return true
	case r >= 0x2000 && r <= 0x206F: // general punctuation “”‘’—…: ambiguous width
		return false
	}
	if unicode.Is(unicode.Hangul, r) {
		return true
	}
	switch util.EastAsianWidth(r) {
	case "W", "F", "H":
	default:
		return false
	}
	if r >= 0x2300 && r <= 0x2BFF && r != 0x2329 && r != 0x232A {
		return false
	}
	if r >= 0x1F000 && r <= 0x1FAFF {
		return false
	}
	return true
}
