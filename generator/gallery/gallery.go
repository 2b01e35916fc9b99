// Package gallery makes /gallery/, the wall of party-building brand logos
// (and unit logos): it reads every logo, sanitizes SVGs, makes thumbnails
// of raster logos, and groups the items into the static filtered views that
// let a reader filter by status and district without JavaScript.
package gallery

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/stats"
)

// URL is where the gallery lives; the filtered views sit below it.
const URL = "/gallery/"

// Item is one logo on the wall.
type Item struct {
	Title     string // the brand's (or unit's) title
	URL       string // its page, site-relative
	Slogan    string
	UnitTitle string // the brand's unit ("" for a unit's own logo)
	UnitURL   string
	District  string
	Status    string // the brand's status ("" for units)
	Kind      string // "brand" or "unit"

	Logo   string // site-relative URL of the image to show: an SVG or a thumbnail
	Full   string // site-relative URL of the logo at full size
	Width  int    // of Logo, for the <img> width/height attributes
	Height int
}

// Facet is one filter link.
type Facet struct {
	Name    string
	URL     string // site-relative, e.g. /gallery/status/已验收/
	Count   int
	Current bool // this view is filtered by it
}

// Gallery is one view of the wall: the whole of it at /gallery/, or the
// part of it one facet selects.
type Gallery struct {
	Title     string // "党建品牌标识", or with the filter: "党建品牌标识 · 已验收"
	URL       string
	Filter    string // "", "status" or "district"
	Value     string // the status or district this view shows
	Items     []Item
	Statuses  []Facet
	Districts []Facet
	AllURL    string // /gallery/
	AllCount  int    // items of the whole wall
	Brands    int    // brand logos in this view
	Units     int    // unit logos in this view

	views []*Gallery
	logos map[*content.Page]Logo
}

// Logo is where a page's logo was published.
type Logo struct {
	URL    string // the image to show in lists (SVG or thumbnail)
	Full   string // full size
	Width  int
	Height int
	SVG    bool
}

// File is an output file the gallery makes: a path relative to the site
// root (no leading slash, output.Writer's convention) and its bytes.
type File struct {
	Path string
	Data []byte
}

// Options say where logos come from and how they are scaled.
type Options struct {
	// Read returns a logo's bytes given its clean path (content.LogoPath:
	// relative to content/ or static/). Nil reads Source/content/<rel>,
	// then Source/static/<rel>.
	Read   func(rel string) ([]byte, error)
	Source string
	// Thumbs scales raster logos; nil shows them at full size.
	Thumbs *Thumbnailer
	// ResolveChecked tells that content.Resolve already reported missing
	// logos and wrong formats, so they are not reported twice.
	ResolveChecked bool
}

func (o Options) read(rel string) ([]byte, error) {
	if o.Read != nil {
		return o.Read(rel)
	}
	var first error
	for _, dir := range []string{"content", "static"} {
		b, err := os.ReadFile(filepath.Join(o.Source, dir, filepath.FromSlash(rel)))
		if err == nil {
			return b, nil
		}
		if first == nil || !errors.Is(err, fs.ErrNotExist) {
			first = err
		}
	}
	return nil, first
}

// published is one logo file as it will be published.
type published struct {
	logo  Logo
	files []File
	err   error
}

