// Package bench is `dangjian bench`: it generates the synthetic corpus
// (generator/corpus) and measures what the performance targets are about —
// the full build's wall time, CPU time and peak memory, its stages, the
// floor a build cannot beat (read and parse the Markdown, write the bytes),
// the search index, and the watch server's start-up and save-to-reload
// latency — and prints them, with a scaling table over several sizes.
//
// Every measured run is a child process (the same binary, with ChildFlag)
// so that each one's peak RSS and CPU time are its own.
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"dangjian/generator/corpus"
)

// Options say what to measure and where.
type Options struct {
	Sizes []int // corpus sizes in content pages; the first is measured in detail
	Runs  int   // build runs per size; medians are printed
	Dir   string
	// Disk, when set, is a folder on a real disk where one more build (of
	// 10,000 pages when that size is measured, else the first size) is made,
	// for comparison with the tmpfs figures.
	Disk string
	// Self runs this program's bench command: argv before ChildFlag, e.g.
	// {"/usr/local/bin/dangjian", "bench"}.
	Self    []string
	Serve   bool // measure the watch server
	Edits   int  // saves to time in the server
	Queries []string
	// CPUProfile and MemProfile, when set, are written by one extra build
	// of the first size (not counted in the medians).
	CPUProfile, MemProfile string
	Keep                   bool // keep the generated corpora and outputs
	Out                    io.Writer

	// Incremental adds cold (no cache) and warm (one page edited) builds,
	// interleaved, on tmpfs and on Disk, beside Hugo when it is on PATH.
	Incremental bool
	// IncrementalOnly measures only that (no per-size table, floor, serve).
	IncrementalOnly bool

	// Search times SearchQueries (or SearchQueries' default) from a cold
	// start in Chromium, unthrottled and on an old phone's 4G and 3G, on
	// SearchSite or a build of the first size; PagefindOut adds Pagefind's
	// index of that site; Gzip has the server compress text, HTTP2 serve
	// it over HTTPS with HTTP/2.
	Search        bool
	SearchOnly    bool // measure only that
	SearchSite    string
	SearchQueries []string
	SearchRuns    int
	PagefindOut   string
	Gzip          bool
	HTTP2         bool
}

// Targets from the performance issue, for a 10,000-page site on this machine.
const (
	targetWall        = 5 * time.Second
	targetRSS         = 600 << 20
	targetFloorRatio  = 2.5
	targetStartUp     = 4 * time.Second
	targetReloadP50   = 50 * time.Millisecond
	targetReloadP95   = 150 * time.Millisecond
	targetScaleSpread = 1.5
)

// DefaultQueries are costed against the index: a word on almost every page,
// a frequent one, a rare one.
var DefaultQueries = []string{"党建", "示范点", "光明眼科"}

// sizeResult is everything measured for one corpus size.
type sizeResult struct {
	Pages     int
	CorpusGen time.Duration
	CorpusMB  float64
	Builds    []buildRun
	Floors    []floorReport
	Serve     *serveReport
}

type buildRun struct {
	*buildReport
	CPU    time.Duration // user+sys of the whole child
	MaxRSS int64         // bytes
}

// Run measures and prints. It returns an error when a run failed.
func Run(opt Options) error {
	if opt.Runs <= 0 {
		opt.Runs = 1
	}
	if opt.Edits <= 0 {
		opt.Edits = 20
	}
	if opt.Queries == nil {
		opt.Queries = DefaultQueries
	}
	if opt.Dir == "" {
		opt.Dir = DefaultDir()
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp(opt.Dir, "dangjian-bench-")
	if err != nil {
		return err
	}
	if !opt.Keep {
		defer os.RemoveAll(work)
	}
	w := opt.Out
	fmt.Fprintf(w, "dangjian bench — %s, %d cores (GOMAXPROCS %d), %s; work folder %s (%s)\n",
		time.Now().Format("2006-01-02 15:04"), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), work, fsKind(work))
	fmt.Fprintf(w, "load average at start: %s\n", loadAvg())

	var results []*sizeResult
	// The per-size tables, unless only the incremental or the search
	// figures are asked for.
	detail := !opt.IncrementalOnly && !opt.SearchOnly
	for i, n := range opt.Sizes {
		if !detail {
			break
		}
		r, err := measureSize(opt, work, n, i == 0)
		if err != nil {
			return err
		}
		results = append(results, r)
		printSize(w, opt, r)
	}
	if len(results) > 1 {
		printScaling(w, results)
	}
	if opt.Disk != "" && len(opt.Sizes) > 0 && detail {
		n := opt.Sizes[0]
		if slices.Contains(opt.Sizes, 10000) {
			n = 10000
		}
		if err := measureDisk(opt, n); err != nil {
			return err
		}
	}
	if (opt.Incremental || opt.IncrementalOnly) && len(opt.Sizes) > 0 {
		if err := measureIncremental(opt, work); err != nil {
			return err
		}
	}
	if (opt.Search || opt.SearchOnly) && len(opt.Sizes) > 0 {
		if err := measureSearch(opt, work, opt.Sizes[0]); err != nil {
			return err
		}
	}
	for _, r := range results {
		if r.Pages == 10000 {
			printTargets(w, r, results)
		}
	}
	fmt.Fprintf(w, "load average at end: %s\n", loadAvg())
	return nil
}

