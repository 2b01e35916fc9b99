package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"dangjian/generator/bench"
	"dangjian/generator/diag"
)

// bench is a hidden command for developers (not in the usage text):
//
//	dangjian bench -n 10000 -runs 5
//	dangjian bench -sizes 1000,10000,50000
func init() { register(&command{name: "bench", hidden: true, run: runBench}) }

func runBench(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	if len(args) > 0 && args[0] == bench.ChildFlag {
		return bench.Child(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "content pages of the synthetic corpus")
	sizes := fs.String("sizes", "", "several corpus sizes, comma-separated (e.g. 1000,10000,50000): adds the scaling table")
	var opt bench.Options
	fs.IntVar(&opt.Runs, "runs", 5, "builds per size (each a fresh process); medians are printed")
	fs.StringVar(&opt.Dir, "dir", bench.DefaultDir(), "where the corpus and the output are written (tmpfs by default)")
	fs.StringVar(&opt.Disk, "disk", "", "also build once (10,000 pages if measured, else the first size) in this folder on a real disk")
	fs.BoolVar(&opt.Serve, "serve", true, "measure the watch server's start-up and save-to-reload latency")
	fs.IntVar(&opt.Edits, "edits", 20, "saves timed in the watch server")
	queries := fs.String("queries", strings.Join(bench.DefaultQueries, ","), "search queries whose download is costed")
	fs.StringVar(&opt.CPUProfile, "cpuprofile", "", "write a CPU profile of one extra build of the first size")
	fs.StringVar(&opt.MemProfile, "memprofile", "", "write an allocation profile of one extra build of the first size")
	fs.BoolVar(&opt.Keep, "keep", false, "keep the work folder")
	fs.BoolVar(&opt.Incremental, "incremental", false, "also time cold and warm (one page edited) builds, interleaved with Hugo's when hugo is on PATH, on tmpfs and -disk")
	fs.BoolVar(&opt.IncrementalOnly, "incremental-only", false, "measure only what -incremental adds")
	fs.BoolVar(&opt.Search, "search", false, "time search queries from a cold start in Chromium, unthrottled and on an old phone's 4G and 3G")
	fs.BoolVar(&opt.SearchOnly, "search-only", false, "measure only what -search adds")
	fs.StringVar(&opt.SearchSite, "search-site", "", "with -search: an already built site to measure instead of building the corpus")
	searchQueries := fs.String("search-queries", strings.Join(bench.SearchQueries, ","), "with -search: the queries, comma-separated")
	fs.IntVar(&opt.SearchRuns, "search-runs", 1, "with -search: runs per query and profile (the median is printed)")
	fs.StringVar(&opt.PagefindOut, "pagefind-out", "", "with -search: Pagefind's index of the same site, measured beside")
	fs.BoolVar(&opt.Gzip, "gzip", false, "with -search: the server gzips text, as a host set up as docs/search.md says")
	fs.BoolVar(&opt.HTTP2, "http2", false, "with -search: the server speaks HTTPS with HTTP/2 (every request at once over one connection), as docs/search.md says")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	opt.Sizes = []int{*n}
	if *sizes != "" {
		opt.Sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || v <= 0 {
				fmt.Fprintf(stderr, "bench: bad size %q\n", s)
				return exitUsage
			}
			opt.Sizes = append(opt.Sizes, v)
		}
	}
	opt.Queries = strings.Split(*queries, ",")
	opt.SearchQueries = strings.Split(*searchQueries, ",")
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitContent
	}
	opt.Self = []string{self, "bench"}
	opt.Out = stdout
	if err := bench.Run(opt); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitContent
	}
	return exitOK
}
