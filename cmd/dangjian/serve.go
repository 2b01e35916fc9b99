package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"dangjian/generator/diag"
	"dangjian/generator/serve"
)

func init() {
	register(&command{name: "serve", order: 20, run: runServe,
		summary: [2]string{"在浏览器中预览网站，保存文件后自动刷新", "preview the site in a browser that reloads on save"},
		usage:   [2]string{"[--source 目录] [--bind 127.0.0.1] [--port 1313] [--drafts=false]", "[--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts=false]"},
		example: "dangjian serve"})
}

func runServe(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("serve", stderr, lang)
	opt := serve.Options{Lang: lang, Log: stdout}
	fs.StringVar(&opt.Source, "source", ".", pick(lang, "网站目录", "site folder"))
	fs.StringVar(&opt.Bind, "bind", "127.0.0.1", pick(lang, "监听地址", "address to listen on"))
	fs.IntVar(&opt.Port, "port", 1313, pick(lang, "端口", "port"))
	fs.BoolVar(&opt.Drafts, "drafts", true, pick(lang, "预览中包含草稿（页面上标有“草稿”）；--drafts=false 则只看会发布的页面", "include drafts, each marked 草稿 (draft) on the page; --drafts=false previews only what is published"))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), fs.Args())
		return exitUsage
	}
	if opt.Port < 0 || opt.Port > 65535 {
		fmt.Fprintln(stderr, pick(lang, fmt.Sprintf("端口 %d 无效，应在 1 到 65535 之间。", opt.Port), fmt.Sprintf("invalid port %d (1–65535).", opt.Port)))
		return exitUsage
	}
	if ip := net.ParseIP(opt.Bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(stderr, pick(lang,
			fmt.Sprintf("注意：正在监听 %s，同一网络中的其他人也能打开这个预览，看到尚未发布的修改和草稿。只在自己电脑上预览时请去掉 --bind。", opt.Bind),
			fmt.Sprintf("warning: listening on %s: others on the network can open this preview and see unpublished edits and drafts. Leave out --bind to preview on this computer only.", opt.Bind)))
	}
	if !buildExists(opt.Source) {
		fmt.Fprintln(stderr, pick(lang, "找不到网站目录 "+opt.Source, "site folder not found: "+opt.Source))
		return exitUsage
	}
	fmt.Fprintln(stdout, pick(lang, "正在生成网站……", "building…"))
	s, err := serve.Start(opt)
	if err != nil {
		var busy *serve.PortInUseError
		if errors.As(err, &busy) {
			msg := pick(lang, fmt.Sprintf("端口 %d 已被占用（可能另一个预览还开着）。", busy.Port),
				fmt.Sprintf("port %d is already in use (another preview may be running).", busy.Port))
			if busy.Free > 0 {
				msg += pick(lang, fmt.Sprintf("可以换一个端口，例如：dangjian serve --port %d", busy.Free),
					fmt.Sprintf(" Try another port, e.g. dangjian serve --port %d", busy.Free))
			}
			fmt.Fprintln(stderr, msg)
			return exitContent
		}
		fmt.Fprintln(stderr, pick(lang, "无法启动预览：", "cannot start the preview: ")+err.Error())
		return exitContent
	}
	fmt.Fprintln(stdout, pick(lang, "预览地址：", "preview at ")+s.URL()+pick(lang, "（保存文件后浏览器自动刷新；按 Ctrl+C 结束）", " (browsers reload on save; Ctrl+C to stop)"))
	if opt.Drafts {
		fmt.Fprintln(stdout, pick(lang, "预览中包含草稿，页面顶部标有“草稿”；只看会发布的页面：dangjian serve --drafts=false",
			"drafts are included, each marked 草稿 at the top; to preview only what is published: dangjian serve --drafts=false"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Serve(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	fmt.Fprintln(stdout, pick(lang, "预览已结束。", "preview stopped."))
	return exitOK
}

func buildExists(dir string) bool {
	info, err := os.Stat(dir)
	return err == nil && info.IsDir()
}
