package site

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/search"
)

// The search page is made after the search index when a build makes one.
// It carries the index's metadata and directory and the search engine in
// its head (render.SearchInline), so that the reader's query asks for its
// lists as soon as the page is parsed. Loaded as three files, they took a
// round trip more on every search (on the old-phone 4G profile the lists
// were asked for 590 ms after the navigation began, 310 ms after the page
// had arrived).

// splitSearchPage takes the search page's jobs out of jobs.
func splitSearchPage(jobs []render.Job) (others, searchPage []render.Job) {
	for _, j := range jobs {
		if j.Ctx != nil && j.Ctx.Kind == "search" {
			searchPage = append(searchPage, j)
		} else {
			others = append(others, j)
		}
	}
	return others, searchPage
}

// searchInline is the search page's Data: head is the index's part
// (search.Stats.Head, "" when unknown), the engine is js/search.js and the
// style css/main.css as copyStatic publishes them. A part that cannot sit
// in its element safely is left out, and the page loads its file instead.
//
// The stylesheet is carried because a linked one is a request beside the
// query's lists, for the same bandwidth, and the page cannot be laid out
// before it arrives (old-phone 4G profile, 10,000 pages: time to results
// 50–200 ms less with the stylesheet in the page, docs/search.md).
func (s *Site) searchInline(head string, mn *output.Minifier) *render.SearchInline {
	in := &render.SearchInline{}
	if safeInScript([]byte(head)) {
		in.Index = template.JS(head)
	}
	if data := s.publishedStatic("js/search.js", mn); data != nil && safeInScript(data) {
		in.Engine = template.JS(data)
	}
	if !s.ownHeadAssets() {
		return in
	}
	if data := s.publishedStatic("css/main.css", mn); data != nil && safeInSearchPageStyle(data) {
		in.Style = template.CSS(data)
	}
	return in
}

// ownHeadAssets: the head's links are the theme's own
// (partials/head-assets.html), which search.html's block stands for when
// it carries the stylesheet. A site's own copy may link more, which its
// search page must keep.
func (s *Site) ownHeadAssets() bool {
	f, ok := s.Theme.Lookup("layouts", "partials/head-assets.html")
	return ok && strings.HasPrefix(f.Source, "themes/default/")
}

// publishedStatic is a static file as copyStatic publishes it; nil when
// the site has none or it cannot be read.
func (s *Site) publishedStatic(rel string, mn *output.Minifier) []byte {
	f, ok := s.staticByRel[rel]
	if !ok {
		return nil
	}
	data, err := f.read()
	if err == nil {
		data, err = prepareStatic(f.Rel, data, mn)
	}
	if err != nil {
		return nil
	}
	return data
}

// safeInScript: nothing in data can end a script element early or turn
// the rest of the page into script ("</script", "<!--").
func safeInScript(data []byte) bool {
	low := bytes.ToLower(data)
	return !bytes.Contains(low, []byte("</script")) && !bytes.Contains(low, []byte("<!--"))
}

// safeInSearchPageStyle: the stylesheet can sit in the search page's
// style element and mean there what it means in css/main.css. Nothing may
// end the element ("</style"), and every address in it must resolve the
// same from search/index.html as from css/main.css: both lie one folder
// below the site's root, so "../…", "/…", full URLs, data: and fragments
// do; an address in the stylesheet's own folder ("fonts/a.woff") does not,
// nor may an @import or image-set() (which name addresses without url()).
func safeInSearchPageStyle(css []byte) bool {
	low := bytes.ToLower(css)
	if bytes.Contains(low, []byte("</style")) || bytes.Contains(low, []byte("@import")) ||
		bytes.Contains(low, []byte("image-set(")) {
		return false
	}
	for rest := low; ; {
		i := bytes.Index(rest, []byte("url("))
		if i < 0 {
			return true
		}
		rest = rest[i+len("url("):]
		ref := bytes.TrimLeft(rest, " \t\r\n\f\"'")
		switch {
		case bytes.HasPrefix(ref, []byte("../")), bytes.HasPrefix(ref, []byte("/")),
			bytes.HasPrefix(ref, []byte("#")), bytes.HasPrefix(ref, []byte("data:")),
			bytes.HasPrefix(ref, []byte("http:")), bytes.HasPrefix(ref, []byte("https:")):
		default:
			return false
		}
	}
}

// outputSearchHead reads the search index's head from a previous output
// whose index this build linked unchanged; "" when it cannot.
func outputSearchHead(dest string) string {
	meta, err := os.ReadFile(filepath.Join(dest, "search", "meta.js"))
	if err != nil {
		return ""
	}
	dir, err := os.ReadFile(filepath.Join(dest, "search", "dir.js"))
	if err != nil {
		return ""
	}
	head, err := search.InlineHead(meta, dir)
	if err != nil {
		return ""
	}
	return head
}
