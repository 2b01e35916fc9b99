package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dangjian/generator/archetype"
	"dangjian/generator/diag"
)

func init() {
	register(&command{name: "new", order: 30, run: runNew,
		summary: [2]string{"按模板新建一篇内容（单位、品牌、示范点、荣誉榜、动态）", "start a new page from its kind's template"},
		usage:   [2]string{"类型 名称 [--source 目录]    类型：unit | brand | model | honor | news", "KIND NAME [--source DIR]    KIND: unit | brand | model | honor | news"},
		example: "dangjian new news 2025年党建工作会议"})
}

// runNew prints the new file's path alone on stdout, so scripts and editors
// can open it, and the hint for the officer on stderr.
func runNew(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("new", stderr, lang)
	source := fs.String("source", ".", pick(lang, "网站目录", "site folder"))
	// Flags may come after KIND NAME (dangjian new brand 红色引擎 --source site),
	// which the flag package alone does not allow.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, pick(lang, "用法：dangjian new 类型 名称 [--source 目录]    类型：unit | brand | model | honor | news",
			"usage: dangjian new KIND NAME [--source DIR]    KIND: unit | brand | model | honor | news"))
		return exitUsage
	}
	rel, err := archetype.New(archetype.Options{Source: *source, Kind: pos[0], Name: pos[1]})
	if err != nil {
		var p *archetype.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Problem.Format(lang))
		} else {
			fmt.Fprintln(stderr, err)
		}
		if errors.Is(err, archetype.ErrUsage) {
			return exitUsage
		}
		return exitContent
	}
	shown := filepath.Join(*source, filepath.FromSlash(rel))
	fmt.Fprintln(stdout, shown)
	fmt.Fprintln(stderr, diag.MsgNewCreated.Text(lang, shown))
	fmt.Fprintln(stderr, diag.MsgNewPreview.Text(lang, previewURL(rel)))
	return exitOK
}

// previewURL is the address of a new page in dangjian serve's preview (on
// its default port): /<section>/<slug>/ for a file content/<section>/<slug>.md.
func previewURL(rel string) string {
	rel = strings.TrimPrefix(rel, "content/")
	return "http://127.0.0.1:1313/" + strings.TrimSuffix(rel, ".md") + "/"
}
