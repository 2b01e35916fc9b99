package browsertest

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Records <html>'s classes when <body> is first inserted: nothing can be
// painted before that, so a mode set here is set before first paint.
// It runs before <html> exists, so it watches the whole document.
const watchFirstPaint = `new MutationObserver((ms, o) => {
  if (document.body) { window.__classAtBody = document.documentElement.className; o.disconnect(); }
}).observe(document, {childList: true, subtree: true});`

type readingState struct {
	Class       string
	ClassAtBody string
	FontSize    float64 // of <html>, px
	Background  string  // of <body>
	Pressed     []string
	Stored      string
}

const readState = `({
  class: document.documentElement.className,
  classAtBody: window.__classAtBody || '',
  fontSize: parseFloat(getComputedStyle(document.documentElement).fontSize),
  background: getComputedStyle(document.body).backgroundColor,
  pressed: [...document.querySelectorAll('.a11y-tools [aria-pressed="true"]')].map(b => b.dataset.fs !== undefined ? 'fs' + b.dataset.fs : 'hc'),
  stored: (localStorage.getItem('dj-fs') || '') + '/' + (localStorage.getItem('dj-hc') || ''),
})`

// tap clicks a control with a real touch where it is drawn, so an element
// covering it or a control too small to hit would fail.
func tap(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	xy := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q);
	  if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
	  return [r.left + r.width / 2, r.top + r.height / 2]; })()`, sel))
	if len(xy) != 2 {
		t.Fatalf("no %s on the page", sel)
	}
	if err := chromedp.Do(ctx, chromedp.TapXY(xy[0], xy[1])); err != nil {
		t.Fatalf("tapping %s: %v", sel, err)
	}
}

// TestReadingModes walks a reader through the 适老化 controls: larger text
// in two steps, high contrast, kept across a reload and on the next page,
// applied before first paint, and back to normal.
func TestReadingModes(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchFirstPaint}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, phone, "/brands/yixin-xiangdang/")
	state := func() readingState { t.Helper(); return eval[readingState](t, ctx, readState) }
	s0 := state()
	if !strings.Contains(s0.Class, "js") {
		t.Fatalf("<html class=%q>: the head script did not mark JavaScript as on", s0.Class)
	}
	if visible := eval[bool](t, ctx, `(() => { const e = document.querySelector('.a11y-tools');
	  return !!e && e.getBoundingClientRect().height > 0; })()`); !visible {
		t.Fatal("reading controls (.a11y-tools) not shown with JavaScript on")
	}
	if s0.Pressed == nil || s0.Pressed[0] != "fs0" {
		t.Errorf("at first, pressed controls are %v, want [fs0]", s0.Pressed)
	}
	base := s0.FontSize

	for _, step := range []struct {
		fs    int
		ratio float64
	}{{1, 1.15}, {2, 1.30}} {
		tap(t, ctx, fmt.Sprintf(`.a11y-tools [data-fs="%d"]`, step.fs))
		s := state()
		if got := s.FontSize / base; math.Abs(got-step.ratio) > 0.02 {
			t.Errorf("text size step %d: html font-size %.1fpx is ×%.2f, want ×%.2f", step.fs, s.FontSize, got, step.ratio)
		}
		if want := fmt.Sprintf("fs%d", step.fs); len(s.Pressed) != 1 || s.Pressed[0] != want {
			t.Errorf("text size step %d: pressed %v, want [%s]", step.fs, s.Pressed, want)
		}
	}
	tap(t, ctx, `.a11y-tools [data-hc]`)
	s := state()
	if !strings.Contains(s.Class, "hc") || s.Background != "rgb(0, 0, 0)" {
		t.Errorf("high contrast on: <html class=%q>, body background %s; want class hc on black", s.Class, s.Background)
	}

	// Both modes survive a reload and a new page, and are set before paint.
	for _, step := range []string{"reload", "next page"} {
		var err error
		if step == "reload" {
			err = chromedp.Do(ctx, chromedp.Reload())
		} else {
			err = chromedp.Do(ctx, chromedp.Navigate(pageURL("/units/diyi-yiyuan/")))
		}
		if err != nil {
			t.Fatal(err)
		}
		s := state()
		for _, c := range []string{"fs2", "hc"} {
			if !strings.Contains(" "+s.ClassAtBody+" ", " "+c+" ") {
				t.Errorf("%s: class %s not on <html> before <body> (had %q, stored %s)", step, c, s.ClassAtBody, s.Stored)
			}
		}
		if math.Abs(s.FontSize/base-1.3) > 0.02 || s.Background != "rgb(0, 0, 0)" {
			t.Errorf("%s: font-size %.1fpx, background %s; want ×1.30 on black", step, s.FontSize, s.Background)
		}
		if strings.Join(s.Pressed, " ") != "fs2 hc" {
			t.Errorf("%s: pressed %v, want [fs2 hc]", step, s.Pressed)
		}
	}

	tap(t, ctx, `.a11y-tools [data-hc]`)
	tap(t, ctx, `.a11y-tools [data-fs="0"]`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	s = state()
	if strings.Contains(s.Class, "hc") || strings.Contains(s.Class, "fs") || s.FontSize != base {
		t.Errorf("back to normal: <html class=%q>, font-size %.1fpx (was %.1f)", s.Class, s.FontSize, base)
	}
}

// TestWithoutJavaScript: the controls need JavaScript, so without it they
// are not shown at all rather than shown dead, and the page is whole.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, phone, "/")
	type noJS struct {
		Class         string
		Tools, Header float64
	}
	got := eval[noJS](t, ctx, `({
	  class: document.documentElement.className,
	  tools: (document.querySelector('.a11y-tools') || {getBoundingClientRect: () => ({height: -1})}).getBoundingClientRect().height,
	  header: document.querySelector('.site-header').getBoundingClientRect().height,
	})`)
	if strings.Contains(got.Class, "js") {
		t.Errorf("<html class=%q> without JavaScript", got.Class)
	}
	if got.Tools != 0 {
		t.Errorf("reading controls are %v px tall without JavaScript, want hidden (0)", got.Tools)
	}
	if got.Header < 60 {
		t.Errorf("header %v px tall without JavaScript", got.Header)
	}
}
