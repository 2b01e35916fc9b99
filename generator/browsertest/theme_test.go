package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// inMainScrolls lists the elements inside <main> that scroll (sideways, or
// up and down in a fixed-height box) or stick out of the viewport.
const inMainScrolls = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
    ' ' + (e.textContent || '').trim().slice(0, 16);
  for (const e of document.querySelectorAll('main, main *')) {
    const cs = getComputedStyle(e);
    if (e.scrollWidth > e.clientWidth + 1 && /(auto|scroll)/.test(cs.overflowX)) out.push(name(e) + ' scrolls sideways: ' + e.scrollWidth + ' > ' + e.clientWidth);
    if (e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(cs.overflowY)) out.push(name(e) + ' scrolls up and down: ' + e.scrollHeight + ' > ' + e.clientHeight);
    const r = e.getBoundingClientRect();
    if (r.width > 1 && r.height > 1 && (r.right > w + 1 || r.left < -1)) out.push(name(e) + ' sticks out: ' + Math.round(r.left) + '…' + Math.round(r.right));
  }
  return out.slice(0, 8);
})()`

// TestPhoneTables: on a 375 px phone, at the normal and the largest text
// size, nothing inside <main> of the honor list, a unit profile and /stats/
// scrolls sideways: their tables are stacked cards. The honor list's caption
// shows and its footnotes come after the table.
func TestPhoneTables(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, phone, "/")
	for _, fs := range []int{0, 2} {
		setMode(t, ctx, fs, false)
		for _, p := range []string{"/honors/2020-kangyi/", "/units/diyi-yiyuan/", "/stats/"} {
			t.Run(fmt.Sprintf("%s-fs%d", strings.Trim(p, "/"), fs), func(t *testing.T) {
				open(t, ctx, phone, p)
				for _, s := range eval[[]string](t, ctx, inMainScrolls) {
					t.Error(s)
				}
				if n := eval[int](t, ctx, `document.querySelectorAll('main table').length`); n == 0 {
					t.Fatal("no table on the page")
				}
				// Every row of every table is drawn: no box hides some.
				if hidden := eval[int](t, ctx, `[...document.querySelectorAll('main tbody tr')].filter(r => r.getBoundingClientRect().height < 1).length`); hidden > 0 {
					t.Errorf("%d table rows not shown", hidden)
				}
			})
		}
	}
	t.Run("honor-caption-and-notes", func(t *testing.T) {
		open(t, ctx, phone, "/honors/2020-kangyi/")
		ok := eval[[]bool](t, ctx, `(() => {
		  const c = document.querySelector('.honor-table caption'), tb = document.querySelector('.honor-table'), fn = document.querySelector('.footnotes');
		  const r = c.getBoundingClientRect();
		  return [r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth,
		          !!fn && !!(tb.compareDocumentPosition(fn) & Node.DOCUMENT_POSITION_FOLLOWING)];
		})()`)
		if !ok[0] {
			t.Error("the honor table's caption is not fully on screen")
		}
		if !ok[1] {
			t.Error("the footnotes do not come after the honor table")
		}
	})
}

// TestHeaderHeight: the header takes at most a quarter of a 375×760
// phone's first screen, at the normal and the largest text size.
func TestHeaderHeight(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, phone, "/")
	for _, fs := range []int{0, 1, 2} {
		setMode(t, ctx, fs, false)
		for _, p := range []string{"/", "/news/2016-xianfeng-xianxing-tongbao/", "/honors/2020-kangyi/", "/stats/", "/sitemap/"} {
			open(t, ctx, phone, p)
			h := eval[[]float64](t, ctx, `[document.querySelector('.site-header').getBoundingClientRect().height, innerHeight]`)
			if h[0] > h[1]/4 {
				t.Errorf("%s, text size %d: header %.0f px of a %.0f px screen (over a quarter)", p, fs, h[0], h[1])
			} else {
				t.Logf("%s, text size %d: header %.0f px (%.0f%%)", p, fs, h[0], 100*h[0]/h[1])
			}
		}
	}
}

// speechStub replaces the browser's speech synthesis with one whose voices
// are VOICES (set later by window.__setVoices, which fires voiceschanged),
// recording what it is asked to say.
const speechStub = `(() => {
  let voices = %s; const listeners = [];
  window.__spoken = []; window.__calls = [];
  const synth = {
    getVoices: () => voices,
    speak(u) { window.__spoken.push(u.text); window.__calls.push('speak:' + u.lang); },
    cancel() { window.__calls.push('cancel'); },
    pause() { window.__calls.push('pause'); },
    resume() { window.__calls.push('resume'); },
    addEventListener(type, f) { if (type === 'voiceschanged') listeners.push(f); },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.__setVoices = v => { voices = v; listeners.forEach(f => f()); };
})()`

func stubSpeech(t *testing.T, ctx context.Context, voices string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(speechStub, voices)}); err != nil {
		t.Fatal(err)
	}
}

func readAloudShown(t *testing.T, ctx context.Context) bool {
	t.Helper()
	return eval[bool](t, ctx, `(() => { const e = document.querySelector('[data-read-aloud]');
	  return !!e && !e.hidden && e.getBoundingClientRect().height > 0; })()`)
}

// TestReadAloud: the 朗读 controls show only where the browser has a
// Chinese voice (also one that arrives late), and read the title and body.
func TestReadAloud(t *testing.T) {
	t.Parallel()
	const article = "/news/2016-xianfeng-xianxing-tongbao/"
	t.Run("zh-voice", func(t *testing.T) {
		ctx := newTab(t)
		stubSpeech(t, ctx, `[{name: '中文', lang: 'zh-CN'}]`)
		open(t, ctx, phone, article)
		if !readAloudShown(t, ctx) {
			t.Fatal("no 朗读 button although a zh-CN voice exists")
		}
		checkAxe(t, ctx, "read aloud shown", wcagRules)
		tap(t, ctx, `[data-ra="play"]`)
		got := eval[[]string](t, ctx, `window.__spoken`)
		title := eval[string](t, ctx, `document.querySelector('h1').textContent`)
		if len(got) == 0 || !strings.HasPrefix(got[0], title) {
			t.Errorf("spoke %q first, want the title %q", got, title)
		}
		if calls := eval[[]string](t, ctx, `window.__calls`); !strings.Contains(strings.Join(calls, " "), "speak:zh-CN") {
			t.Errorf("calls %v: not spoken in zh-CN", calls)
		}
		shown := func() string {
			return eval[string](t, ctx, `[...document.querySelectorAll('[data-read-aloud] button')].filter(b => !b.hidden && b.getBoundingClientRect().height > 0).map(b => b.dataset.ra).join(' ')`)
		}
		if s := shown(); s != "pause stop" {
			t.Errorf("while reading, controls %q, want \"pause stop\"", s)
		}
		tap(t, ctx, `[data-ra="pause"]`)
		if s := shown(); s != "resume stop" {
			t.Errorf("paused, controls %q, want \"resume stop\"", s)
		}
		tap(t, ctx, `[data-ra="stop"]`)
		if s := shown(); s != "play" {
			t.Errorf("stopped, controls %q, want \"play\"", s)
		}
	})
	t.Run("no-zh-voice", func(t *testing.T) {
		ctx := newTab(t)
		stubSpeech(t, ctx, `[{name: 'English', lang: 'en-US'}]`)
		open(t, ctx, phone, article)
		if readAloudShown(t, ctx) {
			t.Error("朗读 shown with no Chinese voice")
		}
	})
	t.Run("late-zh-voice", func(t *testing.T) {
		ctx := newTab(t)
		stubSpeech(t, ctx, `[]`)
		open(t, ctx, phone, article)
		if readAloudShown(t, ctx) {
			t.Fatal("朗读 shown before any voice")
		}
		eval[chromedp.Void](t, ctx, `window.__setVoices([{name: '粤语', lang: 'zh-HK'}, {name: '普通话', lang: 'zh_CN'}])`)
		if !readAloudShown(t, ctx) {
			t.Error("朗读 not shown after a zh voice arrived (voiceschanged)")
		}
	})
}

// TestBodyTablesAreCards: a table written in a page's text (a 公示, an
// inspection's results) on a 360 px phone, at the normal and the largest
// text size, is one card per row, each cell a full-width "列名：内容" line.
// It was squeezed into its columns: names and phone numbers broke one or
// two characters a line.
func TestBodyTablesAreCards(t *testing.T) {
	t.Parallel()
	ctx := newTab(t)
	open(t, ctx, narrow, "/")
	for _, fs := range []int{0, 2} {
		setMode(t, ctx, fs, false)
		t.Run(fmt.Sprintf("fs%d", fs), func(t *testing.T) {
			open(t, ctx, narrow, "/news/2024-sanhui-yike-choucha/")
			for _, s := range eval[[]string](t, ctx, inMainScrolls) {
				t.Error(s)
			}
			got := eval[map[string]any](t, ctx, `(() => {
			  const prose = document.querySelector('main .prose').getBoundingClientRect().width;
			  // An empty cell is not drawn on a card (td:empty).
			  const cells = [...document.querySelectorAll('main .prose td')].filter(c => c.getBoundingClientRect().height > 0);
			  const narrowest = Math.min(...cells.map(c => c.getBoundingClientRect().width));
			  const label = getComputedStyle(cells[0], '::before').content;
			  return {n: cells.length, ratio: narrowest / prose, label};
			})()`)
			if n, _ := got["n"].(float64); n == 0 {
				t.Fatal("no table cell on the page")
			}
			if r, _ := got["ratio"].(float64); r < 0.6 {
				t.Errorf("the narrowest cell is %.0f%% of the text's width: the table is squeezed into columns, not cards", r*100)
			}
			if l, _ := got["label"].(string); !strings.Contains(l, "单位") {
				t.Errorf("the first cell is not labelled with its column: %q", l)
			}
		})
	}
}
