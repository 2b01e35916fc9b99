package review_test

import (
	"strings"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// A 公示 copied from a form writes its numbers in groups, in full-width
// digits or with +86: each was published without a word before, although
// the same number written plainly is an error. Numbers that are not
// personal stay quiet.
func TestPrivacyNumberForms(t *testing.T) {
	rules, err := review.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	found := func(line string) (rule string, col int) {
		p, _ := content.Parse("news/f.md", []byte("+++\ntitle = \"公示\"\n+++\n"+line+"\n"))
		for _, f := range review.Page(p, rules, diag.Chinese) {
			if strings.HasPrefix(f.Rule, "privacy") {
				return f.Rule, f.Column
			}
		}
		return "", 0
	}
	for _, c := range []struct {
		line, rule string
		col        int
	}{
		{"身份证号 430602199001011235。", "privacy-id", 6},
		{"身份证号 430602 19900101 1235。", "privacy-id", 6},
		{"身份证号 430602 1990 0101 1235。", "privacy-id", 6},
		{"身份证号 430602-1990-0101-1235。", "privacy-id", 6},
		{"身份证号 ４３０６０２１９９００１０１１２３５。", "privacy-id", 6},
		{"身份证号 110105 19491231 002X。", "privacy-id", 6},
		{"手机 13812345678。", "privacy-phone", 4},
		{"手机 +8613812345678。", "privacy-phone", 5},
		{"手机 ＋86 138 1234 5678。", "privacy-phone", 8},
		{"手机 １３８１２３４５６７８。", "privacy-phone", 4},
		{"手机 1381234５６７８。", "privacy-phone", 4},
		{"手机 138.1234.5678。", "privacy-phone", 4},
		{"手机 138 12345678。", "privacy-phone", 4},
		{"手机 138 1234 5678 2023 年起停用。", "privacy-phone", 4},
		// Not personal: a landline, years, an IP address, an invalid ID.
		{"电话 0730-8123456。", "", 0},
		{"2019 2020 2021 2022 2023 年", "", 0},
		{"地址 192.168.100.123。", "", 0},
		{"编号 430602 19900101 1234。", "", 0},
		{"索引号 11439900MB1C27405R/2025-00001", "", 0},
	} {
		if rule, col := found(c.line); rule != c.rule || col != c.col {
			t.Errorf("%q: %q at column %d, want %q at %d", c.line, rule, col, c.rule, c.col)
		}
	}
}
