package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/search"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
)

// testSite has two units, news in two tags and two years, a unit-named
// brand list, and its own search and stats layouts so that it builds
// whatever state the theme is in.
const testSite = `
-- site.toml --
title = "测试党建网"
baseURL = "/"
paginate = 2
-- layouts/search.html --
{{define "main"}}<div class="wrap"><h1>{{.Title}}</h1></div>{{end}}
-- layouts/stats.html --
{{define "main"}}<div class="wrap"><h1>{{.Title}}</h1></div>{{end}}
-- content/_index.md --
+++
title = "首页"
+++
欢迎。
-- content/news/_index.md --
+++
title = "工作动态"
+++
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
members = 80
branches = 5
+++
妇幼保健院党委。
-- content/units/renmin.md --
+++
title = "市人民医院"
members = 120
branches = 8
+++
人民医院党委。
-- content/news/n1.md --
+++
title = "第一条动态"
date = 2024-03-01
tags = ["主题教育"]
units = ["fuyou"]
+++
第一条正文：原文。
-- content/news/n2.md --
+++
title = "第二条动态"
date = 2024-05-01
tags = ["主题教育", "党建品牌"]
units = ["renmin"]
+++
第二条正文。
-- content/news/n3.md --
+++
title = "第三条动态"
date = 2023-07-01
tags = ["党建品牌"]
units = ["fuyou", "renmin"]
+++
第三条正文。
-- content/news/n4.md --
+++
title = "第四条动态"
date = 2022-01-09
+++
第四条正文。
-- content/brands/hongxin.md --
+++
title = "红心向党"
unit = "fuyou"
logo = "images/hongxin.svg"
status = "示范"
+++
品牌正文。
-- content/images/hongxin.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>
-- static/css/site.css --
body { color: #222; }
`

var fixedNow = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)

type testServer struct {
	*Server
	dir  string
	base string
	log  *sitetest.SyncBuffer
}

// start returns once the first build has ended (unless a test holds its
// second part): a test that saves a broken file while the other pages are
// still being made would fail the first build as a whole, which is
// TestFirstBuildFailsAfterHome's case, not its own.
func start(t testing.TB, archive string) *testServer {
	t.Helper()
	dir := sitetest.Write(t, archive)
	ts := startIn(t, dir)
	if holdRest == nil {
		<-ts.first
	}
	return ts
}

func startIn(t testing.TB, dir string) *testServer {
	t.Helper()
	return startWith(t, Options{Source: dir})
}

// startWith starts a preview with opt, on a free port, logging to a buffer
// that a failed test prints.
func startWith(t testing.TB, opt Options) *testServer {
	t.Helper()
	log := &sitetest.SyncBuffer{}
	opt.Port, opt.Log, opt.Now = 0, log, fixedNow
	dir := opt.Source
	s, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	return &testServer{Server: s, dir: dir, base: strings.TrimSuffix(s.URL(), "/"), log: log}
}

// write saves body as rel the way most editors do: to a hidden file
// beside it (which the watcher and the build skip), renamed over it. The
// page changes in one step, so one save is one rebuild however slow the
// machine: os.WriteFile truncates first and writes after, and when the
// test is descheduled for longer than opt.Quiet in between (a loaded CI
// machine), the watcher sees two bursts and the preview builds the empty
// file too. The tests that count rebuilds, reloads or body-only edits
// need the one step; writeInPlace is the other way of saving.
func (ts *testServer) write(t testing.TB, rel, body string) {
	t.Helper()
	p := filepath.Join(ts.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// writeInPlace saves body as rel by truncating the file and writing it
// again, as an editor that saves in place does; the watcher may see that
// as two bursts.
func (ts *testServer) writeInPlace(t testing.TB, rel, body string) {
	t.Helper()
	p := filepath.Join(ts.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) get(t testing.TB, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(ts.base + u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// eventually polls cond until it holds, failing after a generous bound:
// the tests wait for conditions, never for a time.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLog waits for the server's log to have a line containing want.
func (ts *testServer) waitLog(t testing.TB, want string) {
	t.Helper()
	eventually(t, fmt.Sprintf("a log line with %q", want), func() bool { return strings.Contains(ts.log.String(), want) })
}

func (ts *testServer) waitPage(t testing.TB, u string, status int, contains ...string) string {
	t.Helper()
	var body string
	eventually(t, fmt.Sprintf("%s to be %d with %q", u, status, contains), func() bool {
		var code int
		code, body = ts.get(t, u)
		if code != status {
			return false
		}
		for _, c := range contains {
			if !strings.Contains(body, c) {
				return false
			}
		}
		return true
	})
	return body
}

func news(title, date, extra, body string) string {
	return fmt.Sprintf("+++\ntitle = %q\ndate = %s\n%s+++\n%s\n", title, date, extra, body)
}

// sseClient collects the events of the reload stream.
type sseClient struct {
	mu     sync.Mutex
	events []sseEvent
	cancel context.CancelFunc
}

type sseEvent struct {
	Name string
	Data map[string]any
}

func (ts *testServer) listen(t testing.TB) *sseClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.base+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events Content-Type = %q", ct)
	}
	c := &sseClient{cancel: cancel}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				var d map[string]any
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &d)
				c.mu.Lock()
				c.events = append(c.events, sseEvent{name, d})
				c.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	eventually(t, "the state event", func() bool { return c.count("state") == 1 })
	return c
}

func (c *sseClient) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, e := range c.events {
		if e.Name == name {
			n++
		}
	}
	return n
}

func (c *sseClient) last(name string) sseEvent {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.events) - 1; i >= 0; i-- {
		if c.events[i].Name == name {
			return c.events[i]
		}
	}
	return sseEvent{}
}

