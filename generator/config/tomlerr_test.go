package config

import (
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"dangjian/generator/diag"
)

// Every error of the TOML decoder reads in Chinese without an English word
// (field names, values and TOML's own true/false aside), on the right line.
func TestTOMLErrorsInChinese(t *testing.T) {
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	allowed := strings.NewReplacer("title", "", "true", "", "false", "", "tags", "", "date", "", "members", "", "name", "")
	tests := []struct {
		src  string
		line int
		want string
	}{
		{"title = \"a\" \"b\"\n", 1, "值后面多出了"},
		{"title = \n", 1, "等号后面缺少值"},
		{"title = 标题\n", 1, "请写成 title = \"标题\""},
		{"members = 八十\n", 1, "等号后面的值写法不对"},
		{"title \"a\"\n", 1, "字段名后面应是等号"},
		{"= \"a\"\n", 1, "等号前面缺少字段名"},
		{"tags = [\"a\" \"b\"]\n", 1, "列表中的各项要用半角逗号"},
		{"title = \"a\n", 1, "文本缺少结束的半角双引号"},
		{"title = \"a\"\ntitle = \"b\"\n", 2, "字段 title 写了两次"},
		{"date = 2021-13-45\n", 1, "日期 “2021-13-45” 无效"},
		{"title = \"a\\q\"\n", 1, "反斜杠"},
		{"members = 1e\n", 1, "数字写法不对"},
		{"members = 99999999999999999999\n", 1, "太大"},
		{"[a\nb = 1\n", 1, "表格名写法不对"},
		{"title = \"a\x01\"\n", 1, "控制字符"},
		{"[[honors]]\nname = \"a\"\nname = \"b\"\n", 3, "写了两次"},
	}
	for _, tc := range tests {
		var v map[string]any
		_, err := toml.Decode(tc.src, &v)
		if err == nil {
			t.Fatalf("%q decodes", tc.src)
		}
		p := TOMLProblemSrc("content/news/a.md", 1, err, []byte(tc.src))
		zh := p.Msg.Text(diag.Chinese)
		if p.Line != tc.line+1 || !strings.Contains(zh, tc.want) {
			t.Errorf("%q: line %d, %q; want line %d with %q (decoder: %v)", tc.src, p.Line, zh, tc.line+1, tc.want, err)
		}
		if w := english.FindString(allowed.Replace(regexp.MustCompile(`"[^"]*"`).ReplaceAllString(zh, ""))); w != "" {
			t.Errorf("%q: English word %q in %q", tc.src, w, zh)
		}
		if en := p.Msg.Text(diag.English); en == "" || english.FindString(en) == "" {
			t.Errorf("%q: no English message: %q", tc.src, en)
		}
	}
}

// Hint recognises each slip and leaves well-written lines alone.
func TestHint(t *testing.T) {
	for line, want := range map[string]string{
		"date = 2019年7月1日":     "date = 2019-07-01",
		"date = 2019.7.1 # 注释": "date = 2019-07-01",
		"awarded = 2019/07/01": "awarded = 2019-07-01",
		"source = “市卫健委”":      `source = "市卫健委"`,
		"source = ＂市卫健委＂":      `source = "市卫健委"`,
		"members ＝ 80":         "members = 80",
		"members = ８０":         "members = 80",
		"ｍｅｍｂｅｒｓ = 80":         "写成 members",
		"investment = 1,280.5": "investment = 1280.5",
		"members = 80人":        "members = 80",
		"members = 80 人":       "members = 80",
		"tags = [\"a\"，\"b\"]": `tags = ["a", "b"]`,
		"title：\"测试\"":         `写成 title = "测试"`,
		"title = 测试":           `写成 title = "测试"`,
		"source = 市卫健委 # 来源":   `写成 source = "市卫健委"`,
		"draft = 否":            "写成 draft = false",
		"unsafe_html = 是":      "写成 unsafe_html = true",
		"title: \"测试\" # 标题":   `写成 title = "测试"`,
		"ｍｅｍｂｅｒｓ：８０":           `写成 members = 80`,
		"source：“市卫健委”":        `写成 source = "市卫健委"`,
		// A list typed as a sentence; quoting it as a text (the hint
		// before) made one tag of the two.
		"tags = 党建，品牌":        `写成 tags = ["党建", "品牌"]`,
		"tags = 党建、品牌 # 标签":   `写成 tags = ["党建", "品牌"]`,
		"units = 县人民医院":       `写成 units = ["县人民医院"]`,
		"tags = “党建，品牌”":      `写成 tags = ["党建", "品牌"]`,
		"tags = 【党建，品牌】":      `写成 tags = ["党建", "品牌"]`,
		`tags = 【"党建", "品牌"】`: `写成 tags = ["党建", "品牌"]`,
		"date = 2026—12—07":   "写成 date = 2026-12-07",
		// A full-width space after the key or "=" was reported as an
		// odd character "　" with no fix.
		"title\u3000=\u3000\"测试\"": `全角空格（中文输入法打出的空格），请删去或改为半角空格，写成 title = "测试"`,
		"\u3000date = 2026-12-01":  `写成 date = 2026-12-01`,
	} {
		msg, args, ok := Hint(line)
		if !ok {
			t.Errorf("%q: no hint", line)
			continue
		}
		if got := msg.Text(diag.Chinese, args...); !strings.Contains(got, want) {
			t.Errorf("%q: %q, want %q in it", line, got, want)
		}
	}
	for _, line := range []string{"members = 80", "date = 2019-07-01", "title = \"2019年7月1日\"", "# 注释 “”", "[[honors]]", "investment = 1e3", "date = 2019-07-01T10:00:00", "注意：这一行不是字段", "members = 八十", "date = 今天", "draft = 也许", `tags = ["党建", "品牌"]`, `title = "党建　品牌"`} {
		if msg, args, ok := Hint(line); ok {
			t.Errorf("%q: unexpected hint %q", line, msg.Text(diag.Chinese, args...))
		}
	}
}
