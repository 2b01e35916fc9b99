package review_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/review"
	"dangjian/generator/sitetest"
)

// now is the review's "today" in the tests.
var now = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func reviewArchive(t *testing.T, name string) *review.Report {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := sitetest.Write(t, string(data))
	rep := review.Run(review.Options{Source: dir, Lang: diag.Chinese, Now: now})
	for _, p := range rep.Problems {
		t.Errorf("problem loading the site: %s", p.Format(diag.Chinese))
	}
	return rep
}

func short(f review.Finding) string {
	return f.Location() + " " + f.Rule + " " + f.Severity
}

// TestSite: every planted finding, at its line and column, and nothing on
// the controls (fresh.md, old.md, honors/2016.md, ignored.md, fence.md).
func TestSite(t *testing.T) {
	rep := reviewArchive(t, "testdata/site.txtar")
	want := []string{
		"content/honors/2025.md:3:1 stale-section warning",
		"content/news/ad.md:4:14 ad-word error",
		"content/news/ad.md:6:1 ad-word error",
		"content/news/ad.md:6:9 ad-word error",
		"content/news/array.md:6:4 department error",
		"content/news/dept.md:5:1 outdated-term warning",
		"content/news/docnum.md:4:19 doc-number error",
		"content/news/docnum.md:6:13 doc-number error",
		"content/news/docnum.md:6:20 doc-number error",
		"content/news/docnum.md:6:20 punctuation warning",
		"content/news/outdated.md:5:2 outdated-term error",
		"content/news/privacy.md:5:8 privacy-id error",
		"content/news/privacy.md:5:29 privacy-phone error",
		"content/news/privacy.md:7:8 privacy-id error",
		"content/news/privacy.md:7:27 privacy-phone error",
		"content/news/punct.md:2:14 punctuation warning",
		"content/news/punct.md:5:8 punctuation warning",
		"content/news/punct.md:5:13 punctuation warning",
		"content/news/punct.md:7:8 unbalanced warning",
		"content/news/punct.md:12:8 unbalanced warning",
		"content/news/typo.md:2:10 typo error",
		"content/news/typo.md:5:5 typo error",
		"content/news/typo.md:5:12 typo error",
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, short(f))
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		for _, f := range rep.Findings {
			t.Logf("%s: [%s] %s → %s", f.Location(), f.Rule, f.Message, f.Suggestion)
		}
	}
	byPlace := map[string]review.Finding{}
	for _, f := range rep.Findings {
		byPlace[f.Location()+" "+f.Rule] = f
	}
	// The messages name what is wrong and the fix.
	for place, parts := range map[string][]string{
		"content/honors/2025.md:3:1 stale-section":   {"荣誉榜", "180 天", "2025-01-10", "696 天"},
		"content/news/outdated.md:5:2 outdated-term": {"卫生计生委", "2018", "卫生健康委"},
		"content/news/typo.md:2:10 typo":             {"扫黑险恶", "扫黑除恶"},
		"content/news/privacy.md:5:8 privacy-id":     {"110105********002X"},
		"content/news/privacy.md:7:27 privacy-phone": {"139****5678"},
		"content/news/docnum.md:4:19 doc-number":     {"岳卫党发[2023]7号", "岳卫党发〔2023〕7号"},
		"content/news/docnum.md:6:13 doc-number":     {"〔2023〕7号"},
		"content/news/punct.md:5:8 punctuation":      {"“,”", "“，”"},
		"content/news/punct.md:7:8 unbalanced":       {"《", "》"},
		"content/news/dept.md:5:1 outdated-term":     {"内一科", "心血管内科"},
		"content/news/punct.md:5:13 punctuation":     {"。。"},
		"content/news/ad.md:4:14 ad-word":            {"根治", "广告"},
		"content/news/punct.md:12:8 unbalanced":      {"】", "【"},
		"content/news/privacy.md:5:29 privacy-phone": {"138****5678"},
		"content/news/privacy.md:7:8 privacy-id":     {"130503******001"},
		"content/news/docnum.md:6:20 doc-number":     {"(2022)3号", "〔2022〕3号"},
		"content/news/typo.md:5:12 typo":             {"三会一课"},
		"content/news/ad.md:6:9 ad-word":             {"无效退款"},
		"content/news/punct.md:2:14 punctuation":     {"“:”", "“：”"},
		"content/news/docnum.md:6:20 punctuation":    {"“(”", "“（”"},
		"content/news/typo.md:5:5 typo":              {"两学一做"},
		"content/news/ad.md:6:1 ad-word":             {"治愈率"},
	} {
		f, ok := byPlace[place]
		if !ok {
			continue // reported above
		}
		text := f.Message + " → " + f.Suggestion
		for _, p := range parts {
			if !strings.Contains(text, p) {
				t.Errorf("%s: %q lacks %q", place, text, p)
			}
		}
	}
	if rep.Errors() != 15 {
		t.Errorf("%d errors, want 15", rep.Errors())
	}
}

