package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	browserStop []func()
)

// chromiumPath finds the browser: $DANGJIAN_CHROMIUM, then the usual names.
func chromiumPath() (string, error) {
	if p := os.Getenv("DANGJIAN_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chromium not found (install the chromium package or set DANGJIAN_CHROMIUM)")
}

func startBrowser() {
	exe, err := chromiumPath()
	if err != nil {
		browserErr = err
		return
	}
	profile, err := os.MkdirTemp("", "dangjian-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox, // CI containers run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		// Screenshots and layout must not depend on the machine's locale.
		chromedp.Flag("lang", "zh-CN"),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browserStop = append(browserStop, cancelAlloc, cancelCtx, func() { os.RemoveAll(profile) })
	if err := chromedp.Do(ctx); err != nil {
		browserErr = fmt.Errorf("starting %s: %w", exe, err)
		return
	}
	browserCtx = ctx
}

func stopBrowser() {
	for i := len(browserStop) - 1; i >= 0; i-- {
		browserStop[i]()
	}
}

// newTab opens a tab in a browser context of its own, so that localStorage
// (the reading modes) starts empty and tests can run side by side.
func newTab(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser tests need Chromium in CI: %v", browserErr)
		}
		t.Skipf("skipping browser test: %v", browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	// Generous: CI machines are often busy with other jobs.
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(cancelT)
	return ctx
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
