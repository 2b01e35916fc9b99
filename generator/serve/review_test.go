package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The review panel's data: the findings of the page's file, read again on
// each request, so that a save shows at once.
func TestReviewFindingsOfPreviewedPage(t *testing.T) {
	ts := start(t, testSite+"-- content/news/rv.md --\n"+news("审核", "2024-06-01", "", "扫黑险恶,专项斗争。"))
	ts.waitPage(t, "/news/rv/", 200, `<script src="/__dangjian/review.js"></script>`)
	code, body := ts.get(t, "/__dangjian/review?page=/news/rv/")
	if code != 200 || !strings.Contains(body, `"line":5,"column":1,"rule":"typo"`) || !strings.Contains(body, `"rule":"punctuation"`) {
		t.Fatalf("review findings: %d %s", code, body)
	}
	if _, body := ts.get(t, "/__dangjian/review?page=/nowhere/"); body != "[]" {
		t.Errorf("an unknown page: %s", body)
	}
	if code, body := ts.get(t, "/__dangjian/review.js"); code != 200 || !strings.Contains(body, "textContent") {
		t.Errorf("review.js: %d", code)
	}
	ts.write(t, "content/news/rv.md", news("审核", "2024-06-01", "", "扫黑除恶专项斗争。"))
	eventually(t, "the findings to follow the save", func() bool {
		_, body := ts.get(t, "/__dangjian/review?page=/news/rv/")
		return body == "[]"
	})
	// A mistake in the site's word list is said in the panel, not taken
	// for a page with nothing wrong.
	ts.write(t, "review/mine.toml", "[[term]]\nfind = \"a\"\nseverity = \"严重\"\n")
	if _, body := ts.get(t, "/__dangjian/review?page=/news/rv/"); !strings.Contains(body, `"rule":"word-list","severity":"error","message":"review/mine.toml:3: severity = \"严重\" 不对`) {
		t.Errorf("findings with a broken word list: %s", body)
	}
	if err := os.Remove(filepath.Join(ts.dir, "review", "mine.toml")); err != nil {
		t.Fatal(err)
	}
	// An unmasked mobile number saved while previewing stops the rebuild,
	// as it stops a build.
	ts.write(t, "content/news/rv.md", news("审核", "2024-06-01", "", "联系人：13812345678。"))
	ts.waitLog(t, "content/news/rv.md:5: 第 5 列有未遮盖的手机号码 138****5678")
}

// The panel shows in the browser, with the page's text as text. (An
// unmasked number would stop the build: the overlay shows it instead.)
func TestBrowserReviewPanel(t *testing.T) {
	ctx := browser(t)
	ts := start(t, testSite+"-- content/news/rv.md --\n"+news("审核", "2024-06-01", "", "扫黑险恶，<b>卫计委</b>,完。"))
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/news/rv/")); err != nil {
		t.Fatal(err)
	}
	evalUntil(t, ctx, "the review panel", `(function(){var p=document.getElementById("dangjian-review-panel");
		return !!p && p.innerText.includes("[typo]") && p.innerText.includes("扫黑除恶") && p.innerText.includes("2 个错误") && p.innerText.includes("1 个警告") && !p.querySelector("b")})()`)
}
