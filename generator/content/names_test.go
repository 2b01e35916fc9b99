package content

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
)

// A tag, slug or file named index.html made a folder of that name beside a
// list page's own index.html: the build stopped with the system's English
// "is a directory" and no line. Each is refused at its front matter line; an
// alias may still end in index.html (it names its folder's page).
func TestIndexHTMLNamesRefused(t *testing.T) {
	page := func(fm string) string { return "+++\ntitle = \"t\"\ndate = 2025-01-01\n" + fm + "+++\n正文\n" }
	for _, c := range []struct{ rel, src, want string }{
		{"news/a.md", page("tags = [\"index.html\"]\n"), `content/news/a.md:4: tags 的值 "index.html" 含有 index.html`},
		{"news/a.md", page("tags = [\"Index.HTML\"]\n"), `content/news/a.md:4: tags 的值 "Index.HTML" 含有 index.html`},
		{"news/a.md", page("slug = \"index.html\"\n"), `content/news/a.md:4: slug 的值 "index.html" 含有 index.html`},
		{"news/a.md", page("slug = \"index.html/x\"\n"), `content/news/a.md:4: slug 的值 "index.html/x" 含有 index.html`},
		{"news/a.md", page("aliases = [\"/old/index.html/x/\"]\n"), `content/news/a.md:4: aliases 的值 "/old/index.html/x/" 含有 index.html`},
		{"news/index.html.md", page(""), `content/news/index.html.md:1: 文件名 的值 "index.html" 含有 index.html`},
	} {
		_, probs := Parse(c.rel, []byte(c.src))
		var got []string
		for _, p := range probs {
			got = append(got, p.Format(diag.Chinese))
		}
		if all := strings.Join(got, "\n"); !strings.Contains(all, c.want) {
			t.Errorf("%s %q: got\n%s\nwant %q", c.rel, c.src, all, c.want)
		}
	}
	if _, probs := Parse("news/a.md", []byte(page("aliases = [\"/old/index.html\"]\ntags = [\"html\", \"index\"]\n"))); len(probs) != 0 {
		t.Errorf("alias ending in index.html: %v", probs)
	}
}
