package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// harden sets what the preview's HTTP server needs beyond its handler: on
// loopback, only this computer's names are answered (localOnly); idle
// keep-alive connections a browser leaves open are closed after a while
// (the reload event streams are requests, not idle).
func (s *Server) harden() {
	s.http.Handler = ownPagesOnly(s.http.Handler)
	if loopback(s.opt.Bind) {
		s.http.Handler = localOnly(s.http.Handler)
	}
	s.http.IdleTimeout = 2 * time.Minute
}

// loopback reports a listening address only this computer can reach.
func loopback(bind string) bool {
	if strings.EqualFold(bind, "localhost") {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// localOnly refuses requests whose Host is not this computer's name for
// itself. A preview listening on 127.0.0.1 is still reachable from any web
// page the officer opens, through DNS rebinding: evil.example first
// resolves to the attacker's server, then to 127.0.0.1, and its script
// reads the drafts as same-origin. Such requests carry Host: evil.example.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			refuse(w, http.StatusMisdirectedRequest, "421 此预览只接受 localhost、127.0.0.1 或 [::1] 的访问。\nThis preview only answers requests for localhost, 127.0.0.1 or [::1].\n")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// localHost reports a Host header (with or without a port) that names the
// loopback interface: localhost, 127.0.0.1 or [::1].
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	switch strings.ToLower(strings.TrimSuffix(host, ".")) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// ownPagesOnly refuses what a page of another site loads from the preview.
// The search index is a set of scripts (DJS("x/3", […]), so that search
// works from file://), and a script may be loaded from anywhere: any web
// page the officer opens while the preview runs could define DJS, load
// http://localhost:1313/search/x/0.js, x/1.js … and read every page's text,
// drafts included (the preview shows drafts), although its Host header is
// localhost. Browsers say who is asking (Sec-Fetch-Site); the preview's own
// pages are same-origin, a typed address or a bookmark is "none", and a
// link from elsewhere is a navigation, which the other site cannot read.
// Browsers older than Fetch Metadata (2020) are judged by Origin and
// Referer instead.
func ownPagesOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fromOtherSite(r) {
			w.Header().Set("Vary", "Sec-Fetch-Site, Sec-Fetch-Mode, Origin, Referer")
			refuse(w, http.StatusForbidden, "403 预览网站的文件只供预览本身的网页使用，其他网站的网页不能读取。\nThe preview's files are only for its own pages, not for pages of other sites.\n")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// fromOtherSite reports a request made by a page of another origin, other
// than a navigation to the preview.
func fromOtherSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return false
	case "":
		// No Fetch Metadata: an old browser, or not a browser.
	default: // cross-site, same-site (another port of localhost), or unknown
		return r.Header.Get("Sec-Fetch-Mode") != "navigate"
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		return err != nil || !strings.EqualFold(u.Host, r.Host)
	}
	// A link followed from another site asks for a page (Accept:
	// text/html); a <script> of another site asks for */*, and what a page
	// of another site fetches as HTML it cannot read.
	if r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
		return false
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err != nil || !strings.EqualFold(u.Host, r.Host)
	}
	// No Referer either. A page of another site can have an old browser
	// send none (<meta name="referrer" content="no-referrer">) with its
	// <script src> of the index; the preview's own pages send theirs. A
	// program (curl, a test) does not call itself Mozilla.
	return strings.HasPrefix(r.Header.Get("User-Agent"), "Mozilla/")
}

// refuse answers a request the preview does not serve, with why, never
// cached (the same address is answered for the preview's own pages).
func refuse(w http.ResponseWriter, code int, why string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write([]byte(why))
}
