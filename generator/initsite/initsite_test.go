package initsite

import (
	"path/filepath"
	"testing"

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
