package site

import (
	"html"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/gallery"
	"dangjian/generator/output"
	"dangjian/generator/render"
)

// Output is what a link is judged against: the files a build wrote, by
// output path (ok reports that the file exists; the bytes are read only for
// the HTML an #anchor points into). The in-memory output (check, serve) is
// one; a build records its own.
type Output interface {
	Get(path string) ([]byte, bool)
}

// CheckLinks finds every link and image in the published pages' Markdown
// that leads nowhere: a missing page, file or image, an #anchor that names
// no heading, a page whose URL is taken by a list. build, serve and check
// all call it, so what one refuses the others do too. It returns the
// problems and the number of internal links followed.
//
// plan is the site's render plan when the caller has it (the watch server
// keeps one), else nil: CheckLinks makes it.
func (s *Site) CheckLinks(out Output, plan []render.Job) ([]diag.Problem, int) {
	c := newChecker(s, out, plan)
	var probs []diag.Problem
	for _, p := range s.Published {
		probs = append(probs, c.urlTaken(p)...)
		probs = append(probs, c.links(p)...)
	}
	return probs, c.followed
}

// LinkCheck is CheckLinks kept between rebuilds by the watch server: the
// index of every file the site makes (rebuilt from every page, about 11 ms
// a save at 10,000 pages) and each page's problems. It stays right only
// while the pages, their URLs, the plan, the static files and the other
// files of out stay as they were, which is what an edit of page bodies
// alone (serve's body-only path) keeps; anything else needs a new one.
type LinkCheck struct {
	site  *Site
	c     *checker
	probs map[*content.Page][]diag.Problem // pages with problems
}

// NewLinkCheck checks every published page, as CheckLinks does, and keeps
// what it found for Update.
func (s *Site) NewLinkCheck(out Output, plan []render.Job) *LinkCheck {
	c := newChecker(s, out, plan)
	c.deps = map[string]map[*content.Page]bool{}
	lc := &LinkCheck{site: s, c: c, probs: map[*content.Page][]diag.Problem{}}
	for _, p := range s.Published {
		lc.check(p)
	}
	return lc
}

func (lc *LinkCheck) check(p *content.Page) {
	probs := append(lc.c.urlTaken(p), lc.c.links(p)...)
	if len(probs) == 0 {
		delete(lc.probs, p)
		return
	}
	lc.probs[p] = probs
}

// Update follows an edit of page bodies only: changed are the published
// pages whose Markdown was rendered again, rewritten the output files the
// edit wrote (their HTML, so the anchors in it, may differ). The changed
// pages are checked again, and every page with an #anchor link into a
// rewritten file; no other page's links can have a different answer.
func (lc *LinkCheck) Update(changed []*content.Page, rewritten []string) {
	again := map[*content.Page]bool{}
	// A changed page's headings are its file's anchors even when no job
	// wrote that file (render.OutPath of its URL, as pageAt has it).
	outs := append([]string(nil), rewritten...)
	for _, p := range changed {
		again[p] = true
		outs = append(outs, render.OutPath(p.URL))
	}
	for _, out := range outs {
		delete(lc.c.ids, out)
		for p := range lc.c.deps[out] {
			again[p] = true
		}
	}
	for p := range again {
		lc.check(p)
	}
}

// Problems are the problems found, in the order CheckLinks gives them.
func (lc *LinkCheck) Problems() []diag.Problem {
	var probs []diag.Problem
	if len(lc.probs) == 0 {
		return nil
	}
	for _, p := range lc.site.Published {
		probs = append(probs, lc.probs[p]...)
	}
	return probs
}

// checker knows every file the build makes, to judge links against.
type checker struct {
	site     *Site
	out      Output
	files    map[string]bool          // output paths: brands/a/index.html, images/a.svg
	pageAt   map[string]*content.Page // output path → content page
	byPath   map[string]*content.Page // content/… path → published page
	ids      map[string]map[string]bool
	lists    map[string]bool   // URLs of the pages the build makes itself: lists, taxonomies, home
	sizes    map[string]int64  // output path → bytes, of content/'s files
	abs      map[string]string // output path → file on disk, of content/'s files
	followed int
	// deps, when kept (LinkCheck): output path → the pages whose #anchor
	// links were judged against that file's headings or HTML.
	deps map[string]map[*content.Page]bool
}