// DefaultDir is tmpfs when the machine has one (/dev/shm), else the
// temporary folder: many small files on a slow disk measure the disk.
func DefaultDir() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		return "/dev/shm"
	}
	return os.TempDir()
}

func measureSize(opt Options, work string, n int, first bool) (*sizeResult, error) {
	r := &sizeResult{Pages: n}
	site := filepath.Join(work, fmt.Sprintf("site-%d", n))
	t0 := time.Now()
	sum, err := corpus.Generate(site, corpus.Options{Pages: n, Seed: 1})
	if err != nil {
		return nil, err
	}
	r.CorpusGen = time.Since(t0)
	r.CorpusMB = float64(sum.Bytes) / 1e6
	dest := filepath.Join(work, fmt.Sprintf("public-%d", n))
	defer os.RemoveAll(site)

	if first && (opt.CPUProfile != "" || opt.MemProfile != "") {
		os.RemoveAll(dest)
		args := []string{"build", "-source", site, "-dest", dest}
		if opt.CPUProfile != "" {
			args = append(args, "-cpuprofile", opt.CPUProfile)
		}
		if opt.MemProfile != "" {
			args = append(args, "-memprofile", opt.MemProfile)
		}
		if _, _, err := child(opt, args, new(buildReport)); err != nil {
			return nil, err
		}
	}
	for range opt.Runs {
		// The previous output is removed first, outside the measured time:
		// otherwise each build would also pay for deleting the last one.
		os.RemoveAll(dest)
		rep := new(buildReport)
		cpu, rss, err := child(opt, []string{"build", "-source", site, "-dest", dest, "-queries", strings.Join(opt.Queries, ",")}, rep)
		if err != nil {
			return nil, err
		}
		r.Builds = append(r.Builds, buildRun{buildReport: rep, CPU: cpu, MaxRSS: rss})
	}
	floorDest := filepath.Join(work, fmt.Sprintf("floor-%d", n))
	for range opt.Runs {
		os.RemoveAll(floorDest)
		rep := new(floorReport)
		if _, _, err := child(opt, []string{"floor", "-source", site, "-like", dest, "-dest", floorDest}, rep); err != nil {
			return nil, err
		}
		r.Floors = append(r.Floors, *rep)
	}
	os.RemoveAll(floorDest)
	os.RemoveAll(dest)
	if opt.Serve {
		rep := new(serveReport)
		if _, _, err := child(opt, []string{"serve", "-source", site, "-edits", fmt.Sprint(opt.Edits)}, rep); err != nil {
			return nil, err
		}
		r.Serve = rep
	}
	return r, nil
}

