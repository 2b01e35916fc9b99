package sitetest

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// A Link is one URL-carrying attribute of an output page.
type Link struct {
	Page string // slash path of the HTML file below the output folder
	Attr string // href, src, srcset, action
	URL  string // as the browser reads it (character references decoded)
}

func (l Link) String() string { return fmt.Sprintf("%s: %s=%q", l.Page, l.Attr, l.URL) }

// PageLinks returns the href, src, srcset (each candidate), action and
// poster URLs of an HTML page, read with an HTML lexer (any quoting, any
// case), character references decoded.
func PageLinks(page string, data []byte) []Link {
	var out []Link
	lx := htmllex.NewLexer(parse.NewInputBytes(data))
	for {
		tt, _ := lx.Next()
		if tt == htmllex.ErrorToken {
			return out
		}
		if tt != htmllex.AttributeToken {
			continue
		}
		key := strings.ToLower(string(lx.AttrKey()))
		switch key {
		case "href", "src", "srcset", "action", "poster":
		default:
			continue
		}
		v := lx.AttrVal()
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			v = v[1 : len(v)-1]
		}
		val := html.UnescapeString(string(v))
		if key == "srcset" {
			for _, c := range strings.Split(val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					out = append(out, Link{page, key, f[0]})
				}
			}
			continue
		}
		out = append(out, Link{page, key, val})
	}
}

// internal reports a link that names a file of the site: not a scheme, not
// protocol-relative, not only a #fragment.
func internal(u string) bool {
	u = strings.TrimSpace(u)
	if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "//") {
		return false
	}
	if i := strings.IndexAny(u, ":/?#"); i >= 0 && u[i] == ':' {
		return false
	}
	return true
}

// htmlPages lists the HTML files below dir, as slash paths, sorted.
func htmlPages(dir string) ([]string, error) {
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(pages)
	return pages, err
}

// BrokenFileLinks follows every internal link of every HTML page below dir
// (404.html excepted: it is served at any depth and its links are
// site-rooted) the way a browser that opened the page from disk (file://)
// would: relative to the page's file, percent-decoded, query and fragment
// dropped. A link is broken unless it names a file: a folder would show a
// directory listing, not its index.html, and a site-rooted "/…" link names
// the root of the disk. It returns the broken links and how many it followed.
func BrokenFileLinks(dir string) (broken []string, followed int, err error) {
	pages, err := htmlPages(dir)
	if err != nil {
		return nil, 0, err
	}
	for _, page := range pages {
		if page == "404.html" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
		if err != nil {
			return nil, 0, err
		}
		for _, l := range PageLinks(page, data) {
			if !internal(l.URL) {
				continue
			}
			followed++
			if why := fileTarget(dir, page, l.URL); why != "" {
				broken = append(broken, l.String()+" "+why)
			}
		}
	}
	return broken, followed, nil
}

func fileTarget(dir, page, link string) string {
	if strings.HasPrefix(link, "/") {
		return "(site-rooted: names the root of the disk)"
	}
	if i := strings.IndexAny(link, "?#"); i >= 0 {
		link = link[:i]
	}
	if link == "" {
		return "" // "?q=x" is this page
	}
	target, err := url.PathUnescape(link)
	if err != nil {
		return "(bad percent-encoding)"
	}
	file := path.Join(path.Dir(page), target)
	if file == ".." || strings.HasPrefix(file, "../") {
		return "(leaves the output folder)"
	}
	info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file)))
	switch {
	case err != nil:
		return "(no such file)"
	case info.IsDir():
		return "(names a folder: from disk it opens a file listing, not index.html)"
	}
	return ""
}

// BrokenServedLinks serves dir with net/http's file server under prefix
// (e.g. "/portal/") on a real loopback listener, and fetches every internal
// link of every HTML page (404.html excepted), each resolved against the
// page's own address as a browser would. A link is broken unless the answer
// is 200 (after redirects) and it stays under prefix.
func BrokenServedLinks(dir, prefix string) (broken []string, followed int, err error) {
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		return nil, 0, fmt.Errorf("prefix %q must start and end with /", prefix)
	}
	pages, err := htmlPages(dir)
	if err != nil {
		return nil, 0, err
	}
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base, _ := url.Parse(srv.URL + prefix)
	status := map[string]string{} // fetched URL → "" or why it failed
	fetch := func(u string) string {
		if why, ok := status[u]; ok {
			return why
		}
		resp, err := srv.Client().Get(u)
		why := ""
		if err != nil {
			why = err.Error()
		} else {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				why = resp.Status
			}
		}
		status[u] = why
		return why
	}
	for _, page := range pages {
		if page == "404.html" {
			continue
		}
		pageURL := base.ResolveReference(&url.URL{Path: page})
		resp, err := srv.Client().Get(pageURL.String())
		if err != nil {
			return nil, followed, err
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			broken = append(broken, fmt.Sprintf("%s: the page itself: %v %s", page, err, resp.Status))
			continue
		}
		for _, l := range PageLinks(page, data) {
			if !internal(l.URL) {
				continue
			}
			followed++
			ref, err := url.Parse(l.URL)
			if err != nil {
				broken = append(broken, l.String()+" ("+err.Error()+")")
				continue
			}
			target := pageURL.ResolveReference(ref)
			target.Fragment, target.RawQuery = "", ""
			if !strings.HasPrefix(target.Path, prefix) {
				broken = append(broken, l.String()+" (leaves "+prefix+")")
				continue
			}
			if why := fetch(target.String()); why != "" {
				broken = append(broken, l.String()+" ("+why+")")
			}
		}
	}
	return broken, followed, nil
}

// CheckPortable fails t unless every internal link of the output folder dir
// resolves both from disk (file://) and served under the sub-folder
// /portal/ of a real HTTP server. Each mode must follow at least minLinks
// links, so that a walker that finds nothing cannot pass.
func CheckPortable(t testing.TB, dir string, minLinks int) {
	t.Helper()
	for _, mode := range []string{"file", "http"} {
		var (
			broken []string
			n      int
			err    error
		)
		if mode == "file" {
			broken, n, err = BrokenFileLinks(dir)
		} else {
			broken, n, err = BrokenServedLinks(dir, "/portal/")
		}
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if n < minLinks {
			t.Errorf("%s: only %d links followed, want at least %d", mode, n, minLinks)
		}
		if len(broken) > 0 {
			var b bytes.Buffer
			for _, s := range broken[:min(len(broken), 15)] {
				b.WriteString("\n  " + s)
			}
			t.Errorf("%s: %d of %d links broken, e.g.:%s", mode, len(broken), n, b.String())
		}
	}
}