func TestEditShowsUp(t *testing.T) {
	ts := start(t, testSite)
	body := ts.waitPage(t, "/news/n1/", 200, "第一条正文：原文。")
	if !strings.Contains(body, `<script src="/__dangjian/reload.js"></script></body>`) {
		t.Fatal("page lacks the reload script before </body>")
	}
	ts.write(t, "content/news/n1.md", news("第一条动态（改）", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "第一条正文：改过了。"))
	ts.waitPage(t, "/news/n1/", 200, "第一条正文：改过了。", "第一条动态（改）")
	// The pages that list it follow: its section page, its tag, its year,
	// its unit's profile, the home page.
	ts.waitPage(t, "/news/", 200, "第一条动态（改）")
	ts.waitPage(t, "/tags/主题教育/", 200, "第一条动态（改）")
	ts.waitPage(t, "/years/2024/", 200, "第一条动态（改）")
	ts.waitPage(t, "/units/fuyou/", 200, "第一条动态（改）")
	ts.waitPage(t, "/", 200, "第一条动态（改）")
	// The line is printed once the pages are served, so it may come a
	// moment after them.
	ts.waitLog(t, "content/news/n1.md：重新生成")
}

// An editor's save: a swap file, Vim's 4913 probe, a temp file renamed
// over the page. It is one rebuild, and the temp files never become pages.
func TestEditorSaveIsOneRebuild(t *testing.T) {
	ts := start(t, testSite)
	dir := filepath.Join(ts.dir, "content", "news")
	probe := filepath.Join(dir, "4913")
	os.WriteFile(probe, nil, 0o644)
	os.Remove(probe)
	os.WriteFile(filepath.Join(dir, ".n1.md.swp"), []byte("swap"), 0o644)
	tmp := filepath.Join(dir, "n1.md~")
	os.WriteFile(tmp, []byte(news("第一条动态", "2024-03-01", "", "编辑器保存的正文。")), 0o644)
	if err := os.Rename(tmp, filepath.Join(dir, "n1.md")); err != nil {
		t.Fatal(err)
	}
	ts.waitPage(t, "/news/n1/", 200, "编辑器保存的正文。")
	// Give stray events every chance to cause a second rebuild.
	time.Sleep(10 * ts.opt.Quiet)
	if n := ts.Rebuilds(); n != 1 {
		t.Fatalf("one save made %d rebuilds, want 1\n%s", n, ts.log.String())
	}
	if code, _ := ts.get(t, "/news/n1.md~/"); code != 404 {
		t.Errorf("temp file was published")
	}
}

func TestBurstOfSavesEndsWithLastOne(t *testing.T) {
	ts := start(t, testSite)
	for i := range 100 {
		ts.writeInPlace(t, "content/news/n2.md", news("第二条动态", "2024-05-01", "", "第 "+strconv.Itoa(i)+" 次保存。"))
	}
	ts.waitPage(t, "/news/n2/", 200, "第 99 次保存。")
	t.Logf("100 saves: %d rebuilds", ts.Rebuilds())
}

