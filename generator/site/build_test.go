package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

func strptr(s string) *string { return &s }

// repoRoot is the demo portal: the repository itself.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.toml")); err != nil {
		t.Skip("demo site.toml not found")
	}
	return root
}

// TestDemoBuildsAndEveryLinkResolves is issue #15 item 7: whatever the base
// URL, every internal link of every page resolves from disk (file://) and
// from a sub-folder of a real HTTP server; feeds and the sitemap exist only
// with a full base URL.
func TestDemoBuildsAndEveryLinkResolves(t *testing.T) {
	root := repoRoot(t)
	for _, tc := range []struct {
		name  string
		base  *string // nil: the demo's own site.toml
		feeds bool
	}{
		{"default", nil, false},
		{"root", strptr("/"), false},
		{"subfolder", strptr("/portal/"), false},
		{"file", strptr(""), false},
		{"full", strptr("https://dj.example.gov.cn/portal/"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			res, err := Build(Options{Source: root, Dest: dest, BaseURL: tc.base})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if res.HTMLPages < 50 {
				t.Errorf("only %d pages", res.HTMLPages)
			}
			for _, u := range []string{"index.html", "news/index.html", "brands/index.html", "models/index.html",
				"honors/index.html", "units/index.html", "tags/index.html", "years/index.html",
				"robots.txt", "404.html", "search/index.html"} {
				if _, err := os.Stat(filepath.Join(dest, u)); err != nil {
					t.Errorf("missing %s", u)
				}
			}
			for _, u := range []string{"index.xml", "sitemap.xml", "news/index.xml"} {
				if _, err := os.Stat(filepath.Join(dest, u)); (err == nil) != tc.feeds {
					t.Errorf("%s exists = %v, want %v", u, err == nil, tc.feeds)
				}
			}
			sitetest.CheckPortable(t, dest, 1000)
		})
	}
}

func TestFileModeLinksEndInIndexHTML(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "一条动态"
date = 2024-05-01
units = ["fuyou"]
+++
见[单位](/units/fuyou/)。
`)
	dest := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir, BaseURL: strptr("")}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "news", "a", "index.html"))
	for _, want := range []string{`href="../../units/fuyou/index.html"`, `href="../../index.html"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("news page lacks %s", want)
		}
	}
	if strings.Contains(string(page), `href="/`) {
		t.Error("a root-relative link is left in file:// mode")
	}
}

func TestRawHTMLNeedsUnsafe(t *testing.T) {
	site := `
-- content/news/x.md --
+++
title = "x"
date = 2024-01-01
+++
<script>alert(1)</script>

<img src="a.png" onerror="alert(2)">
`
	for _, unsafe := range []bool{false, true} {
		cfg := "-- site.toml --\ntitle = \"t\"\n"
		if unsafe {
			cfg += "unsafe_html = true\n"
		}
		dir := sitetest.Write(t, cfg+site)
		if _, err := Build(Options{Source: dir}); err != nil {
			t.Fatal(err)
		}
		page, _ := os.ReadFile(filepath.Join(dir, "public", "news", "x", "index.html"))
		has := strings.Contains(string(page), "<script>alert(1)") || strings.Contains(string(page), "onerror=")
		if has != unsafe {
			t.Errorf("unsafe_html=%v: raw HTML in output = %v", unsafe, has)
		}
	}
}

// A failed build must leave the previous output exactly as it was.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal)
	dest := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	sentinel := filepath.Join(dest, "sentinel.txt")
	os.WriteFile(sentinel, []byte("keep"), 0o644)
	oldPage, _ := os.ReadFile(filepath.Join(dest, "units", "fuyou", "index.html"))

	sitetest.WriteInto(t, dir, `
-- content/units/bad.md --
+++
title = "坏单位"
members = "80人"
+++
`)
	_, err := Build(Options{Source: dir})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want content errors, got %v", err)
	}
	if got, _ := os.ReadFile(sentinel); string(got) != "keep" {
		t.Error("sentinel file lost")
	}
	if page, _ := os.ReadFile(filepath.Join(dest, "units", "fuyou", "index.html")); string(page) != string(oldPage) {
		t.Error("old page changed")
	}
	if _, err := os.Stat(filepath.Join(dest, "units", "bad")); err == nil {
		t.Error("the failed build wrote a page")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".dangjian-tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestRefusesForeignDestination(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+"\n-- public/important.doc --\nofficer's file\n")
	_, err := Build(Options{Source: dir})
	if err == nil || !strings.Contains(err.Error(), "不是 dangjian 生成的") {
		t.Fatalf("want refusal, got %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "public", "important.doc")); string(data) != "officer's file\n" {
		t.Error("foreign file touched")
	}
}

// Every kind of bad input is reported, all at once, each with its file and line.
func TestBadInputsAreAllReported(t *testing.T) {
	gbk := "\xb5\xb3\xbd\xa8" // 党建 in GBK
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/units/toml.md --
+++
title = "语法错"
members = 
+++
-- content/units/type.md --
+++
title = "类型错"
short = "类型"
members = "80人"
+++
-- content/brands/missing.md --
+++
title = "缺字段"
logo = "images/a.svg"
+++
-- content/brands/unknown-unit.md --
+++
title = "未知单位"
unit = "nowhere"
logo = "images/a.svg"
+++
-- content/images/a.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/news/gbk.md --
+++
title = "`+gbk+`"
+++
-- content/news/dup1.md --
+++
title = "重复一"
date = 2024-01-01
slug = "same"
+++
-- content/news/dup2.md --
+++
title = "重复二"
date = 2024-01-02
slug = "same"
+++
-- content/news/nodate.md --
+++
title = "没有日期"
+++
`)
	_, err := Build(Options{Source: dir})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want content errors, got %v", err)
	}
	got := errs.Format(diag.Chinese)
	for _, want := range []string{
		"content/units/toml.md:3: 前置信息（+++ 之间）写法有误",
		`content/units/type.md:4: 字段 members 应为整数，实际为 "80人"`,
		"content/brands/missing.md:1: 缺少必填字段 unit",
		`content/brands/unknown-unit.md:3: 找不到单位 "nowhere"`,
		"content/news/gbk.md:2: 文件不是 UTF-8 编码（本行第 10 个字符处起无法识别）",
		"content/news/dup2.md:4: 网址 /news/same/ 与 content/news/dup1.md 重复",
		"content/news/nodate.md:1: 缺少必填字段 date",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed first build created public/")
	}
}

// The theme puts the home link first on its own, so a menu that also lists
// "/" (as officers write it) shows it once.
func TestMenuHomeEntryShownOnce(t *testing.T) {
	dir := sitetest.Write(t, `-- site.toml --
title = "t"
[[menu]]
name = "首页"
url = "/"
[[menu]]
name = "工作动态"
url = "/news/"
-- content/news/x.md --
+++
title = "x"
date = 2024-01-01
+++
正文
`)
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "news/index.html", "news/x/index.html"} {
		page, err := os.ReadFile(filepath.Join(dir, "public", p))
		if err != nil {
			t.Fatal(err)
		}
		nav := string(page)
		if i := strings.Index(nav, `class="site-nav"`); i >= 0 {
			nav = nav[i:]
			nav = nav[:strings.Index(nav, "</nav>")]
		} else {
			t.Fatalf("%s: no site-nav", p)
		}
		if n := strings.Count(nav, `首页</a>`); n != 1 {
			t.Errorf("%s: the nav links home %d times, want 1:\n%s", p, n, nav)
		}
		if !strings.Contains(nav, `news/index.html"`) {
			t.Errorf("%s: the nav lost the news entry:\n%s", p, nav)
		}
	}
}
