package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cfg, probs := Parse([]byte(`title = "岚江党建"
baseURL = "/portal/"
paginate = 20
[[menu]]
name = "统计"
url = "/stats/"
weight = 2
[[menu]]
name = "动态"
url = "/news/"
weight = 1
[labels]
home = "主页"
[params]
featured_brands = ["a"]
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if cfg.Title != "岚江党建" || cfg.BaseURL != "/portal/" || cfg.Paginate != 20 || cfg.Theme != "default" {
		t.Errorf("cfg = %+v", cfg)
	}
	if cfg.Menu[0].Name != "动态" || cfg.Labels["home"] != "主页" {
		t.Errorf("menu not sorted by weight or labels lost: %+v", cfg)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title = \"x\"\npaginte = 10\n", "site.toml:2: site.toml 中有未知设置 paginte，是否应为 paginate？"},
		{"titel = \"x\"\n[[menu]]\nname = \"a\"\nurll = \"/a/\"\n", "site.toml:1: site.toml 中有未知设置 titel，是否应为 title？"},
		{"title = \"x\"\n[[menu]]\nname = \"a\"\nurll = \"/a/\"\n", "site.toml:4: site.toml 中有未知设置 menu.urll，是否应为 menu.url？"},
		{"title = “岚江党建”\n", "site.toml:1: site.toml 格式错误：“ 是中文引号或全角引号，请改用英文半角直引号，写成 title = \"岚江党建\""},
		{"paginate = １０\n", "site.toml:1: site.toml 格式错误：１０ 含全角字符（１ ０），请改为半角，写成 paginate = 10"},
		{"title = \"x\"\n[[menu]]\nname = \"a\"\nlink = \"/a/\"\n", "site.toml:4: site.toml 中有未知设置 menu.link"},
		{"title = \n", "site.toml:1: site.toml 格式错误"},
		{"paginate = \"十\"\n", "site.toml:1:"},
	}
	for _, tc := range tests {
		_, probs := Parse([]byte(tc.src))
		if len(probs) == 0 || !strings.Contains(probs[0].Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.src, probs, tc.want)
		}
	}
}
