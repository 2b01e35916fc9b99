// Package sitetest writes a whole test site from one block of text, so that
// every test reads as a small site on one screen (the way Hugo's integration
// tests and Go's txtar archives do):
//
//	-- site.toml --
//	title = "测试"
//	-- content/brands/a.md --
//	+++
//	title = "红色引擎"
//	+++
//	正文
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files splits an archive into file path → content. Text before the first
// "-- name --" line is a comment.
func Files(archive string) map[string]string {
	files := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return files
}

// Write puts the archive's files into a new temporary folder and returns it.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	WriteInto(t, dir, archive)
	return dir
}

// WriteInto writes (or overwrites) the archive's files below dir.
func WriteInto(t testing.TB, dir, archive string) {
	t.Helper()
	for name, body := range Files(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Minimal is a site.toml and one unit, the smallest site most tests start from.
const Minimal = `
-- site.toml --
title = "测试党建网"
baseURL = "/"
-- content/units/fuyou.md --
+++
title = "市妇幼保健院"
members = 80
branches = 5
+++
妇幼保健院党委。
`

// ReadTree returns every file under dir by slash path, for comparing two
// outputs (a warm build with a cold one, two corpora of one seed).
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
