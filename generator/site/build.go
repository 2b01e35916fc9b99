// Package site is the recipe that turns a site folder into a portal:
//
//	load → resolve → markdown → derive → render → write
//
// Each stage is a package of its own; this one only calls them in order,
// times them, and makes the output atomic.
package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/derive"
	"dangjian/generator/diag"
	"dangjian/generator/gallery"
	"dangjian/generator/mdcache"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/review"
	"dangjian/generator/search"
	"dangjian/generator/stats"
	"dangjian/generator/theme"
)

// Options are the build command's flags.
type Options struct {
	Source   string  // site folder (site.toml, content/ …)
	Dest     string  // output folder; default <Source>/public
	BaseURL  *string // overrides site.toml's baseURL when set ("" is a valid value)
	Drafts   bool
	NoMinify bool
	// Inject goes before </body> of every page (the watch server's script).
	Inject []byte
	// Now is the build time (dates in the future are compared with it).
	Now time.Time
	// NoSearch leaves the search index out of Write: the watch server
	// writes it in the background, after the pages are served.
	NoSearch bool
	// NoCache makes Build neither read nor write CacheDir's markdown
	// results and output list (a cold build, for tests and bench).
	NoCache bool
	// MarkdownCache makes Load read and write CacheDir's markdown results
	// for a site that is kept (the watch server), as Build always does
	// unless NoCache; the caller ends the cache with CloseCache.
	MarkdownCache bool
	// Memo, when set, keeps what was read from photos and attachments
	// across builds (the watch server's).
	Memo *FileMemo
}

// Stage is one timed step of the recipe.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result summarises a finished build.
type Result struct {
	PagesByKind map[content.Kind]int
	HTMLPages   int
	Files       int64
	Bytes       int64
	Stages      []Stage
	Duration    time.Duration
	Warnings    []diag.Problem
	// Dest is the output folder; Portable (diag.MsgBuiltPortable) is the
	// summary's closing line saying it works from disk or any server.
	Dest     string
	Portable diag.Problem
	// Linked is how many of Files were unchanged since the previous build
	// and hard-linked from it instead of written.
	Linked int64
	// Kept is how many of Linked the spare output (the output before the
	// previous one, output.Spare) already held: no file operation at all.
	Kept int64
	// MarkdownCached is how many pages took their Markdown results from
	// the cache.
	MarkdownCached int
	// RenderSkipped is how many of HTMLPages were not rendered but linked
	// from the previous output, their render keys unchanged.
	RenderSkipped int
	// SearchLinked: the search index's input was the previous build's, and
	// its files were linked instead of made.
	SearchLinked bool
	// SearchUpdated: the search index was made from the previous one's
	// lists, only the changed pages indexed again (search.Update).
	SearchUpdated bool
}

// timer records the stages of one build.
type timer struct {
	stages []Stage
	last   time.Time
	heap   *heapWatch // nil unless $DANGJIAN_HEAPPROFILE is set
}

func newTimer() *timer { return &timer{last: time.Now(), heap: newHeapWatch()} }

func (t *timer) done(name string) {
	now := time.Now()
	t.stages = append(t.stages, Stage{name, now.Sub(t.last)})
	if t.heap != nil {
		t.heap.stage(name) // not part of the stage's time
		now = time.Now()
	}
	t.last = now
}

