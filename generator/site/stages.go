package site

import (
	"errors"
	"path"
	"runtime"
	"strings"
	"sync"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/gallery"
	"dangjian/generator/markdown"
	"dangjian/generator/mdcache"
	"dangjian/generator/output"
	"dangjian/generator/theme"
)

// renderMarkdown converts every page body on all cores. Links to .md files
// become the target page's URL, so officers can link the way their editor
// previews. forget drops each page's Markdown source once it is HTML: the
// sources (88 MB at 10,000 pages) beside the HTML being made were most of
// the build's peak memory.
//
// With a cache, a page whose inputs are unchanged since a build that stored
// it takes its results from there (see generator/mdcache). With a body
// store, each page's HTML and plain text go there as soon as they are made.
func renderMarkdown(pages []*content.Page, unsafeHTML, forget bool, cache *mdcache.Cache, bodies *bodyStore) []diag.Problem {
	md := markdown.New(markdown.Options{UnsafeHTML: unsafeHTML})
	byPath := make(map[string]*content.Page, len(pages))
	for _, p := range pages {
		byPath[p.Path] = p
	}
	var probs diag.List
	var wg sync.WaitGroup
	work := make(chan *content.Page, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := renderPageCached(md, p, byPath, unsafeHTML, cache); err != nil {
					probs.Add(markdown.Problem(p.Path, p.BodyLine, err))
				} else if bodies != nil {
					bodies.put(p)
				}
				if forget {
					p.Body, p.Front = nil, nil
				}
			}
		}()
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
	return probs.Problems()
}

// RenderPage fills one page's HTML, TOC, plain text, summary and links.
func RenderPage(md *markdown.Renderer, p *content.Page, byPath map[string]*content.Page) error {
	return renderPageCached(md, p, byPath, false, nil)
}

// renderPageCached is RenderPage, through cache when there is one
// (unsafeHTML is the renderer's option, part of the cache key).
func renderPageCached(md *markdown.Renderer, p *content.Page, byPath map[string]*content.Page, unsafeHTML bool, cache *mdcache.Cache) error {
	resolve := func(dest string) (string, bool) {
		return ResolveMDLink(p.Path, dest, byPath)
	}
	if cache == nil {
		res, err := md.RenderWith(p.Body, p.BodyLine, resolve)
		if err != nil {
			return err
		}
		setMarkdown(p, res)
		return nil
	}
	key := cache.Key(unsafeHTML, p.Path, p.BodyLine, p.Body)
	if res, ok := cache.Get(key, resolve); ok {
		setMarkdown(p, res)
		return nil
	}
	var lookups []mdcache.Lookup
	res, err := md.RenderWith(p.Body, p.BodyLine, func(dest string) (string, bool) {
		url, ok := resolve(dest)
		lookups = append(lookups, mdcache.Lookup{Dest: dest, URL: url, OK: ok})
		return url, ok
	})
	if err != nil {
		return err
	}
	cache.Put(key, res, lookups)
	setMarkdown(p, res)
	return nil
}

func setMarkdown(p *content.Page, res *markdown.Result) {
	p.HTML = templateHTML(res.HTML)
	p.TOC = res.TOC
	p.Plain = res.Plain
	p.ReadingMinutes = res.ReadingMinutes
	p.Links = res.Links
	p.DroppedHTML = res.DroppedHTML
	p.HeadingIDs = res.IDs
	if p.Summary == "" {
		p.Summary = res.Summary
	}
}

// ResolveMDLink turns a link to a Markdown file, relative to the page or to
// content/ when it starts with "/", into the target page's URL. It is the
// markdown package's resolver, which also reads percent-encoded file names
// (editors write Chinese names either way) and keeps a query or #fragment.
func ResolveMDLink(from, dest string, byPath map[string]*content.Page) (string, bool) {
	return markdown.MDLinkResolver(from, func(p string) (string, bool) {
		if pg, ok := byPath[p]; ok {
			return pg.URL, true
		}
		return "", false
	})(dest)
}

