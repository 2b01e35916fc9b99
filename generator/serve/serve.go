// Package serve is `dangjian serve`: it builds the site in memory, serves it
// on a local port, watches the site's files and rebuilds what an edit
// changed, and tells the open browser tabs to reload (or shows them the
// build errors) over Server-Sent Events.
//
// The parts are apart: server.go answers HTTP from the in-memory output,
// watch.go turns file events into batches, rebuild.go and deps.go decide
// and do the work, reload.go talks to the browsers.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/site"
)

// searchDelay is how long the files must be still before the search index
// is written again.
const searchDelay = time.Second

// Options are the serve command's flags and where it prints.
type Options struct {
	Source string
	Bind   string // default 127.0.0.1
	Port   int    // 0 picks a free port (tests)
	Drafts bool
	Lang   diag.Lang
	Log    io.Writer // rebuild lines and errors; nil prints nothing
	// Quiet is how long the files must be still before a burst of events
	// is rebuilt; default 20 ms. An editor's save (temp file, rename,
	// chmod) takes well under a millisecond, and every millisecond here is
	// one the officer waits for the reload.
	Quiet time.Duration
	// Now is the build time; zero means the clock at each build.
	Now time.Time
}

// PortInUseError is returned by Start when the port is taken. Free is a
// nearby free port to suggest, 0 if none was found.
type PortInUseError struct {
	Bind       string
	Port, Free int
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("%s:%d: port in use", e.Bind, e.Port)
}

// Server is one running serve: listener, watcher and builder.
type Server struct {
	opt   Options
	b     *builder
	hub   *hub
	w     *watcher
	ln    net.Listener
	http  *http.Server
	ready atomic.Bool

	review   *reviewer     // the preview's review panel
	first    chan struct{} // closed when the first build has ended
	rebuilds atomic.Int64  // rebuilds after the first build
	onResult func(*result) // tests and benchmarks: called before the tabs hear
	loop     sync.WaitGroup
	logMu    sync.Mutex
}

// Start listens, makes the first build and starts watching; Serve then
// answers requests. The port is taken first so that a busy port is reported
// before a long build.
func Start(opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Source == "" {
		opt.Source = "."
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 20 * time.Millisecond
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opt.Bind, strconv.Itoa(opt.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Bind: opt.Bind, Port: opt.Port, Free: freePort(opt.Bind, opt.Port)}
		}
		return nil, err
	}
	s := &Server{opt: opt, hub: newHub(), ln: ln, review: &reviewer{source: opt.Source, lang: opt.Lang}}
	root := "/"
	s.b = newBuilder(site.Options{
		Source:  opt.Source,
		BaseURL: &root, // pages are served from the root of the local server
		Drafts:  opt.Drafts,
		// The preview is read on the same machine; minifying would only
		// slow every rebuild down without changing what the page shows.
		NoMinify: true,
		Inject:   Inject,
		Now:      opt.Now,
		// The index takes seconds at 10,000 pages: the pages are served
		// first, and the watch loop writes it (see searchDelay).
		NoSearch: true,
		// Markdown results unchanged since the last build or serve are
		// read, not made again: a second of the start-up at 10,000 pages.
		MarkdownCache: true,
		// A photo's EXIF block and an attachment's numbers are read once
		// while the file is unchanged, not after every save.
		Memo: &site.FileMemo{},
	})
	// Watch before the first build, so that a save during it is not lost.
	s.w, err = newWatcher(opt.Source, opt.Quiet, func(err error) {
		s.logf("%s%v", pick(opt.Lang, "监视文件出错：", "watch error: "), err)
	})
	if err != nil {
		ln.Close()
		return nil, err
	}
	// The home page is served as soon as it is made; the watch loop
	// renders the other pages first thing (builder.first).
	s.first = make(chan struct{})
	res, loaded, rest := s.b.first()
	if rest == nil {
		s.report(res)
		close(s.first)
	} else {
		s.ready.Store(true)
		// The review panel of a page served before the others are made.
		s.review.update(loaded)
	}
	s.http = &http.Server{
		Handler:           &files{live: s.b.live.Load, ready: s.ready.Load, first: s.first, hub: s.hub, review: s.review},
		ReadHeaderTimeout: 10 * time.Second,
	}
	spare := &spareConns{fresh: map[net.Conn]bool{}}
	s.http.ConnState = spare.state
	s.http.RegisterOnShutdown(spare.stop)
	s.harden()
	s.loop.Add(1)
	go s.watchLoop(rest)
	return s, nil
}

// freePort finds the next free port after a busy one, to suggest it.
func freePort(bind string, busy int) int {
	for p := busy + 1; p < busy+100 && p < 65536; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}

// URL is the address to open in a browser.
func (s *Server) URL() string {
	addr := s.ln.Addr().(*net.TCPAddr)
	host := s.opt.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
}

// Serve answers requests until ctx is cancelled, then shuts down cleanly:
// the event streams end, requests in flight finish, the watcher stops.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	s.hub.close()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if e := s.http.Shutdown(shut); err == nil && e != nil {
		err = e
	}
	s.w.close()
	s.loop.Wait()
	s.b.closing.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// spareConns closes, when the preview stops, the connections on which no
