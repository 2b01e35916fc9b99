package gallery

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dangjian/generator/content"
)

// layoutFuncs stand in for the renderer's template functions: same names,
// same shapes, so the theme's gallery layout can be executed here.
var layoutFuncs = template.FuncMap{
	"url": func(u string) string { return u },
	"t": func(k string) string {
		return map[string]string{"page_gallery": "党建品牌标识", "status": "创建状态", "district": "所在区域"}[k]
	},
	"num": func(n int) string { return strconv.Itoa(n) },
}

// The theme's gallery layout runs on every view, links every logo with its
// alt text, size and lazy loading, and marks the current filter.
func TestGalleryLayout(t *testing.T) {
	src, err := os.ReadFile("../../themes/default/layouts/gallery.html")
	if err != nil {
		t.Skip("theme not found:", err)
	}
	itemSrc, err := os.ReadFile("../../themes/default/layouts/partials/gallery-item.html")
	if err != nil {
		t.Fatal(err)
	}
	// The layout makes each item with partialCached; here it just runs the
	// partial, in a set of its own as the renderer's partials are.
	parts := template.Must(template.New("partials/gallery-item.html").Funcs(layoutFuncs).Parse(string(itemSrc)))
	partial := template.FuncMap{"partialCached": func(name string, dot any, _ ...any) (template.HTML, error) {
		var b strings.Builder
		err := parts.ExecuteTemplate(&b, name, dot)
		return template.HTML(b.String()), err
	}}
	tpl := template.Must(template.New("gallery.html").Funcs(layoutFuncs).Funcs(partial).Parse(string(src)))
	s := newSite(t)
	g, _, _ := Build(s.pages, Options{Source: s.dir, Thumbs: &Thumbnailer{}})
	// DANGJIAN_GALLERY_PREVIEW names a folder to write the demo site's
	// gallery into, as files a browser opens, for screenshots.
	preview := os.Getenv("DANGJIAN_GALLERY_PREVIEW")
	if preview != "" {
		g = demoGallery(t, preview)
		fileURL := template.FuncMap{"url": func(u string) template.URL {
			if strings.HasSuffix(u, "/") {
				u += "index.html"
			}
			return template.URL("file://" + preview + u)
		}}
		tpl.Funcs(fileURL)
		parts.Funcs(fileURL)
	}
	for _, v := range g.Views() {
		var b bytes.Buffer
		err := tpl.ExecuteTemplate(&b, "main", struct {
			Title, URL string
			Data       *Gallery
		}{v.Title, v.URL, v})
		if err != nil {
			t.Fatalf("%s: %v", v.URL, err)
		}
		html := b.String()
		if n := strings.Count(html, "<img "); n != len(v.Items) {
			t.Errorf("%s: %d images for %d items", v.URL, n, len(v.Items))
		}
		for _, it := range v.Items {
			img := `<img src="` + it.Logo + `" alt="` + it.Title + `标识" width="` + strconv.Itoa(it.Width) + `" height="` + strconv.Itoa(it.Height) + `" loading="lazy"`
			if preview == "" && !strings.Contains(html, img) {
				t.Errorf("%s: no %s", v.URL, img)
			}
			if preview == "" && !strings.Contains(html, `href="`+it.URL+`"`) {
				t.Errorf("%s: no link to %s", v.URL, it.URL)
			}
		}
		if v.Filter != "" && strings.Count(html, `aria-current="page"`) != 1 {
			t.Errorf("%s: current filter not marked once", v.URL)
		}
		if preview != "" {
			page := `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
				`<link rel="stylesheet" href="` + abs(t, "../../themes/default/static/css/main.css") + `">` +
				`<link rel="stylesheet" href="` + abs(t, "../../themes/default/static/css/stats.css") + `"><body><main class="main">` + html + `</main>`
			out := filepath.Join(preview, strings.Trim(v.URL, "/"), "index.html")
			writeFile(t, out, []byte(page))
		}
	}
}

func abs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + a
}

func demoGallery(t *testing.T, dir string) *Gallery {
	site, probs := content.Load("../../content")
	if len(probs) > 0 {
		t.Logf("demo content: %v", probs)
	}
	pages := content.Published(site.Pages, false)
	content.Resolve(pages, content.ResolveOptions{})
	g, files, probs := Build(pages, Options{Source: "../..", Thumbs: &Thumbnailer{CacheDir: filepath.Join(dir, ".cache")}})
	for _, p := range probs {
		t.Log(p)
	}
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f.Path), f.Data)
	}
	return g
}
