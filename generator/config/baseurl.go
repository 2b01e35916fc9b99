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
		if !menuURLOK(m.URL) {
			probs = append(probs, diag.New(FileName, menuLine(data, m.URL), diag.MsgMenuURL, m.URL))
			cfg.Menu[i].URL = "/"
		}
	}
	return probs
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
