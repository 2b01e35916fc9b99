package serve

import (
	"testing"

	"github.com/chromedp/chromedp"

	"dangjian/generator/sitetest"
)

// startDrafts starts a preview the way `dangjian serve` does by default:
// drafts included.
func startDrafts(t *testing.T, archive string) *testServer {
	t.Helper()
	ts := startWith(t, Options{Source: sitetest.Write(t, archive), Drafts: true})
	<-ts.first // as start: a save during the first build is not this test's case
	return ts
}

// TestBrowserDraftBannerAndPlaceholderOverlay: the preview shows a draft
// with a 草稿 banner a reader sees; a page published with an archetype's
// placeholder, or with an image that does not exist, brings up the overlay
// naming the file, the line and the field.
func TestBrowserDraftBannerAndPlaceholderOverlay(t *testing.T) {
	ctx := browser(t)
	ts := startDrafts(t, testSite+"-- content/news/caogao.md --\n"+news("还在写的动态", "2024-06-01", "draft = true\n", "正在写的正文。"))

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/news/caogao/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the draft with a visible 草稿 banner", `(function(){
		var b = document.querySelector(".draft-banner");
		if (!b || !b.innerText.includes("草稿") || !document.body.innerText.includes("正在写的正文")) return false;
		var r = b.getBoundingClientRect(), s = getComputedStyle(b);
		return r.height > 10 && r.width > 100 && s.display != "none" && s.visibility == "visible" && s.opacity == "1";
	})()`)
	// A published page has no banner.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/news/n1/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "a published page without the banner", `document.body.innerText.includes("第一条正文") && !document.querySelector(".draft-banner")`)
	eventually(t, "the tab to listen for reloads", func() bool { return ts.Clients() >= 1 })

	ts.write(t, "content/news/caogao.md", news("还在写的动态", "2024-06-01", "source = \"请填写来源\"\n", "正在写的正文。"))
	evalUntil(t, ctx, "the overlay naming the placeholder's field", `(function(){var o=document.getElementById("dangjian-error-overlay");
		return !!o && o.innerText.includes("content/news/caogao.md:4:") && o.innerText.includes("字段 source") && o.innerText.includes("请填写来源")})()`)

	ts.write(t, "content/news/caogao.md", news("还在写的动态", "2024-06-01", "source = \"市卫健委\"\n", "![活动照片](/images/photos/huodong.jpg)"))
	evalUntil(t, ctx, "the overlay naming the missing image", `(function(){var o=document.getElementById("dangjian-error-overlay");
		return !!o && o.innerText.includes("content/news/caogao.md:6:") && o.innerText.includes("/images/photos/huodong.jpg")})()`)

	ts.write(t, "content/news/caogao.md", news("还在写的动态", "2024-06-01", "source = \"市卫健委\"\n", "写好了。"))
	evalUntil(t, ctx, "the overlay to go", `!document.getElementById("dangjian-error-overlay")`)
}
