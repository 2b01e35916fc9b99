package serve

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/markdown"
	"dangjian/generator/output"
	"dangjian/generator/render"
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
	index      *jobIndex          // of jobs, for a body-only edit
	// lc is the link check of the served files, kept for the next
	// body-only edit; nil when the served files changed otherwise since.
	lc *site.LinkCheck
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
	mdCached     int             // pages of the last full build's load whose Markdown was cached
	closing      sync.WaitGroup  // markdown caches being written (closeCache)
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
	kind string // full, content, static, css
	// quiet: the end of the first build, whose pages the tabs show
	// already (builder.first); they are not told to reload.
	quiet    bool
	pages    int // HTML pages rendered
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
	f := b.load()
	if f.site == nil {
		return f.res
	}
	wres, wprobs := f.site.Write(f.mem, nil)
	f.res.pages = wres.HTMLPages
	return b.adopt(f, wprobs)
}

// first is full for Start, in two parts: the home page (with the static
// files it needs) is rendered and served first, and rest renders the other
// pages into the same output, the served one, and finishes the build as
// full does. Until rest has returned, a request for a file not made yet
// waits for it (files.first). rest is nil when the site did not load, or
// the first part found errors (then the build was finished as full does,
// and res is its result); else loaded is the site being built.
func (b *builder) first() (res *result, loaded *site.Site, rest func() *result) {
	f := b.load()
	if f.site == nil {
		return f.res, nil, nil
	}
	r := f.site.Renderer()
	plan := render.Plan(f.site.Render)
	var home, others []render.Job
	for _, j := range plan {
		if j.Ctx.Kind == "home" {
			home = append(home, j)
		} else {
			others = append(others, j)
		}
	}
	n, probs := r.Render(home, f.mem)
	probs = append(probs, f.site.CopyStatic(f.mem, r)...)
	prev := b.live.Load()
	rest = func() *result {
		if holdRest != nil {
			holdRest()
		}
		// As site.Write: the pages, the files made from the whole site,
		// the static files last (a gallery logo is also a static file).
		m, ps := f.site.WritePages(f.mem, r, others, plan)
		ps = append(ps, f.site.CopyStatic(f.mem, r)...)
		f.res.pages = n + m
		res := b.adopt(f, append(probs, ps...))
		if !b.ok {
			b.live.Store(prev) // as full: nothing of a failed build is served
		}
		return res
	}
	if hasErrors(probs) {
		return rest(), nil, nil
	}
	b.live.Store(f.mem)
	return f.res, f.site, rest
}

// closeCache ends a loaded site's markdown cache in the background: its
// pack is written while the pages are served (Server.Serve waits for it).
func (b *builder) closeCache(s *site.Site, ok bool) {
	if s == nil {
		return
	}
	b.closing.Add(1)
	go func() {
		defer b.closing.Done()
		s.CloseCache(ok)
	}()
}

// holdRest, when set (tests), is called before the second part of the
// first build.
var holdRest func()

// loading is a full build between its load and its write.
type loading struct {
	start time.Time
	res   *result
	site  *site.Site // nil when the site did not load (res says why)
	mem   *output.Memory
}

func (b *builder) load() *loading {
	// The previous full build's markdown cache is written (and pruned)
	// before this one reads it.
	b.closing.Wait()
	f := &loading{start: time.Now(), res: &result{kind: "full"}}
	site, probs := site.Load(b.opt, nil)
	f.res.problems = probs
	if site != nil {
		b.mdCached = site.MarkdownCached()
	}
	if site == nil || hasErrors(probs) {
		b.closeCache(site, false)
		b.ok = false
		f.res.took = time.Since(f.start)
		return f
	}
	site.Render.Dev = true
	f.site, f.mem = site, output.NewMemory()
	return f
}

// adopt ends a full build whose files are in f.mem and whose write found
// wprobs: on an error the served output stays as it was, else f's site and
// output become the served ones.
func (b *builder) adopt(f *loading, wprobs []diag.Problem) *result {
	res, site, mem := f.res, f.site, f.mem
	probs := append(res.problems, wprobs...)
	res.problems = probs
	b.closeCache(site, !hasErrors(wprobs))
	if hasErrors(wprobs) {
		b.ok = false
		res.took = time.Since(f.start)
		return res
	}
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
	for _, sf := range site.Static {
		static[sf.Rel] = true
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
	res.took = time.Since(f.start)
	return res
}

func (b *builder) remember(plan []render.Job) {
	b.jobs = plan
	b.index = newJobIndex(plan)
	b.plan = make(map[string]jobInfo, len(plan))
	for i, j := range plan {
		b.plan[j.URL] = b.index.infos[i]
	}
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
	// A link may lead to a static file that came or went: check them all
	// (this also makes the link check a later body-only edit keeps).
	res.problems = append(res.problems, b.links(live)...)
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
