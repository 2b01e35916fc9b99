package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"dangjian/generator/content"
)

// walker visits the parsed document once, before it is rendered: it fixes
// line breaks, gives headings their IDs, rewrites and records links, finds
// <!--more--> and collects the plain text.
type walker struct {
	src       []byte
	ids       *headingIDs
	resolve   func(string) (string, bool)
	firstLine int

	plain  []byte
	toc    []content.Heading
	allIDs []string
	links  []content.Link
	moreAt int // length of plain at the first <!--more-->, or -1
	remove []gast.Node

	// Raw HTML, when it is not published (unsafe off): the few bare tags
	// officers and Word converters write (<br> in a table cell, m<sup>2</sup>)
	// are written as they are, in lower case; anything else is left out
	// and reported.
	unsafe  bool
	kept    []keptTag
	dropped []content.RawHTML

	headStart int

	// Links come in document order, so lines are counted incrementally.
	linePos, lineNo int
}

func (w *walker) visit(node gast.Node, entering bool) (gast.WalkStatus, error) {
	switch n := node.(type) {
	case *gast.Text:
		if entering {
			w.text(n)
		}
	case *gast.String:
		if entering {
			w.plain = append(w.plain, n.Value...)
		}
	case *gast.Heading:
		if entering {
			w.sep()
			w.headStart = len(w.plain)
			return gast.WalkContinue, nil
		}
		title := strings.TrimSpace(string(w.plain[w.headStart:]))
		id := w.ids.unique(Slug(title))
		n.SetAttributeString("id", []byte(id))
		w.allIDs = append(w.allIDs, id)
		if n.Level >= 2 && n.Level <= 4 {
			w.toc = append(w.toc, content.Heading{Level: n.Level, ID: id, Text: title})
		}
	case *gast.Paragraph, *gast.TextBlock, *gast.ThematicBreak:
		if entering {
			w.sep()
		}
	case *gast.FencedCodeBlock, *gast.CodeBlock:
		if entering {
			w.sep()
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				w.plain = append(w.plain, seg.Value(w.src)...)
			}
		}
		return gast.WalkSkipChildren, nil
	case *gast.HTMLBlock:
		if entering {
			if w.isMore(n.Lines()) {
				w.markMore(n)
			} else if !w.unsafe && n.Lines().Len() > 0 {
				w.drop(n.Lines())
			}
		}
		return gast.WalkSkipChildren, nil
	case *gast.RawHTML:
		if entering {
			switch {
			case w.isMore(n.Segments):
				w.markMore(n)
			case w.unsafe || n.Segments.Len() == 0:
			case n.Segments.Len() == 1 && bareTagRe.Match(segValue(n.Segments, w.src)):
				tag := bareTag(segValue(n.Segments, w.src))
				w.kept = append(w.kept, keptTag{n, tag})
				if tag == "<br>" {
					w.plain = append(w.plain, '\n')
				}
			default:
				w.drop(n.Segments)
			}
		}
		return gast.WalkSkipChildren, nil
	case *gast.AutoLink:
		if entering {
			url := n.URL(w.src)
			dest := string(url)
			// The renderer writes these prefixes into the href; record the
			// link as it will be followed, so "www.x.cn" is not mistaken
			// for a relative path.
			if n.AutoLinkType == gast.AutoLinkEmail && !hasPrefixFold(dest, "mailto:") {
				dest = "mailto:" + dest
			}
			w.links = append(w.links, content.Link{Dest: dest, Line: w.line(n)})
			w.plain = append(w.plain, n.Label(w.src)...)
		}
		return gast.WalkSkipChildren, nil
	case *gast.Link:
		if entering {
			n.Destination = w.link(n, n.Destination, false)
		}
	case *gast.Image:
		if entering {
			n.Destination = w.link(n, n.Destination, true)
		}
		// Alt text describes the picture; it is not part of the prose.
		return gast.WalkSkipChildren, nil
	case *extast.TableCell:
		if entering {
			if n.PreviousSibling() != nil {
				w.plain = append(w.plain, '\t')
			} else {
				w.sep()
			}
		}
	case *extast.TaskCheckBox, *extast.FootnoteLink, *extast.FootnoteBacklink:
		return gast.WalkSkipChildren, nil
	}
	return gast.WalkContinue, nil
}

// sep starts a new line of plain text unless one was just started.
func (w *walker) sep() {
	if len(w.plain) > 0 && w.plain[len(w.plain)-1] != '\n' {
		w.plain = append(w.plain, '\n')
	}
}

var escapedSpace = []byte(`\ `)

func (w *walker) text(n *gast.Text) {
	v := n.Value(w.src)
	switch {
	case n.IsRaw():
		w.plain = append(w.plain, v...)
	case bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0:
		u := bytes.ReplaceAll(v, escapedSpace, nil)
		u = util.UnescapePunctuations(u)
		u = util.ResolveNumericReferences(u)
		u = util.ResolveEntityNames(u)
		w.plain = append(w.plain, u...)
	default:
		w.plain = append(w.plain, v...)
	}
	switch {
	case n.HardLineBreak():
		w.plain = append(w.plain, '\n')
	case n.SoftLineBreak():
		var last rune = -1
		if len(v) > 0 {
			last, _ = utf8.DecodeLastRune(v)
		}
		if joinsWithoutSpace(last, firstRuneAfter(n, w.src)) {
			n.SetSoftLineBreak(false)
		} else {
			w.plain = append(w.plain, ' ')
		}
	}
}

