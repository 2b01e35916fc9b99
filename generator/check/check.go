// Package check finds everything wrong with a site without writing it: all
// that a build would refuse, and the mistakes a build lets through but a
// reader would meet — links and images that lead nowhere, anchors that name
// no heading, dates in the future, honors dated outside their list's year.
package check

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/site"
)

// Options say which site to check, and when "now" is (for future dates).
type Options struct {
	Source string
	Now    time.Time
}

// Result is what a check found.
type Result struct {
	Problems []diag.Problem // sorted: by file, errors first, then by line
	Pages    int            // published pages checked
	Links    int            // internal links and images followed
}

// Errors counts the problems that would fail a build.
func (r *Result) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == diag.Error {
			n++
		}
	}
	return n
}

// Run checks the site at opt.Source. It renders the site in memory, as a
// build would, so that a link is judged against the very files the build
// makes (pages, feeds, the search index, static files), not a guess of them.
func Run(opt Options) *Result {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	st, probs := site.Load(site.Options{Source: opt.Source, Now: opt.Now}, nil)
	res := &Result{}
	if st == nil {
		res.Problems = dedupe(probs)
		return res
	}
	loadFailed := hasErrors(probs)

	mem := output.NewMemory()
	if st.Templates != nil {
		wprobs := write(st, mem)
		// After a content error a page may fail to render only because of
		// it (a brand whose unit is unknown); the build would not have got
		// this far, so neither do its messages.
		if !loadFailed {
			probs = append(probs, wprobs...)
		}
	}
	c := newChecker(st, mem)
	for _, p := range st.Published {
		res.Pages++
		probs = append(probs, c.urlTaken(p)...)
		probs = append(probs, c.links(p)...)
		probs = append(probs, dates(p, opt.Now)...)
	}
	res.Links = c.followed
	res.Problems = dedupe(probs)
	return res
}

// write renders the site into memory. Pages recover from their own panics;
// this catches one anywhere else (feeds, the gallery, after a content error
// left something half-made), so check never crashes in the officer's face.
func write(st *site.Site, mem *output.Memory) (probs []diag.Problem) {
	defer func() {
		if v := recover(); v != nil {
			probs = append(probs, diag.New("", 0, diag.MsgRender, fmt.Sprint(v)))
		}
	}()
	_, probs = st.Write(mem, nil)
	return probs
}

