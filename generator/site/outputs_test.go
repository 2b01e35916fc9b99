package site

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- layouts/units/single.html --
{{define "main"}}
<h1>{{.Page.Title}}</h1>
<p>{{.Page.NoSuchField}}</p>
{{end}}
`)
	_, err := Build(Options{Source: dir})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want a template error, got %v", err)
	}
	if got := errs.Format(diag.Chinese); !strings.Contains(got, "layouts/units/single.html:3: 模板错误") {
		t.Errorf("error does not name the template and line:\n%s", got)
	}
}

func TestAliasesRedirect(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/new-name.md --
+++
title = "改名后的动态"
date = 2024-03-01
aliases = ["/news/old-name/", "/2019/old.html"]
+++
`)
	if _, err := Build(Options{Source: dir, BaseURL: strptr("/portal/")}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"news/old-name/index.html", "2019/old.html"} {
		page, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(p)))
		if err != nil {
			t.Fatalf("no redirect page at %s", p)
		}
		if !strings.Contains(string(page), `url=../news/new-name/index.html`) && !strings.Contains(string(page), `url=../../news/new-name/index.html`) {
			t.Errorf("%s does not redirect to the page:\n%s", p, page)
		}
	}
}

func TestFeedsSitemapRobots(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- site.toml --
title = "岚江党建"
baseURL = "https://dj.example.gov.cn/portal/"
-- content/news/a.md --
+++
title = "动态甲"
date = 2024-03-01
+++
-- content/brands/b.md --
+++
title = "品牌乙"
unit = "fuyou"
logo = "b.svg"
+++
-- content/b.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>
`)
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, "public", p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if rss := read("index.xml"); !strings.Contains(rss, `<rss version="2.0">`) || !strings.Contains(rss, "https://dj.example.gov.cn/portal/news/a/") {
		t.Errorf("site feed:\n%s", rss)
	}
	if rss := read("news/index.xml"); !strings.Contains(rss, "动态甲") || strings.Contains(rss, "品牌乙") {
		t.Errorf("news feed holds the wrong items:\n%s", rss)
	}
	if sm := read("sitemap.xml"); !strings.Contains(sm, "<loc>https://dj.example.gov.cn/portal/brands/b/</loc>") {
		t.Errorf("sitemap:\n%s", sm)
	}
	if r := read("robots.txt"); !strings.Contains(r, "Sitemap: https://dj.example.gov.cn/portal/sitemap.xml") {
		t.Errorf("robots.txt:\n%s", r)
	}
}

// A second build with unchanged logos must not resize any of them again.
func TestUnchangedLogosAreNotResizedAgain(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for x := 0; x < 800; x++ {
		img.Set(x, x%600, color.RGBA{200, 20, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/brands/b.md --
+++
title = "品牌乙"
unit = "fuyou"
logo = "images/b.png"
+++
`)
	os.MkdirAll(filepath.Join(dir, "content", "images"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "images", "b.png"), buf.Bytes(), 0o644)

	resizes := func() int64 {
		site, probs := Load(Options{Source: dir}, nil)
		if len(errorsOf(probs)) > 0 {
			t.Fatal(errorsOf(probs))
		}
		return site.Thumbnailer().Resizes()
	}
	if n := resizes(); n != 1 {
		t.Fatalf("first build resized %d logos, want 1", n)
	}
	if n := resizes(); n != 0 {
		t.Errorf("second build resized %d logos, want 0", n)
	}
}
