package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// An unmasked ID or mobile number stops the build (path:line) and leaves the
// previous output; other review findings, review_ignore and a
// <!-- review:ignore --> line do not.
func TestBuildStopsOnPersonalNumbers(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试"
baseURL = "https://dj.example.gov.cn/"
-- content/news/a.md --
+++
title = "公示"
date = 2024-01-02
+++
其他内容,卫计委,扫黑险恶。

张三，身份证号11010519491231002X。

李四，手机13812345678。
-- content/news/b.md --
+++
title = "历史文件"
date = 2024-01-02
review_ignore = ["privacy-id"]
+++
原件：11010519491231002X。

<!-- review:ignore -->
联系人：13812345678。
`)
	dest := filepath.Join(dir, "public")
	_, err := Build(Options{Source: dir, Dest: dest})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("build did not stop: %v", err)
	}
	var got []string
	for _, p := range errs {
		got = append(got, p.Format(diag.Chinese))
	}
	want := []string{
		"content/news/a.md:7: 第 8 列有未遮盖的居民身份证号码 110105********002X，不能发布：请遮盖为 110105********002X 或删去（确需公开的，在前一行写 <!-- review:ignore -->）",
		"content/news/a.md:9: 第 6 列有未遮盖的手机号码 138****5678，不能发布：请遮盖为 138****5678 或删去（确需公开的，在前一行写 <!-- review:ignore -->）",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a stopped build wrote %s", dest)
	}

	// Masked, the page builds, with its other findings left to the review,
	// and review_ignore is a known field (no warning).
	sitetest.WriteInto(t, dir, `
-- content/news/a.md --
+++
title = "公示"
date = 2024-01-02
+++
其他内容,卫计委,扫黑险恶。

张三，身份证号110105********002X。

李四，手机138****5678。
`)
	res, err := Build(Options{Source: dir, Dest: dest})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w.Format(diag.Chinese))
	}
}
