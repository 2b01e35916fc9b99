package config

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// Limits on how deep a TOML key may reach. BurntSushi/toml copies a key's
// whole path for every level it passes through, so its memory grows with
// the square of the depth: a 340 KB front matter of one table header
// [a0.a1.….a49999], or 50,000 nested inline tables {a={a=…}}, ran build,
// check and serve out of memory (a fatal error no recover catches). Real
// files nest two or three levels ([[honors]], a [deploy] table).
const (
	MaxTOMLNesting = 64  // open [ and { at once
	MaxTOMLDots    = 256 // dots on one line outside strings and comments
)

// DepthError is a TOML text over MaxTOMLNesting or MaxTOMLDots at Line
// (from 1).
type DepthError struct {
	Line int
	Dots bool // too many dots, rather than brackets
}

func (e *DepthError) Error() string {
	if e.Dots {
		return fmt.Sprintf("toml: line %d: a key of more than %d dotted parts", e.Line, MaxTOMLDots)
	}
	return fmt.Sprintf("toml: line %d: nested more than %d levels", e.Line, MaxTOMLNesting)
}

// DecodeTOML is toml.Decode after checkDepth: every TOML file dangjian
// reads (site.toml, front matter, word lists, labels) goes through it.
func DecodeTOML(src string, v any) (toml.MetaData, error) {
	if err := checkDepth(src); err != nil {
		return toml.MetaData{}, err
	}
	return toml.Decode(src, v)
}

// checkDepth scans src once, skipping strings and comments, for more open
// brackets at once than MaxTOMLNesting or more dots on a line than
// MaxTOMLDots. It does not judge anything else: toml.Decode does. (A float
// has one dot; a line of 257 numbers with decimals is not a page's front
// matter.)
func checkDepth(src string) error {
	line, depth, dots := 1, 0, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
			dots = 0
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			long := i+2 < len(src) && src[i+1] == c && src[i+2] == c
			if long {
				i += 2
			}
			for i++; i < len(src); i++ {
				if src[i] == '\\' && c == '"' {
					if i+1 < len(src) && src[i+1] == '\n' {
						line++
					}
					i++
					continue
				}
				if src[i] == '\n' {
					if !long {
						break // an unclosed string: the decoder says so
					}
					line++
				}
				if src[i] == c && (!long || i+2 < len(src) && src[i+1] == c && src[i+2] == c) {
					if long {
						i += 2
					}
					break
				}
			}
			if i < len(src) && src[i] == '\n' {
				i-- // counted by the loop above
			}
		case '[', '{':
			depth++
			if depth > MaxTOMLNesting {
				return &DepthError{Line: line}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '.':
			dots++
			if dots > MaxTOMLDots {
				return &DepthError{Line: line, Dots: true}
			}
		}
	}
	return nil
}
