package review_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/corpus"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// The review's benchmarks run on the generated corpus, 10,000 content pages
// by default (DANGJIAN_BENCH_PAGES sets another size):
//
//	TMPDIR=/dev/shm go test -run '^$' -bench . -count 6 ./generator/review
//
// BenchmarkReview is the whole command (site.toml, word lists, loading
// every page, the review, sorting); compare it with a build of the same
// corpus (dangjian build, or BenchmarkBuild in generator/site with
// DANGJIAN_BENCH_PAGES=10000), run interleaved on the same machine.
// BenchmarkScan is the review of pages already loaded, BenchmarkPrivacy the
// check a build runs.
func benchSite(b *testing.B) string {
	b.Helper()
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("DANGJIAN_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkReview(b *testing.B) {
	dir := benchSite(b)
	b.ResetTimer()
	for b.Loop() {
		rep := review.Run(review.Options{Source: dir, Lang: diag.Chinese, Now: now})
		if len(rep.Problems) > 0 {
			b.Fatal(rep.Problems[0].Format(diag.Chinese))
		}
	}
}

func loaded(b *testing.B) []*content.Page {
	dir := benchSite(b)
	cs, _ := content.Load(filepath.Join(dir, "content"))
	var bytes int64
	for _, p := range cs.Pages {
		bytes += int64(len(p.Body) + len(p.Front))
	}
	b.SetBytes(bytes)
	return cs.Pages
}

func BenchmarkScan(b *testing.B) {
	pages := loaded(b)
	rules, err := review.LoadRules("")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		review.Pages(pages, rules)
	}
}

func BenchmarkPrivacy(b *testing.B) {
	pages := loaded(b)
	b.ResetTimer()
	for b.Loop() {
		review.Privacy(pages)
	}
}
