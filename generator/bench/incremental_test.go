package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/corpus"
)

// TestHugoSiteBuildsEveryPage checks the Hugo comparison is fair: Hugo
// accepts the corpus's front matter and makes a page of every content page.
// It needs hugo on PATH (not in CI).
func TestHugoSiteBuildsEveryPage(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not on PATH")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	sum, err := corpus.Generate(src, corpus.Options{Pages: 60, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	hs := filepath.Join(dir, "hugo")
	if err := writeHugoSite(hs, filepath.Join(src, "content")); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(hugo, "--quiet", "--source", hs, "--cacheDir", filepath.Join(hs, "cache")).CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	pages := 0
	filepath.WalkDir(filepath.Join(hs, "public"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "index.html") {
			data, _ := os.ReadFile(p)
			if strings.Contains(string(data), "<article>") {
				pages++
			}
		}
		return nil
	})
	// Drafts are left out by both tools.
	want := 0
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && filepath.Base(p) != "_index.md" {
			data, _ := os.ReadFile(p)
			if !strings.Contains(string(data), "\ndraft = true\n") {
				want++
			}
		}
		return nil
	})
	if want < 50 {
		t.Fatalf("%d published pages in a corpus of %d", want, sum.ByKind["news"])
	}
	if pages != want {
		t.Errorf("hugo made %d article pages, the corpus has %d content pages", pages, want)
	}
}
