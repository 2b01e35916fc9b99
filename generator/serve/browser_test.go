package serve

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dangjian/generator/chrome"
)

func browser(t *testing.T) context.Context {
	return chrome.ForTest(t, chrome.Options{Width: 1000, Height: 700})
}

// evalUntil evaluates js until it returns true.
func evalUntil(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	eventually(t, what, func() bool {
		c, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](js))
		return err == nil && ok
	})
}

func TestBrowserReloadsOnSaveAndKeepsScroll(t *testing.T) {
	ctx := browser(t)
	var long strings.Builder
	for i := range 150 {
		long.WriteString("第 ")
		long.WriteString(strings.Repeat("一", i%7+1))
		long.WriteString(" 段：党建引领，服务群众，这一段文字用来把网页撑得足够长。\n\n")
	}
	page := func(marker string) string {
		return news("很长的动态", "2024-06-01", "", marker+"\n\n"+long.String()+"\n\n结尾："+marker)
	}
	ts := start(t, testSite+"-- content/news/long.md --\n"+page("原来的文字"))

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/news/long/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the page", `document.body.innerText.includes("结尾：原来的文字")`)
	eventually(t, "the tab to listen for reloads", func() bool { return ts.Clients() >= 1 })
	y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollTo(0, 1500); window.scrollY`))
	if err != nil {
		t.Fatal(err)
	}
	if y != 1500 {
		t.Fatalf("could not scroll the page: scrollY = %v", y)
	}

	ts.write(t, "content/news/long.md", page("保存后的新文字"))
	evalUntil(t, ctx, "the new text without any action", `document.body.innerText.includes("结尾：保存后的新文字")`)
	evalUntil(t, ctx, "the scroll position back", `Math.abs(window.scrollY - 1500) < 2`)
	if y, err = chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`)); err != nil {
		t.Fatal(err)
	}
	if math.Abs(y-1500) >= 2 {
		t.Fatalf("scrollY after reload = %v, want 1500", y)
	}

	// A content error shows the overlay over the last good page; the fix
	// takes it away.
	ts.write(t, "content/news/long.md", "+++\ntitle = \"坏\"\ndate = 2024-06-01\nunits = [\"<b>nobody</b>\"]\n+++\n")
	evalUntil(t, ctx, "the error overlay", `(function(){var o=document.getElementById("dangjian-error-overlay");
		return !!o && o.innerText.includes("content/news/long.md:4:") && o.innerText.includes("<b>nobody</b>") && !o.querySelector("b")})()`)
	// A tab opened while the error persists shows it too.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/news/n1/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the overlay on a newly opened page", `!!document.getElementById("dangjian-error-overlay")`)
	ts.write(t, "content/news/long.md", page("修好了"))
	evalUntil(t, ctx, "the overlay to go", `!document.getElementById("dangjian-error-overlay") && document.body.innerText.includes("第一条正文")`)

	// A stylesheet edit is applied without a reload. The fix above reloaded
	// the tab: its new event stream must be open, or the edit's event goes
	// to no one (on a loaded machine that took longer than the edit).
	evalUntil(t, ctx, "the reloaded tab to listen again", `window.dangjianListening === true`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__kept = true`)); err != nil {
		t.Fatal(err)
	}
	ts.write(t, "static/css/main.css", "body { background: rgb(1, 2, 3); }\n")
	evalUntil(t, ctx, "the new stylesheet", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__kept === true`)); err != nil || !kept {
		t.Fatalf("the page reloaded for a stylesheet change (kept=%v, err=%v)", kept, err)
	}
}
