package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/sitetest"
)

// officerSite is the site the mistakes are made in: two units named the way
// officers name them, and a logo.
const officerSite = sitetest.Minimal + `
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
short = "市妇幼"
members = 80
+++
妇幼保健院党委。
-- content/units/renmin.md --
+++
title = "岚江市第一人民医院"
short = "市一医院"
members = 120
+++
-- content/images/brands/hongqi.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c00"/></svg>
`

func newsPage(name, front, body string) string {
	return "-- content/news/" + name + ".md --\n+++\ntitle = \"测试动态\"\n" + front + "\n+++\n" + body + "\n"
}

// Each mistake of issue #15, made in a whole site: build fails (exit 1)
// naming the file and line, in Chinese with the fix and no English word
// left, and in English under LANG=en_US.UTF-8; check lists the same.
var mistakes = []struct {
	name    string
	archive string
	where   string // path:line
	zh, en  string // part of the message, with its hint
}{
	{"date 年月日", newsPage("a", "date = 2019年7月1日", "正文"), "content/news/a.md:3:", "请写成 date = 2019-07-01", "write date = 2019-07-01"},
	{"date dots", newsPage("a", "date = 2019.7.1", "正文"), "content/news/a.md:3:", "请写成 date = 2019-07-01", "write date = 2019-07-01"},
	{"date slashes", newsPage("a", "date = 2019/7/1", "正文"), "content/news/a.md:3:", "请写成 date = 2019-07-01", "write date = 2019-07-01"},
	{"date quoted 年月日 that is no date", newsPage("a", "date = \"2019.13.1\"", "正文"), "content/news/a.md:3:", "字段 date 应为日期", "field date should be a date"},
	{"curly quotes", newsPage("a", "date = 2024-01-01\nsource = “市卫健委”", "正文"), "content/news/a.md:4:", `请改用英文半角直引号，写成 source = "市卫健委"`, `use straight quotes: source = "市卫健委"`},
	{"full-width equals", newsPage("a", "date ＝ 2024-01-01", "正文"), "content/news/a.md:3:", "请改为半角等号，写成 date = 2024-01-01", "write date = 2024-01-01"},
	{"full-width digits", "-- content/units/b.md --\n+++\ntitle = \"某单位\"\nmembers = ８０\n+++\n", "content/units/b.md:3:", "请改为半角，写成 members = 80", "write members = 80"},
	{"full-width letters", newsPage("a", "ｄａｔｅ = 2024-01-01", "正文"), "content/news/a.md:3:", "字段名 ｄａｔｅ 含全角字符，请改为半角，写成 date", "write date"},
	{"thousands separator", "-- content/units/b.md --\n+++\ntitle = \"某单位\"\nmembers = 1,280\n+++\n", "content/units/b.md:3:", "不要加千位分隔符，请写成 members = 1280", "write members = 1280"},
	{"unit after number", "-- content/units/b.md --\n+++\ntitle = \"某单位\"\nmembers = 80人\n+++\n", "content/units/b.md:3:", "请写成 members = 80（只写数字）", "write members = 80"},
	{"quoted number with unit", "-- content/units/b.md --\n+++\ntitle = \"某单位\"\nmembers = \"80人\"\n+++\n", "content/units/b.md:3:", `字段 members 应为整数，实际为 "80人"；请只写数字，不加引号：members = 80`, "write the number alone"},
	{"missing closing +++", "-- content/news/a.md --\n+++\ntitle = \"测试\"\ndate = 2024-01-01\n\n正文第一段。\n", "content/news/a.md:1:", "请在第 5 行（正文开始处）前面加一行 +++", "add a line +++ before line 5"},
	{"unknown unit with a slip", newsPage("a", "date = 2024-01-01\nunits = [\"fuyuo\"]", "正文"), "content/news/a.md:4:", `找不到单位 "fuyuo"`, `did you mean "fuyou"`},
	{"unknown unit by a part of its name", "-- content/brands/b.md --\n+++\ntitle = \"品牌\"\nunit = \"第一人民医院\"\nlogo = \"images/brands/hongqi.svg\"\n+++\n", "content/brands/b.md:3:", `是否应为 "renmin"（岚江市第一人民医院）`, `did you mean "renmin"`},
	{"ambiguous unit", "-- content/units/c.md --\n+++\ntitle = \"社区站\"\nshort = \"市妇幼\"\n+++\n" + newsPage("a", "date = 2024-01-01\nunits = [\"市妇幼\"]", "正文"), "content/news/a.md:4:", `"市妇幼" 同时是几个单位的名称："c"（社区站）、"fuyou"（市妇幼保健院）`, "names several units"},
	{"misspelt key", "-- content/units/b.md --\n+++\ntitle = \"某单位\"\nmenbers = 80\n+++\n", "content/units/b.md:3:", "未知字段 menbers，是否应为 members？（本站自定义的其他内容请写在 [params] 下）", "did you mean members? (other data of your own goes under [params])"},
	{"placeholder", "-- content/brands/b.md --\n+++\ntitle = \"品牌\"\nunit = \"fuyou\"\nlogo = \"images/brands/hongqi.svg\"\nslogan = \"请填写品牌口号\"\n+++\n", "content/brands/b.md:5:", `字段 slogan 还是模板里的占位文字 "请填写品牌口号"`, `field slogan still holds the template's placeholder`},
	{"placeholder unit", "-- content/brands/b.md --\n+++\ntitle = \"品牌\"\nunit = \"请填写所属单位（单位的文件名、全称或简称）\"\nlogo = \"images/brands/hongqi.svg\"\n+++\n", "content/brands/b.md:3:", "字段 unit 还是模板里的占位文字", "field unit still holds"},
	{"placeholder logo", "-- content/brands/b.md --\n+++\ntitle = \"品牌\"\nunit = \"fuyou\"\nlogo = \"img/emblem.svg\"\n+++\n", "content/brands/b.md:4:", "字段 logo 还是模板预填的通用党徽 img/emblem.svg", "field logo is still the template's generic emblem"},
	{"placeholder text", newsPage("a", "date = 2024-01-01", "## 小标题\n\n请在这里撰写正文，可用“## ”开头的小标题分段。"), "content/news/a.md:7:", "正文还是模板里的提示文字", "the text still holds the template's prompt"},
	{"missing image", newsPage("a", "date = 2024-01-01", "![活动照片](/images/photos/huodong.jpg)"), "content/news/a.md:5:", `图片 "/images/photos/huodong.jpg" 不存在`, `image "/images/photos/huodong.jpg" not found`},
	{"broken link", newsPage("a", "date = 2024-01-01", "见[通知](/news/meiyou/)。"), "content/news/a.md:5:", `链接 "/news/meiyou/" 指向的页面或文件不存在`, "points to no page or file"},
	{"broken md link", newsPage("a", "date = 2024-01-01", "见[通知](meiyou.md)。"), "content/news/a.md:5:", `链接 "meiyou.md" 指向的文件 content/news/meiyou.md 不存在`, "does not exist"},
	{"broken anchor", newsPage("a", "date = 2024-01-01", "## 会议内容\n\n见[上文](#会议精神)。"), "content/news/a.md:7:", "本页没有这个锚点", "no heading on this page has the anchor"},
}

