package render

import (
	"fmt"
	"html/template"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"dangjian/generator/diag"
	"dangjian/generator/theme"
)

// Templates are a theme's layouts, parsed once per build: for every page
// layout a set made of the base layout, the partials and that layout, so
// each layout's "main" block fills the base.
type Templates struct {
	sets    map[string]*template.Template // layout name (e.g. "news/single.html") → set
	sources map[string]string             // template name → file it came from
	// partials executes partialCached's templates on their own (the base
	// layout and partials, no page layout).
	partials *template.Template
	// cache holds partialCached's output for one Render pass (see
	// startPass); nil outside a pass, when nothing is cached.
	cache atomic.Pointer[sync.Map]
}

// TemplateOptions tune how layouts are parsed.
type TemplateOptions struct {
	// Compact drops the layouts' whitespace that pages do not need (see
	// compactTemplates): the build's HTML minifying, done once per layout
	// rather than once per page. Off for --no-minify.
	Compact bool
}

// ParseTemplates reads layouts/ of the layered theme.
func ParseTemplates(th *theme.Theme, funcs template.FuncMap, opts TemplateOptions) (*Templates, []diag.Problem) {
	files, err := th.Files("layouts")
	if err != nil {
		return nil, []diag.Problem{diag.New("layouts", 0, diag.MsgReadFailed, err)}
	}
	t := &Templates{sets: map[string]*template.Template{}, sources: map[string]string{}}
	all := template.FuncMap{"partialCached": t.partialCached}
	maps.Copy(all, funcs)
	common := template.New("").Funcs(all)
	var layouts []theme.File
	var probs []diag.Problem
	for _, f := range files {
		if path.Ext(f.Rel) != ".html" {
			continue
		}
		t.sources[f.Rel] = f.Source
		if f.Rel == "_default/baseof.html" || strings.HasPrefix(f.Rel, "partials/") {
			src, err := f.Read()
			if err == nil {
				_, err = common.New(f.Rel).Parse(string(src))
			}
			if err != nil {
				probs = append(probs, t.problem(err))
			}
			continue
		}
		layouts = append(layouts, f)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if opts.Compact {
		compactTemplates(common.Templates())
	}
	for _, f := range layouts {
		set, err := common.Clone()
		if err == nil {
			var src []byte
			src, err = f.Read()
			if err == nil {
				_, err = set.New(f.Rel).Parse(string(src))
			}
		}
		if err != nil {
			probs = append(probs, t.problem(err))
			continue
		}
		if opts.Compact {
			compactTemplates(parsedFrom(set, f.Rel))
		}
		t.sets[f.Rel] = set
	}
	probs = append(probs, t.checkFirstBlock(common)...)
	// Cloned last: html/template forbids cloning a set once it has run.
	partials, err := common.Clone()
	if err != nil {
		probs = append(probs, t.problem(err))
	}
	t.partials = partials
	return t, probs
}

// checkFirstBlock warns when a layout fills the base layout's "first"
// block (search.html: the search engine and its index, before the
// stylesheets) but a site's own base layout has no such block: the
// search page would load no search script, and search would fail on the
// published site without a word.
func (t *Templates) checkFirstBlock(common *template.Template) []diag.Problem {
	base := common.Lookup("_default/baseof.html")
	if base == nil || base.Tree == nil || callsTemplate(base.Tree.Root, "first") {
		return nil
	}
	var probs []diag.Problem
	for name, set := range t.sets {
		if first := set.Lookup("first"); first != nil && first.Tree != nil && first.Tree.ParseName == name {
			probs = append(probs, diag.Warn(t.sources["_default/baseof.html"], 0, diag.MsgBaseofNoFirst, t.sources[name]))
		}
	}
	slices.SortFunc(probs, func(a, b diag.Problem) int { return strings.Compare(fmt.Sprint(a.Args...), fmt.Sprint(b.Args...)) })
	return probs
}

// callsTemplate reports whether the tree under n runs the template name
// ({{template "name"}} or {{block "name"}}).
func callsTemplate(n parse.Node, name string) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if callsTemplate(c, name) {
				return true
			}
		}
	case *parse.TemplateNode:
		return n.Name == name
	case *parse.IfNode:
		return callsTemplate(n.List, name) || callsTemplate(n.ElseList, name)
	case *parse.RangeNode:
		return callsTemplate(n.List, name) || callsTemplate(n.ElseList, name)
	case *parse.WithNode:
		return callsTemplate(n.List, name) || callsTemplate(n.ElseList, name)
	}
	return false
}

