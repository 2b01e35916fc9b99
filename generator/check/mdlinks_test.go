package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
)

// writeSite writes a test site with stand-ins for missing special layouts.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := sitetest.Write(t, archive)
	AddStubLayouts(t, dir)
	return dir
}

func readOut(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Links to .md files, the way an officer's editor previews them, become the
// pages' URLs in the built site: relative, from content/, with an anchor,
// with a Chinese file name written plainly or percent-encoded (the encoded
// one was left as a dead .md link before build used markdown.MDLinkResolver).
func TestMDLinksRewritten(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/brands/红旗.md --
+++
title = "红旗"
unit = "fuyou"
logo = "images/h.svg"
+++
## 品牌由来
-- content/images/h.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
[相对](../units/fuyou.md) [根](/brands/红旗.md) [锚点](../brands/红旗.md#品牌由来)
[编码](../brands/%E7%BA%A2%E6%97%97.md)
`)
	if _, err := site.Build(site.Options{Source: dir, NoMinify: true, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	html := readOut(t, dir, "news/a/index.html")
	for _, want := range []string{
		`href="../../units/fuyou/index.html">相对`,
		`href="../../brands/%E7%BA%A2%E6%97%97/index.html">根`,
		// goldmark percent-encodes the fragment; browsers match it to id="品牌由来".
		`href="../../brands/%E7%BA%A2%E6%97%97/index.html#%E5%93%81%E7%89%8C%E7%94%B1%E6%9D%A5">锚点`,
		`href="../../brands/%E7%BA%A2%E6%97%97/index.html">编码`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, excerpt(html, `class="prose"`))
		}
	}
	if r := Run(Options{Source: dir, Now: testNow}); len(r.Problems) > 0 {
		t.Errorf("check: %v", r.Problems)
	}
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return s
	}
	return s[max(0, i-200):min(len(s), i+600)]
}

// An address written with Windows' backslashes, in the wrong letter case,
// or without its leading "/" leads nowhere; the message says the address
// that works, instead of only that the image does not exist.
func TestLinkSlipsGetTheAddress(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/images/Photo.PNG --
x
-- content/images/合影.png --
x
-- content/news/a.md --
+++
title = "图片"
date = 2025-01-01
+++
![反斜杠](\images\合影.png)

![大小写](/images/photo.png)

![无斜杠](images/合影.png)

[单位](/Units/Fuyou/)
`)
	wantProblems(t, dir, 4,
		`content/news/a.md:5: “\images\合影.png” 找不到`, "请写成 /images/合影.png",
		`content/news/a.md:7: “/images/photo.png” 找不到`, "请写成 /images/Photo.PNG",
		`content/news/a.md:9: "images/合影.png" 在网页中按本页网址 /news/a/ 计算，找不到文件；若要指向 content/ 下的这个文件，请写成 /images/合影.png`,
		`content/news/a.md:11: “/Units/Fuyou/” 找不到`, "请写成 /units/fuyou/")
}

// The build takes out every address that is not http, https, mailto, tel or
// a path of the site; a picture pasted in as data, a link to a file on the
// officer's computer and an ftp: link vanished from the page without a word.
// Each is now an error that says what to do instead.
func TestDroppedLinksReported(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
![合影](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==)

[通知](file:///C:/Users/党办/Desktop/通知.docx) [方案](D:\材料\方案.pdf)

[下载](ftp://files.example.cn/a.pdf) [点我](JaVaScRiPt:alert(1))

[好的](https://例子.cn/) [邮件](mailto:dangban@example.cn) [电话](tel:0730-8123456)
`)
	wantProblems(t, dir, 5,
		"content/news/a.md:5: 图片“data:image/png;base64,iVBORw0KGgoAAAANSU…”是粘贴进来的内嵌数据（data:），网站不会显示它",
		"content/news/a.md:7: 链接“file:///C:/Users/党办/Desktop/通知.docx”指向您电脑上的文件",
		`content/news/a.md:7: 链接“D:\材料\方案.pdf”指向您电脑上的文件`,
		"content/news/a.md:9: 链接“ftp://files.example.cn/a.pdf”以 ftp: 开头",
		"content/news/a.md:9: 链接“JaVaScRiPt:alert(1)”以 javascript: 开头")
}

// [市卫健委](www.example.gov.cn) was reported only as a missing page; it is
// a web address without its https://, and the message says so.
func TestLinkWithoutScheme(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
[市卫健委](www.example.gov.cn) [内网](192.168.1.10/oa/) [文件](files/a.pdf)
`)
	wantProblems(t, dir, -1,
		`content/news/a.md:5: 链接 "www.example.gov.cn" 缺少开头的 https://（或 http://），浏览器会把它当作本站里的文件而打不开；请写成 https://www.example.gov.cn`,
		`content/news/a.md:5: 链接 "192.168.1.10/oa/" 缺少开头的 https://`,
		`content/news/a.md:5: 链接 "files/a.pdf" 指向的页面或文件不存在`)
}

// A link pasted with an address of 100,000 characters was echoed whole in
// its message, filling the terminal; the message shows its start.
func TestLongLinkMessageIsShort(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
[长](/`+strings.Repeat("a", 100_000)+`)
`)
	r := Run(Options{Source: dir, Now: testNow})
	if len(r.Problems) != 1 {
		t.Fatalf("problems: %d", len(r.Problems))
	}
	if msg := r.Problems[0].Format(diag.Chinese); len(msg) > 400 || !strings.Contains(msg, "content/news/a.md:5: 链接 \"/aaa") || !strings.Contains(msg, "…") {
		t.Errorf("%d bytes: %.300s", len(msg), msg)
	}
}

// With two files whose names differ only in case (an error of its own), the
// address a wrongly cased link is given was picked in map order: it
// changed from run to run.
func TestCloseNameIsStable(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/images/Photo.png --
x
-- content/images/photo.PNG --
x
-- content/images/pHoto.png --
x
-- content/news/a.md --
+++
title = "图片"
date = 2025-01-01
+++
![大小写](/images/PHOTO.PNG)
`)
	for range 10 {
		r := Run(Options{Source: dir, Now: testNow})
		var got []string
		for _, p := range r.Problems {
			if p.Path == "content/news/a.md" {
				got = append(got, p.Format(diag.Chinese))
			}
		}
		if len(got) != 1 || !strings.Contains(got[0], "请写成 /images/Photo.png") {
			t.Fatalf("%v", got)
		}
	}
}

// A picture over a megabyte in a page's text is published, with a warning
// at its line that says how to shrink it; a small one says nothing.
func TestHeavyPhotoWarns(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "活动照片"
date = 2025-01-01
+++
![合影](/images/合影.jpg)

![小图](/images/small.jpg)
`)
	for name, size := range map[string]int{"合影.jpg": 3 << 20, "small.jpg": 200 << 10} {
		if err := os.MkdirAll(filepath.Join(dir, "content", "images"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "images", name), make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := Run(Options{Source: dir, Now: testNow})
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Format(diag.Chinese))
		if p.Severity != diag.Warning {
			t.Errorf("not a warning: %s", p.Format(diag.Chinese))
		}
	}
	want := "content/news/a.md:5: 图片 /images/合影.jpg 有 3.0 MB"
	if len(got) != 1 || !strings.Contains(got[0], want) || !strings.Contains(got[0], "1600 像素") {
		t.Errorf("got %q, want one warning %q with the fix", got, want)
	}
}

// wantProblems checks that the site at dir has each of wants among its
// problems' text and, unless n < 0, n problems.
func wantProblems(t *testing.T, dir string, n int, wants ...string) {
	t.Helper()
	got, all := problemsIn(dir)
	for _, want := range wants {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if n >= 0 && len(got) != n {
		t.Errorf("%d problems, want %d:\n%s", len(got), n, all)
	}
}

// problemsIn checks the site at dir and returns its problems as the officer
// reads them, one a line, and all of them joined.
func problemsIn(dir string) ([]string, string) {
	var got []string
	for _, p := range Run(Options{Source: dir, Now: testNow}).Problems {
		got = append(got, p.Format(diag.Chinese))
	}
	return got, strings.Join(got, "\n")
}

// HTML written in a page is not published; check says so at its line (it
// vanished without a word), the first three one by one, then how many
// more. A <br> is a line break and says nothing.
func TestCheckReportsHTMLLeftOut(t *testing.T) {
	dir := sitetest.Write(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "粘贴的网页"
date = 2024-02-01
+++
第一行<br>第二行

<iframe src="https://v.qq.com/x"></iframe>

<p align="center">一</p>

<p align="center">二</p>

<p align="center">三</p>

<p align="center">四</p>
`)
	wantProblems(t, dir, 4,
		`content/news/a.md:7: 网页代码 <iframe src="https://v.qq.com/x"> 不会显示在网页上`,
		`content/news/a.md:9: 网页代码 <p align="center"> 不会显示在网页上`,
		`content/news/a.md:11: 网页代码 <p align="center"> 不会显示在网页上`,
		"content/news/a.md:13: 从这里起还有 2 处网页代码不会显示在网页上",
	)
}

// Slips of an officer on Windows who copies addresses from where she sees
// them: the preview's address bar, Explorer (backslashes, a picture's path
// on her own computer) and this tool's own messages (content/units/a.md).
// Each was published silently (the preview address) or got a fix that
// does not work (/../images/…, a /files/ link for a picture, no fix).
func TestCopiedAddressesGetTheFix(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/images/合影.jpg --
x
-- content/news/b.md --
+++
title = "另一篇"
date = 2025-01-01
+++
## 会议精神
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
[预览](http://127.0.0.1:1313/news/b/) [本机](http://localhost:1313/units/fuyou/#概况)

![手机照片](C:\Users\Admin\Pictures\合影.jpg)

![上一级](..\images\合影.jpg)

[单位](content/units/fuyou.md) [另一篇](content\news\b.md) [反斜杠](..\units\fuyou.md)

[好的](../units/fuyou.md) [外网](https://www.example.gov.cn/news/b/)
`)
	wantProblems(t, dir, 7,
		"content/news/a.md:5: 链接“http://127.0.0.1:1313/news/b/”是预览地址（127.0.0.1 是您自己的电脑），读者点开打不开；请写成站内地址 /news/b/",
		"content/news/a.md:5: 链接“http://localhost:1313/units/fuyou/#概况”是预览地址（localhost 是您自己的电脑），读者点开打不开；请写成站内地址 /units/fuyou/#概况",
		`content/news/a.md:7: 图片“C:\Users\Admin\Pictures\合影.jpg”是您电脑上的文件，网站上显示不出来；请把图片复制到 content/images/ 下，写成 ![说明](/images/合影.jpg)`,
		`content/news/a.md:9: “..\images\合影.jpg” 找不到（网址中要用正斜杠 /，大小写也要与文件名一致：网站服务器区分大小写）；请写成 /images/合影.jpg`,
		`content/news/a.md:11: 链接 "content/units/fuyou.md" 找不到：.md 链接从本页所在的文件夹算起，网址中用正斜杠 /；请写成 ../units/fuyou.md`,
		`content/news/a.md:11: 链接 "content\\news\\b.md" 找不到：.md 链接从本页所在的文件夹算起，网址中用正斜杠 /；请写成 b.md`,
		`content/news/a.md:11: 链接 "..\\units\\fuyou.md" 找不到：.md 链接从本页所在的文件夹算起，网址中用正斜杠 /；请写成 ../units/fuyou.md`)
}

// A portrait photo from a phone is stored on its side with a tag that
// turns it; the officer's computer follows the tag, old phones do not, and
// readers saw it lying down without a word. The phone's location in the
// photo was published silently too. Both are warnings at the picture's
// line, for an absolute and a relative address alike; an upright photo
// without a location says nothing.
func TestPhonePhotoWarns(t *testing.T) {
	dir := writeSite(t, sitetest.Minimal+`
-- content/news/a.md --
+++
title = "活动照片"
date = 2025-01-01
+++
![竖拍](/images/IMG_0001.JPG)

![正的](/images/upright.jpg)

![同文件夹](IMG_0001.JPG)
`)
	for src, dst := range map[string]string{
		"portrait-gps.jpg": "content/images/IMG_0001.JPG",
		"upright.jpg":      "content/images/upright.jpg",
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "photos", src))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{dst, strings.Replace(dst, "images", "news/a", 1)} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, d)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, d), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	wantProblems(t, dir, 4,
		"content/news/a.md:5: 图片 /images/IMG_0001.JPG 是手机竖着拍的照片",
		"content/news/a.md:5: 图片 /images/IMG_0001.JPG 中记录了拍摄地点",
		"content/news/a.md:9: 图片 IMG_0001.JPG 是手机竖着拍的照片",
		"content/news/a.md:9: 图片 IMG_0001.JPG 中记录了拍摄地点")
}

// A link to this site written as its full address, copied from the
// browser, was published without a word; opened from an intranet PC or
// from disk it leads to the internet. It is a warning with the site's own
// address; links to other sites, and to this host under another path than
// the site's, say nothing.
func TestOwnSiteAddressWarns(t *testing.T) {
	dir := writeSite(t, strings.Replace(sitetest.Minimal, `baseURL = "/"`, `baseURL = "https://dj.anren.gov.cn/dangjian/"`, 1)+`
-- content/news/b.md --
+++
title = "另一篇"
date = 2025-01-01
+++
正文
-- content/news/a.md --
+++
title = "链接"
date = 2025-01-01
+++
[另一篇](https://dj.anren.gov.cn/dangjian/news/b/) [单位](HTTP://DJ.anren.gov.cn/dangjian/units/fuyou/#概况)

[委网](https://dj.anren.gov.cn/index.html) [外站](https://www.example.gov.cn/dangjian/news/b/)
`)
	got, all := problemsIn(dir)
	var mine []string
	for _, g := range got {
		if strings.HasPrefix(g, "content/news/a.md") {
			mine = append(mine, g)
		}
	}
	if len(mine) != 2 {
		t.Errorf("%d problems of a.md, want 2:\n%s", len(mine), all)
	}
	for _, want := range []string{
		"content/news/a.md:5: 链接“https://dj.anren.gov.cn/dangjian/news/b/”写的是本站的完整网址", "请写成站内地址 /news/b/",
		"content/news/a.md:5: 链接“HTTP://DJ.anren.gov.cn/dangjian/units/fuyou/#概况”写的是本站的完整网址", "请写成站内地址 /units/fuyou/#概况",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
}
