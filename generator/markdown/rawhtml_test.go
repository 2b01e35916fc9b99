package markdown

import (
	"reflect"
	"strings"
	"testing"

	"dangjian/generator/content"
)

// Raw HTML in a page is not published (unsafe_html off). A <br> (a line
// break in a table cell, as Word converters and officers write it), <sup>
// and <sub> (m², H₂O) are kept anyway; anything else is reported at its
// line, so that nothing written vanishes without a word. Comments and
// closing tags are not reported.
func TestRawHTMLLeftOutIsReported(t *testing.T) {
	src := "第一行<br>第二行，面积 1200 m<SUP>2</SUP>，H<sub>2</sub>O\n\n" + // 1
		"<iframe src=\"https://v.qq.com/x\"></iframe>\n\n" + // 3
		"| a | b |\n|---|---|\n| 张三<BR/>李四 | <span style=\"color:red\">红</span> |\n\n" + // 5–7
		"<!-- review:ignore -->\n\n" + // 9
		"<div align=\"center\">居中的文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长</div>\n" // 11
	res := render(t, Options{}, src)
	html := string(res.HTML)
	for _, want := range []string{"第一行<br>第二行", "张三<br>李四", "m<sup>2</sup>", "H<sub>2</sub>O"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<iframe", "<span", `<div align`, "居中的文字"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML has %q:\n%s", bad, html)
		}
	}
	want := []content.RawHTML{
		{Tag: `<iframe src="https://v.qq.com/x">`, Line: 3},
		{Tag: `<span style="color:red">`, Line: 7},
		{Tag: `<div align="center">`, Line: 11},
	}
	if !reflect.DeepEqual(res.DroppedHTML, want) {
		t.Errorf("dropped:\n got %+v\nwant %+v", res.DroppedHTML, want)
	}
	if !strings.Contains(res.Plain, "第一行\n第二行") {
		t.Errorf("plain text joins the lines: %q", res.Plain)
	}
	// Published as written when the site allows it: nothing to report.
	if res := render(t, Options{UnsafeHTML: true}, src); len(res.DroppedHTML) != 0 || !strings.Contains(string(res.HTML), "<iframe") {
		t.Errorf("unsafe_html: dropped %v, HTML %s", res.DroppedHTML, res.HTML)
	}
}
