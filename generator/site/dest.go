package site

import (
	"path/filepath"
	"strings"
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
