package output

import (
	"bytes"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
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
	m.AddFunc("application/javascript", (&memoJS{}).minify)
	// Numbers as written: the minifier's 185e3 for 185000 is valid JSON, but
	// stats.json is data for people and programs (a strict reader of an int
	// refuses an exponent), and its sums are documented as plain numbers.
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
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

// memoJS is js.Minify that remembers what it made of small inputs. Every
// page carries the same inline scripts (the reading-mode script in <head>,
// onclick="window.print()"), and the HTML minifier handed each to the JS
// minifier again: in the 10,000-page profile that was 0.67 s of the 2.65 s
// of HTML minifying, and 70 MB of allocations (js.newRenamer). The
// minifier is deterministic, so the same input and parameters always give
// the same output.
type memoJS struct {
	cache sync.Map // params + "\x00" + source → minified bytes
	n     atomic.Int32
}

const (
	memoJSMaxInput   = 4 << 10 // bigger scripts are minified every time
	memoJSMaxEntries = 1024    // keeps a long-running serve's cache bounded
)

func (c *memoJS) minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	var src []byte
	if b, ok := r.(*buffer.Reader); ok && b.Len() > 0 {
		src = b.Bytes() // the HTML minifier hands over a fresh reader of the script
	} else {
		var err error
		if src, err = io.ReadAll(r); err != nil {
			return err
		}
	}
	if len(src) > memoJSMaxInput {
		return js.Minify(m, w, bytes.NewReader(src), params)
	}
	key := memoKey(params, src)
	if v, ok := c.cache.Load(key); ok {
		_, err := w.Write(v.([]byte))
		return err
	}
	var out bytes.Buffer
	if err := js.Minify(m, &out, bytes.NewReader(src), params); err != nil {
		return err
	}
	if c.n.Add(1) <= memoJSMaxEntries {
		c.cache.Store(key, out.Bytes())
	}
	_, err := w.Write(out.Bytes())
	return err
}

func memoKey(params map[string]string, src []byte) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + params[k] + ";")
	}
	b.WriteByte(0)
	b.Write(src)
	return b.String()
}
