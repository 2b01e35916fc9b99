package render

import (
	"html/template"
	"regexp"
	"strings"

	"dangjian/generator/content"
)

// ownNumber matches a heading that carries its own numbering, as Chinese
// official documents write them: 一、 （一） (一) 1. 1、 1． （1） 第一章 …
var ownNumber = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十百零〇]+[、．.]|[（(][一二三四五六七八九十百零〇\d]+[）)]|\d+(?:\.\d+)*[、．.)）]|第[一二三四五六七八九十百零〇\d]+[章节条部分篇])`)

// TOCNumbered reports whether a table of contents should number its items:
// not when any heading is numbered already ("2. （一）部署快" reads twice).
func TOCNumbered(toc []content.Heading) bool {
	for _, h := range toc {
		if ownNumber.MatchString(h.Text) {
			return false
		}
	}
	return true
}

// BodyNotes is a page body split from its footnotes.
type BodyNotes struct {
	Body, Notes template.HTML
}

// SplitNotes splits a rendered body before its footnotes, so that a layout
// can show something between the text and the notes (an honor list's notes
// belong after its table, not between the introduction and the table).
func SplitNotes(h template.HTML) BodyNotes {
	i := strings.LastIndex(string(h), `<div class="footnotes"`)
	if i < 0 {
		return BodyNotes{Body: h}
	}
	return BodyNotes{Body: h[:i], Notes: h[i:]}
}
