package review_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// A front matter line of many strings is reviewed in time linear in the
// line: each string's column was counted from the line's start, and a page
// of 100,000 tags took 40 s of every build. The columns stay right.
func TestManyStringsOnALineAreReviewedInLinearTime(t *testing.T) {
	rules, err := review.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`tags = [`)
	for i := range 60000 {
		fmt.Fprintf(&b, `"标签%d", `, i)
	}
	col := len([]rune(b.String())) + 2
	b.WriteString(`"手机 13812345678"]`)
	p, probs := content.Parse("news/f.md", []byte("+++\ntitle = \"公示\"\ndate = 2025-01-02\n"+b.String()+"\n+++\n正文\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	start := time.Now()
	var got []string
	for _, f := range review.Page(p, rules, diag.Chinese) {
		if strings.HasPrefix(f.Rule, "privacy") {
			got = append(got, fmt.Sprintf("%d:%d", f.Line, f.Column))
		}
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("review of 60,000 tags took %v", took)
	}
	if want := fmt.Sprintf("4:%d", col+3); len(got) != 1 || got[0] != want {
		t.Errorf("privacy findings at %v, want %s", got, want)
	}
}
