package markdown

import (
	"bytes"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// stackMark is the attribute labelTables puts on a table that can become
// cards on a phone; wrapTables turns it into the theme's .table-wrap.stk.
const stackMark = "data-stk"

// labelTables gives every body cell of a table its column's header as
// data-label, so that on a phone each row shows as a card of "姓名：王丽"
// lines (the theme's .table-wrap.stk, as on honor lists and /stats/). A
// 公示 table of four columns squeezed into 360 px broke names and phone
// numbers one character a line. A table with an empty header cell keeps
// its columns: its cards would have lines without labels.
func labelTables(doc gast.Node, src []byte) {
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		t, ok := n.(*east.Table)
		if !entering || !ok {
			return gast.WalkContinue, nil
		}
		var labels []string
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*east.TableHeader); !ok {
				continue
			}
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				l := strings.TrimSpace(inlineText(cell, src))
				if l == "" {
					return gast.WalkSkipChildren, nil
				}
				labels = append(labels, l)
			}
		}
		if len(labels) == 0 {
			return gast.WalkSkipChildren, nil
		}
		for row := t.FirstChild(); row != nil; row = row.NextSibling() {
			if _, ok := row.(*east.TableRow); !ok {
				continue
			}
			i := 0
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if i < len(labels) {
					cell.SetAttributeString("data-label", []byte(labels[i]))
				}
				i++
			}
		}
		t.SetAttributeString(stackMark, []byte("1"))
		return gast.WalkSkipChildren, nil
	})
}

// inlineText is the text of a node's inlines, as a reader sees it.
func inlineText(n gast.Node, src []byte) string {
	var b bytes.Buffer
	_ = gast.Walk(n, func(c gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *gast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *gast.String:
			b.Write(c.Value)
		}
		return gast.WalkContinue, nil
	})
	return b.String()
}
