package config

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"dangjian/generator/diag"
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

// site.toml saved by Notepad or WPS (CRLF, with or without a BOM) gets
// the same messages, at the same lines, as the LF file: the decoder put a
// string cut at "\r" on the line before, and the message lost its fix.
func TestParseProblemsCRLF(t *testing.T) {
	for _, src := range []string{
		"# 注释\ntitle = \"岚江党建”\nbaseURL = \"/\"\n",
		"# 注释\ntitle = “岚江党建”\n",
		"# 注释\n\npaginate = １０\n",
		"title = \"x\"\n[[menu]]\nname = \"a\"\nurll = \"/a/\"\n",
		"title = \"x\"\ndescription = \"未写完\n",
		"title = \"岚江党建”\n",
	} {
		_, want := Parse([]byte(src))
		if len(want) == 0 {
			t.Fatalf("%q: no problem", src)
		}
		crlf := strings.ReplaceAll(src, "\n", "\r\n")
		for _, in := range []string{crlf, "\ufeff" + crlf} {
			_, got := Parse([]byte(in))
			if len(got) == 0 || got[0].Error() != want[0].Error() {
				t.Errorf("%q:\n got %v\nwant %v", in, got, want[0])
			}
		}
	}
}

// An external address copied without its https:// was taken for a path of
// the site (the menu's "www.example.gov.cn" led to /news/a/www.example.gov.cn)
// and the 党政机关网站标识 link's other schemes vanished from the footer.
// Each is an error with the address to write; site paths stay as they are.
func TestExternalAddressNeedsItsScheme(t *testing.T) {
	for src, want := range map[string]string{
		"[[menu]]\nname = \"委网\"\nurl = \"www.example.gov.cn\"\n":             `site.toml:3: 菜单链接 "www.example.gov.cn" 缺少开头的 https://（或 http://），会被当作本站里的地址而打不开；请写成 "https://www.example.gov.cn"`,
		"[[menu]]\nname = \"内网\"\nurl = \"192.168.1.10/oa/\"\n":               `请写成 "https://192.168.1.10/oa/"`,
		"[footer]\ndzjg_link = \"bszs.conac.cn/sitename?method=show&id=A\"\n": `site.toml:2: [footer] 的 dzjg_link 应是 https:// 或 http:// 开头的完整网址，实际为 "bszs.conac.cn/sitename?method=show&id=A"；请写成 "https://bszs.conac.cn/sitename?method=show&id=A"`,
		"[footer]\ndzjg_link = \"javascript:alert(1)\"\n":                     `[footer] 的 dzjg_link 应是 https:// 或 http:// 开头的完整网址，实际为 "javascript:alert(1)"`,
	} {
		cfg, probs := Parse([]byte(src))
		if len(probs) != 1 || !strings.Contains(probs[0].Error(), want) {
			t.Errorf("%q: got %v, want %q", src, probs, want)
		}
		if cfg.Footer.DZJGLink != "" || len(cfg.Menu) > 0 && cfg.Menu[0].URL != "/" {
			t.Errorf("%q: the bad address was kept: %+v", src, cfg)
		}
	}
	for _, src := range []string{
		"[[menu]]\nname = \"关于\"\nurl = \"about.html\"\n",
		"[[menu]]\nname = \"动态\"\nurl = \"news/\"\n",
		"[[menu]]\nname = \"委网\"\nurl = \"https://www.example.gov.cn/\"\n",
		"[footer]\ndzjg_link = \"https://bszs.conac.cn/sitename?method=show&id=A\"\n",
	} {
		if _, probs := Parse([]byte(src)); len(probs) != 0 {
			t.Errorf("%q: %v", src, probs)
		}
	}
}

// site.toml saved by Notepad as "Unicode" (UTF-16 LE with a byte-order
// mark) reads as UTF-8, and a problem in it still names its line.
func TestParseUTF16(t *testing.T) {
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return b
	}
	cfg, probs := Parse(utf16le("title = \"岚江党建\"\r\npaginate = 20\r\n"))
	if len(probs) != 0 || cfg.Title != "岚江党建" || cfg.Paginate != 20 {
		t.Errorf("got %q %d, problems %v", cfg.Title, cfg.Paginate, probs)
	}
	_, probs = Parse(utf16le("title = \"岚江党建\"\r\npagniate = 20\r\n"))
	if len(probs) != 1 || probs[0].Line != 2 {
		t.Errorf("a misspelt key on line 2: %v", probs)
	}
}

// site.toml saved by Notepad as "ANSI" (GBK on a Chinese Windows) was said
// to hold an invisible control character, to be deleted: the officer
// deleted her Chinese title. It is the encoding, at the first Chinese
// character, with how to save it as UTF-8.
func TestParseGBK(t *testing.T) {
	// "# 注释\ntitle = \"县卫健局\"\n" in GBK.
	gbk := []byte("# \xd7\xa2\xca\xcd\r\ntitle = \"\xcf\xd8\xce\xc0\xbd\xa1\xbe\xd6\"\r\n")
	_, probs := Parse(gbk)
	if len(probs) != 1 {
		t.Fatalf("%v", probs)
	}
	zh, en := probs[0].Format(diag.Chinese), probs[0].Format(diag.English)
	for _, want := range []string{"site.toml:1: 文件不是 UTF-8 编码（本行第 ", "“编码”选为“UTF-8”"} {
		if !strings.Contains(zh, want) {
			t.Errorf("no %q in %q", want, zh)
		}
	}
	if !strings.Contains(en, "site.toml:1: file is not UTF-8") {
		t.Errorf("%q", en)
	}
}
