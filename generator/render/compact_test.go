package render

import (
	"html/template"
	"strings"
	"testing"
)

func compactRun(t *testing.T, src string, data any) string {
	t.Helper()
	tpl, err := template.New("t").Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	compactTemplates(tpl.Templates())
	var b strings.Builder
	if err := tpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCompactTemplates(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"between blocks", "<div>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</div>\n",
			"<div><ul><li>a</li><li>b</li></ul></div>"},
		{"inline keeps one break", "<p><span>a</span>\n   <span>b</span></p>", "<p><span>a</span>\n<span>b</span></p>"},
		{"inline keeps one space", "<p>a   <b>b</b>\t c</p>", "<p>a <b>b</b> c</p>"},
		{"line start after inline start tag", "<div>\n  <a href=\"/\">\n    <span>x</span>\n  </a>\n</div>",
			"<div><a href=\"/\"><span>x</span></a></div>"},
		{"after an object a space is kept", "<p><img src=\"a.png\" alt=\"\">\n  <span>x</span></p>",
			"<p><img src=\"a.png\" alt=\"\">\n<span>x</span></p>"},
		{"tag attributes", "<a\n   class=\"x  y\"\n   href=\"/\"  >t</a>", "<a class=\"x  y\" href=\"/\">t</a>"},
		{"self-closing", "<p>a<br   />b</p>", "<p>a<br/>b</p>"},
		{"pre untouched", "<div>\n<pre>  a\n    b  </pre>\n</div>", "<div><pre>  a\n    b  </pre></div>"},
		{"textarea untouched", "<p><textarea>  x\n  y</textarea></p>", "<p><textarea>  x\n  y</textarea></p>"},
		{"script untouched", "<script>\nvar a = 1\nvar b = 2\n</script>\n<p>x</p>", "<script>\nvar a = 1\nvar b = 2\n</script><p>x</p>"},
		{"style untouched", "<style>\n a  { color: red }\n</style>", "<style>\n a  { color: red }\n</style>"},
		{"attribute value untouched", "<p title=\"a\n   b\">x</p>", "<p title=\"a\n   b\">x</p>"},
		{"next to an action", "<p>\n  {{.}}\n  <b>c</b>\n</p>", "<p>v\n<b>c</b></p>"},
		{"action in attribute", "<div>\n<a href=\"{{.}}\">\n  <span>x</span>\n</a>\n</div>", "<div><a href=\"v\"><span>x</span></a></div>"},
		{"branches", "<ul>\n{{if .}}\n  <li>a</li>\n{{else}}\n  <li>b</li>\n{{end}}\n</ul>", "<ul><li>a</li></ul>"},
		{"range", "<ul>\n{{range .}}\n  <li>{{.}}</li>\n{{end}}\n</ul>", "<ul><li>v</li></ul>"},
		{"text between inline tags", "<p>a\n</span>\n</p>", "<p>a</span></p>"},
		{"not a tag", "<p>1 < 2\n  and 3 > 2</p>", "<p>1 &lt; 2\nand 3 > 2</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var data any = "v"
			if tc.name == "range" {
				data = []string{"v"}
			}
			if got := compactRun(t, tc.src, data); got != tc.want {
				t.Errorf("\n src %q\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

// An error still names the line of the layout as written.
func TestCompactKeepsErrorLines(t *testing.T) {
	src := "<div>\n  <ul>\n\n    <li>{{index . 5}}</li>\n  </ul>\n</div>\n"
	tpl := template.Must(template.New("x.html").Parse(src))
	compactTemplates(tpl.Templates())
	err := tpl.Execute(new(strings.Builder), []int{1})
	if err == nil || !strings.Contains(err.Error(), "x.html:4:") {
		t.Fatalf("error %v, want one at x.html:4", err)
	}
}

// Compacting what is compacted changes nothing.
func TestCompactIdempotent(t *testing.T) {
	src := "<div>\n  <a href=\"{{.}}\">\n <img src=\"x\">\n  <span>x</span> y\n</a>\n<pre> a </pre>\n</div>"
	tpl := template.Must(template.New("t").Parse(src))
	compactTemplates(tpl.Templates())
	once := tpl.Tree.Root.String()
	compactTemplates(tpl.Templates())
	if twice := tpl.Tree.Root.String(); twice != once {
		t.Errorf("second pass changed\n%q\nto\n%q", once, twice)
	}
}
