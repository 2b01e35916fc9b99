package gallery

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
)

const evilSVG = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="http://evil.example/x.css"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
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
  <image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" width="1" height="1"/>
  <a xlink:href="javascript:alert(4)"><text x="10" y="90" font-family="sans-serif">医心向党 &amp; &lt;党建&gt;</text></a>
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
		`<image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" width="1" height="1"/>`,
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

// dangerous reports what must never survive sanitizing, reading the output
// as a browser does (namespaces resolved, entities decoded, the text of a
// <style> whole): an element or attribute outside the allow-list, or a
// reference to anything outside the file.
func dangerous(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	var style *strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != nsSVG || !allowedElements[t.Name.Local] {
				return "element " + t.Name.Space + " " + t.Name.Local
			}
			if style != nil {
				return "element inside <style>"
			}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
					continue
				case a.Name.Space == "":
					if !allowedAttrs[a.Name.Local] {
						return "attribute " + a.Name.Local
					}
				case !allowedNSAttrs[a.Name.Space][a.Name.Local]:
					return "attribute " + a.Name.Space + " " + a.Name.Local
				}
				l := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(l, "on") {
					return "attribute " + a.Name.Local
				}
				if l == "href" {
					img := t.Name.Local == "image" || t.Name.Local == "feImage"
					if !localRef(a.Value, img) {
						return "link " + a.Value
					}
				}
				if what := externalRef(a.Value); what != "" {
					return "value " + a.Value + ": " + what
				}
			}
			if t.Name.Local == "style" {
				style = &strings.Builder{}
			}
		case xml.CharData:
			if style != nil {
				style.Write(t)
			}
		case xml.EndElement:
			if style != nil {
				if what := externalRef(style.String()); what != "" {
					return "style " + style.String() + ": " + what
				}
				style = nil
			}
		}
	}
}

// localRef is a link a published SVG may keep: into the file, or (for an
// image) an embedded raster picture.
func localRef(v string, image bool) bool {
	c := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	if strings.HasPrefix(c, "#") {
		return true
	}
	return image && regexp.MustCompile(`^data:image/(png|jpeg|jpg|gif|webp)[;,]`).MatchString(c)
}

