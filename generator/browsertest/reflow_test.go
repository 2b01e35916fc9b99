package browsertest

import (
	"context"
	"strings"
	"testing"
)

type overflow struct {
	ScrollWidth, ClientWidth int
	Culprits                 []string
}

// The widest elements that stick out of the page, outside boxes that scroll
// on their own (tables in .table-wrap), to make a failure easy to fix.
const measureOverflow = `(() => {
  const de = document.documentElement, w = de.clientWidth;
  const scrolls = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) return true; } return false; };
  const culprits = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > w + 1 && !scrolls(e);
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : '') +
    ' right=' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').trim().slice(0, 20));
  return {scrollWidth: de.scrollWidth, clientWidth: w, culprits};
})()`

// TestReflow: no page scrolls sideways on a 360 px phone, at 200 % zoom, or
// on the phone with the largest text; small targets are reported on phones.
func TestReflow(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, narrow, "/") // localStorage needs the site's origin
	eachPage(t, func(t *testing.T, p pageCase) {
		check := func(mode string) {
			o := eval[overflow](t, ctx, measureOverflow)
			if o.ScrollWidth > o.ClientWidth {
				t.Errorf("%s: page is %d px wide in a %d px viewport; sticking out:\n\t%s",
					mode, o.ScrollWidth, o.ClientWidth, strings.Join(o.Culprits, "\n\t"))
			}
		}
		setMode(t, ctx, 0, false)
		open(t, ctx, narrow, p.path)
		check("360 px")
		checkTargets(t, ctx, p.optional)
		open(t, ctx, zoom200, p.path)
		check("200% zoom")
		setMode(t, ctx, 2, false)
		open(t, ctx, narrow, p.path)
		check("360 px, largest text")
	})
}

// checkTargets wants every link and control a reader taps to be at least
// 44×44 CSS px, except links inside running text (WCAG 2.5.8's inline
// exception), which the line height of the sentence bounds.
//
// On pages whose layouts other engineers own (optional ones), small targets
// are logged rather than failed until those layouts adopt the check.
func checkTargets(t *testing.T, ctx context.Context, lenient bool) {
	t.Helper()
	small := eval[[]string](t, ctx, `(() => {
	  const inline = e => getComputedStyle(e).display === 'inline' && e.parentElement &&
	    e.parentElement.textContent.trim().length > e.textContent.trim().length + 1;
	  return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')].filter(e => {
	    const r = e.getBoundingClientRect();
	    if (r.width === 0 || r.height === 0 || r.bottom < 0 || e.closest('.visually-hidden')) return false;
	    if (e.closest('.prose, td, th') || inline(e)) return false;
	    return r.height < 43.5 || r.width < 43.5;
	  }).slice(0, 8).map(e => e.outerHTML.replace(/\s+/g, ' ').slice(0, 100) + ' ' +
	    Math.round(e.getBoundingClientRect().width) + '×' + Math.round(e.getBoundingClientRect().height));
	})()`)
	for _, s := range small {
		if lenient {
			t.Logf("tap target under 44 px (not failing: layout owned elsewhere): %s", s)
		} else {
			t.Errorf("tap target under 44 px: %s", s)
		}
	}
}
