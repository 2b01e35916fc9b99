package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/markdown"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/review"
	"dangjian/generator/site"
)

// builder owns the loaded site and the served output. Only the watch loop
// calls its methods (one rebuild at a time); HTTP handlers read the output
// through live, which is swapped whole for a full build and updated file by
// file (each file replaced whole) for a partial one.
type builder struct {
	opt  site.Options
	live atomic.Pointer[output.Memory]

	site *site.Site // nil until a full build succeeded
	// ok is false after a failed rebuild: the served files may then lag
	// behind the loaded site, so the next rebuild is a full one.
	ok bool
	md *markdown.Renderer
	// Problems of the last parse and Markdown run of each file, so that a
	// partial rebuild still reports the errors of files it did not touch.
	parseProbs map[string][]diag.Problem
	mdProbs    map[string][]diag.Problem
	plan       map[string]jobInfo // by URL: what each page of the last plan showed
	jobs       []render.Job       // the last plan itself, reused by a body-only edit
	// front is the front matter of each file a partial rebuild parsed
	// without problems; an edit that keeps it only changed the body.
	front map[string]string
	// resolveProbs are the problems of the last resolve of the whole site,
	// which a body-only edit cannot change (nil until a partial rebuild).
	resolveProbs []diag.Problem
	resolved     bool
	data         map[string]bool // files made from the whole site (feeds, sitemap …)
	search       map[string]bool // the search index's files
	builds       int64           // successful full builds
	bodyEdits    atomic.Int64    // partial rebuilds that took the body-only path (tests)
}

// jobInfo is what a page of the plan showed, to tell whether it must be
// made again: list pages are compared item by item.
type jobInfo struct {
	kind  string
	page  string   // content path of .Page ("" for none)
	items []string // content paths of .Pages
	total int      // pager total
	// newer, older: content paths of a page's 上一篇/下一篇 ("" at the ends)
	newer, older string
}

func infoOf(j render.Job) jobInfo {
	in := jobInfo{kind: j.Ctx.Kind}
	if j.Ctx.Page != nil {
		in.page = j.Ctx.Page.Path
	}
	if len(j.Ctx.Pages) > 0 {
		in.items = make([]string, len(j.Ctx.Pages))
		for i, p := range j.Ctx.Pages {
			in.items[i] = p.Path
		}
	}
	if j.Ctx.Pager != nil {
		in.total = j.Ctx.Pager.Total
	}
	if j.Ctx.Kind == "single" {
		if n := j.Ctx.Newer(); n != nil {
			in.newer = n.Path
		}
		if o := j.Ctx.Older(); o != nil {
			in.older = o.Path
		}
	}
	return in
}

func (a jobInfo) equal(b jobInfo) bool {
	if a.kind != b.kind || a.page != b.page || a.total != b.total || len(a.items) != len(b.items) || a.newer != b.newer || a.older != b.older {
		return false
	}
	for i := range a.items {
		if a.items[i] != b.items[i] {
			return false
		}
	}
	return true
}

// result tells what one rebuild did, for the log line and the browsers.
type result struct {
	kind     string // full, content, static, css
	pages    int    // HTML pages rendered
	files    []string
	problems []diag.Problem // errors (the output was left as it was) and warnings
	css      []string       // changed stylesheets (kind css)
	took     time.Duration
	stages   []stage // where a partial rebuild's time went (bench, -v log)
}

type stage struct {
	name string
	took time.Duration
}

// lap records the time since the previous lap as a stage.
func (r *result) lap(name string, last *time.Time) {
	now := time.Now()
	r.stages = append(r.stages, stage{name, now.Sub(*last)})
	*last = now
}

