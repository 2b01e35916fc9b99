package gallery

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of what Sanitize reads. A logo is a drawing of a few kilobytes;
// these are far above any real one and keep an attacker's file to a small
// multiple of its size in memory and time.
const (
	// MaxSVGBytes is the largest SVG published (logo or static file).
	MaxSVGBytes = 2 << 20
	// maxSVGDepth is the deepest nesting of elements.
	maxSVGDepth = 256
	// maxSVGElements is the most elements (kept or dropped) in one file.
	maxSVGElements = 200_000
)

// maxSVGOutput is the most Sanitize writes for an input of n bytes: the
// output re-escapes what the input wrote shorter (' " ' in a '…' attribute
// becomes &#34;), so it may grow, but only by a small factor.
func maxSVGOutput(n int) int { return 4*n + 64<<10 }

// SVGError says why an SVG cannot be published. Line is the line of the
// SVG file it concerns (0 when it is about the whole file).
type SVGError struct {
	Kind   SVGErrorKind
	Line   int
	Limit  int    // the limit exceeded (bytes, levels or elements)
	Size   int    // the file's size, for SVGTooLarge
	Detail string // the XML parser's words, or the root element's name
	W, H   int    // an embedded raster's size, for SVGBigImage
}

// SVGErrorKind is a reason for SVGError.
type SVGErrorKind int

const (
	SVGSyntax   SVGErrorKind = iota // not well-formed XML
	SVGNotSVG                       // the root is not <svg>
	SVGTooLarge                     // the file is over MaxSVGBytes
	SVGDoctype                      // a DOCTYPE with an internal subset (entity definitions)
	SVGTooDeep                      // nesting over maxSVGDepth
	SVGTooMany                      // over maxSVGElements elements
	SVGExpands                      // the output would exceed maxSVGOutput
	SVGBigImage                     // an embedded raster over the raster logo limits (W, H)
	SVGImages                       // the embedded rasters together over MaxPixels
	SVGBadImage                     // an embedded raster whose header cannot be read
)

func (e *SVGError) Error() string {
	switch e.Kind {
	case SVGNotSVG:
		return "svg: root element is <" + e.Detail + ">, not <svg>"
	case SVGTooLarge:
		return fmt.Sprintf("svg: larger than %d bytes", e.Limit)
	case SVGDoctype:
		return fmt.Sprintf("svg: line %d: DOCTYPE internal subset (entity definitions) refused", e.Line)
	case SVGTooDeep:
		return fmt.Sprintf("svg: line %d: nested deeper than %d elements", e.Line, e.Limit)
	case SVGTooMany:
		return fmt.Sprintf("svg: more than %d elements", e.Limit)
	case SVGExpands:
		return fmt.Sprintf("svg: output over %d bytes", e.Limit)
	case SVGBigImage:
		return fmt.Sprintf("svg: line %d: embedded image of %d×%d over the raster limits", e.Line, e.W, e.H)
	case SVGImages:
		return fmt.Sprintf("svg: line %d: embedded images over %d pixels in all", e.Line, e.Limit)
	case SVGBadImage:
		return fmt.Sprintf("svg: line %d: embedded image cannot be read: %s", e.Line, e.Detail)
	}
	return fmt.Sprintf("svg: line %d: %s", e.Line, e.Detail)
}

// Namespaces an SVG may use. Everything is written in the SVG namespace
// (unprefixed) with xlink: and xml: attributes.
const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

