package gallery

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/diag"
)

type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memWriter) WriteFile(path string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[path] = bytes.Clone(data) // output.Writer does not keep data
	return nil
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

type site struct {
	dir   string
	pages []*content.Page
	units map[string]*content.Page
}

func newSite(t *testing.T) *site {
	dir := t.TempDir()
	s := &site{dir: dir, units: map[string]*content.Page{}}
	evil := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" onload="alert(1)"><script>alert(2)</script>` +
		`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject><rect width="200" height="100" fill="#c8102e"/></svg>`
	writeFile(t, filepath.Join(dir, "content/images/brands/evil.svg"), []byte(evil))
	writeFile(t, filepath.Join(dir, "static/images/brands/big.png"), encodePNG(t, testImage(960, 480)))
	writeFile(t, filepath.Join(dir, "content/images/brands/small.png"), encodePNG(t, testImage(120, 90)))
	writeFile(t, filepath.Join(dir, "content/images/brands/broken.png"), []byte("\x89PNG\r\n\x1a\nnot really"))
	writeFile(t, filepath.Join(dir, "content/images/units/u1.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><circle r="5"/></svg>`))
	writeFile(t, filepath.Join(dir, "content/images/brands/bad.svg"), []byte(`<svg><g></svg>`))

	unit := func(slug, title, district, logo string) {
		p := &content.Page{Path: "content/units/" + slug + ".md", Kind: content.KindUnit, Slug: slug, URL: "/units/" + slug + "/",
			Title: title, Unit: &content.Unit{District: district, Short: title[:3], Logo: logo}, FieldLines: map[string]int{"logo": 7}}
		s.units[slug] = p
		s.pages = append(s.pages, p)
	}
	unit("u1", "甲医院", "岚城区", "images/units/u1.svg")
	unit("u2", "乙医院", "东湖区", "")
	unit("u3", "丙中心", "江北 / 新区", "")
	brand := func(slug, title, unitSlug, status, logo string) {
		s.pages = append(s.pages, &content.Page{Path: "content/brands/" + slug + ".md", Kind: content.KindBrand, Slug: slug, URL: "/brands/" + slug + "/",
			Title: title, FieldLines: map[string]int{"logo": 4},
			Brand: &content.Brand{UnitSlug: unitSlug, Unit: s.units[unitSlug], Status: status, Slogan: title + "口号", Logo: logo}})
	}
	brand("b1", "红心向党", "u1", "示范", "images/brands/evil.svg")
	brand("b2", "白衣先锋", "u2", "已验收", "/images/brands/big.png")
	brand("b3", "健康卫士", "u2", "创建中", "./images/brands/small.png")
	brand("b4", "同一标识", "u3", "已验收", "images/brands/big.png")
	return s
}

func TestBuildGallery(t *testing.T) {
	s := newSite(t)
	th := &Thumbnailer{CacheDir: filepath.Join(s.dir, ".dangjian-cache/thumbs")}
	g, files, probs := Build(s.pages, Options{Source: s.dir, Thumbs: th})
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	var titles []string
	for _, it := range g.Items {
		titles = append(titles, it.Title)
	}
	// Brands by title in code-point order (健 U+5065 < 同 U+540C), then unit logos.
	if want := []string{"健康卫士", "同一标识", "白衣先锋", "红心向党", "甲医院"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("items %v, want %v", titles, want)
	}
	byTitle := map[string]Item{}
	for _, it := range g.Items {
		byTitle[it.Title] = it
	}
	b1 := byTitle["红心向党"]
	if b1.Logo != "/images/brands/evil.svg" || b1.Width != 320 || b1.Height != 160 || b1.UnitTitle != "甲医院" ||
		b1.UnitURL != "/units/u1/" || b1.District != "岚城区" || b1.Status != "示范" || b1.Kind != "brand" || b1.Slogan != "红心向党口号" {
		t.Errorf("b1 = %+v", b1)
	}
	b2 := byTitle["白衣先锋"]
	if !strings.HasPrefix(b2.Logo, "/gallery/thumbs/") || !strings.HasSuffix(b2.Logo, "-320.png") || b2.Full != "/images/brands/big.png" || b2.Width != 320 || b2.Height != 160 {
		t.Errorf("b2 = %+v", b2)
	}
	// The same file used twice is one thumbnail, resized once.
	if byTitle["同一标识"].Logo != b2.Logo || th.Resizes() != 1 {
		t.Errorf("shared logo: %s vs %s, resizes %d", byTitle["同一标识"].Logo, b2.Logo, th.Resizes())
	}
	if b3 := byTitle["健康卫士"]; b3.Logo != "/images/brands/small.png" || b3.Width != 120 || b3.Height != 90 {
		t.Errorf("small logo = %+v", b3)
	}
	if u := byTitle["甲医院"]; u.Kind != "unit" || u.Logo != "/images/units/u1.svg" || u.Height != 160 {
		t.Errorf("unit logo = %+v", u)
	}

	w := &memWriter{}
	if err := WriteFiles(w, files); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range w.files {
		paths = append(paths, p)
	}
	if len(paths) != 3 {
		t.Errorf("files %v, want the two SVGs and one thumbnail", paths)
	}
	svg := string(w.files["images/brands/evil.svg"])
	if strings.Contains(svg, "script") || strings.Contains(svg, "onload") || strings.Contains(svg, "foreignObject") || !strings.Contains(svg, `<rect width="200" height="100" fill="#c8102e"/>`) {
		t.Errorf("published SVG: %s", svg)
	}
	if pa, _ := PrepareAsset("images/brands/evil.svg", mustRead(t, s.dir, "content/images/brands/evil.svg")); !bytes.Equal(pa, w.files["images/brands/evil.svg"]) {
		t.Error("PrepareAsset and Build publish different bytes for one SVG")
	}
	if pa, _ := PrepareAsset("a.png", []byte("x")); string(pa) != "x" {
		t.Error("PrepareAsset changed a PNG")
	}
	if l := g.LogoOf(s.pages[3]); l == nil || l.URL != b1.Logo || !l.SVG {
		t.Errorf("LogoOf(b1) = %+v", l)
	}
	if g.LogoOf(s.units["u2"]) != nil {
		t.Error("a unit without logo has one")
	}
}

func mustRead(t *testing.T, dir, rel string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGalleryViews(t *testing.T) {
	s := newSite(t)
	g, _, _ := Build(s.pages, Options{Source: s.dir})
	var got []string
	for _, v := range g.Views() {
		var names []string
		for _, it := range v.Items {
			names = append(names, it.Title)
		}
		cur := ""
		for _, f := range append(append([]Facet{}, v.Statuses...), v.Districts...) {
			if f.Current {
				cur += f.Name
			}
		}
		got = append(got, fmt.Sprintf("%s %s %q cur=%q %d/%d %v", v.URL, v.Filter, v.Value, cur, v.Brands, v.Units, names))
	}
	want := []string{
		`/gallery/  "" cur="" 4/1 [健康卫士 同一标识 白衣先锋 红心向党 甲医院]`,
		`/gallery/status/创建中/ status "创建中" cur="创建中" 1/0 [健康卫士]`,
		`/gallery/status/已验收/ status "已验收" cur="已验收" 2/0 [同一标识 白衣先锋]`,
		`/gallery/status/示范/ status "示范" cur="示范" 1/0 [红心向党]`,
		`/gallery/district/东湖区/ district "东湖区" cur="东湖区" 2/0 [健康卫士 白衣先锋]`,
		`/gallery/district/岚城区/ district "岚城区" cur="岚城区" 1/1 [红心向党 甲医院]`,
		`/gallery/district/江北-新区/ district "江北 / 新区" cur="江北 / 新区" 1/0 [同一标识]`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("views:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g.Statuses[1].Count != 2 || g.Districts[0].Count != 2 || g.AllCount != 5 || g.Views()[3].AllCount != 5 {
		t.Errorf("counts: %+v %+v", g.Statuses, g.Districts)
	}
	for _, c := range []struct{ in, want string }{{"已验收", "已验收"}, {" A b/c?d#e ", "a-b-c-d-e"}, {"../x", "x"}, {"///", ""}} {
		if got := Segment(c.in); got != c.want {
			t.Errorf("Segment(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Each bad logo is reported at the page's logo line with what is wrong
// with it: missing, cut short, not decodable, refused and why.
func TestBuildReportsBadLogos(t *testing.T) {
	s := newSite(t)
	full := encodePNG(t, testImage(400, 200))
	writeFile(t, filepath.Join(s.dir, "content/images/brands/half.png"), full[:len(full)/2])
	writeFile(t, filepath.Join(s.dir, "content/images/brands/text.png"), []byte("a text file, not a picture"))
	writeFile(t, filepath.Join(s.dir, "content/images/brands/doctype.svg"), []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"x\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>"))
	add := func(slug, logo string) {
		s.pages = append(s.pages, &content.Page{Path: "content/brands/" + slug + ".md", Kind: content.KindBrand, Title: slug, URL: "/brands/" + slug + "/",
			FieldLines: map[string]int{"logo": 5}, Brand: &content.Brand{Logo: logo, Status: "示范"}})
	}
	add("missing", "images/brands/nope.png")
	add("broken", "images/brands/broken.png")
	add("half", "images/brands/half.png")
	add("text", "images/brands/text.png")
	add("badsvg", "images/brands/bad.svg")
	add("doctype", "images/brands/doctype.svg")
	add("bmp", "images/brands/x.bmp")
	add("escape", "../../../etc/passwd.png")
	g, _, probs := Build(s.pages, Options{Source: s.dir, Thumbs: &Thumbnailer{}})
	var got []string
	for _, p := range probs {
		got = append(got, p.Format(diag.English))
	}
	want := []string{
		`content/brands/missing.md:5: logo "images/brands/nope.png" not found`,
		`content/brands/broken.md:5: logo "images/brands/broken.png" is truncated (an upload cut short, or a damaged file) and cannot be read; export or upload it again`,
		`content/brands/half.md:5: logo "images/brands/half.png" is truncated (an upload cut short, or a damaged file) and cannot be read; export or upload it again`,
		`content/brands/text.md:5: logo "images/brands/text.png" cannot be decoded (image: unknown format): the file is damaged or not in the format its name says; save it again from an image editor`,
		`content/brands/badsvg.md:5: logo "images/brands/bad.svg" is not valid SVG on line 1 (unexpected </svg>); export it again`,
		`content/brands/doctype.md:5: logo "images/brands/doctype.svg" has a DOCTYPE internal subset (<!DOCTYPE … [ <!ENTITY …> ]>) on line 2, which can exhaust memory; it is not published. Delete the brackets and what is inside them, or export the SVG again without a DTD`,
		`content/brands/bmp.md:5: logo "images/brands/x.bmp" is not PNG, JPEG, GIF, WebP or SVG`,
		`content/brands/escape.md:5: logo "../../../etc/passwd.png" not found`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g.AllCount != 5 {
		t.Errorf("good logos still shown: %d", g.AllCount)
	}
	// When content.Resolve already reported missing files and formats,
	// only unreadable ones are left to report.
	_, _, probs = Build(s.pages, Options{Source: s.dir, ResolveChecked: true})
	if len(probs) != 5 {
		t.Errorf("with ResolveChecked: %v", probs)
	}
}

// Drafts are the caller's business: Build shows whatever it is given, and
// a section's _index page never appears.
func TestBuildSkipsIndexPages(t *testing.T) {
	s := newSite(t)
	s.pages = append(s.pages, &content.Page{Path: "content/brands/_index.md", IsIndex: true, Kind: content.KindBrand,
		Brand: &content.Brand{Logo: "images/brands/evil.svg"}})
	g, _, _ := Build(s.pages, Options{Source: s.dir})
	if g.AllCount != 5 {
		t.Errorf("items %d, want 5", g.AllCount)
	}
}
