package theme

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The site's own layouts and static files win over the theme's whether
// the site folder is given as an absolute path, a relative one, or "."
// (dangjian build run inside the site folder, the usual way); a symbolic
// link out of the site folder, or into its .git, is left out in every case.
func TestSiteFilesWinFromAnyFolder(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	write(t, filepath.Join(site, "layouts", "404.html"), "site's own 404")
	write(t, filepath.Join(site, "static", "css", "main.css"), "/* site's own */")
	secret := filepath.Join(parent, "secret.txt")
	write(t, secret, "not for the web")
	if err := os.Symlink(secret, filepath.Join(site, "static", "leak.txt")); err != nil {
		t.Fatal(err)
	}
	// Inside the site folder, but in its hidden .git folder.
	write(t, filepath.Join(site, ".git", "config"), "url = https://officer:token@git.example.com/")
	if err := os.Symlink(filepath.Join("..", ".git", "config"), filepath.Join(site, "static", "gitcfg")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, cwd, source string }{
		{"absolute", parent, site},
		{"relative", parent, "site"},
		{"dot", site, "."},
		{"dot slash", site, "./"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.cwd)
			th, err := Open(tc.source, "default")
			if err != nil {
				t.Fatal(err)
			}
			f, ok := th.Lookup("layouts", "404.html")
			if !ok || f.Source != "layouts/404.html" {
				t.Errorf("layouts/404.html: got %q (found %v), want the site's own", f.Source, ok)
			}
			static, skipped, err := th.FilesSkipping("static")
			if err != nil {
				t.Fatal(err)
			}
			var css string
			for _, f := range static {
				switch f.Rel {
				case "css/main.css":
					css = f.Source
				case "leak.txt", "gitcfg":
					t.Errorf("a link out of the site folder or into .git is published: %s", f.Source)
				}
			}
			if css != "static/css/main.css" {
				t.Errorf("css/main.css comes from %q, want the site's static/css/main.css", css)
			}
			if len(skipped) != 2 || skipped[0] != (Skip{Source: "static/gitcfg"}) || skipped[1] != (Skip{Source: "static/leak.txt"}) {
				t.Errorf("skipped %v, want [static/gitcfg static/leak.txt]", skipped)
			}
		})
	}
}

// A static/ link to a folder inside the site publishes the folder's files
// under the link's name, as content/ does (it stopped the build with "read
// static/docs: is a directory"); a link to a folder it is in is a loop,
// left out and reported.
func TestStaticFolderLinkIsFollowed(t *testing.T) {
	site := t.TempDir()
	write(t, filepath.Join(site, "docs", "sub", "a.txt"), "附件")
	write(t, filepath.Join(site, "static", "css", "main.css"), "/* site's own */")
	if err := os.Symlink(filepath.Join("..", "docs"), filepath.Join(site, "static", "docs")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(site, "static", "css", "again")); err != nil {
		t.Fatal(err)
	}
	// Two links that lead into each other's folders.
	write(t, filepath.Join(site, "other", "o.txt"), "另一个")
	if err := os.Symlink(filepath.Join("..", "other"), filepath.Join(site, "static", "x")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "static"), filepath.Join(site, "other", "back")); err != nil {
		t.Fatal(err)
	}
	th, err := Open(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	files, skipped, err := th.FilesSkipping("static")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		if strings.HasPrefix(f.Source, "static/") {
			data, err := f.Read()
			if err != nil {
				t.Fatalf("%s: %v", f.Source, err)
			}
			got[f.Rel] = string(data)
		}
	}
	if got["docs/sub/a.txt"] != "附件" || got["x/o.txt"] != "另一个" || len(got) != 3 {
		t.Errorf("the site's static files: %q, want css/main.css, docs/sub/a.txt and x/o.txt", got)
	}
	want := []Skip{{Source: "static/css/again", Loop: true}, {Source: "static/x/back", Loop: true}}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped %v, want the loops %v", skipped, want)
	}
}