// Build makes the site into opt.Dest. On any content error nothing is
// written: the error is a diag.Errors listing every problem, and the previous
// output stays exactly as it was.
func Build(opt Options) (*Result, error) {
	start := time.Now()
	opt = opt.withDefaults()
	if err := output.CheckDest(opt.Dest); err != nil {
		return nil, diag.Errors{diag.New("", 0, diag.MsgDestNotOurs, opt.Dest, output.Marker)}
	}
	if d := SourceFolderOf(opt.Dest, opt.Source); d != "" {
		return nil, diag.Errors{diag.New("", 0, diag.MsgDestInSources, opt.Dest, d)}
	}
	defer setMemoryLimit(opt.Source)()
	// The previous build's spare output is claimed and listed while the
	// site loads (output.Spare); given back if the build ends before
	// writing.
	var spare *output.Spare
	var prev <-chan previous
	if !opt.NoCache {
		spare = output.ClaimSpare(opt.Dest)
		defer spare.Release()
		prev = loadPrevious(opt)
	}
	t := newTimer()
	site, probs := load(opt, t, true)
	if site != nil && site.mdCache != nil {
		// The pack of this build's Markdown results is written in the
		// background; it must be complete (or gone) when Build returns.
		// After a successful build, saveCache has pruned it already.
		defer site.mdCache.Close()
	}
	if site != nil {
		defer site.bodies.close()
	}
	if errs := errorsOf(probs); len(errs) > 0 {
		return nil, errs
	}
	site.forgetSources()
	dir, err := output.NewDirFrom(opt.Dest, spare)
	if err != nil {
		return nil, diag.Errors{outputProblem(opt.Dest, err)}
	}
	var w output.Writer = dir
	var reuse *output.Reuse
	if !opt.NoCache {
		p := <-prev
		reuse = output.NewReuse(dir, p.manifest)
		w = reuse
		site.keys = openRenderKeys(opt, reuse, p)
	}
	rec := &recorder{w: w, keep: site.anchorTargets(), paths: map[string]bool{}, kept: map[string][]byte{}}
	res, wprobs := site.Write(rec, t)
	// A folder built with drafts must not be published by mistake: deploy
	// and package read this note and refuse it.
	drafts := site.publishedDrafts()
	if len(drafts) > 0 {
		w.WriteFile(output.DraftsNote, []byte(strings.Join(drafts, "\n")+"\n"))
	}
	if site.mdCache != nil {
		res.MarkdownCached, _ = site.mdCache.Stats()
	}
	if err := dir.Err(); err != nil {
		// A full disk fails every write after the first: one message
		// says it, not one per page.
		dir.Abort()
		return nil, diag.Errors{outputProblem(opt.Dest, err)}
	}
	lprobs, _ := site.CheckLinks(rec, nil)
	wprobs = append(wprobs, lprobs...)
	t.done("links")
	if errs := errorsOf(wprobs); len(errs) > 0 {
		dir.Abort()
		return nil, errs
	}
	if reuse != nil {
		// The output replaced is kept as the next build's spare.
		dir.KeepSpare(reuse.Previous())
	}
	if err := dir.Commit(); err != nil {
		if errors.Is(err, output.ErrNotOurs) {
			return nil, diag.Errors{diag.New("", 0, diag.MsgDestNotOurs, opt.Dest, output.Marker)}
		}
		return nil, diag.Errors{outputProblem(opt.Dest, err)}
	}
	// The marker's time is when this build read its sources (a reused
	// spare's marker is older): deploy tells by it whether a source changed
	// after the build (ChangedSince).
	os.Chtimes(filepath.Join(opt.Dest, output.Marker), start, start)
	t.done("commit")
	// The previous output is being removed meanwhile (output.Dir.Commit).
	if reuse != nil {
		res.Linked = reuse.Linked()
		site.saveCache(reuse)
		t.done("cache")
	}
	if err := dir.Wait(); err != nil {
		return nil, diag.Errors{outputProblem(opt.Dest, err)}
	}
	// The previous output is removed, or kept as the spare.
	t.done("remove old")
	res.Kept = dir.Kept()
	res.Files, res.Bytes = dir.Counts()
	res.Stages = t.stages
	res.Warnings = append(warningsOf(probs), warningsOf(wprobs)...)
	if site.Render.AbsURL == "" {
		where := config.FileName
		if opt.BaseURL != nil {
			where = ""
		}
		res.Warnings = append(res.Warnings, diag.Warn(where, 0, diag.MsgNoFullBaseURL, site.Config.BaseURL))
	}
	res.Dest = opt.Dest
	res.Portable = diag.Warn("", 0, diag.MsgBuiltPortable, opt.Dest)
	if len(drafts) > 0 {
		res.Portable = diag.Warn("", 0, diag.MsgBuiltDrafts, opt.Dest, len(drafts))
	}
	res.Duration = time.Since(start)
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return o
}

