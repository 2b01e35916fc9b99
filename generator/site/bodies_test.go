package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dangjian/generator/content"
	"dangjian/generator/output"
	"dangjian/generator/render"
)

// TestBodiesSameOutput: a build that keeps the pages' HTML and plain text
// in the body store writes the very bytes of one that keeps them in memory
// (the built-in layouts show a page's body only on its own file), for the
// corpus site and the demo portal.
func TestBodiesSameOutput(t *testing.T) {
	sites := map[string]string{"corpus": incrSite(t, 60)}
	if root, err := filepath.Abs("../.."); err == nil {
		if _, err := os.Stat(filepath.Join(root, "site.toml")); err == nil {
			sites["demo"] = root
		}
	}
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			// The store is in use: after load, no page holds its body.
			s, probs := load(Options{Source: src, Now: incrNow, NoCache: true}, nil, true)
			if errs := errorsOf(probs); len(errs) > 0 {
				t.Fatal(errs)
			}
			defer s.bodies.close()
			if s.bodies == nil || len(s.bodies.at) != len(s.Published) {
				t.Fatalf("the body store holds %d of %d pages", len(s.bodies.at), len(s.Published))
			}
			for _, p := range s.Published {
				if p.HTML != "" || p.Plain != "" {
					t.Fatalf("%s: body still in memory", p.Path)
				}
			}

			stored := filepath.Join(t.TempDir(), "stored")
			incrBuild(t, src, stored, true)
			noBodyStore = true
			defer func() { noBodyStore = false }()
			inMemory := filepath.Join(t.TempDir(), "memory")
			incrBuild(t, src, inMemory, true)
			sameTree(t, stored, inMemory)
		})
	}
}

// TestBodyStoreKeysSeeEdits: the render keys of a page whose body is in the
// store change with its HTML. The edit (a word made bold, after the
// summary) changes the HTML alone, not the plain text, so a key that missed
// the stored HTML would skip the page and leave it stale.
func TestBodyStoreKeysSeeEdits(t *testing.T) {
	src := incrSite(t, 60)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	news := filepath.Join(src, "content/news/n00003.md")

	before := loadPage(t, src, "content/news/n00003.md")
	editFile(t, news, func(s string) string {
		lines := strings.Split(s, "\n")
		for i := len(lines) - 1; i >= 0; i-- {
			r, n := utf8.DecodeRuneInString(lines[i])
			if r >= 0x4e00 && r <= 0x9fff {
				lines[i] = "**" + lines[i][:n] + "**" + lines[i][n:]
				break
			}
		}
		return strings.Join(lines, "\n")
	})
	after := loadPage(t, src, "content/news/n00003.md")
	if before.HTML == after.HTML || before.Plain != after.Plain || before.Summary != after.Summary {
		t.Fatal("the edit must change the page's HTML alone: update the test")
	}

	s, _ := Load(Options{Source: src, Now: incrNow}, nil)
	anchored := 0
	for _, j := range render.Plan(s.Render) {
		// The search page is made after the search index, every build.
		if s.anchorTargets()[render.OutPath(j.URL)] || j.Ctx.Kind == "search" {
			anchored++
		}
	}
	warm := incrBuild(t, src, pub, false)
	if want := warm.HTMLPages - anchored - 1; warm.RenderSkipped != want {
		t.Errorf("%d of %d pages skipped, want %d (the edited page rendered again)", warm.RenderSkipped, warm.HTMLPages, want)
	}
	other := filepath.Join(t.TempDir(), "cold")
	incrBuild(t, src, other, true)
	sameTree(t, pub, other)
}

// loadPage is one page as the markdown stage leaves it, body in memory.
func loadPage(t *testing.T, src, path string) content.Page {
	t.Helper()
	s, probs := Load(Options{Source: src, Now: incrNow}, nil)
	if errs := errorsOf(probs); len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, p := range s.Published {
		if p.Path == path {
			return *p
		}
	}
	t.Fatalf("%s: no such page", path)
	return content.Page{}
}

// TestBodyStoreReadFails: a body that cannot be read back is an error of
// the build (nothing is published), never a page without its body.
func TestBodyStoreReadFails(t *testing.T) {
	src := incrSite(t, 20)
	s, probs := load(Options{Source: src, Now: incrNow, NoCache: true}, nil, true)
	if errs := errorsOf(probs); len(errs) > 0 {
		t.Fatal(errs)
	}
	defer s.bodies.close()
	s.bodies.f.Close()
	_, probs = s.Write(output.NewMemory(), nil)
	errs := errorsOf(probs)
	if len(errs) < len(s.Published) {
		t.Fatalf("%d errors for %d pages whose bodies are lost: %v", len(errs), len(s.Published), errs)
	}
}
