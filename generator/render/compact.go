package render

import (
	"bytes"
	"html/template"
	"text/template/parse"
)

// Layouts are compacted once, when they are parsed, instead of minifying
// every page they make: at 10,000 pages, minifying the output took 1.4 s of
// CPU to save 3.7% of its bytes, nearly all of them the layouts' own
// indentation and line breaks, which were the same on every page.
//
// compactTemplates rewrites the text between the actions of every template
// in ts. Only the text changes, never the positions of the nodes, so a
// template error still names the line of the layout as written. The rules
// are those of an HTML minifier, kept to what is safe without knowing what
// an action will print:
//   - whitespace that a browser does not render is dropped: after a block
//     tag (div, li, p, …), before one, and after a space already kept, even
//     across inline tags ("<li>\n  <a>" → "<li><a>");
//   - any other run of whitespace becomes one character, a line break if it
//     held one (so the output stays readable and inline JavaScript keeps
//     its line ends), else a space;
//   - inside a tag, runs between attributes become one space; attribute
//     values are left as they are;
//   - the content of script, style, pre and textarea is left as it is;
//   - whitespace next to an action is kept (as one character): what the
//     action prints is not known.
//
// html/template checks the result as it would the original, at first use.
func compactTemplates(ts []*template.Template) {
	for _, t := range ts {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		c := compactor{}
		c.list(t.Tree.Root)
	}
}

// A compactor walks one template's nodes in the order they are written,
// tracking where in the HTML it is across actions.
type compactor struct {
	mode    htmlMode
	tagName []byte // the tag being read (lower case), "/" first if a closing tag
	inName  bool   // still reading tagName
	raw     string // in modeRaw: the element whose end tag ends it
	omit    bool   // the next whitespace in text is not rendered
}

type htmlMode int

const (
	modeText    htmlMode = iota
	modeTag              // between < and >
	modeAttrDQ           // in a "…" attribute value
	modeAttrSQ           // in a '…' attribute value
	modeRaw              // in script, style, pre or textarea
	modeComment          // in <!-- … -->
)

func (c *compactor) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n)
	}
}

func (c *compactor) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode:
		n.Text = c.text(n.Text)
	case *parse.IfNode:
		c.branch(&n.BranchNode)
	case *parse.RangeNode:
		c.branch(&n.BranchNode)
	case *parse.WithNode:
		c.branch(&n.BranchNode)
	case *parse.ListNode:
		c.list(n)
	default:
		// An action or a template call in text prints something unknown;
		// inside a tag it prints no text.
		c.printed()
	}
}

// branch walks both arms from the same place. html/template requires them
// to end in the same HTML context, so the state after the first arm holds
// after the node.
func (c *compactor) branch(b *parse.BranchNode) {
	c.printed()
	start := *c
	start.tagName = append([]byte(nil), c.tagName...)
	c.list(b.List)
	end := *c
	if b.ElseList != nil {
		*c = start
		c.list(b.ElseList)
		*c = end
	}
	c.printed()
}

// printed notes that an action may have printed text here.
func (c *compactor) printed() {
	if c.mode == modeText {
		c.omit = false
	}
}

// text compacts one text node. Its start and end are next to an action.
func (c *compactor) text(s []byte) []byte {
	out := make([]byte, 0, len(s))
	i := 0
	for i < len(s) {
		ch := s[i]
		switch c.mode {
		case modeText:
			if isSpace(ch) {
				j := spaceEnd(s, i)
				if keep := c.spaceInText(s, i, j); keep != 0 {
					out = append(out, keep)
					c.omit = true
				}
				i = j
				continue
			}
			if ch == '<' {
				switch {
				case bytes.HasPrefix(s[i:], []byte("<!--")):
					c.mode = modeComment
				case i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!'):
					c.mode, c.tagName, c.inName = modeTag, c.tagName[:0], true
					out = append(out, ch)
					i++
					continue
				}
			}
			if c.mode == modeText {
				c.omit = false
			}
			out = append(out, ch)
			i++
		case modeTag:
			switch {
			case isSpace(ch):
				j := spaceEnd(s, i)
				c.inName = false
				// No space before the tag's end.
				if j < len(s) && (s[j] == '>' || s[j] == '/' && j+1 < len(s) && s[j+1] == '>') {
					i = j
					continue
				}
				out = append(out, ' ')
				i = j
				continue
			case ch == '>':
				c.endTag()
			case ch == '"':
				c.mode, c.inName = modeAttrDQ, false
			case ch == '\'':
				c.mode, c.inName = modeAttrSQ, false
			case c.inName && (ch != '/' || len(c.tagName) == 0):
				c.tagName = append(c.tagName, lower(ch))
			default:
				c.inName = false
			}
			out = append(out, ch)
			i++
		case modeAttrDQ, modeAttrSQ:
			if ch == '"' && c.mode == modeAttrDQ || ch == '\'' && c.mode == modeAttrSQ {
				c.mode = modeTag
			}
			out = append(out, ch)
			i++
		case modeRaw:
			end := indexEndTag(s[i:], c.raw)
			if end < 0 {
				return append(out, s[i:]...)
			}
			out = append(out, s[i:i+end]...)
			i += end
			c.mode = modeText
		case modeComment:
			end := bytes.Index(s[i:], []byte("-->"))
			if end < 0 {
				return append(out, s[i:]...)
			}
			out = append(out, s[i:i+end+3]...)
			i += end + 3
			c.mode = modeText
		}
	}
	return out
}

