package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/output"
)

// SourceFolderOf names the folder of the site at source that dest lies in,
// of those a build reads (content, static, layouts, themes), or "". A build
// into one (--dest content/out) put the pages, the search index and the
// spare folder among the sources, and the next build failed on them or
// published them again; deploy and package refuse the same folders.
func SourceFolderOf(dest, source string) string {
	d, err1 := filepath.Abs(dest)
	src, err2 := filepath.Abs(source)
	if err1 != nil || err2 != nil {
		return ""
	}
	for _, f := range []string{"content", "static", "layouts", "themes"} {
		rel, err := filepath.Rel(filepath.Join(src, f), d)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return f
		}
	}
	return ""
}

// ChangedSince returns the newest source of the site (site.toml, content/,
// static/, layouts/, themes/, review/) changed after the output in dest
// was built, or "": deploy and package send what was built, so an officer
// who mended a page and did not build again would publish the old one.
// Hidden files and folders (an editor's swap file, .git) do not count.
func ChangedSince(source, dest string) (changed string, built time.Time) {
	m, err := os.Stat(filepath.Join(dest, output.Marker))
	if err != nil {
		return "", time.Time{}
	}
	built = m.ModTime()
	var newest time.Time
	consider := func(p string, info fs.FileInfo) {
		if info.ModTime().After(built) && info.ModTime().After(newest) {
			newest, changed = info.ModTime(), p
		}
	}
	if info, err := os.Stat(filepath.Join(source, config.FileName)); err == nil {
		consider(config.FileName, info)
	}
	for _, f := range []string{"content", "static", "layouts", "themes", "review"} {
		filepath.WalkDir(filepath.Join(source, f), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && d.Name() != "." {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					rel, _ := filepath.Rel(source, p)
					consider(filepath.ToSlash(rel), info)
				}
			}
			return nil
		})
	}
	return changed, built
}
