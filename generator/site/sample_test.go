package site

import (
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
