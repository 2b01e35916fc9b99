package searchbench

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Profile is a reader's device and network, emulated through Chromium's
// DevTools protocol (Network.emulateNetworkConditions and
// Emulation.setCPUThrottlingRate).
type Profile struct {
	Name  string
	CPU   float64       // slowdown factor of the processor
	RTT   time.Duration // round trip added to every request
	Down  float64       // download bandwidth, bits per second
	Limit time.Duration // the time a query's first results must be on screen within
}

// Profiles are the readers: an old phone on 4G and on 3G.
var Profiles = []Profile{
	{Name: "old phone 4G", CPU: 4, RTT: 150 * time.Millisecond, Down: 9e6, Limit: time.Second},
	{Name: "3G", CPU: 6, RTT: 300 * time.Millisecond, Down: 1.6e6, Limit: 2 * time.Second},
}

// netConditions are the parameters of Network.emulateNetworkConditions,
// which the generated protocol package no longer carries.
type netConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[netConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// throttle applies p to the tab ctx.
func throttle(ctx context.Context, p Profile) error {
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	// Bandwidth in bytes per second; upload as a quarter of download.
	c := netConditions{Latency: float64(p.RTT / time.Millisecond), DownloadThroughput: p.Down / 8, UploadThroughput: p.Down / 32}
	if _, err := chromedp.Call(ctx, emulateNetworkConditions, c); err != nil {
		return fmt.Errorf("Network.emulateNetworkConditions: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: p.CPU}); err != nil {
		return err
	}
	return nil
}

// Cold is one query measured from a cold start: the search page opened
// with the query in its address (?q=), in a fresh browser context, the time
// from the page's HTML having arrived to the results filled in (the done
// signal, aria-busy="false" on #search-results), so the engine's start-up
// (search.js and everything after it) counts.
type Cold struct {
	Engine  string
	Query   string
	Profile string
	Hits    int
	Bytes   int64 // search files: script, index, fragments, texts
	Gzip    int64 // the same files gzipped (GzipLevel)
	Files   int
	Waves   int // sequential request waves after the page's HTML
	Time    time.Duration
	FromNav time.Duration // the same from the navigation's start: the page's HTML counted
}

type coldResult struct {
	Ms    float64   `json:"ms"`
	Nav   float64   `json:"nav"`
	Hits  int       `json:"hits"`
	Res   []resTime `json:"res"`
	Marks []resTime `json:"marks"` // performance.mark()s, printed with the trace
	Error string    `json:"error"`
}

type resTime struct {
	Name  string  `json:"name"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// coldWait waits for the done signal and reports the time since the HTML
// arrived (and since the navigation began: a build's search page carries
// the engine and the index's directory, whose transfer only that figure
// counts) and the resources fetched since.
const coldWait = `(async function (pf) {
  var nav = performance.getEntriesByType('navigation')[0], from = nav ? nav.responseEnd : 0;
  for (var i = 0; i < 6000; i++) {
    if (pf ? window.pfDone : document.getElementById('search-results').getAttribute('aria-busy') === 'false') break;
    await new Promise(function (r) { setTimeout(r, 5); });
  }
  var end = pf ? (window.pfDone ? window.pfDone.at : -1) : window.djsDone;
  var st = document.getElementById('search-status'), m = st && /找到 (\d+) 条/.exec(st.textContent);
  return {ms: end - from, nav: end, hits: pf ? (window.pfDone ? window.pfDone.hits : 0) : (m ? +m[1] : 0),
    res: performance.getEntriesByType('resource').filter(function (e) { return e.startTime >= from; })
      .map(function (e) { return {name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd}; }),
    marks: performance.getEntriesByType('mark').concat(performance.getEntriesByType('paint'))
      .map(function (e) { return {name: e.name, start: e.startTime, end: e.startTime}; })
      .concat(nav ? ['responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart', 'loadEventStart']
        .map(function (k) { return {name: 'html ' + k, start: nav[k], end: nav[k]}; }) : [])};
})(%v)`

// doneAt records when #search-results turns aria-busy="false", before the
// page is polled: the poll's own delay does not count.
const doneAt = `(function () {
  var seen = false;
  new MutationObserver(function () {
    var r = document.getElementById('search-results');
    if (!seen && r && r.getAttribute('aria-busy') === 'false') { seen = true; window.djsDone = performance.now(); }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});
})();`

// QueryCold measures q on engine from a cold start under profile p (nil:
// no throttling).
func QueryCold(bctx context.Context, srv *Server, engine, q string, p *Profile) (Cold, error) {
	srv.Reset()
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil {
		return Cold{}, err
	}
	name := "none"
	if p != nil {
		name = p.Name
		if err := throttle(ctx, *p); err != nil {
			return Cold{}, err
		}
	}
	addr, match := srv.URL+"/search/?q="+url.QueryEscape(q), searchFile
	if engine == Pagefind {
		addr, match = srv.URL+"/_pf/?q="+url.QueryEscape(q), pagefindFile
	} else if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: doneAt}); err != nil {
		return Cold{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(addr)); err != nil {
		return Cold{}, err
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[coldResult](fmt.Sprintf(coldWait, engine == Pagefind), chromedp.EvalAwaitPromise))
	if err != nil {
		return Cold{}, fmt.Errorf("%s %q: %w", engine, q, err)
	}
	if r.Ms < 0 {
		return Cold{}, fmt.Errorf("%s %q: never done", engine, q)
	}
	if os.Getenv("DANGJIAN_BENCH_TRACE") != "" {
		for _, x := range r.Res {
			fmt.Fprintf(os.Stderr, "%s %s %q: %6.0f → %6.0f ms %s\n", name, engine, q, x.Start, x.End, x.Name)
		}
		for _, x := range r.Marks {
			fmt.Fprintf(os.Stderr, "%s %s %q: %6.0f mark %s\n", name, engine, q, x.Start, x.Name)
		}
		fmt.Fprintf(os.Stderr, "%s %s %q: done after %.0f ms from the HTML\n", name, engine, q, r.Ms)
	}
	b, n := srv.Sent(match)
	var res []resTime
	for _, x := range r.Res {
		if match(x.Name) {
			res = append(res, x)
		}
	}
	return Cold{Engine: engine, Query: q, Profile: name, Hits: r.Hits, Bytes: b, Gzip: srv.SentGzip(match), Files: n, Waves: waves(res),
		Time: time.Duration(r.Ms * float64(time.Millisecond)), FromNav: time.Duration(r.Nav * float64(time.Millisecond))}, nil
}

// pnav is a Pagefind time's figure from the navigation's start, in
// brackets.
func pnav(p Cold) string {
	if p.Engine == "" {
		return ""
	}
	return fmt.Sprintf(" (%.0f)", ms(p.FromNav))
}

// waves is the longest chain of requests where each starts after the one
// before it has arrived: a request's wave is one more than the highest
// wave among the requests that ended before it started. Requests that
// start together, or wait only for a free connection, share a wave.
func waves(res []resTime) int {
	sort.Slice(res, func(i, j int) bool { return res[i].Start < res[j].Start })
	w := make([]int, len(res))
	most := 0
	for i := range res {
		w[i] = 1
		for j := range i {
			if res[j].End <= res[i].Start && w[j]+1 > w[i] {
				w[i] = w[j] + 1
			}
		}
		most = max(most, w[i])
	}
	return most
}

// RunCold measures every query on each engine under each profile, runs
// times each (the median kept), the engines interleaved query by query.
//
// host says how the server sends the files: gzipped, as a host configured
// as docs/search.md says does (the byte figures are the plain and the
// gzipped sizes either way), and over HTTP/2.
func RunCold(site, pagefind string, queries []string, profiles []*Profile, runs int, host Host) ([]Cold, error) {
	srv, err := Serve(site, pagefind, host)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	bctx, stop, err := Browser("")
	if err != nil {
		return nil, err
	}
	defer stop()
	engines := []string{Dangjian}
	if pagefind != "" {
		engines = append(engines, Pagefind)
	}
	var out []Cold
	for _, p := range profiles {
		for _, q := range queries {
			rs := map[string][]Cold{}
			for range max(1, runs) {
				for _, e := range engines {
					c, err := QueryCold(bctx, srv, e, q, p)
					if err != nil {
						return out, err
					}
					rs[e] = append(rs[e], c)
				}
			}
			for _, e := range engines {
				r := rs[e]
				sort.Slice(r, func(i, j int) bool { return r[i].Time < r[j].Time })
				out = append(out, r[len(r)/2])
			}
		}
	}
	return out, nil
}

// ColdTable formats cold figures as a Markdown table, a row per query and
// profile, and marks a dangjian time over the profile's limit.
func ColdTable(figs []Cold, profiles []*Profile) string {
	limit := map[string]time.Duration{}
	for _, p := range profiles {
		if p != nil {
			limit[p.Name] = p.Limit
		}
	}
	type key struct{ p, q string }
	by := map[key]map[string]Cold{}
	var keys []key
	for _, f := range figs {
		k := key{f.Profile, f.Query}
		if by[k] == nil {
			by[k] = map[string]Cold{}
			keys = append(keys, k)
		}
		by[k][f.Engine] = f
	}
	var b strings.Builder
	b.WriteString("| profile | query | hits | KB (gzip) | files | waves | ms (from start) | Pagefind hits | Pagefind KB (gzip) | Pagefind waves | Pagefind ms (from start) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range keys {
		d, p := by[k][Dangjian], by[k][Pagefind]
		over := ""
		if l := limit[k.p]; l > 0 && d.Time > l {
			over = " (over)"
		}
		ph, pkb, pw, pms := "–", "–", "–", "–"
		if p.Engine != "" {
			ph, pkb, pw, pms = fmt.Sprint(p.Hits), fmt.Sprintf("%.1f (%.1f)", kb(p.Bytes), kb(p.Gzip)), fmt.Sprint(p.Waves), fmt.Sprintf("%.0f", ms(p.Time))
		}
		pms += pnav(p)
		fmt.Fprintf(&b, "| %s | %s | %d | %.1f (%.1f) | %d | %d | %.0f%s (%.0f) | %s | %s | %s | %s |\n", k.p, k.q, d.Hits, kb(d.Bytes), kb(d.Gzip), d.Files, d.Waves, ms(d.Time), over, ms(d.FromNav), ph, pkb, pw, pms)
	}
	return b.String()
}