// spaceInText decides what a run of whitespace s[i:j] in text becomes: 0
// (nothing), '\n' or ' '.
func (c *compactor) spaceInText(s []byte, i, j int) byte {
	if c.omit {
		return 0
	}
	// Before a block tag, even past inline end tags ("a\n</span></div>"),
	// the space ends a line and is not rendered.
	for k := j; k < len(s) && s[k] == '<'; {
		name := tagAt(s[k:])
		if name == "" {
			break
		}
		if traitsOf(name)&traitBlock != 0 {
			return 0
		}
		gt := bytes.IndexByte(s[k:], '>')
		if s[k+1] != '/' || traitsOf(name)&traitObject != 0 || gt < 0 {
			break
		}
		k = spaceEnd(s, k+gt+1)
	}
	if bytes.IndexByte(s[i:j], '\n') >= 0 {
		return '\n'
	}
	return ' '
}

// endTag runs at a tag's '>'.
func (c *compactor) endTag() {
	c.mode = modeText
	name := string(c.tagName)
	closing := len(name) > 0 && name[0] == '/'
	if closing {
		name = name[1:]
	}
	tr := traitsOf(name)
	switch {
	case tr&traitBlock != 0:
		c.omit = true
	case tr&traitObject != 0:
		c.omit = false
	}
	if !closing && tr&traitRaw != 0 {
		c.mode, c.raw = modeRaw, name
	}
}

type tagTraits uint8

const (
	traitBlock  tagTraits = 1 << iota // spaces around it are not rendered
	traitObject                       // a space after it is
	traitRaw                          // its content is not HTML text
)

// tagTraits follow tdewolff/minify's HTML table, which the output was
// minified with before layouts were compacted.
var tagTraitsOf = map[string]tagTraits{
	"!doctype": traitBlock, "address": traitBlock, "article": traitBlock, "aside": traitBlock,
	"blockquote": traitBlock, "body": traitBlock, "br": traitBlock, "caption": traitBlock,
	"col": traitBlock, "colgroup": traitBlock, "dd": traitBlock, "details": traitBlock,
	"div": traitBlock, "dl": traitBlock, "dt": traitBlock, "fieldset": traitBlock,
	"figcaption": traitBlock, "figure": traitBlock, "footer": traitBlock, "form": traitBlock,
	"h1": traitBlock, "h2": traitBlock, "h3": traitBlock, "h4": traitBlock, "h5": traitBlock,
	"h6": traitBlock, "head": traitBlock, "header": traitBlock, "hgroup": traitBlock,
	"hr": traitBlock, "html": traitBlock, "legend": traitBlock, "li": traitBlock,
	"link": traitBlock, "main": traitBlock, "meta": traitBlock, "nav": traitBlock,
	"noscript": traitBlock, "ol": traitBlock, "option": traitBlock, "p": traitBlock,
	"section": traitBlock, "summary": traitBlock, "table": traitBlock, "tbody": traitBlock,
	"td": traitBlock, "tfoot": traitBlock, "th": traitBlock, "thead": traitBlock,
	"title": traitBlock | traitRaw, "tr": traitBlock, "ul": traitBlock, "base": traitBlock,
	"script": traitBlock | traitRaw, "style": traitBlock | traitRaw,
	"pre": traitBlock | traitRaw, "textarea": traitObject | traitRaw,
	"button": traitObject, "img": traitObject, "input": traitObject, "select": traitObject,
	"iframe": traitObject, "video": traitObject, "audio": traitObject, "canvas": traitObject,
	"svg": traitObject, "object": traitObject, "embed": traitObject, "picture": traitObject,
}

func traitsOf(name string) tagTraits { return tagTraitsOf[name] }

// tagAt reads the name of the tag s starts with ("<div" → "div", "</li" →
// "li"), "" if s does not start a tag.
func tagAt(s []byte) string {
	if len(s) < 2 || s[0] != '<' {
		return ""
	}
	i := 1
	if s[1] == '/' {
		i = 2
	}
	j := i
	for j < len(s) && (isLetter(s[j]) || j > i && (s[j] >= '0' && s[j] <= '9' || s[j] == '!') || j == i && s[j] == '!') {
		j++
	}
	if j == i {
		return ""
	}
	return string(bytes.ToLower(s[i:j]))
}

// indexEndTag finds "</name" (any case) in s.
func indexEndTag(s []byte, name string) int {
	for i := 0; i+2+len(name) <= len(s); i++ {
		if s[i] == '<' && s[i+1] == '/' && bytes.EqualFold(s[i+2:i+2+len(name)], []byte(name)) {
			return i
		}
	}
	return -1
}

// spaceEnd returns where the run of whitespace at s[i:] ends.
func spaceEnd(s []byte, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
