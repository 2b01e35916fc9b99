package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// english finds English words (three letters or more) left in a Chinese
// message once field names, paths, commands and values are taken out.
var english = regexp.MustCompile(`[A-Za-z]{3,}`)

func TestInitBuildCheck(t *testing.T) {
	for _, demo := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "我的党建网")
		args := []string{"init", dir}
		if demo {
			args = append(args, "--demo")
		}
		code, out, errOut := runCLI(t, "zh_CN.UTF-8", args...)
		if code != exitOK || !strings.Contains(out, "dangjian serve") {
			t.Fatalf("init demo=%v: %d %q %q", demo, code, out, errOut)
		}
		if !demo {
			if _, err := os.Stat(filepath.Join(dir, "使用说明.md")); err != nil {
				t.Error(err)
			}
			for _, sec := range []string{"news", "brands", "models", "honors", "units"} {
				if _, err := os.Stat(filepath.Join(dir, "content", sec, "_index.md")); err != nil {
					t.Error(err)
				}
			}
		}
		// (Warnings may be printed, e.g. about a baseURL that is not a full URL.)
		code, _, errOut = runCLI(t, "zh_CN.UTF-8", "build", "--source", dir)
		if code != exitOK || strings.Contains(errOut, "错误") {
			t.Fatalf("build demo=%v: %d %q", demo, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "units", "index.html")); err != nil {
			t.Error(err)
		}
		// 使用说明.md is for the officer, not a page of the site.
		if _, err := os.Stat(filepath.Join(dir, "public", "使用说明")); err == nil {
			t.Error("使用说明.md was published")
		}
		code, out, _ = runCLI(t, "zh_CN.UTF-8", "check", "--source", dir)
		if code != exitOK || !strings.Contains(out, "0 处错误") {
			t.Fatalf("check demo=%v: %d %q", demo, code, out)
		}
	}
}

func TestInitRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "笔记.txt")
	if err := os.WriteFile(keep, []byte("别动"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "zh_CN.UTF-8", "init", dir)
	if code != exitUsage || !strings.Contains(errOut, "不是空的") {
		t.Fatalf("init: %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("init wrote into a non-empty folder: %v", entries)
	}
	code, _, errOut = runCLI(t, "en_US.UTF-8", "init", dir, "--demo")
	if code != exitUsage || !strings.Contains(errOut, "is not empty") {
		t.Fatalf("init --demo (en): %d %q", code, errOut)
	}
	// An empty folder that exists is fine.
	empty := t.TempDir()
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "init", empty); code != exitOK {
		t.Fatalf("init into an empty folder: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "zh_CN.UTF-8", "init"); code != exitUsage {
		t.Errorf("init without a folder: %d", code)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"--help"}} {
		code, out, _ := runCLI(t, "zh_CN.UTF-8", args...)
		if code != exitOK {
			t.Errorf("%v: exit %d", args, code)
		}
		for name, c := range commands {
			if c.hidden {
				if strings.Contains(out, " "+name+" ") {
					t.Errorf("%v lists the hidden command %s", args, name)
				}
				continue
			}
			if !strings.Contains(out, "  "+name+" ") || !strings.Contains(out, c.summary[0]) || c.example != "" && !strings.Contains(out, c.example) {
				t.Errorf("%v: %s missing or without its summary and example:\n%s", args, name, out)
			}
		}
	}
	for _, c := range []string{"build", "serve", "check", "new", "init"} {
		for _, args := range [][]string{{"help", c}, {c, "--help"}, {c, "-h"}} {
			code, out, errOut := runCLI(t, "zh_CN.UTF-8", args...)
			if code != exitOK || !strings.HasPrefix(out, "用法：dangjian "+c) || !strings.Contains(out, "选项：") || !strings.Contains(out, "--source") && c != "init" {
				t.Errorf("%v: %d %q %q", args, code, out, errOut)
			}
			if strings.Contains(out+errOut, "Usage of") {
				t.Errorf("%v: Go's English usage: %q", args, out+errOut)
			}
			rest := strings.NewReplacer("dangjian "+c, "", "dangjian", "", "--source", "", "--dest", "", "--base-url", "", "--drafts", "",
				"--no-minify", "", "--verbose", "", "--bind", "", "--port", "", "--demo", "", "baseURL", "", "site.toml", "",
				"unit", "", "brand", "", "model", "", "honor", "", "news", "", "public", "", "true", "", "false", "").Replace(out)
			if w := english.FindString(rest); w != "" {
				t.Errorf("%v: English word %q in the Chinese help:\n%s", args, w, out)
			}
		}
	}
	// Every registered command, whoever wrote it: help CMD and CMD --help
	// print its usage in Chinese and exit 0, never Go's English usage.
	for name, c := range commands {
		if c.hidden {
			continue
		}
		for _, args := range [][]string{{"help", name}, {name, "--help"}} {
			code, out, errOut := runCLI(t, "zh_CN.UTF-8", args...)
			if code != exitOK || !strings.HasPrefix(out, "用法：dangjian "+name) || strings.Contains(out+errOut, "Usage of") {
				t.Errorf("%v: %d %q %q", args, code, out, errOut)
			}
		}
	}
	code, out, _ := runCLI(t, "en_US.UTF-8", "help", "build")
	if code != exitOK || !strings.Contains(out, "usage: dangjian build") || !strings.Contains(out, "options:") {
		t.Errorf("English help: %d %q", code, out)
	}
	// A mistyped flag: a usage error in Chinese, no Go English.
	code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--nope")
	if code != exitUsage || !strings.Contains(errOut, "没有 --nope 这个选项") || strings.Contains(errOut, "flag provided") || strings.Contains(errOut, "Usage of") {
		t.Errorf("bad flag: %d %q", code, errOut)
	}
	// Every command, those with a file or a target first among them.
	for _, args := range [][]string{{"deploy", "--nope"}, {"package", "--nope"}, {"review", "--nope"}, {"import", "a.docx", "--kind", "news", "--nope"}, {"new", "news", "x", "--nope"}, {"init", "x", "--nope"}} {
		code, _, errOut := runCLI(t, "zh_CN.UTF-8", args...)
		if code != exitUsage || !strings.Contains(errOut, "没有 --nope 这个选项") || strings.Contains(errOut, "flag provided") || strings.Contains(errOut, "Usage of") || strings.Contains(errOut, "(default") {
			t.Errorf("%v: %d %q", args, code, errOut)
		}
	}
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "serve", "--port")
	if code != exitUsage || !strings.Contains(errOut, "选项 --port 后面要写一个值") {
		t.Errorf("flag without value: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "en_US.UTF-8", "check", "--nope")
	if code != exitUsage || !strings.Contains(errOut, "there is no option --nope") {
		t.Errorf("bad flag (en): %d %q", code, errOut)
	}
	// A misspelt command gets the one meant.
	for name, want := range map[string]string{"bulid": "build", "serv": "serve", "Build": "build", "chek": "check", "deplay": "deploy"} {
		if code, _, errOut := runCLI(t, "zh_CN.UTF-8", name); code != exitUsage || !strings.Contains(errOut, "是否应为 dangjian "+want+"？") {
			t.Errorf("%s: %d %q", name, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "x"); code != exitUsage || strings.Contains(errOut, "是否应为") {
		t.Errorf("x: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "help", "nosuch"); code != exitUsage || !strings.Contains(errOut, "未知命令") {
		t.Errorf("help nosuch: %d %q", code, errOut)
	}
}
