package content

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
)

// A page saved in the wrong folder, or in a folder Windows copied, was told
// field by field that source and units are unknown: the officer deleted
// them and published a news item as a unit. A copy ("a - 副本.md") was
// published without a word, the same text twice.
func TestWrongFolderAndCopies(t *testing.T) {
	news := "+++\ntitle = \"县卫健局召开党建工作会议\"\ndate = 2026-12-01\nsource = \"县卫健局\"\nunits = [\"jiguan\"]\n+++\n正文\n"
	unit := "+++\ntitle = \"县人民医院\"\ndate = 2026-12-01\nshort = \"县医院\"\nmembers = 80\nbranches = 3\n+++\n"
	for _, c := range []struct {
		rel, data string
		want      []string // each problem, formatted; nil: none
	}{
		{"units/huiyi.md", news, []string{"content/units/huiyi.md:4: 字段 source、units 是工作动态的字段（news 栏目），本栏目没有：这个文件是否放错了文件夹？请把它移到 content/news/ 下"}},
		{"huiyi.md", news, []string{"content/huiyi.md:4: 字段 source、units 是工作动态的字段（news 栏目），本栏目没有：这个文件是否放错了文件夹？请把它移到 content/news/ 下"}},
		{"news/renmin.md", unit, []string{"content/news/renmin.md:4: 字段 branches、members、short 是单位的字段（units 栏目），本栏目没有"}},
		{"news - 副本/huiyi.md", news, []string{"content/news - 副本/huiyi.md:4: 字段 source、units 是工作动态的字段（news 栏目），这个文件却在复制出来的文件夹 content/news - 副本/ 里", "不要移进原栏目"}},
		{"news/huiyi - 副本.md", news, []string{"content/news/huiyi - 副本.md:1: 文件名或文件夹名中有“副本”", "网址是 /news/huiyi - 副本/"}},
		{"news/huiyi - Copy (2).md", news, []string{"content/news/huiyi - Copy (2).md:1: 文件名或文件夹名中有“副本”"}},
		{"news - 副本/_index.md", "+++\ntitle = \"工作动态\"\n+++\n", []string{"content/news - 副本/_index.md:1: 文件名或文件夹名中有“副本”"}},
		{"news/huiyi - 副本.md", strings.Replace(news, "+++\n正文", "draft = true\n+++\n正文", 1), nil},
		{"news/huiyi.md", news, nil},
		// A news item of common fields only, saved in units/: it was
		// published as a unit without a word.
		{"units/huiyi.md", "+++\ntitle = \"县卫健局召开党建工作会议\"\ndate = 2026-12-01\n+++\n正文\n", []string{"content/units/huiyi.md:3: 这个文件在单位文件夹 content/units/ 里，会发布成一个单位，但它有日期 date", "请把它移到 content/news/ 下"}},
		{"units/renmin.md", unit, nil},
		{"units/renmin.md", "+++\ntitle = \"县人民医院\"\n+++\n", nil},
		// A field that is no other kind's: the unknown-field message.
		{"units/a.md", "+++\ntitle = \"a\"\nmenbers = 80\n+++\n", []string{"content/units/a.md:3: 未知字段 menbers，是否应为 members？"}},
	} {
		_, probs := Parse(c.rel, []byte(c.data))
		var got []string
		for _, p := range probs {
			got = append(got, p.Format(diag.Chinese))
		}
		all := strings.Join(got, "\n")
		if c.want == nil {
			if len(got) > 0 {
				t.Errorf("%s: %s", c.rel, all)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%s: %d problems, want 1:\n%s", c.rel, len(got), all)
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in\n%s", c.rel, w, all)
			}
		}
	}
}

// Front matter that is there but fenced otherwise than with +++ at the
// start of the first line left every field in the text, and the page was
// told only that title was missing.
func TestFenceSlips(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"＋＋＋\ntitle = \"会议\"\ndate = 2026-12-01\n＋＋＋\n正文\n", "content/news/a.md:1: 第一行的 ＋＋＋ 是全角加号（中文输入法打出的），前置信息认不出来：请把前置信息开头和结尾两行都改为半角的 +++"},
		{"\ufeff  +++\r\ntitle = \"会议\"\r\n  +++\r\n", "content/news/a.md:1: 第一行的 +++ 前面有空格"},
		{"---\ntitle: 会议\ndate: 2026-12-01\n---\n正文\n", "content/news/a.md:1: 前置信息要写在两行 +++ 之间，每行写成 title = \"标题\"（等号，文字加半角双引号）；这里用的是 --- 和“title: 标题”的写法，网站认不出来：请把第 1 行和第 4 行的 --- 改为 +++"},
	} {
		_, probs := Parse("news/a.md", []byte(c.src))
		if len(probs) != 1 || !strings.Contains(probs[0].Format(diag.Chinese), c.want) {
			t.Errorf("%q: %v, want %q", c.src, probs, c.want)
		}
	}
	// A page that starts with a rule and has no colon before the next one
	// is text.
	if _, probs := Parse("a.md", []byte("---\n正文\n---\n")); len(probs) != 1 || !strings.Contains(probs[0].Format(diag.Chinese), "缺少必填字段 title") {
		t.Errorf("a rule: %v", probs)
	}
}
