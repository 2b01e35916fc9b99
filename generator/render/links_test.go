package render

import (
	"html"
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	tests := []struct {
		base, page, link, want string
	}{
		// Relative whatever the base URL says (PORTAL.md: portable output).
		{"/", "/brands/a/", "/news/", "../../news/index.html"},
		{"/portal/", "/brands/a/", "/news/", "../../news/index.html"},
		{"https://x.gov.cn/portal", "/", "/css/main.css", "css/main.css"},
		{"", "/brands/a/", "/news/", "../../news/index.html"},
		{"", "/", "/news/", "news/index.html"},
		{"", "/", "/", "index.html"},
		{"", "/tags/党建/page/2/", "/brands/a/#做法", "../../../../brands/a/index.html#做法"},
		{"", "/brands/a/", "/images/a.svg", "../../images/a.svg"},
		{"", "/brands/a/", "/search/?q=x", "../../search/index.html?q=x"},
		{"", "/brands/a/", "https://example.org/", "https://example.org/"},
		{"", "/brands/a/", "#top", "#top"},
		// 404.html is served at any depth: site-rooted, with the base path.
		{"", "/404.html", "/css/main.css", "/css/main.css"},
		{"/", "/404.html", "/news/", "/news/"},
		{"https://x.gov.cn/portal/", "/404.html", "/css/main.css", "/portal/css/main.css"},
		// A site path never becomes a scheme.
		{"", "/", "/javascript:alert(1)", "./javascript:alert(1)/index.html"},
		{"", "/", "/javascript:alert(document.domain)", "./javascript:alert(document.domain)"},
		{"", "/", "/javascript:alert(1)/", "./javascript:alert(1)/index.html"},
		{"", "/", "/\tjavascript:alert(1)", "./javascript:alert(1)/index.html"},
		{"", "/", "//evil.com/", "//evil.com/"},
	}
	for _, tc := range tests {
		if got := NewLinks(tc.base).URL(tc.page, tc.link); got != tc.want {
			t.Errorf("base %q page %s link %s = %q, want %q", tc.base, tc.page, tc.link, got, tc.want)
		}
	}
}

func TestRewrite(t *testing.T) {
	html := []byte(`<a href="/news/">x</a><img src="/a.png"><form action="/search/"><a href="https://o.org/">o</a>`)
	for _, base := range []string{"/", "/p/", ""} {
		got := string(NewLinks(base).Rewrite("/x/", html))
		want := `<a href="../news/index.html">x</a><img src="../a.png"><form action="../search/index.html"><a href="https://o.org/">o</a>`
		if got != want {
			t.Errorf("base %q: Rewrite = %s", base, got)
		}
	}
	// Only whole attribute names count; other attributes are left alone.
	other := `<a data-href="/x/" class="y" title="a=&#34;/b/&#34;" href="/z/">`
	if got := string(NewLinks("").Rewrite("/", []byte(other))); got != `<a data-href="/x/" class="y" title="a=&#34;/b/&#34;" href="z/index.html">` {
		t.Errorf("Rewrite = %s", got)
	}
	got := string(NewLinks("/p/").Rewrite("/404.html", html))
	want := `<a href="/p/news/">x</a><img src="/p/a.png"><form action="/p/search/"><a href="https://o.org/">o</a>`
	if got != want {
		t.Errorf("404: Rewrite = %s", got)
	}
}

// TestRewriteNeverMakesScript is issue #14 item 1: a site path such as
// /javascript:alert(1), from a Markdown link or a [[menu]] url, became
// href="javascript:alert(1)" on root-level pages; and no href or src may
// carry a scheme other than http, https, mailto or tel.
func TestRewriteNeverMakesScript(t *testing.T) {
	attacks := []string{
		`<a href="/javascript:alert(document.domain)">x</a>`,
		`<a href="/&#106;avascript:alert(1)">x</a>`,
		`<a href="/&#x6A;avascript&colon;alert(1)">x</a>`,
		`<a href="/	javascript:alert(1)">x</a>`,
		`<a href="/&Tab;javascript:alert(1)">x</a>`,
		`<a href="/data:text/html,<script>alert(1)</script>">x</a>`,
		`<a href="/vbscript:msgbox(1)">x</a>`,
		`<a href="/JaVaScRiPt:alert(1)">x</a>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" &#0;JAVASCRIPT:alert(1)">x</a>`,
		`<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
		`<img srcset="/a.png 1x, javascript:alert(1) 2x">`,
		`<form action="vbscript:x"></form>`,
	}
	for _, page := range []string{"/", "/404.html", "/a/", "/a.html"} {
		for _, base := range []string{"", "/", "/portal/", "https://x.gov.cn/"} {
			for _, in := range attacks {
				out := string(NewLinks(base).Rewrite(page, []byte(in)))
				for _, v := range attrValues(out) {
					if !SafeURL(v) {
						t.Errorf("base %q page %s: %s → %s", base, page, in, out)
					}
				}
			}
		}
	}
	// What is safe stays.
	in := `<a href="mailto:a@b.cn">m</a><a href="tel:110">t</a><a href="http://a.cn/">h</a><a href="#x">f</a>`
	if out := string(NewLinks("").Rewrite("/", []byte(in))); out != in {
		t.Errorf("safe links changed: %s", out)
	}
}

func TestURLScheme(t *testing.T) {
	for in, want := range map[string]string{
		"https://a/": "https", "/a/": "", "a:b": "a", "&#106;avascript:x": "javascript",
		" \x01java\tscript:x": "javascript", "./a:b": "", "?a:b": "", "#a:b": "", ":x": "", "1a:x": "",
		"JAVA&#83;CRIPT&colon;x": "javascript",
	} {
		if got := URLScheme(in); got != want {
			t.Errorf("URLScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

// attrValues returns every href, src, action and srcset value of a page
// (each srcset candidate separately), as written.
func attrValues(page string) []string {
	var out []string
	for _, name := range []string{"href", "src", "action", "srcset"} {
		rest := page
		for {
			i := strings.Index(rest, name+`="`)
			if i < 0 {
				break
			}
			rest = rest[i+len(name)+2:]
			j := strings.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			v := rest[:j]
			if name == "srcset" {
				// A browser splits srcset's candidates after decoding
				// character references: "a&#9;b:c" is the URL "a" and
				// the descriptor "b:c".
				for _, c := range strings.Split(html.UnescapeString(v), ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, f[0])
					}
				}
			} else {
				out = append(out, v)
			}
		}
	}
	return out
}
