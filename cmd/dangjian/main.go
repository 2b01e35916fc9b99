// Command dangjian builds, previews and checks a party-building portal.
// It only reads flags and prints; the work is done in generator/.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
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
		usage(stdout, lang)
		return exitOK
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "--version", "-v":
		fmt.Fprintf(stdout, "dangjian %s\n", version)
		return exitOK
	case "help", "-h", "--help", "-help":
		if cmd == "help" && wantsHelp(rest) {
			commandHelp(stdout, commands["help"], lang)
			return exitOK
		}
		if len(rest) == 0 {
			usage(stdout, lang)
			return exitOK
		}
		c, ok := commands[rest[0]]
		if !ok {
			fmt.Fprintln(stderr, unknownCommand(rest[0], lang))
			return exitUsage
		}
		commandHelp(stdout, c, lang)
		return exitOK
	}
	c, ok := commands[cmd]
	if !ok {
		fmt.Fprintln(stderr, unknownCommand(cmd, lang))
		return exitUsage
	}
	if wantsHelp(rest) {
		commandHelp(stdout, c, lang)
		return exitOK
	}
	return c.run(rest, stdout, stderr, lang)
}

func unknownCommand(name string, lang diag.Lang) string {
	if c := closestCommand(name); c != "" {
		return pick(lang, fmt.Sprintf("未知命令 %q，是否应为 dangjian %s？运行 dangjian help 查看全部命令。", name, c),
			fmt.Sprintf("unknown command %q; did you mean dangjian %s? Run dangjian help to list the commands.", name, c))
	}
	return pick(lang, fmt.Sprintf("未知命令 %q。运行 dangjian help 查看全部命令。", name),
		fmt.Sprintf("unknown command %q. Run dangjian help to list the commands.", name))
}

// closestCommand is the listed command a misspelt name (bulid, serv,
// Build) was meant to be: at most two letters apart, case aside; "" if none.
func closestCommand(name string) string {
	best, bestD := "", 3
	for _, c := range commands {
		if c.hidden {
			continue
		}
		if d := diag.EditDistance(strings.ToLower(name), c.name); d < bestD || d == bestD && c.name < best {
			best, bestD = c.name, d
		}
	}
	if bestD >= len([]rune(name)) {
		return "" // "x" is two letters from "new", but no spelling of it
	}
	return best
}

// wantsHelp reports a -h or --help among a command's arguments (before a
// "--", after which everything is an operand).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
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

func init() {
	register(&command{name: "help", order: 1000,
		summary: [2]string{"显示全部命令，或某个命令的用法和选项", "list the commands, or one command's usage and options"},
		usage:   [2]string{"[命令]", "[COMMAND]"},
		example: "dangjian help build",
		run: func(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
			return run(append([]string{"help"}, args...), stdout, stderr)
		}})
	register(&command{name: "version", order: 1010,
		summary: [2]string{"显示 dangjian 的版本", "print dangjian's version"},
		example: "dangjian version",
		run: func(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
			fmt.Fprintf(stdout, "dangjian %s\n", version)
			return exitOK
		}})
}

func pick(lang diag.Lang, zh, en string) string {
	if lang == diag.English {
		return en
	}
	return zh
}

func langIndex(lang diag.Lang) int {
	if lang == diag.English {
		return 1
	}
	return 0
}

// usage lists every registered command with what it is for and an example.
func usage(w io.Writer, lang diag.Lang) {
	l := langIndex(lang)
	fmt.Fprintln(w, pick(lang, "dangjian：党建工作网生成工具", "dangjian: the party-building portal generator"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, pick(lang, "用法：dangjian 命令 [选项]", "usage: dangjian COMMAND [options]"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, pick(lang, "命令：", "commands:"))
	var list []*command
	for _, c := range commands {
		if !c.hidden {
			list = append(list, c)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].order != list[j].order {
			return list[i].order < list[j].order
		}
		return list[i].name < list[j].name
	})
	for _, c := range list {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary[l])
		if c.example != "" {
			fmt.Fprintf(w, "  %-8s %s%s\n", "", pick(lang, "例：", "e.g. "), c.example)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, pick(lang, "每个命令的详细用法：dangjian help 命令，或 dangjian 命令 --help",
		"each command's usage and options: dangjian help COMMAND, or dangjian COMMAND --help"))
}

// commandHelp prints one command's usage, what it is for, its options and
// an example. The options come from the command's own flag set: it is run
// with --help, and newFlags prints them. A command whose flags were made
// without newFlags gets the usage line from the table alone.
func commandHelp(w io.Writer, c *command, lang diag.Lang) {
	var buf bytes.Buffer
	if helpMode.Swap(true) {
		return // help --help: the help command's run asked for its own help
	}
	func() {
		defer helpMode.Store(false)
		defer func() { recover() }() // a command that does not expect --help
		c.run([]string{"--help"}, io.Discard, &buf, lang)
	}()
	out := buf.String()
	if !strings.Contains(out, flagsMarker(lang)) {
		out = ""
	}
	l := langIndex(lang)
	fmt.Fprintf(w, "%sdangjian %s %s\n", pick(lang, "用法：", "usage: "), c.name, c.usage[l])
	if c.summary[l] != "" {
		fmt.Fprintf(w, "\n%s\n", c.summary[l])
	}
	if out != "" {
		fmt.Fprintf(w, "\n%s", out)
	}
	if c.example != "" {
		fmt.Fprintf(w, "\n%s\n  %s\n", pick(lang, "例：", "example:"), c.example)
	}
}

// helpMode is set while commandHelp runs a command for its flag listing, so
// that newFlags prints only the options (commandHelp adds the rest).
var helpMode atomic.Bool

func flagsMarker(lang diag.Lang) string { return pick(lang, "选项：", "options:") }

// newFlags makes a command's flag set with messages in the officer's
// language: --help prints the command's usage and options, and a mistyped
// flag is a usage error in Chinese (English when LANG is en), never Go's
// "flag provided but not defined". Every command makes its flags with it:
//
//	fs := newFlags("build", stderr, lang)
//	if err := fs.Parse(args); err != nil { return exitUsage }
func newFlags(name string, stderr io.Writer, lang diag.Lang) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(&flagErrors{w: stderr, lang: lang})
	fs.Usage = func() {
		if helpMode.Load() {
			printFlags(stderr, fs, lang)
			return
		}
		if c, ok := commands[name]; ok {
			fmt.Fprintf(stderr, "%sdangjian %s %s\n", pick(lang, "用法：", "usage: "), name, c.usage[langIndex(lang)])
		}
		fmt.Fprintln(stderr, pick(lang, "查看全部选项：dangjian help "+name, "all options: dangjian help "+name))
	}
	return fs
}

