package review_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/review"
)

// A site's own word list (review/*.toml) is written by the officer: each
// mistake is named in Chinese at its line, with what to write (it was the
// decoder's English, "unknown key", with no line). Notepad's CRLF counts
// the same lines.
func TestWordListProblems(t *testing.T) {
	for _, tc := range []struct{ name, list, want string }{
		{"severity", "[[term]]\nfind = \"卫计委\"\nseverity = \"严重\"\n",
			`review/mine.toml:3: severity = "严重" 不对：请写 severity = "error"（错误，审核不通过）或 severity = "warning"（警告）`},
		{"unknown key in the second term", "[[term]]\nfind = \"a\"\n\n[[term]]\nfind = \"b\"\nfoo = 1\n",
			"review/mine.toml:6: 审核词表中有未知字段 foo：[[term]] 下可写 find、replace、rule、severity、since、note，[[allow]] 下只写 find"},
		{"unknown key in an allow, CRLF", "[[term]]\r\nfind = \"a\"\r\n[[allow]]\r\nfind = \"b\"\r\n[[allow]]\r\nfind = \"c\"\r\nx = 2\r\n",
			"review/mine.toml:7: 审核词表中有未知字段 x：[[term]] 下可写 find、replace、rule、severity、since、note，[[allow]] 下只写 find"},
		{"unknown top-level key", "bar = 1\n",
			"review/mine.toml:1: 审核词表中有未知字段 bar：[[term]] 下可写 find、replace、rule、severity、since、note，[[allow]] 下只写 find"},
		{"no find", "[[term]]\nfind = \"a\"\n[[term]]\nreplace = \"x\"\n",
			`review/mine.toml:3: 这一项 [[term]] 没有写要查找的词语：请加一行 find = "要查找的词语"，或删去这一项`},
		{"since not a date", "[[term]]\nfind = \"卫计委\"\nsince = \"昨天\"\n",
			`review/mine.toml:3: since = "昨天" 不是日期：请写成 since = 2018-03-27（年-月-日，月和日都写两位，不加引号）`},
		{"a number for a word", "[[term]]\nfind = 1\n",
			"review/mine.toml:2: 审核词表写法有误：字段 find 应为文本，实际为整数"},
		{"Word's quotes", "[[term]]\nfind = “卫计委”\n",
			`review/mine.toml:2: 审核词表写法有误：“ 是中文引号或全角引号，请改用英文半角直引号，写成 find = "卫计委"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "review"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "review", "mine.toml"), []byte(tc.list), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := review.LoadRules(dir)
			if err == nil || err.Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}

// What an officer would write in Chinese or as a Chinese date is taken:
// severity = "警告", since = "2018年12月28日".
func TestWordListTakesChineseForms(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "review"), 0o755); err != nil {
		t.Fatal(err)
	}
	list := "[[term]]\nfind = \"卫生计生委\"\nreplace = \"卫生健康委\"\nseverity = \"警告\"\nsince = \"2018年12月28日\"\n"
	if err := os.WriteFile(filepath.Join(dir, "review", "mine.toml"), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	rules, err := review.LoadRules(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range rules.Terms {
		if term.Find == "卫生计生委" {
			if term.Severity != review.SevWarning || term.Since.Format("2006-01-02") != "2018-12-28" || !strings.HasPrefix(term.Source, "review/mine.toml:2") {
				t.Errorf("term = %+v", term)
			}
			return
		}
	}
	t.Error("the site's term is not in the rules")
}