func (r *result) failed() bool {
	for _, p := range r.problems {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}

func newBuilder(opt site.Options) *builder {
	b := &builder{opt: opt}
	b.live.Store(output.NewMemory())
	return b
}

// full loads the whole site again and renders it into a new output, swapped
// in only when there was no error.
func (b *builder) full() *result {
	start := time.Now()
	res := &result{kind: "full"}
	site, probs := site.Load(b.opt, nil)
	if site == nil || hasErrors(probs) {
		res.problems = probs
		b.ok = false
		res.took = time.Since(start)
		return res
	}
	site.Render.Dev = true
	mem := output.NewMemory()
	wres, wprobs := site.Write(mem, nil)
	probs = append(probs, wprobs...)
	res.problems = probs
	if hasErrors(wprobs) {
		b.ok = false
		res.took = time.Since(start)
		return res
	}
	res.pages = wres.HTMLPages
	b.site, b.ok = site, true
	b.md = markdown.New(markdown.Options{UnsafeHTML: site.Config.UnsafeHTML})
	b.parseProbs, b.mdProbs = map[string][]diag.Problem{}, map[string][]diag.Problem{}
	for _, p := range probs {
		if strings.HasPrefix(p.Path, "content/") && strings.HasSuffix(p.Path, ".md") {
			// Only warnings reach here; keep them with their file so that a
			// partial rebuild of another file still shows them.
			b.parseProbs[p.Path] = append(b.parseProbs[p.Path], p)
		}
	}
	plan := render.Plan(site.Render)
	b.remember(plan)
	b.front, b.resolveProbs, b.resolved = map[string]string{}, nil, false
	// The search index is written in the background after the pages:
	// until then the previous one is served, not a 404 for a second.
	oldLive, oldSearch := b.live.Load(), b.search
	b.data, b.search = map[string]bool{}, map[string]bool{}
	for p := range oldSearch {
		if data, ok := oldLive.Get(p); ok {
			mem.WriteFile(p, data)
			b.search[p] = true
		}
	}
	b.builds++
	html := map[string]bool{}
	for _, j := range plan {
		html[render.OutPath(j.URL)] = true
	}
	static := map[string]bool{}
	for _, f := range site.Static {
		static[f.Rel] = true
	}
	for _, p := range mem.Paths() {
		switch {
		case html[p] || static[p]:
		case isSearchFile(p):
			b.search[p] = true
		default:
			b.data[p] = true
		}
	}
	b.live.Store(mem)
	res.problems = append(res.problems, b.links(mem)...)
	res.took = time.Since(start)
	return res
}

func (b *builder) remember(plan []render.Job) {
	b.jobs = plan
	b.plan = make(map[string]jobInfo, len(plan))
	for _, j := range plan {
		b.plan[j.URL] = infoOf(j)
	}
}

// content applies edits to Markdown files (paths like content/news/a.md):
// each is parsed again, or dropped when it no longer exists; then the site
// is resolved and derived again and only the pages that show a changed file
// are rendered. The rendered files go to a staging output first and reach
// the served one only when the whole rebuild succeeded.
func (b *builder) content(paths []string) *result {
	if b.site == nil || !b.ok {
		return b.full()
	}
	start := time.Now()
	res := &result{kind: "content", files: paths}
	last := start
	s := b.site
	oldC := s.Render.C

	changed := map[string]bool{}
	byPath := make(map[string]*content.Page, len(s.Content.Pages))
	for _, p := range s.Content.Pages {
		byPath[p.Path] = p
	}
	type parsed struct {
		path  string
		page  *content.Page // nil: the file is gone
		probs []diag.Problem
		front string
		err   error
	}
	var files []parsed
	bodyOnly := b.resolved
	for _, path := range paths {
		changed[path] = true
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
		old := byPath[path]
		prev, had := b.front[path]
		bodyOnly = bodyOnly && f.err == nil && f.page != nil && len(f.probs) == 0 &&
			had && prev == f.front && old != nil && oldC.ByPath[path] == old && !showsInGallery(old)
	}
	for _, f := range files {
		delete(b.parseProbs, f.path)
		delete(b.mdProbs, f.path)
		delete(b.front, f.path)
		switch {
		case f.err != nil:
			b.parseProbs[f.path] = []diag.Problem{diag.New(f.path, 0, diag.MsgReadFailed, f.err)}
			continue
		case f.page == nil:
			delete(byPath, f.path)
			continue
		}
		if len(f.probs) > 0 {
			b.parseProbs[f.path] = f.probs
		} else {
			b.front[f.path] = f.front
		}
		if bodyOnly {
			// The front matter is as it was, so every list, figure and
			// reference stays; the page keeps its place and takes the new
			// body (and the summary, which may come from it).
			old := byPath[f.path]
			old.Body, old.BodyLine, old.Summary = f.page.Body, f.page.BodyLine, f.page.Summary
			continue
		}
		byPath[f.path] = f.page
	}
	var probs []diag.Problem
	var pub map[string]*content.Page
	static := make(map[string]bool, len(s.Static))
	for _, f := range s.Static {
		static[f.Rel] = true
	}
	if bodyOnly {
		pub = oldC.ByPath
		res.lap("parse", &last)
		probs = append(probs, b.resolveProbs...)
		res.lap("resolve", &last)
	} else {
		pages := make([]*content.Page, 0, len(byPath))
		for _, p := range byPath {
			pages = append(pages, p)
		}
		sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
		s.Content.Pages = pages
		s.Published = content.Published(pages, b.opt.Drafts)
		res.lap("parse", &last)

		probs = content.Resolve(s.Published, content.ResolveOptions{
			FileExists: func(rel string) bool { return static[rel] },
			AssetSize:  s.AssetSize,
			Reserved:   site.Reserved,
		})
		b.resolveProbs, b.resolved = append([]diag.Problem(nil), probs...), true
		pub = make(map[string]*content.Page, len(s.Published))
		for _, p := range s.Published {
			pub[p.Path] = p
		}
		res.lap("resolve", &last)
	}
	for path := range changed {
		if p := pub[path]; p != nil {
			if err := site.RenderPage(b.md, p, pub); err != nil {
				b.mdProbs[path] = []diag.Problem{diag.New(p.Path, p.BodyLine, diag.MsgRender, err)}
			}
		}
	}
	res.lap("markdown", &last)
	if !bodyOnly {
		logos := false
		for path := range changed {
			logos = logos || showsInGallery(oldC.ByPath[path]) || showsInGallery(pub[path])
		}
		if logos {
			probs = append(probs, s.Derive()...)
		} else {
			s.DeriveKeepGallery()
		}
	}
	res.lap("derive", &last)
	s.Render.Dev = true
	for _, ps := range b.parseProbs {
		probs = append(probs, ps...)
	}
	for _, ps := range b.mdProbs {
		probs = append(probs, ps...)
	}
	diag.Sort(probs)
	res.problems = probs
	if hasErrors(probs) {
		b.ok = false
		res.took = time.Since(start)
		return res
	}

	plan := b.jobs
	if !bodyOnly {
		plan = render.Plan(s.Render)
	}
	t := touched(oldC, s.Render.C, changed)
	t.bodyOnly = bodyOnly
	jobs := affected(plan, b.plan, t)
	res.lap("plan", &last)
	stage := output.NewMemory()
	var n int
	var wprobs []diag.Problem
	if bodyOnly {
		n, wprobs = s.WritePagesAndFeeds(stage, s.Renderer(), jobs)
	} else {
		n, wprobs = s.WritePages(stage, s.Renderer(), jobs, plan)
	}
	if hasErrors(wprobs) {
		res.problems = append(res.problems, wprobs...)
		b.ok = false
		res.took = time.Since(start)
		return res
	}
	res.pages = n
	res.lap("write", &last)

	live := b.live.Load()
	written := map[string]bool{}
	for _, p := range stage.Paths() {
		data, _ := stage.Get(p)
		live.WriteFile(p, data)
		written[p] = true
	}
	if bodyOnly {
		// Same plan, same whole-site files: nothing left the site.
		b.bodyEdits.Add(1)
		res.lap("swap", &last)
		res.problems = append(res.problems, b.links(live)...)
		res.took = time.Since(start)
		return res
	}
	// Pages that left the plan (a deleted or renamed file, a term no page
	// uses any more, a shorter list) and whole-site files no longer made.
	html := make(map[string]bool, len(plan))
	for _, j := range plan {
		html[j.URL] = true
	}
	for u := range b.plan {
		if !html[u] {
			live.Remove(render.OutPath(u))
		}
	}
	jobPaths := map[string]bool{}
	for _, j := range jobs {
		jobPaths[render.OutPath(j.URL)] = true
	}
	// Gallery logos are written at their static path too; those belong to
	// the static files, which a content edit never removes.
	data := map[string]bool{}
	for p := range written {
		if !jobPaths[p] && !static[p] && !isSearchFile(p) {
			data[p] = true
		}
	}
	for p := range b.data {
		if !data[p] {
			live.Remove(p)
		}
	}
	b.data = data
	b.remember(plan)
	res.lap("swap", &last)
	res.problems = append(res.problems, b.links(live)...)
	res.took = time.Since(start)
	return res
}

// static copies the static files again. When only stylesheets changed the
// browsers can swap them without a reload.
func (b *builder) static(css []string) *result {
	if b.site == nil || !b.ok {
		return b.full()
	}
	start := time.Now()
	res := &result{kind: "static", css: css}
	if len(css) > 0 {
		res.kind = "css"
	}
	s := b.site
	old := s.Static
	stage := output.NewMemory()
	probs := s.WriteStatic(stage, s.Renderer())
	res.problems = probs
	if hasErrors(probs) {
		b.ok = false
		res.took = time.Since(start)
		return res
	}
	live := b.live.Load()
	for _, p := range stage.Paths() {
		data, _ := stage.Get(p)
		live.WriteFile(p, data)
	}
	now := map[string]bool{}
	for _, f := range s.Static {
		now[f.Rel] = true
	}
	for _, f := range old {
		if !now[f.Rel] {
			live.Remove(f.Rel)
		}
	}
	res.took = time.Since(start)
	return res
}

func hasErrors(ps []diag.Problem) bool {
	for _, p := range ps {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}

// summary is the short log line of a rebuild.
func (r *result) summary(lang diag.Lang) string {
	what := ""
	switch r.kind {
	case "full":
		what = pick(lang, "全部重新生成", "full rebuild")
	case "static":
		what = pick(lang, "静态文件", "static files")
	case "css":
		what = pick(lang, "样式表 ", "stylesheet ") + strings.Join(r.css, ", ")
	default:
		names := r.files
		if len(names) > 3 {
			names = append(names[:3:3], "…")
		}
		what = strings.Join(names, ", ")
	}
	ms := r.took.Milliseconds()
	if r.failed() {
		return fmt.Sprintf(pick(lang, "%s：有错误，浏览器中仍显示上次成功的版本（%d 毫秒）", "%s: errors, the browser keeps the last good site (%d ms)"), what, ms)
	}
	return fmt.Sprintf(pick(lang, "%s：重新生成 %d 个网页，用时 %d 毫秒", "%s: %d pages re-rendered in %d ms"), what, r.pages, ms)
}

func pick(lang diag.Lang, zh, en string) string {
	if lang == diag.English {
		return en
	}
	return zh
}

// frontOf is the part of a file before its Markdown body: the front matter
// and its fences.
func frontOf(data, body []byte) string {
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if len(body) > len(data) {
		return string(data)
	}
	return string(data[:len(data)-len(body)])
}