// maxPhotoBytes is the largest picture a page shows without a warning:
// 1 MB takes about five seconds at 3G's 1.6 Mbps.
const maxPhotoBytes = 1 << 20

func newChecker(st *Site, out Output, plan []render.Job) *checker {
	c := &checker{
		site:   st,
		out:    out,
		files:  map[string]bool{},
		pageAt: map[string]*content.Page{},
		byPath: map[string]*content.Page{},
		ids:    map[string]map[string]bool{},
		lists:  map[string]bool{},
		sizes:  map[string]int64{},
		abs:    map[string]string{},
	}
	// Pages that failed to render (after a content error) still exist as
	// far as links are concerned: their own error is reported already.
	if plan == nil && st.Render != nil && st.Render.C != nil {
		plan = render.Plan(st.Render)
	}
	for _, j := range plan {
		c.files[render.OutPath(j.URL)] = true
		if j.Ctx.Kind != "single" {
			c.lists[j.URL] = true
		}
	}
	for _, u := range Reserved {
		c.files[render.OutPath(u)] = true
	}
	for _, f := range st.Static {
		c.files[f.Rel] = true
		if f.Size > 0 {
			c.sizes[f.Rel] = f.Size
		}
		if f.Abs != "" {
			c.abs[f.Rel] = f.Abs
		}
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
	if p.IsIndex || !c.lists[p.URL] || slices.Contains(Reserved, p.URL) {
		return nil
	}
	return []diag.Problem{diag.New(p.Path, p.FieldLines["slug"], diag.MsgURLIsList, p.URL)}
}

// maxHTMLWarnings is how many pieces of left-out HTML a page is warned of
// one by one.
const maxHTMLWarnings = 3

// links checks every link and image written in a page's Markdown.
func (c *checker) links(p *content.Page) []diag.Problem {
	var probs []diag.Problem
	for _, l := range p.Links {
		if pr, ok := c.link(p, l); ok {
			probs = append(probs, pr)
		}
		if l.Image {
			probs = append(probs, c.photoMeta(p, l)...)
		}
	}
	// Not a link, but found with them: build, serve and check all say it.
	// A page pasted from a web page may have hundreds: the first few, then
	// how many more.
	for i, h := range p.DroppedHTML {
		if i == maxHTMLWarnings {
			probs = append(probs, diag.Warn(p.Path, h.Line, diag.MsgRawHTMLMore, len(p.DroppedHTML)-i))
			break
		}
		probs = append(probs, diag.Warn(p.Path, h.Line, diag.MsgRawHTMLDropped, h.Tag))
	}
	return probs
}

func (c *checker) link(p *content.Page, l content.Link) (diag.Problem, bool) {
	// A Markdown link destination may hold entities (&amp;, &#106;), which
	// goldmark decodes: judge the address the page will have.
	dest := html.UnescapeString(strings.TrimSpace(l.Dest))
	if hasScheme(dest) && !render.SafeURL(dest) {
		return droppedLink(p, l, dest), true
	}
	if pr, ok := previewLink(p, l, dest); ok {
		return pr, true
	}
	if pr, ok := c.ownSiteLink(p, l, dest); ok {
		return pr, true
	}
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
		u, ok := ResolveMDLink(p.Path, dest, c.byPath)
		if !ok {
			if fix, ok := c.mdLinkFix(p.Path, target); ok {
				return diag.New(p.Path, l.Line, diag.MsgMDLinkFromSite, short(l.Dest), fix), true
			}
			return diag.New(p.Path, l.Line, diag.MsgBrokenMDLink, short(l.Dest), mdFile(p.Path, target)), true
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
					return diag.New(p.Path, l.Line, diag.MsgRelativeToFile, short(l.Dest), p.URL, fromFile), true
				}
				// images/a.png, as if from content/: the page's address
				// is a folder deeper.
				if _, ok := c.lookup("/" + target); ok && !strings.Contains(target, `\`) {
					return diag.New(p.Path, l.Line, diag.MsgRelativeToFile, short(l.Dest), p.URL, "/"+target), true
				}
			}
			// [市卫健委](www.example.gov.cn): a web address without its
			// https://, which the browser reads as a file of this site.
			if !strings.HasPrefix(target, "/") && config.HostLike(target) {
				return diag.New(p.Path, l.Line, diag.MsgLinkNoScheme, short(l.Dest), "https://"+strings.TrimSpace(l.Dest)), true
			}
			if fix, ok := c.closeName(p.Path, abs, target); ok {
				return diag.New(p.Path, l.Line, diag.MsgLinkCloseName, short(l.Dest), fix), true
			}
			if l.Image {
				return diag.New(p.Path, l.Line, diag.MsgImageNotFound, short(l.Dest)), true
			}
			return diag.New(p.Path, l.Line, diag.MsgBrokenLink, short(l.Dest)), true
		}
	}
	// A picture is published as it is: a camera's photo of several
	// megabytes takes an old phone on a mobile network many seconds, and
	// costs the reader's data.
	if size := c.sizes[out]; l.Image && size > maxPhotoBytes {
		return diag.Warn(p.Path, l.Line, diag.MsgPhotoHeavy, short(l.Dest), float64(size)/(1<<20)), true
	}
	if frag == "" || !strings.HasSuffix(out, ".html") {
		return diag.Problem{}, false
	}
	frag = unescape(frag)
	if c.deps != nil {
		if c.deps[out] == nil {
			c.deps[out] = map[*content.Page]bool{}
		}
		c.deps[out][p] = true
	}
	if page != nil && slices.Contains(page.HeadingIDs, frag) || c.idsOf(out)[frag] {
		return diag.Problem{}, false
	}
	if page == p {
		return diag.New(p.Path, l.Line, diag.MsgBrokenAnchorHere, short(l.Dest), frag), true
	}
	return diag.New(p.Path, l.Line, diag.MsgBrokenAnchor, short(l.Dest), frag), true
}

// photoMeta warns of what a phone photo carries that the page does not
// show as the officer sees it: a portrait photo stored on its side with a
// turn-me tag, which her computer and new browsers follow and old phones
// (and old in-app browsers) do not, so readers see it lying down; and the
// place it was taken, which anyone who saves the photo can read.
func (c *checker) photoMeta(p *content.Page, l content.Link) []diag.Problem {
	dest := html.UnescapeString(strings.TrimSpace(l.Dest))
	if hasScheme(dest) || strings.HasPrefix(dest, "//") {
		return nil
	}
	target := dest
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	target = unescape(target)
	if ext := strings.ToLower(path.Ext(target)); ext != ".jpg" && ext != ".jpeg" {
		return nil
	}
	if !strings.HasPrefix(target, "/") {
		target = path.Join(p.URL, target)
	}
	abs := c.abs[strings.TrimPrefix(path.Clean(target), "/")]
	if abs == "" {
		return nil
	}
	orientation, gps := readPhotoMeta(abs, c.site.Opt.Memo)
	var probs []diag.Problem
	if orientation > 1 {
		probs = append(probs, diag.Warn(p.Path, l.Line, diag.MsgPhotoTurned, short(l.Dest)))
	}
	if gps {
		probs = append(probs, diag.Warn(p.Path, l.Line, diag.MsgPhotoGPS, short(l.Dest)))
	}
	return probs
}

// readPhotoMeta reads the EXIF block at the start of a JPEG file.
func readPhotoMeta(abs string, memo *FileMemo) (orientation int, gps bool) {
	fi, err := os.Stat(abs)
	if err != nil {
		return 0, false
	}
	key := memoKey{"photo", abs, fi.Size(), fi.ModTime()}
	if v, ok := memo.load(key); ok {
		m := v.([2]int)
		return m[0], m[1] == 1
	}
	f, err := os.Open(abs)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	orientation, gps = gallery.PhotoMeta(head[:n])
	m := [2]int{orientation, 0}
	if gps {
		m[1] = 1
	}
	memo.store(key, m)
	return orientation, gps
}

// closeName finds the address a link that leads nowhere was meant to be,
// for the two slips of a Windows user: backslashes (\images\a.png, as
// Explorer writes paths) and letters in the wrong case (photo.png for
// Photo.PNG, which Windows finds and a web server does not).
func (c *checker) closeName(from, abs, target string) (string, bool) {
	if strings.Contains(target, `\`) {
		// ..\images\a.png is counted from the page's file, as Explorer
		// counts it; images\a.png may mean content/images. The address
		// given is cleaned: /../images/a.png is no way to write it.
		fixed := strings.ReplaceAll(target, `\`, "/")
		cands := []string{path.Join("/", fixed)}
		if !strings.HasPrefix(fixed, "/") {
			cands = append([]string{path.Join("/", path.Dir(strings.TrimPrefix(from, "content/")), fixed)}, cands...)
		}
		for _, cand := range cands {
			if _, ok := c.lookup(cand); ok {
				return cand, true
			}
		}
		return "", false
	}
	rel := strings.TrimPrefix(path.Clean(abs), "/")
	// The first in order of the files that match, so that the message is
	// the same on every run when two names differ only in case.
	best := ""
	for f := range c.files {
		if (strings.EqualFold(f, rel) || strings.EqualFold(f, rel+"/index.html")) && (best == "" || f < best) {
			best = f
		}
	}
	if best == "" {
		return "", false
	}
	return "/" + strings.TrimSuffix(best, "index.html"), true
}

// short is a link's address as a message shows it: a few lines at most,
// however long the address (a pasted 200 KB one filled the terminal).
func short(dest string) string {
	if r := []rune(dest); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return dest
}

// droppedLink is the message for a link or image whose address the build
// takes out of the page (render.SafeURL keeps http, https, mailto and tel
// only), so that it does not vanish without a word: a picture pasted into
// the text as data, a file on the officer's own computer (file:///C:/…,
// C:\Users\…), or another scheme.
func droppedLink(p *content.Page, l content.Link, dest string) diag.Problem {
	shown := dest
	if r := []rune(shown); len(r) > 40 {
		shown = string(r[:40]) + "…"
	}
	scheme := render.URLScheme(dest)
	switch {
	case scheme == "data" && l.Image:
		return diag.New(p.Path, l.Line, diag.MsgLinkData, shown)
	case (scheme == "file" || len(scheme) == 1) && l.Image:
		// The picture is published only once it is among the site's
		// files: say where, under the name it has on the computer.
		name := dest[strings.LastIndexAny(dest, `/\`)+1:]
		if name == "" {
			name = "文件名.jpg"
		}
		return diag.New(p.Path, l.Line, diag.MsgImageLocalFile, shown, name)
	case scheme == "file" || len(scheme) == 1: // file:///C:/… or C:\…
		return diag.New(p.Path, l.Line, diag.MsgLinkLocalFile, shown)
	}
	return diag.New(p.Path, l.Line, diag.MsgLinkScheme, shown, scheme)
}

// previewLink is the message for a link copied from the preview's address
// bar (http://127.0.0.1:1313/news/a/): it works on the officer's computer
// while serve runs, and on no reader's. The fix is the address's path.
func previewLink(p *content.Page, l content.Link, dest string) (diag.Problem, bool) {
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return diag.Problem{}, false
	}
	host := u.Hostname()
	if host != "localhost" && host != "0.0.0.0" && host != "::1" && !strings.HasPrefix(host, "127.") {
		return diag.Problem{}, false
	}
	fix := u.EscapedPath()
	if fix == "" {
		fix = "/"
	}
	if unesc, err := url.PathUnescape(fix); err == nil {
		fix = unesc
	}
	if u.Fragment != "" {
		fix += "#" + u.Fragment
	}
	return diag.New(p.Path, l.Line, diag.MsgLinkPreview, short(dest), host, fix), true
}

// ownSiteLink warns of a link to this site written as its full address
// (https://dj.example.gov.cn/news/a/, copied from the browser): it leaves
// the copy being read, so on an intranet PC that opens the site from disk
// or from the intranet server it leads to the internet, or nowhere.
func (c *checker) ownSiteLink(p *content.Page, l content.Link, dest string) (diag.Problem, bool) {
	base, err := url.Parse(c.site.Config.BaseURL)
	if err != nil || base.Host == "" {
		return diag.Problem{}, false
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, base.Host) {
		return diag.Problem{}, false
	}
	rest, ok := strings.CutPrefix(u.EscapedPath(), strings.TrimSuffix(base.EscapedPath(), "/"))
	if !ok {
		return diag.Problem{}, false
	}
	if rest == "" {
		rest = "/"
	}
	if unesc, err := url.PathUnescape(rest); err == nil {
		rest = unesc
	}
	if u.Fragment != "" {
		rest += "#" + u.Fragment
	}
	return diag.Warn(p.Path, l.Line, diag.MsgLinkOwnSite, short(dest), rest), true
}

// mdLinkFix finds the page a .md link that leads nowhere was meant to be,
// for two slips: the path as the officer reads it in messages and
// Explorer, from the site's folder (content/units/a.md), and backslashes
// (..\units\a.md). The fix is counted from the page's folder.
func (c *checker) mdLinkFix(from, target string) (string, bool) {
	fixed := strings.ReplaceAll(target, `\`, "/")
	var want string
	switch {
	case strings.HasPrefix(fixed, "content/"):
		want = path.Clean(fixed)
	case fixed != target && strings.HasPrefix(fixed, "/"):
		want = path.Join("content", fixed)
	case fixed != target:
		want = path.Join(path.Dir(from), fixed)
	default:
		return "", false
	}
	if c.byPath[want] == nil {
		return "", false
	}
	return relPath(path.Dir(from), want), true
}

// relPath is the path from folder dir to file target, both slash-separated
// and relative to the site's folder.
func relPath(dir, target string) string {
	d := strings.Split(path.Clean(dir), "/")
	t := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
}

// has reports whether the build makes the file at an output path.
func (c *checker) has(p string) bool {
	if c.files[p] {
		return true
	}
	_, ok := c.out.Get(p)
	return ok
}

// lookup finds the output file of a site-relative URL, the way a web server
// would: /brands/a/, /brands/a and /brands/a/index.html are one page.
func (c *checker) lookup(u string) (string, bool) {
	u = path.Clean(u)
	if u == "/" || u == "." {
		return "index.html", c.has("index.html")
	}
	rel := strings.TrimPrefix(u, "/")
	for _, cand := range []string{rel, rel + "/index.html"} {
		if c.has(cand) {
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
	if data, ok := c.out.Get(out); ok {
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

// anchorTargets lists the output files that a link with an #anchor may
// lead to (other than the page itself): the only files whose HTML a build
// must keep to judge its links.
func (s *Site) anchorTargets() map[string]bool {
	byPath := make(map[string]*content.Page, len(s.Published))
	for _, p := range s.Published {
		byPath[p.Path] = p
	}
	want := map[string]bool{}
	for _, p := range s.Published {
		for _, l := range p.Links {
			dest := strings.TrimSpace(l.Dest)
			i := strings.IndexByte(dest, '#')
			if i <= 0 || strings.HasPrefix(dest, "//") || hasScheme(dest) {
				continue
			}
			target := dest[:i]
			if j := strings.IndexByte(target, '?'); j >= 0 {
				target = target[:j]
			}
			target = unescape(target)
			if strings.HasSuffix(strings.ToLower(target), ".md") {
				if u, ok := ResolveMDLink(p.Path, dest, byPath); ok {
					if k := strings.IndexByte(u, '#'); k >= 0 {
						u = u[:k]
					}
					want[render.OutPath(u)] = true
				}
				continue
			}
			abs := target
			if !strings.HasPrefix(abs, "/") {
				abs = path.Join(p.URL, target)
			}
			rel := strings.TrimPrefix(path.Clean(abs), "/")
			if rel == "" || rel == "." {
				want["index.html"] = true
				continue
			}
			want[rel], want[rel+"/index.html"] = true, true
		}
	}
	return want
}

// recorder passes a build's files on to its writer and remembers their
// paths, and the HTML of the few files links with an #anchor lead to, for
// CheckLinks.
type recorder struct {
	w     output.Writer
	keep  map[string]bool
	mu    sync.Mutex
	paths map[string]bool
	kept  map[string][]byte
}

func (r *recorder) WriteFile(p string, data []byte) error {
	r.mu.Lock()
	r.paths[p] = true
	if r.keep[p] {
		r.kept[p] = append([]byte(nil), data...)
	}
	r.mu.Unlock()
	return r.w.WriteFile(p, data)
}

// Get returns the kept HTML of p, or nil and whether p was written.
func (r *recorder) Get(p string) ([]byte, bool) {
	if b, ok := r.kept[p]; ok {
		return b, true
	}
	return nil, r.paths[p]
}
