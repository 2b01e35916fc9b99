package browsertest

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A reader's query that finds nothing as typed is tried once more the way
// the reader most likely meant it: punctuation typed or pasted with the
// words (党建，引领 / “医心向党”) separates them as a space does, and
// traditional characters (黨建, a phone set to 繁体) become simplified, and
// a year written against words (2020年抗疫) is a word of its own. The
// status says so. A query that finds nothing either way still says
// 没有找到. Checked from disk, as the portal is often opened.
func TestSearchTriesTheEasierQuery(t *testing.T) {
	ctx := newTab(t)
	base := "file://" + filepath.ToSlash(siteDir) + "/search/index.html?q="
	search := func(q string) (status string, n int) {
		t.Helper()
		if err := chromedp.Do(ctx, narrow.action(), chromedp.Navigate(base+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		r := eval[struct {
			Status string
			N      int
		}](t, ctx, `new Promise(resolve => {
		  const done = () => {
		    const r = document.getElementById('search-results'), s = document.getElementById('search-status').textContent;
		    if (r.getAttribute('aria-busy') === 'false' && s && !s.startsWith('正在') && !s.endsWith('正在显示…')) {
		      resolve({status: s, n: r.querySelectorAll('a').length});
		    } else setTimeout(done, 50);
		  };
		  done();
		})`)
		return r.Status, r.N
	}
	for _, tc := range []struct{ typed, meant string }{
		{"黨建", "党建"},
		{"党建，引领", "党建 引领"},
		{"“医心向党”", "医心向党"},
		{"醫院黨委", "医院党委"},
		{"2020年抗疫", "2020年 抗疫"},
		{"抗疫2020", "抗疫 2020"},
	} {
		st, n := search(tc.typed)
		wantSt, wantN := search(tc.meant)
		if n == 0 || n != wantN {
			t.Errorf("%s: %d results (%q), want those of %s: %d (%q)", tc.typed, n, st, tc.meant, wantN, wantSt)
		}
		if want := "没有找到“" + tc.typed + "”，以下是“" + tc.meant + "”的结果："; !strings.HasPrefix(st, want) {
			t.Errorf("%s: status %q, want it to begin %q", tc.typed, st, want)
		}
	}
	// Found as typed: not rewritten.
	if st, _ := search("党建品牌。"); strings.Contains(st, "以下是") {
		t.Errorf("党建品牌。 found as typed, but the status says %q", st)
	}
	if st, n := search("岳阳，抗震"); n != 0 || st != "没有找到包含“岳阳，抗震”的内容。" {
		t.Errorf("nothing either way: %d results, %q", n, st)
	}
	// The reader's own quotes are not doubled.
	if st, n := search("“医心向党X”"); n != 0 || st != "没有找到包含“医心向党X”的内容。" {
		t.Errorf("quoted, nothing found: %d results, %q", n, st)
	}
}
