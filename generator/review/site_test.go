package review_test

import (
	"slices"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/review"
	"dangjian/generator/sitetest"
)

// The whole-site checks, as `dangjian review` lists them: sample text in
// site.toml and in a title, a blank column and one with drafts only (not
// news, whose updates stale-section times; not /stats/ nor another site),
// a logo gallery with no logo,
// and an honor list that counts nothing.
func TestWholeSite(t *testing.T) {
	rep := reviewArchive(t, "testdata/whole.txtar")
	var got []string
	for _, f := range rep.Findings {
		if f.Rule == review.RuleSample || f.Rule == review.RuleEmptySection || f.Rule == review.RuleHonorEntries || f.Rule == review.RuleStale {
			got = append(got, short(f)+" "+f.Message)
		}
	}
	want := []string{
		"content/brands/_index.md:1:1 empty-section warning 栏目“党建品牌”（content/brands/）还没有发布任何内容",
		"content/honors/2024.md:2:1 honor-entries warning 荣誉榜没有 [[honors]] 条目",
		"content/models/_index.md:1:1 empty-section warning 栏目“示范点”（content/models/）只有 1 篇草稿",
		"content/news/gongshi.md:7:1 sample-text warning 正文中还有新建网站时的示例文字“XX医院党委发布”", // not 张XX同志
		"content/units/jiguan.md:2:1 sample-text warning title 中还有示例文字“XX市卫生健康委员会机关”",
		"site.toml empty-section warning 栏目“标识”（标识墙）还是空的",
		"site.toml:1:1 sample-text warning title 中还有示例文字“XX市卫生健康委员会”",
	}
	ok := len(got) == len(want)
	for i := range min(len(got), len(want)) {
		ok = ok && strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("findings:\n%s\nwant (as prefixes):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if i := slices.IndexFunc(rep.Findings, func(f review.Finding) bool { return f.Rule == review.RuleEmptySection }); i >= 0 {
		if s := rep.Findings[i].Suggestion; !strings.Contains(s, "[[menu]]") {
			t.Errorf("suggestion %q does not say how to take the column out", s)
		}
	}
}

// A site.toml without a title (or with an empty one) shows the generic
// name on every page: the review says so; a [[menu]] name is no title.
func TestNoSiteTitle(t *testing.T) {
	for _, toml := range []string{"paginate = 5\n", "title = \"  \"\n", "[[menu]]\ntitle = \"动态\"\nname = \"动态\"\nurl = \"/news/\"\n"} {
		dir := sitetest.Write(t, "-- site.toml --\n"+toml+"-- content/news/a.md --\n+++\ntitle = \"动态\"\ndate = 2026-12-01\n+++\n正文\n")
		rep := review.Run(review.Options{Source: dir, Lang: diag.Chinese, Now: now})
		var got []string
		for _, f := range rep.Findings {
			if f.Rule == review.RuleSample {
				got = append(got, f.Location()+" "+f.Message)
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], "site.toml 没有填写网站名称 title") {
			t.Errorf("%q: %q", toml, got)
		}
	}
}
