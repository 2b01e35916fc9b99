package browsertest

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Budgets for readers on old phones and slow intranets. Sizes are the bytes
// of the built files before any server compression, so they hold on hosts
// that don't compress.
const (
	cssBudget        = 30 << 10  // all CSS one page loads
	homeBudget       = 100 << 10 // home page HTML+CSS+JS, images excluded
	headScriptBudget = 1 << 10   // the inline script that sets reading modes before paint
)

var (
	tagRE  = regexp.MustCompile(`(?is)<(script|link|style)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?s)([a-zA-Z][\w:-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?`)
	endRE  = regexp.MustCompile(`(?i)</script\s*>`)
	// styleEndRE ends a style element, whose bytes count as CSS.
	styleEndRE = regexp.MustCompile(`(?i)</style\s*>`)
	// stylesheetRE finds a stylesheet link (searchEngineFirst).
	stylesheetRE = regexp.MustCompile(`(?i)<link\b[^>]*\bstylesheet\b`)
	// @import would load CSS the link count doesn't see.
	importRE = regexp.MustCompile(`@import\s+(?:url\()?["']?([^"')\s;]+)`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = strings.Trim(a[2], `"'`)
	}
	return m
}

// sitePath is the URL path of a built file; for resolving relative links.
func sitePath(file string) string {
	rel, _ := filepath.Rel(siteDir, file)
	return "/" + filepath.ToSlash(rel)
}

// localFile maps a link in a page to the built file it loads; "" for
// anything that would leave the site.
func localFile(page, ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Join(path.Dir(page), p)
	}
	return filepath.Join(siteDir, filepath.FromSlash(path.Clean(p)))
}

func fileSize(t *testing.T, f string) int {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Errorf("missing %s: %v", f, err)
		return 0
	}
	return len(b)
}

// pageWeight checks one built page and returns the bytes of its HTML, CSS
// and scripts.
func pageWeight(t *testing.T, file string) (html, css, js int) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	html = len(b)
	page := sitePath(file)
	headEnd := bytes.Index(bytes.ToLower(b), []byte("<body"))
	for _, m := range tagRE.FindAllSubmatchIndex(b, -1) {
		tag, a := strings.ToLower(string(b[m[2]:m[3]])), attrs(string(b[m[4]:m[5]]))
		switch tag {
		case "script":
			if src, ok := a["src"]; ok {
				_, deferred := a["defer"]
				_, async := a["async"]
				if !deferred && !async && a["type"] != "module" && !searchEngineFirst(page, src, m[0], b) {
					t.Errorf("%s: <script src=%q> blocks rendering; add defer", page, src)
				}
				if f := localFile(page, src); f == "" {
					t.Errorf("%s: script from outside the site: %s", page, src)
				} else {
					js += fileSize(t, f)
				}
				continue
			}
			if ty := a["type"]; strings.Contains(ty, "json") {
				continue // data, not code
			}
			end := endRE.FindIndex(b[m[1]:])
			if end == nil {
				t.Errorf("%s: unterminated <script>", page)
				continue
			}
			n := end[0]
			js += n
			if m[0] < headEnd && n > headScriptBudget && !searchEngineFirst(page, "", m[0], b) {
				t.Errorf("%s: inline script in <head> is %d bytes; over %d it delays first paint", page, n, headScriptBudget)
			}
		case "style":
			// The search page carries css/main.css (site: searchInline): the
			// same bytes, counted as the page's CSS.
			end := styleEndRE.FindIndex(b[m[1]:])
			if end == nil {
				t.Errorf("%s: unterminated <style>", page)
				continue
			}
			css += end[0]
		case "link":
			if !strings.Contains(" "+strings.ToLower(a["rel"])+" ", " stylesheet ") {
				continue
			}
			f := localFile(page, a["href"])
			if f == "" {
				t.Errorf("%s: stylesheet from outside the site: %s", page, a["href"])
				continue
			}
			css += cssSize(t, f, map[string]bool{})
		}
	}
	if css > cssBudget {
		t.Errorf("%s loads %d bytes of CSS, budget %d", page, css, cssBudget)
	}
	return html, css, js
}

func cssSize(t *testing.T, f string, seen map[string]bool) int {
	t.Helper()
	if seen[f] {
		return 0
	}
	seen[f] = true
	b, err := os.ReadFile(f)
	if err != nil {
		t.Errorf("missing stylesheet %s", f)
		return 0
	}
	n := len(b)
	for _, m := range importRE.FindAllSubmatch(b, -1) {
		if g := localFile(sitePath(f), string(m[1])); g != "" {
			n += cssSize(t, g, seen)
		}
	}
	return n
}

// searchEngineFirst is the one place scripts may block: search.js and the
// index's meta.js and dir.js on the search page, in the head before any
// stylesheet, as files or carried in the page (src ""; a build carries
// them, over the head's inline budget). The results are that page's
// content; Chromium runs an async
// or deferred script, and the answer to a fetch(), only once the page is
// laid out and painted (400–450 ms late on the old-phone profile); and
// before the stylesheets they delay nothing the reader sees: the page
// cannot paint until the stylesheets arrive, and all are asked for
// together.
func searchEngineFirst(page, src string, at int, b []byte) bool {
	switch path.Base(src) {
	case "search.js", "meta.js", "dir.js", ".":
	default:
		return false
	}
	headEnd := bytes.Index(bytes.ToLower(b), []byte("</head>"))
	return page == "/search/index.html" && at < headEnd && !stylesheetRE.Match(b[:at])
}

// TestPageWeight measures the built output (minified, as deployed): no
// script blocks rendering, every page's CSS fits the budget, and the home
// page without images fits its own.
func TestPageWeight(t *testing.T) {
	var pagesSeen int
	err := filepath.WalkDir(siteDir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(f, ".html") {
			return err
		}
		pagesSeen++
		pageWeight(t, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pagesSeen < 50 {
		t.Fatalf("only %d pages built", pagesSeen)
	}

	home := filepath.Join(siteDir, "index.html")
	html, css, js := pageWeight(t, home)
	total := html + css + js
	b, _ := os.ReadFile(home)
	t.Logf("home: %d B HTML (%d gzipped) + %d B CSS + %d B JS = %d B", html, gzipLen(b), css, js, total)
	if total > homeBudget {
		t.Errorf("home page is %d bytes without images, budget %d", total, homeBudget)
	}
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Len()
}