// Sanitize makes an SVG from content/ or static/ safe to publish. It keeps
// only elements of the SVG namespace named in allowedElements and
// attributes named in allowedAttrs, and of those only references into the
// file itself (#id) or to an embedded raster image: no scripts, no foreign
// HTML (<h:img srcset> in the XHTML namespace is dropped with its
// content), no event handlers, no @import or url() that leaves the file.
//
// It works on tokens, not text: a regexp over markup can always be fooled
// by one more encoding trick, while the tokenizer sees what a browser sees.
// The text of a <style> is checked as the browser reads it, after joining
// the pieces that comments and CDATA sections split. Anything the
// tokenizer refuses is an error (an *SVGError) rather than passed through.
//
// The decoder's work is bounded: a file over MaxSVGBytes, a DOCTYPE with an
// internal subset (entity definitions, which a "billion laughs" or one
// large entity referenced many times uses to blow up), too deep a nesting
// or too many elements are refused before they cost more than a small
// multiple of the file's size.
func Sanitize(svg []byte) ([]byte, error) {
	if len(svg) > MaxSVGBytes {
		return nil, &SVGError{Kind: SVGTooLarge, Limit: MaxSVGBytes, Size: len(svg)}
	}
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	// Some editors write HTML entities (&nbsp;): resolve them, so a real
	// logo is not rejected. None expands to more than a few bytes.
	d.Entity = map[string]string{}
	for k, v := range xml.HTMLEntity {
		d.Entity[k] = v
	}
	maxOut := maxSVGOutput(len(svg))

	var out bytes.Buffer
	var stack []string // local names of the open elements we kept
	var scopes []nsScope
	skip := 0     // >0 while inside a dropped element
	elements := 0 // all start tags seen
	var pending *xml.StartElement
	var style *strings.Builder // the text of the <style> being read
	rootDone := false
	var rasterPixels int64 // of the embedded images so far

	flush := func(selfClose bool) {
		if pending == nil {
			return
		}
		out.WriteByte('<')
		out.WriteString(pending.Name.Local)
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
		line, _ := d.InputPos()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &SVGError{Kind: SVGSyntax, Line: se.Line, Detail: se.Msg}
			}
			return nil, &SVGError{Kind: SVGSyntax, Line: line, Detail: err.Error()}
		}
		if out.Len() > maxOut {
			return nil, &SVGError{Kind: SVGExpands, Limit: maxOut}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements > maxSVGElements {
				return nil, &SVGError{Kind: SVGTooMany, Line: line, Limit: maxSVGElements}
			}
			if len(stack)+skip >= maxSVGDepth {
				return nil, &SVGError{Kind: SVGTooDeep, Line: line, Limit: maxSVGDepth}
			}
			if skip > 0 {
				skip++
				continue
			}
			if rootDone {
				return nil, &SVGError{Kind: SVGSyntax, Line: line, Detail: "content after the root element"}
			}
			var parent nsScope
			if len(scopes) > 0 {
				parent = scopes[len(scopes)-1]
			}
			scope := parent.with(t.Attr)
			ns, bound := scope.resolve(t.Name.Space)
			svgNS := bound && (ns == nsSVG || ns == "")
			if len(stack) == 0 && (!svgNS || t.Name.Local != "svg") {
				return nil, &SVGError{Kind: SVGNotSVG, Line: line, Detail: rawName(t.Name)}
			}
			// A dropped child writes nothing, so the parent may still close
			// as <a/>: flush only for a kept child, or the output would not
			// be a fixed point of Sanitize.
			if !svgNS || style != nil || dropElement(t) {
				skip = 1
				continue
			}
			flush(false)
			t = t.Copy()
			t.Attr = cleanAttrs(t.Name.Local, t.Attr, scope)
			if err := checkEmbedded(t.Attr, line, &rasterPixels); err != nil {
				return nil, err
			}
			if len(stack) == 0 {
				t.Attr = append([]xml.Attr{
					{Name: xml.Name{Local: "xmlns"}, Value: nsSVG},
					{Name: xml.Name{Space: "xmlns", Local: "xlink"}, Value: nsXLink},
				}, t.Attr...)
			}
			t.Name.Space = ""
			pending = &t
			stack = append(stack, t.Name.Local)
			scopes = append(scopes, scope)
			if t.Name.Local == "style" {
				style = &strings.Builder{}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			// RawToken does not match end tags to start tags; do it here,
			// or a malformed input would give a malformed output. (Only
			// the local names: prefixes are checked by what they bind.)
			if len(stack) == 0 || stack[len(stack)-1] != t.Name.Local {
				return nil, &SVGError{Kind: SVGSyntax, Line: line, Detail: "unexpected </" + rawName(t.Name) + ">"}
			}
			if style != nil {
				// The style sheet as the browser reads it: every piece of
				// text joined, comments and CDATA boundaries gone.
				if css := cleanCSS(style.String()); css != "" {
					flush(false)
					escapeText(&out, css)
				}
				style = nil
			}
			if pending != nil {
				flush(true)
			} else {
				out.WriteString("</")
				out.WriteString(t.Name.Local)
				out.WriteByte('>')
			}
			stack = stack[:len(stack)-1]
			scopes = scopes[:len(scopes)-1]
			if len(stack) == 0 {
				rootDone = true
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			if style != nil {
				style.Write(t)
				if style.Len() > maxOut {
					return nil, &SVGError{Kind: SVGExpands, Limit: maxOut}
				}
				continue
			}
			// Empty text (an empty CDATA section) must not keep a parent
			// from closing as <g/>.
			if len(t) == 0 {
				continue
			}
			flush(false)
			escapeText(&out, string(t))
		case xml.Directive:
			// <!DOCTYPE …>: dropped from the output (an external DTD is an
			// external resource). An internal subset is refused before
			// any element is read, except the namespace names Illustrator
			// writes there, which expand to a few bytes each.
			if bytes.IndexByte(t, '[') >= 0 || bytes.Contains(t, []byte("ENTITY")) {
				ents, ok := illustratorEntities(t)
				if !ok || len(stack) > 0 || skip > 0 {
					return nil, &SVGError{Kind: SVGDoctype, Line: line}
				}
				for k, v := range ents {
					d.Entity[k] = v
				}
			}
		case xml.Comment, xml.ProcInst:
			// Comments can hide conditional markup for old browsers;
			// processing instructions include <?xml-stylesheet href=…?>.
			// The XML declaration goes too: the output is always UTF-8.
		}
	}
	if len(stack) > 0 || skip > 0 {
		line, _ := d.InputPos()
		return nil, &SVGError{Kind: SVGSyntax, Line: line, Detail: "unexpected end of file"}
	}
	if !rootDone {
		return nil, &SVGError{Kind: SVGNotSVG, Detail: "(none)"}
	}
	if out.Len() > maxOut {
		return nil, &SVGError{Kind: SVGExpands, Limit: maxOut}
	}
	return out.Bytes(), nil
}

