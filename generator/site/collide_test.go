package site

import (
	"errors"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

const collideSite = `
-- site.toml --
title = "t"
paginate = 1
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
+++
-- content/news/a.md --
+++
title = "a"
date = 2024-01-01
tags = ["党建"]
+++
-- content/news/b.md --
+++
title = "b"
date = 2024-01-02
+++
-- content/brands/hq.md --
+++
title = "红旗"
unit = "fuyou"
logo = "hq.svg"
status = "已验收"
+++
-- content/hq.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>
`

// TestURLCollisions is issue #14 item 3: dot forms, generated files and
// pages made by the build, case folding and over-long names, each an error
// at the .md file's line, in build and in check.
func TestURLCollisions(t *testing.T) {
	long := strings.Repeat("长", 90) // 270 bytes
	alias := func(a string) string {
		return "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\naliases = [\"" + a + "\"]\n+++\n"
	}
	tests := []struct{ name, files, want string }{
		{"alias css dotdot", alias("/css/../"), "content/news/x.md:4: aliases 的值 \"/css/../\" 含有 . 或 .."},
		{"alias search dot", alias("/search/./"), "content/news/x.md:4: 别名"},
		{"alias unit dot", alias("/units/fuyou/./"), "content/news/x.md:4: aliases 的值"},
		{"alias feed", alias("/index.xml"), "content/news/x.md:4: 别名 /index.xml 与 dangjian 自动生成的文件 /index.xml 冲突"},
		{"alias csv", alias("/stats.csv"), "content/news/x.md:4: 别名 /stats.csv 与 dangjian 自动生成的文件 /stats.csv"},
		{"alias 404", alias("/404.html"), "content/news/x.md:4: 别名 /404.html 与 dangjian 自动生成的404 页面"},
		{"alias robots", alias("/robots.txt"), "content/news/x.md:4: 别名 /robots.txt"},
		{"alias sitemap", alias("/sitemap.xml"), "content/news/x.md:4: 别名 /sitemap.xml"},
		{"alias pager", alias("/news/page/2/"), "content/news/x.md:4: 别名 /news/page/2/ 与 dangjian 自动生成的栏目列表页"},
		{"alias tag", alias("/tags/党建/"), "content/news/x.md:4: 别名 /tags/党建/ 与 dangjian 自动生成的标签或年份页"},
		{"alias year", alias("/years/2024/"), "content/news/x.md:4: 别名 /years/2024/"},
		{"alias gallery", alias("/gallery/status/已验收/"), "content/news/x.md:4: 别名 /gallery/status/已验收/"},
		{"alias search folder", alias("/search/x.js"), "content/news/x.md:4: 别名 /search/x.js 与 dangjian 自动生成的文件夹 /search/"},
		{"alias static", alias("/css/main.css"), "content/news/x.md:4: 别名 /css/main.css"},
		{"alias home", alias("//"), "content/news/x.md:4: 别名 / 与 dangjian 自动生成的首页 / 冲突"},
		{"tag dotdot", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\ntags = [\"..\"]\n+++\n", "content/news/x.md:4: tags 的值 \"..\" 含有 . 或 .."},
		{"tag dot", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\ntags = [\".\"]\n+++\n", "content/news/x.md:4: tags 的值 \".\""},
		{"tag slash", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\ntags = [\"a/page\"]\n+++\n", "content/news/x.md:4: tags 的值 \"a/page\" 含有 /"},
		{"slug dotdot", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\nslug = \"..\"\n+++\n", "content/news/x.md:4: slug 的值 \"..\""},
		{"slug up", "-- content/pages/x.md --\n+++\ntitle = \"x\"\nslug = \"../stats\"\n+++\n", "content/pages/x.md:3: slug 的值 \"../stats\""},
		{"slug pager", "-- content/news/page.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\nslug = \"page/2\"\n+++\n", "content/news/page.md:4: 网址 /news/page/2/ 已被栏目或列表页使用"},
		{"page on feed", "-- content/p.md --\n+++\ntitle = \"x\"\nslug = \"search/x\"\n+++\n", "content/p.md:3: 网址 /search/x/ 与 dangjian 自动生成的文件夹 /search/"},
		{"case", "-- content/news/Case.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\n+++\n-- content/news/case.md --\n+++\ntitle = \"y\"\ndate = 2024-02-01\n+++\n", "content/news/case.md: 网址 /news/case/ 与 /news/Case/ 只有大小写不同"},
		{"long slug", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\nslug = \"" + long + "\"\n+++\n", "content/news/x.md:4: slug 的值 \"" + long + "\" 太长"},
		// A folder where the output has a file of that name: the build
		// stopped at writing, with English "not a directory" and no line.
		{"alias on a data file", alias("/stats.json/"), "content/news/x.md:4: 别名 /stats.json/ 与 dangjian 自动生成的文件 /stats.json 冲突"},
		{"slug on a theme file", "-- content/p.md --\n+++\ntitle = \"x\"\nslug = \"favicon.svg\"\n+++\n", "content/p.md:3: 网址 /favicon.svg/ 与 dangjian 自动生成的文件 themes/default/static/favicon.svg 冲突"},
		{"content folder on a theme file", "-- content/favicon.svg/a.txt --\nx\n", "content/favicon.svg/a.txt: 所在的文件夹 /favicon.svg/ 与 dangjian 自动生成的文件 themes/default/static/favicon.svg 同名"},
		{"static folder on a data file", "-- static/stats.csv/a.txt --\nx\n", "static/stats.csv/a.txt: 所在的文件夹 /stats.csv/ 与 dangjian 自动生成的文件 /stats.csv 同名"},
		{"static file on a section", "-- static/news --\nx\n", "static/news: static/news 是一个文件，而网站还要把 /news/"},
		{"long tag", "-- content/news/x.md --\n+++\ntitle = \"x\"\ndate = 2024-02-01\ntags = [\"" + long + "\"]\n+++\n", "content/news/x.md:4: tags 的值"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := sitetest.Write(t, collideSite+tc.files)
			_, err := Build(Options{Source: dir})
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("build succeeded (%v), want %q", err, tc.want)
			}
			if got := errs.Format(diag.Chinese); !strings.Contains(got, tc.want) {
				t.Errorf("build errors:\n%s\nwant %q", got, tc.want)
			}
		})
	}
	// The base site itself is clean.
	if _, err := Build(Options{Source: sitetest.Write(t, collideSite)}); err != nil {
		t.Fatal(err)
	}
}
