package initsite

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/review"
)

// The demo portal copied by init --demo reviews as clean as the repository's
// own: its review/ word list (the local date of the 卫生计生委 renaming) comes
// with it, or its 2018 news pages are errors.
func TestDemoReviewsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "示例网站")
	if _, err := Run(Options{Dir: dir, Demo: true}); err != nil {
		t.Fatal(err)
	}
	rep := review.Run(review.Options{Source: dir})
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	if n := rep.Errors(); n > 0 {
		for _, f := range rep.Findings {
			t.Logf("%s:%d: [%s] %s", f.Path, f.Line, f.Rule, f.Message)
		}
		t.Fatalf("the demo copy has %d review errors", n)
	}
}

// A new site checks that 工作动态 is kept up to date (栏目不更新 is a single
// veto item of the government website inspection): its site.toml sets
// [review] update_days, so review warns once the news is two weeks old.
// The example news is dated the day the site is made, so the officer's
// first review is clean.
func TestNewSiteWarnsOfStaleNews(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "我的党建网")
	made := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	if _, err := Run(Options{Dir: dir, Today: made}); err != nil {
		t.Fatal(err)
	}
	stale := func(now time.Time) bool {
		rep := review.Run(review.Options{Source: dir, Now: now})
		if len(rep.Problems) > 0 {
			t.Fatalf("problems: %v", rep.Problems)
		}
		for _, f := range rep.Findings {
			if f.Rule == "stale-section" && f.Path == "content/news/shili-dongtai.md" {
				return true
			}
		}
		return false
	}
	if stale(made.AddDate(0, 0, 1)) {
		t.Error("a site made yesterday: its news is reported stale")
	}
	if !stale(made.AddDate(0, 0, 20)) {
		t.Error("no stale-section warning for news last updated 20 days ago")
	}
}

// The text of a new site's pages is shown to readers: the home page said
// "这段文字显示在首页，可以在 content/_index.md 中修改" and the section pages
// "新建一个品牌：dangjian new brand 品牌名称". Instructions for the officer
// belong in the front matter's # comments, which are never published.
func TestSkeletonTextHasNoInstructions(t *testing.T) {
	files := Files(false)
	err := fs.WalkDir(files, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_index.md") {
			return err
		}
		data, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(data), "+++", 3)
		if len(parts) != 3 {
			t.Errorf("%s: no front matter", p)
			return nil
		}
		for _, word := range []string{"dangjian", "content/", ".md", "修改", "新建"} {
			if strings.Contains(parts[2], word) {
				t.Errorf("%s: the text readers see holds %q:\n%s", p, word, parts[2])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
