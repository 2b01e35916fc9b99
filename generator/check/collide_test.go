package check

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// TestCheckSeesURLCollisions: what the build refuses (issue #14 item 3),
// check lists, at the same file and line.
func TestCheckSeesURLCollisions(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/x.md --
+++
title = "x"
date = 2024-02-01
aliases = ["/stats.csv", "/css/../"]
tags = [".."]
+++
-- content/news/Case.md --
+++
title = "C"
date = 2024-02-01
+++
-- content/news/case.md --
+++
title = "c"
date = 2024-02-01
+++
`)
	r := Run(Options{Source: dir, Now: testNow})
	var b strings.Builder
	Format(&b, r, diag.Chinese)
	for _, want := range []string{
		"content/news/x.md:4: 别名 /stats.csv 与 dangjian 自动生成的文件 /stats.csv 冲突",
		"content/news/x.md:4: aliases 的值 \"/css/../\" 含有 . 或 ..",
		"content/news/x.md:5: tags 的值 \"..\" 含有 . 或 ..",
		"content/news/case.md: 网址 /news/case/ 与 /news/Case/ 只有大小写不同",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, b.String())
		}
	}
}