// illustratorEntities reads the internal subset Adobe Illustrator writes,
// <!ENTITY ns_svg "http://www.w3.org/2000/svg"> and the like: only entities
// named ns_… whose value is a namespace name of Adobe's or the W3C's. Any
// other declaration (a longer value, a parameter entity, an external one,
// an element or attribute list) is refused: ok is false.
func illustratorEntities(dir []byte) (map[string]string, bool) {
	s := string(dir)
	i, j := strings.IndexByte(s, '['), strings.LastIndexByte(s, ']')
	if !strings.HasPrefix(s, "DOCTYPE") || i < 0 || j < i {
		return nil, false
	}
	if strings.TrimSpace(s[j+1:]) != "" {
		return nil, false
	}
	subset := s[i+1 : j]
	ents := map[string]string{}
	for _, m := range illustratorEntityRe.FindAllStringSubmatchIndex(subset, -1) {
		name, value := subset[m[2]:m[3]], subset[m[4]:m[5]]
		if !knownNamespaces[value] && !adobeNamespaceRe.MatchString(value) {
			return nil, false
		}
		ents[name] = value
	}
	if strings.TrimSpace(illustratorEntityRe.ReplaceAllString(subset, "")) != "" {
		return nil, false
	}
	return ents, true
}

var (
	illustratorEntityRe = regexp.MustCompile(`<!ENTITY\s+(ns_[A-Za-z_]{1,20})\s+"([^"]{0,64})"\s*>`)
	adobeNamespaceRe    = regexp.MustCompile(`^http://ns\.adobe\.com/[A-Za-z]{1,40}/[0-9]{1,2}\.[0-9]{1,2}/$`)
	knownNamespaces     = map[string]bool{nsSVG: true, nsXLink: true}
)

