package markdown

import (
	"bytes"
	"errors"

	"dangjian/generator/diag"
)

// MaxNesting bounds how deeply a page may nest block quotes and lists.
// goldmark's parser does work in proportion to the open blocks for every
// block it opens, so its time grows with the square of the nesting: a
// 200 KB page of "- - - … x" took 50 s to build and 100,000 ">" 8 s, and
// serve redid it on each save. An article nests a few levels; 64 leaves
// room for anything written by hand.
const MaxNesting = 64

// NestingError is a page refused before parsing, for a line that nests
// deeper than MaxNesting.
type NestingError struct {
	Line  int // file line
	Depth int // the line's nesting, as nestingOf counts it
}

func (e *NestingError) Error() string {
	return diag.MsgMarkdownNesting.Text(diag.English, e.Depth, MaxNesting)
}

// Problem is the message for a page whose body failed to render: at the
// offending line for a NestingError or LinkScanError, at the body's first
// line otherwise.
func Problem(path string, bodyLine int, err error) diag.Problem {
	var ne *NestingError
	if errors.As(err, &ne) {
		return diag.New(path, ne.Line, diag.MsgMarkdownNesting, ne.Depth, MaxNesting)
	}
	var le *LinkScanError
	if errors.As(err, &le) {
		return diag.New(path, le.Line, diag.MsgMarkdownLinks, le.Count)
	}
	var fe *FootnoteError
	if errors.As(err, &fe) {
		return diag.New(path, fe.Line, diag.MsgMarkdownFootnotes, fe.Defs, fe.Refs)
	}
	return diag.New(path, bodyLine, diag.MsgRender, err)
}

// checkNesting returns a NestingError for the first line of body (whose
// first line is file line firstLine) nested deeper than MaxNesting.
func checkNesting(body []byte, firstLine int) error {
	for n := 0; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if d := nestingOf(line); d > MaxNesting {
			return &NestingError{Line: firstLine + n, Depth: d}
		}
	}
	return nil
}

// nestingOf counts the containers a line opens or continues at its start:
// one for each block quote marker ">" and list marker ("-", "+", "*",
// "1." or "1)" followed by a space), and one for every four columns of
// the other whitespace among them (lists nest by indentation too). A
// thematic break ("- - - -", "* * *") opens nothing and ends the count.
func nestingOf(line []byte) int {
	brk := breakStart(line)
	markers, cols := 0, 0
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ':
			cols++
			i++
			continue
		case c == '\t':
			cols += 4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && i < brk:
			if i+1 >= len(line) || line[i+1] != ' ' && line[i+1] != '\t' {
				return markers + cols/4
			}
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || line[j] != '.' && line[j] != ')' || line[j+1] != ' ' && line[j+1] != '\t' {
				return markers + cols/4
			}
			i = j + 1
		default:
			return markers + cols/4
		}
		markers++
		// The one space that ends a marker is part of it.
		if i < len(line) && line[i] == ' ' {
			i++
		}
	}
	return markers + cols/4
}

// breakStart returns where the thematic break that ends a line begins: the
// first of at least three "-", "*" or "_" (one of them) that, with spaces
// and tabs, fill the rest of the line; len(line) when there is none. One
// pass from the end, so that a line of many markers costs no more.
func breakStart(line []byte) int {
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	if end == 0 {
		return len(line)
	}
	c := line[end-1]
	if c != '-' && c != '*' && c != '_' {
		return len(line)
	}
	start, n := len(line), 0
scan:
	for i := end - 1; i >= 0; i-- {
		switch line[i] {
		case c:
			n++
			start = i
		case ' ', '\t':
		default:
			break scan
		}
	}
	if n < 3 {
		return len(line)
	}
	return start
}
