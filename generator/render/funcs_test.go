package render

import (
	"html/template"
	"strings"
	"testing"

	"dangjian/generator/content"
)

// sameOutput fails the test unless the layout a function replaces and the
// layout that calls it write the same for data.
func sameOutput(t *testing.T, layout, fast *template.Template, data any) {
	t.Helper()
	var want, got strings.Builder
	if err := layout.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	if err := fast.Execute(&got, data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("%#v:\n got %s\nwant %s (html/template)", data, got.String(), want.String())
	}
}

// Anchor must write the same link as href="#{{.ID}}", which it replaces.
func TestAnchorMatchesHTMLTemplate(t *testing.T) {
	plain := template.Must(template.New("").Parse(`<a href="#{{.}}">`))
	fast := template.Must(template.New("").Funcs(template.FuncMap{"anchor": Anchor}).Parse(`<a href="{{anchor .}}">`))
	for _, id := range []string{"一主要做法", "一主要做法-1", "intro", "a b", "x&y=<z>", "100%", "Ünï", "~._-", `"'`, ""} {
		sameOutput(t, plain, fast, id)
	}
}

// TOCItems must write what the layout it replaces wrote.
func TestTOCItemsMatchesHTMLTemplate(t *testing.T) {
	layout := template.Must(template.New("").Funcs(template.FuncMap{"anchor": Anchor}).Parse(
		`<ol>{{range .}}<li class="toc-{{.Level}}"><a href="{{anchor .ID}}">{{.Text}}</a></li>{{end}}</ol>`))
	fast := template.Must(template.New("").Funcs(template.FuncMap{"tocItems": TOCItems}).Parse(`<ol>{{tocItems .}}</ol>`))
	for _, toc := range [][]content.Heading{
		nil,
		{{Level: 2, ID: "一主要做法", Text: "一、主要做法"}},
		{
			{Level: 2, ID: "a-b", Text: `A&B <script>alert("x")</script>`},
			{Level: 3, ID: "x&y=<z>", Text: "1+1 'quoted' \x00 end"},
			{Level: 4, ID: "", Text: ""},
			{Level: 2, ID: "100%", Text: "&amp; already escaped &#43;"},
		},
	} {
		sameOutput(t, layout, fast, toc)
	}
}

// TestURLFuncEncodesNames: "#", "?", "%" and spaces in file names, tags and
// logo names are part of the name, percent-encoded (issue #14, low).
func TestURLFuncEncodesNames(t *testing.T) {
	for in, want := range map[string]string{
		"/news/50% 进展/":        "/news/50%25%20%E8%BF%9B%E5%B1%95/",
		"/tags/C#/":            "/tags/C%23/",
		"/news/为什么?/":          "/news/%E4%B8%BA%E4%BB%80%E4%B9%88%3F/",
		"images/logo #1.svg":   "/images/logo%20%231.svg",
		"/images/a?b.png":      "/images/a%3Fb.png",
		"/search/?q=x":         "/search/?q=x",
		"/brands/a/#做法":        "/brands/a/#做法",
		"/a.html#sec":          "/a.html#sec",
		"https://example.org/": "https://example.org/",
		"tel:110":              "tel:110",
		"MAILTO:a@b.cn":        "MAILTO:a@b.cn",
		"javascript:alert(1)":  "/javascript:alert%281%29",
	} {
		if got := URLFunc(in); got != want {
			t.Errorf("URLFunc(%q) = %q, want %q", in, got, want)
		}
	}
}
