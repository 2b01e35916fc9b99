package check

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testNow is "today" for every check test, so the golden files do not age.
var testNow = time.Date(2025, 6, 30, 10, 0, 0, 0, time.Local)

// copySite copies a testdata site into a temporary folder, adding stand-in
// layouts for the special pages the theme may not have yet (another
// engineer's work), so a check of the copy depends only on the content.
func copySite(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	AddStubLayouts(t, dst)
	return dst
}

// AddStubLayouts writes minimal layouts/<name> into a site for each special
// page layout the default theme lacks.
func AddStubLayouts(t testing.TB, dir string) {
	t.Helper()
	for _, name := range []string{"stats.html", "search.html", "gallery.html"} {
		if _, err := fs.Stat(themes.Default, "default/layouts/"+name); err == nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "layouts", name)); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
			t.Fatal(err)
		}
		stub := `{{define "main"}}<h1 id="top">{{.Title}}</h1>{{end}}`
		if err := os.WriteFile(filepath.Join(dir, "layouts", name), []byte(stub), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// TestMistakes is the acceptance test of check: a site with one of each
// common mistake, each reported exactly once at its file and line, and
// nothing else.
func TestMistakes(t *testing.T) {
	dir := copySite(t, filepath.Join("testdata", "mistakes"))
	res := Run(Options{Source: dir, Now: testNow})
	for _, lang := range []diag.Lang{diag.Chinese, diag.English} {
		var b bytes.Buffer
		Format(&b, res, lang)
		name := "mistakes.golden"
		if lang == diag.English {
			name = "mistakes.en.golden"
		}
		golden(t, name, b.Bytes())
	}
	seen := map[string]bool{}
	for _, p := range res.Problems {
		key := p.Format(diag.English)
		if seen[key] {
			t.Errorf("reported twice: %s", key)
		}
		seen[key] = true
		if strings.Contains(key, dir) {
			t.Errorf("message names the temporary folder: %s", key)
		}
	}
}
