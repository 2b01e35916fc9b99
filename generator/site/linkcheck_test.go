package site

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var attrRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// brokenLinks walks every HTML file of an output folder and returns each
// internal href or src that does not resolve to a file in it. basePath is
// the site's path prefix ("/", "/portal/"); relative links are resolved
// against the page's own folder, as a browser opening file:// would.
func brokenLinks(t *testing.T, dir, basePath string) []string {
	t.Helper()
	var broken []string
	checked := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pageDir := path.Dir(filepath.ToSlash(rel))
		for _, m := range attrRe.FindAllStringSubmatch(string(data), -1) {
			link := m[1]
			if link == "" || strings.HasPrefix(link, "#") || strings.Contains(link, "://") ||
				strings.HasPrefix(link, "mailto:") || strings.HasPrefix(link, "data:") || strings.HasPrefix(link, "javascript:") {
				continue
			}
			checked++
			if i := strings.IndexAny(link, "?#"); i >= 0 {
				link = link[:i]
			}
			target, err := url.PathUnescape(link)
			if err != nil {
				broken = append(broken, rel+": "+m[1])
				continue
			}
			var file string
			if strings.HasPrefix(target, "/") {
				if !strings.HasPrefix(target, basePath) {
					broken = append(broken, rel+": "+m[1]+" (outside base path)")
					continue
				}
				file = strings.TrimPrefix(target, basePath)
			} else {
				file = path.Join(pageDir, target)
			}
			if file == "" || strings.HasSuffix(target, "/") {
				file = path.Join(file, "index.html")
			}
			if strings.HasPrefix(file, "..") {
				broken = append(broken, rel+": "+m[1]+" (leaves the site)")
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
				broken = append(broken, rel+": "+m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no links checked: the walker found nothing")
	}
	return broken
}
