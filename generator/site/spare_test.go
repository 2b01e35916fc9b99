package site

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dangjian/generator/output"
	"dangjian/generator/sitetest"
)

// folders lists the folders below dir, by slash path.
func folders(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// checkSpare fails unless the spare holds exactly the output before the
// last build (prev), and its manifest tells the truth about every file it
// would let the next build keep.
func checkSpare(t *testing.T, pub string, prev map[string][]byte, prevDirs []string) {
	t.Helper()
	spare := output.SpareDir(pub)
	got := sitetest.ReadTree(t, spare)
	man := got[output.SpareManifest]
	delete(got, output.SpareManifest)
	if len(got) != len(prev) {
		t.Errorf("spare: %d files, the previous output had %d", len(got), len(prev))
	}
	for p, data := range prev {
		if !bytes.Equal(got[p], data) {
			t.Errorf("spare: %s is not the previous output's", p)
		}
	}
	if d := folders(t, spare); strings.Join(d, " ") != strings.Join(prevDirs, " ") {
		t.Errorf("spare's folders differ from the previous output's")
	}
	if man == nil {
		return
	}
	m := output.LoadManifest(filepath.Join(spare, output.SpareManifest))
	if m == nil {
		t.Fatal("the spare's manifest does not load")
	}
	for p, f := range m.Files {
		st, err := os.Lstat(filepath.Join(spare, filepath.FromSlash(p)))
		if err != nil || st.Size() != f.Size || st.ModTime().UnixNano() != f.Mtime {
			continue // not kept by the next build
		}
		if sha256.Sum256(got[p]) != f.Sum {
			t.Errorf("spare manifest: %s is listed with other bytes and its size and time", p)
		}
	}
}

// Builds in a row with edits, removals, additions, a foreign file and a
// --no-cache build between them: each output equals a cold build's, file
// for file and folder for folder, and the spare is the output before.
func TestSpareWarmBuildsEqualCold(t *testing.T) {
	src := incrSite(t, 60)
	pub := filepath.Join(src, "public")
	steps := []struct {
		name   string
		change func(t *testing.T)
		// noCache: this build is --no-cache (the spare stays as it was).
		noCache bool
		kept    bool // some files must come from the spare
	}{
		{name: "first"},
		{name: "unchanged"},
		{name: "body edit", kept: true, change: func(t *testing.T) {
			editFile(t, filepath.Join(src, "content/news/n00003.md"), func(s string) string {
				return s + "\n\n增补一段：全体党员参加了专题学习会。\n"
			})
		}},
		{name: "page removed", kept: true, change: func(t *testing.T) {
			if err := os.Remove(filepath.Join(src, "content/news/n00005.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "page added", kept: true, change: func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(src, "content/news/n00007.md"))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(data), "title = \"", "title = \"新增：", 1)
			writeFile(t, filepath.Join(src, "content/news/n09999.md"), s)
		}},
		{name: "foreign files in the output and the spare", kept: true, change: func(t *testing.T) {
			writeFile(t, filepath.Join(pub, "officer-note.html"), "手工放入")
			writeFile(t, filepath.Join(output.SpareDir(pub), "stray", "x.html"), "x")
			os.MkdirAll(filepath.Join(output.SpareDir(pub), "empty", "folder"), 0o755)
		}},
		{name: "output changed in place", kept: true, change: func(t *testing.T) {
			// The output shares these files with the spare.
			for _, p := range []string{"index.html", "units/index.html"} {
				f, err := os.OpenFile(filepath.Join(pub, p), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString("<script>手工改动</script>")
				f.Close()
			}
		}},
		{name: "title edit", kept: true, change: func(t *testing.T) {
			editFile(t, filepath.Join(src, "content/news/n00010.md"), func(s string) string {
				return strings.Replace(s, "title = \"", "title = \"（更新）", 1)
			})
		}},
		{name: "no-cache", noCache: true, change: func(t *testing.T) {
			editFile(t, filepath.Join(src, "content/news/n00011.md"), func(s string) string {
				return s + "\n\n再补一段。\n"
			})
		}},
		{name: "after no-cache", kept: true, change: func(t *testing.T) {
			editFile(t, filepath.Join(src, "content/news/n00012.md"), func(s string) string {
				return s + "\n\n又补一段。\n"
			})
		}},
		// The spare is now the --no-cache build's output, which no
		// manifest describes (that build wrote none): nothing is kept.
		{name: "static file added", change: func(t *testing.T) {
			writeFile(t, filepath.Join(src, "static", "css", "extra.css"), "body { color: #111; }\n")
		}},
		{name: "logo changed", kept: true, change: func(t *testing.T) {
			editFile(t, filepath.Join(src, "content/images/units/unit-04.svg"), func(s string) string {
				return strings.Replace(s, "</svg>", `<circle cx="1" cy="1" r="1"/></svg>`, 1)
			})
		}},
	}
	var prev map[string][]byte
	var prevDirs []string
	for i, st := range steps {
		if st.change != nil {
			st.change(t)
		}
		if i > 0 {
			prev, prevDirs = sitetest.ReadTree(t, pub), folders(t, pub)
		}
		spareBefore := map[string][]byte(nil)
		if st.noCache {
			spareBefore = sitetest.ReadTree(t, output.SpareDir(pub))
		}
		res := incrBuild(t, src, pub, st.noCache)
		if st.kept && res.Kept == 0 {
			t.Errorf("%s: nothing kept from the spare", st.name)
		}
		cold := filepath.Join(t.TempDir(), "cold")
		incrBuild(t, src, cold, true)
		sameTree(t, pub, cold)
		if a, b := folders(t, pub), folders(t, cold); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: the warm output's folders differ from the cold one's", st.name)
		}
		switch {
		case i == 0:
			if _, err := os.Lstat(output.SpareDir(pub)); err == nil {
				t.Error("a spare after the first build")
			}
		case st.noCache:
			after := sitetest.ReadTree(t, output.SpareDir(pub))
			if len(after) != len(spareBefore) {
				t.Errorf("%s: the spare changed", st.name)
			}
		default:
			checkSpare(t, pub, prev, prevDirs)
		}
		if t.Failed() {
			t.Fatalf("step %q failed", st.name)
		}
		if m, _ := filepath.Glob(filepath.Join(src, output.TempPrefix+"*")); len(m) > 0 {
			t.Fatalf("%s: left %v", st.name, m)
		}
	}
}

// A build that fails after writing (a broken link) leaves the output as it
// was; the spare it was updating is gone, and the next build is right.
func TestSpareFailedBuild(t *testing.T) {
	src := incrSite(t, 30)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	incrBuild(t, src, pub, false)
	before := sitetest.ReadTree(t, pub)
	page := filepath.Join(src, "content/news/n00003.md")
	orig, _ := os.ReadFile(page)
	writeFile(t, page, string(orig)+"\n\n[坏链接](/no/such/page/)\n")
	if _, err := Build(Options{Source: src, Dest: pub, Now: incrNow}); err == nil {
		t.Fatal("a broken link built")
	}
	unchangedByFailure(t, before, pub)
	if m, _ := filepath.Glob(filepath.Join(src, output.TempPrefix+"*")); len(m) > 0 {
		t.Errorf("left %v", m)
	}
	writeFile(t, page, string(orig)+"\n\n修好了。\n")
	incrBuild(t, src, pub, false)
	res := incrBuild(t, src, pub, false)
	if res.Kept == 0 {
		t.Error("nothing kept from the spare two builds after a failure")
	}
	cold := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, cold, true)
	sameTree(t, pub, cold)
}
