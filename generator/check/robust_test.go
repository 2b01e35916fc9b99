package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
)

// A 5 MB news item (a pasted report with tables) builds, and check reads it.
func TestHugeMarkdownBuilds(t *testing.T) {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"年度工作报告汇编\"\ndate = 2024-12-31\n+++\n")
	for i := 0; b.Len() < 5<<20; i++ {
		fmt.Fprintf(&b, "\n## 第%d部分\n\n", i)
		for j := 0; j < 20; j++ {
			b.WriteString("坚持以党建引领医院高质量发展，**落实**党委领导下的院长负责制，[返回](#第0部分)。\n")
		}
		b.WriteString("\n| 指标 | 数值 |\n|---|---|\n| 党员 | 80 |\n")
	}
	dir := writeSite(t, sitetest.Minimal)
	sitetest.WriteInto(t, dir, "-- content/news/big.md --\n"+b.String())
	start := time.Now()
	if _, err := site.Build(site.Options{Source: dir, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	t.Logf("5 MB page built in %s", time.Since(start).Round(time.Millisecond))
	if fi, err := os.Stat(filepath.Join(dir, "public", "news", "big", "index.html")); err != nil || fi.Size() < 4<<20 {
		t.Fatalf("page missing or short: %v", err)
	}
	if r := Run(Options{Source: dir, Now: testNow}); len(r.Problems) > 0 {
		t.Fatalf("check: %v", r.Problems[:min(5, len(r.Problems))])
	}
}

// prev is the item i links to: the one 25 before, in the same year folder.
func prev(i int) int {
	if i < 25 {
		return i
	}
	return i - 25
}

// 10,000 content files build, and check follows a link on each. A health
// bureau's news archive over a decade with attachments runs to thousands of
// files. It takes about a minute on a busy 2-core machine, so -short skips it.
func TestTenThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 files take longer than 20 s to write, build and check; run without -short")
	}
	const n = 10000
	dir := writeSite(t, sitetest.Minimal)
	start := time.Now()
	for i := range n {
		p := filepath.Join(dir, "content", "news", fmt.Sprintf("%d", 2000+i%25), fmt.Sprintf("n%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("+++\ntitle = \"第%d号动态\"\ndate = %d-%02d-%02d\nunits = [\"fuyou\"]\ntags = [\"标签%d\"]\n+++\n正文 %d，见[上一条](n%05d.md)。\n",
			i, 2000+i%25, 1+i%12, 1+i%28, i%50, i, prev(i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d files in %s", n, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	res, err := site.Build(site.Options{Source: dir, Now: testNow})
	took := time.Since(start)
	if err != nil {
		var errs diag.Errors
		if errors.As(err, &errs) && len(errs) > 5 {
			errs = errs[:5]
		}
		t.Fatalf("build: %v", errs)
	}
	t.Logf("built %d files (%d pages) in %s", res.Files, res.HTMLPages, took.Round(time.Millisecond))
	if res.PagesByKind["news"] != n {
		t.Fatalf("%d news pages, want %d", res.PagesByKind["news"], n)
	}
	start = time.Now()
	r := Run(Options{Source: dir, Now: testNow})
	t.Logf("checked %d pages, %d links in %s", r.Pages, r.Links, time.Since(start).Round(time.Millisecond))
	if len(r.Problems) > 0 {
		t.Fatalf("check: %v", r.Problems[:min(5, len(r.Problems))])
	}
}

// A layout that fails while a page is being made — an index out of range,
// a function that panics — fails the build with the page named, and never
// crashes the program. check reports the same.
func TestTemplatePanicNamesThePage(t *testing.T) {
	for name, layout := range map[string]string{
		"index":     `{{define "main"}}{{index .Page.Tags 5}}{{end}}`,
		"panic":     `{{define "main"}}{{range seq -1}}{{end}}{{end}}`,
		"nil":       `{{define "main"}}{{(.Site.SectionOf "nosuch").Pages}}{{end}}`,
		"first-neg": `{{define "main"}}{{first -1 .Page.Tags}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "会坏的页面"
date = 2024-01-01
tags = ["x"]
+++
正文
-- layouts/news/single.html --
`+layout+"\n")
			_, err := site.Build(site.Options{Source: dir, Now: testNow})
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("build err = %v", err)
			}
			found := false
			for _, p := range errs {
				if strings.Contains(p.Format(diag.Chinese), "content/news/a.md") {
					found = true
				}
			}
			if !found {
				t.Fatalf("no error names the page: %v", errs)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("a failed build wrote public/")
			}
			r := Run(Options{Source: dir, Now: testNow})
			if r.Errors() == 0 || !strings.Contains(fmt.Sprint(r.Problems), "content/news/a.md") {
				t.Errorf("check: %v", r.Problems)
			}
		})
	}
}

// A panic outside template execution (which text/template already turns
// into an error) is caught by the render goroutine and names the page: here
// a Renderer without templates dereferences nil.
func TestRenderGoroutineRecovers(t *testing.T) {
	r := &render.Renderer{}
	p := &content.Page{Path: "content/news/a.md", URL: "/news/a/"}
	jobs := []render.Job{{URL: p.URL, Layouts: []string{"news/single.html"}, Ctx: &render.Context{Page: p}}}
	n, probs := r.Render(jobs, output.NewMemory())
	if n != 0 || len(probs) != 1 || probs[0].Path != "content/news/a.md" || probs[0].Severity != diag.Error {
		t.Fatalf("n = %d, problems %v", n, probs)
	}
}
