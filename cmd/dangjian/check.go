package main

import (
	"fmt"
	"io"

	"dangjian/generator/check"
	"dangjian/generator/diag"
)

func init() {
	register(&command{name: "check", order: 40, run: runCheck,
		summary: [2]string{"检查全部内容、链接和图片，不生成网站", "check all content, links and images without writing the site"},
		usage:   [2]string{"[--source 目录]", "[--source DIR]"},
		example: "dangjian check"})
}

// runCheck prints the report on stdout (it is the command's product, and
// officers may save it to a file); usage errors go to stderr.
func runCheck(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("check", stderr, lang)
	source := fs.String("source", ".", pick(lang, "网站目录", "site folder"))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), fs.Args())
		return exitUsage
	}
	res := check.Run(check.Options{Source: *source})
	check.Format(stdout, res, lang)
	if res.Errors() > 0 {
		return exitContent
	}
	return exitOK
}
