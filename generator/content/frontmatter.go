package content

import (
	"bytes"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// split separates TOML front matter between "+++" lines from the Markdown
// body. Windows editors write a BOM and CRLF line endings; both are accepted.
// It returns the front matter, the body, the file line where the front matter
// starts and the file line where the body starts. ok is false when a "+++"
// opens but never closes. A file without front matter is all body.
func split(data []byte) (front, body []byte, frontLine, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !isFence(firstLine(data)) {
		return nil, data, 0, 1, true
	}
	rest := data[len(firstLine(data)):]
	rest = trimNewline(rest)
	line := 2
	start := rest
	offset := 0
	for len(rest) > 0 {
		l := firstLine(rest)
		if isFence(l) {
			body = trimNewline(rest[len(l):])
			return start[:offset], body, 2, line + 1, true
		}
		next := trimNewline(rest[len(l):])
		offset += len(rest) - len(next)
		rest = next
		line++
	}
	return nil, nil, 2, 0, false
}

// firstLine returns the data up to (not including) the first '\n'.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func trimNewline(b []byte) []byte {
	if len(b) > 0 && b[0] == '\n' {
		return b[1:]
	}
	return b
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "+++"
}