// Site is a loaded site, ready to render: everything read from disk and
// derived from it. The watch server keeps one and rebuilds parts of it.
type Site struct {
	Opt       Options
	Config    config.Config
	Theme     *theme.Theme
	Content   *content.Site
	Published []*content.Page
	Render    *render.Site
	Templates *render.Templates
	Static    []StaticFile

	staticByRel  map[string]StaticFile
	thumbs       *gallery.Thumbnailer
	galleryFiles []gallery.File
	// oneShot: the site is written once and thrown away (Build), so each
	// page's Markdown source and HTML body are dropped as soon as no later
	// stage reads them. The watch server keeps its site and never sets it.
	oneShot bool
	// mdCache keeps the markdown stage's results between builds (Build
	// only; nil when Options.NoCache).
	mdCache *mdcache.Cache
	// keys are the render keys of the previous build and this one (Build
	// only; nil when Options.NoCache).
	keys *renderKeys
	// bodies holds the pages' HTML and plain text out of memory from the
	// markdown stage on (Build with the built-in layouts only; see bodyStore).
	bodies *bodyStore
	// searchLinked: the search index was the previous build's, linked.
	searchLinked bool
	// searchUpdated: search.Update used the previous index.
	searchUpdated bool
	// searchHead is the index's metadata and directory for the search
	// page (search.Stats.Head), once the search stage has run.
	searchHead string
}

// CacheDir is the folder, inside the site folder, where builds keep what
// the next build may reuse (markdown results, logo thumbnails, the list of
// the last output's files). Deleting it only makes the next build slower.
const CacheDir = ".dangjian-cache"

// forgetSources drops every page's Markdown source once it is HTML: at
// 10,000 pages the file contents were 70 MB of the 245 MB live heap after
// the markdown stage (heap profile), kept for nothing until the end. (The
// markdown stage already drops those of published pages as it goes.)
func (s *Site) forgetSources() {
	for _, p := range s.Content.Pages {
		p.Body, p.Front = nil, nil
	}
}

// forgetTexts drops every page's plain text once the search docs hold it
// (one-shot builds only): nothing after the index reads it, so the index
// frees each text as it is done with it (search.Options.DropTexts). At
// 50,000 pages the texts were 350 MB of the search stage's 1.4 GB live peak.
func (s *Site) forgetTexts() {
	if !s.oneShot {
		return
	}
	for _, p := range s.Content.Pages {
		p.Plain = ""
	}
}

func (s *Site) setStatic(files []StaticFile) {
	s.Static = files
	s.staticByRel = make(map[string]StaticFile, len(files))
	for _, f := range files {
		s.staticByRel[f.Rel] = f
	}
}

// Load runs the stages that read and understand the site: config, content,
// resolve, markdown, derive. It returns every problem found; the site is
// usable only when none of them is an error.
func Load(opt Options, t *timer) (*Site, []diag.Problem) {
	return load(opt, t, false)
}

