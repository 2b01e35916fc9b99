package searchbench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/build"
	"dangjian/generator/corpus"
	"dangjian/generator/search"
)

// TestBenchPagefind compares the site search with Pagefind on a generated
// corpus. It is slow and needs Chromium and npm, so it runs only when
// DANGJIAN_BENCH_PAGEFIND is set:
//
//	DANGJIAN_BENCH_PAGEFIND=1 go test ./generator/search/searchbench -run BenchPagefind -v -timeout 30m
//
// DANGJIAN_BENCH_PAGES (default 10000) sets the corpus size; DANGJIAN_BENCH_DIR
// (default a temp folder, ideally on tmpfs) keeps corpus and outputs;
// DANGJIAN_PAGEFIND names a pagefind binary (default: npm install pagefind
// in that folder).
func TestBenchPagefind(t *testing.T) {
	if os.Getenv("DANGJIAN_BENCH_PAGEFIND") == "" {
		t.Skip("set DANGJIAN_BENCH_PAGEFIND=1 to run")
	}
	pages := 10000
	if s := os.Getenv("DANGJIAN_BENCH_PAGES"); s != "" {
		fmt.Sscan(s, &pages)
	}
	dir := os.Getenv("DANGJIAN_BENCH_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	src := filepath.Join(dir, fmt.Sprintf("corpus-%d", pages))
	if _, err := os.Stat(filepath.Join(src, "site.toml")); err != nil {
		if _, err := corpus.Generate(src, corpus.Options{Pages: pages, Seed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	site := filepath.Join(dir, fmt.Sprintf("public-%d", pages))
	res, err := build.Build(build.Options{Source: src, Dest: site})
	if err != nil {
		t.Fatal(err)
	}
	var searchTime time.Duration
	for _, s := range res.Stages {
		if s.Name == "search" {
			searchTime = s.Duration
		}
	}
	ib, ifiles, err := DirSize(filepath.Join(site, "search"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dangjian: %d pages built in %v, search stage %v; index %.1f MB in %d files", res.HTMLPages, res.Duration.Round(time.Millisecond), searchTime.Round(time.Millisecond), float64(ib)/1e6, ifiles)

	bin := os.Getenv("DANGJIAN_PAGEFIND")
	if bin == "" {
		npmDir := filepath.Join(dir, "npm")
		bin = filepath.Join(npmDir, "node_modules", ".bin", "pagefind")
		if _, err := os.Stat(bin); err != nil {
			os.MkdirAll(npmDir, 0o755)
			cmd := exec.Command("npm", "install", "--no-save", "--prefix", npmDir, "pagefind")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("npm install pagefind: %v\n%s", err, out)
			}
		}
	}
	pf := filepath.Join(dir, fmt.Sprintf("pagefind-%d", pages))
	os.RemoveAll(pf)
	pft, err := RunPagefind(bin, site, pf)
	if err != nil {
		t.Fatal(err)
	}
	pb, pfiles, err := DirSize(pf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pagefind: indexed in %v; index %.1f MB in %d files", pft.Round(time.Millisecond), float64(pb)/1e6, pfiles)
	t.Logf("\n| | dangjian | Pagefind |\n|---|---:|---:|\n| index build | %v (search stage) | %v |\n| index size | %.1f MB | %.1f MB |\n| index files | %d | %d |\n",
		searchTime.Round(time.Millisecond), pft.Round(time.Millisecond), float64(ib)/1e6, float64(pb)/1e6, ifiles, pfiles)

	compare(t, site, pf)
}

// TestCompare measures an already built site ($DANGJIAN_BENCH_SITE) and
// Pagefind's index of it ($DANGJIAN_BENCH_PF, optional).
func TestCompare(t *testing.T) {
	site := os.Getenv("DANGJIAN_BENCH_SITE")
	if site == "" {
		t.Skip("set DANGJIAN_BENCH_SITE (and DANGJIAN_BENCH_PF) to run")
	}
	compare(t, site, os.Getenv("DANGJIAN_BENCH_PF"))
}

func compare(t *testing.T, site, pf string) {
	figs, err := Run(Options{Site: site, Pagefind: pf, Queries: DefaultQueries, Runs: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", Table(figs))

	// The site's results must be the Go reader's, and exact; Pagefind's
	// results that the exact search does not have are false hits.
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		hits, err := ix.Search(f.Query)
		if err != nil {
			t.Fatal(err)
		}
		exact := map[string]bool{}
		for _, h := range hits {
			fr, err := ix.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			exact[fr.URL] = true
		}
		switch f.Engine {
		case Dangjian:
			if f.Hits != len(hits) {
				t.Errorf("%q: page shows %d hits, the index has %d", f.Query, f.Hits, len(hits))
			}
		case Pagefind:
			var false_ []string
			for _, u := range f.URLs {
				if !exact[u] {
					false_ = append(false_, u)
				}
			}
			if len(false_) > 0 {
				t.Logf("pagefind %q: %d of its first %d results lack the text: %s", f.Query, len(false_), len(f.URLs), strings.Join(false_, " "))
			}
		}
	}
}
