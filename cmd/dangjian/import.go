package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dangjian/generator/diag"
	"dangjian/generator/importdocx"
)

func init() {
	register(&command{name: "import", order: 35, run: runImport,
		summary: [2]string{"把 Word 文档（.docx）导入为草稿页面，公文的发文机关、文号、标题、日期自动填好", "turn Word documents (.docx) into draft pages, with a 公文's parts in the front matter"},
		usage:   [2]string{"文件.docx… --kind 类型 [--source 目录] [--unit 单位]    类型：news | brand | model | honor | unit", "FILE.docx… --kind KIND [--source DIR] [--unit UNIT]    KIND: news | brand | model | honor | unit"},
		example: "dangjian import 督查通报.docx --kind news"})
}

// runImport prints each new page's path alone on stdout (for scripts and
// editors) and what the officer should know on stderr.
func runImport(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("import", stderr, lang)
	source := fs.String("source", ".", pick(lang, "网站目录", "site folder"))
	kind := fs.String("kind", "", pick(lang, "页面类型：news | brand | model | honor | unit", "kind of page: news | brand | model | honor | unit"))
	unit := fs.String("unit", "", pick(lang, "所属单位：单位文件名、全称或简称", "the unit: its slug, title or short name"))
	// Flags may come after the files (dangjian import a.docx --kind news).
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 || *kind == "" {
		fmt.Fprintln(stderr, diag.MsgImportUsage.Text(lang))
		return exitUsage
	}
	files = expandPatterns(files)
	pages, err := importdocx.Import(files, importdocx.Options{Source: *source, Kind: *kind, Unit: *unit})
	if err != nil {
		var p *importdocx.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Problem.Format(lang))
			if p.Usage {
				return exitUsage
			}
		} else {
			fmt.Fprintln(stderr, err)
		}
		fmt.Fprintln(stderr, pick(lang, "未写入任何文件。", "nothing was written."))
		return exitContent
	}
	for _, pg := range pages {
		shown := filepath.Join(*source, filepath.FromSlash(pg.Rel))
		fmt.Fprintln(stdout, shown)
		fmt.Fprintln(stderr, diag.MsgImportDone.Text(lang, pg.File, shown))
		if pg.Wanted != "" {
			fmt.Fprintln(stderr, "  "+diag.MsgImportRenamed.Text(lang, pg.Wanted, pg.Rel))
		}
		if pg.ImageDir != "" {
			fmt.Fprintln(stderr, "  "+diag.MsgImportImages.Text(lang, filepath.Join(*source, filepath.FromSlash(pg.ImageDir)), len(pg.Images)))
		}
		for _, w := range pg.Warnings {
			fmt.Fprintln(stderr, "  "+diag.MsgWarningPrefix.Text(lang)+w.Format(lang))
		}
		fmt.Fprintln(stderr, "  "+diag.MsgImportPreview.Text(lang, "http://127.0.0.1:1313"+pg.URL))
	}
	return exitOK
}

// expandPatterns expands "*.docx" and the like: Windows' command prompt and
// PowerShell hand the pattern to the program as it was typed, where a Unix
// shell would have listed the files. A name that exists as it is, or a
// pattern that matches nothing, is kept as written (and reported missing).
func expandPatterns(files []string) []string {
	var out []string
	for _, f := range files {
		if _, err := os.Stat(f); err == nil || !strings.ContainsAny(f, "*?[") {
			out = append(out, f)
			continue
		}
		matches, err := filepath.Glob(f)
		if err != nil || len(matches) == 0 {
			out = append(out, f)
			continue
		}
		// Word's lock files (~$通报.docx) are not documents.
		for _, m := range matches {
			if !strings.HasPrefix(filepath.Base(m), "~$") {
				out = append(out, m)
			}
		}
	}
	return out
}
