package render

import (
	"bytes"
	"html"
	"path"
	"strings"
)

// Links turns the site-relative URLs that templates and Markdown write
// ("/brands/a/") into links relative to the page, ending in index.html where
// they name a folder ("../../brands/a/index.html"), whatever the base URL
// says: the same output then works from any host, any sub-folder and
// straight from disk (PORTAL.md). The one exception is 404.html, which a web
// server answers at any depth: its links are site-rooted, with the base
// URL's path ("/portal/css/main.css"). Doing it once over the finished HTML
// catches every link, the theme's and the officers' alike.
//
// The rewrite runs after html/template and goldmark have filtered URLs, so
// it checks its own output again: a rewritten URL never gains a scheme
// ("/javascript:x" seen from the root stays "./javascript:x"), and every
// href, src, action and srcset whose scheme is not http, https, mailto or
// tel is dropped (see SafeURL).
type Links struct {
	Base string // the site's path, starting and ending with "/"; used only by 404.html
}

// NotFoundURL is the page served at any depth, whose links are site-rooted.
const NotFoundURL = "/404.html"

// NewLinks reads a site's base URL for the path 404.html's links start with.
func NewLinks(baseURL string) Links {
	return Links{Base: BasePath(baseURL)}
}

// BasePath returns the path part of a base URL, starting and ending in "/".
func BasePath(baseURL string) string {
	p := strings.TrimSpace(baseURL)
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	// One leading "/": "//host/" would make 404.html's links leave the site.
	p = "/" + strings.TrimLeft(p, `/\`)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Rooted reports whether the page at pageURL gets site-rooted links.
func (l Links) Rooted(pageURL string) bool { return pageURL == NotFoundURL }

// Root is the link to the site root from the page at pageURL.
func (l Links) Root(pageURL string) string {
	if l.Rooted(pageURL) {
		return l.base()
	}
	depth := strings.Count(strings.TrimPrefix(dirOf(pageURL), "/"), "/")
	if depth == 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

func (l Links) base() string {
	if l.Base == "" {
		return "/"
	}
	return l.Base
}

// URL converts one site-relative URL (as the browser reads it: tabs and
// newlines removed) for the page at pageURL. Anything else (absolute,
// protocol-relative, fragment-only, relative) is returned as is.
func (l Links) URL(pageURL, link string) string {
	// A browser drops tabs and newlines inside a URL, so "\t/news/" is
	// site-rooted; a link left as it is keeps them, as removing one can
	// make an entity ("&#\t58" → "&#58") that an attribute decodes.
	u := stripTabNL(link)
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, `/\`) {
		return link
	}
	if l.Rooted(pageURL) {
		return l.base() + u[1:]
	}
	target, rest := u, ""
	if i := indexQueryOrFragment(u); i >= 0 {
		target, rest = u[:i], u[i:]
	}
	if strings.HasSuffix(target, "/") {
		target += "index.html"
	} else if path.Ext(target) == "" {
		target += "/index.html"
	}
	root := l.Root(pageURL)
	if root == "./" {
		root = ""
	}
	out := root + target[1:] + rest
	if root == "" && firstSegmentHasColon(out) {
		// "javascript:x/index.html" would be read as a scheme.
		out = "./" + out
	}
	return out
}

// firstSegmentHasColon reports a relative reference that a browser would
// read as "scheme:…": a colon before any "/", "?" or "#".
func firstSegmentHasColon(u string) bool {
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case ':':
			return true
		case '/', '?', '#':
			return false
		}
	}
	return false
}

// indexQueryOrFragment is strings.IndexAny(u, "?#"), without building a
// character set on each of the thousands of calls a page makes.
func indexQueryOrFragment(u string) int {
	for i := 0; i < len(u); i++ {
		if u[i] == '?' || u[i] == '#' {
			return i
		}
	}
	return -1
}

func dirOf(pageURL string) string {
	if strings.HasSuffix(pageURL, "/") {
		return pageURL
	}
	if d := path.Dir(pageURL); d != "/" {
		return d + "/"
	}
	return "/"
}

// URLScheme returns the scheme of an attribute's URL as a browser reads it:
// character references decoded, tabs and newlines removed, leading and
// trailing control characters and spaces trimmed, in lower case. A URL
// without one ("/a/", "../b", "#c", "?q") gives "".
func URLScheme(attrValue string) string {
	u := attrValue
	if strings.IndexByte(u, '&') >= 0 {
		u = html.UnescapeString(u)
	}
	u = strings.TrimFunc(stripTabNL(u), func(r rune) bool { return r <= ' ' })
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(u[:i])
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// SafeURL reports whether a page may carry the URL: no scheme, or http,
// https, mailto or tel.
func SafeURL(attrValue string) bool {
	switch URLScheme(attrValue) {
	case "", "http", "https", "mailto", "tel":
		return true
	}
	return false
}

func stripTabNL(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		clean = s[i] != '\t' && s[i] != '\n' && s[i] != '\r'
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// linkAttrs are the attributes that carry URLs in the theme's and
// goldmark's output, each written ` name="…"` (double-quoted, after
// whitespace) by both.
var linkAttrs = [][]byte{[]byte(`href`), []byte(`src`), []byte(`action`), []byte(`srcset`)}

const srcsetAttr = 3 // index of srcset in linkAttrs

// Rewrite applies URL to every href, src, action and srcset attribute of an
// HTML page, and drops those whose URL has a scheme a page may not carry.
// It scans once for `="` (one per attribute) and looks at the name before
// it: searching for each name instead was a third of the time on pages full
// of the letters they start with.
func (l Links) Rewrite(pageURL string, page []byte) []byte {
	var out bytes.Buffer
	pos, i := 0, 0
	for {
		j := bytes.Index(page[i:], []byte(`="`))
		if j < 0 {
			break
		}
		eq := i + j
		i = eq + 2
		which := attrBefore(page, eq)
		if which < 0 {
			continue
		}
		start := eq + 2
		end := bytes.IndexByte(page[start:], '"')
		if end < 0 {
			break
		}
		end += start
		i = end + 1
		val := string(page[start:end])
		nv, keep := l.attr(pageURL, val, which == srcsetAttr)
		if keep && nv == val {
			continue
		}
		if out.Cap() == 0 {
			out.Grow(len(page) + len(page)/16)
		}
		if !keep {
			// Drop the attribute with the whitespace before it.
			at := eq - len(linkAttrs[which]) - 1
			out.Write(page[pos:at])
			pos = end + 1
			continue
		}
		out.Write(page[pos:start])
		out.WriteString(nv)
		pos = end
	}
	if pos == 0 {
		return page
	}
	out.Write(page[pos:])
	return out.Bytes()
}

// attrBefore returns which of linkAttrs is the attribute name ending at eq
// (after whitespace), or -1.
func attrBefore(page []byte, eq int) int {
	for k, name := range linkAttrs {
		at := eq - len(name)
		if at < 1 || !bytes.Equal(page[at:eq], name) {
			continue
		}
		switch page[at-1] {
		case ' ', '\n', '\t', '\r', '\f':
			return k
		}
	}
	return -1
}

// attr rewrites one attribute value (as written in the HTML, character
// references and all). keep is false when the attribute must go.
func (l Links) attr(pageURL, val string, srcset bool) (string, bool) {
	dec := val
	if strings.IndexByte(val, '&') >= 0 {
		dec = html.UnescapeString(val)
	}
	if srcset {
		return l.srcset(pageURL, val, dec)
	}
	nv := l.URL(pageURL, dec)
	if !SafeURL(nv) {
		return "", false
	}
	if nv == dec {
		return val, true
	}
	return attrEscaper.Replace(nv), true
}

// srcset rewrites each candidate ("url 2x, url 480w") of a srcset.
func (l Links) srcset(pageURL, val, dec string) (string, bool) {
	cands := strings.Split(dec, ",")
	changed := false
	for i, c := range cands {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		// A comma or a space in the rewritten URL (from the base path or
		// the page's address) would split it into more candidates, one of
		// which could read as a scheme: they are percent-encoded.
		nu := srcsetEscaper.Replace(l.URL(pageURL, f[0]))
		if !SafeURL(nu) {
			return "", false
		}
		if nu != f[0] {
			f[0] = nu
			cands[i] = strings.Join(f, " ")
			changed = true
		}
	}
	if !changed {
		return val, true
	}
	return attrEscaper.Replace(strings.Join(cands, ", ")), true
}

// srcsetEscaper percent-encodes what separates srcset candidates and their
// descriptors.
var srcsetEscaper = strings.NewReplacer(",", "%2C", " ", "%20", "\t", "%09", "\n", "%0A", "\r", "%0D", "\f", "%0C")

// attrEscaper escapes a value for a double-quoted attribute, as
// html/template does.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&#34;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;")
