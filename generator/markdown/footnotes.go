package markdown

import (
	"bytes"

	"dangjian/generator/diag"
)

// maxFootnoteWork bounds footnote references × footnote definitions of a
// page. goldmark finds the definition of each reference ([^1]) by walking
// the page's definitions in order, so a page's footnote time grows with
// their product: 30,000 definitions each referring to the next (800 KB)
// took 14 s to build, 1 MB of references to the last of many definitions
// would take hours, and serve redid it on each save. A long report has a
// few hundred footnotes; 100 million allows 10,000 references to 10,000
// notes (about 1.5 s).
const maxFootnoteWork = 100_000_000

// FootnoteError is a page refused before parsing for its footnotes.
type FootnoteError struct {
	Line       int // file line of the first footnote definition
	Defs, Refs int
}

func (e *FootnoteError) Error() string {
	return diag.MsgMarkdownFootnotes.Text(diag.English, e.Defs, e.Refs)
}

// checkFootnotes counts the footnote definitions of body (lines that start,
// after spaces and quote markers, with "[^label]:") and every other "[^"
// (a reference, or text that only looks like one: an upper bound), and
// refuses a page whose product is over maxFootnoteWork.
func checkFootnotes(body []byte, firstLine int) error {
	refs := bytes.Count(body, []byte("[^"))
	if refs < 2 || refs/2*(refs-refs/2) <= maxFootnoteWork {
		return nil // no split of these into definitions and references is too much
	}
	defs, first := 0, 0
	for n := 0; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimLeft(line, " \t>")
		if bytes.HasPrefix(line, []byte("[^")) {
			if end := bytes.IndexByte(line, ']'); end > 2 && end+1 < len(line) && line[end+1] == ':' {
				if defs == 0 {
					first = firstLine + n
				}
				defs++
			}
		}
	}
	refs -= defs
	if int64(defs)*int64(refs) > maxFootnoteWork {
		return &FootnoteError{Line: first, Defs: defs, Refs: refs}
	}
	return nil
}
