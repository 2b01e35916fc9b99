package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/sitetest"
	"dangjian/themes"
)

// writeSite writes a test site, with stand-ins for special page layouts the
// default theme may not have yet.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := sitetest.Write(t, archive)
	for _, name := range []string{"stats.html", "search.html", "gallery.html"} {
		if _, err := fs.Stat(themes.Default, "default/layouts/"+name); err != nil {
			sitetest.WriteInto(t, dir, "-- layouts/"+name+" --\n{{define \"main\"}}<h1>{{.Title}}</h1>{{end}}\n")
		}
	}
	return dir
}

func runCLI(t *testing.T, lang string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("LC_ALL", "")
	t.Setenv("LANG", lang)
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCheckExitStatus(t *testing.T) {
	clean := writeSite(t, sitetest.Minimal)
	code, out, _ := runCLI(t, "zh_CN.UTF-8", "check", "--source", clean)
	if code != exitOK || !strings.Contains(out, "0 处错误，0 处警告") {
		t.Errorf("clean site: %d %q", code, out)
	}

	warn := writeSite(t, sitetest.Minimal+"-- content/news/f.md --\n+++\ntitle = \"将来\"\ndate = 2999-01-01\n+++\n")
	code, out, _ = runCLI(t, "en_US.UTF-8", "check", "--source", warn)
	if code != exitOK || !strings.Contains(out, "content/news/f.md:3: warning: date 2999-01-01 is in the future") {
		t.Errorf("warnings only: %d %q", code, out)
	}

	mistakes := filepath.Join("..", "..", "generator", "check", "testdata", "mistakes")
	code, out, _ = runCLI(t, "zh_CN.UTF-8", "check", "--source", mistakes)
	if code != exitContent || !strings.Contains(out, "content/units/renmin.md:3: 字段 members 应为整数，实际为 \"80人\"") {
		t.Errorf("mistakes: %d %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(mistakes, "public")); err == nil {
		t.Error("check wrote public/")
	}

	if code, _, _ := runCLI(t, "zh_CN.UTF-8", "check", "--nope"); code != exitUsage {
		t.Errorf("bad flag: %d", code)
	}
	if code, _, _ := runCLI(t, "zh_CN.UTF-8", "check", "extra"); code != exitUsage {
		t.Errorf("extra argument: %d", code)
	}
}

// A layout that fails on one page: build exits 1 naming the page and the
// previous public/ is left alone.
func TestBuildTemplatePanicExit(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "会坏的页面"
date = 2024-01-01
+++
-- layouts/news/single.html --
{{define "main"}}{{range seq -1}}{{end}}{{end}}
`)
	code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--source", dir)
	if code != exitContent || !strings.Contains(errOut, "content/news/a.md") {
		t.Fatalf("build: %d %q", code, errOut)
	}
}

func TestNewCommand(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal)
	code, out, errOut := runCLI(t, "zh_CN.UTF-8", "new", "news", "党建 工作会议", "--source", dir)
	want := filepath.Join(dir, "content", "news", "党建-工作会议.md")
	if code != exitOK || strings.TrimSpace(out) != want || !strings.Contains(errOut, "draft") {
		t.Fatalf("new: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "new", "--source", dir, "news", "党建 工作会议")
	if code != exitContent || !strings.Contains(errOut, "已存在") {
		t.Errorf("overwrite: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "en_US.UTF-8", "new", "page", "x", "--source", dir)
	if code != exitUsage || !strings.Contains(errOut, "unknown kind") {
		t.Errorf("bad kind: %d %q", code, errOut)
	}
	for _, args := range [][]string{{"new"}, {"new", "news"}, {"new", "news", "a", "b"}} {
		if code, _, _ := runCLI(t, "zh_CN.UTF-8", append(args, "--source", dir)...); code != exitUsage {
			t.Errorf("%v: %d", args, code)
		}
	}
}
