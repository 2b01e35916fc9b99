package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/sitetest"
)

func TestImportCommand(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal)
	fixture := filepath.Join("..", "..", "generator", "importdocx", "testdata")
	gongwen := filepath.Join(fixture, "gongwen.docx")

	code, out, errs := runCLI(t, "zh_CN.UTF-8", "import", gongwen, "--kind", "news", "--source", dir)
	want := filepath.Join(dir, "content", "news", "中共岳阳市卫生计生委党组关于巴陵先锋先行主题实践活动督查的通报.md")
	if code != exitOK || strings.TrimSpace(out) != want {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	for _, s := range []string{"已导入", "（草稿）", "http://127.0.0.1:1313/news/中共岳阳市卫生计生委党组关于巴陵先锋先行主题实践活动督查的通报/", "dangjian serve（预览中包含草稿）", "警告：", "合并单元格"} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}

	// Again: a new name, said in the output; the first file is untouched.
	before, _ := os.ReadFile(want)
	code, out, errs = runCLI(t, "en_US.UTF-8", "import", "--kind", "news", "--source", dir, gongwen)
	if code != exitOK || !strings.HasSuffix(strings.TrimSpace(out), "通报-2.md") || !strings.Contains(errs, "already exists and is not overwritten") {
		t.Errorf("second import: %d %q %q", code, out, errs)
	}
	if after, _ := os.ReadFile(want); string(after) != string(before) {
		t.Error("the first import was overwritten")
	}

	// An old .doc: exit 1, the Chinese advice, nothing written.
	code, _, errs = runCLI(t, "zh_CN.UTF-8", "import", filepath.Join(fixture, "notes.doc"), "--kind", "news", "--source", dir)
	if code != exitContent || !strings.Contains(errs, "另存为") || !strings.Contains(errs, ".docx") || !strings.Contains(errs, "未写入任何文件") {
		t.Errorf(".doc: %d %q", code, errs)
	}

	for _, args := range [][]string{
		{"import"},
		{"import", gongwen},
		{"import", gongwen, "--kind", "gallery", "--source", dir},
		{"import", gongwen, "--kind", "brand", "--unit", "没有这个单位", "--source", dir},
		{"import", gongwen, "--kind", "news", "--nope"},
	} {
		if code, _, errs := runCLI(t, "zh_CN.UTF-8", args...); code != exitUsage {
			t.Errorf("%v: %d, want 2 (%s)", args, code, errs)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content", "news"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2+countMinimalNews(t) {
		t.Errorf("content/news has %v", names)
	}
}

func countMinimalNews(t *testing.T) int {
	n := 0
	for name := range sitetest.Files(sitetest.Minimal) {
		if strings.HasPrefix(name, "content/news/") {
			n++
		}
	}
	return n
}

// Windows' command prompt and PowerShell pass "*.docx" to the program as
// typed; import expands it itself (leaving out Word's ~$ lock files), and a
// file that is not there is said so in Chinese, not in the system's English.
func TestImportPatternAndMissingFile(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal)
	docs := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "generator", "importdocx", "testdata", "gongwen.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"通报一.docx", "通报 二.docx", "~$通报一.docx"} {
		if err := os.WriteFile(filepath.Join(docs, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCLI(t, "zh_CN.UTF-8", "import", filepath.Join(docs, "*.docx"), "--kind", "news", "--source", dir)
	if code != exitOK || len(strings.Fields(strings.ReplaceAll(out, " ", "_"))) != 2 {
		t.Errorf("pattern: %d %q %q", code, out, errs)
	}
	code, _, errs = runCLI(t, "zh_CN.UTF-8", "import", filepath.Join(docs, "没有这个文件.docx"), "--kind", "news", "--source", dir)
	if code != exitContent || !strings.Contains(errs, "找不到这个文件") || strings.Contains(errs, "no such file") {
		t.Errorf("missing file: %d %q", code, errs)
	}
	code, _, errs = runCLI(t, "zh_CN.UTF-8", "import", filepath.Join(docs, "*.doc"), "--kind", "news", "--source", dir)
	if code != exitContent || !strings.Contains(errs, "找不到这个文件") {
		t.Errorf("pattern that matches nothing: %d %q", code, errs)
	}
}
