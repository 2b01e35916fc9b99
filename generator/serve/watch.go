package serve

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"dangjian/generator/config"
	"dangjian/generator/content"
)

// The folders of a site that the watcher follows, with every sub-folder.
var watchedTrees = []string{"content", "layouts", "static", "themes"}

// batch is what changed during one burst of file events, sorted into the
// kinds that need different work.
type batch struct {
	content map[string]bool // Markdown files, "content/news/a.md"
	full    []string        // layouts, theme, config, content assets, folders
	static  []string        // static files, "css/main.css" (output path)
	events  int             // raw events, for tests and the log
}

func (b *batch) empty() bool { return len(b.content) == 0 && len(b.full) == 0 && len(b.static) == 0 }

// cssOnly reports whether only stylesheets changed, which browsers can
// swap without reloading.
func (b *batch) cssOnly() bool {
	if len(b.full) > 0 || len(b.content) > 0 || len(b.static) == 0 {
		return false
	}
	for _, s := range b.static {
		if !strings.EqualFold(path.Ext(s), ".css") {
			return false
		}
	}
	return true
}

func (b *batch) contentPaths() []string {
	out := make([]string, 0, len(b.content))
	for p := range b.content {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// watcher turns file events under a site folder into batches. Editors
// write one save as several events (a temp file, a rename, a chmod), so
// events are collected until the folder has been quiet for a moment.
type watcher struct {
	source string // absolute
	fsw    *fsnotify.Watcher
	dirs   map[string]bool // watched folders, absolute
	quiet  time.Duration   // a burst ends after this long without events
	most   time.Duration   // and is cut after this long in any case
	errs   func(error)
}

func newWatcher(source string, quiet time.Duration, errs func(error)) (*watcher, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{source: abs, fsw: fsw, dirs: map[string]bool{}, quiet: quiet, most: 20 * quiet, errs: errs}
	// The site folder itself, not its sub-folders: site.toml, and the
	// watched folders when they are created later.
	if err := w.add(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, t := range watchedTrees {
		w.addTree(filepath.Join(abs, t))
	}
	return w, nil
}

func (w *watcher) close() error { return w.fsw.Close() }

func (w *watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every folder below it, and returns the files
// found: a folder moved in whole brings files no event announced.
func (w *watcher) addTree(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if err := w.add(p); err != nil && w.errs != nil {
				w.errs(err)
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files
}

// next waits for the next burst of events and returns it sorted by kind;
// ok is false when the watcher was closed.
func (w *watcher) next() (b *batch, ok bool) {
	b = &batch{content: map[string]bool{}}
	var quiet, most <-chan time.Time
	for {
		select {
		case ev, open := <-w.fsw.Events:
			if !open {
				return b, false
			}
			b.events++
			w.sort(ev, b)
			if b.empty() {
				continue
			}
			if most == nil {
				most = time.After(w.most)
			}
			quiet = time.After(w.quiet)
		case err, open := <-w.fsw.Errors:
			if !open {
				return b, false
			}
			if w.errs != nil {
				w.errs(err)
			}
		case <-quiet:
			return b, true
		case <-most:
			return b, true
		}
	}
}

// sort files one event into the batch.
func (w *watcher) sort(ev fsnotify.Event, b *batch) {
	if ev.Op == fsnotify.Chmod {
		return
	}
	rel, err := filepath.Rel(w.source, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	rel = filepath.ToSlash(rel)
	name := path.Base(rel)
	if IsTempFile(name) {
		return
	}
	if rel == config.FileName {
		b.full = append(b.full, rel)
		return
	}
	top, rest, _ := strings.Cut(rel, "/")
	known := false
	for _, t := range watchedTrees {
		known = known || top == t
	}
	if !known {
		return
	}
	wasDir := w.dirs[ev.Name]
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if wasDir {
			// A folder went: forget it and all below it, and let a full
			// rebuild find out what is left.
			for d := range w.dirs {
				if d == ev.Name || strings.HasPrefix(d, ev.Name+string(filepath.Separator)) {
					delete(w.dirs, d)
					w.fsw.Remove(d)
				}
			}
			b.full = append(b.full, rel)
			return
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			files := w.addTree(ev.Name)
			if top != "content" || rest == "" {
				b.full = append(b.full, rel)
				return
			}
			for _, f := range files {
				w.sort(fsnotify.Event{Name: f, Op: fsnotify.Create}, b)
			}
			return
		}
	}
	if wasDir {
		return // a folder's own write events say nothing new
	}
	switch top {
	case "content":
		if strings.EqualFold(path.Ext(name), ".md") {
			b.content[rel] = true
		} else {
			// Logos and attachments are copied, and pages check that the
			// logos they name exist.
			b.full = append(b.full, rel)
		}
	case "static":
		b.static = append(b.static, rest)
	case "themes":
		// themes/<name>/static/… is a static file; anything else of a
		// theme (layouts, labels.toml) changes every page.
		parts := strings.SplitN(rest, "/", 3)
		if len(parts) == 3 && parts[1] == "static" {
			b.static = append(b.static, parts[2])
			return
		}
		b.full = append(b.full, rel)
	default:
		b.full = append(b.full, rel)
	}
}

// IsTempFile reports the scratch files editors write beside a file while
// saving it, which must not trigger a rebuild: content's list (Vim swap and
// backup files, Emacs locks, Vim's 4913 probe …), hidden files, and what
// Zola's watcher also skips (JetBrains' ___jb_tmp___ files, .DS_Store).
func IsTempFile(name string) bool {
	return content.IsTempFile(name) ||
		strings.HasPrefix(name, ".") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") ||
		strings.HasSuffix(name, "___jb_bak___") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swpx")
}
