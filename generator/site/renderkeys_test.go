package site

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/sitetest"
)

// TestOwnFieldsOnlyOnOwnPage is what render skipping rests on: with the
// built-in layouts, the fields the markdown stage makes from a page's body
// (ownFields) appear only on that page's own file, never on a list, the home
// page or another page. Each half of the pages gets other values in every
// own field; only the files of those pages may change.
func TestOwnFieldsOnlyOnOwnPage(t *testing.T) {
	src := incrSite(t, 60)
	s, probs := Load(Options{Source: src, Now: incrNow}, nil)
	if errs := errorsOf(probs); len(errs) > 0 {
		t.Fatal(errs)
	}
	if fine, _, err := layoutsKey(s); err != nil || !fine {
		t.Fatalf("the corpus site's layouts are not the built-in ones (%v)", err)
	}
	renderAll := func() map[string][]byte {
		mem := output.NewMemory()
		r := s.Renderer()
		if _, probs := r.Render(render.Plan(s.Render), mem); len(probs) > 0 {
			t.Fatal(probs)
		}
		out := map[string][]byte{}
		for _, p := range mem.Paths() {
			out[p], _ = mem.Get(p)
		}
		return out
	}
	base := renderAll()
	jobs := render.Plan(s.Render)
	for half := range 2 {
		saved := map[*content.Page]content.Page{}
		changed := map[*content.Page]bool{}
		for i, p := range s.Content.Pages {
			if i%2 != half {
				continue
			}
			saved[p] = *p
			changed[p] = true
			setOwnFields(t, p)
		}
		after := renderAll()
		differ := 0
		for _, j := range jobs {
			out := render.OutPath(j.URL)
			same := bytes.Equal(base[out], after[out])
			if j.Ctx.Page != nil && changed[j.Ctx.Page] {
				if !same {
					differ++
				}
				continue
			}
			if !same {
				t.Errorf("%s (%s) shows another page's body fields", out, j.Ctx.Kind)
			}
		}
		if differ == 0 {
			t.Fatal("changing the own fields changed no page: the test proves nothing")
		}
		for p, v := range saved {
			*p = v
		}
	}
}

// setOwnFields gives every field of ownFields a value no page has.
func setOwnFields(t *testing.T, p *content.Page) {
	t.Helper()
	set := map[string]any{
		"HTML":           template.HTML(`<p id="x-own">本页独有正文 ` + p.Path + `</p>`),
		"TOC":            []content.Heading{{Level: 2, ID: "o1", Text: "独有一"}, {Level: 2, ID: "o2", Text: "独有二"}, {Level: 3, ID: "o3", Text: "独有三"}},
		"Plain":          "本页独有文字 " + p.Path,
		"ReadingMinutes": 97,
		"Links":          []content.Link{{Dest: "/own/", Line: 3}},
		"HeadingIDs":     []string{"o1", "o2", "o3"},
	}
	v := reflect.ValueOf(p).Elem()
	for name := range ownFields {
		val, ok := set[name]
		if !ok {
			t.Fatalf("no test value for own field %s", name)
		}
		v.FieldByName(name).Set(reflect.ValueOf(val))
	}
}

// TestRenderSkipping: which pages a warm build renders again, and that its
// output is a cold build's each time.
func TestRenderSkipping(t *testing.T) {
	src := incrSite(t, 60)
	pub := filepath.Join(src, "public")
	cold := incrBuild(t, src, pub, false)
	if cold.RenderSkipped != 0 {
		t.Fatalf("first build skipped %d pages", cold.RenderSkipped)
	}
	// Pages an #anchor link leads to are always rendered (the link check
	// reads their HTML), and so is the search page.
	s, _ := Load(Options{Source: src, Now: incrNow}, nil)
	anchored := 0
	for _, j := range render.Plan(s.Render) {
		// The search page is made after the search index, every build.
		if s.anchorTargets()[render.OutPath(j.URL)] || j.Ctx.Kind == "search" {
			anchored++
		}
	}
	same := incrBuild(t, src, pub, false)
	if same.RenderSkipped != same.HTMLPages-anchored {
		t.Errorf("unchanged rebuild skipped %d of %d pages, want all but %d", same.RenderSkipped, same.HTMLPages, anchored)
	}
	if !same.SearchLinked {
		t.Error("unchanged rebuild made the search index again")
	}
	news := filepath.Join(src, "content/news/n00003.md")
	steps := []struct {
		name string
		edit func(string) string
		// all: every page renders again (a change to what lists show).
		all bool
	}{
		{"body after the summary", func(s string) string {
			return s + "\n\n增补一段：全体党员参加了专题学习会。\n"
		}, false},
		{"body start (the summary)", func(s string) string {
			return strings.Replace(s, "+++\n\n", "+++\n\n导语：本文摘要已经改写。\n\n", 1)
		}, true},
		{"title", func(s string) string {
			return strings.Replace(s, `title = "`, `title = "（修订）`, 1)
		}, true},
		{"date", func(s string) string {
			return strings.Replace(s, "date = 20", "date = 19", 1)
		}, true},
	}
	for _, st := range steps {
		before := sitetest.ReadTree(t, pub)
		editFile(t, news, st.edit)
		warm := incrBuild(t, src, pub, false)
		differs(t, before, pub)
		want := warm.HTMLPages - anchored - 1
		if st.all {
			want = 0
		}
		if warm.RenderSkipped != want {
			t.Errorf("%s: %d of %d pages skipped, want %d", st.name, warm.RenderSkipped, warm.HTMLPages, want)
		}
		if warm.SearchLinked {
			t.Errorf("%s: the search index was linked", st.name)
		}
		// A date moves the page's search id, and those between.
		if !warm.SearchUpdated && st.name != "date" {
			t.Errorf("%s: the search index was made anew, not updated", st.name)
		}
		other := filepath.Join(t.TempDir(), "cold")
		incrBuild(t, src, other, true)
		sameTree(t, pub, other)
	}
}

