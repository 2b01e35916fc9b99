package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"dangjian/generator/diag"
)

// Asset is a non-Markdown file under content/ (logos, images, attachments),
// copied to the output at the same path.
type Asset struct {
	Rel  string // slash path relative to content/, which is also its output path
	Abs  string // file on disk to read
	Size int64
}

// Site is everything loaded from content/.
type Site struct {
	Pages  []*Page // sorted by Path, drafts included (the caller filters)
	Assets []Asset // sorted by Rel
}

// Load reads every file under dir (a site's content/ folder) on all cores.
// It walks the tree itself so that a symbolic link loop is reported instead
// of followed forever, and a link out of content/ is never read.
func Load(dir string) (*Site, []diag.Problem) {
	var (
		files  []Asset
		probs  diag.List
		site   Site
		mu     sync.Mutex
		rootFS = filepath.Clean(dir)
	)
	// Absolute, so that a link's real path compares with it when the site
	// is built from inside its folder (content/ relative to ".").
	if abs, err := filepath.Abs(rootFS); err == nil {
		rootFS = abs
	}
	root, err := filepath.EvalSymlinks(rootFS)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &site, nil
		}
		return &site, []diag.Problem{diag.New("content", 0, diag.MsgReadFailed, err)}
	}
	walkTree(root, root, "", &files, &probs, map[string]bool{root: true})

	jobs := make(chan Asset)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if !strings.HasSuffix(strings.ToLower(f.Rel), ".md") {
					mu.Lock()
					site.Assets = append(site.Assets, f)
					mu.Unlock()
					continue
				}
				data, err := os.ReadFile(f.Abs)
				if err != nil {
					probs.Add(diag.New("content/"+f.Rel, 0, diag.MsgReadFailed, err))
					continue
				}
				p, ps := Parse(f.Rel, data)
				probs.Add(ps...)
				mu.Lock()
				site.Pages = append(site.Pages, p)
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	sort.Slice(site.Pages, func(i, j int) bool { return site.Pages[i].Path < site.Pages[j].Path })
	sort.Slice(site.Assets, func(i, j int) bool { return site.Assets[i].Rel < site.Assets[j].Rel })
	return &site, probs.Problems()
}

// walkTree lists regular files below dir. A symbolic link is followed only
// when it stays inside root and does not lead back into a folder on the
// current path (a loop).
func walkTree(root, dir, rel string, out *[]Asset, probs *diag.List, onPath map[string]bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		probs.Add(diag.New(relPath(rel), 0, diag.MsgReadFailed, err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || isTempFile(name) {
			continue
		}
		abs := filepath.Join(dir, name)
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		typ := e.Type()
		target := abs
		if typ&fs.ModeSymlink != 0 {
			resolved, err := filepath.EvalSymlinks(abs)
			if errors.Is(err, fs.ErrNotExist) {
				probs.Add(diag.New(relPath(r), 0, diag.MsgSymlinkDangling))
				continue
			}
			if err != nil {
				probs.Add(diag.New(relPath(r), 0, diag.MsgSymlinkLoop))
				continue
			}
			if resolved != root && !strings.HasPrefix(resolved, root+string(filepath.Separator)) {
				probs.Add(diag.Warn(relPath(r), 0, diag.MsgOutsideContent))
				continue
			}
			info, err := os.Stat(resolved)
			if err != nil {
				probs.Add(diag.New(relPath(r), 0, diag.MsgReadFailed, err))
				continue
			}
			target, typ = resolved, info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if onPath[target] {
				probs.Add(diag.New(relPath(r), 0, diag.MsgSymlinkLoop))
				continue
			}
			onPath[target] = true
			walkTree(root, target, r, out, probs, onPath)
			delete(onPath, target)
		case typ.IsRegular():
			if ext, ok := activeFile(name); ok {
				probs.Add(diag.New(relPath(r), 0, diag.MsgActiveFile, ext))
				continue
			}
			var size int64
			if info, err := os.Stat(target); err == nil {
				size = info.Size()
			}
			*out = append(*out, Asset{Rel: r, Abs: target, Size: size})
		}
	}
}

// activeFiles are the file types a web server runs as a program or reads
// as its configuration (PHP, ASP, JSP, server-side includes, IIS's
// web.config), or that a browser opens as a page running its scripts on the
// portal's own address (HTML, XHTML, XML, gzipped SVG, MHTML, HTML
// applications). Copied from content/ as they are, they would bypass
// unsafe_html = false and the SVG sanitizer: a page of the site that runs
// what anyone who can add a file wrote. The site's own static/ folder,
// which also holds the theme's overrides, may still carry them (a search
// engine's verification page is one).
var activeFiles = map[string]bool{
	".php": true, ".php3": true, ".php4": true, ".php5": true, ".php7": true, ".phtml": true, ".pht": true, ".phar": true,
	".asp": true, ".aspx": true, ".asa": true, ".asax": true, ".ascx": true, ".ashx": true, ".asmx": true, ".cshtml": true, ".vbhtml": true,
	".jsp": true, ".jspx": true, ".cgi": true, ".shtml": true, ".shtm": true, ".stm": true, ".config": true,
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".xml": true, ".xsl": true, ".xslt": true, ".svgz": true,
	".mht": true, ".mhtml": true, ".hta": true,
}

// activeFile reports a file that content/ must not publish, with its
// extension as written.
func activeFile(name string) (string, bool) {
	ext := filepath.Ext(name)
	return ext, activeFiles[strings.ToLower(ext)]
}

func relPath(rel string) string {
	if rel == "" {
		return "content"
	}
	return "content/" + rel
}

// isTempFile reports editor scratch files that must never become pages:
// Vim swap files, Emacs lock and backup files, Vim's 4913 probe, and
// half-written saves.
func isTempFile(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"),
		strings.HasSuffix(name, ".crdownload"), strings.HasPrefix(name, "~$"):
		return true
	}
	return false
}

// IsTempFile is exported for the watch server, which must ignore the same files.
func IsTempFile(name string) bool { return isTempFile(name) }
