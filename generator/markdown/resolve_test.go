package markdown

import (
	"strings"
	"testing"
)

func TestMDLinkResolver(t *testing.T) {
	pages := map[string]string{
		"content/brands/hongse.md": "/brands/hongse/",
		"content/news/通报.md":       "/news/通报/",
		"content/_index.md":        "/",
	}
	resolve := MDLinkResolver("content/news/a.md", func(p string) (string, bool) {
		u, ok := pages[p]
		return u, ok
	})
	tests := []struct {
		dest, want string
		ok         bool
	}{
		{"../brands/hongse.md#做法", "/brands/hongse/#做法", true},
		{"../brands/hongse.md", "/brands/hongse/", true},
		{"/brands/hongse.md?x=1", "/brands/hongse/?x=1", true},
		{"通报.md", "/news/通报/", true},
		{"%E9%80%9A%E6%8A%A5.md", "/news/通报/", true},
		{"./../_index.md", "/", true},
		{"../brands/missing.md", "", false},
		{"https://example.org/a.md", "", false},
		{"//example.org/a.md", "", false},
		{"/news/", "", false},
		{"#做法", "", false},
		{"logo.svg", "", false},
	}
	for _, tt := range tests {
		got, ok := resolve(tt.dest)
		if got != tt.want || ok != tt.ok {
			t.Errorf("resolve(%q) = %q, %v; want %q, %v", tt.dest, got, ok, tt.want, tt.ok)
		}
	}
	// End to end through RenderWith.
	res, err := New(Options{}).RenderWith([]byte("[见品牌](../brands/hongse.md)"), 1, resolve)
	if err != nil || !strings.Contains(string(res.HTML), `href="/brands/hongse/"`) {
		t.Errorf("RenderWith: %v %s", err, res.HTML)
	}
}
