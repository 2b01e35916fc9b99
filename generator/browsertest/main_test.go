package browsertest

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/site"
)

// pageCase is one page the browser tests visit. Adding a page type to every
// check is one line in pages.
type pageCase struct {
	name string // subtest and screenshot name
	path string // site path, as a reader types it
	// optional pages are checked only once the build makes them: their
	// layouts belong to other engineers and land at their own pace.
	optional bool
}

var pages = []pageCase{
	{name: "home", path: "/"},
	{name: "news-list", path: "/news/"},
	{name: "news-list-p2", path: "/news/page/2/"},
	{name: "brands-list", path: "/brands/"},
	{name: "models-list", path: "/models/"},
	{name: "honors-list", path: "/honors/"},
	{name: "units-list", path: "/units/"},
	{name: "news", path: "/news/2016-xianfeng-xianxing-tongbao/"},
	{name: "brand", path: "/brands/yixin-xiangdang/"},
	{name: "model", path: "/models/zhongxin-hongse/"},
	{name: "honor", path: "/honors/2020-kangyi/"},
	{name: "unit", path: "/units/diyi-yiyuan/"},
	{name: "unit-small", path: "/units/huian-sq/"},
	{name: "page", path: "/about/"},
	{name: "tags", path: "/tags/"},
	{name: "tag", path: "/tags/党建品牌/"},
	{name: "years", path: "/years/"},
	{name: "year", path: "/years/2020/"},
	{name: "404", path: "/no-such-page/"},
	{name: "stats", path: "/stats/", optional: true},
	{name: "gallery", path: "/gallery/", optional: true},
	{name: "search", path: "/search/?q=党建", optional: true},
	{name: "sitemap", path: "/sitemap/"},
	{name: "notices", path: "/news/通知公告/"},
	{name: "notice", path: "/news/2017-shifandian-chuangjian-tongzhi/"},
}

var (
	siteDir string // the built demo portal
	siteURL string // where it is served, no trailing slash
)

func TestMain(m *testing.M) { os.Exit(runMain(m)) }

func runMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "dangjian-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	siteDir = filepath.Join(tmp, "public")
	if _, err := site.Build(site.Options{Source: repoRoot(), Dest: siteDir}); err != nil {
		fmt.Fprintln(os.Stderr, "building the demo portal:", err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := &http.Server{Handler: siteHandler(siteDir)}
	go srv.Serve(ln)
	siteURL = "http://" + ln.Addr().String()

	code := m.Run()
	srv.Close()
	stopBrowser()
	return code
}

// repoRoot is the demo portal's folder: the repository itself.
func repoRoot() string {
	dir, _ := filepath.Abs(".")
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "site.toml")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "..", "..")
		}
	}
}

// siteHandler serves the output as a plain static host does, including the
// 404 page with its status, so the 404 layout is tested where readers see it.
func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(outputFile(r.URL.Path)); errors.Is(err, fs.ErrNotExist) {
			body, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(body)
			return
		}
		// Static hosts and file:// don't revalidate between our reloads;
		// no-store keeps a test's reload from seeing another test's state.
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
}

// outputFile maps a site path (query ignored) to the file that serves it.
func outputFile(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	f := filepath.Join(siteDir, filepath.FromSlash(path.Clean("/"+p)))
	if strings.HasSuffix(p, "/") {
		f = filepath.Join(f, "index.html")
	}
	return f
}

// present reports whether the build made the page (404 is made by 404.html).
func present(p pageCase) bool {
	if p.name == "404" {
		_, err := os.Stat(filepath.Join(siteDir, "404.html"))
		return err == nil
	}
	_, err := os.Stat(outputFile(p.path))
	return err == nil
}

// eachPage runs f as a subtest for every page the build made; a missing
// optional page is a skip, a missing required page a failure.
func eachPage(t *testing.T, f func(t *testing.T, p pageCase)) {
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			if !present(p) {
				if p.optional {
					t.Skipf("%s is not built yet", p.path)
				}
				t.Fatalf("%s is missing from the build", p.path)
			}
			f(t, p)
		})
	}
}

// pageURL is the address Chromium visits; Chinese path segments are escaped
// as a browser's address bar would.
func pageURL(p string) string {
	q := ""
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, q = p[:i], p[i:]
		if v, err := url.ParseQuery(q[1:]); err == nil {
			q = "?" + v.Encode()
		}
	}
	return siteURL + (&url.URL{Path: p}).EscapedPath() + q
}

// screenshotDir is where screenshots go: $DANGJIAN_SCREENSHOTS or
// <repository>/screenshots (git-ignored).
func screenshotDir() string {
	if d := os.Getenv("DANGJIAN_SCREENSHOTS"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), "screenshots")
}
