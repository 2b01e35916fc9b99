package site

import (
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/corpus"
	"dangjian/generator/render"
)

// The benchmarks of the build's hot stages run on a generated corpus of
// 1,000 content pages, so that a change can be compared with benchstat:
//
//	TMPDIR=/dev/shm go test -run '^$' -bench . -count 10 ./generator/site > new.txt
//	benchstat old.txt new.txt
//
// TMPDIR on tmpfs keeps a slow disk out of the figures (the corpus and
// BenchmarkBuild's output are written under it). The whole 10,000-page
// picture, with peak memory and the floor, is `dangjian bench`.
// DANGJIAN_BENCH_PAGES sets another size: a stage that is memory-bound at
// 10,000 pages may not be at 1,000, where more of it fits in the caches.
func benchPages() int {
	if n, err := strconv.Atoi(os.Getenv("DANGJIAN_BENCH_PAGES")); err == nil && n > 0 {
		return n
	}
	return 1000
}

func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: benchPages(), Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchLoad loads the corpus through the markdown stage and derive.
func benchLoad(b *testing.B, dir string) *Site {
	b.Helper()
	s, probs := Load(Options{Source: dir}, nil)
	if errs := errorsOf(probs); len(errs) > 0 {
		b.Fatalf("the corpus does not load: %v", errs[0])
	}
	return s
}

// discard counts what a stage writes and keeps nothing.
type discard struct{ files, bytes atomic.Int64 }

func (d *discard) WriteFile(_ string, data []byte) error {
	d.files.Add(1)
	d.bytes.Add(int64(len(data)))
	return nil
}

func BenchmarkLoad(b *testing.B) {
	dir := filepath.Join(benchSite(b), "content")
	for b.Loop() {
		cs, probs := content.Load(dir)
		if len(probs) > 0 || len(cs.Pages) < benchPages() {
			b.Fatalf("%d pages, problems %v", len(cs.Pages), probs)
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	s := benchLoad(b, benchSite(b))
	for b.Loop() {
		if probs := renderMarkdown(s.Published, false, false, nil, nil); len(probs) > 0 {
			b.Fatal(probs[0])
		}
	}
	b.ReportMetric(float64(len(s.Published))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkDerive(b *testing.B) {
	s := benchLoad(b, benchSite(b))
	for b.Loop() {
		s.Derive()
	}
}

// BenchmarkRender is every HTML page: templates, link rewriting, minifying.
func BenchmarkRender(b *testing.B) {
	s := benchLoad(b, benchSite(b))
	jobs := render.Plan(s.Render)
	var w discard
	for b.Loop() {
		r := s.Renderer()
		if _, probs := r.Render(jobs, &w); len(probs) > 0 {
			b.Fatal(probs[0])
		}
	}
	b.ReportMetric(float64(len(jobs))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(w.bytes.Load())/float64(b.N)/1e6, "MB/op")
}

func BenchmarkSearchWrite(b *testing.B) {
	s := benchLoad(b, benchSite(b))
	var w discard
	for b.Loop() {
		if probs := s.WriteSearch(&w); len(probs) > 0 {
			b.Fatal(probs[0])
		}
	}
	b.ReportMetric(float64(w.files.Load())/float64(b.N), "files/op")
	b.ReportMetric(float64(w.bytes.Load())/float64(b.N)/1e6, "MB/op")
}

// BenchmarkBuild is the whole build into a folder, search index included.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	dest := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(dest) // not part of a build: the last one's output
		b.StartTimer()
		if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
			b.Fatal(err)
		}
	}
}
