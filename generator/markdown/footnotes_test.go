package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A page whose footnote references × definitions would take goldmark too
// long is refused before parsing, at its first definition: 30,000 notes
// each referring to the next took 14 s. A report's footnotes, and "[^" in
// text without definitions, render.
func TestTooManyFootnotesAreRefused(t *testing.T) {
	notes := func(n int, chain bool) string {
		var b strings.Builder
		b.WriteString("正文\n\n")
		for i := range n {
			fmt.Fprintf(&b, "[^%d] ", i)
		}
		b.WriteString("\n\n")
		for i := range n {
			if chain {
				fmt.Fprintf(&b, "[^%d]: 见 [^%d]\n", i, i+1)
			} else {
				fmt.Fprintf(&b, "> [^%d]: 注释\n", i)
			}
		}
		return b.String()
	}
	_, err := New(Options{}).Render([]byte(notes(30000, true)), 5)
	var fe *FootnoteError
	if !errors.As(err, &fe) || fe.Line != 9 || fe.Defs != 30000 || fe.Refs != 60000 {
		t.Fatalf("got %v (%+v), want a FootnoteError at line 9", err, fe)
	}
	if p := Problem("a.md", 5, err); p.Line != 9 || !strings.Contains(p.Error(), "30000 条脚注") {
		t.Errorf("problem %v", p)
	}
	for _, src := range []string{
		notes(2000, false),
		strings.Repeat("[^x] ", 50000), // no definitions
	} {
		if _, err := New(Options{}).Render([]byte(src), 1); err != nil {
			t.Errorf("%.40q…: %v", src, err)
		}
	}
}
