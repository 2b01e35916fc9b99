package markdown

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dangjian/generator/sitetest"
)

// "](" that never closes made goldmark read to the paragraph's end for each
// one: "[a](" repeated over 320 KB took 47 s, "[a](()" over 160 KB 7 s. Such
// a page is refused, quickly, at its paragraph; pages whose links close,
// however many, render.
func TestUnclosedLinksRefused(t *testing.T) {
	r := New(Options{})
	for _, pat := range []string{"[a](", "[a](()", "[a]((b)", `[a](\)`, "[a](<)", "![a](", "[a](b \"\n", "[^a]("} {
		body := "第一段。\n\n" + strings.Repeat(pat, 320_000/len(pat)) + "\n"
		start := sitetest.CPUTime()
		_, err := r.Render([]byte(body), 5)
		var le *LinkScanError
		if !errors.As(err, &le) || le.Line != 7 {
			t.Errorf("%q: got %v, want a LinkScanError at line 7", pat, err)
		}
		if took := sitetest.CPUTime() - start; took > 2*time.Second {
			t.Errorf("%q: refused after %v of CPU", pat, took)
		}
		if p := Problem("content/news/a.md", 5, err); le != nil && p.Line != 7 {
			t.Errorf("%q: problem at line %d", pat, p.Line)
		}
	}
	var b strings.Builder
	for i := range 5000 { // a long list of links, one a line
		b.WriteString("- [第" + strings.Repeat("一", i%7) + "份文件](/files/a.pdf \"文件\")\n")
	}
	b.WriteString("\n" + strings.Repeat("见[通知](/news/a/)和[附件](https://例子.cn/a_(1).pdf)。", 3000) + "\n")
	if _, err := r.Render([]byte(b.String()), 1); err != nil {
		t.Errorf("links that close: %v", err)
	}
	// Code is not parsed for links: a code block of them counts nothing,
	// and a page of them after it is refused at its own line.
	code := "```markdown\n" + strings.Repeat("[a](", 100_000) + "\n```\n"
	if _, err := r.Render([]byte(code), 1); err != nil {
		t.Errorf("links in a code block: %v", err)
	}
	_, err := r.Render([]byte(code+"\n"+strings.Repeat("[a](", 100_000)+"\n"), 1)
	var le *LinkScanError
	if !errors.As(err, &le) || le.Line != 5 {
		t.Errorf("after a code block: %v", err)
	}
}
