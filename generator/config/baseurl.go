package config

import (
	"net/url"
	"strings"

	"dangjian/generator/diag"
)

// CheckBaseURL says what is wrong with a baseURL (site.toml or --base-url),
// or returns false when it is usable: empty, a path ("/", "/portal/"), or a
// full http/https address. The value ends up in 404.html's links, in feeds,
// in the sitemap and in robots.txt, so quotes, angle brackets, spaces,
// backslashes and any other scheme are refused rather than escaped.
func CheckBaseURL(v string) (diag.Msg, bool) {
	if v == "" {
		return diag.Msg{}, false
	}
	for _, r := range v {
		if r <= ' ' || r == 0x7f || strings.ContainsRune("\"'<>`\\{}|^", r) {
			return diag.MsgBaseURLChar, true
		}
	}
	if strings.ContainsAny(v, "?#") {
		return diag.MsgBaseURLQuery, true
	}
	if strings.HasPrefix(v, "/") {
		if strings.HasPrefix(v, "//") {
			return diag.MsgBaseURLForm, true
		}
		return diag.Msg{}, false
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return diag.MsgBaseURLForm, true
	}
	return diag.Msg{}, false
}

// FullURL returns baseURL, ending in "/", when it is a full http or https
// address (the only kind sitemaps, feeds and canonical links can use), or
// "".
func FullURL(baseURL string) string {
	if _, bad := CheckBaseURL(baseURL); bad || !(strings.HasPrefix(baseURL, "http://") || strings.HasPrefix(baseURL, "https://")) {
		return ""
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return baseURL
}

// checkURLs reports a bad baseURL and menu URLs that are neither a site path
// nor a web or mail address, at their site.toml lines.
func checkURLs(cfg *Config, data []byte) []diag.Problem {
	var probs []diag.Problem
	if msg, bad := CheckBaseURL(cfg.BaseURL); bad {
		line := keyLine(data, []string{"baseURL"})
		probs = append(probs, diag.New(FileName, line, msg, "baseURL", cfg.BaseURL))
		cfg.BaseURL = "/"
	}
	for i, m := range cfg.Menu {
		switch {
		case HostLike(m.URL):
			// "www.example.gov.cn" would be read as a path of this site.
			probs = append(probs, diag.New(FileName, menuLine(data, m.URL), diag.MsgMenuURLHost, m.URL, "https://"+m.URL))
			cfg.Menu[i].URL = "/"
		case !menuURLOK(m.URL):
			probs = append(probs, diag.New(FileName, menuLine(data, m.URL), diag.MsgMenuURL, m.URL))
			cfg.Menu[i].URL = "/"
		}
	}
	// The 党政机关网站标识 badge links to its record at conac.cn: only a
	// full web address leads there. Copied without https:// it became a
	// link into this site, and any other scheme vanished from the footer.
	if l := cfg.Footer.DZJGLink; l != "" && !webURL(l) {
		fix := "https://bszs.conac.cn/sitename?method=show&id=…"
		if HostLike(l) {
			fix = "https://" + l
		}
		probs = append(probs, diag.New(FileName, keyLine(data, []string{"footer", "dzjg_link"}), diag.MsgFooterLink, "dzjg_link", l, fix))
		cfg.Footer.DZJGLink = ""
	}
	return probs
}

// webURL reports a full http or https address.
func webURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && !strings.ContainsAny(u, " \t\n\"<>\\")
}

// HostLike reports an address written without its http:// or https://: it
// starts with a host name (www.…, or one that ends in a common top-level
// domain) or an IP address.
func HostLike(u string) bool {
	host := u
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i] // a port
	}
	if strings.HasPrefix(strings.ToLower(host), "www.") && len(host) > 4 {
		return true
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 {
		return false
	}
	if len(labels) == 4 && strings.Trim(host, "0123456789.") == "" {
		return true // 192.168.1.10
	}
	switch labels[len(labels)-1] {
	case "cn", "com", "net", "org", "gov", "edu", "中国", "政务", "公益", "top", "info":
		return true
	}
	return false
}

// menuURLOK: a site path, or an http, https, mailto or tel address.
func menuURLOK(u string) bool {
	if strings.ContainsFunc(u, func(r rune) bool { return r < ' ' || r == 0x7f || r == '\\' }) {
		return false
	}
	if strings.HasPrefix(u, "/") {
		return !strings.HasPrefix(u, "//")
	}
	if strings.HasPrefix(u, "#") {
		return true
	}
	for _, s := range []string{"http://", "https://", "mailto:", "tel:"} {
		if len(u) > len(s) && strings.EqualFold(u[:len(s)], s) {
			return true
		}
	}
	// A path without its leading "/" ("news/") is read as /news/.
	i := strings.IndexAny(u, ":/?#")
	return u != "" && (i < 0 || u[i] != ':')
}

// menuLine finds the line of a menu entry's url value.
func menuLine(data []byte, u string) int {
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "url") && strings.Contains(t, u) {
			return i + 1
		}
	}
	return 0
}
