package gallery

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sanitize makes an SVG from content/ or static/ safe to publish: it drops
// scripts, foreign HTML, event handlers, javascript: and other non-local
// links, and every reference to a resource outside the file, while keeping
// what draws (paths, shapes, gradients, text, internal #id references).
//
// It works on tokens, not text: a regexp over markup can always be fooled
// by one more encoding trick, while the tokenizer sees what a browser sees.
// Anything the tokenizer refuses is an error (the logo is then "unreadable")
// rather than passed through.
func Sanitize(svg []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	// Illustrator exports declare entities in the DOCTYPE (&ns_svg;) and
	// some editors write HTML entities (&nbsp;); resolve both, so a real
	// logo is not rejected. encoding/xml never expands entities
	// recursively, so a "billion laughs" cannot blow up here.
	d.Entity = map[string]string{}
	for k, v := range xml.HTMLEntity {
		d.Entity[k] = v
	}

	var out bytes.Buffer
	var stack []string // raw names of the open elements we kept
	skip := 0          // >0 while inside a dropped element
	var pending *xml.StartElement
	rootDone := false

	flush := func(selfClose bool) {
		if pending == nil {
			return
		}
		out.WriteByte('<')
		out.WriteString(rawName(pending.Name))
		for _, a := range pending.Attr {
			out.WriteByte(' ')
			out.WriteString(rawName(a.Name))
			out.WriteString(`="`)
			escapeAttr(&out, a.Value)
			out.WriteByte('"')
		}
		if selfClose {
			out.WriteString("/>")
		} else {
			out.WriteByte('>')
		}
		pending = nil
	}

	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if rootDone {
				return nil, errors.New("svg: content after the root element")
			}
			if len(stack) == 0 && !strings.EqualFold(t.Name.Local, "svg") {
				return nil, fmt.Errorf("svg: root element is <%s>, not <svg>", rawName(t.Name))
			}
			// A dropped child writes nothing, so the parent may still close
			// as <a/>: flush only for a kept child, or the output would not
			// be a fixed point of Sanitize.
			if dropElement(t) {
				skip = 1
				continue
			}
			flush(false)
			t = t.Copy()
			t.Attr = cleanAttrs(t.Attr)
			pending = &t
			stack = append(stack, rawName(t.Name))
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			// RawToken does not match end tags to start tags; do it here,
			// or a malformed input would give a malformed output.
			if len(stack) == 0 || stack[len(stack)-1] != rawName(t.Name) {
				return nil, fmt.Errorf("svg: unexpected </%s>", rawName(t.Name))
			}
			if pending != nil {
				flush(true)
			} else {
				out.WriteString("</")
				out.WriteString(rawName(t.Name))
				out.WriteByte('>')
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				rootDone = true
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			text := string(t)
			if strings.EqualFold(localOf(stack[len(stack)-1]), "style") {
				text = cleanCSS(text)
			}
			// Empty text (an empty CDATA section, a style sheet cleaned
			// away) must not keep a parent from closing as <style/>.
			if text == "" {
				continue
			}
			flush(false)
			escapeText(&out, text)
		case xml.Directive:
			// <!DOCTYPE …>: keep its simple entity definitions for the
			// decoder, drop it from the output (an external DTD is an
			// external resource).
			if skip == 0 {
				for _, m := range entityRe.FindAllSubmatch(t, -1) {
					d.Entity[string(m[1])] = string(m[3])
				}
			}
		case xml.Comment, xml.ProcInst:
			// Comments can hide conditional markup for old browsers;
			// processing instructions include <?xml-stylesheet href=…?>.
			// The XML declaration goes too: the output is always UTF-8.
		}
	}
	if len(stack) > 0 || skip > 0 {
		return nil, errors.New("svg: unexpected end of file")
	}
	if !rootDone {
		return nil, errors.New("svg: no <svg> element")
	}
	return out.Bytes(), nil
}

