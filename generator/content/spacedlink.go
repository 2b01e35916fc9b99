package content

import (
	"bytes"
	"regexp"
	"strings"

	"dangjian/generator/diag"
)

// spacedLinkRe matches a link or image whose address holds a space, as a
// file name with a space gets written: ![照片](/images/我的 照片.png).
// CommonMark ends the address at the space and wants a quoted title after
// it; without one no link is made, and the page shows the brackets and the
// address as typed. A title in quotes or parentheses is left alone.
var spacedLinkRe = regexp.MustCompile(`!?\[[^\]\n]*\]\(([^()\s<>"']+)( +[^()\s"'][^()\n]*?)( +"[^"\n]*"| +'[^'\n]*')?\)`)

// codeSpanRe is an inline code span, whose text is never a link.
var codeSpanRe = regexp.MustCompile("(`+)[^`]*(`+)")

// spacedLinks reports each such link in a body, outside code, with the
// way to write it: the address in angle brackets.
func spacedLinks(path string, body []byte, bodyLine int) []diag.Problem {
	if !bytes.Contains(body, []byte("](")) {
		return nil
	}
	var probs []diag.Problem
	fence := ""
	for i, l := range strings.Split(string(body), "\n") {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) <= 3 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.Contains(l, "](") {
			continue
		}
		l = codeSpanRe.ReplaceAllStringFunc(l, func(s string) string { return strings.Repeat(" ", len(s)) })
		for _, m := range spacedLinkRe.FindAllStringSubmatchIndex(l, -1) {
			link := l[m[0]:m[1]]
			// The address runs to the title, if any: ![a](<b c> "title").
			end := m[1] - 1
			if m[6] >= 0 {
				end = m[6]
			}
			fixed := l[m[0]:m[2]] + "<" + l[m[2]:end] + ">" + l[end:m[1]]
			probs = append(probs, diag.New(path, bodyLine+i, diag.MsgSpacedLink, link, fixed))
		}
	}
	return probs
}
