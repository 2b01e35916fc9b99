package site

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"

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
// (search.Stats.Head, "" when unknown), the engine is js/search.js as
// copyStatic publishes it. A part that cannot sit in a script element
// safely is left out, and the page loads its file instead.
func (s *Site) searchInline(head string, mn *output.Minifier) *render.SearchInline {
	in := &render.SearchInline{}
	if safeInScript([]byte(head)) {
		in.Index = template.JS(head)
	}
	if f, ok := s.staticByRel["js/search.js"]; ok {
		data, err := f.read()
		if err == nil {
			data, err = prepareStatic(f.Rel, data, mn)
		}
		if err == nil && safeInScript(data) {
			in.Engine = template.JS(data)
		}
	}
	return in
}

// safeInScript: nothing in data can end a script element early or turn
// the rest of the page into script ("</script", "<!--").
func safeInScript(data []byte) bool {
	low := bytes.ToLower(data)
	return !bytes.Contains(low, []byte("</script")) && !bytes.Contains(low, []byte("<!--"))
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