func TestNewAndDeletedFiles(t *testing.T) {
	ts := start(t, testSite)
	ts.write(t, "content/news/n5.md", news("第五条新动态", "2025-01-01", "tags = [\"新标签\"]\nunits = [\"renmin\"]\n", "新的。"))
	ts.waitPage(t, "/news/n5/", 200, "新的。")
	ts.waitPage(t, "/news/", 200, "第五条新动态")
	ts.waitPage(t, "/tags/新标签/", 200, "第五条新动态")
	ts.waitPage(t, "/units/renmin/", 200, "第五条新动态")

	if err := os.Remove(filepath.Join(ts.dir, "content", "news", "n5.md")); err != nil {
		t.Fatal(err)
	}
	ts.waitPage(t, "/news/n5/", 404)
	for _, u := range []string{"/news/", "/news/page/2/", "/units/renmin/", "/"} {
		if _, body := ts.get(t, u); strings.Contains(body, "第五条新动态") {
			t.Errorf("%s still lists the deleted page", u)
		}
	}
	if code, _ := ts.get(t, "/tags/新标签/"); code != 404 {
		t.Errorf("the tag only the deleted page had still has a page (%d)", code)
	}
	if _, ok := ts.Output().Get("news/n5/index.html"); ok {
		t.Error("stale file left in the output")
	}
	// A rename: the old URL goes, the new one comes.
	if err := os.Rename(filepath.Join(ts.dir, "content/news/n4.md"), filepath.Join(ts.dir, "content/news/n4b.md")); err != nil {
		t.Fatal(err)
	}
	ts.waitPage(t, "/news/n4b/", 200, "第四条正文。")
	ts.waitPage(t, "/news/n4/", 404)
}

func TestContentErrorShowsOverlayAndFixClearsIt(t *testing.T) {
	ts := start(t, testSite)
	sse := ts.listen(t)
	good := ts.waitPage(t, "/news/n3/", 200, "第三条正文。")

	ts.write(t, "content/news/n3.md", news("第三条动态", "2023-07-01", "units = [\"nobody\"]\n", "坏的正文。"))
	eventually(t, "a build-error event", func() bool { return sse.count("build-error") == 1 })
	lines := sse.last("build-error").Data["errors"].([]any)
	if len(lines) != 1 || !strings.HasPrefix(lines[0].(string), "content/news/n3.md:4: ") || !strings.Contains(lines[0].(string), `"nobody"`) {
		t.Fatalf("error lines = %q", lines)
	}
	if !strings.Contains(ts.log.String(), lines[0].(string)) {
		t.Errorf("terminal lacks %q", lines[0])
	}
	// The last good site stays.
	if _, body := ts.get(t, "/news/n3/"); body != good {
		t.Error("the page changed although the rebuild failed")
	}
	// A tab opened now sees the error at once.
	late := ts.listen(t)
	if errs := late.last("state").Data["errors"].([]any); len(errs) != 1 {
		t.Fatalf("state on connect = %v, want the error", late.last("state").Data)
	}
	reloads := sse.count("reload")
	ts.write(t, "content/news/n3.md", news("第三条动态", "2023-07-01", "units = [\"fuyou\"]\n", "修好的正文。"))
	ts.waitPage(t, "/news/n3/", 200, "修好的正文。")
	eventually(t, "a reload after the fix", func() bool { return sse.count("reload") == reloads+1 })
	if st := ts.hub.state(); len(st.Errors) != 0 {
		t.Fatalf("errors remain after the fix: %v", st.Errors)
	}

	// Bad TOML in site.toml, then the fix.
	cfg, _ := os.ReadFile(filepath.Join(ts.dir, "site.toml"))
	ts.write(t, "site.toml", "title = \"未闭合\n")
	eventually(t, "a site.toml error", func() bool { return sse.count("build-error") == 2 })
	if l := sse.last("build-error").Data["errors"].([]any); !strings.HasPrefix(l[0].(string), "site.toml:1: ") {
		t.Fatalf("error lines = %q", l)
	}
	ts.waitPage(t, "/news/n3/", 200, "修好的正文。")
	ts.write(t, "site.toml", string(cfg))
	eventually(t, "a reload after the config fix", func() bool { return sse.count("reload") == reloads+2 })

	// A template error.
	ts.write(t, "layouts/news/single.html", `{{define "main"}}{{.Page.NoSuchField}}{{end}}`)
	eventually(t, "a template error", func() bool { return sse.count("build-error") == 3 })
	if l := sse.last("build-error").Data["errors"].([]any); !strings.Contains(l[0].(string), "NoSuchField") {
		t.Fatalf("error lines = %q", l)
	}
	os.Remove(filepath.Join(ts.dir, "layouts/news/single.html"))
	eventually(t, "a reload after the template fix", func() bool { return sse.count("reload") == reloads+3 })
}

func TestReloadEventPerRebuild(t *testing.T) {
	ts := start(t, testSite)
	sse := ts.listen(t)
	for i := 1; i <= 5; i++ {
		text := "第 " + strconv.Itoa(i) + " 版。"
		ts.write(t, "content/news/n4.md", news("第四条动态", "2022-01-09", "", text))
		ts.waitPage(t, "/news/n4/", 200, text)
		eventually(t, "reload event "+strconv.Itoa(i), func() bool { return sse.count("reload") == i })
	}
	time.Sleep(10 * ts.opt.Quiet)
	if n, r := sse.count("reload"), int(ts.Rebuilds()); n != r {
		t.Fatalf("%d reload events for %d rebuilds", n, r)
	}
}