// measureDisk makes the corpus and one build on a real disk.
func measureDisk(opt Options, n int) error {
	work, err := os.MkdirTemp(opt.Disk, "dangjian-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	site := filepath.Join(work, "site")
	t0 := time.Now()
	if _, err := corpus.Generate(site, corpus.Options{Pages: n, Seed: 1}); err != nil {
		return err
	}
	gen := time.Since(t0)
	exec.Command("sync").Run()
	rep := new(buildReport)
	cpu, rss, err := child(opt, []string{"build", "-source", site, "-dest", filepath.Join(work, "public")}, rep)
	if err != nil {
		return err
	}
	fmt.Fprintf(opt.Out, "\non disk (%s, %s): %d pages — corpus written in %s; one build %s wall, %s CPU, peak RSS %s (page cache warm, no sync)\n",
		work, fsKind(work), n, secs(gen), secs(rep.Wall), secs(cpu), mb(rss))
	return nil
}

// child runs one measured job and decodes its JSON report into rep. It
// returns the child's CPU time (user+sys) and peak RSS in bytes.
func child(opt Options, args []string, rep any) (cpu time.Duration, rss int64, err error) {
	argv := append(append(slices.Clone(opt.Self[1:]), ChildFlag), args...)
	cmd := exec.Command(opt.Self[0], argv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("bench %s: %v\n%s", args[0], err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), rep); err != nil {
		return 0, 0, fmt.Errorf("bench %s: %v", args[0], err)
	}
	st := cmd.ProcessState
	cpu = st.UserTime() + st.SystemTime()
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return cpu, rss, nil
}

func median[T any](xs []T, key func(T) float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = key(x)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

// summary is a size's medians.
type summary struct {
	Wall, CPU, Floor, ReadParse, Write time.Duration
	RSS                                int64
	Pages                              int
	Files, Bytes                       int64
	PerPage                            time.Duration
}

func summarize(r *sizeResult) summary {
	d := func(f func(buildRun) time.Duration) time.Duration {
		return time.Duration(median(r.Builds, func(b buildRun) float64 { return float64(f(b)) }))
	}
	fd := func(f func(floorReport) time.Duration) time.Duration {
		return time.Duration(median(r.Floors, func(x floorReport) float64 { return float64(f(x)) }))
	}
	s := summary{
		Wall:      d(func(b buildRun) time.Duration { return b.Wall }),
		CPU:       d(func(b buildRun) time.Duration { return b.CPU }),
		RSS:       int64(median(r.Builds, func(b buildRun) float64 { return float64(b.MaxRSS) })),
		ReadParse: fd(func(x floorReport) time.Duration { return x.ReadParse }),
		Write:     fd(func(x floorReport) time.Duration { return x.Write }),
		Floor:     fd(func(x floorReport) time.Duration { return x.ReadParse + x.Write }),
	}
	last := r.Builds[len(r.Builds)-1]
	s.Pages, s.Files, s.Bytes = last.HTMLPages, last.Files, last.Bytes
	s.PerPage = s.Wall / time.Duration(max(1, r.Pages))
	return s
}

func printSize(w io.Writer, opt Options, r *sizeResult) {
	s := summarize(r)
	b := r.Builds[len(r.Builds)-1]
	fmt.Fprintf(w, "\n== %d content pages (corpus %.1f MB, generated in %s) ==\n", r.Pages, r.CorpusMB, secs(r.CorpusGen))
	var walls []string
	for _, b := range r.Builds {
		walls = append(walls, secs(b.Wall))
	}
	fmt.Fprintf(w, "full build, median of %d runs (each a fresh process; runs: %s):\n", len(r.Builds), strings.Join(walls, " "))
	fmt.Fprintf(w, "  wall      %s\n", secs(s.Wall))
	fmt.Fprintf(w, "  CPU       %s user+sys (%.1f cores busy)\n", secs(s.CPU), s.CPU.Seconds()/s.Wall.Seconds())
	fmt.Fprintf(w, "  peak RSS  %s\n", mb(s.RSS))
	fmt.Fprintf(w, "  rate      %.0f HTML pages/s (%d HTML pages; %s per content page)\n", float64(s.Pages)/s.Wall.Seconds(), s.Pages, s.PerPage.Round(time.Microsecond))
	fmt.Fprintf(w, "  output    %d files, %.1f MB\n", s.Files, float64(s.Bytes)/1e6)
	fmt.Fprintf(w, "  stages    ")
	for i, st := range b.Stages {
		name := st.Name
		med := time.Duration(median(r.Builds, func(b buildRun) float64 {
			for _, x := range b.Stages {
				if x.Name == name {
					return float64(x.Duration)
				}
			}
			return 0
		}))
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %s", name, ms(med))
	}
	fmt.Fprintln(w)
	f := r.Floors[len(r.Floors)-1]
	fmt.Fprintf(w, "floor (median of %d): read+parse %d .md files (%.1f MB, goldmark, all cores) %s + write %d files (%.1f MB, all cores) %s = %s\n",
		len(r.Floors), f.MDFiles, float64(f.MDBytes)/1e6, secs(s.ReadParse), f.WriteFiles, float64(f.WriteBytes)/1e6, secs(s.Write), secs(s.Floor))
	fmt.Fprintf(w, "  build = %.2f× the floor\n", s.Wall.Seconds()/s.Floor.Seconds())
	searchTime := time.Duration(median(r.Builds, func(b buildRun) float64 { return float64(stage(b, "search")) }))
	fmt.Fprintf(w, "search index: built in %s, %d files, %.1f MB\n", secs(searchTime), b.SearchFiles, float64(b.SearchBytes)/1e6)
	for _, q := range b.Queries {
		fmt.Fprintf(w, "  query %-10s %5d hits, downloads %d files, %.1f KB (first 10 results, cold cache)\n", q.Query, q.Hits, q.Files, float64(q.Bytes)/1024)
	}
	if sv := r.Serve; sv != nil {
		fmt.Fprintf(w, "serve: start-up %s (site loaded in memory until the home page answers; every page made after %s); save→reload event over %d saves of one news file: median %s, p95 %s, max %s\n",
			secs(sv.StartUp), secs(sv.FirstBuild), len(sv.Edits), ms(percentile(sv.Edits, 50)), ms(percentile(sv.Edits, 95)), ms(slices.Max(sv.Edits)))
	}
}

func stage(b buildRun, name string) time.Duration {
	for _, s := range b.Stages {
		if s.Name == name {
			return s.Duration
		}
	}
	return 0
}

func printScaling(w io.Writer, rs []*sizeResult) {
	fmt.Fprintf(w, "\nscaling (medians):\n")
	fmt.Fprintf(w, "  %8s %8s %9s %9s %10s %12s %8s\n", "pages", "wall", "CPU", "peak RSS", "per page", "HTML pages/s", "×floor")
	var lo, hi time.Duration
	for _, r := range rs {
		s := summarize(r)
		fmt.Fprintf(w, "  %8d %8s %9s %9s %10s %12.0f %8.2f\n", r.Pages, secs(s.Wall), secs(s.CPU), mb(s.RSS),
			s.PerPage.Round(time.Microsecond), float64(s.Pages)/s.Wall.Seconds(), s.Wall.Seconds()/s.Floor.Seconds())
		if lo == 0 || s.PerPage < lo {
			lo = s.PerPage
		}
		hi = max(hi, s.PerPage)
	}
	fmt.Fprintf(w, "  time per page: largest / smallest = %.2f (target ≤ %.1f)\n", float64(hi)/float64(lo), targetScaleSpread)
}

func printTargets(w io.Writer, r *sizeResult, all []*sizeResult) {
	s := summarize(r)
	fmt.Fprintf(w, "\ntargets (10,000 pages):\n")
	check := func(name string, ok bool, got, want string) {
		mark := "ok  "
		if !ok {
			mark = "MISS"
		}
		fmt.Fprintf(w, "  %s %-28s %10s  (target %s)\n", mark, name, got, want)
	}
	check("full build wall", s.Wall < targetWall, secs(s.Wall), "< "+secs(targetWall))
	check("full build peak RSS", s.RSS < targetRSS, mb(s.RSS), "< "+mb(targetRSS))
	ratio := s.Wall.Seconds() / s.Floor.Seconds()
	check("build / floor", ratio <= targetFloorRatio, fmt.Sprintf("%.2f×", ratio), fmt.Sprintf("≤ %.1f×", targetFloorRatio))
	if sv := r.Serve; sv != nil {
		check("serve start-up", sv.StartUp < targetStartUp, secs(sv.StartUp), "< "+secs(targetStartUp))
		p50, p95 := percentile(sv.Edits, 50), percentile(sv.Edits, 95)
		check("save→reload median", p50 < targetReloadP50, ms(p50), "< "+ms(targetReloadP50))
		check("save→reload p95", p95 < targetReloadP95, ms(p95), "< "+ms(targetReloadP95))
	}
	if len(all) > 1 {
		var lo, hi time.Duration
		for _, r := range all {
			pp := summarize(r).PerPage
			if lo == 0 || pp < lo {
				lo = pp
			}
			hi = max(hi, pp)
		}
		check("time per page spread", float64(hi)/float64(lo) <= targetScaleSpread, fmt.Sprintf("%.2f×", float64(hi)/float64(lo)), fmt.Sprintf("≤ %.1f×", targetScaleSpread))
	}
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }
func ms(d time.Duration) string   { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
func mb(b int64) string           { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// fsKind names the file system a folder is on (tmpfs or not), from
// /proc/mounts: the longest mount point that contains it.
func fsKind(dir string) string {
	data, err := os.ReadFile("/proc/mounts")
	if err != nil {
		return "unknown file system"
	}
	abs, _ := filepath.Abs(dir)
	best, kind := "", "unknown file system"
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		mp := f[1]
		if (abs == mp || strings.HasPrefix(abs, strings.TrimSuffix(mp, "/")+"/")) && len(mp) > len(best) {
			best, kind = mp, f[2]
		}
	}
	return kind
}
