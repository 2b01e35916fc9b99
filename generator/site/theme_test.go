package site

import (
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// themeSite has a page of each kind, a redirect (alias), a plain page in a
// sub-folder, a notice with attachments and a footer image.
const themeSite = `
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
members = 80
+++
-- content/brands/a.md --
+++
title = "红色引擎"
unit = "fuyou"
logo = "images/a.svg"
aliases = ["/old/a/"]
+++
正文
-- content/images/a.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>
-- content/images/dzjg.png --
not really a png, copied as it is
-- content/models/m.md --
+++
title = "示范点"
unit = "fuyou"
level = "市级"
+++
-- content/honors/h.md --
+++
title = "2024 年表彰"
year = 2024
[[honors]]
name = "先进基层党组织"
recipient = "市妇幼保健院党委"
unit = "fuyou"
+++
-- content/news/n1.md --
+++
title = "关于开展示范点创建的通知"
date = 2024-03-01
category = "通知公告"
attachments = ["files/方案.pdf", "/files/sub/申报表.xlsx"]
+++
正文
-- content/news/n2.md --
+++
title = "工作动态一则"
date = 2024-04-01
+++
正文
-- content/files/方案.pdf --
%PDF-1.4 stand-in: 33 bytes long
-- content/files/sub/申报表.xlsx --
xlsx
-- content/guide/how.md --
+++
title = "操作指南"
date = 2024-01-01
attachments = ["files/方案.pdf"]
+++
正文
`

const footerToml = `
-- site.toml --
title = "测试党建网"
baseURL = "/"
[footer]
sponsor = "测试市卫生健康委员会"
organizer = "测试市卫生健康委员会机关党委"
address = "测试市健康路 1 号"
phone = "0000-7654321"
email = "djb@test.example"
icp = "湘ICP备05001234号-1"
police = "湘公网安备43060202000123号"
site_code = "4306000012"
ipv6 = true
dzjg_image = "images/dzjg.png"
dzjg_link = "https://bszs.conac.cn/sitename?method=show&id=TEST"
`

// htmlPages walks the output's HTML pages: path → content, the redirects
// apart.
func htmlPages(t *testing.T, dir string) (pages, redirects map[string]string) {
	t.Helper()
	pages, redirects = map[string]string{}, map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if strings.Contains(string(b), `http-equiv="refresh"`) {
			redirects[filepath.ToSlash(rel)] = string(b)
		} else {
			pages[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, redirects
}

// Every page but the redirects carries each footer mark with its link; a
// site without [footer] shows none of them.
func TestFooterMarksOnEveryPage(t *testing.T) {
	marks := []string{
		"主办单位：测试市卫生健康委员会",
		"承办单位：测试市卫生健康委员会机关党委",
		"地址：测试市健康路 1 号",
		"联系电话：0000-7654321",
		`<a href="mailto:djb@test.example">djb@test.example</a>`,
		"网站标识码：4306000012",
		`<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">湘ICP备05001234号-1</a>`,
		`<a href="https://beian.mps.gov.cn/#/query/webSearch?code=43060202000123" rel="noopener noreferrer"><img src="`,
		`gongan.svg" alt="" width="20" height="20">湘公网安备43060202000123号</a>`,
		"网站支持IPv6",
		`<a href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST" rel="noopener noreferrer"><img src="`,
		`dzjg.png" alt="党政机关网站标识"`,
		`sitemap/index.html">网站地图</a>`,
	}
	src := sitetest.Write(t, footerToml+themeSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	pages, redirects := htmlPages(t, dest)
	if len(pages) < 15 || len(redirects) == 0 {
		t.Fatalf("%d pages, %d redirects: the site should have both", len(pages), len(redirects))
	}
	for name, html := range pages {
		for _, m := range marks {
			if name == "404.html" {
				// 404.html, served at any depth, links site-rooted.
				m = strings.Replace(m, `sitemap/index.html"`, `sitemap/"`, 1)
			}
			if !strings.Contains(html, m) {
				t.Errorf("%s: no %s", name, m)
			}
		}
	}
	for name, html := range redirects {
		if strings.Contains(html, "主办单位") {
			t.Errorf("redirect %s carries the footer", name)
		}
	}
	for _, f := range []string{"img/gongan.svg", "images/dzjg.png", "sitemap/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}

	// No [footer]: nothing of it is left behind, not even an empty list.
	src = sitetest.Write(t, "-- site.toml --\ntitle = \"测试党建网\"\n"+themeSite)
	dest = filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	pages, _ = htmlPages(t, dest)
	for name, html := range pages {
		// The page's body: the search page carries the stylesheet, which
		// names the footer's classes, in its head.
		body := html[max(0, strings.Index(html, "<body")):]
		for _, m := range []string{"主办单位", "承办单位", "网站标识码", "beian.miit", "beian.mps", "gongan.svg", "IPv6", "footer-marks", "党政机关网站标识"} {
			if strings.Contains(body, m) {
				t.Errorf("%s: %s with no [footer]", name, m)
			}
		}
		if !strings.Contains(html, "网站地图") {
			t.Errorf("%s: no 网站地图 link", name)
		}
	}
}

// A footer image that does not exist is an error at its line of site.toml.
func TestFooterImageMissing(t *testing.T) {
	src := sitetest.Write(t, strings.Replace(footerToml, `dzjg_image = "images/dzjg.png"`, `dzjg_image = "images/none.png"`, 1)+themeSite)
	_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	var errs diag.Errors
	if !errors.As(err, &errs) || !strings.Contains(err.Error(), "site.toml:13:") || !strings.Contains(err.Error(), "images/none.png") {
		t.Fatalf("got %v, want site.toml:13 naming images/none.png", err)
	}
}

var attachRe = regexp.MustCompile(`<li><a href="([^"]+)" download="([^"]+)">([^<]+)</a> <span class="attachment-meta">（([^，]+)，([^）]+)）</span></li>`)

// Attachments are listed with type and size, and their links reach the
// copied files from the site root, from a sub-folder and from disk.
func TestAttachments(t *testing.T) {
	src := sitetest.Write(t, footerToml+themeSite)
	for _, tc := range []struct{ name, base string }{
		{"root", "/"}, {"subfolder", "/portal/"}, {"file", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(Options{Source: src, Dest: dest, BaseURL: strptr(tc.base)}); err != nil {
				t.Fatal(err)
			}
			for page, want := range map[string][][3]string{
				"news/n1/index.html":   {{"方案.pdf", "PDF", "33 B"}, {"申报表.xlsx", "Excel", "5 B"}},
				"guide/how/index.html": {{"方案.pdf", "PDF", "33 B"}},
			} {
				b, err := os.ReadFile(filepath.Join(dest, page))
				if err != nil {
					t.Fatal(err)
				}
				got := attachRe.FindAllStringSubmatch(string(b), -1)
				if len(got) != len(want) {
					t.Fatalf("%s: %d attachments listed, want %d", page, len(got), len(want))
				}
				for i, m := range got {
					if m[3] != want[i][0] || m[2] != want[i][0] || m[4] != want[i][1] || m[5] != want[i][2] {
						t.Errorf("%s: attachment %d is %q (%s, %s), want %v", page, i, m[3], m[4], m[5], want[i])
					}
					link, _ := url.PathUnescape(m[1])
					// Links are relative whatever the base URL (PORTAL.md), so
					// the same folder works from disk and from a sub-folder.
					if strings.HasPrefix(link, "/") || strings.Contains(link, ":") {
						t.Errorf("%s: %s is not relative", page, m[1])
					}
					file := path.Join(path.Dir(page), link)
					if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(file))); err != nil {
						t.Errorf("%s: %s does not reach a file: %v", page, m[1], err)
					}
				}
			}
		})
	}
}

// A missing attachment fails the build at the field's line (check:
// check/theme_test.go);
// the previous output stays as it was.
func TestAttachmentMissing(t *testing.T) {
	src := sitetest.Write(t, footerToml+themeSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "news/n1/index.html"))
	sitetest.WriteInto(t, src, `
-- content/news/n1.md --
+++
title = "关于开展示范点创建的通知"
date = 2024-03-01
category = "通知公告"
attachments = ["files/方案.pdf", "files/没有这个文件.docx"]
+++
正文
-- content/news/n3.md --
+++
title = "把页面当附件"
date = 2024-03-02
attachments = ["news/n2.md"]
+++
`)
	_, err := Build(Options{Source: src, Dest: dest})
	if err == nil {
		t.Fatal("build succeeded with a missing attachment")
	}
	for _, want := range []string{
		`content/news/n1.md:5: 附件 "files/没有这个文件.docx" 不存在`,
		`content/news/n3.md:4: 附件 "news/n2.md" 是 Markdown 页面`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("build error lacks %q:\n%v", want, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dest, "news/n1/index.html"))
	if string(before) != string(after) {
		t.Error("a failed build changed the previous output")
	}
}

// The theme's pages: the site map lists every page by section and year,
// the 通知公告 list only notices, the home page both blocks; 上一篇/下一篇
// follow the section's order.
func TestThemePages(t *testing.T) {
	src := sitetest.Write(t, footerToml+themeSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sm := read("sitemap/index.html")
	for _, want := range []string{">红色引擎</a>", ">示范点</a>", ">2024 年表彰</a>", ">市妇幼保健院</a>", ">关于开展示范点创建的通知</a>", ">工作动态一则</a>", ">操作指南</a>", "<h3>2024 年</h3>", "<h3>未注明日期</h3>"} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	notices := read("news/通知公告/index.html")
	if !strings.Contains(notices, "关于开展示范点创建的通知") || strings.Contains(notices, "工作动态一则") {
		t.Error("the 通知公告 list should hold the notice and nothing else")
	}
	home := read("index.html")
	if !strings.Contains(home, `id="h-notices"`) || !strings.Contains(home, `news/%E9%80%9A%E7%9F%A5%E5%85%AC%E5%91%8A/`) {
		t.Error("home page has no 通知公告 block linking its list")
	}
	n2 := read("news/n2/index.html")
	if strings.Contains(n2, `rel="prev"`) || !strings.Contains(n2, `<a href="../../news/n1/index.html" rel="next">关于开展示范点创建的通知</a>`) {
		t.Error("news n2 (the newest) should have only a 下一篇, to n1")
	}
	n1 := read("news/n1/index.html")
	if !strings.Contains(n1, `<a href="../../news/n2/index.html" rel="prev">工作动态一则</a>`) || strings.Contains(n1, `rel="next"`) {
		t.Error("news n1 (the oldest) should have only a 上一篇, to n2")
	}
}

// A page may not take the theme's reserved addresses.
func TestThemeURLsReserved(t *testing.T) {
	src := sitetest.Write(t, "-- site.toml --\ntitle = \"t\"\n"+`
-- content/sitemap.md --
+++
title = "我的地图"
+++
-- content/news/x.md --
+++
title = "通知公告"
date = 2024-01-01
slug = "通知公告"
+++
`)
	_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if err == nil || !strings.Contains(err.Error(), "/sitemap/") || !strings.Contains(err.Error(), "/news/通知公告/") {
		t.Fatalf("got %v, want both reserved URLs reported", err)
	}
}