var entityRe = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])([^"'&%<]*)(["'])\s*>`)

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func localOf(raw string) string {
	if i := strings.LastIndexByte(raw, ':'); i >= 0 {
		return raw[i+1:]
	}
	return raw
}

// Elements dropped with their whole content: they run script, embed HTML or
// other documents, or are not drawing at all.
var droppedElements = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true,
	"object": true, "audio": true, "video": true, "handler": true,
	"listener": true, "frame": true, "frameset": true, "applet": true,
	"base": true, "meta": true, "link": true, "template": true,
}

// Animation elements can set any attribute later, e.g. href to javascript:.
var animationElements = map[string]bool{"set": true, "animate": true, "animatetransform": true, "animatemotion": true, "animatecolor": true}

func dropElement(t xml.StartElement) bool {
	local := strings.ToLower(t.Name.Local)
	if droppedElements[local] {
		return true
	}
	if animationElements[local] {
		for _, a := range t.Attr {
			if strings.EqualFold(a.Name.Local, "attributeName") {
				v := strings.ToLower(strings.TrimSpace(a.Value))
				v = v[strings.LastIndexByte(v, ':')+1:]
				if v == "href" || v == "src" || v == "style" || strings.HasPrefix(v, "on") {
					return true
				}
			}
		}
	}
	// <use>, <image> and <feImage> draw what their href points at: when
	// that is outside this file, the element has nothing safe to draw.
	if local == "use" || local == "image" || local == "feimage" {
		for _, a := range t.Attr {
			if strings.EqualFold(a.Name.Local, "href") && !safeRef(a.Value, local != "use") {
				return true
			}
		}
	}
	return false
}

func cleanAttrs(attrs []xml.Attr) []xml.Attr {
	out := attrs[:0]
	seen := map[string]bool{}
	for _, a := range attrs {
		name := rawName(a.Name)
		local := strings.ToLower(a.Name.Local)
		// A repeated attribute makes the file ill-formed for browsers,
		// though encoding/xml lets it pass.
		if seen[name] {
			continue
		}
		switch {
		case strings.HasPrefix(local, "on"):
			continue
		case scriptURL(a.Value):
			// Any attribute that could become a URL later (animation
			// values, styles, unknown ones a future browser may honour).
			continue
		case local == "href" || local == "src" || local == "action" || local == "formaction":
			if !safeRef(a.Value, true) {
				continue
			}
		case local == "base" && a.Name.Space == "xml":
			// xml:base would re-point every relative reference.
			continue
		case local == "style":
			a.Value = cleanCSS(a.Value)
			// Decoding CSS escapes can spell a scheme the check above
			// could not see.
			if scriptURL(a.Value) {
				continue
			}
		default:
			if strings.Contains(strings.ToLower(a.Value), "url(") {
				a.Value = cleanCSS(a.Value)
				if scriptURL(a.Value) {
					continue
				}
			}
		}
		seen[name] = true
		out = append(out, a)
	}
	return out
}

// safeRef accepts a link into this document (#id) and, where images are
// allowed, an embedded raster image. Everything else — javascript:, data:
// HTML or SVG, http(s):, protocol-relative //, relative paths — leaves the
// file or runs code.
func safeRef(v string, allowDataImage bool) bool {
	s := compact(v)
	if strings.HasPrefix(s, "#") {
		return true
	}
	if allowDataImage {
		for _, p := range []string{"data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"} {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
	}
	return false
}

// scriptURL reports a javascript: (or similar) URL anywhere in a value, as
// a browser would read it: with the tabs and newlines inside it ignored.
func scriptURL(v string) bool {
	c := compact(v)
	return strings.Contains(c, "javascript:") || strings.Contains(c, "vbscript:") || strings.Contains(c, "livescript:")
}

// compact lowercases a URL and removes the whitespace and control
// characters browsers ignore inside a scheme ("java\tscript:").
func compact(v string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToLower(v))
}

var (
	cssCommentRe = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssImportRe  = regexp.MustCompile(`(?i)@import[^;]*(;|$)`)
	// CSS closes an unterminated url( at the end of the sheet, so must we.
	cssURLRe = regexp.MustCompile(`(?i)url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*(\)|$)`)
	// Other ways CSS loads a resource or runs code: image-set() and
	// friends take bare strings as URLs.
	cssBadRe = regexp.MustCompile(`(?i)((expression|image-set|image|cross-fade|element|src)\s*\(|(javascript|vbscript|livescript|-moz-binding|behavior)\s*:)`)
)

// cleanCSS removes @import and every url() that does not point inside the
// document. CSS escapes (u\72 l) and comments could hide a url( from a
// pattern, so comments are removed and escapes decoded first. (Chinese
// exports escape font names: \5FAE\8F6F\96C5\9ED1 is 微软雅黑, which is
// why escapes are decoded, not dropped.)
// Each removal can join what is left into a new match, so the passes repeat
// until nothing changes.
func cleanCSS(css string) string {
	for i := 0; i < 16; i++ {
		next := cleanCSSOnce(css)
		if next == css {
			return css
		}
		css = next
	}
	// Something keeps rewriting itself: no drawing CSS does that.
	return ""
}

func cleanCSSOnce(css string) string {
	css = cssCommentRe.ReplaceAllString(css, "")
	// An unclosed comment hides the rest of the sheet from a browser but
	// not from the patterns below; cut it.
	if i := strings.Index(css, "/*"); i >= 0 {
		css = css[:i]
	}
	css = unescapeCSS(css)
	css = cssBadRe.ReplaceAllString(css, "")
	css = cssImportRe.ReplaceAllString(css, "")
	css = cssURLRe.ReplaceAllStringFunc(css, func(m string) string {
		arg := cssURLRe.FindStringSubmatch(m)[1]
		arg = strings.Trim(strings.TrimSpace(arg), `"'`)
		if safeRef(arg, true) {
			return m
		}
		return "none"
	})
	return css
}

var cssEscapeRe = regexp.MustCompile(`\\([0-9a-fA-F]{1,6}[ \t\n\r\f]?|[^0-9a-fA-F\n\r\f]|$)`)

func unescapeCSS(css string) string {
	return cssEscapeRe.ReplaceAllStringFunc(css, func(m string) string {
		body := m[1:]
		if body == "" {
			return ""
		}
		if n, err := strconv.ParseUint(strings.TrimRight(body, " \t\n\r\f"), 16, 32); err == nil && isHex(body[0]) {
			if r := rune(n); isXMLChar(r) {
				return string(r)
			}
			return ""
		}
		return body
	})
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isXMLChar is the XML 1.0 Char production: what may appear in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func escapeText(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			if isXMLChar(r) {
				b.WriteRune(r)
			}
		}
	}
}

func escapeAttr(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		case '\t':
			b.WriteString("&#x9;")
		default:
			if isXMLChar(r) {
				b.WriteRune(r)
			}
		}
	}
}
