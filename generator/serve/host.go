package serve

import (
	"net"
	"net/http"
	"strings"
	"time"
)

// harden sets what the preview's HTTP server needs beyond its handler: on
// loopback, only this computer's names are answered (localOnly); idle
// keep-alive connections a browser leaves open are closed after a while
// (the reload event streams are requests, not idle).
func (s *Server) harden() {
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
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusMisdirectedRequest)
			w.Write([]byte("421 此预览只接受 localhost、127.0.0.1 或 [::1] 的访问。\nThis preview only answers requests for localhost, 127.0.0.1 or [::1].\n"))
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