func hasErrors(ps []diag.Problem) bool {
	for _, p := range ps {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}

// dedupe drops repeats (one mistake found by two stages) and sorts.
func dedupe(ps []diag.Problem) []diag.Problem {
	seen := map[string]bool{}
	var out []diag.Problem
	for _, p := range ps {
		key := fmt.Sprintf("%s\x00%d\x00%d\x00%s", p.Path, p.Line, p.Severity, p.Format(diag.English))
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	diag.Sort(out)
	return out
}

// checker knows every file the build makes, to judge links against.
type checker struct {
	site     *site.Site
	mem      *output.Memory
	files    map[string]bool          // output paths: brands/a/index.html, images/a.svg
	pageAt   map[string]*content.Page // output path → content page
	byPath   map[string]*content.Page // content/… path → published page
	ids      map[string]map[string]bool
	lists    map[string]bool // URLs of the pages the build makes itself: lists, taxonomies, home
	followed int
}

func newChecker(st *site.Site, mem *output.Memory) *checker {
	c := &checker{
		site:   st,
		mem:    mem,
		files:  map[string]bool{},
		pageAt: map[string]*content.Page{},
		byPath: map[string]*content.Page{},
		ids:    map[string]map[string]bool{},
		lists:  map[string]bool{},
	}
	for _, p := range mem.Paths() {
		c.files[p] = true
	}
	// Pages that failed to render (after a content error) still exist as
	// far as links are concerned: their own error is reported already.
	if st.Render != nil && st.Render.C != nil {
		for _, j := range render.Plan(st.Render) {
			c.files[render.OutPath(j.URL)] = true
			if j.Ctx.Kind != "single" {
				c.lists[j.URL] = true
			}
		}
	}
	for _, u := range site.Reserved {
		c.files[render.OutPath(u)] = true
	}
	for _, f := range st.Static {
		c.files[f.Rel] = true
	}
	for _, p := range st.Published {
		c.byPath[p.Path] = p
		out := render.OutPath(p.URL)
		c.files[out] = true
		// Two pages at one URL is an error of its own; links are judged
		// against the first, the one the error does not name.
		if c.pageAt[out] == nil {
			c.pageAt[out] = p
		}
		for _, a := range p.Aliases {
			c.files[render.OutPath(a)] = true
		}
	}
	return c
}

// urlTaken reports a page whose URL is one the build uses for a list
// (content/brands.md is /brands/, the brands section): one of the two would
// silently replace the other. Reserved URLs are Resolve's to report.
func (c *checker) urlTaken(p *content.Page) []diag.Problem {
	if p.IsIndex || !c.lists[p.URL] || slices.Contains(site.Reserved, p.URL) {
		return nil
	}
	return []diag.Problem{diag.New(p.Path, p.FieldLines["slug"], diag.MsgURLIsList, p.URL)}
}

// links checks every link and image written in a page's Markdown.
func (c *checker) links(p *content.Page) []diag.Problem {
	var probs []diag.Problem
	for _, l := range p.Links {
		if pr, ok := c.link(p, l); ok {
			probs = append(probs, pr)
		}
	}
	return probs
}

func (c *checker) link(p *content.Page, l content.Link) (diag.Problem, bool) {
	dest := strings.TrimSpace(l.Dest)
	if dest == "" || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return diag.Problem{}, false
	}
	c.followed++
	target, frag := dest, ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i+1:]
	}
	if i := strings.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	target = unescape(target)

	var (
		out  string        // output path the link leads to
		page *content.Page // the content page it leads to, when known exactly
	)
	switch {
	case strings.HasSuffix(strings.ToLower(target), ".md"):
		u, ok := site.ResolveMDLink(p.Path, dest, c.byPath)
		if !ok {
			return diag.New(p.Path, l.Line, diag.MsgBrokenMDLink, l.Dest, mdFile(p.Path, target)), true
		}
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u = u[:i]
		}
		out, page = render.OutPath(u), c.byPath[mdFile(p.Path, target)]
	case target == "":
		out, page = render.OutPath(p.URL), p
	default:
		abs := target
		if !strings.HasPrefix(abs, "/") {
			abs = path.Join(p.URL, target)
			if strings.HasSuffix(target, "/") && !strings.HasSuffix(abs, "/") {
				abs += "/"
			}
		}
		var ok bool
		if out, ok = c.lookup(abs); !ok {
			// A path written relative to the Markdown file (as an editor's
			// preview reads it) is resolved by the browser from the page's
			// address instead; say so, with the address that works.
			if !strings.HasPrefix(target, "/") {
				fromFile := path.Join("/", path.Dir(strings.TrimPrefix(p.Path, "content/")), target)
				if _, ok := c.lookup(fromFile); ok {
					return diag.New(p.Path, l.Line, diag.MsgRelativeToFile, l.Dest, p.URL, fromFile), true
				}
			}
			if l.Image {
				return diag.New(p.Path, l.Line, diag.MsgImageNotFound, l.Dest), true
			}
			return diag.New(p.Path, l.Line, diag.MsgBrokenLink, l.Dest), true
		}
	}
	if frag == "" || !strings.HasSuffix(out, ".html") {
		return diag.Problem{}, false
	}
	frag = unescape(frag)
	if page != nil && slices.Contains(page.HeadingIDs, frag) || c.idsOf(out)[frag] {
		return diag.Problem{}, false
	}
	if page == p {
		return diag.New(p.Path, l.Line, diag.MsgBrokenAnchorHere, l.Dest, frag), true
	}
	return diag.New(p.Path, l.Line, diag.MsgBrokenAnchor, l.Dest, frag), true
}

