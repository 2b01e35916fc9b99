package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"dangjian/generator/diag"
)

// maxLinkScan bounds the text goldmark may read for link destinations
// and titles that do not end where they start. For every "](" it reads
// ahead until the address and title close, up to the end of the
// paragraph; "[a](" written over and over (or "[a](()", "[a](\)")
// makes that the square of the paragraph's length: a 320 KB line took
// 47 s. 200 MB of such reading is about a second; an article's links
// close right away and count nothing.
const maxLinkScan = 200 << 20

// plainDest is a link's address (and title) that closes at once: "(url)",
// "(url "title")". Anything else may make goldmark read far ahead.
// One level of parentheses inside the address is balanced at once too
// ("(https://例子.cn/a_(1).pdf)").
var plainDest = regexp.MustCompile(`^\((?:[^()\s<>\\]|\([^()\s<>\\]*\))*(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\)`)

// LinkScanError is a page refused before parsing, for a paragraph whose
// unclosed "](" would take goldmark too long.
type LinkScanError struct {
	Line  int // file line where the paragraph starts
	Count int // unclosed "](" in the page up to and with that paragraph
}

func (e *LinkScanError) Error() string {
	return diag.MsgMarkdownLinks.Text(diag.English, e.Count)
}

// checkLinkScan sums, for every "](" that does not close at once, the
// length of its paragraph that follows it, and refuses the page at the
// paragraph that takes the sum over maxLinkScan. A paragraph ends at a blank
// line or where a list item, quote, heading or code fence starts, as
// goldmark's inline parse of one block does not read into the next.
func checkLinkScan(body []byte, firstLine int) error {
	if !bytes.Contains(body, []byte("](")) {
		return nil
	}
	total, count := 0, 0
	start, startLine := 0, firstLine // the current paragraph
	flush := func(end int) error {
		para := body[start:end]
		for i := 0; ; {
			j := bytes.Index(para[i:], []byte("]("))
			if j < 0 {
				return nil
			}
			at := i + j + 1 // the "("
			window := para[at:min(len(para), at+4096)]
			if !plainDest.Match(window) {
				count++
				total += len(para) - at
				if total > maxLinkScan {
					return &LinkScanError{Line: startLine, Count: count}
				}
			}
			i = at
		}
	}
	line := firstLine
	fence := "" // the marker of the code block the line is in
	for pos := 0; pos < len(body); line++ {
		end := bytes.IndexByte(body[pos:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += pos
		}
		// A fenced code block's text is not parsed for links: it counts
		// nothing, and the paragraph after it starts below its end.
		if m := fenceMarker(body[pos:end]); fence != "" || m != "" {
			switch {
			case fence == "":
				if err := flush(pos); err != nil {
					return err
				}
				fence = m
			case strings.HasPrefix(m, fence):
				fence = ""
			}
			start, startLine = min(end+1, len(body)), line+1
			pos = end + 1
			continue
		}
		if startsBlock(body[pos:end]) {
			if err := flush(pos); err != nil {
				return err
			}
			start, startLine = pos, line
			if len(bytes.TrimSpace(body[pos:end])) == 0 {
				// A blank line belongs to no paragraph.
				start, startLine = min(end+1, len(body)), line+1
			}
		}
		pos = end + 1
	}
	return flush(len(body))
}

// fenceMarker returns the run of ` or ~ that opens or closes a fenced code
// block on line l (at least three, indented three spaces at most), or "".
func fenceMarker(l []byte) string {
	t := bytes.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return string(t[:n])
}

// startsBlock reports a line that ends the paragraph before it: a blank
// line, or one that opens a list item, a quote, a heading or a fence.
func startsBlock(l []byte) bool {
	t := bytes.TrimLeft(l, " \t")
	if len(bytes.TrimSpace(t)) == 0 {
		return true
	}
	if len(l)-len(t) > 3 {
		return false // indented: code, or the paragraph going on
	}
	switch t[0] {
	case '>', '#':
		return true
	case '-', '*', '+':
		return len(t) > 1 && (t[1] == ' ' || t[1] == '\t')
	case '`', '~':
		return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
	}
	i := 0
	for i < len(t) && i < 9 && '0' <= t[i] && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}
