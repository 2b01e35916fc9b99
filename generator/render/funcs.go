package render

import (
	"fmt"
	"html/template"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/stats"
)

// Funcs are the template functions of the theme. Links are written
// site-relative ("/brands/"); the Links pass turns them into what the deployed
// site needs, so templates never think about base URLs.
func Funcs(labels map[string]string) template.FuncMap {
	t := func(key string) string {
		if v, ok := labels[key]; ok {
			return v
		}
		return key
	}
	return template.FuncMap{
		"url":       URLFunc,
		"anchor":    Anchor,
		"tocItems":  TOCItems,
		"tocNums":   TOCNumbered,
		"splitNote": SplitNotes,
		"t":         t,
		"date":      FormatDate,
		"isodate":   func(d time.Time) string { return d.Format("2006-01-02") },
		"num":       numFunc,
		"wan":       stats.FormatWan,
		"pct":       stats.FormatPercent,
		"safeHTML":  func(s string) template.HTML { return template.HTML(s) },
		"kindLabel": func(k content.Kind) string { return t("kind_" + string(k)) },
		"first":     first,
		"seq":       seq,
		"add":       func(a, b int) int { return a + b },
		"join":      strings.Join,
		"hasPrefix": strings.HasPrefix,
		"termURL":   TermURL,
		"dict":      dict,
	}
}

// URLFunc cleans a site-relative URL and percent-encodes what must be
// (Chinese slugs and tags, spaces, and "#", "?" and "%" in names), leaving
// "/" as it is. A URL that names a folder (ends in "/", as every page URL
// does) or a file with an extension ("images/logo #1.png") is a path
// through and through: a "#" or "?" in it is part of a name. Otherwise a
// "?query" or "#fragment" is kept as such ({{url "/search/?q=x"}}).
func URLFunc(u string) string {
	if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "//") {
		return u
	}
	// A web, mail or phone address is left alone; any other "scheme:"
	// ("javascript:…") is read as a name in the site, and stays one.
	switch URLScheme(u) {
	case "http", "https", "mailto", "tel":
		return u
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	frag := ""
	if i := strings.IndexAny(u, "?#"); i >= 0 && !isPath(u) {
		u, frag = u[:i], u[i:]
	}
	return (&url.URL{Path: u}).EscapedPath() + frag
}

// isPath reports a URL that ends in "/" or in a file name with a plain
// extension (letters and digits).
func isPath(u string) bool {
	if strings.HasSuffix(u, "/") {
		return true
	}
	last := u[strings.LastIndexByte(u, '/')+1:]
	dot := strings.LastIndexByte(last, '.')
	if dot < 0 || dot == len(last)-1 || len(last)-dot > 6 {
		return false
	}
	for _, c := range last[dot+1:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Anchor is the link to an element of the same page, "#" and its id
// percent-encoded. href="#{{.ID}}" says the same, but html/template encodes
// each byte of a Chinese heading id with a call to fmt.Fprintf: in the
// 10,000-page build that was a tenth of the time spent in templates.
// The encoding is html/template's, so the links are unchanged.
func Anchor(id string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 1+3*len(id))
	b = append(b, '#')
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// TOCItems is the items of a table of contents, one
//
//	<li class="toc-LEVEL"><a href="#ID">TEXT</a></li>
//
// per heading, escaped as html/template escapes that markup. Written in a
// template, the item takes six of html/template's reflective calls (about
// 5 µs a heading): the table of contents was a third of a news page's
// template time. As with Hugo's .TableOfContents, the list around the items
// stays in the theme.
func TOCItems(toc []content.Heading) template.HTML {
	var b strings.Builder
	for _, h := range toc {
		b.WriteString(`<li class="toc-`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="`)
		b.WriteString(Anchor(h.ID))
		b.WriteString(`">`)
		htmlText.WriteString(&b, h.Text)
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// htmlText escapes text for HTML as html/template does, so that a list
// made by a function reads the same as one written in a layout.
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// TermURL is the URL of a tag or year page.
func TermURL(taxonomy, name string) string {
	return "/" + taxonomy + "/" + name + "/"
}

// FormatDate writes a date the Chinese way: 2021年3月5日.
func FormatDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

func numFunc(v any) string {
	switch n := v.(type) {
	case int:
		return stats.FormatInt(n)
	case int64:
		return stats.FormatInt(int(n))
	case float64:
		if n == float64(int(n)) {
			return stats.FormatInt(int(n))
		}
		return fmt.Sprintf("%.1f", n)
	}
	return fmt.Sprint(v)
}

// first returns at most n items of a slice.
func first(n int, list any) any {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return list
	}
	if v.Len() > n {
		return v.Slice(0, n).Interface()
	}
	return list
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key and value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys must be text")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
