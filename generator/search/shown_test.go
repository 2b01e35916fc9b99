package search_test

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dangjian/generator/search"
	"dangjian/generator/sitetest"
)

// shownSite: dates in every form the pages show, a page titled exactly 党建
// among newer pages that have it in the title or the body only, an honor
// list that links to a unit whose title it does not show, and a table.
const shownSite = sitetest.Minimal + `
-- content/news/meeting.md --
+++
title = "召开党建工作会议"
date = 2023-05-06
doc_number = "岚卫党发〔2023〕12号"
units = ["fuyou"]
+++
会议强调，要抓好党建工作。

第二段讲到示范点建设，并部署下一步工作，内容较长，一直写到这里还没有结束，继续介绍各支部的做法和经验，以及下一阶段的安排。

| 项目 | 负责人 |
|---|---|
| 支部标准化 | 张三 |
-- content/news/dangjian.md --
+++
title = "党建"
date = 2019-01-01
+++
这是一篇标题恰好是查询词的文章。
-- content/news/newer.md --
+++
title = "党建引领发展"
date = 2024-01-01
+++
正文。
-- content/news/body.md --
+++
title = "工作简报"
date = 2025-01-01
+++
党建党建党建，党建工作。党建。
-- content/honors/h2022.md --
+++
title = "年度表彰名单"
date = 2022-08-01
year = 2022
summary = "表彰一批先进集体。"

[[honors]]
name = "先进基层党组织"
recipient = "妇幼第一支部"
type = "集体"
date = 2022-07-01
unit = "fuyou"
+++
-- content/models/m.md --
+++
title = "妇幼示范点"
unit = "fuyou"
level = "市级"
awarded = 2021-03-05
+++
示范点简介。
`

func shownIndex(t *testing.T) (string, *search.Index) {
	t.Helper()
	site := buildSite(t, sitetest.Write(t, shownSite), nil)
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	return site, ix
}

func urlsOf(t *testing.T, ix *search.Index, q string) []string {
	t.Helper()
	hits, err := ix.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f.URL)
	}
	return out
}

// Dates, years and 文号 are found in every form the page shows, and as ISO.
func TestShownDates(t *testing.T) {
	_, ix := shownIndex(t)
	for q, url := range map[string]string{
		"2023年5月6日": "/news/meeting/", "2023-05-06": "/news/meeting/", "2023年5月": "/news/meeting/",
		"2023年": "/news/meeting/", "2023": "/news/meeting/", "岚卫党发〔2023〕12号": "/news/meeting/",
		"2022年7月1日": "/honors/h2022/", "2022-07-01": "/honors/h2022/", "2022年度": "/honors/h2022/",
		"2021年3月5日": "/models/m/", "2021-03-05": "/models/m/",
	} {
		if got := urlsOf(t, ix, q); !slices.Contains(got, url) {
			t.Errorf("%q finds %v, not %s", q, got, url)
		}
	}
	// The result shows the date as the site does.
	hits, _ := ix.Search("2023年5月6日")
	if f, _ := ix.Fragment(hits[0].ID); f.Date != "2023年5月6日" {
		t.Errorf("result date %q, want 2023年5月6日", f.Date)
	}
}

// The page titled exactly as the query comes first, then the pages whose
// title has it (newest first on a tie), then the body-only page, though
// it is the newest and says 党建 most.
func TestShownTitleFirst(t *testing.T) {
	_, ix := shownIndex(t)
	got := urlsOf(t, ix, "党建")
	want := []string{"/news/dangjian/", "/news/newer/", "/news/meeting/", "/news/body/"}
	if !slices.Equal(got, want) {
		t.Errorf("党建: %v\nwant %v", got, want)
	}
}

var tagRE = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)

// No result matches only on text its page does not show: every hit's page
// shows every term (an honor list links to 市妇幼保健院 but shows the
// recipient's name; its front-matter summary is not on the page).
func TestShownNoHiddenMatches(t *testing.T) {
	site, ix := shownIndex(t)
	for _, q := range []string{"市妇幼保健院", "妇幼", "表彰", "先进集体", "妇幼第一支部", "2023年5月6日", "市级", "张三"} {
		got := urlsOf(t, ix, q)
		if len(got) == 0 && q != "先进集体" {
			t.Errorf("%q finds nothing", q)
		}
		for _, u := range got {
			data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(u), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			text := html.UnescapeString(tagRE.ReplaceAllString(string(data), ""))
			if !strings.Contains(search.Fold(text), search.Fold(q)) {
				t.Errorf("%q finds %s, whose page does not show it", q, u)
			}
		}
	}
	if got := urlsOf(t, ix, "市妇幼保健院"); slices.Contains(got, "/honors/h2022/") {
		t.Errorf("市妇幼保健院 finds the honor list through its hidden unit link: %v", got)
	}
}

// The snippets search.js shows (run in node): a window of the text with its
// block and cell boundaries kept, no page chrome; a title-only match shows
// the summary.
func TestShownSnippets(t *testing.T) {
	site, _ := shownIndex(t)
	snips := nodeSnippets(t, site, []string{"张三", "示范点", "年度表彰", "2023年5月6日"})
	chrome := []string{"文章信息", "发布日期", "打印本页", "目录", "荣誉名称获得者"}
	for q, ss := range snips {
		for url, s := range ss {
			t.Logf("%q %s: %s", q, url, s)
			for _, c := range chrome {
				if strings.Contains(s, c) {
					t.Errorf("%q: %s: snippet %q shows page chrome %q", q, url, s, c)
				}
			}
		}
	}
	if s := snips["张三"]["/news/meeting/"]; s != "…支部标准化 · [张三]" {
		t.Errorf("张三: snippet %q, want the table row's cells apart", s)
	}
	if s := snips["示范点"]["/news/meeting/"]; !strings.HasPrefix(s, "…第二段讲到[示范点]") || !strings.Contains(s, "安排。 ｜ 项目 · 负责人 ｜ ") {
		t.Errorf("示范点: snippet %q does not start at the paragraph or lacks the block and cell separators", s)
	}
	if s := snips["2023年5月6日"]["/news/meeting/"]; s != "[2023年5月6日]" {
		t.Errorf("2023年5月6日: snippet %q, want the date field alone", s)
	}
	if s := snips["年度表彰"]["/honors/h2022/"]; s != "表彰一批先进集体。" {
		t.Errorf("年度表彰 (title only): snippet %q, want the summary", s)
	}
}

// nodeSnippets runs search.js's engine and snippet in node over the built
// site: query → url → snippet text, matches in [brackets].
func nodeSnippets(t *testing.T, site string, qs []string) map[string]map[string]string {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	in := filepath.Join(t.TempDir(), "in.json")
	data, _ := json.Marshal(qs)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "testdata/run_search.js", "../../themes/default/static/js/search.js", site, "query", in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var res []struct {
		Q     string `json:"q"`
		Shown []struct {
			URL     string   `json:"url"`
			Snippet [][2]any `json:"snippet"`
		} `json:"shown"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	m := map[string]map[string]string{}
	for _, r := range res {
		m[r.Q] = map[string]string{}
		for _, s := range r.Shown {
			var b strings.Builder
			for _, p := range s.Snippet {
				if p[1] == true {
					b.WriteString("[" + p[0].(string) + "]")
				} else {
					b.WriteString(p[0].(string))
				}
			}
			m[r.Q][s.URL] = b.String()
		}
	}
	return m
}
