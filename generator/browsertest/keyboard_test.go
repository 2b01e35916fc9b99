package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type focused struct {
	Tag, ID, Cls, Text string
	Skip, Nav, Search  bool
	Tools, Main        bool
	Ring, Visible      bool
}

const focusInfo = `(() => {
  const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className),
    text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 24),
    skip: e.classList.contains('skip-link'), nav: !!e.closest('.site-nav'),
    search: e.id === 'header-q', tools: !!e.closest('.a11y-tools'),
    main: !!e.closest('main'),
    // A focus ring: an outline at least 2px wide, or a box-shadow ring.
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
  };
})()`

// TestKeyboard tabs through the top of every page: the skip link comes
// first, then the reading controls, the search box and the navigation, and
// then main content; each stop shows a focus ring.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	eachPage(t, func(t *testing.T, p pageCase) {
		open(t, ctx, desktop, p.path)
		var seen []focused
		for i := 0; i < 80; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			f := eval[focused](t, ctx, focusInfo)
			if f.Tag == "body" {
				break // wrapped around: the page has nothing more to focus
			}
			seen = append(seen, f)
			if !f.Ring || !f.Visible {
				t.Errorf("tab stop %d (<%s class=%q> %q): focus ring %v, on screen %v", i+1, f.Tag, f.Cls, f.Text, f.Ring, f.Visible)
			}
			if f.Main {
				break
			}
		}
		if len(seen) == 0 || !seen[0].Skip {
			t.Fatalf("first tab stop is %+v, want the skip link", seen[0])
		}
		var nav, search, tools, main bool
		// A page whose main content has no link or control can't be tabbed into.
		main = !eval[bool](t, ctx, `!!document.querySelector('main a[href], main button, main input, main select, main textarea, main [tabindex="0"]')`)
		for _, f := range seen {
			nav, search, tools, main = nav || f.Nav, search || f.Search, tools || f.Tools, main || f.Main
		}
		if !nav || !search || !tools || !main {
			t.Errorf("tabbing reached navigation %v, search box %v, reading controls %v, main content %v; want all", nav, search, tools, main)
		}

		// The skip link must land in main, so the next Tab starts there.
		open(t, ctx, desktop, p.path)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if id := eval[string](t, ctx, `document.activeElement.id`); id != "main" {
			t.Errorf("after the skip link, focus is on #%q, want #main", id)
		}
	})
}