// TestRenderKeysOwnLayouts: with a layout of the site's own, which may show
// any page's body anywhere, a body edit renders every page again.
func TestRenderKeysOwnLayouts(t *testing.T) {
	src := incrSite(t, 40)
	data, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The home page shows the newest news' whole body: a body the
	// built-in layouts show only on its own page.
	home := strings.Replace(string(data), "{{- with .Page}}", `{{range first 1 .Site.WorkNews}}<div class="latest">{{.HTML}}</div>{{end}}{{- with .Page}}`, 1)
	if home == string(data) {
		t.Fatal("index.html changed: update the test")
	}
	writeFile(t, filepath.Join(src, "layouts", "index.html"), home)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	s, _ := Load(Options{Source: src, Now: incrNow}, nil)
	newest := s.Render.WorkNews()[0]
	editFile(t, filepath.Join(src, newest.Path), func(s string) string {
		return s + "\n\n首页也显示的补充段落。\n"
	})
	warm := incrBuild(t, src, pub, false)
	if warm.RenderSkipped != 0 {
		t.Errorf("%d pages skipped with the site's own layouts", warm.RenderSkipped)
	}
	page, _ := os.ReadFile(filepath.Join(pub, "index.html"))
	if !bytes.Contains(page, []byte("首页也显示的补充段落")) {
		t.Error("the home page does not show the edited body")
	}
	other := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, other, true)
	sameTree(t, pub, other)
}

// TestRenderKeysFileChecked: a damaged keys file skips nothing, and keys of
// an older build (its file kept while the output moved on) never link a
// file they did not make.
func TestRenderKeysFileChecked(t *testing.T) {
	src := incrSite(t, 40)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	keysFile := renderKeysFile(Options{Source: src, Dest: pub}.withDefaults())
	old, err := os.ReadFile(keysFile)
	if err != nil {
		t.Fatal(err)
	}
	news := filepath.Join(src, "content/news/n00003.md")
	orig, _ := os.ReadFile(news)
	editFile(t, news, func(s string) string { return s + "\n\n临时增补的一段。\n" })
	incrBuild(t, src, pub, false)
	// Back to the first build's keys and source: the page's key is the
	// old one again, but the output holds the edited page.
	if err := os.WriteFile(keysFile, old, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, news, string(orig))
	back := incrBuild(t, src, pub, false)
	if back.RenderSkipped == 0 || back.RenderSkipped >= back.HTMLPages {
		t.Errorf("%d of %d pages skipped", back.RenderSkipped, back.HTMLPages)
	}
	other := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, other, true)
	sameTree(t, pub, other)

	data, _ := os.ReadFile(keysFile)
	os.WriteFile(keysFile, bytes.Replace(data, []byte(" "), []byte("  "), 1), 0o644)
	again := incrBuild(t, src, pub, false)
	if again.RenderSkipped != 0 {
		t.Errorf("%d pages skipped through a damaged keys file", again.RenderSkipped)
	}
	sameTree(t, pub, other)
}

// TestSearchLinked: a change that leaves every search doc as it was (here
// the site's title) links the previous index; a search file changed by hand
// in the output is not linked, and the index is made again.
func TestSearchLinked(t *testing.T) {
	src := incrSite(t, 40)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	before := sitetest.ReadTree(t, pub)
	editFile(t, filepath.Join(src, "site.toml"), func(s string) string {
		return strings.Replace(s, `title = "卫生健康系统党建工作网"`, `title = "卫生健康党建网"`, 1)
	})
	warm := incrBuild(t, src, pub, false)
	differs(t, before, pub)
	if !warm.SearchLinked || warm.RenderSkipped != 0 {
		t.Errorf("site title changed: search linked %v, %d pages skipped", warm.SearchLinked, warm.RenderSkipped)
	}
	other := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, other, true)
	sameTree(t, pub, other)

	// A published search file changed by hand, same size.
	meta := filepath.Join(pub, "search", "meta.js")
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(meta, bytes.Replace(data, []byte("["), []byte("("), 1), 0o644)
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(meta, later, later)
	again := incrBuild(t, src, pub, false)
	if again.SearchLinked {
		t.Error("the search index was linked over a changed file")
	}
	sameTree(t, pub, other)
}
