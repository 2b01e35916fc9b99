package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/derive"
	"dangjian/generator/diag"
	"dangjian/generator/markdown"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/review"
	"dangjian/generator/site"
)

// content applies edits to Markdown files (paths like content/news/a.md):
// each is parsed again, or dropped when it no longer exists; then the site
// is resolved and derived again and only the pages that show a changed file
// are rendered. The rendered files go to a staging output first and reach
// the served one only when the whole rebuild succeeded.
func (b *builder) content(paths []string) *result {
	if b.site == nil || !b.ok {
		return b.full()
	}
	e := b.newEdit(paths)
	e.apply(e.read(paths))
	e.resolve()
	e.renderMarkdown()
	e.derive()
	if !e.check() {
		return e.fail()
	}
	e.planPages()
	if !e.write() {
		return e.fail()
	}
	e.swap()
	if e.bodyOnly {
		var changed []*content.Page
		for path := range e.changed {
			if p := e.pub[path]; p != nil {
				changed = append(changed, p)
			}
		}
		e.res.problems = append(e.res.problems, b.linksAfterBodies(b.live.Load(), changed, e.written)...)
	} else {
		e.res.problems = append(e.res.problems, b.links(b.live.Load())...)
	}
	e.res.took = time.Since(e.start)
	return e.res
}

// edit is one content rebuild on its way through the stages, each a method
// below in the order content calls them.
type edit struct {
	b       *builder
	s       *site.Site
	res     *result
	start   time.Time
	last    time.Time // end of the previous stage (result.lap)
	changed map[string]bool
	oldC    *derive.Collections // the collections before the edit
	// bodyOnly: every changed file kept its front matter, so its page keeps
	// its place and the plan, lists and whole-site files stay as they were.
	bodyOnly bool
	pages    map[string]*content.Page // the site's pages by content path
	static   map[string]bool          // output paths of the static files
	pub      map[string]*content.Page // published pages by content path
	probs    []diag.Problem
	plan     []render.Job   // the site's plan after the edit
	jobs     []render.Job   // the pages of plan that show a changed file
	staged   *output.Memory // the rendered files, until the swap
	written  []string       // their paths, once swapped in
}

func (b *builder) newEdit(paths []string) *edit {
	s := b.site
	e := &edit{
		b:       b,
		s:       s,
		res:     &result{kind: "content", files: paths},
		start:   time.Now(),
		changed: make(map[string]bool, len(paths)),
		oldC:    s.Render.C,
		pages:   make(map[string]*content.Page, len(s.Content.Pages)),
		static:  make(map[string]bool, len(s.Static)),
	}
	e.last = e.start
	for _, p := range paths {
		e.changed[p] = true
	}
	for _, p := range s.Content.Pages {
		e.pages[p.Path] = p
	}
	for _, f := range s.Static {
		e.static[f.Rel] = true
	}
	return e
}

// parsed is a changed file read and parsed again.
type parsed struct {
	path  string
	page  *content.Page // nil: the file is gone
	probs []diag.Problem
	front string
	err   error
}

