package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dangjian/generator/config"
	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/theme"
)

// page returns a file Render wrote, "" when it wrote none.
func page(m *output.Memory, p string) string {
	data, _ := m.Get(p)
	return string(data)
}

// parseTheme parses layouts given as path → source, with tick, a function
// that counts how often templates call it.
func parseTheme(t *testing.T, layouts map[string]string) (*Templates, *int) {
	t.Helper()
	dir := t.TempDir()
	for rel, src := range layouts {
		p := filepath.Join(dir, "themes", "t", "layouts", rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	th, err := theme.Open(dir, "t")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	ticks := 0
	funcs := Funcs(nil)
	funcs["tick"] = func() int {
		mu.Lock()
		defer mu.Unlock()
		ticks++
		return ticks
	}
	tpl, probs := ParseTemplates(th, funcs, TemplateOptions{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return tpl, &ticks
}

func TestPartialCachedRunsOncePerVariantAndPass(t *testing.T) {
	tpl, ticks := parseTheme(t, map[string]string{
		"_default/baseof.html": `{{partialCached "partials/stamp.html" . .Title}}|{{block "main" .}}{{end}}`,
		"partials/stamp.html":  `[{{tick}} {{.Title}}]`,
		"page.html":            `{{define "main"}}{{.URL}}{{end}}`,
	})
	site := &Site{}
	job := func(url, title string) Job {
		return Job{URL: url, Layouts: []string{"page.html"}, Ctx: &Context{Site: site, URL: url, Title: title}}
	}
	r := &Renderer{Templates: tpl, Links: NewLinks("/")}
	w := output.NewMemory()
	if _, probs := r.Render([]Job{job("/a/", "A")}, w); len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := page(w, "a/index.html"); got != "[1 A]|/a/" {
		t.Errorf("first page: %q", got)
	}

	// A new pass starts empty, then reuses within itself: two jobs with
	// the variant A run the partial once, B once.
	w = output.NewMemory()
	if _, probs := r.Render([]Job{job("/b/", "A"), job("/c/", "A"), job("/d/", "B")}, w); len(probs) > 0 {
		t.Fatal(probs)
	}
	if *ticks != 3 {
		t.Errorf("the partial ran %d times over two passes, want 3 (A, then A and B)", *ticks)
	}
	b, _, _ := strings.Cut(page(w, "b/index.html"), "|")
	c, _, _ := strings.Cut(page(w, "c/index.html"), "|")
	if b == "" || b != c || !strings.HasSuffix(page(w, "c/index.html"), "|/c/") {
		t.Errorf("pages with the same variant differ: %q, %q", page(w, "b/index.html"), page(w, "c/index.html"))
	}
	if !strings.Contains(page(w, "d/index.html"), " B]") {
		t.Errorf("variant B got another variant's output: %q", page(w, "d/index.html"))
	}

	// Outside a Render pass nothing is cached.
	for range 2 {
		if _, p := r.Page(job("/e/", "A")); p != nil {
			t.Fatal(*p)
		}
	}
	if *ticks != 5 {
		t.Errorf("outside a pass the partial ran %d times in all, want 5", *ticks)
	}
}

func TestPartialCachedErrorNamesThePartial(t *testing.T) {
	tpl, _ := parseTheme(t, map[string]string{
		"_default/baseof.html": `{{partialCached "partials/bad.html" .}}{{block "main" .}}{{end}}`,
		"partials/bad.html":    "ok\n{{index .Data 5}}",
		"page.html":            `{{define "main"}}x{{end}}`,
	})
	r := &Renderer{Templates: tpl, Links: NewLinks("/")}
	_, probs := r.Render([]Job{{URL: "/a/", Layouts: []string{"page.html"}, Ctx: &Context{Site: &Site{}, URL: "/a/", Data: []int{1}}}}, output.NewMemory())
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "partials/bad.html:2") {
		t.Fatalf("want one problem naming partials/bad.html:2, got %v", probs)
	}
}

func TestCurrentMenu(t *testing.T) {
	site := &Site{Config: config.Config{Menu: []config.MenuItem{
		{Name: "首页", URL: "/"}, {Name: "动态", URL: "/news/"}, {Name: "通报", URL: "/news/tongbao/"}, {Name: "品牌", URL: "/brands/"},
	}}}
	for _, c := range []struct{ url, want string }{
		{"/", "/"},
		{"/news/", "/news/"},
		{"/news/n1/", "/news/"},
		{"/news/tongbao/x/", "/news/tongbao/"},
		{"/brands/page/2/", "/brands/"},
		{"/stats/", ""},
	} {
		if got := (&Context{Site: site, URL: c.url}).CurrentMenu(); got != c.want {
			t.Errorf("CurrentMenu(%s) = %q, want %q", c.url, got, c.want)
		}
	}
}

// A site's own base layout without the "first" block would publish a
// search page that loads no search script: the build says so, naming the
// file, and only then.
func TestBaseofWithoutFirstBlockWarns(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		warn       bool
	}{
		{"no block", ``, true},
		{"block", `{{- block "first" .}}{{end}}`, false},
		{"block inside if", `{{if true}}{{block "first" .}}{{end}}{{end}}`, false},
		{"another block", `{{block "head" .}}{{end}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			base := `<!DOCTYPE html><html><head>` + tc.head + `</head><body>{{block "main" .}}{{end}}</body></html>`
			if err := os.MkdirAll(filepath.Join(dir, "layouts", "_default"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "layouts", "_default", "baseof.html"), []byte(base), 0o644); err != nil {
				t.Fatal(err)
			}
			th, err := theme.Open(dir, "default")
			if err != nil {
				t.Fatal(err)
			}
			_, probs := ParseTemplates(th, Funcs(nil), TemplateOptions{})
			var warned []diag.Problem
			for _, p := range probs {
				if p.Msg == diag.MsgBaseofNoFirst {
					warned = append(warned, p)
				}
			}
			if !tc.warn {
				if len(warned) > 0 {
					t.Errorf("warned: %+v", warned)
				}
				return
			}
			if len(warned) != 1 || warned[0].Path != "layouts/_default/baseof.html" || warned[0].Severity != diag.Warning ||
				!strings.Contains(fmt.Sprint(warned[0].Args...), "search.html") {
				t.Errorf("want one warning on layouts/_default/baseof.html naming search.html, got %+v (all: %+v)", warned, probs)
			}
		})
	}
}
