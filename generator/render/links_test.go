package render

import "testing"

func TestLinks(t *testing.T) {
	tests := []struct {
		base, page, link, want string
	}{
		{"/", "/brands/a/", "/news/", "/news/"},
		{"/portal/", "/brands/a/", "/news/", "/portal/news/"},
		{"https://x.gov.cn/portal", "/", "/css/main.css", "/portal/css/main.css"},
		{"", "/brands/a/", "/news/", "../../news/index.html"},
		{"", "/", "/news/", "news/index.html"},
		{"", "/", "/", "index.html"},
		{"", "/404.html", "/css/main.css", "css/main.css"},
		{"", "/tags/党建/page/2/", "/brands/a/#做法", "../../../../brands/a/index.html#做法"},
		{"", "/brands/a/", "/images/a.svg", "../../images/a.svg"},
		{"", "/brands/a/", "/search/?q=x", "../../search/index.html?q=x"},
		{"", "/brands/a/", "https://example.org/", "https://example.org/"},
		{"", "/brands/a/", "#top", "#top"},
	}
	for _, tc := range tests {
		if got := NewLinks(tc.base).URL(tc.page, tc.link); got != tc.want {
			t.Errorf("base %q page %s link %s = %q, want %q", tc.base, tc.page, tc.link, got, tc.want)
		}
	}
}

func TestRewrite(t *testing.T) {
	html := []byte(`<a href="/news/">x</a><img src="/a.png"><form action="/search/"><a href="https://o.org/">o</a>`)
	got := string(NewLinks("/p/").Rewrite("/x/", html))
	want := `<a href="/p/news/">x</a><img src="/p/a.png"><form action="/p/search/"><a href="https://o.org/">o</a>`
	if got != want {
		t.Errorf("Rewrite = %s", got)
	}
	if got := NewLinks("/").Rewrite("/x/", html); string(got) != string(html) {
		t.Error("base / changed links")
	}
}
