package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

//go:embed testdata/axe/axe.min.js
var axeSource string

// The WCAG 2.1 A and AA rules; best-practice rules are reported by other
// tools and would make the suite fail on matters of taste.
const axeRun = `axe.run(document, {
  runOnly: %s,
  resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
  nodes: v.nodes.slice(0, 4).map(n => ({
    target: n.target.join(' '), html: n.html.slice(0, 160),
    summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
  })),
})))`

type axeViolation struct {
	ID, Impact, Help string
	Count            int
	Nodes            []struct{ Target, HTML, Summary string }
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %d nodes): %s", v.ID, v.Impact, v.Count, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s  %s\n\t\t%s", n.Target, n.HTML, n.Summary)
	}
	return b.String()
}

// What axe checks: all WCAG 2.1 A and AA rules, or only the rules a colour
// scheme can break (the reading modes change CSS, not the markup).
const (
	wcagRules   = `{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}`
	colourRules = `{type: 'rule', values: ['color-contrast', 'link-in-text-block']}`
)

// runAxe injects axe-core into the loaded page and returns its violations.
func runAxe(t *testing.T, ctx context.Context, rules string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	return eval[[]axeViolation](t, ctx, fmt.Sprintf(axeRun, rules))
}

// checkAxe fails on serious and critical violations and logs the rest.
func checkAxe(t *testing.T, ctx context.Context, mode, rules string) {
	t.Helper()
	for _, v := range runAxe(t, ctx, rules) {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe [%s]: %s", mode, v)
		} else {
			t.Logf("axe [%s], not failing: %s", mode, v)
		}
	}
}

// setMode stores a reading mode as the theme's control does, so the next
// load starts in it. fs is the text size step (0 normal), hc high contrast.
func setMode(t *testing.T, ctx context.Context, fs int, hc bool) {
	t.Helper()
	eval[chromedp.Void](t, ctx, fmt.Sprintf(
		`localStorage.setItem('dj-fs', '%d'); localStorage.setItem('dj-hc', '%v')`, fs, map[bool]int{false: 0, true: 1}[hc]))
}

func TestAxe(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	eachPage(t, func(t *testing.T, p pageCase) {
		open(t, ctx, desktop, p.path)
		checkAxe(t, ctx, "normal", wcagRules)
		checkBasics(t, ctx)
	})
}

// TestAxeHighContrast runs the colour rules in the high-contrast,
// largest-text mode, on a phone: the mode swaps colours, not markup.
func TestAxeHighContrast(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, phone, "/")
	setMode(t, ctx, 2, true)
	eachPage(t, func(t *testing.T, p pageCase) {
		open(t, ctx, phone, p.path)
		if cls := eval[string](t, ctx, `document.documentElement.className`); !strings.Contains(cls, "hc") {
			t.Fatalf("high-contrast mode not applied: <html class=%q>", cls)
		}
		checkAxe(t, ctx, "high contrast, large text", colourRules)
	})
}

// checkBasics are the checks the brief names besides axe: the language,
// a title, one h1, and an alt attribute on every image (empty only for
// images that repeat the text beside them).
func checkBasics(t *testing.T, ctx context.Context) {
	t.Helper()
	type basics struct {
		Lang, Title string
		H1          int
		NoAlt       []string
	}
	b := eval[basics](t, ctx, `({
	  lang: document.documentElement.lang,
	  title: document.title,
	  h1: document.querySelectorAll('h1').length,
	  noAlt: [...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.outerHTML.slice(0, 120)),
	})`)
	if b.Lang != "zh-CN" {
		t.Errorf(`<html lang=%q>, want "zh-CN"`, b.Lang)
	}
	if strings.TrimSpace(b.Title) == "" {
		t.Error("empty <title>")
	}
	if b.H1 != 1 {
		t.Errorf("%d h1 elements, want 1", b.H1)
	}
	for _, img := range b.NoAlt {
		t.Errorf("img without alt: %s", img)
	}
}

// TestAxeCatches guards the harness itself: a page spoilt on purpose must
// give serious violations, or a broken injection would pass every page.
func TestAxeCatches(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, desktop, "/")
	eval[chromedp.Void](t, ctx, `
	  document.querySelector('main').insertAdjacentHTML('afterbegin',
	    '<p style="color:#ccc;background:#fff">淡色文字</p><a href="/x/"><img src="/img/emblem.svg"></a>')`)
	got := map[string]bool{}
	for _, v := range runAxe(t, ctx, wcagRules) {
		got[v.ID+"/"+v.Impact] = true
	}
	for _, want := range []string{"color-contrast/serious", "image-alt/critical"} {
		if !got[want] {
			t.Errorf("axe missed %s on a spoilt page; got %v", want, got)
		}
	}
}
