package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// dangjian init's site.toml and example unit say "XX市卫生健康委员会"; left
// as they are, the build published them on every page without a word. The
// build warns, at each line, and still builds.
func TestSampleTextWarned(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
# 网站名称
title = "XX市卫生健康委员会 党建工作网"
baseURL = "https://dj.example.gov.cn/"
copyright = "© 本委机关党委"
-- content/units/a.md --
+++
title = "XX县人民医院"
summary = "本院党委，XXL 码不算"
+++
正文
-- content/news/b.md --
+++
title = "工作动态"
date = 2025-01-02
summary = "ＸＸ医院开展活动"
+++
正文
`)
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var got []string
	for _, w := range res.Warnings {
		if w.Msg == diag.MsgSampleText {
			got = append(got, w.Format(diag.Chinese))
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"site.toml:2: title 中还有示例文字“XX市卫生健康委员会”",
		"content/units/a.md:2: title 中还有示例文字“XX县人民医院”",
		"content/news/b.md:4: summary 中还有示例文字“ＸＸ医院开展活动”",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d warnings, want 3:\n%s", len(got), all)
	}
}

// A column of the menu with nothing published is a blank column (空白栏目)
// to an inspector. The build says which, and where to publish or take it
// out; one that holds only drafts says so.
func TestBlankColumnWarned(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "岚江市卫生健康委员会 党建工作网"

[[menu]]
name = "党建品牌"
url = "/brands/"

[[menu]]
name = "荣誉榜"
url = "/honors/"
-- content/brands/_index.md --
+++
title = "党建品牌"
+++
-- content/honors/_index.md --
+++
title = "荣誉榜"
+++
-- content/honors/2024.md --
+++
title = "2024年度表彰"
year = 2024
draft = true

[[honors]]
name = "优秀共产党员"
recipient = "张红"
+++
`)
	blank := func(drafts bool) string {
		res, err := Build(Options{Source: dir, Drafts: drafts, Dest: t.TempDir()})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		var got []string
		for _, w := range res.Warnings {
			if w.Msg == diag.MsgRevEmptySection || w.Msg == diag.MsgRevEmptyDrafts {
				got = append(got, w.Format(diag.Chinese))
			}
		}
		return strings.Join(got, "\n")
	}
	got := blank(false)
	for _, want := range []string{
		"content/brands/_index.md:1: 栏目“党建品牌”（content/brands/）还没有发布任何内容",
		"content/honors/_index.md:1: 栏目“荣誉榜”（content/honors/）还没有发布任何内容",
		"在 site.toml 中删去这个栏目的 [[menu]]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	// The preview shows the draft, but the published site would not: the
	// officer is told what publishing it takes.
	if got := blank(true); !strings.Contains(got, "栏目“荣誉榜”（content/honors/）只有 1 篇草稿") || !strings.Contains(got, "党建品牌") {
		t.Errorf("with drafts previewed:\n%s", got)
	}
}

// A new site's home page said "这段文字显示在首页，可以在 content/_index.md
// 中修改" to every reader, and its example news and unit published their
// sample text, all without a word. init's pages now hold no instruction
// in their text, and sample text in a published page's text is a warning
// at its line; a draft and a real page say nothing.
func TestSampleBodyWarned(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "安仁县卫生健康局 党建工作网"
baseURL = "https://dj.example.gov.cn/"
-- content/_index.md --
+++
title = "首页"
+++

欢迎访问XX市卫生健康委员会党建工作网。
-- content/news/shili.md --
+++
title = "党建工作网开通"
date = 2025-01-01
+++

这是一条示例动态。复制这个文件。
-- content/news/caogao.md --
+++
title = "草稿"
date = 2025-01-01
draft = true
+++
这是一条示例动态。
-- content/news/real.md --
+++
title = "县卫健局召开推进会"
date = 2025-01-02
+++
会议部署了示例性做法的推广。
`)
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var got []string
	for _, w := range res.Warnings {
		if w.Msg == diag.MsgSampleBody {
			got = append(got, w.Format(diag.Chinese))
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"content/_index.md:5: 正文中还有新建网站时的示例文字“XX市卫生健康委员会党建工作网”",
		"content/news/shili.md:6: 正文中还有新建网站时的示例文字“这是一条示例动态”",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if len(got) != 2 {
		t.Errorf("%d warnings, want 2:\n%s", len(got), all)
	}
}

// A 公示 page, masked, with the internal name list attached whole: the
// build refuses it, naming the attachment; check and serve load the same
// way. A masked attachment builds.
func TestAttachmentPrivacyRefused(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/gongshi.md --
+++
title = "公示"
date = 2025-01-02
attachments = ["/files/名单.csv"]
+++
王丽，430528********2341。
-- content/files/名单.csv --
姓名,身份证号
王丽,430528198705062341
`)
	_, err := Build(Options{Source: dir})
	if err == nil || !strings.Contains(err.Error(), "content/files/名单.csv: 附件中有 1 处未遮盖的居民身份证号码") {
		t.Fatalf("build: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "files", "名单.csv"), []byte("姓名,身份证号\n王丽,430528********2341\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatalf("masked: %v", err)
	}
}
