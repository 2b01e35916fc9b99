package search_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dangjian/generator/search"
	"dangjian/generator/sitetest"
)

// What an audit of search as a reader found (helper-18's tests; the
// snippet path and the ranking are in search.js and read.go).

// cutFieldSite: news pages whose text's head (the card's first 130
// characters) ends inside their 文号, the body a little longer each time.
func cutFieldSite() string {
	var b strings.Builder
	b.WriteString(sitetest.Minimal)
	sentence := []rune(strings.Repeat("会议强调，要抓好党建工作，推动各项任务落实。", 10))
	for i, n := range []int{112, 115, 118, 121, 124, 127} {
		fmt.Fprintf(&b, "-- content/news/n%d.md --\n+++\ntitle = \"通知\"\ndate = 2023-05-%02d\ndoc_number = \"岚卫党发〔2021〕75号\"\n+++\n%s\n", i, i+1, string(sentence[:n]))
	}
	return b.String()
}

// A match in a field shows the whole field: a 文号 cut where the card's
// head ends (岚卫党发〔2021〕7, the 5号 lost) is a wrong 文号. The head of a
// short body runs on into the fields; the card's whole field lines take
// that part's place (cardText).
func TestAuditFieldSnippetIsWhole(t *testing.T) {
	site := buildSite(t, sitetest.Write(t, cutFieldSite()), nil)
	snips := nodeSnippets(t, site, []string{"岚卫党发"})
	if len(snips["岚卫党发"]) != 6 {
		t.Fatalf("岚卫党发 shows %d results, want 6", len(snips["岚卫党发"]))
	}
	for url, s := range snips["岚卫党发"] {
		if !strings.Contains(s, "[岚卫党发]〔2021〕75号") {
			t.Errorf("岚卫党发: %s: snippet %q, want the whole 文号", url, s)
		}
	}
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search("岚卫党发")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		text, err := ix.SnippetText(h, search.Terms("岚卫党发"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "岚卫党发〔2021〕75号") {
			rs := []rune(text)
			t.Errorf("SnippetText of %d: %q ends inside the 文号", h.ID, string(rs[max(0, len(rs)-20):]))
		}
	}
}

// A title that is the query, spaces and all, comes first, before a newer
// title that contains every term: a title as long as the query (its terms
// one space apart) that has every term is the query.
func TestAuditExactTitleWithSpacesFirst(t *testing.T) {
	site := buildSite(t, sitetest.Write(t, sitetest.Minimal+`
-- content/news/spaced.md --
+++
title = "党建 引领 发展"
date = 2016-05-05
+++
空格标题。
-- content/news/newer.md --
+++
title = "党建引领发展新篇章"
date = 2025-05-05
+++
无空格。
`), nil)
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	if got := urlsOf(t, ix, "党建 引领 发展"); len(got) == 0 || got[0] != "/news/spaced/" {
		t.Errorf("党建 引领 发展: %v, want /news/spaced/ first", got)
	}
}

// A title-only match shows the body's start, however long the title: with
// a title of 133 characters the card's head (its text's first 130
// characters) holds no body, and the snippet was a bare "…"; the text
// file has the body.
func TestAuditLongTitleOnlyMatchShowsTheBody(t *testing.T) {
	title := "关于印发" + strings.Repeat("全区卫生健康系统深入推进清廉医院建设", 7) + "的通知"
	site := buildSite(t, sitetest.Write(t, sitetest.Minimal+`
-- content/news/long.md --
+++
title = "`+title+`"
date = 2024-01-01
+++
各基层党组织：现将实施方案印发给你们，请认真贯彻落实。
`), nil)
	snips := nodeSnippets(t, site, []string{"关于印发"})
	if s := snips["关于印发"]["/news/long/"]; !strings.HasPrefix(s, "各基层党组织") {
		t.Errorf("关于印发 (a %d-character title): snippet %q, want the body's start", len([]rune(title)), s)
	}
}
