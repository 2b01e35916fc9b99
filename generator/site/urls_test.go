package site

import (
	"encoding/xml"
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/render"
	"dangjian/generator/sitetest"
)

func readOut(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestNoScriptThroughRelativeLinks is issue #14 item 1: a site path
// /javascript:… written in content/_index.md or as a [[menu]] url became
// href="javascript:…" on the root-level pages of a build for disk.
func TestNoScriptThroughRelativeLinks(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "t"
baseURL = ""
-- content/_index.md --
+++
title = "首页"
+++
[点我](/javascript:alert(document.domain)) [二](/&#106;avascript:alert(1)) [三](/JaVaScRiPt:alert(2))
-- content/news/a.md --
+++
title = "a"
date = 2024-01-01
+++
[点我](/javascript:alert(document.domain))
-- static/javascript:alert(document.domain) --
x
-- static/javascript:alert(1) --
x
-- static/JaVaScRiPt:alert(2) --
x
`)
	// The static files make the links resolve, so that the build (which
	// refuses broken links) publishes them and their rewriting is tested.
	for _, base := range []string{"", "/", "/portal/"} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: dir, Dest: dest, BaseURL: strptr(base)}); err != nil {
			t.Fatal(err)
		}
		pages, _ := filepath.Glob(filepath.Join(dest, "*.html"))
		pages = append(pages, filepath.Join(dest, "news", "a", "index.html"))
		for _, p := range pages {
			data, _ := os.ReadFile(p)
			for _, l := range sitetest.PageLinks(p, data) {
				if !render.SafeURL(l.URL) {
					t.Errorf("base %q: %s", base, l)
				}
			}
		}
	}
}

func TestMenuURLWithScriptIsAConfigError(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "t"

[[menu]]
name = "坏"
url = "javascript:alert(1)"
`)
	_, err := Build(Options{Source: dir})
	var errs diag.Errors
	if !errors.As(err, &errs) || !strings.Contains(errs.Format(diag.Chinese), "site.toml:5: 菜单链接 \"javascript:alert(1)\" 无效") {
		t.Fatalf("want a site.toml:5 error, got %v", err)
	}
}

// TestBaseURLWithQuotesIsAConfigError: baseURL and --base-url values that
// could break out of an attribute or leave the site are refused.
func TestBaseURLWithQuotesIsAConfigError(t *testing.T) {
	for _, v := range []string{`/a"><script>alert(1)</script>`, `/a'b/`, "/a b/", "https://x.cn/<p>", "//evil.com/", "javascript:alert(1)", `\\evil.com`, "ftp://x.cn/", "/a?b"} {
		dir := sitetest.Write(t, "-- site.toml --\ntitle = \"t\"\nbaseURL = '"+strings.ReplaceAll(v, "'", `\u0027`)+"'\n")
		if strings.Contains(v, "'") {
			sitetest.WriteInto(t, dir, "-- site.toml --\ntitle = \"t\"\nbaseURL = \""+v+"\"\n")
		}
		_, err := Build(Options{Source: dir})
		var errs diag.Errors
		if !errors.As(err, &errs) || !strings.Contains(errs.Format(diag.Chinese), "site.toml:2: baseURL 的值") {
			t.Errorf("baseURL %q: want a site.toml:2 error, got %v", v, err)
		}
		_, err = Build(Options{Source: sitetest.Write(t, sitetest.Minimal), BaseURL: strptr(v)})
		if !errors.As(err, &errs) || !strings.Contains(errs.Format(diag.Chinese), "--base-url 的值") {
			t.Errorf("--base-url %q: want an error, got %v", v, err)
		}
	}
	for _, v := range []string{"", "/", "/portal/", "https://dj.example.gov.cn/", "http://10.0.0.1:8080/dj"} {
		if _, err := Build(Options{Source: sitetest.Write(t, sitetest.Minimal), BaseURL: strptr(v)}); err != nil {
			t.Errorf("--base-url %q refused: %v", v, err)
		}
	}
}

// TestPortableByDefault is issue #15 item 7 on a minimal site built with
// default settings: every link is relative and resolves from disk and from
// /portal/; without a full base URL no feed, no sitemap and no Sitemap line,
// with a warning saying why; 404.html's links are site-rooted.
func TestPortableByDefault(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试"
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
+++
-- content/news/a.md --
+++
title = "动态"
date = 2024-01-01
tags = ["党建"]
units = ["fuyou"]
+++
见[单位](/units/fuyou/)。
`)
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	sitetest.CheckPortable(t, dest, 100)
	for _, f := range []string{"index.xml", "sitemap.xml", "news/index.xml"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
			t.Errorf("%s written without a full base URL", f)
		}
	}
	if r := readOut(t, dest, "robots.txt"); strings.Contains(r, "Sitemap") {
		t.Errorf("robots.txt has a Sitemap line without a full URL:\n%s", r)
	}
	home := readOut(t, dest, "index.html")
	if strings.Contains(home, "index.xml") || strings.Contains(home, "sitemap.xml") || strings.Contains(home, "canonical") {
		t.Error("the home page links a feed, sitemap or canonical URL that does not exist")
	}
	var warned bool
	for _, w := range res.Warnings {
		if strings.Contains(w.Format(diag.Chinese), "没有生成 sitemap.xml") && strings.Contains(w.Format(diag.Chinese), "baseURL = \"https://") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about the missing full base URL: %v", res.Warnings)
	}
	nf := readOut(t, dest, "404.html")
	if !strings.Contains(nf, `href="/css/main.css"`) || !strings.Contains(nf, `href="/"`) {
		t.Errorf("404.html links are not site-rooted")
	}

	// With a full base URL: the same relative pages, plus feeds, sitemap,
	// robots.txt's Sitemap line and canonical links, all absolute.
	if _, err := Build(Options{Source: dir, BaseURL: strptr("https://dj.example.gov.cn/portal/")}); err != nil {
		t.Fatal(err)
	}
	sitetest.CheckPortable(t, dest, 100)
	if r := readOut(t, dest, "robots.txt"); !strings.Contains(r, "Sitemap: https://dj.example.gov.cn/portal/sitemap.xml") {
		t.Errorf("robots.txt:\n%s", r)
	}
	if p := readOut(t, dest, "news/a/index.html"); !strings.Contains(p, `<link rel="canonical" href="https://dj.example.gov.cn/portal/news/a/">`) {
		t.Error("no canonical link")
	}
	if nf := readOut(t, dest, "404.html"); !strings.Contains(nf, `href="/portal/css/main.css"`) {
		t.Error("404.html links lack the base path")
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(readOut(t, dest, "sitemap.xml")), &sm); err != nil || len(sm.URLs) < 5 {
		t.Fatalf("sitemap: %v %d", err, len(sm.URLs))
	}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://dj.example.gov.cn/portal/") {
			t.Errorf("sitemap loc %q is not absolute", u.Loc)
		}
	}
}

// TestRSSSummaryIsText: a feed reader reads <description> as HTML, so a
// summary that looks like markup must arrive escaped (issue #14, low).
func TestRSSSummaryIsText(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "t"
baseURL = "https://dj.example.gov.cn/"
-- content/news/a.md --
+++
title = "a"
date = 2024-01-01
summary = "<b>加粗</b> & <img src=x onerror=alert(1)>"
+++
`)
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.xml", "news/index.xml"} {
		var feed struct {
			Items []struct {
				Description string `xml:"description"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal([]byte(readOut(t, filepath.Join(dir, "public"), f)), &feed); err != nil || len(feed.Items) != 1 {
			t.Fatalf("%s: %v", f, err)
		}
		d := feed.Items[0].Description
		if strings.Contains(d, "<") || html.UnescapeString(d) != "<b>加粗</b> & <img src=x onerror=alert(1)>" {
			t.Errorf("%s: description %q is HTML to a feed reader", f, d)
		}
	}
}

// TestOddNamesAreReachable: file names, tags and logo names with "#", "?",
// "%" and spaces give percent-encoded links that reach the written files
// (issue #14, low), from disk and from a server.
func TestOddNamesAreReachable(t *testing.T) {
	svg := "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n"
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/50% 进展.md --
+++
title = "百分之五十"
date = 2024-01-01
tags = ["C#", "100%", "a b", "问?"]
units = ["fuyou"]
+++
-- content/news/为什么?.md --
+++
title = "问号"
date = 2024-01-02
tags = ["C#"]
+++
-- content/news/C# 入门.md --
+++
title = "井号"
date = 2024-01-03
+++
-- content/brands/hq.md --
+++
title = "红旗"
unit = "fuyou"
logo = "images/logo #1?.svg"
+++
-- content/brands/bf.md --
+++
title = "百分"
unit = "fuyou"
logo = "images/50% 标识.svg"
+++
-- content/images/logo #1?.svg --
`+svg+`-- content/images/50% 标识.svg --
`+svg)
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	for _, f := range []string{"news/50% 进展/index.html", "news/为什么?/index.html", "news/C# 入门/index.html", "tags/C#/index.html", "tags/100%/index.html", "images/logo #1?.svg"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Errorf("not written: %s", f)
		}
	}
	sitetest.CheckPortable(t, dest, 100)
}
