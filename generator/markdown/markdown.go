// Package markdown is the Markdown → HTML stage. One walk over goldmark's
// AST per page gives everything the later stages need besides the HTML:
// the table of contents, plain text (search, summaries, reading time), and
// every link destination with its file line (check). Chinese text gets
// special care: emphasis next to Chinese punctuation, line breaks that add
// no space between Chinese characters, and readable heading IDs.
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"dangjian/generator/content"
)

// Options configure a Renderer.
type Options struct {
	UnsafeHTML bool // raw HTML passes through only when true (site.toml unsafe_html)
	// ResolveLink rewrites link destinations written in Markdown. It gets the
	// destination as written (e.g. "../brands/hongse.md#做法" or "/news/") and
	// returns the new destination and true, or false to keep it as written.
	// Used to turn links to .md files into the target page's URL. May be nil.
	// When the destination had a #fragment and the returned one has none,
	// the fragment is carried over.
	ResolveLink func(dest string) (string, bool)
}

// Renderer converts page bodies. It is safe for concurrent use: the goldmark
// instance is built once and holds no per-document state; everything
// per-document (heading IDs, the link resolver) lives in one Render call.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
}

// Result is what the markdown stage produces for one page body.
type Result struct {
	HTML           []byte
	TOC            []content.Heading // h2–h4, with the same IDs as in HTML
	IDs            []string          // every heading ID (h1–h6), for checking #anchors
	Plain          string            // plain text: blocks separated by "\n", table cells by "\t"; no image alt text
	Summary        string            // one line: the text before <!--more-->, else Summarize(Plain, SummaryLength)
	HasMore        bool              // the body has a <!--more--> marker
	ReadingMinutes int               // see ReadingMinutes
	Links          []content.Link    // every link and image destination as written, with its file line
	DroppedHTML    []content.RawHTML // raw HTML left out of HTML (UnsafeHTML off), comments and <br> aside
}

// New builds a Renderer.
func New(opts Options) *Renderer {
	var ropts []renderer.Option
	if opts.UnsafeHTML {
		ropts = append(ropts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, // tables, strikethrough, linkify, task lists
			extension.Footnote,
			// Line breaks are not left to the CJK extension: its renderer
			// drops the break entirely when the next inline is not plain text
			// ("word\n*emphasis*" loses its space), and it keeps a space after
			// full-width punctuation ("，\n"). The walk in this package decides
			// instead (see joinsWithoutSpace); the extension still provides
			// the escaped space ("\ " renders as nothing).
			extension.NewCJK(extension.WithEscapedSpace()),
		),
		goldmark.WithParserOptions(
			parser.WithParagraphTransformers(tabTables),
			parser.WithInlineParsers(
				util.Prioritized(cjkEmphasisParser, 499),
				util.Prioritized(cjkStrikeParser, 499),
			),
		),
		goldmark.WithRendererOptions(ropts...),
	)
	return &Renderer{md: md, opts: opts}
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render converts one page body. firstLine is the file line where the body
// starts, so Links carry file lines.
func (r *Renderer) Render(body []byte, firstLine int) (*Result, error) {
	return r.RenderWith(body, firstLine, nil)
}

// RenderWith is Render with a per-call link resolver (the resolver depends
// on the page's own path for relative links). A nil resolve falls back to
// Options.ResolveLink.
func (r *Renderer) RenderWith(body []byte, firstLine int, resolve func(dest string) (string, bool)) (res *Result, err error) {
	// A bug in a parser must become an error the build can attribute to the
	// page, not a crash of the whole build.
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("markdown: internal error: %v", p)
		}
	}()
	if resolve == nil {
		resolve = r.opts.ResolveLink
	}
	return r.render(body, firstLine, resolve)
}

func (r *Renderer) render(body []byte, firstLine int, resolve func(string) (string, bool)) (*Result, error) {
	if firstLine < 1 {
		firstLine = 1
	}
	if err := checkNesting(body, firstLine); err != nil {
		return nil, err
	}
	if err := checkLinkScan(body, firstLine); err != nil {
		return nil, err
	}
	if err := checkFootnotes(body, firstLine); err != nil {
		return nil, err
	}
	ids := newHeadingIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	w := &walker{
		src:       body,
		ids:       ids,
		resolve:   resolve,
		firstLine: firstLine,
		moreAt:    -1,
		unsafe:    r.opts.UnsafeHTML,
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		// Do not keep the buffer of a huge page alive for the whole build.
		if buf.Cap() <= 1<<20 {
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	w.plain = buf.AvailableBuffer()[:0]
	if err := gast.Walk(doc, w.visit); err != nil {
		return nil, err
	}
	for _, n := range w.remove {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
		}
	}
	for _, k := range w.kept {
		if p := k.node.Parent(); p != nil {
			tag := gast.NewString([]byte(k.tag))
			tag.SetCode(true) // written as is
			p.ReplaceChild(p, k.node, tag)
		}
	}

	res := &Result{TOC: w.toc, IDs: w.allIDs, Links: w.links, DroppedHTML: w.dropped}
	plain := w.plain
	if w.moreAt >= 0 {
		res.HasMore = true
		res.Summary = joinLines(string(plain[:w.moreAt]))
	}
	res.Plain = strings.TrimSpace(string(plain))
	if !res.HasMore {
		res.Summary = Summarize(res.Plain, SummaryLength)
	}
	res.ReadingMinutes = ReadingMinutes(res.Plain)

	labelTables(doc, body)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		return nil, err
	}
	res.HTML = wrapTables(buf.Bytes())
	return res, nil
}

// wrapTables puts every table in a box that scrolls sideways by itself, so a
// wide table on a phone scrolls inside the article instead of the whole page
// (and the box can be reached and scrolled with the keyboard).
func wrapTables(html []byte) []byte {
	if !bytes.Contains(html, []byte("<table")) {
		return bytes.Clone(html)
	}
	// Tables labelled for cards on a phone (labelTables) get the theme's
	// stk box; the mark itself is not published.
	// The others first: a labelled table is "<table>" only once wrapped.
	html = bytes.ReplaceAll(html, []byte("<table>"), []byte(`<div class="table-wrap" tabindex="0" role="region" aria-label="表格"><table>`))
	html = bytes.ReplaceAll(html, []byte(`<table `+stackMark+`="1">`), []byte(`<div class="table-wrap stk" tabindex="0" role="region" aria-label="表格"><table>`))
	return bytes.ReplaceAll(html, []byte("</table>"), []byte("</table></div>"))
}