// englishWord finds a word of English left in a Chinese message once the
// file's own words are taken out: quoted values, paths and file names,
// field names, and TOML's true/false.
var (
	englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)
	quoted      = regexp.MustCompile(`"[^"]*"`)
	pathLike    = regexp.MustCompile(`[\w./#-]*[/.#][\w./#-]*`)
)

func englishIn(msg string) string {
	msg = quoted.ReplaceAllString(msg, "")
	msg = pathLike.ReplaceAllString(msg, "")
	words := append([]string{"draft", "true", "false", "params", "honors", "dangjian"}, content.AllKeys(content.KindBrand)...)
	for _, k := range []content.Kind{content.KindUnit, content.KindModel, content.KindHonor, content.KindNews} {
		words = append(words, content.KindKeys[k]...)
	}
	words = append(words, "menbers", "ｄａｔｅ")
	for _, w := range words {
		msg = regexp.MustCompile(`\b`+regexp.QuoteMeta(w)+`\b`).ReplaceAllString(msg, "")
	}
	return englishWord.FindString(msg)
}

func TestOfficerMistakes(t *testing.T) {
	for _, tc := range mistakes {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, officerSite+tc.archive)
			code, _, zh := runCLI(t, "zh_CN.UTF-8", "build", "--source", dir)
			if code != exitContent {
				t.Fatalf("build: exit %d, want 1\n%s", code, zh)
			}
			line := lineWith(zh, tc.where)
			if line == "" || !strings.Contains(line, tc.zh) {
				t.Fatalf("build: no %q with %q in:\n%s", tc.where, tc.zh, zh)
			}
			if w := englishIn(strings.TrimPrefix(line, tc.where)); w != "" {
				t.Errorf("English word %q in the Chinese message: %s", w, line)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("a failed build wrote public/")
			}
			code, _, en := runCLI(t, "en_US.UTF-8", "build", "--source", dir)
			if code != exitContent || !strings.Contains(lineWith(en, tc.where), tc.en) {
				t.Errorf("build (en): exit %d, no %q with %q in:\n%s", code, tc.where, tc.en, en)
			}
			code, out, _ := runCLI(t, "zh_CN.UTF-8", "check", "--source", dir)
			if code != exitContent || !strings.Contains(lineWith(out, tc.where), tc.zh) {
				t.Errorf("check: exit %d, no %q with %q in:\n%s", code, tc.where, tc.zh, out)
			}
		})
	}
}

