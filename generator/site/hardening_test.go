package site

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

func buildErrors(t *testing.T, opt Options) string {
	t.Helper()
	_, err := Build(opt)
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want build errors, got %v", err)
	}
	return errs.Format(diag.Chinese)
}

// A logo with a DOCTYPE internal subset fails the build with the page's
// line and the logo's path, and so does a static SVG with one; the
// entity attack of issue #14 item 2 (which crashed the process with
// "fatal error: out of memory") is refused at once.
func TestSVGWithDoctypeIsAContentError(t *testing.T) {
	var attack strings.Builder
	attack.WriteString(`<!DOCTYPE svg [<!ENTITY a "` + strings.Repeat("党", 33_000) + `">]>` + "\n")
	attack.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"><text>` + strings.Repeat("&a;", 40_000) + `</text></svg>`)
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/brands/hongxin.md --
+++
title = "红心向党"
unit = "fuyou"
status = "示范"
logo = "images/brands/hongxin.svg"
+++
`)
	sitetest.WriteInto(t, dir, "-- content/images/brands/hongxin.svg --\n"+attack.String()+"\n")
	sitetest.WriteInto(t, dir, "-- static/img/deco.svg --\n<!DOCTYPE svg [<!ENTITY a \"x\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>\n")
	start := time.Now()
	got := buildErrors(t, Options{Source: dir})
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("the build took %v", took)
	}
	want := `content/brands/hongxin.md:5: 标识图片 "images/brands/hongxin.svg" 第 1 行有 DOCTYPE 内部定义（<!DOCTYPE … [ <!ENTITY …> ]>），可被用来耗尽内存，不予发布；请删去方括号及其中的内容，或在绘图软件中重新导出不含 DTD 的 SVG`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// The same file copied as an asset (no page names it), and a static
	// SVG: the file's own path.
	os.Remove(filepath.Join(dir, "content/brands/hongxin.md"))
	got = buildErrors(t, Options{Source: dir})
	for _, want := range []string{
		`content/images/brands/hongxin.svg: 第 1 行有 DOCTYPE 内部定义`,
		`static/img/deco.svg: 第 1 行有 DOCTYPE 内部定义`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// A static/ file or folder that is a symbolic link out of the site is not
// published (nor read), with a warning, as content/ already did.
func TestStaticSymlinkOutOfTheSiteIsNotPublished(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	os.WriteFile(secret, []byte("root:x:0:0"), 0o644)
	os.Mkdir(filepath.Join(outside, "etc"), 0o755)
	os.WriteFile(filepath.Join(outside, "etc", "shadow"), []byte("root:$6$"), 0o644)
	dir := sitetest.Write(t, sitetest.Minimal+"\n-- static/css/ok.txt --\nfine\n-- assets/logo.txt --\ninside\n")
	for link, target := range map[string]string{
		"static/passwd":      secret,
		"static/etc":         filepath.Join(outside, "etc"),
		"static/inside.txt":  filepath.Join(dir, "assets", "logo.txt"),
		"static/dangling":    filepath.Join(outside, "nothing"),
		"layouts/robots.txt": secret,
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, link)), 0o755)
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	res := buildPublishingNo(t, dir, "root:", "a file from outside the site")
	if data, err := os.ReadFile(filepath.Join(dir, "public", "inside.txt")); err != nil || string(data) != "inside\n" {
		t.Errorf("a link inside the site was not published: %q %v", data, err)
	}
	var warned []string
	for _, w := range res.Warnings {
		if w.Msg == diag.MsgSymlinkOut {
			warned = append(warned, w.Path)
		}
	}
	if strings.Join(warned, " ") != "static/dangling static/etc static/passwd" {
		t.Errorf("warnings for %v, want static/dangling static/etc static/passwd", warned)
	}
	// The static folder itself as a link out of the site.
	os.RemoveAll(filepath.Join(dir, "static"))
	os.Symlink(outside, filepath.Join(dir, "static"))
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "passwd")); err == nil {
		t.Error("static/ linked out of the site was published")
	}
	if len(res.Warnings) == 0 || res.Warnings[0].Path != "static" {
		t.Errorf("warnings %v", res.Warnings)
	}
}

// mountTmpfs mounts a small RAM disk at dir, or skips the test where that
// is not allowed (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, dir string, size string) {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skip("cannot mount a tmpfs here:", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// A full disk is a write error naming the file, in Chinese (it said
// 无法读取文件, "cannot read file"), and the previous output stays.
func TestFullDiskIsAWriteError(t *testing.T) {
	disk := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(disk, 0o755)
	mountTmpfs(t, disk, "96k")
	dir := sitetest.Write(t, sitetest.Minimal+"\n-- static/big.bin --\n"+strings.Repeat("0123456789", 20_000)+"\n")
	got := buildErrors(t, Options{Source: dir, Dest: filepath.Join(disk, "public")})
	if !strings.Contains(got, "无法写入 "+filepath.Join(disk, "public")) || !strings.Contains(got, "磁盘空间已满") ||
		strings.Contains(got, "无法读取") || strings.Count(got, "\n") > 0 {
		t.Errorf("got:\n%s", got)
	}
	if m, _ := filepath.Glob(filepath.Join(disk, ".dangjian-tmp-*")); len(m) > 0 {
		t.Errorf("left %v", m)
	}
}

// --dest on a mount point cannot be replaced by a rename: the officer is
// told why and what to do, in Chinese, not "invalid cross-device link".
func TestDestOnAMountPoint(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "www")
	os.Mkdir(dest, 0o755)
	mountTmpfs(t, dest, "4m")
	dir := sitetest.Write(t, sitetest.Minimal)
	got := buildErrors(t, Options{Source: dir, Dest: dest})
	if !strings.Contains(got, "输出目录 "+dest+" 无法被整体替换") || !strings.Contains(got, "--dest "+filepath.Join(dest, "public")) {
		t.Errorf("got:\n%s", got)
	}
	// The advice works.
	if _, err := Build(Options{Source: dir, Dest: filepath.Join(dest, "public")}); err != nil {
		t.Errorf("building into the sub-folder: %v", err)
	}
}

// A static/ or layouts/ link into a hidden folder of the site is not
// published: a link to ../.git/config, which anyone with access to the
// site's repository can commit, published the officer's git remote with
// its token. A file the site keeps in a hidden folder of static/ itself
// (.well-known) is still published.
func TestStaticSymlinkIntoHiddenFolderIsNotPublished(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+
		"\n-- .git/config --\n[remote \"origin\"]\n\turl = https://officer:TOKEN123@git.example.com/site.git\n"+
		"-- .env --\nAWS_SECRET_ACCESS_KEY=TOKEN123\n"+
		"-- static/.well-known/security.txt --\nContact: mailto:it@example.gov.cn\n"+
		"-- assets/ok.txt --\ninside\n")
	for link, target := range map[string]string{
		"static/readme.txt":      filepath.Join("..", ".git", "config"),
		"static/env.txt":         filepath.Join(dir, ".env"),
		"static/img/git":         filepath.Join("..", "..", ".git"),
		"layouts/robots.txt":     filepath.Join("..", ".env"),
		"static/ok.txt":          filepath.Join("..", "assets", "ok.txt"),
		"static/.well-known/w.t": "security.txt",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, link)), 0o755)
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	res := buildPublishingNo(t, dir, "TOKEN123", "a hidden file of the site")
	for _, f := range []string{"ok.txt", ".well-known/security.txt", ".well-known/w.t"} {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(f))); err != nil {
			t.Errorf("%s was not published: %v", f, err)
		}
	}
	var warned []string
	for _, w := range res.Warnings {
		if w.Msg == diag.MsgSymlinkOut {
			warned = append(warned, w.Path)
		}
	}
	if got := strings.Join(warned, " "); got != "static/env.txt static/img/git static/readme.txt" {
		t.Errorf("warnings for %q", got)
	}
}

// A picture that declares more pixels than any camera takes (a few hundred
// kilobytes of PNG declaring 30000×30000) is refused with its path: the
// build never decodes it, but every reader's phone would, at 3.6 GB. A
// large real photo is still published.
func TestPictureBombIsAContentError(t *testing.T) {
	header := func(w, h uint32) []byte {
		var b bytes.Buffer
		png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
		data := b.Bytes()
		// IHDR's width and height, then its CRC.
		binary.BigEndian.PutUint32(data[16:], w)
		binary.BigEndian.PutUint32(data[20:], h)
		binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
		return data
	}
	dir := sitetest.Write(t, sitetest.Minimal+"\n-- content/news/a.md --\n+++\ntitle = \"合影\"\ndate = 2025-01-02\n+++\n\n![合影](/images/bomb.png)\n")
	for name, data := range map[string][]byte{
		"content/images/bomb.png": header(30000, 30000),
		"content/images/big.png":  header(16320, 12240),
		"static/img/wide.png":     header(100000, 5000),
		// Browsers sniff a picture by its bytes: the name does not matter.
		"content/files/notice.txt": header(30000, 30000),
		"static/js/x.js":           header(30000, 30000),
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := buildErrors(t, Options{Source: dir})
	for _, want := range []string{
		`content/images/bomb.png: 图片为 30000×30000 像素，超过 25000 万像素的上限`,
		`static/img/wide.png: 图片为 100000×5000 像素`,
		`content/files/notice.txt: 图片为 30000×30000 像素`,
		`static/js/x.js: 图片为 30000×30000 像素`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "big.png") {
		t.Errorf("a 200-million-pixel photo was refused:\n%s", got)
	}
}

// buildPublishingNo builds the site at dir and fails the test for every
// output file holding marker (a secret's text): what says whose.
func buildPublishingNo(t *testing.T, dir, marker, what string) *Result {
	t.Helper()
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	filepath.Walk(filepath.Join(dir, "public"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			if strings.Contains(string(data), marker) {
				t.Errorf("%s publishes %s", p, what)
			}
		}
		return nil
	})
	return res
}
