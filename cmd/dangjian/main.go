// Command dangjian builds, previews and checks a party-building portal.
// It only reads flags and prints; the work is done in generator/.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/site"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit statuses, as PORTAL.md fixes them.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	lang := diag.LangFromEnv(os.Getenv)
	if len(args) == 0 {
		usage(stderr, lang)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "dangjian %s\n", version)
		return exitOK
	case "help", "-h", "--help":
		usage(stdout, lang)
		return exitOK
	}
	if c, ok := commands[cmd]; ok {
		return c.run(rest, stdout, stderr, lang)
	}
	fmt.Fprintf(stderr, "%s\n", pick(lang, "未知命令 "+cmd, "unknown command "+cmd))
	usage(stderr, lang)
	return exitUsage
}

// command is one of dangjian's commands. Each command's file registers it
// in an init function, so adding a command touches only its own file; the
// help texts are built from this table.
type command struct {
	name    string
	order   int       // place in the help listing
	hidden  bool      // developers' commands, left out of the help
	summary [2]string // one line on what it is for: Chinese, English
	usage   [2]string // the usage line(s) after "dangjian NAME"
	example string    // one example command line
	run     func(args []string, stdout, stderr io.Writer, lang diag.Lang) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func pick(lang diag.Lang, zh, en string) string {
	if lang == diag.English {
		return en
	}
	return zh
}

func usage(w io.Writer, lang diag.Lang) {
	l := 0
	if lang == diag.English {
		l = 1
	}
	fmt.Fprintln(w, pick(lang, "用法：", "usage:"))
	var list []*command
	for _, c := range commands {
		if !c.hidden {
			list = append(list, c)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].order < list[j].order })
	for _, c := range list {
		fmt.Fprintf(w, "  dangjian %-7s %s\n", c.name, c.usage[l])
	}
	fmt.Fprintln(w, "  dangjian version")
}

// optionalString is a flag that remembers whether it was given, because
// --base-url "" (relative links) differs from no --base-url.
type optionalString struct {
	value *string
}

func (o *optionalString) String() string {
	if o.value == nil {
		return ""
	}
	return *o.value
}

func (o *optionalString) Set(s string) error { o.value = &s; return nil }

func init() {
	register(&command{name: "build", order: 10, run: runBuild,
		summary: [2]string{"生成网站到 public/ 文件夹", "build the site into public/"},
		usage:   [2]string{"[--source 目录] [--dest 目录] [--base-url 网址] [--drafts] [--no-minify] [--verbose]", "[--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--no-minify] [--verbose]"},
		example: "dangjian build"})
}

func runBuild(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt site.Options
	var base optionalString
	var verbose bool
	fs.StringVar(&opt.Source, "source", ".", pick(lang, "网站目录", "site folder"))
	fs.StringVar(&opt.Dest, "dest", "", pick(lang, "输出目录（默认 <source>/public）", "output folder (default <source>/public)"))
	fs.Var(&base, "base-url", pick(lang, "网站地址，覆盖 site.toml 的 baseURL；\"\" 表示相对链接（可直接从磁盘打开）", "base URL, overrides site.toml; \"\" makes relative links (works from disk)"))
	fs.BoolVar(&opt.Drafts, "drafts", false, pick(lang, "包含草稿", "include drafts"))
	fs.BoolVar(&opt.NoMinify, "no-minify", false, pick(lang, "不压缩输出", "do not minify output"))
	fs.BoolVar(&verbose, "verbose", false, pick(lang, "显示每个阶段的用时", "print each stage's time"))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), fs.Args())
		return exitUsage
	}
	opt.BaseURL = base.value
	res, err := site.Build(opt)
	if err != nil {
		return reportError(stderr, err, lang)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, pick(lang, "警告：", "warning: ")+w.Format(lang))
	}
	printSummary(stdout, res, verbose, lang)
	return exitOK
}

// reportError prints a failed build's problems, one a line, and a count.
func reportError(stderr io.Writer, err error, lang diag.Lang) int {
	var errs diag.Errors
	if errors.As(err, &errs) {
		for _, p := range errs {
			fmt.Fprintln(stderr, p.Format(lang))
		}
		fmt.Fprintln(stderr, pick(lang, fmt.Sprintf("共 %d 处错误，未生成网站，原有输出保持不变。", len(errs)),
			fmt.Sprintf("%d error(s); nothing was written, the previous output is unchanged.", len(errs))))
		return exitContent
	}
	fmt.Fprintln(stderr, err)
	return exitContent
}

// printSummary writes the short report after a build: pages per kind, files
// written and time, and with --verbose each stage's time.
func printSummary(w io.Writer, r *site.Result, verbose bool, lang diag.Lang) {
	kinds := []struct {
		k      content.Kind
		zh, en string
	}{{content.KindNews, "动态", "news"}, {content.KindBrand, "品牌", "brands"}, {content.KindModel, "示范点", "model sites"},
		{content.KindHonor, "荣誉榜", "honor lists"}, {content.KindUnit, "单位", "units"}, {content.KindPage, "其他", "other"}}
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", pick(lang, k.zh, k.en), r.PagesByKind[k.k]))
	}
	mb := float64(r.Bytes) / 1e6
	took := r.Duration.Round(time.Millisecond)
	fmt.Fprintln(w, pick(lang, "内容页："+strings.Join(parts, "，"), "content pages: "+strings.Join(parts, ", ")))
	fmt.Fprintln(w, pick(lang,
		fmt.Sprintf("生成 %d 个网页，共写入 %d 个文件（%.1f MB），用时 %s", r.HTMLPages, r.Files, mb, took),
		fmt.Sprintf("%d pages made, %d files written (%.1f MB) in %s", r.HTMLPages, r.Files, mb, took)))
	if verbose {
		for _, s := range r.Stages {
			fmt.Fprintf(w, "  %-10s %s\n", s.Name, s.Duration.Round(time.Microsecond))
		}
	}
}