func lineWith(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// What officers write that is right, and must build: units by title and
// short name, tags typed two ways, a table pasted from Word, units in
// weight order, and a draft left out of the build.
func TestOfficerWaysBuild(t *testing.T) {
	dir := writeSite(t, officerSite+`
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
short = "市妇幼"
members = 80
weight = 2
+++
-- content/units/renmin.md --
+++
title = "岚江市第一人民医院"
short = "市一医院"
members = 120
weight = 1
+++
-- content/brands/b.md --
+++
title = "红旗品牌"
unit = "岚江市第一人民医院"
logo = "images/brands/hongqi.svg"
tags = ["党建 品牌"]
+++
-- content/news/a.md --
+++
title = "会议"
date = 2024-01-01
units = ["市妇幼", "市一医院"]
tags = ["党建品牌", "２０２４"]
+++
参会人员名单：

姓名	职务	单位
张三	书记	市妇幼保健院
李四	委员	市一医院
-- content/news/c.md --
+++
title = "草稿"
date = 2024-01-02
draft = true
source = "请填写来源"
+++
`)
	code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--source", dir)
	if code != exitOK {
		t.Fatalf("build: %d\n%s", code, errOut)
	}
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if u := read("units/renmin/index.html"); !strings.Contains(u, "红旗品牌") || !strings.Contains(u, "会议") {
		t.Error("the unit named by its title and short name does not list the brand and the news")
	}
	if u := read("units/fuyou/index.html"); !strings.Contains(u, "会议") {
		t.Error("the unit named by its short name does not list the news")
	}
	tag := read("tags/党建品牌/index.html")
	if !strings.Contains(tag, "红旗品牌") || !strings.Contains(tag, "会议") {
		t.Error("党建 品牌 and 党建品牌 are not one tag")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "tags", "2024", "index.html")); err != nil {
		t.Error("full-width ２０２４ not folded to the tag 2024")
	}
	if n := read("news/a/index.html"); !strings.Contains(n, "<th>姓名</th>") || !strings.Contains(n, `<td data-label="单位">市一医院</td>`) {
		t.Error("the table pasted from Word is not a table")
	}
	list := read("units/index.html")
	if i, j := strings.Index(list, "岚江市第一人民医院"), strings.Index(list, "市妇幼保健院"); i < 0 || j < 0 || i > j {
		t.Errorf("units not in weight order (renmin weight 1 first): %d %d", i, j)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "news", "c")); err == nil {
		t.Error("the draft was published")
	}
}
