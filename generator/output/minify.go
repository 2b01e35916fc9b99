package output

import (
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier shrinks generated files by their extension. Logos and other SVG
// drawings from content/ are not passed through it: minify has corrupted SVG
// path data before (tdewolff/minify #284, #1023), so only SVG the generator
// draws itself (charts) is minified, inline in HTML.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for HTML, CSS, JS, JSON, XML and SVG.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".xml":  "application/xml",
}

// Bytes minifies data when path's extension is one it knows; other files come
// back unchanged. A nil Minifier changes nothing (--no-minify).
func (mn *Minifier) Bytes(p string, data []byte) ([]byte, error) {
	if mn == nil {
		return data, nil
	}
	mt, ok := mediaTypes[strings.ToLower(path.Ext(p))]
	if !ok {
		return data, nil
	}
	return mn.m.Bytes(mt, data)
}