// externalRef reports a reference out of the file in CSS (or a value a
// browser parses as CSS): @import, url() not to #id or a raster data:
// image, image-set() and the like, script schemes.
func externalRef(css string) string {
	css = unescapeCSS(css)
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	c := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(css))
	for _, bad := range []string{"@import", "image-set(", "src(", "expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:", "srcset"} {
		if strings.Contains(c, bad) {
			return bad
		}
	}
	for rest := c; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return ""
		}
		rest = rest[i+4:]
		arg := strings.TrimLeft(rest, `"'`)
		if !localRef(arg, true) {
			return "url(" + arg
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
	for _, s := range spliced {
		f.Add([]byte(s))
	}
	f.Add(billion(300, 10))
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

// spliced are the inputs of issue #14 item 8 that came out as working
// external references: comments and CDATA sections that split a keyword
// which the browser reads whole, and an element of the XHTML namespace.
var spliced = []string{
	`<svg xmlns="http://www.w3.org/2000/svg"><style>@imp<!-- x -->ort "http://evil.example/a.css";</style></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:ur<!---->l(http://evil.example/b)}</style><rect class="a"/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:ur<![CDATA[l(]]>http://evil.example/c)}</style></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><style>@im<![CDATA[po]]>rt url(//evil.example/d.css);</style></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><style>.a{background:u<x/>rl(http://evil.example/e)}</style></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:img srcset="http://evil.example/f.png 1x"/><rect/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><g><img xmlns="http://www.w3.org/1999/xhtml" src="http://evil.example/g.png"/></g></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:image s:href="http://evil.example/h.png" href="#x"/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><a l:href="http://evil.example/i"><rect/></a></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><image srcset="http://evil.example/j.png" href="#x"/></svg>`,
}

func TestSanitizeStyleSplicingAndNamespaces(t *testing.T) {
	for _, in := range spliced {
		out, err := Sanitize([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		mustWellFormed(t, out)
		if what := dangerous(out); what != "" || strings.Contains(string(out), "evil.example") {
			t.Errorf("%s\n  kept %s:\n  %s", in, what, out)
		}
	}
	// What draws is kept, written in the SVG namespace whatever its prefix.
	out, err := Sanitize([]byte(`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:style>.a{fill:<!-- red -->url(#g)}</s:style><s:rect class="a" width="2"/></s:svg>`))
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>.a{fill:url(#g)}</style><rect class="a" width="2"/></svg>`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

// billion is the attack of issue #14 item 2: one large internal entity
// referenced many times. Before the fix a 230 KB file took the process
// down with "fatal error: out of memory".
func billion(entity, refs int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE svg [<!ENTITY a "`)
	b.WriteString(strings.Repeat("党", entity/3))
	b.WriteString(`">]><svg xmlns="http://www.w3.org/2000/svg"><text>`)
	b.WriteString(strings.Repeat("&a;", refs))
	b.WriteString(`</text></svg>`)
	return b.Bytes()
}

func TestSanitizeRefusesEntityExpansion(t *testing.T) {
	in := billion(100_000, 40_000) // 220 KB that expanded to 4 GB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Sanitize(in)
	runtime.ReadMemStats(&after)
	var se *SVGError
	if !errors.As(err, &se) || se.Kind != SVGDoctype || se.Line != 1 {
		t.Fatalf("err = %v, want a DOCTYPE error on line 1", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10*uint64(len(in)) {
		t.Errorf("refusing a %d-byte file allocated %d bytes", len(in), alloc)
	}
	for _, in := range []string{
		`<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg"><!ENTITY % p "x">]><svg xmlns="&ns_svg;"/>`,
		`<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg"><!ELEMENT svg ANY>]><svg xmlns="&ns_svg;"/>`,
		`<!DOCTYPE svg [<!ENTITY ns_x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&ns_x;</svg>`,
		`<!DOCTYPE svg [<!ENTITY ns_x "http://ns.adobe.com/` + strings.Repeat("A", 5000) + `/1.0/">]><svg xmlns="http://www.w3.org/2000/svg"/>`,
		"<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg [\n<!ENTITY a \"x\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	} {
		_, err := Sanitize([]byte(in))
		if !errors.As(err, &se) || se.Kind != SVGDoctype {
			t.Errorf("%.80s: err = %v, want a DOCTYPE error", in, err)
		}
	}
	if _, err := Sanitize([]byte("<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg [\n<!ENTITY a \"x\">\n]>\n<svg/>")); !errors.As(err, &se) || se.Line != 3 {
		t.Errorf("line of the DOCTYPE: %v", err)
	}
	// Illustrator's namespace entities are the one internal subset kept:
	// they expand to a namespace name, a few bytes.
	if _, err := Sanitize(mustReadFile(t, "testdata/logos/illustrator.svg")); err != nil {
		t.Errorf("Illustrator export refused: %v", err)
	}
}

func mustReadFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The worst SVGs under the size limit cost a small multiple of their size:
// every kind of blow-up the decoder or the output could make.
func TestSanitizeBoundsWork(t *testing.T) {
	big := func(head, unit, tail string) []byte {
		n := (MaxSVGBytes - len(head) - len(tail)) / len(unit)
		return []byte(head + strings.Repeat(unit, n) + tail)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg">`
	cases := []struct {
		name string
		in   []byte
		kind SVGErrorKind // -1: accepted
	}{
		{"over the size limit", append(big(svg, "<g/>", "</svg>"), strings.Repeat(" ", 64)...), SVGTooLarge},
		{"deep", big(svg, "<g>", ""), SVGTooDeep},
		{"many elements", big(svg, "<g/>", "</svg>"), SVGTooMany},
		{"quotes re-escaped", big(svg+`<g id='`, `"`, `'/></svg>`), SVGExpands},
		{"html entities", big(svg+`<text>`, `&nbsp;&lt;`, `</text></svg>`), -1},
		{"attributes", big(svg+`<g `, `a`, `="1"/></svg>`), -1},
		{"style", big(svg+`<style>`, `a{fill:url(#x)}<!---->`, `</style></svg>`), -1},
	}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		out, err := Sanitize(c.in)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		var se *SVGError
		switch {
		case c.kind < 0 && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.kind >= 0 && (!errors.As(err, &se) || se.Kind != c.kind):
			t.Errorf("%s: err = %v, want kind %d", c.name, err, c.kind)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d bytes in, %d out, %d allocated, %v", c.name, len(c.in), len(out), alloc, took)
		// Under -race sync.Pool keeps nothing: 1.1 GB for "style".
		if alloc > 40*uint64(len(c.in)) && !raceEnabled {
			t.Errorf("%s: %d bytes allocated for %d in", c.name, alloc, len(c.in))
		}
	}
}

// pngHeader is a PNG that declares w×h pixels and holds none: a browser
// reads the size from it and reserves the memory before it finds out.
func pngHeader(w, h uint32) []byte {
	chunk := func(kind string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
		return b.Bytes()
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	return append(out, chunk("IEND", nil)...)
}

// An SVG logo may embed a raster (data:image/png …), which the build never
// decodes but every reader's phone does: a few bytes declaring 30000×30000
// pixels (3.6 GB as RGBA) froze old phones. Such a logo is refused at the
// raster logos' limits, for each image and for all of one file's together.
func TestSanitizeRefusesEmbeddedRasterBombs(t *testing.T) {
	img := func(attr string, data []byte) string {
		return `<image ` + attr + `="data:image/png;base64,` + base64.StdEncoding.EncodeToString(data) + `" width="10" height="10"/>`
	}
	svg := func(body ...string) []byte {
		return []byte("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n" +
			strings.Join(body, "\n") + "\n</svg>")
	}
	// Browsers ignore whitespace inside base64 and the type given.
	wrapped := strings.Replace(img("href", pngHeader(30000, 30000)), "base64,", "base64,\n  ", 1)
	bmp := append([]byte("BM"), make([]byte, 60)...)
	four := strings.Repeat(img("href", pngHeader(4000, 1000))+"\n", 4)
	cases := []struct {
		name string
		in   []byte
		kind SVGErrorKind
		line int
	}{
		{"bomb", svg(`<g>`, img("href", pngHeader(30000, 30000)), `</g>`), SVGBigImage, 3},
		{"xlink", svg(img("xlink:href", pngHeader(100000, 100000))), SVGBigImage, 2},
		{"feImage", svg(`<filter id="f">` + strings.Replace(img("href", pngHeader(9000, 100)), "<image", "<feImage", 1) + `</filter>`), SVGBigImage, 2},
		{"whitespace", svg(wrapped), SVGBigImage, 2},
		{"many", svg(four, img("href", pngHeader(4000, 1000))), SVGImages, 7},
		{"not a png", svg(img("href", bmp)), SVGBadImage, 2},
		{"percent", svg(`<image href="data:image/png,%89PNG%0D%0A"/>`), SVGBadImage, 2},
	}
	for _, c := range cases {
		_, err := Sanitize(c.in)
		var se *SVGError
		if !errors.As(err, &se) || se.Kind != c.kind || se.Line != c.line {
			t.Errorf("%s: got %v, want kind %d on line %d", c.name, err, c.kind, c.line)
			continue
		}
		msg, args := reason(err)
		if zh := diag.New("logo.svg", 0, msg, args...).Format(diag.Chinese); !strings.Contains(zh, "嵌入") || !strings.Contains(zh, "第") {
			t.Errorf("%s: message %q", c.name, zh)
		}
	}
	// A real logo's embedded picture is kept: four of the limit's quarter.
	out, err := Sanitize(svg(four))
	if err != nil || bytes.Count(out, []byte("data:image/png;base64,")) != 4 {
		t.Errorf("small embedded images: %v\n%s", err, out)
	}
}
