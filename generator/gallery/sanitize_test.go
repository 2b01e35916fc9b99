package gallery

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evilSVG = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="http://evil.example/x.css"?>
<!DOCTYPE svg [ <!ENTITY brand "医心向党"> ]>
<!-- a comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 200 100" onload="alert(1)" ONCLICK="alert(2)" xml:base="http://evil.example/">
  <script>alert('script')</script>
  <svg:script xmlns:svg="http://www.w3.org/2000/svg">alert('prefixed')</svg:script>
  <style>@import url(http://evil.example/a.css); .a{fill:url(#g)} .b{background:url( 'https://evil.example/b.png' )} .c{fill:u\72l(http://evil.example/c)} .d{fill:ur/**/l(//evil.example/d)}</style>
  <defs>
    <linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#c8102e"/><stop offset="1" stop-color="#ffd700"/></linearGradient>
    <path id="star" d="M10 0 L12.9 7.1 20 7.1 14.5 11.8 16.6 19 10 14.6 3.4 19 5.5 11.8 0 7.1 7.1 7.1Z"/>
  </defs>
  <foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(3)"/></div></foreignObject>
  <rect class="a" x="0" y="0" width="200" height="100" fill="url(#g)" stroke="url(http://evil.example/s#x)"/>
  <use href="#star" x="20" y="20"/>
  <use xlink:href="#star" x="50" y="20"/>
  <use xlink:href="http://evil.example/sprite.svg#x"/>
  <use href="other.svg#x"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <a xlink:href="javascript:alert(4)"><text x="10" y="90" font-family="sans-serif">&brand; &amp; &lt;党建&gt;</text></a>
  <a href=" JaVa&#x09;ScRiPt:alert(5)"><circle cx="150" cy="50" r="10" fill="#c8102e" onmouseover="alert(6)"/></a>
  <a href="data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;"><circle cx="170" cy="50" r="5"/></a>
  <a href="#star"><circle cx="190" cy="50" r="5"/></a>
  <set attributeName="href" to="javascript:alert(8)"/>
  <animate attributeName="xlink:href" values="javascript:alert(9)"/>
  <animate attributeName="opacity" values="0;1" dur="2s"/>
  <iframe src="http://evil.example/"/>
  <g style="fill:#c8102e;background-image:url(http://evil.example/t.png)" onfocusin="alert(10)"><path d="M0 0h10v10z"/></g>
</svg>
<script>after the root</script>`

func TestSanitizeRemovesEverythingDangerous(t *testing.T) {
	// Content after the root element is not an SVG a browser accepts.
	if _, err := Sanitize([]byte(evilSVG)); err == nil {
		t.Fatal("content after the root was accepted")
	}
	in := strings.TrimSuffix(evilSVG, "\n<script>after the root</script>")
	out, err := Sanitize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	lower := strings.ToLower(s)
	for _, bad := range []string{
		"<script", "script>", "alert", "foreignobject", "onload", "onclick", "onerror",
		"onmouseover", "onfocusin", "evil.example", "javascript", "data:text/html",
		"data:image/svg", "@import", "xml:base", "<iframe", "<!doctype", "<?xml", "<!--",
		"other.svg",
	} {
		if strings.Contains(lower, bad) {
			t.Errorf("output still contains %q:\n%s", bad, s)
		}
	}
	// The drawing is intact: gradient, internal references, shapes, text.
	for _, good := range []string{
		`<linearGradient id="g" x1="0" x2="1">`,
		`<stop offset="0" stop-color="#c8102e"/>`,
		`fill="url(#g)"`,
		`.a{fill:url(#g)}`,
		`<use href="#star" x="20" y="20"/>`,
		`<use xlink:href="#star" x="50" y="20"/>`,
		`<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>`,
		`<path id="star" d="M10 0 L12.9 7.1 20 7.1 14.5 11.8 16.6 19 10 14.6 3.4 19 5.5 11.8 0 7.1 7.1 7.1Z"/>`,
		`医心向党 &amp; &lt;党建&gt;`,
		`<a href="#star"><circle cx="190" cy="50" r="5"/></a>`,
		`<circle cx="150" cy="50" r="10" fill="#c8102e"/>`,
		`<animate attributeName="opacity" values="0;1" dur="2s"/>`,
		`<path d="M0 0h10v10z"/>`,
		`xmlns:xlink="http://www.w3.org/1999/xlink"`,
		`viewBox="0 0 200 100"`,
	} {
		if !strings.Contains(s, good) {
			t.Errorf("output lost %q:\n%s", good, s)
		}
	}
	if strings.Count(s, "<use") != 2 || strings.Count(s, "<image") != 1 {
		t.Errorf("external <use>/<image> kept:\n%s", s)
	}
	mustWellFormed(t, out)
	again, err := Sanitize(out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("not idempotent (err %v):\n%s\n%s", err, out, again)
	}
}

func TestSanitizeRejects(t *testing.T) {
	for _, in := range []string{
		``,
		`not xml`,
		`<html><body/></html>`,
		`<svg><g></svg>`,
		`<svg></g>`,
		`<svg>&undefined;</svg>`,
		`<svg><g>`,
	} {
		if out, err := Sanitize([]byte(in)); err == nil {
			t.Errorf("%q accepted as %q", in, out)
		}
	}
}

// drawing lists the elements that draw, with their geometry, in order.
func drawing(t *testing.T, b []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var out []string
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "path", "rect", "circle", "polygon", "text", "use", "stop", "linearGradient", "radialGradient", "clipPath", "g":
				var attrs []string
				for _, a := range se.Attr {
					attrs = append(attrs, a.Name.Local+"="+a.Value)
				}
				out = append(out, se.Name.Local+" "+strings.Join(attrs, " "))
			}
		}
	}
}

