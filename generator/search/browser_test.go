package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dangjian/generator/chrome"
	"dangjian/generator/search"
	"dangjian/generator/search/searchbench"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
)

// Browser tests: the search page in headless Chromium, on the demo portal
// built from the repository, over http and from file://. Skipped when
// Chromium is missing, except in CI (CI=true), where that is a failure.

var browser chrome.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Stop()
	if demo.site != "" {
		os.RemoveAll(filepath.Dir(demo.site))
	}
	os.Exit(code)
}

// tab opens a tab in a fresh browser context (empty cache and storage).
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx := browser.Tab(t)
	// A dialog (alert) fails the test and is dismissed, so the page goes on.
	if err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			t.Errorf("the page opened a %s dialog: %q", d.Type, d.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func repoRoot(t *testing.T) string {
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		t.Fatalf("demo portal not found at %s", dir)
	}
	return dir
}

// buildSite builds src into a temp folder with base URL base (nil: the
// site's own).
func buildSite(t *testing.T, src string, base *string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Source: src, Dest: dest, BaseURL: base}); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return dest
}

// serve serves a built site on 127.0.0.1.
func serve(t *testing.T, site string) string {
	t.Helper()
	srv, err := searchbench.Serve(site, "", searchbench.Host{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv.URL
}

// shown is what the search page shows once it has settled.
type shown struct {
	Status string   `json:"status"`
	Links  []string `json:"links"` // hrefs of the result links, in order
	Titles []string `json:"titles"`
	Imgs   int      `json:"imgs"`   // img elements inside #search-results
	Marked int      `json:"marked"` // results with a match marked (title or snippet)
	URL    string   `json:"url"`
}

const settle = `(async function () {
  var res = document.getElementById('search-results'), st = document.getElementById('search-status');
  for (var i = 0; i < 3000; i++) {
    if (res && st && res.getAttribute('aria-busy') === 'false' && !res.querySelector('[aria-busy]') &&
        (res.querySelector('a.search-hit[href]') || res.querySelector('.search-empty'))) break;
    await new Promise(function (r) { setTimeout(r, 10); });
  }
  var as = res ? Array.prototype.slice.call(res.querySelectorAll('a')) : [];
  return {status: st ? st.textContent : '', url: location.href,
    links: as.filter(function (a) { return a.classList.contains('search-hit'); }).map(function (a) { return a.href; }),
    titles: as.map(function (a) { var s = a.querySelector('.search-hit-title'); return s ? s.textContent : ''; }),
    imgs: res ? res.querySelectorAll('img').length : -1,
    marked: as.filter(function (a) { return a.querySelector('mark'); }).length};
})()`

func waitShown(t *testing.T, ctx context.Context) shown {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[shown](settle, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// expect is the first results the Go reader finds for q in site, as site
// paths, and how many there are.
func expect(t *testing.T, site, q string, n int) ([]string, int) {
	t.Helper()
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range hits[:min(n, len(hits))] {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, f.URL)
	}
	return urls, len(hits)
}

// paths maps links to site paths: the path after base, "index.html"
// dropped (file:// builds end every link with it).
func paths(t *testing.T, base string, links []string) []string {
	t.Helper()
	var out []string
	for _, l := range links {
		if !strings.HasPrefix(l, base) {
			t.Errorf("result link %s is outside the site %s", l, base)
			continue
		}
		p := "/" + strings.TrimPrefix(l, base)
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		out = append(out, strings.TrimSuffix(p, "index.html"))
	}
	return out
}

func checkResults(t *testing.T, site, base, q string, got shown) {
	t.Helper()
	t.Logf("%q: %s, %d links shown", q, got.Status, len(got.Links))
	want, total := expect(t, site, q, 10)
	if total == 0 {
		t.Fatalf("%q finds nothing in the Go reader; pick a query the demo has", q)
	}
	if g := paths(t, base, got.Links); !slices.Equal(g, want) {
		t.Errorf("%q: the page shows\n  %v\nthe Go reader finds\n  %v", q, g, want)
	}
	if !strings.Contains(got.Status, "找到 ") || !strings.Contains(got.Status, " "+strconv.Itoa(total)+" 条") {
		t.Errorf("%q: status %q, want %d results", q, got.Status, total)
	}
}

var demo struct {
	once sync.Once
	site string
	err  error
}

func demoSite(t *testing.T) string {
	t.Helper()
	demo.once.Do(func() {
		dir, err := os.MkdirTemp("", "dangjian-search-demo-")
		if err != nil {
			demo.err = err
			return
		}
		demo.site = filepath.Join(dir, "public")
		_, demo.err = site.Build(site.Options{Source: repoRoot(t), Dest: demo.site})
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	return demo.site
}

// Typing a Chinese query into the header's search box on the home page and
// pressing Enter lands on /search/ with the Go reader's results, best first.
func TestBrowserHeaderSearch(t *testing.T) {
	ctx := tab(t)
	site := demoSite(t)
	base := serve(t, site)
	for _, q := range []string{"党建", "示范点"} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("header-q")),
			chromedp.Click(chromedp.ID("header-q")),
			chromedp.SendKeys(chromedp.ID("header-q"), q),
			chromedp.KeyEvent("\r"),
		); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("search-results"))); err != nil {
			t.Fatal(err)
		}
		got := waitShown(t, ctx)
		u, _ := url.Parse(got.URL)
		if u.Path != "/search/" || u.Query().Get("q") != q {
			t.Errorf("Enter in the header box went to %s, want /search/?q=%s", got.URL, q)
		}
		checkResults(t, site, base+"/", q, got)
	}
}

