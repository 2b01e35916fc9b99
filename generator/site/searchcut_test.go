package site

import (
	"math/rand/v2"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// A page of random characters (a pasted table of codes) is cut in the
// search index (search.Unindexed): the build warns of it at the page, on
// every build, also when it keeps the previous index, and of no other page.
func TestSearchCutWarns(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := range 600_000 {
		if i > 0 && i%1000 == 0 {
			b.WriteString("\n\n")
		}
		b.WriteRune(rune(0x4E00 + r.IntN(0x9FA5-0x4E00)))
	}
	dir := sitetest.Write(t, sitetest.Minimal)
	sitetest.WriteInto(t, dir, "-- content/news/codes.md --\n+++\ntitle = \"编码表\"\ndate = 2024-05-06\n+++\n\n"+b.String()+"\n")
	for _, build := range []string{"cold", "warm"} {
		res, err := Build(Options{Source: dir, BaseURL: strptr("")})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range res.Warnings {
			if w.Msg == diag.MsgSearchCut {
				got = append(got, w.Path)
				if text := w.Format(diag.Chinese); !strings.Contains(text, "搜索不到") {
					t.Errorf("%s build: %s", build, text)
				}
			}
		}
		if len(got) != 1 || got[0] != "content/news/codes.md" {
			t.Errorf("%s build: search cut warned at %v, want content/news/codes.md", build, got)
		}
		if build == "warm" && !res.SearchLinked {
			t.Errorf("the warm build made the index again: the test needs it kept")
		}
	}
}
