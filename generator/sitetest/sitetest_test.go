package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFiles(t *testing.T) {
	files := Files("comment\n-- a.txt --\none\ntwo\n-- dir/b.md --\n+++\n")
	if len(files) != 2 || files["a.txt"] != "one\ntwo\n" || files["dir/b.md"] != "+++\n" {
		t.Fatalf("Files = %q", files)
	}
}

func TestWrite(t *testing.T) {
	dir := Write(t, Minimal)
	data, err := os.ReadFile(filepath.Join(dir, "content", "units", "fuyou.md"))
	if err != nil || len(data) == 0 {
		t.Fatalf("unit not written: %v", err)
	}
}
