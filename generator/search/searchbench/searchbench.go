// Package searchbench measures the site search in headless Chromium the way
// a reader meets it: a fresh browser context per query (cold cache), the
// query typed into the search page, the time until the first results are on
// screen and the bytes the browser downloaded for them. The same
// measurement runs against Pagefind's JS API on the same pages, so
// `dangjian bench` and the search tests can print the two side by side.
package searchbench

import (
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"html"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"dangjian/generator/chrome"
)

// Engine names.
const (
	Dangjian = "dangjian"
	Pagefind = "pagefind"
)

// Figure is one query on one engine.
type Figure struct {
	Engine string
	Query  string
	Hits   int           // results found (all pages, not only the shown ones)
	URLs   []string      // the shown results' addresses, best first
	Bytes  int64         // bytes downloaded for the search (transfer size, headers included)
	Files  int           // requests made for it
	Time   time.Duration // from setting the query to the results rendered
}

// Options say what to measure.
type Options struct {
	Site     string   // a built site (dangjian build output)
	Pagefind string   // Pagefind's output folder for that site ("" skips Pagefind)
	Queries  []string // queries to run on each engine
	Chromium string   // browser binary; default /usr/bin/chromium or $DANGJIAN_CHROMIUM
	Shown    int      // results to render; default 10
	Runs     int      // runs per query (fresh context each), the median kept; default 3
}

// DefaultQueries are the queries of the README's table.
var DefaultQueries = []string{"党", "党建", "示范点", "光明眼科", "党建品牌", "红色引擎", "先进基层党组织", "党支部标准化建设", "没有这个词语"}

// Chromium returns the browser binary to use.
func Chromium() (string, error) { return chrome.Path() }

// Browser starts headless Chromium with a temporary profile; stop ends it.
func Browser(exe string) (ctx context.Context, stop func(), err error) {
	// It visits only the bench's own server, whose HTTPS certificate
	// (Host.HTTP2) is made for the run.
	return chrome.Start(chrome.Options{Exe: exe, Extra: []chromedp.ExecAllocatorOption{chromedp.Flag("ignore-certificate-errors", true)}})
}

