package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/sitetest"
)

func TestReviewCommand(t *testing.T) {
	clean := writeSite(t, sitetest.Minimal)
	if code, out, errOut := runCLI(t, "zh_CN.UTF-8", "review", "--source", clean); code != exitOK || !strings.Contains(out, "0 个错误，0 个警告") {
		t.Errorf("clean site: exit %d\n%s%s", code, out, errOut)
	}

	dir := writeSite(t, sitetest.Minimal+`
-- content/news/rv.md --
+++
title = "审核"
date = 2024-06-01
+++
扫黑险恶,专项斗争。
`)
	code, out, _ := runCLI(t, "zh_CN.UTF-8", "review", "--source", dir)
	if code != exitContent || !strings.Contains(out, "content/news/rv.md:5:1: [typo] “扫黑险恶”是错误写法（严重表述错误） → 改为“扫黑除恶”\n") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "en_US.UTF-8", "review", "--source", dir, "--json")
	var arr []map[string]any
	if err := json.Unmarshal([]byte(out), &arr); err != nil || code != exitContent || len(arr) != 2 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, out)
	}
	if arr[0]["rule"] != "typo" || arr[0]["severity"] != "error" || arr[0]["line"] != float64(5) ||
		arr[1]["rule"] != "punctuation" || arr[1]["column"] != float64(5) || !strings.Contains(arr[0]["message"].(string), "misspelt") {
		t.Errorf("--json: %v", arr)
	}
	sheet := filepath.Join(t.TempDir(), "审核表.html")
	if code, _, _ := runCLI(t, "zh_CN.UTF-8", "review", "--source", dir, "--html", sheet); code != exitContent {
		t.Errorf("--html: exit %d", code)
	}
	if data, err := os.ReadFile(sheet); err != nil || !strings.Contains(string(data), "终审") || !strings.Contains(string(data), "扫黑除恶") {
		t.Errorf("review sheet: %v", err)
	}
	if code, _, _ := runCLI(t, "zh_CN.UTF-8", "review", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
}
