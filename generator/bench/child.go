package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"dangjian/generator/search"
	"dangjian/generator/serve"
	"dangjian/generator/site"
)

// ChildFlag is the hidden first argument of `dangjian bench` that makes the
// process one measured run instead of the driver: `bench ChildFlag KIND …`.
// Each run is a process of its own so that its peak memory (max RSS) and CPU
// time are its own and runs do not warm or pollute each other.
const ChildFlag = "-child"

// buildReport is what a child build prints (JSON) for the driver.
type buildReport struct {
	HTMLPages int
	Files     int64
	Bytes     int64
	Wall      time.Duration
	Stages    []site.Stage
	// Search index: files and bytes under search/, and what a few queries
	// download (search.QueryCost).
	SearchFiles int
	SearchBytes int64
	Queries     []queryReport
	// Incremental build: files linked from the previous output, pages
	// whose Markdown results came from the cache.
	Linked         int64
	Kept           int64 // of Linked, kept in the spare output as they were
	MarkdownCached int
}

type queryReport struct {
	Query string
	Hits  int
	Files int
	Bytes int64
}

// floorReport is the child's measure of the least work a build must do.
type floorReport struct {
	MDFiles    int
	MDBytes    int64
	ReadParse  time.Duration // read every .md file and parse it with goldmark, all cores
	WriteFiles int
	WriteBytes int64
	Write      time.Duration // write files of the build output's sizes and paths, all cores
}

// serveReport is the child's measure of the watch server.
type serveReport struct {
	StartUp time.Duration // serve.Start (site loaded, home page made) until the home page is served
	// FirstBuild: serve.Start until every page of the first build is made
	// (a request for a missing page is answered once they are).
	FirstBuild time.Duration
	Edits      []time.Duration // file written → reload event received, one per edit
}

// Child runs one measured job in this process and prints its report as JSON
// on stdout. args are those after ChildFlag.
func Child(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "bench child: missing kind")
		return 2
	}
	kind := args[0]
	fs := flag.NewFlagSet("bench child", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", "", "site folder")
	dest := fs.String("dest", "", "output folder")
	like := fs.String("like", "", "floor: a build output whose file sizes to write")
	edits := fs.Int("edits", 20, "serve: saves to time")
	queries := fs.String("queries", "", "build: search queries to cost, comma-separated")
	noCache := fs.Bool("nocache", false, "build: neither read nor write the build cache")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile")
	memprofile := fs.String("memprofile", "", "write an allocation profile")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			f, err := os.Create(*memprofile)
			if err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	var rep any
	var err error
	switch kind {
	case "build":
		rep, err = childBuild(*source, *dest, splitList(*queries), *noCache)
	case "floor":
		rep, err = childFloor(*source, *like, *dest)
	case "serve":
		rep, err = childServe(*source, *edits)
	default:
		err = fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench child:", err)
		return 1
	}
	json.NewEncoder(stdout).Encode(rep)
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func childBuild(source, dest string, queries []string, noCache bool) (*buildReport, error) {
	res, err := site.Build(site.Options{Source: source, Dest: dest, NoCache: noCache})
	if err != nil {
		return nil, err
	}
	rep := &buildReport{HTMLPages: res.HTMLPages, Files: res.Files, Bytes: res.Bytes, Wall: res.Duration, Stages: res.Stages,
		Linked: res.Linked, Kept: res.Kept, MarkdownCached: res.MarkdownCached}
	// What follows is measured after the build and is not part of its time.
	filepath.WalkDir(filepath.Join(dest, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				rep.SearchFiles++
				rep.SearchBytes += info.Size()
			}
		}
		return nil
	})
	for _, q := range queries {
		c, err := search.QueryCost(dest, q, 10)
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", q, err)
		}
		rep.Queries = append(rep.Queries, queryReport{Query: q, Hits: c.Hits, Files: len(c.Files), Bytes: c.Bytes})
	}
	return rep, nil
}