// /search/?q=… runs the query on load.
func TestBrowserQueryOnLoad(t *testing.T) {
	ctx := tab(t)
	site := demoSite(t)
	base := serve(t, site)
	for _, q := range []string{"光明眼科", "党建 品牌", "红色"} {
		if _, total := expect(t, site, q, 10); total == 0 {
			continue
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		got := waitShown(t, ctx)
		checkResults(t, site, base+"/", q, got)
		// Over http every result marks a match: in the stored head, or in
		// the text of its page, fetched when the match lies deeper.
		if got.Marked != len(got.Links) {
			t.Errorf("%q: %d of %d results mark a match", q, got.Marked, len(got.Links))
		}
	}
	// A query nothing contains says so; a pasted paragraph is said back by
	// its first 40 characters.
	for q, said := range map[string]string{"没有这个词语": "没有这个词语", strings.Repeat("没有这个词语", 10): strings.Repeat("没有这个词语", 7)[:40*3] + "…"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		got := waitShown(t, ctx)
		if want := "没有找到包含“" + said + "”的内容。"; len(got.Links) != 0 || got.Status != want {
			t.Errorf("no-hit query: status %q, want %q; links %v", got.Status, want, got.Links)
		}
	}
}

// A site copied into a folder of a host (http://host/portal/) searches from
// there: the search page asks for nothing outside its folder (the stub in
// its head once asked for /search/meta.js, which on such a host is
// another site's file or none).
func TestBrowserInSubfolder(t *testing.T) {
	ctx := tab(t)
	site := demoSite(t)
	var mu sync.Mutex
	var outside []string
	mux := http.NewServeMux()
	mux.Handle("/portal/", http.StripPrefix("/portal", http.FileServer(http.Dir(site))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/favicon.ico" { // the browser's own guess
			mu.Lock()
			outside = append(outside, r.URL.Path)
			mu.Unlock()
		}
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	q := "光明眼科"
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/search/?q="+url.QueryEscape(q))); err != nil {
		t.Fatal(err)
	}
	checkResults(t, site, srv.URL+"/portal/", q, waitShown(t, ctx))
	mu.Lock()
	defer mu.Unlock()
	if len(outside) > 0 {
		t.Errorf("the search page asked for files outside its folder: %v", outside)
	}
}

// A page titled like markup is shown as text: no element is made from it
// and no script runs.
func TestBrowserTitleIsText(t *testing.T) {
	ctx := tab(t)
	src := sitetest.Write(t, sitetest.Minimal+`
-- content/news/xss.md --
+++
title = "<img src=x onerror=alert(1)>党建"
date = 2024-05-01
+++
正文提到党建和<b>粗体</b>。
`)
	site := buildSite(t, src, nil)
	base := serve(t, site)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape("onerror"))); err != nil {
		t.Fatal(err)
	}
	got := waitShown(t, ctx)
	if len(got.Links) != 1 {
		t.Fatalf("onerror: %d results (%q), want the page", len(got.Links), got.Status)
	}
	t.Logf("shown: %q", got.Titles)
	if got.Imgs != 0 {
		t.Errorf("%d img elements inside #search-results", got.Imgs)
	}
	if !slices.ContainsFunc(got.Titles, func(s string) bool { return strings.Contains(s, "<img src=x onerror=alert(1)>") }) {
		t.Errorf("the title is not shown as text: %q", got.Titles)
	}
	// Give an injected handler time to fire.
	time.Sleep(300 * time.Millisecond)
}

