package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The removal of a replaced output takes everything, and its marker file
// last: a removal killed half way leaves a folder the next build knows.
func TestRemoveOutputMarkerLast(t *testing.T) {
	root := filepath.Join(t.TempDir(), TempPrefix+"public-1")
	var files int
	for i := range 30 {
		for _, f := range []string{
			fmt.Sprintf("news/%d/index.html", i),
			fmt.Sprintf("x/%d.txt", i),
			fmt.Sprintf("a/b/c/%d/index.html", i),
		} {
			p := filepath.Join(root, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(f), 0o644)
			files++
		}
	}
	os.WriteFile(filepath.Join(root, "index.html"), nil, 0o644)
	os.WriteFile(filepath.Join(root, Marker), nil, 0o644)
	files += 2

	var mu sync.Mutex
	var order []string
	removeFile = func(p string) error {
		mu.Lock()
		order = append(order, p)
		mu.Unlock()
		return os.Remove(p)
	}
	defer func() { removeFile = os.Remove }()

	if err := removeOutput(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !os.IsNotExist(err) {
		t.Fatalf("%s still there: %v", root, err)
	}
	if len(order) != files {
		t.Errorf("%d files removed, want %d", len(order), files)
	}
	if last := order[len(order)-1]; filepath.Base(last) != Marker {
		t.Errorf("last file removed: %s, want the marker", last)
	}
	if err := removeOutput(root); err != nil {
		t.Errorf("removing a folder already gone: %v", err)
	}
}

// After Commit the previous output is gone once Wait returns, and the new
// one is in place before.
func TestCommitRemovesOldOutputBeforeWaitReturns(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, "old.html", "news/a/index.html")
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("new.html", []byte("new"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "new.html")); err != nil {
		t.Error("the new output is not in place after Commit")
	}
	if err := d.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(t, parent); len(got) != 0 {
		t.Errorf("left after Wait: %v", got)
	}
}