func TestStylesheetSwapsWithoutReload(t *testing.T) {
	ts := start(t, testSite)
	sse := ts.listen(t)
	ts.write(t, "static/css/site.css", "body { color: #b3121b; }\n")
	eventually(t, "a css event", func() bool { return sse.count("css") == 1 })
	if sse.count("reload") != 0 {
		t.Fatal("a stylesheet change reloaded the page")
	}
	code, body := ts.get(t, "/css/site.css")
	if code != 200 || !strings.Contains(body, "#b3121b") {
		t.Fatalf("stylesheet = %d %q", code, body)
	}
	// A new static file is copied, a removed one goes.
	ts.write(t, "static/files/a.txt", "附件")
	ts.waitPage(t, "/files/a.txt", 200, "附件")
	os.Remove(filepath.Join(ts.dir, "static/files/a.txt"))
	ts.waitPage(t, "/files/a.txt", 404)
}

// Every edit, in any order, must leave the served site exactly as a fresh
// full build of the same files: this checks the dependency map.
func TestPartialRebuildEqualsFullBuild(t *testing.T) {
	ts := start(t, testSite)
	steps := []struct {
		name, file, body string
	}{
		{"title", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "正文。")},
		// Body-only edits keep the lists and figures and reuse the plan.
		{"body only", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "新的正文，摘要也跟着变。\n\n## 小标题\n\n第二段。")},
		{"body again", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "再改一次正文。")},
		{"tags", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\nunits = [\"fuyou\"]\n", "正文。")},
		{"body after tags", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\nunits = [\"fuyou\"]\n", "标签改过以后的正文。")},
		{"units", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\nunits = [\"renmin\"]\n", "正文。")},
		{"date moves it", "content/news/n1.md", news("改了标题", "2021-03-01", "tags = [\"另一个\"]\n", "正文。")},
		{"date back", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\n", "正文。")},
		{"body after date", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\n", "日期改回以后的正文。")},
		{"summary in front", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\nsummary = \"写明的摘要\"\n", "正文。")},
		{"body under summary", "content/news/n1.md", news("改了标题", "2024-03-01", "tags = [\"另一个\"]\nsummary = \"写明的摘要\"\n", "摘要不变，正文变了。")},
		{"brand unit", "content/brands/hongxin.md", "+++\ntitle = \"红心向党\"\nunit = \"renmin\"\nlogo = \"images/hongxin.svg\"\nstatus = \"已验收\"\n+++\n品牌。\n"},
		{"brand back", "content/brands/hongxin.md", "+++\ntitle = \"红心向党\"\nunit = \"fuyou\"\nlogo = \"images/hongxin.svg\"\n+++\n品牌。\n"},
		{"unit title", "content/units/fuyou.md", "+++\ntitle = \"市妇幼保健院（新名）\"\nmembers = 81\nbranches = 5\n+++\n妇幼。\n"},
		{"section index", "content/news/_index.md", "+++\ntitle = \"新闻动态\"\n+++\n"},
		{"section index body", "content/news/_index.md", "+++\ntitle = \"新闻动态\"\n+++\n本栏目的说明。\n"},
		{"unit body", "content/units/fuyou.md", "+++\ntitle = \"市妇幼保健院（新名）\"\nmembers = 81\nbranches = 5\n+++\n妇幼，正文改了。\n"},
		{"draft", "content/news/n2.md", news("第二条动态", "2024-05-01", "draft = true\ntags = [\"主题教育\", \"党建品牌\"]\nunits = [\"renmin\"]\n", "草稿。")},
		{"new", "content/news/n9.md", news("新来的", "2026-01-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "新。")},
		{"delete", "content/news/n3.md", ""},
		{"new unit", "content/units/jiankong.md", "+++\ntitle = \"疾控中心\"\nmembers = 30\nbranches = 2\n+++\n疾控。\n"},
		{"home text", "content/_index.md", "+++\ntitle = \"首页\"\n+++\n新的欢迎词。\n"},
		{"home body", "content/_index.md", "+++\ntitle = \"首页\"\n+++\n又一版欢迎词。\n"},
		{"new body", "content/news/n9.md", news("新来的", "2026-01-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "新来的正文改了。")},
	}
	for _, st := range steps {
		if st.body == "" {
			os.Remove(filepath.Join(ts.dir, st.file))
		} else {
			ts.write(t, st.file, st.body)
		}
		want := fullBuild(t, ts.dir)
		deadline := time.Now().Add(20 * time.Second)
		for diff := compare(ts.Output(), want); len(diff) > 0; diff = compare(ts.Output(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("step %q: served site differs from a full build: %q", st.name, diff)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if !strings.Contains(ts.log.String(), "重新生成") {
		t.Fatal("no rebuild logged")
	}
	// The rebuilds were partial ones.
	if strings.Count(ts.log.String(), "全部重新生成") != 1 {
		t.Errorf("content edits made full rebuilds:\n%s", ts.log.String())
	}
	// Body-only edits of files edited before (whose front matter is known)
	// took the short path: body again, body after tags/date, body under
	// summary, section index body, home body.
	if n := ts.b.bodyEdits.Load(); n < 6 {
		t.Errorf("%d body-only rebuilds, want at least 6", n)
	}
}

func fullBuild(t testing.TB, dir string) *output.Memory {
	t.Helper()
	root := "/"
	site, probs := site.Load(site.Options{Source: dir, BaseURL: &root, NoMinify: true, Inject: Inject, Now: fixedNow}, nil)
	if hasErrors(probs) {
		t.Fatalf("full build: %v", probs)
	}
	site.Render.Dev = true
	mem := output.NewMemory()
	if _, probs := site.Write(mem, nil); hasErrors(probs) {
		t.Fatalf("full build: %v", probs)
	}
	return mem
}

func compare(got, want *output.Memory) []string {
	var diff []string
	g, w := got.Paths(), want.Paths()
	seen := map[string]bool{}
	for _, p := range w {
		seen[p] = true
		a, ok := got.Get(p)
		b, _ := want.Get(p)
		if !ok {
			diff = append(diff, "missing "+p)
		} else if !bytes.Equal(a, b) {
			diff = append(diff, "differs "+p)
		}
	}
	// Until the build writes a search index, serve's own is extra.
	buildSearches := false
	for _, p := range w {
		buildSearches = buildSearches || isSearchFile(p)
	}
	for _, p := range g {
		if !seen[p] && (buildSearches || !isSearchFile(p)) {
			diff = append(diff, "stale "+p)
		}
	}
	sort.Strings(diff)
	return diff
}

func TestPrettyURLsTypesAndNotFound(t *testing.T) {
	ts := start(t, testSite)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.base + "/news/n1?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/news/n1/?x=1" {
		t.Fatalf("redirect = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = client.Get(ts.base + "/tags/%E4%B8%BB%E9%A2%98%E6%95%99%E8%82%B2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/tags/%E4%B8%BB%E9%A2%98%E6%95%99%E8%82%B2/" {
		t.Fatalf("redirect = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for u, want := range map[string]string{
		"/":                     "text/html; charset=utf-8",
		"/news/n1/":             "text/html; charset=utf-8",
		"/css/site.css":         "text/css; charset=utf-8",
		"/stats.json":           "application/json; charset=utf-8",
		"/stats.csv":            "text/csv; charset=utf-8",
		"/robots.txt":           "text/plain; charset=utf-8",
		"/__dangjian/reload.js": "text/javascript; charset=utf-8",
	} {
		resp, err := http.Get(ts.base + u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
	}
	code, body := ts.get(t, "/no/such/page/")
	want, _ := ts.Output().Get("404.html")
	if code != 404 || body != string(want) {
		t.Fatalf("missing page: %d, body is 404.html: %v", code, body == string(want))
	}
	if code, _ := ts.get(t, "/../../etc/passwd"); code != 404 {
		t.Fatalf("path escape: %d", code)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := sitetest.Write(t, testSite)
	_, err = Start(Options{Source: dir, Port: port})
	pe, ok := err.(*PortInUseError)
	if !ok {
		t.Fatalf("err = %v, want PortInUseError", err)
	}
	if pe.Port != port || pe.Free == port || pe.Free == 0 {
		t.Fatalf("PortInUseError = %+v", pe)
	}
}

// A site that does not build at first serves a stand-in page carrying the
// reload script, and the real site once fixed.
func TestBrokenAtStart(t *testing.T) {
	ts := start(t, testSite+"-- content/news/bad.md --\n+++\ntitle = \"坏\"\ndate = 2024-01-01\nunits = [\"x\"]\n+++\n")
	code, body := ts.get(t, "/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, scriptPath) {
		t.Fatalf("stand-in = %d %q", code, body)
	}
	sse := ts.listen(t)
	if errs := sse.last("state").Data["errors"].([]any); len(errs) != 1 {
		t.Fatalf("state = %v", sse.last("state").Data)
	}
	os.Remove(filepath.Join(ts.dir, "content/news/bad.md"))
	ts.waitPage(t, "/news/n1/", 200, "第一条正文")
}

// 50 clients read pages while the site is rebuilt 20 times, partly and
// wholly: every answer is a whole page.
func TestConcurrentReadersDuringRebuilds(t *testing.T) {
	ts := start(t, testSite)
	dur := 10 * time.Second
	if testing.Short() {
		dur = 2 * time.Second
	}
	urls := []string{"/", "/news/", "/news/page/2/", "/news/n1/", "/news/n2/", "/units/fuyou/", "/tags/主题教育/", "/years/2024/", "/stats/"}
	var (
		stop     atomic.Bool
		requests atomic.Int64
		wg       sync.WaitGroup
		errMu    sync.Mutex
		errs     []string
	)
	fail := func(s string) {
		errMu.Lock()
		if len(errs) < 10 {
			errs = append(errs, s)
		}
		errMu.Unlock()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; !stop.Load(); n++ {
				u := urls[n%len(urls)]
				resp, err := client.Get(ts.base + u)
				if err != nil {
					fail(u + ": " + err.Error())
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				if err != nil || resp.StatusCode != 200 || !strings.HasSuffix(strings.TrimSpace(string(b)), "</html>") {
					fail(fmt.Sprintf("%s: %d, %d bytes, err %v", u, resp.StatusCode, len(b), err))
				}
			}
		}()
	}
	began := time.Now()
	for i := 1; i <= 20; i++ {
		text := "并发第 " + strconv.Itoa(i) + " 版。"
		if i%5 == 0 {
			// A layout change: the whole build is swapped.
			ts.write(t, "layouts/partials/footer.html", `<footer class="site-footer"><p>`+text+`</p></footer>`)
			ts.waitPage(t, "/news/n1/", 200, text)
			continue
		}
		ts.write(t, "content/news/n1.md", news("第一条动态", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", text))
		ts.waitPage(t, "/news/n1/", 200, text)
	}
	for time.Since(began) < dur {
		time.Sleep(10 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("bad answers: %q", errs)
	}
	t.Logf("%d requests in %v during %d rebuilds", requests.Load(), time.Since(began).Round(time.Millisecond), ts.Rebuilds())
}

// memFS is a view of the served files for the search package's reader.
func memFS(m *output.Memory) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, p := range m.Paths() {
		data, _ := m.Get(p)
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// The search index follows an edit (in the background, after the reload).
func TestSearchIndexFollowsEdits(t *testing.T) {
	ts := start(t, testSite)
	found := func(word string) bool {
		ix, err := search.Open(memFS(ts.Output()), "search")
		if err != nil {
			return false
		}
		hits, err := ix.Search(word)
		if err != nil || len(hits) == 0 {
			return false
		}
		f, err := ix.Fragment(hits[0].ID)
		return err == nil && f.URL == "/news/n4/"
	}
	eventually(t, "a search index", func() bool { return found("第四条正文") })
	ts.write(t, "content/news/n4.md", news("第四条动态", "2022-01-09", "", "独一无二的关键词蓝鲸湾。"))
	eventually(t, "the index to find the new words", func() bool { return found("蓝鲸湾") })
	if found("第四条正文") {
		t.Error("the index still finds the old text")
	}
}

// TestLinkCheckFollowsEdits: the link check a body-only edit keeps from the
// last rebuild (builder.lc) gives what a full build's check gives after
// every step: an anchor (a heading's, or only in the HTML: a footnote's)
// removed from another page and added back, a page removed, a page
// added, a static file removed and put back.
func TestLinkCheckFollowsEdits(t *testing.T) {
	ts := start(t, testSite+`
-- static/files/plan.txt --
计划。
`)
	n1 := func(body string) string {
		return news("第一条动态", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", body)
	}
	n2 := func(body string) string {
		return news("第二条动态", "2024-05-01", "tags = [\"主题教育\", \"党建品牌\"]\nunits = [\"renmin\"]\n", body)
	}
	n3 := news("第三条动态", "2023-07-01", "tags = [\"党建品牌\"]\nunits = [\"fuyou\", \"renmin\"]\n", "第三条正文。")
	n4 := func(body string) string { return news("第四条动态", "2022-01-09", "", body) }
	withPart := n2("第二条正文。\n\n## Part One\n\n小节。")
	steps := []struct {
		name     string
		file     string // "" removes it
		body     string
		bodyOnly bool // the edit must take the body-only path
	}{
		{"n2 first edit", "content/news/n2.md", withPart, false},
		{"n1 links to n2's part", "content/news/n1.md", n1("见[第二条](n2.md#part-one)。"), false},
		{"n4 links to a file", "content/news/n4.md", n4("见[计划](/files/plan.txt)。"), false},
		{"n2 drops the part", "content/news/n2.md", n2("第二条正文，小节删了。"), true},
		{"n2 has it again", "content/news/n2.md", withPart, true},
		{"n1 links to a note to come", "content/news/n1.md", n1("见[第二条](n2.md#part-one)和[注](n2.md#fn:1)。"), true},
		{"n2 gets the note", "content/news/n2.md", n2("第二条正文[^1]。\n\n## Part One\n\n小节。\n\n[^1]: 注释。"), true},
		{"n2 drops the note", "content/news/n2.md", withPart, true},
		{"n1 links to a page to come", "content/news/n1.md", n1("见[第二条](n2.md#part-one)和[新来的](/news/n9/)。"), true},
		{"the page comes", "content/news/n9.md", news("新来的", "2026-01-01", "", "新。"), false},
		{"n1 links to n3 too", "content/news/n1.md", n1("见[新来的](/news/n9/)和[第三条](n3.md)。"), true},
		{"n3 goes", "content/news/n3.md", "", false},
		{"n1 body again", "content/news/n1.md", n1("见[新来的](/news/n9/)和[第三条](n3.md)，再改一次。"), true},
		{"n3 is back", "content/news/n3.md", n3, false},
		{"n1 body once more", "content/news/n1.md", n1("见[新来的](/news/n9/)和[第三条](n3.md)，又改一次。"), true},
		{"the file goes", "static/files/plan.txt", "", false},
		{"n1 body after the file", "content/news/n1.md", n1("文件删了以后的正文。"), true},
		{"the file is back", "static/files/plan.txt", "计划。\n", false},
		{"n1 body after it came back", "content/news/n1.md", n1("文件回来以后的正文。"), true},
	}
	for _, st := range steps {
		rebuilds, bodyEdits := ts.Rebuilds(), ts.b.bodyEdits.Load()
		if st.body == "" {
			if err := os.Remove(filepath.Join(ts.dir, st.file)); err != nil {
				t.Fatal(err)
			}
		} else {
			ts.write(t, st.file, st.body)
		}
		want := linkErrors(t, ts.dir)
		var got []string
		deadline := time.Now().Add(20 * time.Second)
		for {
			got = ts.hub.state().Errors
			sort.Strings(got)
			if ts.Rebuilds() > rebuilds && strings.Join(got, "\n") == strings.Join(want, "\n") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("step %q: the preview reports\n%q\nwant (a full build's check)\n%q", st.name, got, want)
			}
			time.Sleep(5 * time.Millisecond)
		}
		if st.bodyOnly && ts.b.bodyEdits.Load() == bodyEdits {
			t.Fatalf("step %q did not take the body-only path", st.name)
		}
	}
}

// linkErrors are the error lines a full build of dir reports, its link
// check included, sorted, as the preview's overlay shows them.
func linkErrors(t *testing.T, dir string) []string {
	t.Helper()
	root := "/"
	s, probs := site.Load(site.Options{Source: dir, BaseURL: &root, NoMinify: true, Inject: Inject, Now: fixedNow, NoSearch: true}, nil)
	if hasErrors(probs) {
		t.Fatalf("load: %v", probs)
	}
	mem := output.NewMemory()
	_, wprobs := s.Write(mem, nil)
	lprobs, _ := s.CheckLinks(mem, nil)
	lines := []string{}
	for _, p := range append(append(probs, wprobs...), lprobs...) {
		if p.Severity == diag.Error {
			lines = append(lines, p.Format(""))
		}
	}
	sort.Strings(lines)
	return lines
}

// TestFirstBuildServesHomeFirst: Start returns once the home page is made;
// a page asked for while the others are being made is answered when it is
// (not with a 404), the review panel knows every page already, and the
// finished first build is a full build's output.
func TestFirstBuildServesHomeFirst(t *testing.T) {
	release := make(chan struct{})
	holdRest = func() { <-release }
	defer func() { holdRest = nil }()
	ts := start(t, testSite+"-- content/news/rv.md --\n"+news("审核", "2024-06-01", "", "扫黑险恶,专项斗争。"))
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	if code, body := ts.get(t, "/"); code != http.StatusOK || !strings.Contains(body, "测试党建网") {
		t.Fatalf("home page while the rest is held: %d\n%s", code, body)
	}
	if _, body := ts.get(t, "/__dangjian/review?page=/news/rv/"); !strings.Contains(body, `"rule":"typo"`) {
		t.Fatalf("review findings while the rest is held: %s", body)
	}
	type answer struct {
		code int
		body string
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get(ts.base + "/news/n1/")
		if err != nil {
			got <- answer{0, err.Error()}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- answer{resp.StatusCode, string(b)}
	}()
	select {
	case a := <-got:
		t.Fatalf("a page not made yet was answered before it was: %d", a.code)
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	released = true
	a := <-got
	if a.code != http.StatusOK || !strings.Contains(a.body, "第一条正文：原文。") {
		t.Fatalf("/news/n1/ after the first build: %d\n%s", a.code, a.body)
	}
	want := fullBuild(t, ts.dir)
	eventually(t, "the first build to equal a full build", func() bool { return len(compare(ts.Output(), want)) == 0 })
	ts.waitLog(t, "全部重新生成")
	if strings.Count(ts.log.String(), "全部重新生成") != 1 {
		t.Errorf("want one full build logged:\n%s", ts.log.String())
	}
}

// TestFirstBuildEndsQuietly: a tab that opened the home page while the
// other pages were being made is not told to reload when they are done.
func TestFirstBuildEndsQuietly(t *testing.T) {
	release := make(chan struct{})
	holdRest = func() { <-release }
	defer func() { holdRest = nil }()
	ts := start(t, testSite)
	sse := ts.listen(t)
	close(release)
	ts.Output() // waits for the first build
	ts.write(t, "content/news/n1.md", news("第一条动态", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "改了。"))
	// The first build is rebuild 1 of the state's count, the edit 2.
	eventually(t, "the reload after the edit", func() bool { return sse.last("reload").Data["gen"] == float64(2) })
	if n := sse.count("reload"); n != 1 {
		t.Fatalf("%d reload events, want 1 (the edit's)", n)
	}
}

// TestFirstBuildFailsAfterHome: when a page after the home page fails to
// render, the first build fails as a whole: stand-in pages with the
// overlay, nothing of it served, until the fix.
func TestFirstBuildFailsAfterHome(t *testing.T) {
	ts := start(t, testSite+"-- layouts/news/single.html --\n{{define \"main\"}}{{index \"abc\" 10}}{{end}}\n")
	if _, ok := ts.Output().Get("index.html"); ok {
		t.Fatal("the failed first build's home page is in the served output")
	}
	code, body := ts.get(t, "/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, scriptPath) {
		t.Fatalf("home page after the failed first build: %d %q", code, body)
	}
	sse := ts.listen(t)
	if errs := sse.last("state").Data["errors"].([]any); len(errs) == 0 {
		t.Fatalf("state = %v", sse.last("state").Data)
	}
	os.Remove(filepath.Join(ts.dir, "layouts/news/single.html"))
	ts.waitPage(t, "/news/n1/", 200, "第一条正文")
}

// TestStartReadsMarkdownCache: a second start takes the Markdown of the
// pages unchanged since the first from the cache, and serves what a full
// build makes, the page edited in between included.
func TestStartReadsMarkdownCache(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	run := func() (int, *output.Memory) {
		log := &sitetest.SyncBuffer{}
		s, err := Start(Options{Source: dir, Port: 0, Log: log, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Serve(ctx) }()
		// The search index is written in the background after the first
		// build; the comparison below includes it.
		eventually(t, "the search index", func() bool { _, ok := s.Output().Get("search/meta.js"); return ok })
		out := s.Output()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		return s.b.mdCached, out
	}
	if n, _ := run(); n != 0 {
		t.Fatalf("first start: %d pages from an empty cache", n)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/news/n1.md"), []byte(news("第一条动态", "2024-03-01", "tags = [\"主题教育\"]\nunits = [\"fuyou\"]\n", "两次启动之间改的正文。")), 0o644); err != nil {
		t.Fatal(err)
	}
	n, out := run()
	published := 0
	root := "/"
	s, _ := site.Load(site.Options{Source: dir, BaseURL: &root, NoCache: true}, nil)
	published = len(s.Published)
	if n != published-1 {
		t.Errorf("second start: %d of %d pages from the cache, want all but the edited one", n, published)
	}
	if diff := compare(out, fullBuild(t, dir)); len(diff) > 0 {
		t.Fatalf("second start differs from a full build: %q", diff)
	}
	if page, _ := out.Get("news/n1/index.html"); !strings.Contains(string(page), "两次启动之间改的正文。") {
		t.Fatal("the page edited between the starts is not the new one")
	}
}

// TestStopWithSpareConnection: a browser opens connections ahead of its
// requests (Chromium's preconnect), and an HTTP client may dial one that
// another's request then does without. Stopping the preview closes such a
// connection at once: http.Server.Shutdown takes it for busy until it is
// 5 s old, and Serve gave up after 5 s with "context deadline exceeded"
// (the officer's Ctrl-C printed it and exited with an error).
func TestStopWithSpareConnection(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	s, err := Start(Options{Source: dir, Port: 0, Log: &sitetest.SyncBuffer{}, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	spare, err := net.Dial("tcp", s.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer spare.Close()
	// The server accepts in order: once a request on a later connection
	// is answered, the spare one has been accepted too.
	resp, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	began := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve after %v: %v", time.Since(began).Round(time.Millisecond), err)
	}
	t.Logf("stopped in %v", time.Since(began).Round(time.Millisecond))
	if _, err := spare.Read(make([]byte, 1)); err == nil {
		t.Error("the spare connection is still open")
	}
}