// nsScope maps prefixes to namespace names for one element and its
// descendants; "" is the default namespace.
type nsScope map[string]string

// with returns the scope of an element with these attributes: the
// parent's, plus its own xmlns declarations.
func (s nsScope) with(attrs []xml.Attr) nsScope {
	var out nsScope
	for _, a := range attrs {
		var prefix string
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
		case a.Name.Space == "xmlns":
			prefix = a.Name.Local
		default:
			continue
		}
		if out == nil {
			out = make(nsScope, len(s)+1)
			for k, v := range s {
				out[k] = v
			}
		}
		out[prefix] = a.Value
	}
	if out == nil {
		return s
	}
	return out
}

// resolve gives the namespace a prefix stands for; bound is false for an
// undeclared prefix. With no default namespace declared, unprefixed names
// are taken as SVG's ("" is returned), which the output then declares.
func (s nsScope) resolve(prefix string) (ns string, bound bool) {
	switch prefix {
	case "xml":
		return nsXML, true
	case "xmlns":
		return "", false
	}
	ns, ok := s[prefix]
	if prefix == "" {
		return ns, true
	}
	return ns, ok && ns != ""
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// allowedElements are the SVG elements that draw, group, define paint or
// describe. Everything else is dropped with its content: script,
// foreignObject, iframe and every other HTML element, fonts, views,
// metadata of editors, whatever a future browser may add.
var allowedElements = setOf(
	"svg", "g", "defs", "desc", "title", "symbol", "use", "image", "switch", "a", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath",
	"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
	"feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
	"feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
	"animate", "animateTransform", "animateMotion", "mpath", "set",
)

// allowedAttrs are the attributes (of no namespace) kept: geometry,
// presentation, paint servers, filters, animation timing, accessibility.
// Event handlers, srcset, src, action, target, data-* and anything
// unknown are dropped.
var allowedAttrs = setOf(
	"id", "class", "style", "lang", "tabindex", "role", "aria-label", "aria-labelledby",
	"aria-describedby", "aria-hidden", "focusable", "systemLanguage",
	"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
	"width", "height", "d", "points", "pathLength", "transform", "viewBox",
	"preserveAspectRatio", "version", "baseProfile", "href",
	"gradientUnits", "gradientTransform", "spreadMethod", "offset",
	"patternUnits", "patternContentUnits", "patternTransform",
	"clipPathUnits", "maskUnits", "maskContentUnits", "clip-path", "clip-rule", "mask",
	"markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
	"marker-start", "marker-mid", "marker-end",
	"dx", "dy", "rotate", "textLength", "lengthAdjust", "text-anchor", "dominant-baseline",
	"alignment-baseline", "baseline-shift", "font", "font-family", "font-size", "font-style",
	"font-weight", "font-variant", "font-stretch", "font-size-adjust", "letter-spacing",
	"word-spacing", "text-decoration", "writing-mode", "direction", "unicode-bidi",
	"glyph-orientation-vertical", "glyph-orientation-horizontal", "kerning",
	"startOffset", "method", "spacing", "side",
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
	"stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
	"stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow",
	"stop-color", "stop-opacity", "color-interpolation", "color-interpolation-filters",
	"color-rendering", "shape-rendering", "text-rendering", "image-rendering", "paint-order",
	"vector-effect", "mix-blend-mode", "isolation", "enable-background", "flood-color",
	"flood-opacity", "lighting-color", "filter", "clip",
	"filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "edgeMode",
	"type", "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "mode",
	"operator", "k1", "k2", "k3", "k4", "kernelMatrix", "order", "divisor", "bias",
	"targetX", "targetY", "kernelUnitLength", "preserveAlpha", "surfaceScale",
	"diffuseConstant", "specularConstant", "specularExponent", "azimuth", "elevation",
	"pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "baseFrequency",
	"numOctaves", "seed", "stitchTiles", "scale", "xChannelSelector", "yChannelSelector",
	"radius",
	"attributeName", "attributeType", "begin", "dur", "end", "min", "max", "restart",
	"repeatCount", "repeatDur", "calcMode", "keyTimes", "keySplines", "from", "to", "by",
	"additive", "accumulate", "path", "keyPoints",
)

// allowedNSAttrs are the attributes kept from the xlink and xml namespaces.
var allowedNSAttrs = map[string]map[string]bool{
	nsXLink: setOf("href", "title"),
	nsXML:   setOf("space", "lang"),
}

// prefixOf is the prefix an allowed namespaced attribute is written with.
var prefixOf = map[string]string{nsXLink: "xlink", nsXML: "xml"}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Animation elements can set any attribute later: what they animate must
// be an attribute we would keep, and not one that is or makes a link.
var animationElements = setOf("set", "animate", "animateTransform", "animateMotion")

func dropElement(t xml.StartElement) bool {
	local := t.Name.Local
	if !allowedElements[local] {
		return true
	}
	if animationElements[local] {
		for _, a := range t.Attr {
			if a.Name.Local == "attributeName" && a.Name.Space == "" {
				v := strings.TrimSpace(a.Value)
				v = v[strings.LastIndexByte(v, ':')+1:]
				if !allowedAttrs[v] || v == "href" || v == "style" {
					return true
				}
			}
		}
	}
	// <use>, <image> and <feImage> draw what their href points at: when
	// that is outside this file, the element has nothing safe to draw.
	if local == "use" || local == "image" || local == "feImage" {
		for _, a := range t.Attr {
			if a.Name.Local == "href" && !safeRef(a.Value, local != "use") {
				return true
			}
		}
	}
	return false
}

// cleanAttrs keeps the allowed attributes of an element whose namespace
// scope is scope, with their values made safe. Namespaced ones are written
// with the usual prefix (xlink:href), whatever the input called it.
func cleanAttrs(element string, attrs []xml.Attr, scope nsScope) []xml.Attr {
	var out []xml.Attr
	seen := map[string]bool{}
	for _, a := range attrs {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue // declarations: the output declares what it uses
		}
		name := xml.Name{Local: a.Name.Local}
		if a.Name.Space != "" {
			ns, ok := scope.resolve(a.Name.Space)
			if !ok || !allowedNSAttrs[ns][a.Name.Local] {
				continue
			}
			name.Space = prefixOf[ns]
		} else if !allowedAttrs[a.Name.Local] {
			continue
		}
		// A repeated attribute makes the file ill-formed for browsers,
		// though encoding/xml lets it pass.
		if seen[rawName(name)] {
			continue
		}
		v, ok := cleanValue(element, name.Local, a.Value)
		if !ok {
			continue
		}
		seen[rawName(name)] = true
		out = append(out, xml.Attr{Name: name, Value: v})
	}
	return out
}