// The demo built with base URL "" works opened straight from disk.
func TestBrowserFileURL(t *testing.T) {
	ctx := tab(t)
	empty := ""
	site := buildSite(t, repoRoot(t), &empty)
	base := "file://" + filepath.ToSlash(site) + "/"
	for _, q := range []string{"党建", "示范点"} {
		u := base + "search/index.html?q=" + url.QueryEscape(q)
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		got := waitShown(t, ctx)
		if len(got.Links) == 0 {
			t.Fatalf("%s: no results (%q)", u, got.Status)
		}
		for _, l := range got.Links {
			if !strings.HasSuffix(l, "/index.html") {
				t.Errorf("file:// result link %s does not end in index.html", l)
			}
		}
		checkResults(t, site, base, q, got)
	}
}

// The page ranks as the Go reader does (the page titled exactly 党建 first,
// the body-only page last) and signals when it is done: #search-results
// is aria-busy="true" from the moment a query starts until its results are
// filled in, then "false", with the time taken in the status.
func TestBrowserOrderAndDone(t *testing.T) {
	ctx := tab(t)
	site := buildSite(t, sitetest.Write(t, shownSite), nil)
	base := serve(t, site)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape("党建"))); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Busy     string   `json:"busy"`
		Links    []string `json:"links"`
		Status   string   `json:"status"`
		Snippets []string `json:"snippets"`
		Pending  int      `json:"pending"`
	}
	const done = `(async function () {
  var res = document.getElementById('search-results');
  for (var i = 0; i < 3000 && res.getAttribute('aria-busy') !== 'false'; i++) await new Promise(function (r) { setTimeout(r, 10); });
  var as = Array.prototype.slice.call(res.querySelectorAll('a.search-hit'));
  return {busy: res.getAttribute('aria-busy'), status: document.getElementById('search-status').textContent,
    links: as.map(function (a) { return new URL(a.href).pathname; }),
    snippets: as.map(function (a) { var s = a.querySelector('.search-hit-snippet'); return s ? s.textContent : ''; }),
    pending: res.querySelectorAll('[aria-busy]').length};
})()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[state](done, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/news/dangjian/", "/news/newer/", "/news/meeting/", "/news/body/"}
	if got.Busy != "false" || !slices.Equal(got.Links, want) {
		t.Fatalf("aria-busy %q, results %v, want false and %v", got.Busy, got.Links, want)
	}
	if g, _ := expect(t, site, "党建", 10); !slices.Equal(g, want) {
		t.Errorf("the Go reader finds %v", g)
	}
	if got.Pending != 0 || !strings.Contains(got.Status, "用时") || slices.Contains(got.Snippets, "") {
		t.Errorf("done but not filled: %d pending, status %q, snippets %q", got.Pending, got.Status, got.Snippets)
	}
	// A new query marks the results busy at once.
	busy, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
  var input = document.getElementById('search-input');
  input.value = '示范点';
  document.getElementById('search-form').requestSubmit();
  return document.getElementById('search-results').getAttribute('aria-busy');
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if busy != "true" {
		t.Errorf("right after a new query, aria-busy is %q, want true", busy)
	}
	got, err = chromedp.Run(ctx, chromedp.Evaluate[state](done, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := expect(t, site, "示范点", 10); got.Busy != "false" || !slices.Equal(got.Links, g) {
		t.Errorf("示范点: aria-busy %q, results %v, the Go reader %v", got.Busy, got.Links, g)
	}
}
