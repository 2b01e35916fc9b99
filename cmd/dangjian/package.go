package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"dangjian/generator/deploy"
	"dangjian/generator/diag"
	"dangjian/generator/site"
)

func init() {
	register(&command{name: "package", order: 55, run: runPackage,
		summary: [2]string{"把生成好的网站打成 zip 压缩包（含 SHA256SUMS 校验文件），交给信息科", "zip the built site (with SHA256SUMS) for handing to IT"},
		usage:   [2]string{"[--source 目录] [--dest 目录] [--output 文件.zip]", "[--source DIR] [--dest DIR] [--output FILE.zip]"},
		example: "dangjian package --output 党建网站.zip"})
}

func runPackage(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("package", stderr, lang)
	var o deployOpts
	o.flags(fs, lang)
	out := fs.String("output", "", pick(lang, "压缩包文件名（默认 site-年月日-时分.zip）", "zip file (default site-YYYYMMDD-HHMM.zip)"))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), fs.Args())
		return exitUsage
	}
	if *out == "" {
		*out = filepath.Join(o.source, "site-"+time.Now().Format("20060102-1504")+".zip")
	}
	dir := o.built()
	if inside(*out, dir) {
		fmt.Fprintln(stderr, diag.MsgPackageInside.Text(lang, *out, dir))
		return exitContent
	}
	// In content/ or static/ the zip would be published by the next build.
	if d := site.SourceFolderOf(*out, o.source); d != "" {
		fmt.Fprintln(stderr, diag.MsgPackageSource.Text(lang, *out, d))
		return exitContent
	}
	if !beforePublishing(o, false, stderr, lang) {
		return exitContent
	}
	n, err := deploy.Package(dir, *out)
	if err != nil {
		var p diag.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Format(lang))
		} else {
			fmt.Fprintln(stderr, diag.MsgPackageFailed.Text(lang, *out, err))
		}
		return exitContent
	}
	fmt.Fprintln(stdout, pick(lang,
		fmt.Sprintf("已打包 %d 个文件到 %s。解压后在网站文件夹中运行 sha256sum -c %s 可以核对每个文件", n, *out, deploy.SumsName),
		fmt.Sprintf("packed %d files into %s; after unzipping, sha256sum -c %s checks every file", n, *out, deploy.SumsName)))
	return exitOK
}