// read reads and parses each changed file, and tells whether the edit
// changed bodies only: the site was resolved before, and every file parsed
// without problems to the same front matter as before, its page still in
// place and not one the gallery shows.
func (e *edit) read(paths []string) []parsed {
	b := e.b
	files := make([]parsed, 0, len(paths))
	e.bodyOnly = b.resolved
	for _, path := range paths {
		f := parsed{path: path}
		data, err := os.ReadFile(filepath.Join(b.opt.Source, filepath.FromSlash(path)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			f.err = err
		} else if err == nil {
			f.page, f.probs = content.Parse(strings.TrimPrefix(path, "content/"), data)
			if !f.page.Draft || b.opt.Drafts {
				// As in a full build: an unmasked ID or mobile number stops it.
				f.probs = append(f.probs, review.Privacy([]*content.Page{f.page})...)
			}
			f.front = frontOf(data, f.page.Body)
		}
		files = append(files, f)
		old := e.pages[path]
		prev, had := b.front[path]
		e.bodyOnly = e.bodyOnly && f.err == nil && f.page != nil && len(f.probs) == 0 &&
			had && prev == f.front && old != nil && e.oldC.ByPath[path] == old && !showsInGallery(old)
	}
	return files
}

// apply records each changed file's problems and front matter and puts its
// new page in place of the old one (or only its body, for a body-only
// edit); a file that is gone drops its page.
func (e *edit) apply(files []parsed) {
	b := e.b
	for _, f := range files {
		delete(b.parseProbs, f.path)
		delete(b.mdProbs, f.path)
		delete(b.front, f.path)
		switch {
		case f.err != nil:
			b.parseProbs[f.path] = []diag.Problem{diag.New(f.path, 0, diag.MsgReadFailed, f.err)}
			continue
		case f.page == nil:
			delete(e.pages, f.path)
			continue
		}
		if len(f.probs) > 0 {
			b.parseProbs[f.path] = f.probs
		} else {
			b.front[f.path] = f.front
		}
		if e.bodyOnly {
			// The front matter is as it was, so every list, figure and
			// reference stays; the page keeps its place and takes the new
			// body (and the summary, which may come from it).
			old := e.pages[f.path]
			old.Body, old.BodyLine, old.Summary = f.page.Body, f.page.BodyLine, f.page.Summary
			continue
		}
		e.pages[f.path] = f.page
	}
	if !e.bodyOnly {
		pages := make([]*content.Page, 0, len(e.pages))
		for _, p := range e.pages {
			pages = append(pages, p)
		}
		sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
		e.s.Content.Pages = pages
		e.s.Published = content.Published(pages, e.b.opt.Drafts)
	}
	e.res.lap("parse", &e.last)
}

// resolve checks the published pages' references again; a body-only edit
// changed none, so it keeps the problems of the last resolve.
func (e *edit) resolve() {
	b, s := e.b, e.s
	if e.bodyOnly {
		e.pub = e.oldC.ByPath
		e.probs = append(e.probs, b.resolveProbs...)
		e.res.lap("resolve", &e.last)
		return
	}
	e.probs = content.Resolve(s.Published, content.ResolveOptions{
		FileExists: func(rel string) bool { return e.static[rel] },
		AssetSize:  s.AssetSize,
		Reserved:   site.Reserved,
		All:        s.Content.Pages,
	})
	b.resolveProbs, b.resolved = append([]diag.Problem(nil), e.probs...), true
	e.pub = make(map[string]*content.Page, len(s.Published))
	for _, p := range s.Published {
		e.pub[p.Path] = p
	}
	e.res.lap("resolve", &e.last)
}

// renderMarkdown turns the changed published pages' bodies into HTML.
func (e *edit) renderMarkdown() {
	for path := range e.changed {
		if p := e.pub[path]; p != nil {
			if err := site.RenderPage(e.b.md, p, e.pub); err != nil {
				e.b.mdProbs[path] = []diag.Problem{markdown.Problem(p.Path, p.BodyLine, err)}
			}
		}
	}
	e.res.lap("markdown", &e.last)
}

// derive makes the collections, figures and gallery again (the gallery only
// when a page it shows changed); a body-only edit changed none of them.
func (e *edit) derive() {
	if !e.bodyOnly {
		logos := false
		for path := range e.changed {
			logos = logos || showsInGallery(e.oldC.ByPath[path]) || showsInGallery(e.pub[path])
		}
		if logos {
			e.probs = append(e.probs, e.s.Derive()...)
		} else {
			e.s.DeriveKeepGallery()
		}
	}
	e.res.lap("derive", &e.last)
}

// check gathers the problems of the whole site, the untouched files' kept
// from their last parse and Markdown run, and reports whether none is an
// error.
func (e *edit) check() bool {
	e.s.Render.Dev = true
	for _, ps := range e.b.parseProbs {
		e.probs = append(e.probs, ps...)
	}
	for _, ps := range e.b.mdProbs {
		e.probs = append(e.probs, ps...)
	}
	diag.Sort(e.probs)
	e.res.problems = e.probs
	return !hasErrors(e.probs)
}

// planPages picks the pages to render: those of the new plan (the last one,
// for a body-only edit) that show a changed file.
func (e *edit) planPages() {
	e.plan = e.b.jobs
	if !e.bodyOnly {
		e.plan = render.Plan(e.s.Render)
	}
	t := touched(e.oldC, e.s.Render.C, e.changed)
	t.bodyOnly = e.bodyOnly
	if e.bodyOnly {
		e.jobs = e.b.index.affectedSamePlan(t)
	} else {
		e.jobs = affected(e.plan, e.b.plan, t)
	}
	e.res.lap("plan", &e.last)
}

// write renders the picked pages and the whole-site files (only the feeds
// for a body-only edit) into a staging output, and reports whether that
// went without errors.
func (e *edit) write() bool {
	s := e.s
	e.staged = output.NewMemory()
	var n int
	var wprobs []diag.Problem
	if e.bodyOnly {
		n, wprobs = s.WritePagesAndFeeds(e.staged, s.Renderer(), e.jobs)
	} else {
		n, wprobs = s.WritePages(e.staged, s.Renderer(), e.jobs, e.plan)
	}
	if hasErrors(wprobs) {
		e.res.problems = append(e.res.problems, wprobs...)
		return false
	}
	e.res.pages = n
	e.res.lap("write", &e.last)
	return true
}

// swap puts the staged files into the served output and removes what the
// site no longer makes.
func (e *edit) swap() {
	b := e.b
	live := b.live.Load()
	written := map[string]bool{}
	for _, p := range e.staged.Paths() {
		data, _ := e.staged.Get(p)
		live.WriteFile(p, data)
		written[p] = true
		e.written = append(e.written, p)
	}
	if e.bodyOnly {
		// Same plan, same whole-site files: nothing left the site.
		b.bodyEdits.Add(1)
		e.res.lap("swap", &e.last)
		return
	}
	// Pages that left the plan (a deleted or renamed file, a term no page
	// uses any more, a shorter list) and whole-site files no longer made.
	html := make(map[string]bool, len(e.plan))
	for _, j := range e.plan {
		html[j.URL] = true
	}
	for u := range b.plan {
		if !html[u] {
			live.Remove(render.OutPath(u))
		}
	}
	jobPaths := map[string]bool{}
	for _, j := range e.jobs {
		jobPaths[render.OutPath(j.URL)] = true
	}
	// Gallery logos are written at their static path too; those belong to
	// the static files, which a content edit never removes.
	data := map[string]bool{}
	for p := range written {
		if !jobPaths[p] && !e.static[p] && !isSearchFile(p) {
			data[p] = true
		}
	}
	for p := range b.data {
		if !data[p] {
			live.Remove(p)
		}
	}
	b.data = data
	b.remember(e.plan)
	e.res.lap("swap", &e.last)
}

// fail ends an edit that found errors: the served files stay as they were,
// and the next rebuild is a full one.
func (e *edit) fail() *result {
	e.b.ok = false
	e.res.took = time.Since(e.start)
	return e.res
}
