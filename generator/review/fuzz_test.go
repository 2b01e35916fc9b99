package review_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// FuzzPage: whatever a page holds, the review does not panic, and every
// finding points at a real line and a column within it.
func FuzzPage(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"扫黑险恶\"\ndoc_number = \"岳卫党发[2016]07号\"\n+++\n11010519491231002X,13812345678《",
		"+++\ntitle = '''多行\n卫计委'''\nx = \"\\\"\n+++\n```\n卫计委\n```\n<!-- review:ignore typo -->\n扫黑险恶]()",
		"文号(2023)01号 138-1234-5678 ’a’ [a](b(c) `x` https://例.cn/?,",
	} {
		f.Add(s)
	}
	rules, err := review.LoadRules("")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, _ := content.Parse("news/f.md", []byte(src))
		lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(src, "\uFEFF"), "\r\n", "\n"), "\n")
		for _, fd := range review.Page(p, rules, diag.Chinese) {
			if fd.Line < 1 || fd.Line > len(lines) {
				t.Fatalf("%s: line out of the file (%d lines)", fd.Location(), len(lines))
			}
			if n := utf8.RuneCountInString(lines[fd.Line-1]); fd.Column < 1 || fd.Column > n {
				t.Fatalf("%s: column out of line %q", fd.Location(), lines[fd.Line-1])
			}
		}
	})
}
