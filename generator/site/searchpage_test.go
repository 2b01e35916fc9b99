package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/search"
)

// searchPageParts returns the search page of the output at pub, and the
// index head its meta.js and dir.js make.
func searchPageParts(t *testing.T, pub string) (page, head string) {
	t.Helper()
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	head, err := search.InlineHead(read("search/meta.js"), read("search/dir.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(read("search/index.html")), head
}

// The search page carries the index's metadata and directory and the
// engine; what it carries is the output's own index after every kind of
// build (a page with another build's directory would ask for lists that
// are not there and find nothing).
func TestSearchPageCarriesTheIndexHead(t *testing.T) {
	src := incrSite(t, 40)
	pub := filepath.Join(src, "public")
	check := func(step string) {
		t.Helper()
		page, head := searchPageParts(t, pub)
		if !strings.Contains(page, head) {
			t.Errorf("%s: the search page does not carry the output's meta.js and dir.js", step)
		}
		for _, f := range []string{"search/meta.js", "search/dir.js", "js/search.js"} {
			if strings.Contains(page, f+`"`) {
				t.Errorf("%s: the search page loads %s as a file", step, f)
			}
		}
		if !strings.Contains(page, "DJSearch") {
			t.Errorf("%s: the search page does not carry the engine", step)
		}
		css, err := os.ReadFile(filepath.Join(pub, "css", "main.css"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, "<style>"+string(css)+"</style>") || strings.Contains(page, `css/main.css"`) {
			t.Errorf("%s: the search page does not carry the published css/main.css, or still links it", step)
		}
	}
	incrBuild(t, src, pub, false)
	check("first build")
	if res := incrBuild(t, src, pub, false); !res.SearchLinked {
		t.Fatal("an unchanged rebuild made the search index again: the linked case is not tested")
	}
	check("unchanged rebuild (index linked)")
	editFile(t, filepath.Join(src, "content/news/n00003.md"), func(s string) string {
		return s + "\n\n增补一段：全体党员参加了专题学习会。\n"
	})
	if res := incrBuild(t, src, pub, false); !res.SearchUpdated {
		t.Fatal("a body edit did not update the index: the updated case is not tested")
	}
	check("a body edited (index updated)")
	before, _ := searchPageParts(t, pub)
	if err := os.WriteFile(filepath.Join(src, "content/news/added.md"),
		[]byte("+++\ntitle = \"新增一条动态\"\ndate = 2024-06-01\n+++\n新增的正文，讲述支部开展主题党日活动的情况。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	incrBuild(t, src, pub, false)
	check("a page added")
	if after, _ := searchPageParts(t, pub); after == before {
		t.Error("adding a page left the search page as it was: its metadata counts the docs")
	}
}

// An engine (a site's own js/search.js) with text that would end the page's
// script element is loaded as a file instead of carried.
func TestSearchPageLoadsAnUnsafeEngineAsAFile(t *testing.T) {
	src := incrSite(t, 10)
	own := filepath.Join(src, "static", "js", "search.js")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte(`window.DJSearch = {note: "</script><b>x</b>"};`), 0o644); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	page, head := searchPageParts(t, pub)
	if strings.Contains(page, "<b>x</b>") || !strings.Contains(page, `js/search.js"`) {
		t.Errorf("the unsafe engine was carried, or not loaded as a file:\n%.3000s", page)
	}
	if !strings.Contains(page, head) {
		t.Error("the index head was left out with the engine")
	}
}

// The stylesheet is carried only where it means in the search page what
// it means in css/main.css: its addresses resolve alike from both folders.
func TestSafeInSearchPageStyle(t *testing.T) {
	for _, c := range []struct {
		css  string
		safe bool
	}{
		{`body{color:#222}`, true},
		{`.a{background:url(../img/emblem.svg)}`, true},
		{`.a{background:url( "/img/a.png" )}`, true},
		{`.a{background:url('data:image/svg+xml,<svg/>')}`, true},
		{`.a{background:url(https://intranet.example/a.png)}`, true},
		{`.a{behavior:url(#x)}`, true},
		{`@font-face{src:url(fonts/a.woff)}`, false},
		{`@font-face{src:URL( a.woff )}`, false},
		{`.a{background:url(./a.png)}`, false},
		{`@import "print.css";`, false},
		{`.a{background:image-set("a.png" 1x)}`, false},
		{`.a{content:"</style><script>alert(1)</script>"}`, false},
		{`.a{content:"</STYLE >"}`, false},
	} {
		if got := safeInSearchPageStyle([]byte(c.css)); got != c.safe {
			t.Errorf("safeInSearchPageStyle(%q) = %v, want %v", c.css, got, c.safe)
		}
	}
}

// A site's own stylesheet with an address in its own folder is linked, not
// carried: its fonts would be looked for under search/.
func TestSearchPageLinksAStyleWithItsOwnAddresses(t *testing.T) {
	src := incrSite(t, 10)
	own := filepath.Join(src, "static", "css", "main.css")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("@font-face{font-family:宋体;src:url(fonts/song.woff2)}body{font-family:宋体}"), 0o644); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	page, _ := searchPageParts(t, pub)
	if strings.Contains(page, "<style>") || !strings.Contains(page, `css/main.css"`) {
		t.Errorf("a stylesheet with its own folder's fonts was carried, or not linked:\n%.3000s", page)
	}
}

// A site whose own layouts link the stylesheets their way keeps them on
// every page, the search page too: its own head-assets.html (which may
// link more than the theme's) is used there as it is, and an older copy
// of baseof.html (without the search page's block) still gets the main
// stylesheet from the theme's head-assets.html.
func TestSiteLayoutsKeepTheirStylesheets(t *testing.T) {
	for _, c := range []struct {
		name, file, text string
		links            []string // on the search page and the home page
	}{
		{"own head-assets.html", "layouts/partials/head-assets.html",
			`<link rel="stylesheet" href="{{url "/css/main.css"}}"><link rel="stylesheet" href="{{url "/css/extra.css"}}">`,
			[]string{`css/main.css"`, `css/extra.css"`}},
		{"older baseof.html", "layouts/_default/baseof.html",
			`<!DOCTYPE html><html><head><title>{{.Title}}</title>{{block "first" .}}{{end}}{{partialCached "partials/head-assets.html" .}}</head>` +
				`<body>{{block "main" .}}{{end}}</body></html>`,
			[]string{`css/main.css"`, `css/print.css"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := incrSite(t, 10)
			own := filepath.Join(src, filepath.FromSlash(c.file))
			if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(own, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			pub := filepath.Join(src, "public")
			incrBuild(t, src, pub, false)
			for _, page := range []string{"search/index.html", "index.html"} {
				b, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(page)))
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range c.links {
					if !strings.Contains(string(b), l) {
						t.Errorf("%s does not link %s", page, l)
					}
				}
				if strings.Contains(string(b), "<style>") {
					t.Errorf("%s carries a stylesheet beside the site's own links", page)
				}
			}
		})
	}
}