// load is Load; oneShot marks a site that is written once (see Site).
func load(opt Options, t *timer, oneShot bool) (*Site, []diag.Problem) {
	opt = opt.withDefaults()
	if t == nil {
		t = newTimer()
	}
	var probs []diag.Problem
	cfg, ps := config.Load(opt.Source)
	probs = append(probs, ps...)
	if opt.BaseURL != nil {
		if msg, bad := config.CheckBaseURL(*opt.BaseURL); bad {
			return nil, append(probs, diag.New("", 0, msg, "--base-url", *opt.BaseURL))
		}
		cfg.BaseURL = *opt.BaseURL
	}
	th, err := theme.Open(opt.Source, cfg.Theme)
	if err != nil {
		return nil, append(probs, diag.New(config.FileName, 0, diag.MsgRaw, err.Error()))
	}
	s := &Site{Opt: opt, Config: cfg, Theme: th, oneShot: oneShot}
	t.done("config")

	cs, ps := content.Load(filepath.Join(opt.Source, "content"))
	probs = append(probs, ps...)
	s.Content = cs
	t.done("load")

	static, ps := collectStatic(th, cs)
	probs = append(probs, ps...)
	s.setStatic(static)
	s.Published = content.Published(cs.Pages, opt.Drafts)
	// An unmasked ID or mobile number must not reach the public site by
	// accident (publication review, generator/review).
	probs = append(probs, review.Privacy(s.Published)...)
	probs = append(probs, s.attachmentPrivacy()...)
	probs = append(probs, content.Resolve(s.Published, content.ResolveOptions{
		FileExists: s.staticExists,
		AssetSize:  s.AssetSize,
		Reserved:   Reserved,
		All:        cs.Pages,
	})...)
	probs = append(probs, s.checkFooter(opt.Source)...)
	// What an inspector sees on the site as a whole: sample text, blank
	// columns, honor lists that count nothing.
	probs = append(probs, review.Warnings(review.Sample(opt.Source, s.Published))...)
	probs = append(probs, review.Warnings(review.EmptySections(s.Published, cfg))...)
	probs = append(probs, review.Warnings(review.HonorsWithoutEntries(s.Published))...)
	t.done("resolve")

	if (oneShot || opt.MarkdownCache) && !opt.NoCache {
		s.mdCache = mdcache.Open(filepath.Join(opt.Source, CacheDir, "markdown"))
	}
	if oneShot && !noBodyStore && builtinLayouts(th) {
		s.bodies = newBodyStore(!opt.NoCache)
	}
	probs = append(probs, renderMarkdown(s.Published, cfg.UnsafeHTML, s.oneShot, s.mdCache, s.bodies)...)
	if err := s.bodies.seal(); err != nil {
		probs = append(probs, diag.New("", 0, diag.MsgRaw, err.Error()))
	}
	t.done("markdown")

	labels, ps := loadLabels(th, cfg)
	probs = append(probs, ps...)
	s.Render = &render.Site{Config: cfg, Labels: labels, BuildDate: opt.Now, AbsURL: config.FullURL(cfg.BaseURL)}
	probs = append(probs, s.Derive()...)
	probs = append(probs, s.checkOutputs()...)
	t.done("derive")

	tpl, ps := render.ParseTemplates(th, render.Funcs(labels), render.TemplateOptions{Compact: !s.Opt.NoMinify})
	probs = append(probs, ps...)
	s.Templates = tpl
	t.done("templates")
	return s, probs
}

// Derive recomputes everything made from the published pages as a whole
// (collections, figures, featured brands) into a new render.Site, leaving the
// previous one intact: the watch server calls it after replacing changed
// pages and compares the old lists with the new ones. Whatever a build
// derives from all pages belongs here, so that serve picks it up too.
func (s *Site) Derive() []diag.Problem { return s.derive(true) }

// DeriveKeepGallery is Derive for an edit that changed no brand or unit page:
// the logo gallery shows nothing else, so it is kept as it was (building it
// reads every logo).
func (s *Site) DeriveKeepGallery() { s.derive(false) }

func (s *Site) derive(withGallery bool) []diag.Problem {
	rs := *s.Render
	rs.C = derive.Derive(s.Published)
	rs.Stats = stats.Compute(s.Published)
	rs.Featured = featured(s.Config, rs.C)
	if !withGallery && rs.Gallery != nil {
		s.Render = &rs
		return nil
	}
	if s.thumbs == nil {
		s.thumbs = &gallery.Thumbnailer{CacheDir: filepath.Join(s.Opt.Source, CacheDir, "thumbs")}
	}
	g, files, probs := gallery.Build(s.Published, gallery.Options{Read: s.readStatic, Thumbs: s.thumbs, ResolveChecked: true})
	rs.Gallery = g
	s.galleryFiles = files
	s.Render = &rs
	return probs
}

// CloseCache ends the markdown cache of a Load with Options.MarkdownCache:
// this load's results are written (in a pack, in the background since Load)
// and, after a build that succeeded (ok), the packs no page asked for are
// removed, as Build does. It waits for the pack to be written.
func (s *Site) CloseCache(ok bool) {
	if s == nil || s.mdCache == nil {
		return
	}
	if ok {
		s.mdCache.Prune()
	} else {
		s.mdCache.Close()
	}
}

