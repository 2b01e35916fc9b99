package serve

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// get with a Host header of the test's choosing (a DNS-rebinding page's
// requests carry its own name).
func (ts *testServer) getHost(t *testing.T, host, u string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", ts.base+u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// On loopback, only requests for localhost, 127.0.0.1 or [::1] (any port)
// are answered: a page of evil.example rebound to 127.0.0.1 reads nothing.
func TestLoopbackPreviewRefusesOtherHosts(t *testing.T) {
	ts := start(t, testSite)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.base, "http://"))
	for host, want := range map[string]int{
		"127.0.0.1:" + port:      200,
		"localhost:" + port:      200,
		"LOCALHOST":              200,
		"[::1]:" + port:          200,
		"[::1]":                  200,
		"localhost.:" + port:     200,
		"evil.example:" + port:   421,
		"evil.example":           421,
		"127.0.0.1.evil.example": 421,
		"localhost.evil.example": 421,
		"192.168.1.10:" + port:   421,
	} {
		code, body := ts.getHost(t, host, "/units/fuyou/")
		if code != want {
			t.Errorf("Host %q: %d, want %d", host, code, want)
		}
		if code == 421 && strings.Contains(body, "妇幼") {
			t.Errorf("Host %q: the page leaked", host)
		}
	}
	if ts.http.IdleTimeout <= 0 || ts.http.IdleTimeout > 5*time.Minute || ts.http.ReadHeaderTimeout <= 0 {
		t.Errorf("timeouts: idle %v, read header %v", ts.http.IdleTimeout, ts.http.ReadHeaderTimeout)
	}
}

// Listening on the network (--bind 0.0.0.0) is the officer's choice to
// share the preview: any Host is answered there.
func TestNetworkPreviewAnswersAnyHost(t *testing.T) {
	if loopback("0.0.0.0") || loopback("192.168.1.10") || !loopback("127.0.0.1") || !loopback("::1") || !loopback("localhost") {
		t.Error("loopback() is wrong")
	}
}

// After a full rebuild the search index is written again in the
// background; until then the previous one is served (it answered 404 for
// about a second).
func TestSearchIndexServedDuringFullRebuild(t *testing.T) {
	ts := start(t, testSite)
	var files []string
	eventually(t, "a search index", func() bool {
		files = nil
		for _, p := range ts.Output().Paths() {
			if isSearchFile(p) {
				files = append(files, p)
			}
		}
		return len(files) > 0
	})
	// A layout change is a full rebuild.
	ts.write(t, "layouts/stats.html", `{{define "main"}}<div class="wrap"><h1>{{.Title}} 新版</h1></div>{{end}}`)
	ts.waitPage(t, "/stats/", 200, "新版")
	for _, p := range files {
		if code, _ := ts.get(t, "/"+p); code != 200 {
			t.Errorf("/%s: %d right after the full rebuild", p, code)
		}
	}
	// And the new index does come.
	eventually(t, "the index to be written again", func() bool {
		return strings.Count(ts.log.String(), "搜索索引已更新") >= 2
	})
}

// A logo made to exhaust memory (issue #14 item 2: it killed a running
// serve with "fatal error: out of memory") is an error of that rebuild;
// the preview goes on serving.
func TestServeSurvivesEntityBombLogo(t *testing.T) {
	ts := start(t, testSite)
	ts.waitPage(t, "/brands/hongxin/", 200, "红心向党")
	bomb := `<!DOCTYPE svg [<!ENTITY a "` + strings.Repeat("党", 70_000) + `">]>` + "\n" +
		`<svg xmlns="http://www.w3.org/2000/svg"><text>` + strings.Repeat("&a;", 60_000) + `</text></svg>`
	ts.write(t, "content/images/hongxin.svg", bomb)
	ts.waitLog(t, `content/brands/hongxin.md:4: 标识图片 "images/hongxin.svg" 第 1 行有 DOCTYPE 内部定义`)
	ts.waitPage(t, "/units/fuyou/", 200, "妇幼")
	// The failed rebuild published nothing: the last good logo is served.
	if data, ok := ts.Output().Get("images/hongxin.svg"); !ok || !strings.Contains(string(data), "<rect") || strings.Contains(string(data), "党党") {
		t.Errorf("served logo: %.200s", data)
	}
}

// A page of another site cannot load the preview's files as scripts: the
// search index is DJS(…) scripts holding every page's text, drafts
// included, and a script loads from anywhere (a page of 127.0.0.1:18732
// read a draft's text from localhost:18731/search/x/3.js this way).
// Navigations, the preview's own pages and typed addresses are answered.
func TestPreviewRefusesOtherSitesPages(t *testing.T) {
	ts := start(t, testSite)
	var index string
	eventually(t, "a search index file", func() bool {
		for _, p := range ts.Output().Paths() {
			if strings.HasPrefix(p, "search/x/") {
				index = "/" + p
				return true
			}
		}
		return false
	})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.base, "http://"))
	own := "http://localhost:" + port
	for _, c := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"no headers (curl)", nil, 200},
		{"own page", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script", "Referer": own + "/search/"}, 200},
		{"typed address", map[string]string{"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"}, 200},
		{"link from another site", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Referer": "https://evil.example/"}, 200},
		{"script of another site", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"}, 403},
		{"script of another port", map[string]string{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"}, 403},
		{"fetch of another site", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Origin": "https://evil.example"}, 403},
		{"old browser, other referer", map[string]string{"Referer": "https://evil.example/page.html"}, 403},
		{"old browser, link from another site", map[string]string{"Referer": "https://evil.example/page.html", "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, 200},
		{"old browser, script of another site", map[string]string{"Referer": "https://evil.example/page.html", "Accept": "*/*"}, 403},
		{"old browser, other origin", map[string]string{"Origin": "http://localhost:8080"}, 403},
		{"old browser, own referer", map[string]string{"Referer": own + "/search/?q=x"}, 200},
		// Another site's page can hide its Referer from an old browser.
		{"old browser, referrer hidden", map[string]string{"User-Agent": "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko", "Accept": "*/*"}, 403},
		{"old browser, typed address", map[string]string{"User-Agent": "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko", "Accept": "text/html, application/xhtml+xml, */*"}, 200},
	} {
		req, err := http.NewRequest("GET", ts.base+index, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "localhost:" + port
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.name, resp.StatusCode, c.want)
		}
		if c.want == 403 && strings.Contains(string(body), "DJS(") {
			t.Errorf("%s: the index leaked", c.name)
		}
	}
}
