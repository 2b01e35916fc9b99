package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"time"

	"dangjian/generator/corpus"
	"dangjian/generator/output"
	"dangjian/generator/site"
	"dangjian/generator/theme"
)

// BenchmarkSaveToReload measures what an officer waits for: from the write
// of one news file in a 10,000-page site to the reload event reaching a
// browser's stream. Each iteration is one save; run it as
//
//	go test -run '^$' -bench SaveToReload -benchtime 20x ./generator/serve
//
// It reports the median and 95th percentile, the server's start-up (first
// build in memory included) and a full in-memory build for comparison.
func BenchmarkSaveToReload(b *testing.B) {
	pages := 10000
	if testing.Short() {
		pages = 1000
	}
	// DANGJIAN_BENCH_SITE reuses a generated site (its file is restored).
	dir := os.Getenv("DANGJIAN_BENCH_SITE")
	if dir == "" {
		dir = b.TempDir()
		if _, err := corpus.Generate(dir, corpus.Options{Pages: pages, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}

	standInLayouts(b, dir)

	root := "/"
	began := time.Now()
	site, probs := site.Load(site.Options{Source: dir, BaseURL: &root, NoMinify: true, Inject: Inject}, nil)
	if hasErrors(probs) {
		b.Fatalf("the corpus does not build: %v", probs[0])
	}
	if _, probs := site.Write(output.NewMemory(), nil); hasErrors(probs) {
		b.Fatalf("the corpus does not build: %v", probs[0])
	}
	fullBuild := time.Since(began)

	began = time.Now()
	ts := startIn(b, dir)
	startUp := time.Since(began)
	sse := ts.listen(b)

	news, err := filepath.Glob(filepath.Join(dir, "content", "news", "n*.md"))
	if err != nil || len(news) == 0 {
		b.Fatalf("no news in the corpus: %v", err)
	}
	sort.Strings(news)
	file := news[len(news)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })

	var lat []time.Duration
	stages := map[string][]time.Duration{}
	ts.onResult = func(r *result) {
		for _, st := range r.stages {
			stages[st.name] = append(stages[st.name], st.took)
		}
	}
	if out := os.Getenv("DANGJIAN_BENCH_CPUPROFILE"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := string(orig) + fmt.Sprintf("\n\n第 %d 次保存的新段落。\n", i)
		before := sse.count("reload")
		t0 := time.Now()
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		eventually(b, "the reload event", func() bool { return sse.count("reload") > before })
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()

	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	median := lat[len(lat)/2]
	p95 := lat[min(len(lat)-1, (len(lat)*95+99)/100-1)]
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(median), "median-ms")
	b.ReportMetric(ms(p95), "p95-ms")
	b.ReportMetric(ms(fullBuild), "full-build-ms")
	b.ReportMetric(ms(startUp), "startup-ms")
	b.ReportMetric(float64(fullBuild)/float64(median), "x-faster")
	var parts []string
	for _, name := range []string{"parse", "resolve", "markdown", "derive", "plan", "write", "swap"} {
		d := stages[name]
		if len(d) == 0 {
			continue
		}
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		parts = append(parts, fmt.Sprintf("%s %.1f", name, ms(d[len(d)/2])))
	}
	b.Logf("median ms per stage of the partial rebuild: %s", strings.Join(parts, ", "))
	var rebuilds []string
	for _, l := range strings.Split(ts.log.String(), "\n") {
		if strings.Contains(l, "重新生成") {
			rebuilds = append(rebuilds, l)
		}
	}
	b.Logf("%d pages, %d saves: save→reload median %v, p95 %v; full build %v (%.0f× the median); start-up %v\nlast rebuild: %s",
		pages, len(lat), median.Round(time.Millisecond/10), p95.Round(time.Millisecond/10), fullBuild.Round(time.Millisecond),
		float64(fullBuild)/float64(median), startUp.Round(time.Millisecond), rebuilds[len(rebuilds)-1])
}

// standInLayouts gives the site plain layouts for the pages the theme may
// not have yet while it is being written.
func standInLayouts(b testing.TB, dir string) {
	th, err := theme.Open(dir, "default")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"search.html", "stats.html", "gallery.html"} {
		if _, ok := th.Lookup("layouts", name); ok {
			continue
		}
		p := filepath.Join(dir, "layouts", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{end}}`), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