// joinsWithoutSpace reports whether a soft line break between a and b is
// dropped. Chinese (and Japanese) text has no spaces, so a line break
// between two of its characters must not become one; Korean separates
// words with spaces and keeps it. Curly quotes, dashes and the ellipsis are
// "ambiguous width" (they serve Latin text too), so they join only when the
// other side is a Chinese character.
func joinsWithoutSpace(a, b rune) bool {
	za, zb := isHan(a), isHan(b)
	return za && (zb || isAmbiguousPunct(b)) || zb && isAmbiguousPunct(a)
}

func isHan(r rune) bool { return r >= 0 && isCJK(r) && !unicode.Is(unicode.Hangul, r) }

func isAmbiguousPunct(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '—', '…', '·', '–':
		return true
	}
	return false
}

// firstRuneAfter returns the first character rendered after the text node n
// within its paragraph, or -1 when that is not plain text (an image, raw
// HTML), in which case the line break is kept.
func firstRuneAfter(n gast.Node, src []byte) rune {
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		if r, found := firstRuneIn(s, src, 0); found {
			return r
		}
	}
	return -1
}

func firstRuneIn(n gast.Node, src []byte, depth int) (rune, bool) {
	if depth > 32 {
		return -1, true
	}
	switch n := n.(type) {
	case *gast.Text:
		v := n.Value(src)
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(v)
		return r, true
	case *gast.String:
		if len(n.Value) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(n.Value)
		return r, true
	case *gast.Emphasis, *gast.Link, *gast.CodeSpan, *extast.Strikethrough:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if r, found := firstRuneIn(c, src, depth+1); found {
				return r, true
			}
		}
		return 0, false
	}
	return -1, true
}

// link records a link or image destination and returns the destination to
// render, rewritten by the resolver when it knows one.
func (w *walker) link(n gast.Node, dest []byte, image bool) []byte {
	d := string(dest)
	w.links = append(w.links, content.Link{Dest: d, Image: image, Line: w.line(n)})
	if w.resolve == nil {
		return dest
	}
	nd, ok := w.resolve(d)
	if !ok {
		return dest
	}
	if i := strings.IndexByte(d, '#'); i >= 0 && !strings.Contains(nd, "#") {
		nd += d[i:]
	}
	return []byte(nd)
}

// line is the file line of a node: from its own position when the parser
// recorded one, else from the first line of its nearest block.
func (w *walker) line(n gast.Node) int {
	pos := -1
	for p := n; p != nil && pos < 0; p = p.Parent() {
		if p.Pos() >= 0 {
			pos = p.Pos()
		} else if p.Type() == gast.TypeBlock && p.Lines().Len() > 0 {
			pos = p.Lines().At(0).Start
		}
	}
	if pos < 0 {
		return w.firstLine
	}
	return w.lineAt(pos)
}

// lineAt is the file line of byte pos of the body.
func (w *walker) lineAt(pos int) int {
	pos = min(pos, len(w.src))
	if pos < w.linePos {
		w.linePos, w.lineNo = 0, 0
	}
	w.lineNo += bytes.Count(w.src[w.linePos:pos], []byte{'\n'})
	w.linePos = pos
	return w.firstLine + w.lineNo
}

// bareTagRe is the raw HTML kept without unsafe_html: tags without
// attributes that cannot load or run anything.
var bareTagRe = regexp.MustCompile(`(?i)^<(?:br\s*/?|/?(?:sup|sub))>$`)

// keptTag is raw HTML written as its bare tag.
type keptTag struct {
	node gast.Node
	tag  string
}

func bareTag(v []byte) string {
	t := strings.ToLower(string(v))
	if strings.HasPrefix(t, "<br") {
		return "<br>"
	}
	return t
}

// drop records raw HTML that the page leaves out: its first line, cut at
// its first tag's end or 60 bytes. A comment (<!-- review:ignore -->) is
// meant not to show, and a closing tag goes with its opening one.
func (w *walker) drop(segs *text.Segments) {
	seg := segs.At(0)
	v := bytes.TrimSpace(seg.Value(w.src))
	if bytes.HasPrefix(v, []byte("<!--")) || bytes.HasPrefix(v, []byte("</")) {
		return
	}
	if i := bytes.IndexByte(v, '>'); i >= 0 {
		v = v[:i+1]
	}
	tag := string(v)
	if len(tag) > 60 {
		cut := 60
		for cut > 0 && !utf8.RuneStart(tag[cut]) {
			cut--
		}
		tag = tag[:cut] + "…"
	}
	w.dropped = append(w.dropped, content.RawHTML{Tag: tag, Line: w.lineAt(seg.Start)})
}

// isMore reports whether raw HTML is the summary marker <!--more-->
// (spaces inside the comment and letter case do not matter).
func (w *walker) isMore(segs *text.Segments) bool {
	var v []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		v = append(v, seg.Value(w.src)...)
	}
	s := strings.TrimSpace(string(v))
	if !strings.HasPrefix(s, "<!--") || !strings.HasSuffix(s, "-->") || len(s) < 7 {
		return false
	}
	return strings.EqualFold(strings.TrimSpace(s[4:len(s)-3]), "more")
}

// markMore notes where the summary ends and removes the marker, which is
// not content: it must not reach the HTML even when raw HTML is allowed.
func (w *walker) markMore(n gast.Node) {
	if w.moreAt < 0 {
		w.moreAt = len(w.plain)
	}
	w.remove = append(w.remove, n)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func segValue(segs *text.Segments, src []byte) []byte {
	seg := segs.At(0)
	return seg.Value(src)
}