// TestOutput: the text report's lines and grouping, the JSON fields, and
// the review sheet's escaping.
func TestOutput(t *testing.T) {
	rep := reviewArchive(t, "testdata/site.txtar")
	var text bytes.Buffer
	review.Text(&text, rep, diag.Chinese)
	out := text.String()
	for _, line := range []string{
		"content/news/typo.md:2:10: [typo] “扫黑险恶”是错误写法（严重表述错误） → 改为“扫黑除恶”\n",
		"content/news/punct.md:5:8: [punctuation] 半角“,”紧挨着汉字（GB/T 15834-2011） → 改为全角“，”\n",
		"审核了 14 个页面：15 个错误，8 个警告\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("report lacks %q:\n%s", line, out)
		}
	}
	// Errors before warnings within a file.
	d := strings.Index(out, "docnum.md:6:13")
	w := strings.Index(out, "docnum.md:6:20: [punctuation]")
	if d < 0 || w < 0 || d > w {
		t.Errorf("errors are not before warnings:\n%s", out)
	}
	var js bytes.Buffer
	if err := review.JSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	var arr []map[string]any
	if err := json.Unmarshal(js.Bytes(), &arr); err != nil {
		t.Fatal(err)
	}
	if len(arr) != len(rep.Findings) {
		t.Fatalf("%d objects, want %d", len(arr), len(rep.Findings))
	}
	first := arr[0]
	for _, k := range []string{"path", "line", "column", "rule", "severity", "message", "suggestion"} {
		if _, ok := first[k]; !ok {
			t.Errorf("JSON object lacks %q: %v", k, first)
		}
	}
	if len(first) != 7 {
		t.Errorf("JSON object has other fields: %v", first)
	}

	rep.Title = `<script>alert(1)</script>`
	rep.Findings[0].Message = `<img src=x onerror=alert(1)>`
	var sheet bytes.Buffer
	if err := review.HTML(&sheet, rep, now); err != nil {
		t.Fatal(err)
	}
	s := sheet.String()
	if strings.Contains(s, "<script>alert") || strings.Contains(s, "<img src=x") {
		t.Error("the review sheet does not escape the content")
	}
	for _, want := range []string{"初审", "复审", "终审", "审核人签名", "content/news/privacy.md", "5:8"} {
		if !strings.Contains(s, want) {
			t.Errorf("the review sheet lacks %q", want)
		}
	}
}

// TestEnglish: LANG=en gets the messages in English.
func TestEnglish(t *testing.T) {
	data, _ := os.ReadFile("testdata/site.txtar")
	dir := sitetest.Write(t, string(data))
	rep := review.Run(review.Options{Source: dir, Lang: diag.English, Now: now})
	for _, f := range rep.Findings {
		if f.Location() == "content/news/typo.md:2:10" && !strings.Contains(f.Message, "misspelt") {
			t.Errorf("English message: %q", f.Message)
		}
	}
}

// The review sheet names what the 初审/复审/终审 signatures approve: every
// page about to be published (a draft), with its title, whether or not it
// has problems, and the title of each page whose problems it lists.
func TestSheetListsDrafts(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试党建网"
-- content/news/clean.md --
+++
title = "关于开展主题党日活动的通知"
date = 2026-12-01
draft = true
+++
各支部按计划开展主题党日活动。
-- content/news/typo.md --
+++
title = "支部学习简报"
date = 2026-11-20
draft = true
+++
认真落实三会一科制度。
-- content/news/old.md --
+++
title = "已发布的动态"
date = 2026-10-01
+++
正文。
`)
	rep := review.Run(review.Options{Source: dir, Now: now})
	var sheet bytes.Buffer
	if err := review.HTML(&sheet, rep, now); err != nil {
		t.Fatal(err)
	}
	s := sheet.String()
	for _, want := range []string{
		"待发布的页面（草稿，共 2 篇）",
		"<td>关于开展主题党日活动的通知</td><td>content/news/clean.md</td><td>2026年12月1日</td><td>未发现问题</td>",
		"<td>支部学习简报</td><td>content/news/typo.md</td><td>2026年11月20日</td><td>1 处，见下文</td>",
		"<h2>支部学习简报<br>content/news/typo.md</h2>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the review sheet lacks %q", want)
		}
	}
	if strings.Contains(s, "已发布的动态") {
		t.Error("a published page without problems is listed as awaiting publication")
	}
}

// Serious wording errors of the kind inspectors cite, each found with its
// correction (主意 for 主义, 总书计, 规距).
func TestMoreSeriousTypos(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试党建网"
-- content/news/a.md --
+++
title = "学习简报"
date = 2026-12-01
+++
坚持和发展中国特色社会主意。
培育和践行社会主意核心价值观。
习近平总书计强调。
严守政治纪律和政治规距。
`)
	rep := review.Run(review.Options{Source: dir, Now: now})
	want := map[int]string{5: "中国特色社会主义", 6: "社会主义核心价值观", 7: "总书记", 8: "政治规矩"}
	for _, f := range rep.Findings {
		if f.Rule == "typo" && strings.Contains(f.Suggestion, want[f.Line]) && want[f.Line] != "" {
			delete(want, f.Line)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v (findings: %v)", want, rep.Findings)
	}
}

// A page whose year was mistyped into the future does not count as the
// column's latest update: the stale-section warning still names the real
// latest page.
func TestStaleIgnoresFutureDates(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试党建网"
[review]
update_days = { news = 14 }
-- content/news/old.md --
+++
title = "十月的动态"
date = 2026-10-01
+++
正文。
-- content/news/slip.md --
+++
title = "年份写错的动态"
date = 2062-05-01
+++
正文。
`)
	rep := review.Run(review.Options{Source: dir, Now: now})
	for _, f := range rep.Findings {
		if f.Rule == "stale-section" && f.Path == "content/news/old.md" {
			return
		}
	}
	t.Errorf("no stale-section warning at content/news/old.md: %v", rep.Findings)
}