// Build collects the logos of the published brands and units. It returns
// the wall, the files to write (sanitized SVGs at their own path, which the
// asset copier also writes with PrepareAsset's identical bytes, and
// thumbnails under /gallery/thumbs/), and a problem for every logo that is
// missing or unreadable.
func Build(pages []*content.Page, opt Options) (*Gallery, []File, []diag.Problem) {
	type want struct {
		page *content.Page
		rel  string
	}
	var wants []want
	byRel := map[string]*published{}
	var rels []string
	for _, p := range pages {
		if p.IsIndex || (p.Brand == nil && p.Unit == nil) {
			continue
		}
		logo := strings.TrimSpace(p.Logo())
		if logo == "" {
			continue
		}
		rel := content.LogoPath(logo)
		wants = append(wants, want{p, rel})
		if byRel[rel] == nil {
			byRel[rel] = &published{}
			rels = append(rels, rel)
		}
	}

	// Logos are decoded and scaled on all cores; each result lands in its
	// own slot, so the output does not depend on scheduling.
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, rel := range rels {
		wg.Add(1)
		sem <- struct{}{}
		go func(rel string, dst *published) {
			defer wg.Done()
			defer func() { <-sem }()
			*dst = publish(rel, opt)
		}(rel, byRel[rel])
	}
	wg.Wait()

	var probs []diag.Problem
	var files []File
	seen := map[string]bool{}
	for _, rel := range rels {
		for _, f := range byRel[rel].files {
			if !seen[f.Path] {
				seen[f.Path] = true
				files = append(files, f)
			}
		}
	}

	g := &Gallery{Title: "党建品牌标识", URL: URL, AllURL: URL, logos: map[*content.Page]Logo{}}
	for _, w := range wants {
		pub := byRel[w.rel]
		if pub.err != nil {
			if opt.ResolveChecked && (errors.Is(pub.err, fs.ErrNotExist) || errors.Is(pub.err, errFormat)) {
				continue
			}
			probs = append(probs, logoProblem(w.page.Path, w.page.FieldLines["logo"], w.page.Logo(), pub.err))
			continue
		}
		g.logos[w.page] = pub.logo
		g.Items = append(g.Items, item(w.page, pub.logo))
	}
	sort.SliceStable(g.Items, func(i, j int) bool {
		a, b := g.Items[i], g.Items[j]
		if a.Kind != b.Kind {
			return a.Kind == "brand" // brands are what the wall is for
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
	g.AllCount = len(g.Items)
	g.count()
	g.makeViews()
	return g, files, probs
}

var errFormat = errors.New("not PNG, JPEG, GIF, WebP or SVG")

func publish(rel string, opt Options) published {
	ext := strings.ToLower(path.Ext(rel))
	switch ext {
	case ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp":
	default:
		return published{err: errFormat}
	}
	data, err := opt.read(rel)
	if err != nil {
		return published{err: err}
	}
	full := "/" + rel
	if ext == ".svg" {
		clean, err := Sanitize(data)
		if err != nil {
			return published{err: err}
		}
		w, h := svgSize(clean)
		return published{
			logo:  Logo{URL: full, Full: full, Width: w, Height: h, SVG: true},
			files: []File{{Path: rel, Data: clean}},
		}
	}
	th := opt.Thumbs
	if th == nil {
		// Without a Thumbnailer the logo is only measured; a throwaway
		// one with a huge width never scales.
		th = &Thumbnailer{Width: 1 << 30}
	}
	out, w, h, text, err := th.Thumb(data, rel)
	if err != nil {
		return published{err: err}
	}
	if bytes.Equal(out, data) {
		return published{logo: Logo{URL: full, Full: full, Width: w, Height: h}}
	}
	sum := sha256.Sum256(data)
	name := "gallery/thumbs/" + hex.EncodeToString(sum[:8]) + "-" + strconv.Itoa(w) + text
	return published{
		logo:  Logo{URL: "/" + name, Full: full, Width: w, Height: h},
		files: []File{{Path: name, Data: out}},
	}
}

// svgSize gives the width and height to put on an <img> of an SVG: the
// viewBox's aspect ratio scaled to the thumbnail width. The numbers only
// reserve the right box while the page loads; CSS sets the drawn size.
func svgSize(svg []byte) (int, int) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.RawToken()
		if err == io.EOF || err != nil {
			return DefaultWidth, DefaultWidth
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var vw, vh, aw, ah float64
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "viewBox":
				f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
				if len(f) == 4 {
					vw, _ = strconv.ParseFloat(f[2], 64)
					vh, _ = strconv.ParseFloat(f[3], 64)
				}
			case "width":
				aw, _ = strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(a.Value), "px"), 64)
			case "height":
				ah, _ = strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(a.Value), "px"), 64)
			}
		}
		if vw <= 0 || vh <= 0 {
			vw, vh = aw, ah
		}
		if vw <= 0 || vh <= 0 {
			return DefaultWidth, DefaultWidth
		}
		h := int(float64(DefaultWidth)*vh/vw + 0.5)
		if h < 1 || h > 8*DefaultWidth {
			return DefaultWidth, DefaultWidth
		}
		return DefaultWidth, h
	}
}

func item(p *content.Page, l Logo) Item {
	it := Item{Title: p.Title, URL: p.URL, Logo: l.URL, Full: l.Full, Width: l.Width, Height: l.Height}
	switch {
	case p.Brand != nil:
		it.Kind = "brand"
		it.Slogan = p.Brand.Slogan
		it.Status = p.Brand.Status
		if u := p.Brand.Unit; u != nil {
			it.UnitTitle, it.UnitURL = u.Title, u.URL
			if u.Unit != nil {
				it.District = u.Unit.District
			}
		}
	case p.Unit != nil:
		it.Kind = "unit"
		it.District = p.Unit.District
		it.Slogan = p.Unit.Short
	}
	return it
}

