package markdown

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

func TestNestingOf(t *testing.T) {
	for _, c := range []struct {
		line string
		want int
	}{
		{"正文", 0},
		{"> 引用", 1},
		{">>> 引用", 3},
		{"> > - 1. 项", 4},
		{"- [ ] 任务", 1},
		{"1) 第一", 1},
		{"1234567890. 不是列表", 0}, // ten digits are not a list marker
		{"2023.5.6 日期", 0},
		{"-1 不是列表", 0},
		{"**加粗**", 0},
		{"- - - -", 0},                        // a thematic break
		{"- " + strings.Repeat("* ", 200), 1}, // an item holding a break
		{"        代码", 2},
		{"\t\t- 项", 3},
		{strings.Repeat(">", 100) + " 深", 100},
		{strings.Repeat("- ", 100) + "x", 100},
		{strings.Repeat("  ", 300) + "- x", 151},
	} {
		if got := nestingOf([]byte(c.line)); got != c.want {
			t.Errorf("nestingOf(%.40q) = %d, want %d", c.line, got, c.want)
		}
	}
}

// Pages nested thousands of levels deep are refused at their line before
// goldmark parses them; its time grows with the square of the nesting
// (100,000 "- " took 50 s, 100,000 ">" 8 s). Nesting as articles write it
// renders.
func TestDeepNestingRefused(t *testing.T) {
	r := New(Options{})
	for name, body := range map[string]string{
		"quotes":     "第一段\n\n" + strings.Repeat(">", 100_000) + " 深\n",
		"list items": "第一段\n\n" + strings.Repeat("- ", 100_000) + "x\n",
		"numbered":   "第一段\n\n" + strings.Repeat("1. ", 50_000) + "x\n",
		"indentation": "第一段\n\n" + func() string {
			var b strings.Builder
			for i := range 2000 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}(),
	} {
		start := sitetest.CPUTime()
		_, err := r.Render([]byte(body), 5)
		var ne *NestingError
		if !errors.As(err, &ne) {
			t.Errorf("%s: got %v, want a NestingError", name, err)
			continue
		}
		if took := sitetest.CPUTime() - start; took > time.Second {
			t.Errorf("%s: refused after %v of CPU", name, took)
		}
		p := Problem("content/news/a.md", 5, err)
		if p.Line != ne.Line || p.Msg != diag.MsgMarkdownNesting {
			t.Errorf("%s: problem %+v", name, p)
		}
		wantLine := 7
		if name == "indentation" {
			wantLine = 7 + 2*MaxNesting // the first line indented 256 columns
		}
		if ne.Line != wantLine {
			t.Errorf("%s: line %d, want %d", name, ne.Line, wantLine)
		}
	}
	ok := "> 引用\n> > 引用中的引用\n\n- 一\n  - 二\n    1. 三\n       > 四\n\n- - - -\n\n" +
		strings.Repeat("> ", MaxNesting) + "最深\n"
	res, err := r.Render([]byte(ok), 1)
	if err != nil || !strings.Contains(string(res.HTML), "最深") {
		t.Fatalf("ordinary nesting: %v", err)
	}
}