// Clean logos — ours and an Illustrator export with DOCTYPE entities and
// &nbsp; — come out drawing exactly what they drew.
func TestSanitizeKeepsCleanLogosIntact(t *testing.T) {
	files, _ := filepath.Glob("testdata/logos/*.svg")
	files = append(files, "../../content/images/units/diyi-yiyuan.svg")
	for _, name := range files {
		in, err := os.ReadFile(name)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		out, err := Sanitize(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		mustWellFormed(t, out)
		want, got := drawing(t, in), drawing(t, out)
		if len(want) < 3 || strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s: drawing changed:\n%s\n---\n%s", name, strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
	}
}

// mustWellFormed parses b strictly with no entity table: everything the
// sanitizer writes must stand on its own.
func mustWellFormed(t testing.TB, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output not well-formed: %v\n%s", err, b)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 {
				t.Fatalf("text outside the root:\n%s", b)
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%d root elements:\n%s", roots, b)
	}
}

// dangerous reports what must never survive sanitizing.
func dangerous(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			if droppedElements[strings.ToLower(se.Name.Local)] {
				return "element " + se.Name.Local
			}
			for _, a := range se.Attr {
				l := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(l, "on") {
					return "attribute " + a.Name.Local
				}
				if (l == "href" || l == "src") && !safeRef(a.Value, true) {
					return "link " + a.Value
				}
				v := compact(a.Value)
				if strings.Contains(v, "javascript:") || strings.Contains(v, "url(http") || strings.Contains(v, "url(//") {
					return "value " + a.Value
				}
			}
		}
	}
}

func FuzzSanitize(f *testing.F) {
	// The committed corpus in testdata/fuzz/FuzzSanitize/ is added by go
	// test itself; the sample logos are added here as well.
	files, _ := filepath.Glob("testdata/logos/*.svg")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(evilSVG))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Sanitize(in)
		if err != nil {
			return
		}
		mustWellFormed(t, out)
		if what := dangerous(out); what != "" {
			t.Fatalf("kept %s:\n%s", what, out)
		}
		again, err := Sanitize(out)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%s", err, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n%s\n%s", out, again)
		}
	})
}

func TestCleanCSS(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`.a{fill:url(#g)}`, `.a{fill:url(#g)}`},
		{`.a{font-family:\5FAE\8F6F\96C5\9ED1}`, `.a{font-family:微软雅黑}`},
		{`.a{fill:u\72l(http://e/x)}`, `.a{fill:none}`},
		{`.a{fill:URL( "//e/x" )}`, `.a{fill:none}`},
		{`.a{fill:url(http://e/x`, `.a{fill:none`},
		{`@import "x.css"; .a{}`, ` .a{}`},
		{`@imp/**/ort "x.css";`, ``},
		{`.a{fill:red} /* unclosed url(http://e`, `.a{fill:red} `},
		{`.a{background:image-set("http://e/x" 1x)}`, `.a{background:"http://e/x" 1x)}`},
		{`.a{b:expexpression(ression(1)}`, `.a{b:1)}`},
	} {
		if got := cleanCSS(c.in); got != c.want {
			t.Errorf("cleanCSS(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
