package search_test

import (
	"encoding/gob"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dangjian/generator/search"
	"dangjian/generator/site"
)

// corpusDocs loads the docs of the site in $DANGJIAN_SEARCH_CORPUS (e.g. a
// folder cmd/gencorpus wrote), caching them as a gob beside it; the test is
// skipped when the variable is unset, so CI does not build big corpora.
func corpusDocs(t testing.TB) []search.Doc {
	src := os.Getenv("DANGJIAN_SEARCH_CORPUS")
	if src == "" {
		t.Skip("set DANGJIAN_SEARCH_CORPUS to a site folder to run")
	}
	cache := filepath.Join(src, ".dangjian-search-docs.gob")
	if f, err := os.Open(cache); err == nil {
		defer f.Close()
		var docs []search.Doc
		if err := gob.NewDecoder(f).Decode(&docs); err == nil {
			return docs
		}
	}
	site, probs := site.Load(site.Options{Source: src}, nil)
	for _, p := range probs {
		t.Log(p)
	}
	if site == nil {
		t.Fatal("site did not load")
	}
	var docs []search.Doc
	for _, p := range site.Render.C.All {
		docs = append(docs, search.DocFromPage(p))
	}
	if f, err := os.Create(cache); err == nil {
		gob.NewEncoder(f).Encode(docs)
		f.Close()
	}
	return docs
}

type memWriter struct {
	mu    sync.Mutex
	files map[string]int
	bytes int64
}

func (w *memWriter) WriteFile(p string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil {
		w.files = map[string]int{}
	}
	w.files[p] = len(data)
	w.bytes += int64(len(data))
	return nil
}

type diskWriter string

func (d diskWriter) WriteFile(p string, data []byte) error {
	full := filepath.Join(string(d), filepath.FromSlash(p))
	os.MkdirAll(filepath.Dir(full), 0o755)
	return os.WriteFile(full, data, 0o644)
}

var corpusQueries = []string{"党", "党建", "示范点", "光明眼科", "不存在的词语", "党建品牌", "党支部标准化", "岳卫党发", "红色引擎", "先进基层党组织"}

func TestCorpusIndex(t *testing.T) {
	docs := corpusDocs(t)
	runtime.GC()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	w := &memWriter{}
	var ru0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	start := time.Now()
	st, err := search.Write(docs, w, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mem := time.Since(start)
	runtime.ReadMemStats(&ms1)
	byDir := map[string][2]int{}
	for p, n := range w.files {
		d := strings.SplitN(strings.TrimPrefix(p, "search/"), "/", 2)[0]
		if !strings.Contains(strings.TrimPrefix(p, "search/"), "/") {
			d = "(top)"
		}
		v := byDir[d]
		byDir[d] = [2]int{v[0] + 1, v[1] + n}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	t.Logf("Write CPU: user %v sys %v", time.Duration(ru.Utime.Nano()-ru0.Utime.Nano()), time.Duration(ru.Stime.Nano()-ru0.Stime.Nano()))
	t.Logf("%d docs: in memory %v, %d files, %.1f MB, alloc %.0f MB", len(docs), mem, st.Files, float64(st.Bytes)/1e6, float64(ms1.TotalAlloc-ms0.TotalAlloc)/1e6)
	for d, v := range byDir {
		t.Logf("  %-6s %6d files %8.1f MB", d, v[0], float64(v[1])/1e6)
	}
	if os.Getenv("DANGJIAN_SEARCH_MEMONLY") != "" {
		return
	}
	dir := filepath.Join(os.Getenv("DANGJIAN_SEARCH_OUT"))
	if dir == "" {
		dir = t.TempDir()
	} else {
		os.RemoveAll(filepath.Join(dir, "search"))
	}
	start = time.Now()
	if _, err := search.Write(docs, diskWriter(dir), search.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("to disk (%s): %v", dir, time.Since(start))
	for _, q := range corpusQueries {
		c, err := search.QueryCost(dir, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-12s %5d hits %4d files %7.1f KB", q, c.Hits, len(c.Files), float64(c.Bytes)/1024)
	}
}
