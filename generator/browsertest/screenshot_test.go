package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Lazy images below the fold would be blank in a full-page shot.
const loadAllImages = `Promise.all([...document.images].map(i => {
  i.loading = 'eager';
  return i.complete ? null : new Promise(r => { i.onload = i.onerror = r; });
}))`

// TestScreenshots saves every page type at 1280 and 375 px, plus the reading
// modes on a few pages, for a person to look at; it checks nothing else.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	dir := screenshotDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t)
	shoot := func(t *testing.T, ctx context.Context, v viewport, p, name string) {
		t.Helper()
		open(t, ctx, v, p)
		eval[chromedp.Void](t, ctx, loadAllImages)
		// JPEG: a tenth of the time and size of PNG, text still sharp at q85.
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
		if err != nil {
			t.Fatalf("screenshot of %s: %v", p, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+v.name+".jpg"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eachPage(t, func(t *testing.T, p pageCase) {
		shoot(t, ctx, desktop, p.path, p.name)
		shoot(t, ctx, phone, p.path, p.name)
	})
	// Every page type again on the phone at the largest text size (特大),
	// where tables, charts and the header have the least room.
	t.Run("largest-text", func(t *testing.T) {
		open(t, ctx, phone, "/")
		setMode(t, ctx, 2, false)
		eachPage(t, func(t *testing.T, p pageCase) {
			shoot(t, ctx, phone, p.path, p.name+"-fs2")
		})
		setMode(t, ctx, 0, false)
	})
	t.Run("reading-modes", func(t *testing.T) {
		for _, m := range []struct {
			name string
			fs   int
			hc   bool
		}{{"large", 2, false}, {"contrast", 0, true}, {"contrast-large", 2, true}} {
			setMode(t, ctx, m.fs, m.hc)
			for _, p := range []pageCase{pages[0], {name: "brand", path: "/brands/yixin-xiangdang/"}, {name: "honor", path: "/honors/2020-kangyi/"}} {
				shoot(t, ctx, phone, p.path, p.name+"-"+m.name)
			}
			shoot(t, ctx, desktop, "/", "home-"+m.name)
		}
	})
	t.Logf("screenshots in %s", dir)
}