// lookup finds the output file of a site-relative URL, the way a web server
// would: /brands/a/, /brands/a and /brands/a/index.html are one page.
func (c *checker) lookup(u string) (string, bool) {
	u = path.Clean(u)
	if u == "/" || u == "." {
		return "index.html", c.files["index.html"]
	}
	rel := strings.TrimPrefix(u, "/")
	for _, cand := range []string{rel, rel + "/index.html"} {
		if c.files[cand] {
			return cand, true
		}
	}
	return "", false
}

var idAttr = regexp.MustCompile(`[\s"']id=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// idsOf lists the anchors of an output page: a content page's heading IDs
// (known even when the page failed to render) and every id in its HTML.
func (c *checker) idsOf(out string) map[string]bool {
	if ids, ok := c.ids[out]; ok {
		return ids
	}
	ids := map[string]bool{}
	if p := c.pageAt[out]; p != nil {
		for _, id := range p.HeadingIDs {
			ids[id] = true
		}
	}
	if data, ok := c.mem.Get(out); ok {
		for _, m := range idAttr.FindAllSubmatch(data, -1) {
			id := string(m[1]) + string(m[2]) + string(m[3])
			ids[html.UnescapeString(id)] = true
		}
	}
	c.ids[out] = ids
	return ids
}

// mdFile names the file a .md link points at, for the message.
func mdFile(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Join("content", target)
	}
	return path.Join(path.Dir(from), target)
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// hasScheme reports a URL with a scheme (https:, mailto:, tel: …).
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == ':':
			return i > 0
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z':
		case i > 0 && ('0' <= ch && ch <= '9' || ch == '+' || ch == '-' || ch == '.'):
		default:
			return false
		}
	}
	return false
}

// dates warns about dates a reader would find odd: a page or an honor dated
// after today (usually a typo in the year), and an honor dated outside the
// year its list is for.
func dates(p *content.Page, now time.Time) []diag.Problem {
	var probs []diag.Problem
	local := now.Local()
	// Front matter dates keep their wall clock in UTC; compare like with like.
	today := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	future := func(d time.Time, line int) {
		if d.After(today) {
			probs = append(probs, diag.Warn(p.Path, line, diag.MsgFutureDate, d.Format("2006-01-02")))
		}
	}
	if p.HasDate {
		future(p.Date, p.FieldLines["date"])
	}
	if p.Model != nil && p.Model.HasAwarded {
		future(p.Model.Awarded, p.FieldLines["awarded"])
	}
	if p.Honor == nil {
		return probs
	}
	for _, h := range p.Honor.Honors {
		if !h.HasDate {
			continue
		}
		line := h.Lines.Of("date")
		if p.Honor.Year > 0 && h.Date.Year() != p.Honor.Year {
			probs = append(probs, diag.Warn(p.Path, line, diag.MsgHonorYear, h.Name, h.Date.Format("2006-01-02"), p.Honor.Year))
			continue
		}
		future(h.Date, line)
	}
	return probs
}

// Format writes a report: problems grouped by file (a blank line between
// files), errors before warnings, each as path:line: message, then a count.
func Format(w io.Writer, res *Result, lang diag.Lang) {
	prev := ""
	for i, p := range res.Problems {
		if i > 0 && p.Path != prev {
			fmt.Fprintln(w)
		}
		prev = p.Path
		if p.Severity == diag.Warning {
			p.Msg = diag.Msg{Zh: diag.MsgWarningPrefix.Zh + p.Msg.Zh, En: diag.MsgWarningPrefix.En + p.Msg.En}
		}
		fmt.Fprintln(w, p.Format(lang))
	}
	if len(res.Problems) > 0 {
		fmt.Fprintln(w)
	}
	errs := res.Errors()
	fmt.Fprintln(w, diag.MsgCheckSummary.Text(lang, res.Pages, res.Links, errs, len(res.Problems)-errs))
}