// childFloor times the least a build of source must do: read and parse
// every Markdown file (goldmark with the extensions the site uses, on all
// cores), then write as many files of the same sizes, at the same paths, as
// the build output like holds (folders made once, all cores).
func childFloor(source, like, dest string) (*floorReport, error) {
	var mdFiles []string
	filepath.WalkDir(filepath.Join(source, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(p, ".md") {
			mdFiles = append(mdFiles, p)
		}
		return nil
	})
	type outFile struct {
		rel  string
		size int64
	}
	var outs []outFile
	filepath.WalkDir(like, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				rel, _ := filepath.Rel(like, p)
				outs = append(outs, outFile{rel, info.Size()})
			}
		}
		return nil
	})
	if len(mdFiles) == 0 || len(outs) == 0 {
		return nil, errors.New("floor: no Markdown files or no build output")
	}
	rep := &floorReport{MDFiles: len(mdFiles), WriteFiles: len(outs)}

	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK))
	var mdBytes atomic.Int64
	start := time.Now()
	err := parallel(len(mdFiles), func(i int) error {
		src, err := os.ReadFile(mdFiles[i])
		if err != nil {
			return err
		}
		mdBytes.Add(int64(len(src)))
		md.Parser().Parse(text.NewReader(src))
		return nil
	})
	rep.ReadParse = time.Since(start)
	rep.MDBytes = mdBytes.Load()
	if err != nil {
		return nil, err
	}

	// The folders first (once each), then the files.
	var biggest int64
	dirs := map[string]bool{}
	for _, o := range outs {
		dirs[filepath.Dir(o.rel)] = true
		biggest = max(biggest, o.size)
		rep.WriteBytes += o.size
	}
	sortedDirs := make([]string, 0, len(dirs))
	for d := range dirs {
		sortedDirs = append(sortedDirs, d)
	}
	sort.Strings(sortedDirs)
	data := make([]byte, biggest)
	for i := range data {
		data[i] = 'x'
	}
	start = time.Now()
	for _, d := range sortedDirs {
		if err := os.MkdirAll(filepath.Join(dest, d), 0o755); err != nil {
			return nil, err
		}
	}
	err = parallel(len(outs), func(i int) error {
		return os.WriteFile(filepath.Join(dest, outs[i].rel), data[:outs[i].size], 0o644)
	})
	rep.Write = time.Since(start)
	return rep, err
}

// parallel calls f(0…n-1) on all cores and returns the first error.
func parallel(n int, f func(i int) error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	wg.Wait()
	return first
}

// childServe starts the watch server on source as `dangjian serve` does,
// then saves one news file edits times, each time waiting for the reload
// event on the server's event stream, and restores the file.
func childServe(source string, edits int) (*serveReport, error) {
	news, _ := filepath.Glob(filepath.Join(source, "content", "news", "*.md"))
	sort.Strings(news)
	var file string
	for _, n := range news[len(news)/2:] {
		if !strings.HasSuffix(n, "_index.md") {
			file = n
			break
		}
	}
	if file == "" {
		return nil, errors.New("serve: no news file in the site")
	}
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(file, orig, 0o644)

	rep := &serveReport{}
	start := time.Now()
	srv, err := serve.Start(serve.Options{Source: source, Port: 0})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() { cancel(); <-done }()
	resp, err := http.Get(srv.URL())
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("serve: the home page answered %s", resp.Status)
	}
	rep.StartUp = time.Since(start)
	if resp, err := http.Get(srv.URL() + "__bench_no_such_page__/"); err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	rep.FirstBuild = time.Since(start)

	// The event stream, as a browser tab holds it. The path is the one the
	// injected script names.
	events := strings.TrimSuffix(srv.URL(), "/") + eventsPath()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, events, nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer stream.Body.Close()
	reloads := make(chan time.Time, 64)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- time.Now()
			}
		}
	}()
	for srv.Clients() == 0 {
		time.Sleep(time.Millisecond)
	}
	for i := range edits {
		body := fmt.Sprintf("%s\n\n第 %d 次保存的新段落。\n", orig, i+1)
		t0 := time.Now()
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			return nil, err
		}
		select {
		case t1 := <-reloads:
			rep.Edits = append(rep.Edits, t1.Sub(t0))
		case <-time.After(30 * time.Second):
			return nil, fmt.Errorf("serve: no reload event 30 s after save %d", i+1)
		}
		// A pause between saves, as between an officer's keystrokes and
		// Ctrl+S, so that each save is a rebuild of its own.
		time.Sleep(100 * time.Millisecond)
	}
	return rep, nil
}

// eventsPath reads the event stream's path from the script tag serve
// injects ("/__dangjian/reload.js" → "/__dangjian/events").
func eventsPath() string {
	s := string(serve.Inject)
	i := strings.Index(s, `src="`)
	if i < 0 {
		return "/__dangjian/events"
	}
	src := s[i+5:]
	src = src[:strings.IndexByte(src, '"')]
	return src[:strings.LastIndexByte(src, '/')+1] + "events"
}
