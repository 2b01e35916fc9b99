package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// build --dest content/out wrote the pages, the search index and the spare
// folder among the sources; the next build then failed on 18 .html files
// (or would have published them again). A destination inside content,
// static, layouts or themes is refused and nothing is written.
func TestDestInSourcesRefused(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal)
	for _, d := range []string{"content/out", "static", "static/site", "layouts/x", "themes/out"} {
		dest := filepath.Join(dir, filepath.FromSlash(d))
		_, err := Build(Options{Source: dir, Dest: dest})
		var errs diag.Errors
		if !errors.As(err, &errs) || !strings.Contains(errs.Format(diag.Chinese), "生成的网页会混进网站的源文件") {
			t.Errorf("--dest %s: %v", d, err)
		}
		if _, err := os.Stat(filepath.Join(dest, "index.html")); err == nil {
			t.Errorf("--dest %s: the site was written", d)
		}
	}
	if _, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "out")}); err != nil {
		t.Errorf("--dest out: %v", err)
	}
}
