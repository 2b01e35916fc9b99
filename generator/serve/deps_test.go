package serve

import (
	"slices"
	"testing"

	"dangjian/generator/corpus"
	"dangjian/generator/render"
	"dangjian/generator/site"
)

// TestJobIndexPicksWhatTheWalkPicks: for an edit that keeps the plan, the
// jobs the index asks give what asking every job of the plan gives, for
// each published file of a generated site (units, brands, honor lists,
// news, section pages) changed alone, and for the site's own index pages.
func TestJobIndexPicksWhatTheWalkPicks(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: 300, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	standInLayouts(t, dir)
	root := "/"
	b := newBuilder(site.Options{Source: dir, BaseURL: &root, NoMinify: true, Inject: Inject, Now: fixedNow, NoSearch: true})
	if res := b.full(); res.failed() {
		t.Fatalf("full build: %v", res.problems)
	}
	c := b.site.Render.C
	urls := func(jobs []render.Job) []string {
		var out []string
		for _, j := range jobs {
			out = append(out, j.URL)
		}
		return out
	}
	asked := 0
	for _, p := range b.site.Published {
		for _, bodyOnly := range []bool{true, false} {
			tc := touched(c, c, map[string]bool{p.Path: true})
			tc.bodyOnly = bodyOnly
			want := urls(affected(b.jobs, b.plan, tc))
			got := urls(b.index.affectedSamePlan(tc))
			if !slices.Equal(got, want) {
				t.Fatalf("%s (body only %v): the index picks %d jobs %q, the walk %d %q", p.Path, bodyOnly, len(got), got, len(want), want)
			}
			asked += len(want)
		}
	}
	if asked == 0 {
		t.Fatal("no edit picked any job")
	}
}
