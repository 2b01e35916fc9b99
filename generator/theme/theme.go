// Package theme finds a site's theme and lays the site's own layouts/,
// static/ and archetypes/ over it, so that a site overrides any theme file by
// putting a file at the same path.
package theme

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"dangjian/themes"
)

// Theme is the layered file tree a build reads templates and assets from.
type Theme struct {
	layers []layer // first wins
	root   string  // the site folder, symbolic links resolved
	source string  // the site folder as given, made absolute
}

type layer struct {
	fsys fs.FS
	name string // shown in messages: "layouts/x.html" or "themes/default/layouts/x.html"
	dir  string // the folder on disk; "" for the theme built into dangjian
}

// Open returns the theme of a site: <source>/<dir> over themes/<name> on disk
// if the site has it, else the default theme built into dangjian.
func Open(source, name string) (*Theme, error) {
	// Absolute, and so are the layers' folders: inside compares the real
	// paths of the site's files with the root, and with a relative source
	// (".", the usual build from inside the site folder) none matched, so
	// the site's own layouts/ and static/ were passed over without a word.
	if abs, err := filepath.Abs(source); err == nil {
		source = abs
	}
	t := &Theme{}
	t.source = filepath.Clean(source)
	if root, err := filepath.EvalSymlinks(source); err == nil {
		t.root = root
	} else {
		t.root = t.source
	}
	t.layers = append(t.layers, layer{os.DirFS(source), "", source})
	themeDir := filepath.Join(source, "themes", name)
	if info, err := os.Stat(themeDir); err == nil && info.IsDir() {
		t.layers = append(t.layers, layer{os.DirFS(themeDir), "themes/" + name + "/", themeDir})
		return t, nil
	}
	if name != "default" {
		return nil, errors.New("theme " + name + " not found in " + filepath.Join(source, "themes"))
	}
	sub, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return nil, err
	}
	t.layers = append(t.layers, layer{sub, "themes/default/", ""})
	return t, nil
}

// File is one file of a folder of the layered tree.
type File struct {
	Rel    string // path inside the folder, e.g. "css/main.css"
	Source string // where it came from, for messages: themes/default/static/css/main.css
	fsys   fs.FS
	full   string
}

// Read returns the file's bytes.
func (f File) Read() ([]byte, error) { return fs.ReadFile(f.fsys, f.full) }

// Files lists every file under dir ("layouts", "static", "archetypes"),
// the site's copy of a path winning over the theme's, sorted by Rel.
// Symbolic links that lead out of the site folder are left out (see
// FilesSkipping).
func (t *Theme) Files(dir string) ([]File, error) {
	files, _, err := t.FilesSkipping(dir)
	return files, err
}

// Skip is a symbolic link that FilesSkipping left out, by its Source.
type Skip struct {
	Source string
	Loop   bool // it leads to a folder it is in; otherwise out of the site or into a hidden folder
}

// FilesSkipping is Files, and also lists the symbolic links it left out
// because they lead out of the site folder (a static/ link to /etc/passwd
// must not be published, nor read as a template) or round in a loop. A
// link to a folder inside the site is followed, as content/ follows one:
// the officer who links static/docs to a folder of documents means them.
func (t *Theme) FilesSkipping(dir string) (files []File, skipped []Skip, err error) {
	seen := map[string]bool{}
	var out []File
	for _, l := range t.layers {
		if l.dir != "" && !t.inside(filepath.Join(l.dir, dir)) {
			// The folder itself (static/ → /etc) leads out.
			if _, err := os.Lstat(filepath.Join(l.dir, dir)); err == nil {
				skipped = append(skipped, Skip{Source: l.name + dir})
			}
			continue
		}
		// The real folders whose links are being followed, for loops
		// through other links; a link to a folder it is in is one too.
		onPath := map[string]bool{}
		if l.dir != "" {
			if real, err := filepath.EvalSymlinks(filepath.Join(l.dir, dir)); err == nil {
				onPath[real] = true
			}
		}
		var walk func(root string) error
		walk = func(root string) error {
			return fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) && p == dir {
						return fs.SkipDir
					}
					return err
				}
				if d.IsDir() {
					return nil
				}
				rel := p[len(dir)+1:]
				if seen[rel] || path.Base(rel)[0] == '.' {
					return nil
				}
				if l.dir != "" && d.Type()&fs.ModeSymlink != 0 {
					full := filepath.Join(l.dir, filepath.FromSlash(p))
					if !t.inside(full) {
						skipped = append(skipped, Skip{Source: l.name + p})
						return nil
					}
					if real, err := filepath.EvalSymlinks(full); err == nil {
						if info, err := os.Stat(real); err == nil && info.IsDir() {
							parent, _ := filepath.EvalSymlinks(filepath.Dir(full))
							if onPath[real] || parent == real || strings.HasPrefix(parent, real+string(filepath.Separator)) {
								skipped = append(skipped, Skip{Source: l.name + p, Loop: true})
								return nil
							}
							onPath[real] = true
							defer delete(onPath, real)
							return walk(p)
						}
					}
				}
				seen[rel] = true
				out = append(out, File{Rel: rel, Source: l.name + p, fsys: l.fsys, full: p})
				return nil
			})
		}
		if err := walk(dir); err != nil {
			return nil, nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rel < out[j].Rel })
	return out, skipped, nil
}

// inside reports whether a file on disk, its symbolic links followed, is
// in the site folder. A dangling link is not: there is nothing to publish.
// Nor is a link into a hidden folder or file of the site (.git, .env,
// .ssh …): a static/ link to ../.git/config, committed by anyone with
// access to the site's repository, published the officer's own git
// remote, token and all. A file the site itself keeps in a hidden folder
// (static/.well-known/…) is the site's choice and stays.
func (t *Theme) inside(name string) bool {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist) && !isLink(name)
	}
	if real != t.root && !strings.HasPrefix(real, t.root+string(filepath.Separator)) {
		return false
	}
	return !hiddenBelow(t.root, real) || hiddenBelow(t.source, filepath.Clean(name))
}

// hiddenBelow reports whether a path below dir has a part starting with a
// dot.
func hiddenBelow(dir, name string) bool {
	rest, ok := strings.CutPrefix(name, dir+string(filepath.Separator))
	if !ok {
		return false
	}
	for _, part := range strings.Split(rest, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func isLink(name string) bool {
	info, err := os.Lstat(name)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// Lookup finds one file under dir, the site's copy first.
func (t *Theme) Lookup(dir, rel string) (File, bool) {
	p := path.Join(dir, rel)
	for _, l := range t.layers {
		if l.dir != "" && !t.inside(filepath.Join(l.dir, filepath.FromSlash(p))) {
			continue
		}
		if info, err := fs.Stat(l.fsys, p); err == nil && !info.IsDir() {
			return File{Rel: rel, Source: l.name + p, fsys: l.fsys, full: p}, true
		}
	}
	return File{}, false
}