// MarkdownCached is how many pages took their Markdown results from the
// cache in Load (0 without one).
func (s *Site) MarkdownCached() int {
	if s.mdCache == nil {
		return 0
	}
	hits, _ := s.mdCache.Stats()
	return hits
}

// Thumbnailer is the build's logo scaler, for tests that count resizes.
func (s *Site) Thumbnailer() *gallery.Thumbnailer { return s.thumbs }

// Reserved are the URLs the generator makes itself.
var Reserved = []string{"/stats/", "/gallery/", "/search/", "/tags/", "/years/", "/sitemap/", render.NoticesURL}

func (s *Site) staticExists(rel string) bool {
	_, ok := s.staticByRel[rel]
	return ok
}

// readStatic reads a file the build copies (content/ assets, static/), by its
// output path.
func (s *Site) readStatic(rel string) ([]byte, error) {
	f, ok := s.staticByRel[rel]
	if !ok {
		return nil, fmt.Errorf("%s: %w", rel, os.ErrNotExist)
	}
	return f.read()
}

// Write runs the stages that make files: render, feeds, static copies.
func (s *Site) Write(w output.Writer, t *timer) (*Result, []diag.Problem) {
	if t == nil {
		t = newTimer()
	}
	res := &Result{PagesByKind: map[content.Kind]int{}}
	for _, p := range s.Published {
		if !p.IsIndex {
			res.PagesByKind[p.Kind]++
		}
	}
	r := s.Renderer()
	if s.bodies != nil {
		r.Prepare = s.bodies.lend
	}
	jobs := render.Plan(s.Render)
	pages, searchPage := jobs, []render.Job(nil)
	if !s.Opt.NoSearch {
		pages, searchPage = splitSearchPage(jobs)
	}
	todo, keys, linked := pages, map[string][sha256.Size]byte(nil), 0
	rec, _ := w.(*recorder)
	if s.keys != nil && rec != nil {
		todo, keys, linked = s.keys.planSkips(s, pages, rec)
		t.done("render keys")
	}
	n, probs := r.Render(todo, w)
	if keys != nil {
		s.keys.recordRendered(todo, keys)
	}
	res.HTMLPages, res.RenderSkipped = n+linked, linked
	t.done("render")

	probs = append(probs, s.writeWhole(w, r, jobs)...)
	t.done("feeds")
	if s.oneShot {
		// Only templates and feeds read the HTML bodies (80 MB at 10,000
		// pages); the search index, the biggest stage, reads the plain text.
		for _, p := range s.Content.Pages {
			p.HTML = ""
		}
	}
	probs = append(probs, s.copyStatic(w, r.Minifier)...)
	t.done("static")
	if !s.Opt.NoSearch {
		if err := s.bodies.loadTexts(); err != nil {
			return res, append(probs, diag.New("search", 0, diag.MsgRender, err))
		}
		probs = append(probs, s.WriteSearch(w)...)
		res.SearchLinked, res.SearchUpdated = s.searchLinked, s.searchUpdated
		for _, j := range searchPage {
			j.Ctx.Data = s.searchInline(s.searchHead, r.Minifier)
		}
		n, sprobs := r.Render(searchPage, w)
		res.HTMLPages += n
		probs = append(probs, sprobs...)
		t.done("search")
	}
	return res, probs
}

