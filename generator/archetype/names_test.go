package archetype

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// TestNewRefusesWindowsNames: names Windows cannot open are refused with
// the reason, and no file is written (issue #14, low).
func TestNewRefusesWindowsNames(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal)
	for name, want := range map[string]string{
		"CON": "Windows 保留的设备名", "con": "Windows 保留的设备名", "nul.txt": "Windows 保留的设备名",
		"Aux.md": "Windows 保留的设备名", "COM1": "Windows 保留的设备名", "lpt9.doc": "Windows 保留的设备名",
		"PRN ": "Windows 保留的设备名", "COM¹": "Windows 保留的设备名",
		"a<b": "不能用作文件名", "a>b": "不能用作文件名", "a:b": "不能用作文件名", `a"b`: "不能用作文件名",
		"a|b": "不能用作文件名", "a?b": "不能用作文件名", "a*b": "不能用作文件名", "结尾.": "不能用作文件名",
	} {
		_, err := New(Options{Source: dir, Kind: "news", Name: name, Now: today})
		var p *Problem
		if !errors.As(err, &p) || !errors.Is(err, ErrUsage) {
			t.Errorf("new news %q: got %v, want a usage error", name, err)
			continue
		}
		if got := p.Problem.Format(diag.Chinese); !strings.Contains(got, want) {
			t.Errorf("new news %q: %s, want %q", name, got, want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content", "news")); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
	for _, ok := range []string{"CONSOLE", "COM10", "党建 工作", "lpt", "console.md"} {
		if _, err := New(Options{Source: dir, Kind: "news", Name: ok, Now: today}); err != nil {
			t.Errorf("new news %q refused: %v", ok, err)
		}
	}
}
