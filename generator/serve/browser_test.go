package serve

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dangjian/generator/chrome"
	"dangjian/generator/sitetest"
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

// The preview's own pages load its search index, drafts included; a page
// of another site that loads the index as scripts gets none of it (before,
// its DJS() received every page's text, drafts included).
func TestBrowserOtherSiteCannotReadPreviewIndex(t *testing.T) {
	ctx := browser(t)
	// As `dangjian serve` runs by default: drafts shown.
	ts := startWith(t, Options{Source: sitetest.Write(t, testSite+"-- content/news/secret.md --\n"+news("内部草稿", "2024-06-02", "draft = true\n", "尚未公开的机密词语甲乙丙")), Drafts: true})
	var index []string
	eventually(t, "the search index", func() bool {
		index = nil
		for _, p := range ts.Output().Paths() {
			if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".js") {
				index = append(index, p)
			}
		}
		return len(index) > 3
	})
	// The preview's own page loads the index as search.js does.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/")); err != nil {
		t.Fatal(err)
	}
	load := `window.got=[];window.DJS=function(n,d){got.push(JSON.stringify(d))};`
	for _, p := range index {
		load += `document.head.appendChild(Object.assign(document.createElement("script"),{src:"/` + p + `"}));`
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](load+"true")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the draft's text in the preview's own page", `got.join("").includes("机密词语甲乙丙")`)

	// Another origin: localhost instead of 127.0.0.1.
	other := strings.Replace(ts.base, "127.0.0.1", "localhost", 1)
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><meta charset="utf-8"><script>window.got=[];window.DJS=function(n,d){got.push(JSON.stringify(d))};</script>`)
	for _, p := range index {
		page.WriteString(`<script src="` + ts.base + "/" + p + `"></script>`)
	}
	page.WriteString(`<script>window.done=true</script>`)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page.String()))
	}))
	defer evil.Close()
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	if strings.HasPrefix(other, evilURL) {
		t.Fatal("the two servers share an origin")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(evilURL+"/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the other site's page to load", `window.done === true`)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`got.join("\n")`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "" {
		t.Errorf("another site read the preview's index: %.300s", got)
	}
}