// WriteSearch writes the search index of every published page.
func (s *Site) WriteSearch(w output.Writer) []diag.Problem {
	docs := search.DocsFromPages(s.Render.C.All)
	warns := searchCuts(s.Render.C.All, docs)
	s.forgetTexts()
	opts := search.Options{DropTexts: s.oneShot, SpillLists: s.oneShot}
	if s.oneShot && s.bodies != nil {
		// The texts are in the store's file already: no second copy.
		pages := s.Render.C.All
		opts.Bodies = func(i int, buf []byte) ([]byte, error) { return s.bodies.plain(pages[i], buf) }
	}
	rec, _ := w.(*recorder)
	if s.keys == nil || rec == nil {
		st, err := search.Write(docs, w, opts)
		if err != nil {
			return []diag.Problem{diag.New("search", 0, diag.MsgRender, err)}
		}
		s.searchHead = st.Head
		return warns
	}
	// The key is of the docs as they are now, before Write drops their
	// texts, and of the options that shape the files (not DropTexts).
	hashes, err := docHashes(docs)
	var prog, key [32]byte
	if err == nil {
		prog, err = programKey(search.Options{})
	}
	if err == nil {
		key, err = searchKey(prog, hashes)
	}
	if err == nil && s.keys.linkSearch(key, rec) {
		s.searchLinked = true
		s.searchHead = outputSearchHead(s.Opt.Dest)
		return warns
	}
	var prev *search.Prev
	pw := &pathWriter{w: w}
	if err == nil {
		prev = s.keys.searchPrev(prog, s.Opt.Dest, "search", rec, pw)
	}
	st, werr := search.Update(docs, hashes, prev, pw, opts)
	if werr != nil {
		return []diag.Problem{diag.New("search", 0, diag.MsgRender, werr)}
	}
	s.searchUpdated, s.searchHead = st.Updated, st.Head
	if err == nil {
		s.keys.recordSearch(key, pw.paths)
		byID := make([][32]byte, len(docs))
		for id, i := range search.IDOrder(docs) {
			byID[id] = hashes[i]
		}
		s.keys.nextState = &searchState{prog: prog, key: key, avgdl: st.AvgDL, hashes: byID}
	}
	return warns
}

// searchCuts warns of each page whose body the search index leaves
// partly out (search.Unindexed): the officer learns why a search does not
// find what the page says, on every build, whether the index was made
// anew or kept.
func searchCuts(pages []*content.Page, docs []search.Doc) []diag.Problem {
	var probs []diag.Problem
	for i := range docs {
		if at, cut := search.Unindexed(&docs[i]); cut {
			probs = append(probs, diag.Warn(pages[i].Path, 0, diag.MsgSearchCut, at))
		}
	}
	return probs
}

// Renderer returns a renderer set up for this site's templates, base URL,
// minifying and injected script.
func (s *Site) Renderer() *render.Renderer {
	var minifier *output.Minifier
	if !s.Opt.NoMinify {
		minifier = output.NewMinifier()
	}
	return &render.Renderer{
		Templates: s.Templates,
		Links:     render.NewLinks(s.Config.BaseURL),
		Minifier:  minifier,
		Inject:    s.Opt.Inject,
	}
}

// WritePages is the watch server's partial write: it renders only jobs, then
// rewrites every file made from the site as a whole (feeds, sitemap, stats
// data, redirects). all is the site's full plan, which the sitemap lists.
func (s *Site) WritePages(w output.Writer, r *render.Renderer, jobs, all []render.Job) (int, []diag.Problem) {
	n, probs := r.Render(jobs, w)
	return n, append(probs, s.writeWhole(w, r, all)...)
}

// WritePagesAndFeeds is WritePages for an edit that changed no page's front
// matter (only bodies): the lists, URLs, figures and gallery are as they were,
// so of the whole-site files only the feeds, which carry summaries, are made
// again.
func (s *Site) WritePagesAndFeeds(w output.Writer, r *render.Renderer, jobs []render.Job) (int, []diag.Problem) {
	n, probs := r.Render(jobs, w)
	return n, append(probs, writeFiles(w, r, s.feeds())...)
}

// writeWhole writes the files made from the site as a whole, which every
// rebuild, whole or partial, makes again: feeds, sitemap, stats data,
// redirects, gallery thumbnails.
func (s *Site) writeWhole(w output.Writer, r *render.Renderer, all []render.Job) []diag.Problem {
	probs := s.writeData(w, r, all)
	if err := gallery.WriteFiles(w, s.galleryFiles); err != nil {
		probs = append(probs, diag.New("gallery", 0, diag.MsgRender, err))
	}
	return probs
}

// CopyStatic copies the static files, Write's last stage: the watch server's
// first build copies them before the pages too, so that the first page it
// serves has its stylesheet.
func (s *Site) CopyStatic(w output.Writer, r *render.Renderer) []diag.Problem {
	return s.copyStatic(w, r.Minifier)
}

