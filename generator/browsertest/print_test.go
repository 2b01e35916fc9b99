package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A printed news page (a 通知 handed round at a meeting, filed for an
// inspection) is the article alone: its title, 文号, 文章信息, text and
// 附件 list. The 上一篇/下一篇 links and the tag chips are screen
// navigation, and on paper read as part of the document.
func TestPrintIsTheArticleAlone(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, desktop, "/news/2017-shifandian-chuangjian-tongzhi/")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shown := eval[map[string]bool](t, ctx, `(() => {
	  const on = sel => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0; };
	  return {title: on('h1'), attachments: on('.attachments'), prevNext: on('.prev-next'), tags: on('.tags'), nav: on('.site-nav'), tools: on('.a11y-tools'), search: on('.header-search')};
	})()`)
	for _, sel := range []string{"title", "attachments"} {
		if !shown[sel] {
			t.Errorf("%s is not printed", sel)
		}
	}
	for _, sel := range []string{"prevNext", "tags", "nav", "tools", "search"} {
		if shown[sel] {
			t.Errorf("%s is printed", sel)
		}
	}
}
