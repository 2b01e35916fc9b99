package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/sitetest"
)

func TestDeployCommand(t *testing.T) {
	site := writeSite(t, sitetest.Minimal)
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site, filepath.Join(t.TempDir(), "www")); code != exitContent || !strings.Contains(errOut, "请先运行 dangjian build") {
		t.Fatalf("deploy before build: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--source", site); code != exitOK {
		t.Fatalf("build: %s", errOut)
	}
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site); code != exitContent || !strings.Contains(errOut, "[deploy]") {
		t.Fatalf("deploy without a target: %d %s", code, errOut)
	}
	www := filepath.Join(t.TempDir(), "www")

	// The target may come before the flags or after them.
	code, out, errOut := runCLI(t, "zh_CN.UTF-8", "deploy", www, "--source", site, "--dry-run")
	if code != exitOK || !strings.Contains(out, "删除 0、未变 0") || !strings.Contains(out, "上传 index.html") || !strings.Contains(out, "没有做任何改动") {
		t.Fatalf("dry run: %d\n%s%s", code, out, errOut)
	}
	if entries, _ := os.ReadDir(www); len(entries) != 0 {
		t.Fatalf("dry run wrote %d entries", len(entries))
	}
	code, out, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site, www)
	if code != exitOK || !strings.Contains(out, "发布完成") {
		t.Fatalf("deploy: %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
		t.Fatal(err)
	}

	// The target from site.toml's [deploy].
	cfg, _ := os.ReadFile(filepath.Join(site, "site.toml"))
	os.WriteFile(filepath.Join(site, "site.toml"), append(cfg, []byte("\n[deploy]\ntarget = \""+filepath.ToSlash(www)+"\"\n")...), 0o644)
	code, out, _ = runCLI(t, "en_US.UTF-8", "deploy", "--source", site)
	if code != exitOK || !strings.Contains(out, "up to date") {
		t.Fatalf("deploy to site.toml's target: %d\n%s", code, out)
	}

	// A key pasted into site.toml instead of a variable's name.
	os.WriteFile(filepath.Join(site, "site.toml"), append(cfg, []byte("\n[deploy]\ntarget = \"s3://b?endpoint=x\"\nsecret_key_env = \"wJalrXUtnFEMI/K7MDENG+bPxRfiCY\"\n")...), 0o644)
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site)
	if code != exitContent || !strings.Contains(errOut, "site.toml:6: [deploy] 的 secret_key_env 应当写环境变量的名字") {
		t.Fatalf("secret in site.toml: %d %s", code, errOut)
	}

	os.WriteFile(filepath.Join(site, "site.toml"), cfg, 0o644)

	// Never into the built folder itself.
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site, filepath.Join(site, "public", "x"))
	if code != exitContent || !strings.Contains(errOut, "换一个文件夹") {
		t.Fatalf("deploy into public/: %d %s", code, errOut)
	}
	// Nor into the site folder or a folder a build reads: the pages would
	// mix with the sources (content/index.html, ./news/index.html).
	for _, target := range []string{site, filepath.Join(site, "content"), filepath.Join(site, "content", "news"), filepath.Join(site, "static"), filepath.Join(site, "layouts")} {
		code, _, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site, target)
		if code != exitContent || !strings.Contains(errOut, "网站文件夹以外") {
			t.Errorf("deploy into %s: %d %s", target, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "index.html")); err == nil {
		t.Error("deploy wrote into content/")
	}
	// No password in an address.
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", "--source", site, "sftp://web:123456@127.0.0.1/var/www")
	if code != exitContent || !strings.Contains(errOut, "不能写密码") || strings.Contains(errOut, "123456") {
		t.Fatalf("password in the address: %d %s", code, errOut)
	}
}

func TestPackageCommand(t *testing.T) {
	site := writeSite(t, sitetest.Minimal)
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--source", site); code != exitOK {
		t.Fatalf("build: %s", errOut)
	}
	zip := filepath.Join(t.TempDir(), "网站.zip")
	code, out, errOut := runCLI(t, "zh_CN.UTF-8", "package", "--source", site, "--output", zip)
	if code != exitOK || !strings.Contains(out, "sha256sum -c SHA256SUMS") {
		t.Fatalf("package: %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(zip); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "package", "--source", site, "--output", filepath.Join(site, "public", "x.zip"))
	if code != exitContent || !strings.Contains(errOut, "--output") {
		t.Fatalf("zip inside public/: %d %s", code, errOut)
	}
	// In content/ or static/ the next build would publish the zip.
	for _, d := range []string{"content", "static"} {
		out := filepath.Join(site, d, "x.zip")
		code, _, errOut = runCLI(t, "zh_CN.UTF-8", "package", "--source", site, "--output", out)
		if _, err := os.Stat(out); code != exitContent || err == nil || !strings.Contains(errOut, "--output") {
			t.Errorf("zip inside %s/: %d %s", d, code, errOut)
		}
	}
}

// Before sending what was built, deploy and package read the sources: a
// serious wording error on a published page refuses the sending (a dry run
// says it would), one on a draft does not, and a page changed after the
// build is a warning that the old site would go out.
func TestPublishingChecksTheReview(t *testing.T) {
	site := writeSite(t, sitetest.Minimal)
	page := filepath.Join(site, "content", "news", "typo.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	write := func(draft string) {
		t.Helper()
		src := "+++\ntitle = \"学习动态\"\ndate = 2025-01-02\ndraft = " + draft + "\n+++\n\n深入学习中国特色社会主意思想。\n"
		if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "build", "--source", site); code != exitOK {
			t.Fatalf("build: %s", errOut)
		}
	}
	write("false")
	www := filepath.Join(t.TempDir(), "www")
	zip := filepath.Join(t.TempDir(), "site.zip")
	for _, args := range [][]string{{"deploy", www}, {"package", "--output", zip}} {
		code, _, errOut := runCLI(t, "zh_CN.UTF-8", append(args, "--source", site)...)
		if code != exitContent || !strings.Contains(errOut, "content/news/typo.md:7:5: [typo] “中国特色社会主意”") || !strings.Contains(errOut, "没有发送任何文件") {
			t.Errorf("%s with a serious wording error: %d\n%s", args[0], code, errOut)
		}
	}
	if _, err := os.Stat(www); err == nil {
		t.Error("deploy wrote the target")
	}
	if _, err := os.Stat(zip); err == nil {
		t.Error("package wrote the zip")
	}
	code, out, errOut := runCLI(t, "zh_CN.UTF-8", "deploy", www, "--source", site, "--dry-run")
	if code != exitOK || !strings.Contains(errOut, "正式发布时会因此拒绝发送") || !strings.Contains(out, "没有做任何改动") {
		t.Errorf("dry run: %d\n%s%s", code, out, errOut)
	}

	// On a draft it is the review's business, not the publishing's.
	write("true")
	// Built again (into the spare of the first build): nothing changed since.
	if code, _, errOut := runCLI(t, "zh_CN.UTF-8", "deploy", www, "--source", site); code != exitOK || strings.Contains(errOut, "又修改过") {
		t.Errorf("deploy with the error in a draft: %d\n%s", code, errOut)
	}

	// Mended after the build, not built again: the old site would go out.
	later := time.Now().Add(time.Minute)
	os.Chtimes(page, later, later)
	code, _, errOut = runCLI(t, "zh_CN.UTF-8", "deploy", www, "--source", site, "--dry-run")
	if code != exitOK || !strings.Contains(errOut, "之后 content/news/typo.md 又修改过") {
		t.Errorf("deploy after an edit: %d\n%s", code, errOut)
	}
}