// WriteStatic collects the static files again (a file may have been added or
// removed) and copies them all; the watch server's answer to a static change.
func (s *Site) WriteStatic(w output.Writer, r *render.Renderer) []diag.Problem {
	files, probs := collectStatic(s.Theme, s.Content)
	if len(errorsOf(probs)) > 0 {
		return probs
	}
	s.setStatic(files)
	return append(probs, s.copyStatic(w, r.Minifier)...)
}

// writeData writes the files that are not templates: feeds, sitemap,
// robots.txt, alias redirects, stats.json and stats.csv.
func (s *Site) writeData(w output.Writer, r *render.Renderer, jobs []render.Job) []diag.Problem {
	rs := s.Render
	files := s.feeds()
	if rs.AbsURL != "" {
		// A sitemap lists full URLs only (sitemaps.org); without a full
		// base URL there is none (Build warns).
		files["sitemap.xml"] = render.Sitemap(rs, jobs)
	}
	files["robots.txt"] = render.Robots(rs)
	files["stats.csv"] = rs.Stats.CSV()
	if js, err := rs.Stats.JSON(); err == nil {
		files["stats.json"] = js
	}
	for _, p := range rs.C.All {
		for _, a := range p.Aliases {
			canonical := ""
			if rs.AbsURL != "" {
				canonical = render.Absolute(rs.AbsURL, p.URL)
			}
			link := r.Links.URL(a, render.URLFunc(p.URL))
			if !render.SafeURL(link) {
				continue // cannot happen: Links.URL never adds a scheme
			}
			files[render.OutPath(a)] = render.Alias(p.Title, link, canonical)
		}
	}
	return writeFiles(w, r, files)
}

// feeds makes the site's RSS feed and one per section, by output path;
// none without a full base URL (RSS links are full URLs).
func (s *Site) feeds() map[string][]byte {
	rs := s.Render
	if rs.AbsURL == "" {
		return map[string][]byte{}
	}
	files := map[string][]byte{
		"index.xml": render.RSS(rs, rs.Config.Title, "/", rs.C.All),
	}
	for folder, sec := range rs.C.Sections {
		title := rs.Config.Title + " · " + rs.T("section_"+folder)
		files[folder+"/index.xml"] = render.RSS(rs, title, "/"+folder+"/", sec.Pages)
	}
	return files
}

// writeFiles minifies and writes files made in memory, in path order.
func writeFiles(w output.Writer, r *render.Renderer, files map[string][]byte) []diag.Problem {
	var probs []diag.Problem
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		data, err := r.Minifier.Bytes(p, files[p])
		if err == nil {
			err = w.WriteFile(p, data)
		}
		if err != nil {
			probs = append(probs, diag.New(p, 0, diag.MsgRender, err))
		}
	}
	return probs
}

// featured picks the brands on the home page: those site.toml names in
// params.featured_brands, else the newest four.
func featured(cfg config.Config, c *derive.Collections) []*content.Page {
	sec := c.Sections["brands"]
	if sec == nil {
		return nil
	}
	var out []*content.Page
	if names, ok := cfg.Params["featured_brands"].([]any); ok {
		for _, n := range names {
			for _, p := range sec.Pages {
				if p.Slug == fmt.Sprint(n) || strings.TrimSuffix(filepath.Base(p.Path), ".md") == fmt.Sprint(n) {
					out = append(out, p)
				}
			}
		}
	}
	if len(out) == 0 {
		out = sec.Pages[:min(4, len(sec.Pages))]
	}
	return out
}

func errorsOf(ps []diag.Problem) diag.Errors {
	var out diag.Errors
	for _, p := range ps {
		if p.Severity == diag.Error {
			out = append(out, p)
		}
	}
	diag.Sort(out)
	return out
}

func warningsOf(ps []diag.Problem) []diag.Problem {
	var out []diag.Problem
	for _, p := range ps {
		if p.Severity == diag.Warning {
			out = append(out, p)
		}
	}
	diag.Sort(out)
	return out
}

// publishedDrafts are the draft pages this build published (build
// --drafts), by path.
func (s *Site) publishedDrafts() []string {
	var out []string
	for _, p := range s.Published {
		if p.Draft && !p.IsIndex {
			out = append(out, p.Path)
		}
	}
	return out
}