// printFlags lists a flag set's options, one paragraph each.
func printFlags(w io.Writer, fs *flag.FlagSet, lang diag.Lang) {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, flagsMarker(lang))
	fs.VisitAll(func(f *flag.Flag) {
		arg := ""
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
			arg = pick(lang, " 值", " VALUE")
		}
		fmt.Fprintf(w, "  --%s%s\n", f.Name, arg)
		line := "      " + f.Usage
		if f.DefValue == "true" {
			line += pick(lang, "（默认开启）", " (on by default)")
		} else if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			line += pick(lang, "（默认 "+f.DefValue+"）", " (default "+f.DefValue+")")
		}
		fmt.Fprintln(w, line)
	})
}

// flagErrors translates the flag package's error lines, which it writes to
// the flag set's output before calling Usage.
type flagErrors struct {
	w    io.Writer
	lang diag.Lang
}

var flagMessages = []struct {
	re     *regexp.Regexp
	zh, en string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "没有 --%s 这个选项", "there is no option --%s"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "选项 --%s 后面要写一个值", "option --%s needs a value"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -+(.*?): .*$`), "值 %q 不能用于选项 --%s（只能是 true 或 false）", "value %q is not valid for option --%s (true or false)"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -+(.*?): .*$`), "值 %q 不能用于选项 --%s", "value %q is not valid for option --%s"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "选项写法有误：%s", "bad option syntax: %s"},
	{regexp.MustCompile(`^invalid boolean flag (.*?): .*$`), "选项 --%s 的值有误", "bad value for option --%s"},
}

func (f *flagErrors) Write(b []byte) (int, error) {
	line := strings.TrimSpace(string(b))
	for _, m := range flagMessages {
		if sub := m.re.FindStringSubmatch(line); sub != nil {
			args := make([]any, len(sub)-1)
			for i, s := range sub[1:] {
				args[i] = s
			}
			fmt.Fprintln(f.w, fmt.Sprintf(pick(f.lang, m.zh, m.en), args...))
			return len(b), nil
		}
	}
	if line != "" {
		fmt.Fprintln(f.w, line)
	}
	return len(b), nil
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
	fs := newFlags("build", stderr, lang)
	var opt site.Options
	var base optionalString
	var verbose bool
	fs.StringVar(&opt.Source, "source", ".", pick(lang, "网站目录", "site folder"))
	fs.StringVar(&opt.Dest, "dest", "", pick(lang, "输出目录（默认为网站目录下的 public）", "output folder (default <source>/public)"))
	fs.Var(&base, "base-url", pick(lang, "网站地址，覆盖 site.toml 的 baseURL；\"\" 表示相对链接（可直接从磁盘打开）", "base URL, overrides site.toml; \"\" makes relative links (works from disk)"))
	fs.BoolVar(&opt.Drafts, "drafts", false, pick(lang, "包含草稿（生成的网站只供本机查看，不能发布）", "include drafts (the result is for looking at here; deploy and package refuse it)"))
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
	if r.Portable.Msg.Zh != "" {
		fmt.Fprintln(w, r.Portable.Msg.Text(lang, r.Portable.Args...))
	}
	if verbose {
		for _, s := range r.Stages {
			fmt.Fprintf(w, "  %-10s %s\n", s.Name, s.Duration.Round(time.Microsecond))
		}
	}
}

// splitFlags parses flags that may come before, between or after the
// operands (dangjian init 我的党建网 --demo), which the flag package alone
// does not allow. It returns the operands; false after a flag error, which
// the flag set has already reported.
func splitFlags(fs *flag.FlagSet, args []string) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		if fs.NArg() == 0 {
			return pos, true
		}
		// After "--" everything is an operand.
		if len(args) > len(fs.Args()) && args[len(args)-len(fs.Args())-1] == "--" {
			return append(pos, fs.Args()...), true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