// request has begun. A browser opens some ahead of its requests (Chromium's
// preconnect), and an HTTP client may dial one that another request then
// does without; http.Server.Shutdown takes such a connection for busy until
// it is 5 s old, so stopping took 5 s and ended in "context deadline
// exceeded". A request that was on its way as the preview stops would not
// have been answered anyway.
type spareConns struct {
	mu       sync.Mutex
	fresh    map[net.Conn]bool
	stopping bool
}

func (c *spareConns) state(conn net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case st != http.StateNew:
		delete(c.fresh, conn)
	case c.stopping: // accepted as the listener closed
		conn.Close()
	default:
		c.fresh[conn] = true
	}
}

func (c *spareConns) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopping = true
	for conn := range c.fresh {
		conn.Close()
	}
	clear(c.fresh)
}

// watchLoop finishes the first build (rest, when Start left it), then
// rebuilds on each batch of file events.
func (s *Server) watchLoop(rest func() *result) {
	defer s.loop.Done()
	if rest != nil {
		res := rest()
		res.quiet = true
		if res.failed() {
			// As when the whole first build fails: stand-in pages
			// with the overlay until a save fixes it.
			s.ready.Store(false)
		}
		s.report(res)
		close(s.first)
	}
	batches := make(chan *batch)
	go func() {
		defer close(batches)
		for {
			b, ok := s.w.next()
			if !ok {
				return
			}
			if !b.empty() {
				batches <- b
			}
		}
	}()
	// At most one search index is written at a time, and only once the
	// files have been still for a second: it takes the cores for seconds
	// at 10,000 pages, which an officer saving again would wait for.
	searchDone := make(chan searchJob, 1)
	running, wanted := false, s.b.ok && len(s.b.search) == 0
	var idle <-chan time.Time
	if wanted {
		// The first index is written at once: the pages are up already.
		idle = time.After(0)
	}
	for {
		if wanted && !running && idle == nil {
			idle = time.After(searchDelay)
		}
		select {
		case <-idle:
			idle = nil
			if wanted && !running && s.b.ok {
				// The snapshot is taken here, between rebuilds; the
				// writer only reads it.
				wanted, running = false, true
				docs, builds := s.b.searchSnapshot(), s.b.builds
				go func() { searchDone <- writeSearch(docs, builds) }()
			}
		case b, ok := <-batches:
			if !ok {
				// A search write still running ends on its own into the
				// buffered channel; shutting down need not wait for it.
				return
			}
			res := s.rebuild(b)
			// A full build serves the previous index (see builder.full)
			// and wants a new one, like a content edit.
			wanted = wanted || (!res.failed() && (res.kind == "content" || res.kind == "full" || len(s.b.search) == 0))
			idle = nil
		case j := <-searchDone:
			running = false
			if s.b.applySearch(j) {
				s.logf("%s %s", time.Now().Format("15:04:05"), pick(s.opt.Lang, "搜索索引已更新", "search index updated"))
			}
		}
	}
}

// rebuild acts on one batch by kind: a layout, theme, config or folder
// change rebuilds everything, Markdown edits rebuild the pages that show
// them, static files are copied again.
func (s *Server) rebuild(b *batch) *result {
	var res *result
	switch {
	case len(b.full) > 0 || (len(b.content) > 0 && len(b.static) > 0):
		res = s.b.full()
		res.files = append(b.full, b.contentPaths()...)
	case len(b.content) > 0:
		res = s.b.content(b.contentPaths())
	default:
		var css []string
		if b.cssOnly() {
			css = b.static
		}
		res = s.b.static(css)
	}
	s.rebuilds.Add(1)
	s.report(res)
	return res
}

// report prints a rebuild's line (and its errors) and tells the browsers.
func (s *Server) report(res *result) {
	if s.onResult != nil {
		s.onResult(res)
	}
	var lines []string
	for _, p := range res.problems {
		if p.Severity == diag.Error {
			lines = append(lines, p.Format(s.opt.Lang))
		}
	}
	for _, l := range lines {
		s.logf("%s", l)
	}
	if res.kind == "full" || res.failed() {
		for _, p := range res.problems {
			if p.Severity == diag.Warning {
				s.logf("%s%s", pick(s.opt.Lang, "警告：", "warning: "), p.Format(s.opt.Lang))
			}
		}
	}
	s.logf("%s %s", time.Now().Format("15:04:05"), res.summary(s.opt.Lang))
	if res.failed() {
		s.hub.failed(lines)
		return
	}
	s.ready.Store(true)
	s.review.update(s.b.site)
	if res.quiet {
		s.hub.settled()
		return
	}
	s.hub.rebuilt(res.css)
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log == nil {
		return
	}
	s.logMu.Lock()
	fmt.Fprintf(s.opt.Log, format+"\n", args...)
	s.logMu.Unlock()
}

// Output is the served site, for tests and benchmarks, once the first
// build has ended.
func (s *Server) Output() *output.Memory {
	<-s.first
	return s.b.live.Load()
}

// Rebuilds counts the rebuilds since Start.
func (s *Server) Rebuilds() int64 { return s.rebuilds.Load() }

// Clients counts the browser tabs listening for reloads.
func (s *Server) Clients() int { return s.hub.count() }
