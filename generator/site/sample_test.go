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
