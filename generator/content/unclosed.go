package content

import (
	"bytes"
	"strings"
)

// unclosedAt finds where a front matter that never closes should have been
// closed: the first line after the opening +++ that is neither blank, a
// comment, a [table] header nor a "key = value" line, i.e. where the text
// starts. It is the line the closing +++ belongs before.
func unclosedAt(data []byte) int {
	data = bytes.TrimPrefix(data, utf8BOM)
	lines := strings.Split(string(data), "\n")
	for i := 1; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "["):
			continue
		case strings.Contains(t, "=") || strings.Contains(t, "＝"):
			// A key line; a Markdown line seldom has "=" before any space.
			k, _, _ := strings.Cut(t, "=")
			if !strings.ContainsAny(strings.TrimSpace(k), " 。，") {
				continue
			}
		}
		return i + 1
	}
	return len(lines) + 1
}
