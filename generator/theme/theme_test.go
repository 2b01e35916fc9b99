package theme

import (
	"os"
	"path/filepath"
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
			if len(skipped) != 2 || skipped[0] != "static/gitcfg" || skipped[1] != "static/leak.txt" {
				t.Errorf("skipped %v, want [static/gitcfg static/leak.txt]", skipped)
			}
		})
	}
}
