package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/corpus"
	"dangjian/generator/mdcache"
	"dangjian/generator/output"
	"dangjian/generator/sitetest"
)

// The incremental build (markdown cache, linked output files) must give
// exactly the bytes of a cold build: these tests build a site, change it,
// rebuild it warm, and compare with a cold build of the changed site into
// another folder, every file including search/.

var incrNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func incrSite(t *testing.T, pages int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: pages, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func incrBuild(t *testing.T, src, dest string, noCache bool) *Result {
	t.Helper()
	res, err := Build(Options{Source: src, Dest: dest, Now: incrNow, NoCache: noCache})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameTree fails unless both folders hold the same files with the same bytes.
func sameTree(t *testing.T, warm, cold string) {
	t.Helper()
	a, b := sitetest.ReadTree(t, warm), sitetest.ReadTree(t, cold)
	bad := 0
	for p, data := range a {
		other, ok := b[p]
		switch {
		case !ok:
			t.Errorf("%s: only in the warm build", p)
		case !bytes.Equal(data, other):
			t.Errorf("%s: warm and cold builds differ", p)
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatal("too many differences")
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s: only in the cold build", p)
		}
	}
	if !hasPrefix(a, "search/") {
		t.Error("no search index in the output")
	}
}

func hasPrefix(files map[string][]byte, prefix string) bool {
	for p := range files {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// differs fails when a change left the output as it was: the case would
// prove nothing.
func differs(t *testing.T, before map[string][]byte, dir string) {
	t.Helper()
	after := sitetest.ReadTree(t, dir)
	if len(after) != len(before) {
		return
	}
	for p, data := range after {
		if !bytes.Equal(before[p], data) {
			return
		}
	}
	t.Fatal("the change did not change the output")
}

func editFile(t *testing.T, file string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(data))
	if out == string(data) {
		t.Fatalf("%s: edit changed nothing", file)
	}
	writeFile(t, file, out)
}

func writeFile(t *testing.T, file, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWarmBuildEqualsCold(t *testing.T) {
	src := incrSite(t, 60)
	pub := filepath.Join(src, "public")
	cold := incrBuild(t, src, pub, false)
	if cold.MarkdownCached != 0 || cold.Linked != 0 {
		t.Fatalf("first build reused %d markdown results and %d files", cold.MarkdownCached, cold.Linked)
	}
	before := sitetest.ReadTree(t, pub)
	first := filepath.Join(t.TempDir(), "first")
	incrBuild(t, src, first, true)
	sameTree(t, pub, first)

	// Nothing changed: every page from the cache, every file linked.
	same := incrBuild(t, src, pub, false)
	if same.MarkdownCached == 0 || same.Linked != same.Files {
		t.Errorf("unchanged rebuild: %d markdown results cached, %d of %d files linked", same.MarkdownCached, same.Linked, same.Files)
	}

	editFile(t, filepath.Join(src, "content/news/n00003.md"), func(s string) string {
		return s + "\n\n增补一段：全体党员参加了专题学习会。\n"
	})
	warm := incrBuild(t, src, pub, false)
	if warm.MarkdownCached != same.MarkdownCached-1 {
		t.Errorf("after one edit %d pages came from the cache, want %d", warm.MarkdownCached, same.MarkdownCached-1)
	}
	if warm.Linked == 0 || warm.Linked >= warm.Files {
		t.Errorf("after one edit %d of %d files linked", warm.Linked, warm.Files)
	}
	differs(t, before, pub)

	coldDir := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, coldDir, true)
	sameTree(t, pub, coldDir)
}

// TestChangeInvalidates changes each kind of input the markdown cache and the
// linked files could keep stale; each warm output must equal a cold build's.
func TestChangeInvalidates(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, src string)
	}{
		{"layout", func(t *testing.T, src string) {
			data, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "news", "single.html"))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(data), "{{end}}", `<p class="changed-layout">改版</p>{{end}}`, 1)
			writeFile(t, filepath.Join(src, "layouts", "news", "single.html"), s)
		}},
		{"site.toml", func(t *testing.T, src string) {
			editFile(t, filepath.Join(src, "site.toml"), func(s string) string {
				return strings.Replace(s, `title = "卫生健康系统党建工作网"`, `title = "卫生健康党建网"`, 1)
			})
		}},
		{"unsafe_html", func(t *testing.T, src string) {
			editFile(t, filepath.Join(src, "site.toml"), func(s string) string {
				return strings.Replace(s, "paginate = 20\n", "paginate = 20\nunsafe_html = true\n", 1)
			})
			editFile(t, filepath.Join(src, "content/news/n00003.md"), func(s string) string {
				return s + "\n\n<span class=\"raw\">原样</span>\n"
			})
		}},
		{"static", func(t *testing.T, src string) {
			writeFile(t, filepath.Join(src, "static", "css", "extra.css"), "body { color: #111; }\n")
		}},
		{"logo", func(t *testing.T, src string) {
			editFile(t, filepath.Join(src, "content/images/units/unit-04.svg"), func(s string) string {
				return strings.Replace(s, "</svg>", `<circle cx="1" cy="1" r="1"/></svg>`, 1)
			})
		}},
		{"labels", func(t *testing.T, src string) {
			editFile(t, filepath.Join(src, "site.toml"), func(s string) string {
				return s + "\n[labels]\npage_sitemap = \"站点地图\"\n"
			})
		}},
		{"labels.toml", func(t *testing.T, src string) {
			data, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "labels.toml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(src, "labels.toml"), strings.Replace(string(data), "工作动态", "工作新闻", -1))
		}},
		{"linked page's URL", func(t *testing.T, src string) {
			// A page links to another's Markdown file: the link becomes that
			// page's URL, which a slug change moves. The linking page's own
			// source is unchanged (it was built with the link before).
			editFile(t, filepath.Join(src, "content/news/n00003.md"), func(s string) string {
				return strings.Replace(s, "+++\n", "+++\nslug = \"renamed-news\"\n", 1)
			})
		}},
		{"front matter only", func(t *testing.T, src string) {
			editFile(t, filepath.Join(src, "content/news/n00014.md"), func(s string) string {
				return strings.Replace(s, "title = \"", "title = \"（更新）", 1)
			})
		}},
		{"page removed", func(t *testing.T, src string) {
			if err := os.Remove(filepath.Join(src, "content/news/n00014.md")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := incrSite(t, 40)
			if c.name == "linked page's URL" {
				editFile(t, filepath.Join(src, "content/news/n00014.md"), func(s string) string {
					return s + "\n\n参见[另一篇](n00003.md)。\n"
				})
			}
			pub := filepath.Join(src, "public")
			incrBuild(t, src, pub, false)
			before := sitetest.ReadTree(t, pub)
			c.change(t, src)
			warm := incrBuild(t, src, pub, false)
			differs(t, before, pub)
			if c.name == "static" && warm.Linked == 0 {
				t.Error("a static file's change linked nothing")
			}
			other := filepath.Join(t.TempDir(), "cold")
			incrBuild(t, src, other, true)
			sameTree(t, pub, other)
		})
	}
}