// parsedFrom returns the templates of set that file defined (itself and its
// {{define}}s), not those it shares with the other layouts.
func parsedFrom(set *template.Template, file string) []*template.Template {
	var out []*template.Template
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.ParseName == file {
			out = append(out, t)
		}
	}
	return out
}

// partialCached is the template function
//
//	{{partialCached "partials/header.html" . .CurrentMenu}}
//
// It executes a partial with the dot given and keeps its output for the
// rest of the Render pass under the partial's name and the variant values:
// the header, the footer and a page's list item come out the same on
// hundreds of pages, and making them once is most of what a 10,000-page
// build can save in templates. As with Hugo's function of that name, the
// dot is not part of the key: a partial whose output depends on the page
// must list what it depends on as variants. Output is for HTML text (not
// inside an attribute or a script).
func (t *Templates) partialCached(name string, dot any, variants ...any) (template.HTML, error) {
	run := func() (template.HTML, error) {
		var b strings.Builder
		err := t.partials.ExecuteTemplate(&b, name, dot)
		return template.HTML(b.String()), err
	}
	cache := t.cache.Load()
	if cache == nil {
		return run()
	}
	// Every worker starts with the header: the first makes it, the others
	// wait for it rather than make it again.
	v, _ := cache.LoadOrStore(cacheKey(name, variants), &cachedPartial{})
	c := v.(*cachedPartial)
	c.once.Do(func() { c.out, c.err = run() })
	return c.out, c.err
}

type cachedPartial struct {
	once sync.Once
	out  template.HTML
	err  error
}

func cacheKey(name string, variants []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		if s, ok := v.(string); ok {
			b.WriteString(s)
		} else {
			fmt.Fprintf(&b, "%T:%v", v, v)
		}
	}
	return b.String()
}

// startPass empties partialCached's cache: a Render call starts one pass,
// during which the site's data does not change; the watch server's next
// rebuild is a new pass that sees its edits.
func (t *Templates) startPass() {
	if t != nil {
		t.cache.Store(new(sync.Map))
	}
}

// endPass drops the pass's cache (at 10,000 pages, every page's list item).
func (t *Templates) endPass() {
	if t != nil {
		t.cache.Store(nil)
	}
}

// Has reports whether a layout exists.
func (t *Templates) Has(name string) bool { return t.sets[name] != nil }

// Lookup returns the first layout that exists of the names given.
func (t *Templates) Lookup(names ...string) (string, bool) {
	for _, n := range names {
		if t.sets[n] != nil {
			return n, true
		}
	}
	return "", false
}

// set returns the template to execute for a layout: the base layout, or the
// layout itself when it stands alone (no "main" block, e.g. a feed).
func (t *Templates) set(name string) (*template.Template, string) {
	s := t.sets[name]
	if s == nil {
		return nil, ""
	}
	if s.Lookup("main") != nil && s.Lookup("_default/baseof.html") != nil {
		return s, "_default/baseof.html"
	}
	return s, name
}

var templateErrRe = regexp.MustCompile(`template: ([^:]+):(\d+)(?::\d+)?: (.*)`)

// problem turns a template error into a problem naming the template file and
// line, which html/template puts in its message.
func (t *Templates) problem(err error) diag.Problem {
	m := templateErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.New("layouts", 0, diag.MsgTemplate, err.Error())
	}
	// html/template repeats "template: name:line:" inside, and an error in
	// a partial run by partialCached is nested in its caller's: the
	// innermost place is where the mistake is.
	for {
		sub := templateErrRe.FindStringSubmatch(m[3])
		if sub == nil {
			break
		}
		m = sub
	}
	line, _ := strconv.Atoi(m[2])
	src := t.sources[m[1]]
	if src == "" {
		src = m[1]
	}
	return diag.New(src, line, diag.MsgTemplate, m[3])
}

// execError wraps an execution error with the template file and line.
func (t *Templates) execError(err error, page string) diag.Problem {
	p := t.problem(err)
	p.Args = []any{fmt.Sprintf("%s（页面 %s）", p.Args[0], page)}
	return p
}