func (g *Gallery) count() {
	g.Brands, g.Units = 0, 0
	for _, it := range g.Items {
		if it.Kind == "brand" {
			g.Brands++
		} else {
			g.Units++
		}
	}
}

// Segment turns a status or district into one URL path segment. Chinese is
// kept (like the /tags/ pages); only what would break a path goes.
func Segment(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' && b.Len() > 0 {
			b.WriteRune(unicode.ToLower(r))
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-.")
}

func (g *Gallery) makeViews() {
	type facetDef struct {
		kind  string
		order []string
		of    func(Item) string
	}
	defs := []facetDef{
		{"status", stats.BrandStatuses, func(it Item) string { return it.Status }},
		{"district", nil, func(it Item) string { return it.District }},
	}
	facets := make([][]Facet, len(defs))
	for i, def := range defs {
		n := map[string]int{}
		for _, it := range g.Items {
			if v := def.of(it); v != "" && Segment(v) != "" {
				n[v]++
			}
		}
		var names []string
		for _, k := range def.order {
			if n[k] > 0 {
				names = append(names, k)
			}
		}
		var rest []string
		for k := range n {
			if !contains(def.order, k) {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		names = append(names, rest...)
		for _, k := range names {
			facets[i] = append(facets[i], Facet{Name: k, URL: URL + def.kind + "/" + Segment(k) + "/", Count: n[k]})
		}
	}
	withCurrent := func(fs []Facet, url string) []Facet {
		out := append([]Facet(nil), fs...)
		for i := range out {
			out[i].Current = out[i].URL == url
		}
		return out
	}
	g.Statuses, g.Districts = facets[0], facets[1]
	g.views = []*Gallery{g}
	for i, def := range defs {
		for _, f := range facets[i] {
			v := &Gallery{
				Title: g.Title + " · " + f.Name, URL: f.URL, Filter: def.kind, Value: f.Name,
				AllURL: URL, AllCount: g.AllCount, logos: g.logos,
			}
			for _, it := range g.Items {
				if def.of(it) == f.Name {
					v.Items = append(v.Items, it)
				}
			}
			v.count()
			v.Statuses = withCurrent(g.Statuses, f.URL)
			v.Districts = withCurrent(g.Districts, f.URL)
			g.views = append(g.views, v)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Views are the pages to render with the gallery layout: /gallery/ first,
// then /gallery/status/<status>/ and /gallery/district/<district>/ for each
// status and district that has logos. Each has its URL and Title.
func (g *Gallery) Views() []*Gallery {
	if g == nil {
		return nil
	}
	return g.views
}

// LogoOf tells where a brand's or unit's logo was published, for its own
// page; nil when it has none (or it could not be read).
func (g *Gallery) LogoOf(p *content.Page) *Logo {
	if g == nil {
		return nil
	}
	if l, ok := g.logos[p]; ok {
		return &l
	}
	return nil
}

// WriteFiles writes the gallery's files. SVGs go out as they are: minifiers
// have corrupted SVG path data before (tdewolff/minify #284, #1023).
func WriteFiles(w output.Writer, files []File) error {
	var errs []error
	for _, f := range files {
		if err := w.WriteFile(f.Path, f.Data); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// PrepareAsset is for the copier of content/ and static/ files: an SVG is
// published only sanitized (an SVG opened by itself runs its scripts); a
// picture over MaxPhotoPixels is refused, whatever its name (browsers
// sniff pictures by their bytes); every other file passes unchanged.
func PrepareAsset(rel string, data []byte) ([]byte, error) {
	if strings.ToLower(path.Ext(rel)) == ".svg" {
		return Sanitize(data)
	}
	if err := CheckPicture(data); err != nil {
		return nil, err
	}
	return data, nil
}

// CheckPicture refuses data that a browser would decode as a picture of
// more than MaxPhotoPixels. Only the header is read. One no reader here
// understands is left to the browser, as before: a damaged photo shows
// as broken.
func CheckPicture(data []byte) error {
	if w, h, ok := pictureSize(data); ok && (w > MaxPhotoPixels || h > MaxPhotoPixels || w*h > MaxPhotoPixels) {
		return &ImageError{Kind: ImagePhoto, W: int(w), H: int(h)}
	}
	return nil
}

// MaxPhotoPixels is the most pixels of a picture published as it is (a
// photo in a page, an image in static/). The build never decodes these,
// but every reader's browser does, at 4 bytes a pixel: 875 KB of PNG
// declaring 30000×30000 pixels is 3.6 GB on an old phone. The limit is
// above any phone camera's photo (200 million pixels, 16320×12240).
const MaxPhotoPixels = 250_000_000
