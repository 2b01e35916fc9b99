package markdown

import (
	"net/url"
	"path"
	"strings"
)

// MDLinkResolver returns a resolver for RenderWith that turns links to .md
// files into the URLs of the pages they are, the way an author's editor
// previews them: relative to the page's own file, or, when they start with
// "/", relative to content/. pagePath is the page's slash path from the
// site source (content/news/a.md); urlOf maps such a path to the page's URL
// and reports false for files that are no page. Query and #fragment are kept.
// Percent-encoded names (%E5%85%9A.md) are decoded first, since editors
// write them either way.
func MDLinkResolver(pagePath string, urlOf func(contentPath string) (string, bool)) func(dest string) (string, bool) {
	dir := path.Dir(pagePath)
	return func(dest string) (string, bool) {
		p, suffix := dest, ""
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p, suffix = p[:i], p[i:]
		}
		if p == "" || strings.HasPrefix(p, "//") || hasScheme(p) {
			return "", false
		}
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		if !strings.HasSuffix(strings.ToLower(p), ".md") {
			return "", false
		}
		if strings.HasPrefix(p, "/") {
			p = path.Join("content", p)
		} else {
			p = path.Join(dir, p)
		}
		u, ok := urlOf(p)
		if !ok {
			return "", false
		}
		return u + suffix, true
	}
}

// hasScheme reports whether s starts with a URL scheme such as "https:" or
// "mailto:" (letters, digits, "+", "-", "." before the first colon).
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
