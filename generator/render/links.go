package render

import (
	"bytes"
	"path"
	"strings"
)

// Links turns the site-relative URLs that templates and Markdown write
// ("/brands/a/") into what the deployed site needs: prefixed with the base
// path ("/portal/brands/a/"), or, for a folder opened from disk (base URL ""),
// relative to the page and ending in index.html ("../../brands/a/index.html").
// Doing it once over the finished HTML catches every link, the theme's and
// the officers' alike.
type Links struct {
	Base     string // base path, starting and ending with "/"; ignored when Relative
	Relative bool
}

// NewLinks reads a site's base URL: "" means relative links; a full URL or a
// path gives its path.
func NewLinks(baseURL string) Links {
	if strings.TrimSpace(baseURL) == "" {
		return Links{Relative: true}
	}
	return Links{Base: BasePath(baseURL)}
}

// BasePath returns the path part of a base URL, starting and ending in "/".
func BasePath(baseURL string) string {
	p := baseURL
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Root is the link to the site root from the page at pageURL.
func (l Links) Root(pageURL string) string {
	if !l.Relative {
		return l.Base
	}
	depth := strings.Count(strings.TrimPrefix(dirOf(pageURL), "/"), "/")
	if depth == 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

// URL converts one site-relative URL for the page at pageURL. Anything else
// (absolute, protocol-relative, fragment-only, relative) is returned as is.
func (l Links) URL(pageURL, u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	if !l.Relative {
		if l.Base == "/" {
			return u
		}
		return l.Base + u[1:]
	}
	target, rest := u, ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
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
	return root + target[1:] + rest
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

var linkAttrs = [][]byte{[]byte(` href="/`), []byte(` src="/`), []byte(` action="/`)}

// Rewrite applies URL to every href, src and action attribute of an HTML
// page. With the plain "/" base nothing changes and no copy is made.
func (l Links) Rewrite(pageURL string, html []byte) []byte {
	if !l.Relative && l.Base == "/" {
		return html
	}
	var out bytes.Buffer
	out.Grow(len(html) + len(html)/16)
	rest := html
	for {
		at, attr := -1, []byte(nil)
		for _, a := range linkAttrs {
			if i := bytes.Index(rest, a); i >= 0 && (at < 0 || i < at) {
				at, attr = i, a
			}
		}
		if at < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		start := at + len(attr) - 1 // at the leading "/"
		end := bytes.IndexByte(rest[start:], '"')
		if end < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		out.Write(rest[:start])
		out.WriteString(l.URL(pageURL, string(rest[start:start+end])))
		rest = rest[start+end:]
	}
}