// pfPage runs a Pagefind query through its JS API and renders the first
// results as links, as a search page would.
const pfPage = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>pagefind</title>
<div id="search-results"></div>
<script type="module">
window.pfReady = import('/pagefind/pagefind.js').then(function (m) { window.pf = m; });
// With ?q= the query runs on load (a cold start, as the site's /search/?q=):
// the first results rendered, pfDone says when.
var q = new URLSearchParams(location.search).get('q');
if (q) window.pfReady.then(function () { return window.pf.search(q); }).then(function (r) {
  return Promise.all(r.results.slice(0, 10).map(function (x) { return x.data(); })).then(function (data) {
    var box = document.getElementById('search-results');
    data.forEach(function (d) {
      var a = document.createElement('a');
      a.href = d.url;
      a.textContent = d.meta.title || d.url;
      var p = document.createElement('p');
      p.innerHTML = d.excerpt;
      a.appendChild(p);
      box.appendChild(a);
    });
    requestAnimationFrame(function () { window.pfDone = {at: performance.now(), hits: r.results.length}; });
  });
});
</script>`

// Server serves a site (and Pagefind's output under /pagefind/, and the
// Pagefind test page at /_pf/) on a random 127.0.0.1 port, and counts the
// bytes of the files it sends (before any compression: it compresses
// nothing, as a plain intranet host or file:// does not).
type Server struct {
	URL string
	// Gzip: compress text responses to clients that accept it, as a host
	// set up as docs/search.md says does; set before the first request.
	Gzip  bool
	mu    sync.Mutex
	sent  map[string]int64 // path → bytes since Reset
	gz    map[string]int64 // path → the same gzipped
	close func()
}

type countingWriter struct {
	http.ResponseWriter
	n  int64
	gz *gzip.Writer // the same bytes compressed, as a gzipping host would send them
	gc *byteCounter
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	c.gz.Write(b[:n])
	return n, err
}

// compressible: the text files a host gzips (nginx gzip_types, IIS's
// defaults).
func compressible(p string) bool {
	switch path.Ext(p) {
	case ".js", ".css", ".html", ".svg", ".json", ".xml", "":
		return true
	}
	return strings.HasSuffix(p, "/")
}

// gzipWriter sends what is written to it gzipped, with its headers.
type gzipWriter struct {
	http.ResponseWriter
	zw      *gzip.Writer
	started bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.started {
		g.started = true
		h := g.Header()
		h.Del("Content-Length")
		if code == http.StatusOK {
			h.Set("Content-Encoding", "gzip")
			h.Add("Vary", "Accept-Encoding")
			g.zw, _ = gzip.NewWriterLevel(g.ResponseWriter, GzipLevel)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.started {
		g.WriteHeader(http.StatusOK)
	}
	if g.zw == nil {
		return g.ResponseWriter.Write(b)
	}
	return g.zw.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
	}
}

type byteCounter struct{ n int64 }

func (b *byteCounter) Write(p []byte) (int, error) { b.n += int64(len(p)); return len(p), nil }

// GzipLevel is the compression the gzip figures assume (nginx's gzip_comp_level,
// IIS's staticCompressionLevel).
const GzipLevel = 6

// Reset forgets what was sent.
func (s *Server) Reset() {
	s.mu.Lock()
	s.sent = map[string]int64{}
	s.gz = map[string]int64{}
	s.mu.Unlock()
}

// SentGzip is Sent's bytes as gzip (GzipLevel) would have sent them.
func (s *Server) SentGzip(match func(path string) bool) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for p, b := range s.gz {
		if match(p) {
			n += b
		}
	}
	return n
}

// Sent sums the bytes and requests since Reset of the paths that match.
func (s *Server) Sent(match func(path string) bool) (bytes int64, files int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, n := range s.sent {
		if match(p) {
			bytes += n
			files++
		}
	}
	return bytes, files
}

// searchFile: the files the search costs, the search page itself included
// (a build's page carries the engine and the index's directory).
func searchFile(p string) bool {
	return p == "/js/search.js" || p == "/search/" || p == "/search/index.html" ||
		strings.HasPrefix(p, "/search/") && strings.HasSuffix(p, ".js")
}

func pagefindFile(p string) bool { return strings.HasPrefix(p, "/pagefind/") }

// Close stops the server.
func (s *Server) Close() { s.close() }

// Host is how the server sends the files, as a host can be set up.
type Host struct {
	// Gzip: compress text responses to clients that accept them
	// (docs/search.md says how to set nginx and IIS up).
	Gzip bool
	// HTTP2: HTTPS with HTTP/2, as IIS 10 serves HTTPS by default and
	// nginx with "http2 on": a browser sends every request at once over
	// one connection, where over HTTP/1.1 it keeps six a host and a
	// seventh waits for one of them. The certificate is made for the
	// run; the bench's browser accepts it (Browser).
	HTTP2 bool
}

// Serve starts a Server for site and, when pagefind is set, Pagefind's
// output.
func Serve(site, pagefind string, host Host) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(site)))
	if pagefind != "" {
		mux.Handle("/pagefind/", http.StripPrefix("/pagefind/", http.FileServer(http.Dir(pagefind))))
	}
	mux.HandleFunc("/_pf/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pfPage))
	})
	s := &Server{URL: "http://" + ln.Addr().String(), Gzip: host.Gzip, sent: map[string]int64{}, gz: map[string]int64{}}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		gc := &byteCounter{}
		gz, _ := gzip.NewWriterLevel(gc, GzipLevel)
		cw := &countingWriter{ResponseWriter: w, gz: gz, gc: gc}
		if s.Gzip && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && compressible(r.URL.Path) {
			zw := &gzipWriter{ResponseWriter: w}
			cw.ResponseWriter = zw
			defer zw.close()
		}
		mux.ServeHTTP(cw, r)
		gz.Close()
		s.mu.Lock()
		s.sent[r.URL.Path] += cw.n
		s.gz[r.URL.Path] += gc.n
		s.mu.Unlock()
	})}
	s.close = func() { srv.Close() }
	if !host.HTTP2 {
		go srv.Serve(ln)
		return s, nil
	}
	cert, err := selfSigned()
	if err != nil {
		ln.Close()
		return nil, err
	}
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Protocols = new(http.Protocols)
	srv.Protocols.SetHTTP2(true)
	srv.Protocols.SetHTTP1(true)
	s.URL = "https://" + ln.Addr().String()
	go srv.ServeTLS(ln, "", "")
	return s, nil
}

// selfSigned makes a certificate for 127.0.0.1, valid for a day.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

type pageResult struct {
	Ms    float64  `json:"ms"`
	Hits  int      `json:"hits"`
	URLs  []string `json:"urls"`
	Bytes int64    `json:"bytes"`
	Files int      `json:"files"`
}

// In-page measurement of the site's own search page: set the query, submit,
// wait for the results (or the no-result advice) to be filled in.
const djRun = `(async function (q, shown) {
  performance.setResourceTimingBufferSize(100000);
  var input = document.getElementById('search-input'), form = document.getElementById('search-form');
  var res = document.getElementById('search-results'), st = document.getElementById('search-status');
  var before = performance.getEntriesByType('resource').length;
  var t0 = performance.now();
  input.value = q;
  form.requestSubmit();
  for (;;) {
    await new Promise(function (r) { setTimeout(r, 1); });
    var text = st.textContent;
    if (text && res.getAttribute('aria-busy') === 'false' && !res.querySelector('[aria-busy]') &&
        (res.querySelector('a.search-hit[href]') || res.querySelector('.search-empty'))) break;
  }
  var ms = performance.now() - t0;
  var m = /找到 (\d+) 条/.exec(st.textContent);
  return {ms: ms, hits: m ? +m[1] : 0,
    urls: Array.prototype.map.call(res.querySelectorAll('a.search-hit'), function (a) { return new URL(a.href).pathname; }),
    bytes: 0, files: before};
})(%q, %d)`

const pfRun = `(async function (q, shown) {
  performance.setResourceTimingBufferSize(100000);
  await window.pfReady;
  var before = performance.getEntriesByType('resource').length;
  var t0 = performance.now();
  var r = await window.pf.search(q);
  var data = await Promise.all(r.results.slice(0, shown).map(function (x) { return x.data(); }));
  var box = document.getElementById('search-results');
  box.textContent = '';
  data.forEach(function (d) {
    var a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title || d.url;
    var p = document.createElement('p');
    p.innerHTML = d.excerpt;
    a.appendChild(p);
    box.appendChild(a);
  });
  await new Promise(function (r) { requestAnimationFrame(function () { r(); }); });
  return {ms: performance.now() - t0, hits: r.results.length, urls: data.map(function (d) { return new URL(d.url, location.href).pathname; }), bytes: 0, files: before};
})(%q, %d)`

// Query measures q once on engine, in a fresh browser context.
func Query(bctx context.Context, srv *Server, engine, q string, shown int) (Figure, error) {
	base := srv.URL
	srv.Reset()
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	page, run, match := base+"/search/", djRun, searchFile
	if engine == Pagefind {
		page, run, match = base+"/_pf/", pfRun, pagefindFile
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		return Figure{}, err
	}
	// What the page loaded for search before the query (search.js and the
	// index's metadata; Pagefind loads itself lazily) counts; the page's own
	// HTML and stylesheet do not. Then everything the query fetches counts,
	// result pages fetched for snippets included.
	lb, lf := srv.Sent(match)
	srv.Reset()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[pageResult](fmt.Sprintf(run, q, shown), chromedp.EvalAwaitPromise))
	if err != nil {
		return Figure{}, fmt.Errorf("%s %q: %w", engine, q, err)
	}
	nb, nf := srv.Sent(func(string) bool { return true })
	nb, nf = nb+lb, nf+lf
	return Figure{Engine: engine, Query: q, Hits: r.Hits, URLs: r.URLs, Bytes: nb, Files: nf,
		Time: time.Duration(r.Ms * float64(time.Millisecond))}, nil
}

// Run measures every query on the site's search and, when opts.Pagefind is
// set, on Pagefind; each figure is the median time of opts.Runs runs.
func Run(opts Options) ([]Figure, error) {
	if opts.Shown <= 0 {
		opts.Shown = 10
	}
	if opts.Runs <= 0 {
		opts.Runs = 3
	}
	if opts.Queries == nil {
		opts.Queries = DefaultQueries
	}
	srv, err := Serve(opts.Site, opts.Pagefind, Host{})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	bctx, stop, err := Browser(opts.Chromium)
	if err != nil {
		return nil, err
	}
	defer stop()
	engines := []string{Dangjian}
	if opts.Pagefind != "" {
		engines = append(engines, Pagefind)
	}
	var out []Figure
	for _, q := range opts.Queries {
		for _, e := range engines {
			var runs []Figure
			for range opts.Runs {
				f, err := Query(bctx, srv, e, q, opts.Shown)
				if err != nil {
					return out, err
				}
				runs = append(runs, f)
			}
			// Median by time.
			for i := 1; i < len(runs); i++ {
				for j := i; j > 0 && runs[j].Time < runs[j-1].Time; j-- {
					runs[j], runs[j-1] = runs[j-1], runs[j]
				}
			}
			out = append(out, runs[len(runs)/2])
		}
	}
	return out, nil
}

// DirSize is the bytes and files under dir.
func DirSize(dir string) (bytes int64, files int, err error) {
	err = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			bytes += fi.Size()
			files++
		}
		return nil
	})
	return
}

// RunPagefind indexes site with the pagefind binary into out (only the
// pages' <main>, as the site's own index covers only the content) and
// returns how long it took.
func RunPagefind(bin, site, out string) (time.Duration, error) {
	start := time.Now()
	cmd := exec.Command(bin, "--site", site, "--output-path", out, "--root-selector", "main")
	if b, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("pagefind: %v\n%s", err, b)
	}
	return time.Since(start), nil
}

// Table formats figures as a Markdown table, the engines side by side.
func Table(figs []Figure) string {
	by := map[string]map[string]Figure{}
	var qs []string
	for _, f := range figs {
		if by[f.Query] == nil {
			by[f.Query] = map[string]Figure{}
			qs = append(qs, f.Query)
		}
		by[f.Query][f.Engine] = f
	}
	var b strings.Builder
	b.WriteString("| query | dangjian hits | dangjian KB | dangjian ms | Pagefind hits | Pagefind KB | Pagefind ms | bytes ratio |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, q := range qs {
		d, p := by[q][Dangjian], by[q][Pagefind]
		ratio := "–"
		if p.Bytes > 0 {
			ratio = fmt.Sprintf("1/%.1f", float64(p.Bytes)/float64(max(1, d.Bytes)))
		}
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.0f | %d | %.1f | %.0f | %s |\n", q, d.Hits, kb(d.Bytes), ms(d.Time), p.Hits, kb(p.Bytes), ms(p.Time), ratio)
	}
	return b.String()
}

func kb(n int64) float64         { return float64(n) / 1024 }
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Page is a built page: its address, title and the text of its <main>.
type Page struct{ URL, Title, Text string }

// Pages reads the pages under dir/section (e.g. "news") of a built site.
func Pages(site, section string) ([]Page, error) {
	var out []Page
	root := filepath.Join(site, section)
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || fi.Name() != "index.html" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, filepath.Dir(p))
		s := string(data)
		title := between(s, "<h1", "</h1>")
		if i := strings.IndexByte(title, '>'); i >= 0 {
			title = title[i+1:]
		}
		out = append(out, Page{URL: "/" + filepath.ToSlash(rel) + "/", Title: html.UnescapeString(stripTags(title)), Text: html.UnescapeString(stripTags(between(s, "<main", "</main>")))})
		return nil
	})
	return out, err
}

func between(s, a, b string) string {
	if i := strings.Index(s, a); i >= 0 {
		s = s[i:]
		if j := strings.Index(s, b); j >= 0 {
			return s[:j]
		}
	}
	return ""
}

func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// pfHas asks Pagefind whether its results for q include the page at url,
// found through a search for probe (the page's title).
const pfHas = `(async function (q, url, probe) {
  await window.pfReady;
  var p = await window.pf.search(probe), id = null;
  for (var i = 0; i < p.results.length && i < 30 && id === null; i++) {
    var d = await p.results[i].data();
    if (new URL(d.url, location.href).pathname === url) id = p.results[i].id;
  }
  if (id === null) return -1;
  var r = await window.pf.search(q);
  return r.results.some(function (x) { return x.id === id; }) ? 1 : 0;
})(%q, %q, %q)`

// PagefindFinds reports whether Pagefind's search for q returns the page at
// url (whose title is title); an error when Pagefind cannot find the page
// by its title.
func PagefindFinds(bctx context.Context, srv *Server, q, url, title string) (bool, error) {
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/_pf/")); err != nil {
		return false, err
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(pfHas, q, url, title), chromedp.EvalAwaitPromise))
	if err != nil {
		return false, err
	}
	if v < 0 {
		return false, fmt.Errorf("pagefind does not find %s by its title %q", url, title)
	}
	return v == 1, nil
}
