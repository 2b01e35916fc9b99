package main

import (
	"errors"
	"fmt"
	"io"

	"dangjian/generator/diag"
	"dangjian/generator/initsite"
)

func init() {
	register(&command{name: "init", order: 5, run: runInit,
		summary: [2]string{"新建一个网站文件夹（加 --demo 则复制完整的示例网站）", "start a new site folder (--demo copies the full demo portal)"},
		usage:   [2]string{"目录 [--demo]", "DIR [--demo]"},
		example: "dangjian init 我的党建网"})
}

func runInit(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("init", stderr, lang)
	demo := fs.Bool("demo", false, pick(lang, "复制完整的示例网站，而不是一个只有示例页面的新网站", "copy the full demo portal instead of a new site with example pages"))
	pos, ok := splitFlags(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := pos[0]
	n, err := initsite.Run(initsite.Options{Dir: dir, Demo: *demo})
	if err != nil {
		var p *initsite.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Problem.Format(lang))
		} else {
			fmt.Fprintln(stderr, err)
		}
		if errors.Is(err, initsite.ErrNotEmpty) {
			return exitUsage
		}
		return exitContent
	}
	if *demo {
		fmt.Fprintln(stdout, diag.MsgInitDemoDone.Text(lang, dir, n, dir))
	} else {
		fmt.Fprintln(stdout, diag.MsgInitDone.Text(lang, dir, n, dir, dir))
	}
	return exitOK
}
