package searchbench

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/corpus"
	"dangjian/generator/search"
	"dangjian/generator/site"
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
	out := filepath.Join(dir, fmt.Sprintf("public-%d", pages))
	res, err := site.Build(site.Options{Source: src, Dest: out})
	if err != nil {
		t.Fatal(err)
	}
	var searchTime time.Duration
	for _, s := range res.Stages {
		if s.Name == "search" {
			searchTime = s.Duration
		}
	}
	ib, ifiles, err := DirSize(filepath.Join(out, "search"))
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
	pft, err := RunPagefind(bin, out, pf)
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

	compare(t, out, pf)
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
	figs, err := Run(Options{Site: site, Pagefind: pf, Queries: DefaultQueries, Runs: runs()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", Table(figs))

	// The site's results must be the Go reader's, and exact. A Pagefind
	// result whose page text lacks the query is a false hit.
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	mainText := func(u string) string {
		p, err := url.PathUnescape(u)
		if err != nil {
			p = u
		}
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(p), "index.html"))
		if err != nil {
			return ""
		}
		return search.Fold(stripTags(between(string(data), "<main", "</main>")))
	}
	has := func(text, q string) bool {
		for _, term := range search.Terms(q) {
			if !strings.Contains(text, term) {
				return false
			}
		}
		return true
	}
	var report strings.Builder
	for _, f := range figs {
		hits, err := ix.Search(f.Query)
		if err != nil {
			t.Fatal(err)
		}
		switch f.Engine {
		case Dangjian:
			if f.Hits != len(hits) {
				t.Errorf("%q: page shows %d hits, the index has %d", f.Query, f.Hits, len(hits))
			}
			for _, u := range f.URLs {
				if !has(mainText(u), f.Query) && !has(search.Fold(u), f.Query) {
					// The index also holds fields the page may not print.
					t.Logf("dangjian %q: %s's main text lacks it (front matter field?)", f.Query, u)
				}
			}
		case Pagefind:
			var lack []string
			for _, u := range f.URLs {
				if !has(mainText(u), f.Query) {
					lack = append(lack, u)
				}
			}
			fmt.Fprintf(&report, "| %s | %d of %d |\n", f.Query, len(lack), len(f.URLs))
		}
	}
	if pf != "" {
		t.Logf("\nPagefind's first results whose page text lacks the query:\n| query | false hits in the first 10 |\n|---|---:|\n%s", report.String())
		trapCheck(t, site, pf, ix)
	}
}

// trapCheck: pages with 示范 and 范点 but never 示范点 must not be found by
// 示范点. The site's search never finds them; Pagefind is asked too.
func trapCheck(t *testing.T, site, pf string, ix *search.Index) {
	news, err := Pages(site, "news")
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search("示范点")
	if err != nil {
		t.Fatal(err)
	}
	exact := map[string]bool{}
	for _, h := range hits {
		f, _ := ix.Fragment(h.ID)
		exact[f.URL] = true
	}
	srv, err := Serve(site, pf, Host{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	bctx, stop, err := Browser("")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	n := 0
	for _, p := range news {
		if !strings.Contains(p.Text, "示范") || !strings.Contains(p.Text, "范点") || strings.Contains(p.Text, "示范点") {
			continue
		}
		if n++; n > 3 {
			break
		}
		if exact[p.URL] {
			t.Errorf("dangjian finds trap page %s for 示范点", p.URL)
		}
		found, err := PagefindFinds(bctx, srv, "示范点", p.URL, p.Title)
		if err != nil {
			t.Logf("trap %s: %v", p.URL, err)
			continue
		}
		t.Logf("trap page %s (示范 and 范点 apart): dangjian finds it for 示范点: %v; Pagefind: %v", p.URL, exact[p.URL], found)
	}
	if n == 0 {
		t.Log("no trap pages in this site")
	}
}

// runs is $DANGJIAN_BENCH_RUNS, default 3.
func runs() int {
	n := 3
	if s := os.Getenv("DANGJIAN_BENCH_RUNS"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

// TestThrottled measures every query from a cold start (the search page
// opened with ?q=, engine start-up counted) on the readers' devices
// (Profiles: an old phone on 4G, on 3G), on an already built site
// ($DANGJIAN_BENCH_SITE) and, when $DANGJIAN_BENCH_PF is set, Pagefind's
// index of it; $DANGJIAN_BENCH_QUERIES (comma-separated) replaces the
// default queries. It fails when a dangjian query misses its profile's limit
// or takes more than three request waves after the page's HTML.
func TestThrottled(t *testing.T) {
	site := os.Getenv("DANGJIAN_BENCH_SITE")
	if site == "" {
		t.Skip("set DANGJIAN_BENCH_SITE (and DANGJIAN_BENCH_PF) to run")
	}
	qs := DefaultQueries
	if s := os.Getenv("DANGJIAN_BENCH_QUERIES"); s != "" {
		qs = strings.Split(s, ",")
	}
	profiles := []*Profile{nil}
	for i := range Profiles {
		profiles = append(profiles, &Profiles[i])
	}
	figs, err := RunCold(site, os.Getenv("DANGJIAN_BENCH_PF"), qs, profiles, runs(),
		Host{Gzip: os.Getenv("DANGJIAN_BENCH_GZIP") != "", HTTP2: os.Getenv("DANGJIAN_BENCH_HTTP2") != ""})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", ColdTable(figs, profiles))
	for _, f := range figs {
		if f.Engine != Dangjian {
			continue
		}
		for _, p := range Profiles {
			if p.Name == f.Profile && f.Time > p.Limit {
				t.Errorf("%s %q: %v, over %v", f.Profile, f.Query, f.Time.Round(time.Millisecond), p.Limit)
			}
		}
		// search.js, then the lists, positions and fragments and texts.
		if f.Waves > 4 {
			t.Errorf("%s %q: %d request waves after the page's HTML (search.js and 3 after it)", f.Profile, f.Query, f.Waves)
		}
	}
}