// TestBrokenCacheIgnored damages cache entries, the output list and a
// published file: the rebuild must redo them, never publish the damage.
func TestBrokenCacheIgnored(t *testing.T) {
	src := incrSite(t, 40)
	pub := filepath.Join(src, "public")
	cold := incrBuild(t, src, pub, false)

	entries := mdcache.Spans(filepath.Join(src, CacheDir, "markdown"))
	if len(entries) < 4 {
		t.Fatalf("%d cache entries", len(entries))
	}
	// Half an entry zeroed, one byte flipped, and another page's entry in
	// its place (as much of it as fits).
	damage := func(e mdcache.Span, f func(b []byte)) {
		f2, err := os.OpenFile(e.Pack, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f2.Close()
		b := make([]byte, e.Size)
		f2.ReadAt(b, e.Off)
		f(b)
		f2.WriteAt(b, e.Off)
	}
	damage(entries[0], func(b []byte) { clear(b[len(b)/2:]) })
	damage(entries[1], func(b []byte) { b[len(b)-10] ^= 0x20 })
	other := make([]byte, entries[3].Size)
	if f, err := os.Open(entries[3].Pack); err == nil {
		f.ReadAt(other, entries[3].Off)
		f.Close()
	}
	damage(entries[2], func(b []byte) { copy(b, other) })

	// A published file changed by hand, same size: must not be linked.
	page := filepath.Join(pub, "index.html")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, bytes.Replace(data, []byte("<html"), []byte("<HTML"), 1), 0o644)
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(page, later, later)

	warm := incrBuild(t, src, pub, false)
	if want := len(entries) - 3; warm.MarkdownCached != want {
		t.Errorf("%d pages from the cache, want %d (3 damaged)", warm.MarkdownCached, want)
	}
	if warm.Linked == 0 || warm.Linked >= cold.Files-1 {
		t.Errorf("%d of %d files linked", warm.Linked, warm.Files)
	}
	coldDir := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, coldDir, true)
	sameTree(t, pub, coldDir)

	// A damaged output list: nothing is linked, the output is still right.
	manifests, _ := filepath.Glob(filepath.Join(src, CacheDir, "output", "*.manifest"))
	if len(manifests) != 1 {
		t.Fatalf("output lists: %v", manifests)
	}
	data, _ = os.ReadFile(manifests[0])
	os.WriteFile(manifests[0], bytes.Replace(data, []byte(" "), []byte("  "), 1), 0o644)
	again := incrBuild(t, src, pub, false)
	if again.Linked != again.Kept {
		t.Errorf("%d files linked through a damaged output list", again.Linked-again.Kept)
	}
	sameTree(t, pub, coldDir)

	// A damaged spare manifest: nothing is kept from the spare. (The
	// build above had no manifest of the output it replaced, so the spare
	// it left has none: one more build makes a spare with a manifest.)
	incrBuild(t, src, pub, false)
	spareMan := filepath.Join(output.SpareDir(pub), output.SpareManifest)
	data, err := os.ReadFile(spareMan)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(spareMan, bytes.Replace(data, []byte(" "), []byte("  "), 1), 0o644)
	if again := incrBuild(t, src, pub, false); again.Kept != 0 {
		t.Errorf("%d files kept through a damaged spare manifest", again.Kept)
	}
	sameTree(t, pub, coldDir)
}

// TestFailedBuildLeavesLinkedOutput: a build that fails after linking files
// must leave the previous output's files as they were.
func TestFailedBuildLeavesLinkedOutput(t *testing.T) {
	src := incrSite(t, 30)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	before := sitetest.ReadTree(t, pub)
	writeFile(t, filepath.Join(src, "layouts", "news", "single.html"), `{{define "main"}}{{.Page.NoSuchField}}{{end}}`)
	if _, err := Build(Options{Source: src, Dest: pub, Now: incrNow}); err == nil {
		t.Fatal("a broken layout built")
	}
	unchangedByFailure(t, before, pub)
}

// unchangedByFailure fails unless the output at pub is still before, byte for
// byte, after a build that failed.
func unchangedByFailure(t *testing.T, before map[string][]byte, pub string) {
	t.Helper()
	after := sitetest.ReadTree(t, pub)
	if len(after) != len(before) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed by a failed build", p)
		}
	}
}
