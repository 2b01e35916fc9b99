package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
