package content

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
)

// A file name with a space, written into a link as it is, made no link: the
// page showed "![照片](/images/我的 照片.png)" as text, and nothing said so.
// Each is an error with the address in angle brackets; titles, code and
// drafts are left alone.
func TestSpacedLinks(t *testing.T) {
	page := func(draft, body string) string {
		return "+++\ntitle = \"图\"\ndate = 2025-01-01\n" + draft + "+++\n" + body
	}
	body := "![照片](/images/我的 照片.png) 和 [文件](/files/工作 方案.pdf \"方案\")\n" +
		"[好的](/images/a.png \"标题\") [也好](</images/我的 照片.png>) [括号](/a.png (标题))\n" +
		"`[代码](a b)`\n" +
		"```\n![照片](/images/我的 照片.png)\n```\n"
	_, probs := Parse("news/a.md", []byte(page("", body)))
	var got []string
	for _, p := range probs {
		if p.Msg == diag.MsgSpacedLink {
			got = append(got, p.Format(diag.Chinese))
		}
	}
	want := []string{
		"news/a.md:5: ![照片](/images/我的 照片.png) 的地址中有空格",
		"写成 ![照片](</images/我的 照片.png>)",
		"news/a.md:5: [文件](/files/工作 方案.pdf \"方案\") 的地址中有空格",
		"写成 [文件](</files/工作 方案.pdf> \"方案\")",
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no %q in\n%s", w, all)
		}
	}
	if len(got) != 2 {
		t.Errorf("%d problems, want 2:\n%s", len(got), all)
	}
	if _, probs := Parse("news/a.md", []byte(page("draft = true\n", body))); len(probs) != 0 {
		t.Errorf("draft: %v", probs)
	}
}
