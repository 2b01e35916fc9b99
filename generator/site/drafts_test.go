package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/sitetest"
)

// build --drafts makes a folder to look at on the officer's computer. It
// says so, and leaves a note naming the drafts for deploy and package to
// refuse; the next build without drafts, reusing that folder's files,
// leaves no note behind.
func TestDraftsBuildIsMarked(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "岚江市卫生健康委员会 党建工作网"
-- content/news/a.md --
+++
title = "已发布"
date = 2025-01-02
+++
正文
-- content/news/b.md --
+++
title = "草稿"
date = 2025-01-03
draft = true
+++
正文
`)
	dest := filepath.Join(t.TempDir(), "public")
	note := filepath.Join(dest, output.DraftsNote)
	build := func(drafts bool) *Result {
		t.Helper()
		res, err := Build(Options{Source: dir, Dest: dest, Drafts: drafts})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		return res
	}
	for round := range 2 {
		res := build(true)
		data, err := os.ReadFile(note)
		if err != nil || string(data) != "content/news/b.md\n" {
			t.Fatalf("round %d: the drafts note is %q, %v", round, data, err)
		}
		if res.Portable.Msg != diag.MsgBuiltDrafts || !strings.Contains(res.Portable.Format(diag.Chinese), "包含 1 篇草稿") {
			t.Errorf("round %d: the summary says %q", round, res.Portable.Format(diag.Chinese))
		}
		res = build(false)
		if _, err := os.Stat(note); !os.IsNotExist(err) {
			t.Fatalf("round %d: a build without drafts left the note: %v", round, err)
		}
		if res.Portable.Msg != diag.MsgBuiltPortable {
			t.Errorf("round %d: the summary says %q", round, res.Portable.Format(diag.Chinese))
		}
	}
	// Drafts asked for, none there: nothing to refuse.
	os.Remove(filepath.Join(dir, "content", "news", "b.md"))
	build(true)
	if _, err := os.Stat(note); !os.IsNotExist(err) {
		t.Errorf("a drafts build with no draft left a note: %v", err)
	}
}
