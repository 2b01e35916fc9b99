package bench

import (
	"fmt"
	"os"
	"path/filepath"

	"dangjian/generator/corpus"
	"dangjian/generator/search/searchbench"
)

// SearchQueries are the queries the throttled search measurement runs by
// default: the common words and a date the search issue names (党建,
// 示范点, 2023), and a list of our own that the corpus generator's phrases
// do not favour: dates in other forms, common words, a unit-style phrase,
// phrases no page has (疫苗接种, 四强党支部) and a pasted document title.
var SearchQueries = []string{"党建", "示范点", "2023", "2023年5月", "护士", "中医", "群众满意", "学习强国",
	"疫苗接种", "四强党支部", "关于进一步加强基层医疗卫生机构党建工作的通知"}

// measureSearch times each query from a cold start in Chromium, without
// throttling and on the old phone's 4G and 3G (searchbench.Profiles),
// over the built site opt.SearchSite, or a site it builds from the corpus
// of n pages; with opt.PagefindOut, Pagefind's index of that site beside.
func measureSearch(opt Options, work string, n int) error {
	site := opt.SearchSite
	if site == "" {
		src := filepath.Join(work, fmt.Sprintf("search-site-%d", n))
		if _, err := corpus.Generate(src, corpus.Options{Pages: n, Seed: 1}); err != nil {
			return err
		}
		defer os.RemoveAll(src)
		site = filepath.Join(work, fmt.Sprintf("search-public-%d", n))
		defer os.RemoveAll(site)
		if _, _, err := child(opt, []string{"build", "-source", src, "-dest", site}, new(buildReport)); err != nil {
			return err
		}
	}
	queries := opt.SearchQueries
	if len(queries) == 0 {
		queries = SearchQueries
	}
	profiles := []*searchbench.Profile{nil}
	for i := range searchbench.Profiles {
		profiles = append(profiles, &searchbench.Profiles[i])
	}
	host := searchbench.Host{Gzip: opt.Gzip, HTTP2: opt.HTTP2}
	figs, err := searchbench.RunCold(site, opt.PagefindOut, queries, profiles, max(1, opt.SearchRuns), host)
	if err != nil {
		return err
	}
	served := "plain (no compression, as file:// or a host without gzip)"
	if opt.Gzip {
		served = "gzipped by the server (level 6)"
	}
	if opt.HTTP2 {
		served += ", over HTTPS with HTTP/2 (one connection, every request at once)"
	} else {
		served += ", over HTTP/1.1 (six connections)"
	}
	fmt.Fprintf(opt.Out, "\nsearch from a cold start, %s, text %s; ms from the page's HTML (from the navigation's start, the HTML's transfer counted); limits: 4G 1 s, 3G 2 s\n\n%s",
		site, served, searchbench.ColdTable(figs, profiles))
	return nil
}
