package markdown

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender feeds arbitrary bodies to both the safe and the unsafe
// renderer. It calls render directly, bypassing the recover in RenderWith,
// so a panic in goldmark or in this package fails the fuzz run instead of
// being turned into an error.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"**「红色领航」**\n\n## 一、主要做法\n\n中文\n中文",
		"[链接](../brands/a.md#做法) ![图](logo.svg) <!--more--> www.example.cn",
		"| a | b |\n|---|---|\n| [x](y.md) | 2 |\n\n- [x] 完成\n\n脚注[^1]\n\n[^1]: 说明",
		"<script>alert(1)</script><img src=x onerror=alert(1)>",
		"前言\n姓名\t职务\n张三\t[书记](a.md)\n李四\t\n后记\n\n```\na\tb\nc\td\n```\n> 甲\t乙\n> 丙\t丁\n- x\ty\n  z\tw",
	} {
		f.Add([]byte(s))
	}
	safe := New(Options{})
	unsafe := New(Options{UnsafeHTML: true})
	resolve := func(dest string) (string, bool) {
		if strings.Contains(dest, ".md") {
			return "/p/", true
		}
		return "", false
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := safe.render(body, 1, resolve)
		// A page nested too deeply or full of unclosed links is refused,
		// at a line of the body.
		var ne *NestingError
		var le *LinkScanError
		var fe *FootnoteError
		if errors.As(err, &ne) || errors.As(err, &le) || errors.As(err, &fe) {
			if p := Problem("a.md", 1, err); p.Line < 1 || p.Line > 1+strings.Count(string(body), "\n") {
				t.Errorf("refused at line %d, body has %d lines", p.Line, 1+strings.Count(string(body), "\n"))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(string(res.HTML)), "<script") {
			t.Errorf("raw <script> reached safe output: %q", res.HTML)
		}
		if utf8.Valid(body) && !utf8.ValidString(res.Plain) {
			t.Errorf("invalid UTF-8 in Plain from valid input")
		}
		lines := strings.Count(string(body), "\n")
		for _, l := range res.Links {
			if l.Line < 1 || l.Line > 1+lines {
				t.Errorf("link %q on line %d, body has %d lines", l.Dest, l.Line, lines+1)
			}
		}
		for _, h := range res.DroppedHTML {
			if h.Line < 1 || h.Line > 1+lines || !strings.HasPrefix(h.Tag, "<") {
				t.Errorf("left-out HTML %q on line %d, body has %d lines", h.Tag, h.Line, lines+1)
			}
		}
		seen := map[string]bool{}
		for _, id := range res.IDs {
			if seen[id] || id == "" {
				t.Errorf("duplicate or empty heading ID %q", id)
			}
			seen[id] = true
		}
		if res.ReadingMinutes < 1 {
			t.Errorf("ReadingMinutes %d", res.ReadingMinutes)
		}
		_ = Summarize(res.Plain, SummaryLength)
		if _, err := unsafe.render(body, 1, nil); err != nil {
			t.Fatal(err)
		}
	})
}
