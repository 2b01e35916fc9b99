package search_test

import (
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"dangjian/generator/search"
	"dangjian/generator/sitetest"
)

// auditSite: a brand, a model site and an honor list whose heads show the
// date they were published (发布日期), as a news page's and a plain page's
// do; a unit whose front matter has a date its page does not show, and
// whose body does not repeat its title.
const auditSite = sitetest.Minimal + `
-- content/brands/xinglin.md --
+++
title = "杏林先锋"
date = 2023-05-06
unit = "fuyou"
logo = "brands/logo.svg"
year = 2019
+++
杏林先锋品牌依托心内科党支部创建。
-- content/brands/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>
-- content/models/zhenjiu.md --
+++
title = "针灸科党支部示范点"
date = 2023-05-06
unit = "fuyou"
level = "市级"
awarded = 2022-03-15
+++
支部建在科室上。
-- content/honors/h2022.md --
+++
title = "年度表彰名单"
date = 2023-05-06
year = 2022

[[honors]]
name = "优秀共产党员"
recipient = "张芳"
type = "个人"
level = "区级"
date = 2022-12-20

[[honors]]
name = "先进基层党组织"
recipient = "第二党支部"
type = "集体"
+++
经研究，决定予以表彰。
-- content/news/notice.md --
+++
title = "关于开展主题党日活动的通知"
date = 2024-03-01
attachments = ["files/活动报名表.xlsx"]
+++
请各支部按时报送。
-- content/files/活动报名表.xlsx --
xlsx
-- content/units/dated.md --
+++
title = "岚山区妇幼保健院"
date = 2023-05-06
short = "区妇幼"
members = 50
branches = 3
+++
党支部下设三个党小组。
`

func auditIndex(t *testing.T) (string, *search.Index) {
	t.Helper()
	site := buildSite(t, sitetest.Write(t, auditSite), nil)
	ix, err := search.Open(os.DirFS(site), "search")
	if err != nil {
		t.Fatal(err)
	}
	return site, ix
}

// A brand, a model site and an honor list show the date they were
// published in their heads: every form of it finds them. A unit's page
// shows no date, so its front matter's date finds nothing.
func TestAuditPublishedDateOfEveryKind(t *testing.T) {
	_, ix := auditIndex(t)
	for _, q := range []string{"2023", "2023年", "2023年5月", "2023年5月6日", "2023-05-06"} {
		got := urlsOf(t, ix, q)
		for _, url := range []string{"/brands/xinglin/", "/models/zhenjiu/", "/honors/h2022/"} {
			if !slices.Contains(got, url) {
				t.Errorf("%q finds %v, not %s", q, got, url)
			}
		}
		if slices.Contains(got, "/units/dated/") {
			t.Errorf("%q finds the unit, whose page shows no date", q)
		}
	}
}

// An attachment is found by the name its page lists it under (附件).
func TestAuditAttachmentByName(t *testing.T) {
	_, ix := auditIndex(t)
	if got := urlsOf(t, ix, "活动报名表"); !slices.Equal(got, []string{"/news/notice/"}) {
		t.Errorf("活动报名表 finds %v, want the page that lists it", got)
	}
}

// A match in a unit's title alone shows the start of its body, not the
// title again as a field.
func TestAuditUnitTitleMatchShowsItsBody(t *testing.T) {
	site, _ := auditIndex(t)
	snips := nodeSnippets(t, site, []string{"岚山区妇幼保健院"})
	if s := snips["岚山区妇幼保健院"]["/units/dated/"]; s != "党支部下设三个党小组。" {
		t.Errorf("岚山区妇幼保健院 (title only): snippet %q, want the body's start", s)
	}
}

// A match in an honor entry shows its row, cells apart, as the page's
// table does; the entry's date is found as shown and as ISO.
func TestAuditHonorEntrySnippetIsItsRow(t *testing.T) {
	site, ix := auditIndex(t)
	for _, q := range []string{"2022年12月20日", "2022-12-20", "张芳", "第二党支部"} {
		if got := urlsOf(t, ix, q); !slices.Contains(got, "/honors/h2022/") {
			t.Errorf("%q finds %v, not the honor list", q, got)
		}
	}
	snips := nodeSnippets(t, site, []string{"张芳", "第二党支部"})
	if s := snips["张芳"]["/honors/h2022/"]; s != "优秀共产党员 · [张芳] · 个人 · 区级 · 2022年12月20日" {
		t.Errorf("张芳: snippet %q, want the entry's row", s)
	}
	if s := snips["第二党支部"]["/honors/h2022/"]; s != "先进基层党组织 · [第二党支部] · 集体" {
		t.Errorf("第二党支部: snippet %q, want the entry's row", s)
	}
}

// A model site's badge reads 市级示范点 (its level and 示范点): that finds it.
func TestAuditModelLevelAsShown(t *testing.T) {
	site, ix := auditIndex(t)
	for _, q := range []string{"市级示范点", "市级"} {
		if got := urlsOf(t, ix, q); !slices.Contains(got, "/models/zhenjiu/") {
			t.Errorf("%q finds %v, not the model site", q, got)
		}
	}
	snips := nodeSnippets(t, site, []string{"市级示范点"})
	if s := snips["市级示范点"]["/models/zhenjiu/"]; s != "[市级示范点]" {
		t.Errorf("市级示范点: snippet %q, want the badge", s)
	}
}

// A result's link reaches its page whatever its slug holds: the site's own
// links escape the path (a # or ? in a slug is not a fragment or a query,
// a % not an escape), so must the search page's.
func TestAuditBrowserResultLinkOfAnOddSlug(t *testing.T) {
	ctx := tab(t)
	site := buildSite(t, sitetest.Write(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "网址测试甲"
date = 2024-05-01
slug = "第1期#总结?100%"
+++
网址测试正文。
-- content/news/b.md --
+++
title = "网址测试乙"
date = 2024-05-02
slug = "党建 工作%41"
+++
网址测试正文。
`), nil)
	base := serve(t, site)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape("网址测试"))); err != nil {
		t.Fatal(err)
	}
	if got := waitShown(t, ctx); len(got.Links) != 2 {
		t.Fatalf("网址测试: %d results (%q), want 2", len(got.Links), got.Status)
	}
	reached, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Promise.all([].map.call(
	  document.querySelectorAll('#search-results a.search-hit'), function (a) {
	    return fetch(a.href).then(function (r) { return r.ok ? r.text() : ''; }).then(function (t) {
	      var m = /<h1>([^<]*)<\/h1>/.exec(t);
	      return a.getAttribute('href') + ' → ' + (m ? m[1] : 'no page');
	    });
	  }))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reached {
		if !strings.Contains(r, "→ 网址测试") {
			t.Errorf("result link %s", r)
		}
	}
}
