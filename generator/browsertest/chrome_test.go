package browsertest

import (
	"context"
	"testing"

	"dangjian/generator/chrome"

	"github.com/chromedp/chromedp"
)

var browser chrome.Shared

func stopBrowser() { browser.Stop() }

// newTab opens a tab in a browser context of its own, so that localStorage
// (the reading modes) starts empty and tests can run side by side.
func newTab(t *testing.T) context.Context {
	t.Helper()
	return browser.Tab(t)
}

// viewport is an emulated screen.
type viewport struct {
	name          string
	width, height int64
	scale         float64
	mobile        bool
}

var (
	desktop = viewport{"1280", 1280, 900, 1, false}
	phone   = viewport{"375", 375, 760, 1, true}
	narrow  = viewport{"360", 360, 740, 1, true}
	// A 1280 px laptop at 200 % browser zoom lays pages out in 640 CSS px.
	zoom200 = viewport{"zoom200", 640, 450, 2, false}
)

func (v viewport) action() chromedp.Action[chromedp.Void] {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(v.scale), chromedp.EmulatePortrait}
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(v.width, v.height, opts...)
}

// open sets the viewport and loads a page.
func open(t *testing.T, ctx context.Context, v viewport, p string) {
	t.Helper()
	if err := chromedp.Do(ctx, v.action(), chromedp.Navigate(pageURL(p))); err != nil {
		t.Fatalf("opening %s at %s: %v", p, v.name, err)
	}
}

// eval runs JavaScript in the page and decodes its result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", js, err)
	}
	return v
}
