package render

import (
	"html"
	"strings"
	"testing"
)

// FuzzRewriteScheme: whatever the page, base URL and link, no URL in the
// rewritten page has a scheme its input lacked, and none has a scheme a
// page may not carry (issue #14).
func FuzzRewriteScheme(f *testing.F) {
	for _, s := range []string{
		"/javascript:alert(document.domain)", "/&#106;avascript:alert(1)", "/\tjavascript:alert(1)",
		"//evil.com", "/data:text/html,x", "/vbscript:msgbox(1)", "/JaVaScRiPt:alert(1)",
		"/&Tab;javascript:x", "/\\evil.com", "/news/", "/a.png", "https://a.cn/", "mailto:a@b",
		"/a/ 1x, /javascript:x 2x", "/x?y=javascript:1", "/&#58;x", "/java&#x0A;script:x",
	} {
		for _, page := range []string{"/", "/404.html", "/a/b/", "/a.html"} {
			f.Add("", page, s)
			f.Add("/portal/", page, s)
		}
	}
	f.Fuzz(func(t *testing.T, base, page, link string) {
		if !strings.HasPrefix(page, "/") || strings.ContainsAny(link, `"`) {
			return
		}
		l := NewLinks(base)
		if got := l.URL(page, link); URLScheme(got) != "" && URLScheme(got) != URLScheme(link) {
			t.Fatalf("URL(%q, %q) = %q gained scheme %q", page, link, got, URLScheme(got))
		}
		for _, attr := range []string{"href", "src", "action", "srcset"} {
			in := `<a ` + attr + `="` + link + `">x</a>`
			out := string(l.Rewrite(page, []byte(in)))
			for _, v := range attrValues(out) {
				if !SafeURL(v) {
					t.Fatalf("Rewrite(%q) = %q: unsafe %q", in, out, v)
				}
				if s := URLScheme(v); s != "" && !strings.Contains(strings.ToLower(stripTabNL(decodeAll(link))), s+":") {
					t.Fatalf("Rewrite(%q) = %q gained scheme %q", in, out, s)
				}
			}
		}
	})
}

func decodeAll(s string) string { return html.UnescapeString(s) }