// cleanValue makes one attribute's value safe, or reports it must go.
// Every value is read as CSS would read it (presentation attributes are
// CSS; animation values become them): escapes decoded, comments gone.
func cleanValue(element, local, v string) (string, bool) {
	if local == "href" {
		// Only <image> and <feImage> may show an embedded picture; every
		// other link stays inside the file.
		return v, safeRef(v, element == "image" || element == "feImage")
	}
	if scriptURL(v) {
		// Any value that could become a URL later (animation values,
		// unknown ones a future browser may honour).
		return "", false
	}
	if strings.ContainsAny(v, `\/(@`) {
		v = cleanCSS(v)
		// Decoding CSS escapes can spell a scheme the check above could
		// not see.
		if scriptURL(v) {
			return "", false
		}
	}
	return v, true
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

// The patterns below allow control characters and spaces between the
// letters of a keyword ("@i", a line break, "mport"; "u r l("): a browser
// reads those as other tokens, but a sheet that spells a keyword apart has
// no drawing purpose, and what is cut must not depend on how a browser
// splits it.
var (
	cssCommentRe = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssImportRe  = regexp.MustCompile(`(?i)` + spacedOut("@import") + `[^;]*(;|$)`)
	// CSS closes an unterminated url( at the end of the sheet, so must we.
	cssURLRe = regexp.MustCompile(`(?i)` + spacedOut("url(") + `\s*("[^"]*"|'[^']*'|[^)]*)\s*(\)|$)`)
	// Other ways CSS loads a resource or runs code: image-set() and
	// friends take bare strings as URLs.
	cssBadRe = regexp.MustCompile(`(?i)((` + spacedOut("expression", "image-set", "image", "cross-fade", "element", "src") + `)\s*\(|(` +
		spacedOut("javascript", "vbscript", "livescript", "-moz-binding", "behavior") + `)\s*:)`)
)

// spacedOut is a pattern matching any of words with control characters or
// spaces between their letters.
func spacedOut(words ...string) string {
	var alts []string
	for _, w := range words {
		var b strings.Builder
		for i, r := range w {
			if i > 0 {
				b.WriteString(`[\x00-\x20\x7f]*`)
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		alts = append(alts, b.String())
	}
	return strings.Join(alts, "|")
}

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
		// A reference inside the document is a plain #name: anything that
		// would make the url( malformed (a bracket, a quote, a space, a
		// backslash) could hide another url( in it, so it goes too.
		if safeRef(arg, true) && !strings.ContainsAny(arg, "()\"' \t\n\r\f\\") {
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

// checkEmbedded refuses an embedded raster (a data: image cleanAttrs kept)
// that every reader's browser would have to decode at a size the build
// refuses for a raster logo: a few kilobytes of PNG can declare 30000×30000
// pixels, gigabytes on an old phone. The build never decodes it, so only
// its header is read. The images of one file share one MaxPixels, or a
// hundred small-enough ones would do the same. A header Go cannot read is
// refused too: browsers sniff the bytes, whatever the data: type says, so
// a BMP or AVIF under "image/png" would be decoded unchecked.
func checkEmbedded(attrs []xml.Attr, line int, total *int64) error {
	for _, a := range attrs {
		if a.Name.Local != "href" || !strings.HasPrefix(compact(a.Value), "data:") {
			continue
		}
		data, err := dataURLBytes(a.Value)
		if err != nil {
			return &SVGError{Kind: SVGBadImage, Line: line, Detail: err.Error()}
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return &SVGError{Kind: SVGBadImage, Line: line, Detail: err.Error()}
		}
		if checkSize(cfg.Width, cfg.Height) != nil {
			return &SVGError{Kind: SVGBigImage, Line: line, W: cfg.Width, H: cfg.Height}
		}
		*total += int64(cfg.Width) * int64(cfg.Height)
		if *total > MaxPixels {
			return &SVGError{Kind: SVGImages, Line: line, Limit: MaxPixels}
		}
	}
	return nil
}

// dataURLBytes is the payload of a data: URL as a browser reads it: after
// the first comma, base64 (whitespace ignored, padding optional) when the
// header says ;base64, else percent-encoded.
func dataURLBytes(v string) ([]byte, error) {
	head, payload, ok := strings.Cut(v, ",")
	if !ok {
		return nil, errors.New("no comma in the data: address")
	}
	if !strings.HasSuffix(compact(head), ";base64") {
		s, err := url.PathUnescape(payload)
		return []byte(s), err
	}
	payload = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, payload)
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
}
