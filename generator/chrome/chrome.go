// Package chrome starts the headless Chromium that the browser tests and the
// search benchmark drive. It is the one place that knows the browser's name
// and the flags this machine needs (no sandbox as root, no background
// networking on a closed network), so the harnesses only open tabs.
package chrome

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

// Path finds the browser: $DANGJIAN_CHROMIUM, then the usual names.
func Path() (string, error) {
	if p := os.Getenv("DANGJIAN_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chromium not found (apt-get install -y chromium, or set DANGJIAN_CHROMIUM)")
}

// Options change the launch; the zero value is right for tests.
type Options struct {
	Exe    string                         // browser binary; default Path()
	Width  int                            // window size, with Height; default Chromium's
	Height int                            //
	Extra  []chromedp.ExecAllocatorOption // more flags
}

// Start launches a headless Chromium with a temporary profile. stop ends it
// and removes the profile.
func Start(opt Options) (ctx context.Context, stop func(), err error) {
	exe := opt.Exe
	if exe == "" {
		if exe, err = Path(); err != nil {
			return nil, nil, err
		}
	}
	profile, err := os.MkdirTemp("", "dangjian-chromium-")
	if err != nil {
		return nil, nil, err
	}
	flags := []chromedp.ExecAllocatorOption{
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
	if opt.Width > 0 && opt.Height > 0 {
		flags = append(flags, chromedp.WindowSize(opt.Width, opt.Height))
	}
	flags = append(flags, opt.Extra...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	bctx, cancel := chromedp.NewContext(alloc)
	stop = func() { cancel(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return bctx, stop, nil
}

// Shared is one browser for a test binary, started on first use. Call Stop
// from TestMain.
type Shared struct {
	Options Options
	once    sync.Once
	ctx     context.Context
	stop    func()
	err     error
}

// Tab opens a tab in a browser context of its own (empty cache and storage),
// closed when the test ends. Without Chromium the test skips, except in CI
// (CI=true), where it fails: the browser tests must run there.
func (s *Shared) Tab(t testing.TB) context.Context {
	t.Helper()
	s.once.Do(func() { s.ctx, s.stop, s.err = Start(s.Options) })
	if s.err != nil {
		Unavailable(t, s.err)
	}
	ctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	// Generous: CI machines are often busy with other jobs.
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(cancelT)
	return ctx
}

// Stop ends the shared browser, if it was started.
func (s *Shared) Stop() {
	if s.stop != nil {
		s.stop()
	}
}

// ForTest starts a browser of the test's own, ended when the test ends.
func ForTest(t testing.TB, opt Options) context.Context {
	t.Helper()
	ctx, stop, err := Start(opt)
	if err != nil {
		Unavailable(t, err)
	}
	t.Cleanup(stop)
	return ctx
}

// Unavailable skips the test, or fails it in CI.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser tests need Chromium in CI: %v", err)
	}
	t.Skipf("skipping browser test: %v", err)
}
