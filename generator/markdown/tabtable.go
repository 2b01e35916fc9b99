package markdown

import (
	"bytes"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A table pasted from Word or Excel arrives as lines of tab-separated
// cells. Within a paragraph, two or more consecutive lines with the same
// number (at least two) of tab-separated cells become a table, the first
// line its header. It works on paragraphs, so code blocks (where tabs are
// what the author meant) are left alone, and each cell keeps its place in
// the file, so the lines of links in a cell stay right.
type tabTableTransformer struct{}

var tabTables = util.Prioritized(tabTableTransformer{}, 150)

func (tabTableTransformer) Transform(node *gast.Paragraph, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	lines := node.Lines()
	n := lines.Len()
	if n < 2 {
		return
	}
	counts := make([]int, n)
	for i := range n {
		seg := lines.At(i)
		counts[i] = tabCells(seg.Value(source))
	}
	for start := 0; start < n-1; start++ {
		c := counts[start]
		if c < 2 || counts[start+1] != c {
			continue
		}
		end := start + 2
		for end < n && counts[end] == c {
			end++
		}
		table := east.NewTable()
		table.Alignments = make([]east.Alignment, c)
		for i := range table.Alignments {
			table.Alignments[i] = east.AlignNone
		}
		table.AppendChild(table, east.NewTableHeader(tabRow(lines.At(start), table.Alignments, source)))
		for j := start + 1; j < end; j++ {
			table.AppendChild(table, tabRow(lines.At(j), table.Alignments, source))
		}
		parent := node.Parent()
		parent.InsertAfter(parent, node, table)
		// The lines after the table are a paragraph of their own, which
		// may hold another table.
		if end < n {
			rest := gast.NewParagraph()
			for j := end; j < n; j++ {
				seg := lines.At(j)
				if j == n-1 {
					seg = seg.TrimRightSpace(source)
				}
				rest.Lines().Append(seg)
			}
			parent.InsertAfter(parent, table, rest)
			tabTableTransformer{}.Transform(rest, reader, pc)
		}
		if start == 0 {
			parent.RemoveChild(parent, node)
		} else {
			node.Lines().SetSliced(0, start)
			last := node.Lines().At(start - 1)
			node.Lines().Set(start-1, last.TrimRightSpace(source))
		}
		return
	}
}

// tabCells counts the tab-separated cells of a line (1 without a tab).
func tabCells(line []byte) int {
	line = bytes.TrimRight(line, "\r\n")
	return bytes.Count(line, []byte{'\t'}) + 1
}

func tabRow(seg text.Segment, aligns []east.Alignment, source []byte) *east.TableRow {
	row := east.NewTableRow(aligns)
	line := seg.Value(source)
	line = bytes.TrimRight(line, "\r\n")
	pos := 0
	for i := range aligns {
		end := len(line)
		if j := bytes.IndexByte(line[pos:], '\t'); j >= 0 && i < len(aligns)-1 {
			end = pos + j
		}
		cell := east.NewTableCell()
		cell.Alignment = aligns[i]
		cs := text.NewSegment(seg.Start+pos, seg.Start+end)
		cs = cs.TrimLeftSpace(source)
		cs = cs.TrimRightSpace(source)
		cell.Lines().Append(cs)
		row.AppendChild(row, cell)
		pos = min(end+1, len(line))
	}
	return row
}