// loadLabels reads the theme's translation table and lays site.toml's
// [labels] over it.
func loadLabels(th *theme.Theme, cfg config.Config) (map[string]string, []diag.Problem) {
	labels := map[string]string{}
	if f, ok := th.Lookup(".", "labels.toml"); ok {
		data, err := f.Read()
		if err == nil {
			_, err = config.DecodeTOML(string(data), &labels)
		}
		if err != nil {
			return labels, []diag.Problem{config.TOMLProblem(f.Source, 0, err)}
		}
	}
	for k, v := range cfg.Labels {
		labels[k] = v
	}
	return labels, nil
}

// StaticFile is a file copied to the output as it is: theme static/, then
// the site's static/, then content/'s non-Markdown files; a later one with
// the same path wins.
type StaticFile struct {
	Rel    string // output path
	Source string // for messages
	Size   int64  // bytes, for content/'s files (0: the theme's or static/'s)
	Abs    string // the file on disk, for content/'s files
	read   func() ([]byte, error)
}

func collectStatic(th *theme.Theme, cs *content.Site) ([]StaticFile, []diag.Problem) {
	files, skipped, err := th.FilesSkipping("static")
	if err != nil {
		return nil, []diag.Problem{diag.New("static", 0, diag.MsgReadFailed, err)}
	}
	var probs []diag.Problem
	for _, s := range skipped {
		msg := diag.MsgSymlinkOut
		if s.Loop {
			msg = diag.MsgSymlinkLoop
		}
		probs = append(probs, diag.Warn(s.Source, 0, msg))
	}
	byRel := map[string]int{}
	var out []StaticFile
	add := func(f StaticFile) {
		if i, ok := byRel[f.Rel]; ok {
			out[i] = f
			return
		}
		byRel[f.Rel] = len(out)
		out = append(out, f)
	}
	for _, f := range files {
		add(StaticFile{Rel: f.Rel, Source: f.Source, read: f.Read})
	}
	for _, a := range cs.Assets {
		add(StaticFile{Rel: a.Rel, Source: "content/" + a.Rel, Size: a.Size, Abs: a.Abs, read: readFile(a.Abs)})
	}
	return out, probs
}

// copyStatic writes the static files on all cores; stylesheets and scripts
// are minified, SVG drawings are sanitized and left unminified.
func (s *Site) copyStatic(w output.Writer, mn *output.Minifier) []diag.Problem {
	var probs diag.List
	var wg sync.WaitGroup
	work := make(chan StaticFile, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				data, err := f.read()
				if err != nil {
					probs.Add(diag.New(f.Source, 0, diag.MsgReadFailed, err))
					continue
				}
				data, err = prepareStatic(f.Rel, data, mn)
				var svgErr *gallery.SVGError
				var imgErr *gallery.ImageError
				if errors.As(err, &svgErr) || errors.As(err, &imgErr) {
					probs.Add(gallery.AssetProblem(f.Source, err))
					continue
				}
				if err != nil {
					probs.Add(diag.New(f.Source, 0, diag.MsgReadFailed, err))
					continue
				}
				if err := w.WriteFile(f.Rel, data); err != nil {
					probs.Add(outputProblem(f.Rel, err))
				}
			}
		}()
	}
	for _, f := range s.Static {
		work <- f
	}
	close(work)
	wg.Wait()
	return probs.Problems()
}

func prepareStatic(rel string, data []byte, mn *output.Minifier) ([]byte, error) {
	switch strings.ToLower(path.Ext(rel)) {
	case ".css", ".js":
		// A picture called x.js is still decoded by an <img src="x.js">.
		if err := gallery.CheckPicture(data); err != nil {
			return nil, err
		}
		return mn.Bytes(rel, data)
	}
	return gallery.PrepareAsset(rel, data)
}
