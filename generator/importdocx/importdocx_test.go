package importdocx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/markdown"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
)

var dateWantedLine = regexp.MustCompile(`(?m)^date = "` + dateWanted + `".*$`)

var update = flag.Bool("update", false, "rewrite the golden files")

// testSite has two units, so that --unit and the unit guess have
// something to find.
const testSite = `
-- site.toml --
title = "测试党建网"
baseURL = ""
-- content/units/zhongxin.md --
+++
title = "松原市中心医院"
short = "市中心医院"
+++
-- content/units/weijianwei.md --
+++
title = "岳阳市卫生计生委"
short = "市卫计委"
+++
`

// repoRoot walks up to go.mod; the shared fixtures sit beside it.
func repoRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// brandFixture is ../shared/fixtures/docx/brand-report.docx beside the
// repository (CI clones main with shared/ beside it); a worktree one level
// further down finds it one level further up.
func brandFixture(t *testing.T) string {
	root := repoRoot(t)
	for dir := filepath.Dir(root); ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "fixtures", "docx", "brand-report.docx")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("brand fixture missing: no shared/fixtures/docx/brand-report.docx beside %s or above it", root)
		}
	}
}

var now = time.Date(2025, 6, 30, 10, 0, 0, 0, time.UTC)

func importOne(t *testing.T, dir, file, kind, unit string) *Page {
	t.Helper()
	pages, err := Import([]string{file}, Options{Source: dir, Kind: kind, Unit: unit, Now: now})
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	if len(pages) != 1 {
		t.Fatalf("got %d pages", len(pages))
	}
	return pages[0]
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what import writes now (run with -update after checking):\n%s", name, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// publish lifts draft = true, as the officer does, and builds the site.
func publish(t *testing.T, dir string, rels ...string) string {
	t.Helper()
	for _, rel := range rels {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lifted := strings.Replace(string(b), "draft = true", "draft = false", 1)
		if lifted == string(b) {
			t.Fatalf("%s has no draft = true", rel)
		}
		// The officer writes the date import could not find.
		lifted = dateWantedLine.ReplaceAllString(lifted, "date = 2025-06-30")
		if err := os.WriteFile(p, []byte(lifted), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := ""
	dest := filepath.Join(dir, "public")
	res, err := site.Build(site.Options{Source: dir, Dest: dest, BaseURL: &empty, NoMinify: true, Now: now})
	if err != nil {
		var errs diag.Errors
		if errors.As(err, &errs) {
			t.Fatalf("imported pages do not build:\n%s", errs.Format(diag.Chinese))
		}
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Logf("build warning: %s", w.Format(diag.Chinese))
	}
	return dest
}

// mustLack is mustContain's twin: s has none of gones.
func mustLack(t *testing.T, what, s string, gones ...string) {
	t.Helper()
	for _, g := range gones {
		if strings.Contains(s, g) {
			t.Errorf("%s still has %q", what, g)
		}
	}
}

// bodyOf is an imported page's text after its front matter.
func bodyOf(md string) string { return md[strings.Index(md[3:], "+++")+6:] }

func mustContain(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestGongwen(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "gongwen.docx"), "news", "")
	md := read(t, dir, pg.Rel)
	golden(t, "gongwen.golden.md", []byte(md))

	if pg.Rel != "content/news/中共岳阳市卫生计生委党组关于巴陵先锋先行主题实践活动督查的通报.md" {
		t.Errorf("path %s", pg.Rel)
	}
	mustContain(t, "front matter", md,
		`title = "中共岳阳市卫生计生委党组关于“巴陵先锋先行”主题实践活动督查的通报"`,
		`publisher = "中共岳阳市卫生和计划生育委员会党组"`,
		`doc_number = "岳卫党发〔2016〕7号"`,
		"date = 2016-03-23\n",
		"draft = true",
	)
	mustContain(t, "body", md,
		"\n各县市区卫生计生局,市直各医疗卫生单位:\n", // 主送机关: the first paragraph
		"\n## 一、前段工作主要特点\n",
		"\n## 二、存在的问题和不足\n",
		"\n### （一）行动迅速,层层推进先锋先行活动。\n",
		"\n**（一）推进不够有力。**到目前为止", // run-in phrase, bold, in its paragraph
		"\n**（三）进一步夯实卫生计生系统基层党建的基础。**市直各医疗卫生单位",
		"| 单位 | 督查得分 | 等次 |\n| --- | --- | --- |\n| 市一医院 | 96 | 优秀 |\n| 市中医院 | 93 | 优秀 |\n| 市卫生监督中心 | 88 | 良好 |",
	)
	mustLack(t, "body", bodyOf(md), "文件\n", "岳卫党发", "抄送", "印发")
	var warned []string
	for _, w := range pg.Warnings {
		warned = append(warned, w.Format(diag.Chinese))
	}
	mustContain(t, "warnings", strings.Join(warned, "\n"), "合并单元格", "版记未导入正文：抄送：市委组织部")

	out := publish(t, dir, pg.Rel)
	html := read(t, out, "news/中共岳阳市卫生计生委党组关于巴陵先锋先行主题实践活动督查的通报/index.html")
	mustContain(t, "page", html, "中共岳阳市卫生计生委党组关于“巴陵先锋先行”主题实践活动督查的通报",
		"岳卫党发〔2016〕7号", "<strong>（一）推进不够有力。</strong>", `">市卫生监督中心</td>`, "<h2 id=")
}

// A 公文 as it is issued: 份号 and 紧急程度 above the red header, a 附件说明,
// a 附注 under the date, then the attachments themselves (a title and a
// table of honors) after the 落款, and a creation date in the document
// properties that is the template's (2019), not the document's.
func TestGongwenHeadAndAttachments(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "biaozhang.docx"), "news", "")
	md := read(t, dir, pg.Rel)
	mustContain(t, "front matter", md,
		`title = "中共岚江市卫生健康委员会委员会关于表彰2023年度先进基层党组织和优秀共产党员的决定"`,
		`publisher = "中共岚江市卫生健康委员会委员会"`,
		`doc_number = "岚卫党发〔2024〕12号"`,
		"date = 2024-03-05\n",
	)
	body := bodyOf(md)
	mustContain(t, "body", body,
		"\n各县市区卫生健康局党组，委直属各单位党组织：\n",
		"\n附件：1.2023年度先进基层党组织名单\n",
		"\n2024年3月5日\n",
		"\n（联系人：李明，电话：0730-8221234）\n",
		"\n附件1\n",
		"| 1 | 市第一人民医院党委 | 市直单位 |",
	)
	mustLack(t, "body", body, "000018", "特急", "委员会文件", "抄送", "此页无正文")
	for _, w := range pg.Warnings {
		if w.Msg == diag.MsgImportNoDate || w.Msg == diag.MsgImportPropsDate {
			t.Errorf("the 落款 date above the attachments was not found: %s", w.Format(diag.Chinese))
		}
	}
	publish(t, dir, pg.Rel)
}

// A joint 通知 whose 发文机关标志 is a red table: both issuers are the
// publisher, the header is not a table in the body, and the title is the
// document's, not the stale one its template left in the properties.
func TestGongwenHeaderTable(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "lianhe.docx"), "news", "")
	md := read(t, dir, pg.Rel)
	mustContain(t, "front matter", md,
		`title = "关于开展2024年“七一”走访慰问活动的通知"`,
		`publisher = "中共岚江市卫生健康委员会委员会、岚江市卫生健康委员会"`,
		`doc_number = "岚卫党联发〔2024〕2号"`,
		"date = 2024-06-20\n",
	)
	mustLack(t, "body", bodyOf(md), "| 文件 |", "岚卫党联发", "关于开展2024年")
	for _, w := range pg.Warnings {
		if w.Msg == diag.MsgImportPropsTitle || w.Msg == diag.MsgImportMerged {
			t.Errorf("warning: %s", w.Format(diag.Chinese))
		}
	}
	publish(t, dir, pg.Rel)
}

// A document marked 机密 or 秘密 is not imported at all, and says why.
func TestSecretRefused(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	before := tree(t, dir)
	for _, mark := range []string{"机密★1年", "秘密", "000018 机密★5年 特急"} {
		file := filepath.Join(t.TempDir(), "通知.docx")
		data := sitetest.Zip(t, map[string]string{
			"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
				`<w:p><w:r><w:t>` + mark + `</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>岚江市卫生健康委员会文件</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>`,
		})
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Import([]string{file}, Options{Source: dir, Kind: "news", Now: now})
		var p *Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgImportSecret || p.Usage {
			t.Errorf("%s: got %v, want the 密级 refusal", mark, err)
		}
	}
	if after := tree(t, dir); after != before {
		t.Errorf("files were written:\n%s", after)
	}
}

func TestNotes(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "notes.docx"), "news", "市卫计委")
	md := read(t, dir, pg.Rel)
	golden(t, "notes.golden.md", []byte(md))
	mustContain(t, "page", md,
		`title = "“四心”服务党建品牌创建情况"`, // Heading 1 is the title, not the document property
		"date = 2024-05-06\n",    // the date at the end
		`units = ["weijianwei"]`, // --unit by short name
		"本院党委认真落实上级部署，",          // insertion kept, deletion dropped
		"创建“四心”服务品牌[^1]。", "一节[^2]。",
		"[^1]: “四心”指**热心**、耐心、细心、贴心。",
		"[^2]: 资料来源：院党办2024年统计。",
		"**加粗相连**", // adjacent bold runs merged
		"*倾斜*", "~~删除线~~", "***粗斜***",
		"\\<script\\>alert(1)\\</script\\>", // no raw HTML
		"\\[链接\\](javascript:x)",            // no link
		"。\\\n这一行在软换行之后。",                   // soft break
		"[市卫健委网站](https://www.example.gov.cn/dangjian?id=1&p=2)",
		"[主要做法](#主要做法)", // bookmark → the heading's anchor
		"## 主要做法\n",
		"- 热心接待每一位患者\n  1. 设立党员先锋岗\n     - 门诊大厅\n     - 住院部\n  2. 开展志愿服务\n- 耐心解答群众咨询\n",
		"\n#### 1.加强学习\n",
		"1. 第一项工作\n2. 第二项工作\n",
	)
	if strings.Contains(md, "此句已删除") || strings.Contains(md, "批注") {
		t.Error("a deletion or a comment came through")
	}
	out := publish(t, dir, pg.Rel)
	html := read(t, out, "news/四心服务党建品牌创建情况/index.html")
	mustContain(t, "page", html, "<strong>加粗相连</strong>", "<del>删除线</del>", `href="#%E4%B8%BB%E8%A6%81%E5%81%9A%E6%B3%95"`, `id="主要做法"`,
		"&lt;script&gt;alert(1)&lt;/script&gt;", "<br")
	if strings.Contains(html, "<script>alert") || strings.Contains(html, `href="javascript`) {
		t.Error("imported text injected markup")
	}
}

func TestBrand(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, brandFixture(t), "brand", "")
	md := read(t, dir, pg.Rel)
	golden(t, "brand-report.golden.md", []byte(md))
	slug := "松原市中心医院红色赋能护佑健康党建品牌"
	mustContain(t, "page", md,
		`title = "松原市中心医院“红色赋能·护佑健康”党建品牌"`,
		`unit = "zhongxin"`, // named in the text
		`logo = "images/brands/`+slug+`/image1.png"`,
		"\n## 一、主要做法\n", "\n### (一)深化“党建引领”,点燃发展“引擎”。\n", "\n## 三、取得成效\n",
		"\n- 党员先锋岗 38 个\n- 志愿服务 126 次\n",
	)
	if strings.Contains(md, "![") {
		t.Error("the logo is also in the body")
	}
	logo, err := os.ReadFile(filepath.Join(dir, "content", "images", "brands", slug, "image1.png"))
	if err != nil || !bytes.HasPrefix(logo, []byte("\x89PNG")) {
		t.Fatalf("logo not written: %v", err)
	}
	out := publish(t, dir, pg.Rel)
	html := read(t, out, "brands/"+slug+"/index.html")
	mustContain(t, "page", html, "image1.png", "党员先锋岗 38 个")
}

func TestTablesAndPictures(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "tables.docx"), "honor", "")
	md := read(t, dir, pg.Rel)
	golden(t, "tables.golden.md", []byte(md))
	slug := "2023年度先进基层党组织和优秀共产党员名单"
	mustContain(t, "page", md,
		`title = "2023年度先进基层党组织和优秀共产党员名单"`, // two centred lines, joined
		"year = 2023\n", "date = 2024-01-15\n", // 二〇二四年一月十五日
		"\n## 一、先进基层党组织\n", "\n## 二、优秀共产党员\n", // Word's own 一、 numbering
		"| 市直卫生健康系统 |  |  |\n| --- | --- | --- |\n| 序号 | 名称 | 类型 |\n| 1 | 市第一人民医院内科党支部 （含门诊） | 集体 |\n",
		"\n- 姓名；事迹\n- 张三；2022年，抗疫先锋；2023年，岗位标兵\n", // a table in a cell: rows as a list
		"\n（此件公开发布）\n", // a one-cell table is just its text
		"![红色党徽图案](/images/honors/"+slug+"/image1.png)",
		"文本框里的说明文字。",
	)
	var warned []string
	for _, w := range pg.Warnings {
		warned = append(warned, w.Format(diag.Chinese))
	}
	mustContain(t, "warnings", strings.Join(warned, "\n"), "第 1 个表格有合并单元格", "第 2 个表格的单元格里还有表格", "文本框",
		// Both lists stay in the body, each with what could not be an entry.
		"第 1 个表格留在正文中，因为第 1 行（市直卫生健康系统）没有写成条目",
		"第 2 个表格留在正文中，因为“事迹”列没有对应的字段",
		// Neither issuer nor title says the level: the officer is asked for it.
		"文档中看不出荣誉级别")
	if strings.Contains(md, "\nlevel =") {
		t.Errorf("a level was written though nothing tells it:\n%s", md)
	}
	mustContain(t, "entries", md, "[[honors]]\nname = \"先进基层党组织\"\nrecipient = \"市第一人民医院内科党支部 （含门诊）\"\ntype = \"集体\"\n",
		"[[honors]]\nname = \"优秀共产党员\"\nrecipient = \"张三\"\ntype = \"个人\"\n")
	out := publish(t, dir, pg.Rel)
	html := read(t, out, "honors/"+slug+"/index.html")
	mustContain(t, "page", html, `alt="红色党徽图案"`, "<td>市第一人民医院内科党支部 （含门诊）</td>")
	if _, err := os.Stat(filepath.Join(out, "images", "honors", slug, "image1.png")); err != nil {
		t.Error(err)
	}
}

// The brand report imported as news: its picture stays in the body.
func TestPictureInBody(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, brandFixture(t), "news", "zhongxin")
	md := read(t, dir, pg.Rel)
	slug := "松原市中心医院红色赋能护佑健康党建品牌"
	mustContain(t, "page", md, "\n![](/images/news/"+slug+"/image1.png)\n", `units = ["zhongxin"]`)
	if len(pg.Warnings) == 0 || pg.Warnings[0].Msg != diag.MsgImportNoAlt {
		t.Errorf("no warning about the missing alt text: %v", pg.Warnings)
	}
	publish(t, dir, pg.Rel)
}

func TestImageNames(t *testing.T) {
	emf := make([]byte, 100)
	copy(emf[40:], " EMF")
	png := []byte("\x89PNG\r\n\x1a\nrest")
	for _, c := range []struct {
		target string
		data   []byte
		want   string
		msg    diag.Msg
	}{
		{"word/media/image1.png", png, "image1.png", diag.Msg{}},
		{"word/media/图片 1.PNG", png, "1.png", diag.Msg{}},
		{"word/media/../../x\"<>.jpeg", png, "x.png", diag.Msg{}}, // named by its bytes
		{"word/media/image2.emf", emf, "", diag.MsgImportEMF},
		{"word/media/image3.wmf", []byte{0xD7, 0xCD, 0xC6, 0x9A, 0, 0}, "", diag.MsgImportEMF},
		{"word/media/evil.svg", []byte(`<svg onload="alert(1)"/>`), "", diag.MsgImportImageBad},
		{"word/media/x.bin", []byte("????"), "", diag.MsgImportImageBad},
	} {
		var got diag.Msg
		name, ok := imageName(c.target, c.data, map[string]bool{}, func(m diag.Msg, _ ...any) { got = m })
		if name != c.want || ok != (c.want != "") || got != c.msg {
			t.Errorf("%s: got %q %v %q", c.target, name, ok, got.Zh)
		}
	}
}

func TestNeverOverwrites(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	a := importOne(t, dir, filepath.Join("testdata", "notes.docx"), "news", "")
	b := importOne(t, dir, filepath.Join("testdata", "notes.docx"), "news", "")
	if a.Rel == b.Rel || b.Wanted != a.Rel || !strings.HasSuffix(b.Rel, "-2.md") {
		t.Errorf("second import: %s (wanted %s), first %s", b.Rel, b.Wanted, a.Rel)
	}
	// Two files of one run with the same title get different names too.
	pages, err := Import([]string{filepath.Join("testdata", "notes.docx"), filepath.Join("testdata", "notes.docx")}, Options{Source: dir, Kind: "news", Now: now})
	if err != nil || pages[0].Rel == pages[1].Rel {
		t.Fatalf("%v %v", err, pages)
	}
}

// badFiles writes the files import must refuse.
func badFiles(t *testing.T, dir string) map[string]diag.Msg {
	t.Helper()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	doc, err := os.ReadFile(filepath.Join("testdata", "notes.doc"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join("testdata", "notes.docx"))
	if err != nil {
		t.Fatal(err)
	}
	// An encrypted .docx is a compound file holding EncryptionInfo and
	// EncryptedPackage streams (MS-OFFCRYPTO); only the names matter here.
	enc := append([]byte{}, magicCFB...)
	enc = append(enc, make([]byte, 1024)...)
	enc = append(enc, utf16le("EncryptionInfo")...)
	enc = append(enc, make([]byte, 64)...)
	enc = append(enc, utf16le("EncryptedPackage")...)
	return map[string]diag.Msg{
		write("old.doc", doc):      diag.MsgImportOldFormat,
		write("renamed.docx", doc): diag.MsgImportOldFormat, // the bytes, not the name
		write("wps.wps", doc):      diag.MsgImportOldFormat,
		write("scan.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")): diag.MsgImportPDF,
		write("letter.rtf", []byte(`{\rtf1\ansi 党建}`)):          diag.MsgImportRTF,
		write("truncated.docx", good[:len(good)/2]):             diag.MsgImportBroken,
		write("encrypted.docx", enc):                            diag.MsgImportEncrypted,
		write("empty.docx", nil):                                diag.MsgImportBroken,
		write("text.docx", []byte("只是文字")):                      diag.MsgImportNotDocx,
		write("odt.docx", sitetest.Zip(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})): diag.MsgImportODT,
		write("xlsx.docx", sitetest.Zip(t, map[string]string{"xl/workbook.xml": "<x/>"})):                                                   diag.MsgImportNotDocx,
		write("badxml.docx", sitetest.Zip(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"})):                          diag.MsgImportBroken,
	}
}

func TestBadFiles(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	before := tree(t, dir)
	for file, want := range badFiles(t, t.TempDir()) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, err := Import([]string{file}, Options{Source: dir, Kind: "news", Now: now})
			var p *Problem
			if !errors.As(err, &p) || p.Msg != want || p.Usage {
				t.Fatalf("got %v, want %q", err, want.Zh)
			}
		})
	}
	// A good file beside a bad one: nothing is written either.
	_, err := Import([]string{filepath.Join("testdata", "notes.docx"), filepath.Join("testdata", "notes.doc")}, Options{Source: dir, Kind: "news", Now: now})
	if err == nil {
		t.Fatal("a .doc among the files was accepted")
	}
	if after := tree(t, dir); after != before {
		t.Errorf("files were written:\n%s", after)
	}
}

func TestUsage(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	for _, opt := range []Options{{Source: dir, Kind: "page"}, {Source: dir, Kind: "news", Unit: "不存在的医院"}} {
		_, err := Import([]string{filepath.Join("testdata", "notes.docx")}, opt)
		var p *Problem
		if !errors.As(err, &p) || !p.Usage {
			t.Errorf("%+v: got %v, want a usage error", opt, err)
		}
	}
}

func tree(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			b.WriteString(p + "\n")
		}
		return nil
	})
	return b.String()
}

// bomb writes a .docx whose document.xml unpacks to size bytes of valid
// XML from about size/1000 bytes of file: a deflate block that encodes 1 MB
// of repeated text, copied. claim is the size its zip header states.
func bomb(t testing.TB, path string, size, claim uint64, text bool) {
	const chunk = 1 << 20
	head := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	unit := []byte("<w:p><w:r><w:t>党建</w:t></w:r></w:p>")
	if text {
		head += "<w:p><w:r><w:t>"
		unit = []byte("党建工作")
	}
	block := bytes.Repeat(unit, chunk/len(unit))
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write([]byte(head))
	fw.Write(block)
	fw.Flush()
	mark := comp.Len()
	fw.Write(block)
	fw.Flush()
	rep := append([]byte{}, comp.Bytes()[mark:]...)
	prefix := append([]byte{}, comp.Bytes()[:mark]...)
	comp.Reset()
	fw.Close()
	tail := append([]byte{}, comp.Bytes()...)
	n := int(size/uint64(len(block))) - 1
	total := uint64(len(head)) + uint64(n+1)*uint64(len(block))
	crc := crc32.NewIEEE()
	crc.Write([]byte(head))
	for i := 0; i <= n; i++ {
		crc.Write(block)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	if claim == 0 {
		claim = total
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(len(prefix) + n*len(rep) + len(tail)), UncompressedSize64: claim})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(prefix)
	for i := 0; i < n; i++ {
		w.Write(rep)
	}
	w.Write(tail)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestZipBomb(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	tmp := t.TempDir()
	honest := filepath.Join(tmp, "bomb.docx")
	bomb(t, honest, 2<<30, 0, false) // 2 GB document.xml, and its header says so
	lying := filepath.Join(tmp, "liar.docx")
	bomb(t, lying, 2<<30, 31<<20, false) // the same, with a header claiming 31 MB
	text := filepath.Join(tmp, "text.docx")
	bomb(t, text, 2<<30, 31<<20, true) // 2 GB of text in one paragraph, claiming 31 MB
	small := filepath.Join(tmp, "under.docx")
	bomb(t, small, 30<<20, 0, false) // under the size limit, over the tag limit
	many := filepath.Join(tmp, "many.docx")
	files := map[string]string{"word/document.xml": "<w:document/>"}
	for i := 0; i < MaxEntries+1; i++ {
		files["word/media/x"+fmtInt(i)] = ""
	}
	if err := os.WriteFile(many, sitetest.Zip(t, files), 0o644); err != nil {
		t.Fatal(err)
	}
	// Under the size and tag limits, over the number of paragraphs.
	paras := filepath.Join(tmp, "paras.docx")
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", MaxTags/7) + `</w:body></w:document>`
	if err := os.WriteFile(paras, sitetest.Zip(t, map[string]string{"word/document.xml": doc}), 0o644); err != nil {
		t.Fatal(err)
	}
	doc = ""
	info, _ := os.Stat(honest)
	t.Logf("bomb.docx: %d bytes for a 2 GB document.xml", info.Size())
	for file, want := range map[string]diag.Msg{honest: diag.MsgImportTooBig, lying: diag.MsgImportTooComplex, text: diag.MsgImportBroken, small: diag.MsgImportTooComplex, many: diag.MsgImportTooMany, paras: diag.MsgImportTooComplex} {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before, base := ms.TotalAlloc, ms.HeapInuse
		// Sample the heap while the import runs, for its peak.
		stop, peakc := make(chan bool), make(chan uint64)
		go func() {
			var peak uint64
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
				select {
				case <-stop:
					peakc <- peak
					return
				case <-time.After(2 * time.Millisecond):
				}
			}
		}()
		start, cpu0 := time.Now(), sitetest.CPUTime()
		_, err := Import([]string{file}, Options{Source: dir, Kind: "news", Now: now})
		took, cpu := time.Since(start), sitetest.CPUTime()-cpu0
		stop <- true
		peak := <-peakc
		runtime.ReadMemStats(&ms)
		alloc := ms.TotalAlloc - before
		var p *Problem
		if !errors.As(err, &p) || p.Msg != want {
			t.Errorf("%s: got %v, want %q", filepath.Base(file), err, want.Zh)
		}
		t.Logf("%s: refused in %s (%s of CPU), heap peak %.1f MB over the %.1f MB before, %d MB allocated in all",
			filepath.Base(file), took.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(peak-min(peak, base))/(1<<20), float64(base)/(1<<20), alloc>>20)
		if peak-min(peak, base) > 256<<20 {
			t.Errorf("%s: heap grew by %d MB", filepath.Base(file), (peak-base)>>20)
		}
		// The time the import worked, not the time it waited for the
		// other processes of a loaded machine (paras.docx took 10.04 s
		// there, and 7.4 s of wall time is usual at a load of 30).
		if cpu > 10*time.Second {
			t.Errorf("%s: took %s of CPU", filepath.Base(file), cpu)
		}
		if alloc > 1<<30 {
			t.Errorf("%s: allocated %d MB", filepath.Base(file), alloc>>20)
		}
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"2016年3月23日":      "2016-03-23",
		"二〇一六年三月二十三日":     "2016-03-23",
		"二○二四年十二月三十一日":    "2024-12-31",
		"２０２０年１０月１日":      "2020-10-01",
		"2016 年 3 月 23 日": "2016-03-23",
		"2016年2月30日":      "",
		"二〇一六年十三月一日":      "",
	} {
		d, ok := parseDate(in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"- 不是列表":        "\\- 不是列表",
		"1. 不是编号":       "1\\. 不是编号",
		"# 不是标题":        "\\# 不是标题",
		"<b>粗</b>":      "\\<b\\>粗\\</b\\>",
		"a|b":           "a\\|b",
		"&amp;":         "\\&amp;",
		"**星**":         "\\*\\*星\\*\\*",
		"=====":         "\\=====",
		"> 引用":          "\\> 引用",
		"![x](y.png)":   "\\!\\[x\\](y.png)",
		"`code`":        "\\`code\\`",
		"[^1]":          "\\[^1\\]",
		"~~删~~":         "\\~\\~删\\~\\~",
		"正文 <!-- x -->": "正文 \\<\\!-- x --\\>",
	} {
		w := newWriter(&styles{byID: map[string]*style{}}, parseNumbering(nil), nil)
		got := w.inline([]item{{kind: itemText, text: in}}, modeBody)
		if got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"关于“巴陵先锋先行”的通报":    "关于巴陵先锋先行的通报",
		"Hello World 2024": "hello-world-2024",
		"../../etc/passwd": "etc-passwd",
		"《党章》学习":           "党章学习",
		"？？？":              "import",
		// Longer than 40: cut where a phrase ends, not mid-word.
		"关于表彰2023年度全市卫生健康系统优秀共产党员、优秀党务工作者和先进基层党组织的决定": "关于表彰2023年度全市卫生健康系统优秀共产党员优秀党务工作者",
		"关于印发《全市卫生健康系统基层党组织标准化规范化建设三年行动实施方案》的通知":      "关于印发全市卫生健康系统基层党组织标准化规范化建设三年行动实施方案的通知",
		"关于开展2024年度全市卫生健康系统党建品牌创建及示范点评选工作暨现场推进会的通知":   "关于开展2024年度全市卫生健康系统党建品牌创建及示范点评选工作",
		"二〇二四年工作要点": "二〇二四年工作要点",
		// No phrase end past the first half: the plain cut at 40.
		"关于表彰全市卫生健康系统二〇二三年度先进基层党组织优秀共产党员优秀党务工作者先进个人的决定":          "关于表彰全市卫生健康系统二〇二三年度先进基层党组织优秀共产党员优秀党务工作者先进",
		"Party Building Work Report Of The Year 2024 In Yueyang": "party-building-work-report-of-the-year",
	} {
		if got := Slug(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// FuzzDocument feeds arbitrary document.xml, styles.xml and numbering.xml
// to the whole conversion. It must not panic, and whatever the text holds,
// the Markdown has no unescaped "<" (no raw HTML).
func FuzzDocument(f *testing.F) {
	for _, name := range []string{"gongwen.docx", "notes.docx", "tables.docx"} {
		zr, err := zip.OpenReader(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		parts := map[string][]byte{}
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			parts[zf.Name] = b.Bytes()
		}
		zr.Close()
		f.Add(parts["word/document.xml"], parts["word/styles.xml"], parts["word/numbering.xml"])
	}
	f.Add([]byte(`<w:document><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>&lt;b&gt;</w:t></w:r></w:p></w:body></w:document>`), []byte{}, []byte(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`))
	f.Fuzz(func(t *testing.T, doc, styles, numbering []byte) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for name, data := range map[string][]byte{"word/document.xml": doc, "word/styles.xml": styles, "word/numbering.xml": numbering} {
			w, _ := zw.Create(name)
			w.Write(data)
		}
		zw.Close()
		p, err := openReader("f.docx", bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			return
		}
		d, err := convert("f.docx", p)
		if err != nil {
			return
		}
		d.Title()
		md, _ := d.render("content/images/news/x", d.firstImage(), nil, nil, func(diag.Msg, ...any) {})
		if strings.Count(md, "<") != strings.Count(md, `\<`) {
			t.Errorf("raw < in %q", md)
		}
	})
}

// A document with no title paragraph and no date: the document properties
// give both.
func TestDocumentProperties(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	file := filepath.Join(t.TempDir(), "无标题.docx")
	data := sitetest.Zip(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>正文第一段。</w:t></w:r></w:p></w:body></w:document>`,
		"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
			`<dc:title>属性里的标题</dc:title><dc:creator>Administrator</dc:creator><dcterms:created>2022-07-01T08:00:00Z</dcterms:created></cp:coreProperties>`,
	})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pg := importOne(t, dir, file, "news", "")
	md := read(t, dir, pg.Rel)
	mustContain(t, "page", md, `title = "属性里的标题"`, "date = 2022-07-01  # 请核对：取自文档属性的创建日期\n", "\n正文第一段。\n")
	if len(pg.Warnings) != 2 || pg.Warnings[0].Msg != diag.MsgImportPropsTitle || pg.Warnings[1].Msg != diag.MsgImportPropsDate {
		t.Errorf("a title and a date from the properties were not pointed out: %v", pg.Warnings)
	}
	if strings.Contains(md, "author") {
		t.Error("a machine's user name became the author")
	}
	// Without properties either: the file name is the title, today the date.
	data = sitetest.Zip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>`})
	os.WriteFile(file, data, 0o644)
	pg = importOne(t, dir, file, "news", "")
	md = read(t, dir, pg.Rel)
	mustContain(t, "page", md, `title = "无标题"`, `date = "请填写成文日期"  # 改为成文日期，不加引号，如 date = 2025-06-30`+"\n")
	// Published as imported, the page is refused at its date, not dated today.
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(pg.Rel)), []byte(strings.Replace(md, "draft = true", "draft = false", 1)), 0o644)
	empty := ""
	_, err := site.Build(site.Options{Source: dir, Dest: filepath.Join(dir, "public"), BaseURL: &empty, Now: now})
	if err == nil || !strings.Contains(err.Error(), "字段 date 还是模板里的占位文字") {
		t.Errorf("a page published with no date: %v", err)
	}
}

func TestUnitFlag(t *testing.T) {
	for unit, want := range map[string]string{"zhongxin": "zhongxin", "岳阳市卫生计生委": "weijianwei", "市卫计委": "weijianwei"} {
		dir := sitetest.Write(t, testSite)
		pg := importOne(t, dir, brandFixture(t), "brand", unit)
		if md := read(t, dir, pg.Rel); !strings.Contains(md, `unit = "`+want+`"`+"\n") {
			t.Errorf("--unit %s: %s", unit, md[:200])
		}
	}
	// A model site: the level comes from the text, or is a marked guess.
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "notes.docx"), "model", "zhongxin")
	md := read(t, dir, pg.Rel)
	mustContain(t, "model", md, `unit = "zhongxin"`, `level = "市级"  # 请核对`)
	publish(t, dir, pg.Rel)
}

// Runs with overlapping formatting come out as Markdown that the site's
// renderer reads back as the same formatting, with no stray asterisks.
func TestFormatting(t *testing.T) {
	type r = item
	B := func(s string) r { return r{kind: itemText, text: s, b: true} }
	I := func(s string) r { return r{kind: itemText, text: s, i: true} }
	BI := func(s string) r { return r{kind: itemText, text: s, b: true, i: true} }
	S := func(s string) r { return r{kind: itemText, text: s, s: true} }
	P := func(s string) r { return r{kind: itemText, text: s} }
	md := markdown.New(markdown.Options{})
	for _, c := range []struct {
		items []item
		want  string // Markdown
		html  string // what the site renders
	}{
		{[]item{B("加"), B("粗"), P("文")}, "**加粗**文", "<strong>加粗</strong>文"},
		{[]item{B("加粗"), BI("粗斜"), P("普通")}, "**加粗*粗斜***普通", "<strong>加粗<em>粗斜</em></strong>普通"},
		{[]item{BI("粗斜"), B("加粗")}, "***粗斜*加粗**", "<strong><em>粗斜</em>加粗</strong>"},
		{[]item{I("斜"), BI("粗斜"), I("斜")}, "*斜**粗斜**斜*", "<em>斜<strong>粗斜</strong>斜</em>"},
		{[]item{B("加粗"), BI("粗斜"), I("斜"), P("普通")}, "**加粗*粗斜***\u200b*斜*普通", "<strong>加粗<em>粗斜</em></strong>\u200b<em>斜</em>普通"},
		{[]item{S("删"), B("粗")}, "~~删~~**粗**", "<del>删</del><strong>粗</strong>"},
		{[]item{B("粗 "), P("文")}, "**粗** 文", "<strong>粗</strong> 文"},
		{[]item{P("甲"), B(" 粗 "), P("乙")}, "甲 **粗** 乙", "甲 <strong>粗</strong> 乙"},
		{[]item{B("“引号”"), P("后")}, "**“引号”**后", "<strong>“引号”</strong>后"},
		{[]item{P("详见https://dj.example.gov.cn/a_b?x=1&y=2。")}, "详见[https://dj.example.gov.cn/a\\_b?x=1\\&y=2](https://dj.example.gov.cn/a_b?x=1&y=2)。",
			`详见<a href="https://dj.example.gov.cn/a_b?x=1&amp;y=2">https://dj.example.gov.cn/a_b?x=1&amp;y=2</a>。`},
		{[]item{P("网址www.yueyang.gov.cn，")}, "网址[www.yueyang.gov.cn](http://www.yueyang.gov.cn)，", `网址<a href="http://www.yueyang.gov.cn">www.yueyang.gov.cn</a>，`},
	} {
		w := newWriter(&styles{byID: map[string]*style{}}, parseNumbering(nil), nil)
		got := w.inline(c.items, modeBody)
		if got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
		res, err := md.Render([]byte(got), 1)
		if err != nil {
			t.Fatal(err)
		}
		if h := strings.TrimSpace(string(res.HTML)); h != "<p>"+c.html+"</p>" {
			t.Errorf("%q renders as %s, want <p>%s</p>", got, h, c.html)
		}
	}
}

// A few kilobytes zipped can nest elements a million levels deep; following
// them overflowed the goroutine stack and killed the process (a fatal
// error, not a panic) before the nesting limit. Each element the parse
// recurses into is tried, and a document nested as Word nests stays fine.
func TestDeeplyNestedRefused(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	tmp := t.TempDir()
	const head = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	const tail = `</w:body></w:document>`
	nest := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	cases := map[string]struct {
		doc  string
		want diag.Msg
	}{
		"paragraphs": {head + nest("<w:p>", "</w:p>", 100_000) + tail, diag.MsgImportTooDeep},
		"hyperlinks": {head + "<w:p>" + nest("<w:hyperlink>", "</w:hyperlink>", 100_000) + "</w:p>" + tail, diag.MsgImportTooDeep},
		"controls":   {head + nest("<w:sdt>", "</w:sdt>", 100_000) + tail, diag.MsgImportTooDeep},
		"tables":     {head + nest("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", 20_000) + tail, diag.MsgImportTooDeep},
		"table rows": {head + "<w:tbl>" + nest("<w:sdt>", "</w:sdt>", 100_000) + "</w:tbl>" + tail, diag.MsgImportTooDeep},
		// Three tables deep, each cell's text in a content control and a
		// hyperlink: deeper than Word writes, and imported.
		"ordinary": {head + nest("<w:tbl><w:tr><w:tc><w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>", 3) +
			`<w:p><w:hyperlink><w:r><w:t>正文</w:t></w:r></w:hyperlink></w:p>` + tail, diag.Msg{}},
	}
	for name, c := range cases {
		file := filepath.Join(tmp, strings.ReplaceAll(name, " ", "-")+".docx")
		if err := os.WriteFile(file, sitetest.Zip(t, map[string]string{"word/document.xml": c.doc}), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Import([]string{file}, Options{Source: dir, Kind: "news", Now: now})
		var p *Problem
		switch {
		case c.want == diag.Msg{}:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case !errors.As(err, &p) || p.Msg != c.want:
			t.Errorf("%s: got %v, want %q", name, err, c.want.Zh)
		case !strings.Contains(p.Error(), "word/document.xml"):
			t.Errorf("%s: %q does not name the part", name, p.Error())
		}
	}
}

// An ID or mobile number in an imported 公示 is pointed out at import, at
// its line of the new file, not only when the next build stops on it.
func TestPrivacyWarnedAtImport(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	file := filepath.Join(t.TempDir(), "公示.docx")
	data := sitetest.Zip(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>拟发展对象张红，身份证号11010519491231002X。</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>2024年5月6日</w:t></w:r></w:p></w:body></w:document>`,
	})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pg := importOne(t, dir, file, "news", "")
	md := read(t, dir, pg.Rel)
	line := 1 + strings.Count(md[:strings.Index(md, "拟发展对象")], "\n")
	for _, w := range pg.Warnings {
		if w.Msg == diag.MsgRevBuildID && w.Path == pg.Rel && w.Line == line {
			return
		}
	}
	t.Errorf("no warning of the ID number at %s:%d: %v", pg.Rel, line, pg.Warnings)
}

// A unit's full title names that unit even when another unit's short name
// is the same, whichever file is read first: the build resolves it so.
func TestLoadUnitsFullTitleBeatsShortName(t *testing.T) {
	for _, files := range [][2]string{{"a.md", "b.md"}, {"b.md", "a.md"}} {
		dir := t.TempDir()
		units := filepath.Join(dir, "content", "units")
		if err := os.MkdirAll(units, 0o755); err != nil {
			t.Fatal(err)
		}
		// files[0] holds the full title, files[1] the short name.
		write := func(name, src string) {
			if err := os.WriteFile(filepath.Join(units, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(files[0], "+++\ntitle = \"市中医院\"\n+++\n")
		write(files[1], "+++\ntitle = \"岚山市中医医院\"\nshort = \"市中医院\"\n+++\n")
		want := strings.TrimSuffix(files[0], ".md")
		if got, ok := loadUnits(dir).find("市中医院"); !ok || got != want {
			t.Errorf("full title in %s: find = %q, %v; want %q", files[0], got, ok, want)
		}
	}
}

// A 表彰名单 as issued: a 通知, then a table of 序号/姓名/单位/荣誉称号.
// Every row becomes an entry, so the table leaves the body; the caption
// (…名单) goes with it; a unit the site does not have is named.
func TestHonorList(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "honor-list.docx"), "honor", "")
	md := read(t, dir, pg.Rel)
	golden(t, "honor-list.golden.md", []byte(md))
	mustContain(t, "page", md,
		"[[honors]]\nname = \"优秀共产党员\"\nrecipient = \"张红（松原市中心医院）\"\ntype = \"个人\"\nunit = \"zhongxin\"\n",
		"[[honors]]\nname = \"优秀共产党员\"\nrecipient = \"李强（市卫计委）\"\ntype = \"个人\"\nunit = \"weijianwei\"\n",
		"[[honors]]\nname = \"优秀党务工作者\"\nrecipient = \"王芳（松原市第二人民医院）\"\ntype = \"个人\"\n\n",
		"决定授予张红等2名同志")
	if strings.Contains(md, "| 序号") || strings.Contains(md, "\n2023年度优秀共产党员和优秀党务工作者名单\n") || strings.Contains(md, "\n1\n") {
		t.Errorf("the table or its caption is still in the body:\n%s", md)
	}
	warned := warnings(pg)
	mustContain(t, "warnings", warned,
		"第 1 个表格第 4 行（王芳）：单位“松原市第二人民医院”不是本站的单位",
		"第 1 个表格的名单已写成 4 条 [[honors]]",
		"已按发文机关“中共岳阳市卫生计生委机关委员会”推断为 市级")
	// No red header: who granted it, and when, are the 落款 above the list.
	mustContain(t, "page", md, "date = 2024-01-18\n", "granted_by = \"中共岳阳市卫生计生委机关委员会\"\nlevel = \"市级\"  # 请核对")
	if strings.Contains(warned, "留在正文中") {
		t.Errorf("warned that the list stays in the body:\n%s", warned)
	}
}

// A list with no honor column: category rows merged across the table
// (先进基层党组织（共3个）) name the rows below them; 单位名称 makes each a
// collective, linked to the unit its name begins with.
func TestHonorCategories(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "honor-categories.docx"), "honor", "")
	md := read(t, dir, pg.Rel)
	golden(t, "honor-categories.golden.md", []byte(md))
	mustContain(t, "page", md,
		"name = \"先进基层党组织\"\nrecipient = \"松原市中心医院党委\"\ntype = \"集体\"\nunit = \"zhongxin\"\n",
		"name = \"先进基层党组织\"\nrecipient = \"市卫计委机关党支部\"\ntype = \"集体\"\nunit = \"weijianwei\"\n",
		"name = \"模范职工之家\"\nrecipient = \"岳阳市卫生计生委\"\ntype = \"集体\"\nunit = \"weijianwei\"\n",
		"下列集体受到表彰")
	if strings.Contains(md, "共3个") || strings.Contains(md, "| 序号") {
		t.Errorf("the table is still in the body:\n%s", md)
	}
	mustContain(t, "warnings", warnings(pg), "第 1 个表格的名单已写成 4 条 [[honors]]")
}

// Lists printed as text under their captions: names joined by 、, names
// padded and spaced with full-width spaces, a unit before its people, and
// collectives. Each becomes entries and leaves the body with its caption;
// a list that does not read name by name stays, and is named.
func TestHonorListAsText(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	pg := importOne(t, dir, filepath.Join("testdata", "honor-text.docx"), "honor", "")
	md := read(t, dir, pg.Rel)
	golden(t, "honor-text.golden.md", []byte(md))
	entry := func(name, recipient, typ, unit string) string {
		e := "[[honors]]\nname = \"" + name + "\"\nrecipient = \"" + recipient + "\"\ntype = \"" + typ + "\"\n"
		if unit != "" {
			e += "unit = \"" + unit + "\"\n"
		}
		return e + "\n"
	}
	mustContain(t, "page", md,
		entry("先进基层党组织", "松原市中心医院急诊科党支部", "集体", "zhongxin"),
		entry("先进基层党组织", "市卫计委机关党支部", "集体", "weijianwei"),
		entry("优秀共产党员", "张红（松原市中心医院）", "个人", "zhongxin"),
		entry("优秀共产党员", "王芳（松原市第二人民医院）", "个人", ""),
		entry("优秀党务工作者", "赵敏", "个人", ""), // 赵　敏, padded
		entry("优秀党务工作者", "钱伟东", "个人", ""),
		entry("优秀护士", "周婷（松原市中心医院）", "个人", "zhongxin"),
		// From the 落款: who granted it, its level, its date.
		"date = 2025-01-08\n", "granted_by = \"中共松原市中心医院委员会\"\nlevel = \"院级\"",
		// Kept: its items are not names alone.
		"郑华，主任医师，从医三十年、冯军")
	body := bodyOf(md)
	mustLack(t, "body", body, "张红", "赵", "周婷", "优秀共产党员（3名）", "先进基层党组织（2个）")
	if n := strings.Count(md, "[[honors]]"); n != 10 {
		t.Errorf("%d entries, want 10:\n%s", n, md)
	}
	warned := warnings(pg)
	mustContain(t, "warnings", warned,
		"“二、优秀共产党员（3名）”下面 1 段文字中的名单已写成 [[honors]]",
		"名单“二、优秀共产党员（3名）”中 王芳 的单位“松原市第二人民医院”不是本站的单位",
		"“五、最美医生名单”下面的文字（郑华，主任医师，从医三十年、冯军）没能逐个认出获奖者")
	mustLack(t, "warnings", warned, "下面的文字（一、", "看不出荣誉级别", "没有找到表头")
}

// Imported, published and built, the entries count in /stats/ and on the
// units' pages, as entries written by hand do.
func TestHonorListCounted(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	a := importOne(t, dir, filepath.Join("testdata", "honor-list.docx"), "honor", "")
	b := importOne(t, dir, filepath.Join("testdata", "honor-categories.docx"), "honor", "")
	out := publish(t, dir, a.Rel, b.Rel)
	var figs struct {
		Honors        int `json:"honors"`
		HonorsPerUnit []struct {
			Slug  string `json:"slug"`
			Value int    `json:"value"`
		} `json:"honors_per_unit"`
		HonorsByType []struct {
			Key   string `json:"key"`
			Value int    `json:"value"`
		} `json:"honors_by_type"`
	}
	if err := json.Unmarshal([]byte(read(t, out, "stats.json")), &figs); err != nil {
		t.Fatal(err)
	}
	if figs.Honors != 8 {
		t.Errorf("stats.json honors = %d, want 8", figs.Honors)
	}
	per := map[string]int{}
	for _, u := range figs.HonorsPerUnit {
		per[u.Slug] = u.Value
	}
	if per["zhongxin"] != 4 || per["weijianwei"] != 3 {
		t.Errorf("honors per unit = %v, want zhongxin 4, weijianwei 3", per)
	}
	byType := map[string]int{}
	for _, k := range figs.HonorsByType {
		byType[k.Key] = k.Value
	}
	if byType["集体"] != 4 || byType["个人"] != 4 {
		t.Errorf("honors by type = %v, want 集体 4, 个人 4", byType)
	}
	mustContain(t, "stats page", read(t, out, "stats/index.html"), "共获荣誉 8 项")
	mustContain(t, "unit page", read(t, out, "units/zhongxin/index.html"), "松原市中心医院急诊科党支部", "张红（松原市中心医院）")
	page := read(t, out, strings.TrimSuffix(strings.TrimPrefix(a.URL, "/"), "/")+"/index.html")
	if n := strings.Count(page, "王芳（松原市第二人民医院）"); n != 1 {
		t.Errorf("the honor page shows 王芳 %d times, want once (in the entries)", n)
	}
}

// Headers as offices type them, and the honor a category row or caption
// names (a grouping such as 县市区 names none).
func TestHonorHeaders(t *testing.T) {
	for h, want := range map[string]colKind{
		"序号": colSeq, "姓  名": colRecipient, "单位名称": colRecipient, "获奖者": colRecipient, "先进集体": colRecipient,
		"荣誉称号": colHonor, "表彰类别": colHonor, "奖项": colHonor, "单位": colUnit, "所在单位": colUnit,
		"级别": colLevel, "年份": colDate, "职务": colDuty, "类别": colType, "事迹": colOther,
	} {
		if got := headerKind(h); got != want {
			t.Errorf("headerKind(%q) = %d, want %d", h, got, want)
		}
	}
	for s, want := range map[string]string{
		"先进基层党组织（共8个）":        "先进基层党组织",
		"一、优秀共产党员（10名）":       "优秀共产党员",
		"2023年度优秀党务工作者名单":     "优秀党务工作者",
		"县市区（共8个）":            "",
		"关于表彰2023年度优秀共产党员的决定": "",
	} {
		if got := categoryName(s); got != want {
			t.Errorf("categoryName(%q) = %q, want %q", s, got, want)
		}
	}
	if got := titleName("关于表彰2023年度优秀共产党员的决定"); got != "优秀共产党员" {
		t.Errorf("titleName = %q", got)
	}
	if got := titleName("关于表彰2023年度先进基层党组织和优秀共产党员的决定"); got != "" {
		t.Errorf("titleName of two honors = %q, want none", got)
	}
}

func warnings(pg *Page) string {
	var w []string
	for _, p := range pg.Warnings {
		w = append(w, p.Format(diag.Chinese))
	}
	return strings.Join(w, "\n")
}

// Tables built in the test, for the cases no fixture has: each row's
// fields, and what keeps the table in the body.
func TestHonorTableCases(t *testing.T) {
	txt := func(s string) *cell {
		return &cell{span: 1, blocks: []block{{p: &para{outline: -1, items: []item{{kind: itemText, text: s}}}}}}
	}
	mk := func(rows ...[]string) *table {
		tb := &table{}
		for _, r := range rows {
			var cs []*cell
			for _, s := range r {
				cs = append(cs, txt(s))
			}
			tb.rows = append(tb.rows, cs)
		}
		return tb
	}
	units := loadUnits(sitetest.Write(t, testSite))
	cases := []struct {
		name, title string
		tb          *table
		want        []honorEntry
		omitted     bool
		warn        []string
	}{
		{"year column agrees with the title", "2023年度表彰名单",
			mk([]string{"姓名", "荣誉称号", "年份", "类型"}, []string{"张红", "优秀共产党员", "2023年", "个人"}),
			[]honorEntry{{name: "优秀共产党员", recipient: "张红", typ: "个人"}}, true,
			[]string{"第 1 个表格的名单已写成 1 条"}},
		{"a year other than the title's keeps the table", "2023年度表彰名单",
			mk([]string{"姓名", "荣誉称号", "年份"}, []string{"张红", "优秀共产党员", "2022"}),
			[]honorEntry{{name: "优秀共产党员", recipient: "张红", typ: "个人"}}, false,
			[]string{"第 1 个表格留在正文中，因为第 2 行的时间“2022”没有写成条目"}},
		{"full date, level, unit by short name", "表彰名单",
			mk([]string{"获奖者", "奖项", "所在单位", "级别", "时间"}, []string{"李强", "岗位标兵", "市卫计委", "省级", "2023年5月4日"}),
			[]honorEntry{{name: "岗位标兵", recipient: "李强（市卫计委）", typ: "个人", level: "省级", date: "2023-05-04", unit: "weijianwei"}}, true, nil},
		{"单位名称 beside 姓名 is the unit", "表彰名单",
			mk([]string{"单位名称", "姓名", "荣誉称号"}, []string{"松原市中心医院", "周洁", "优秀共产党员"}),
			[]honorEntry{{name: "优秀共产党员", recipient: "周洁（松原市中心医院）", typ: "个人", unit: "zhongxin"}}, true, nil},
		{"unknown unit is kept as text and named", "表彰名单",
			mk([]string{"姓名", "荣誉称号", "单位"}, []string{"王芳", "优秀党务工作者", "某某医院"}),
			[]honorEntry{{name: "优秀党务工作者", recipient: "王芳（某某医院）", typ: "个人"}}, true,
			[]string{"第 1 个表格第 2 行（王芳）：单位“某某医院”不是本站的单位"}},
		{"no honor name anywhere", "关于表彰先进集体和优秀个人的决定",
			mk([]string{"序号", "姓名"}, []string{"1", "张红"}),
			nil, false, []string{"第 1 个表格有获奖者，但找不到荣誉名称"}},
		{"type not told", "表彰名单",
			mk([]string{"获奖者", "荣誉"}, []string{"急救中心", "红旗单位"}, []string{"刘明", "年度人物"}),
			[]honorEntry{{name: "红旗单位", recipient: "急救中心", typ: "集体"}, {name: "年度人物", recipient: "刘明"}}, true,
			[]string{"看不出第 3 行是集体还是个人荣誉"}},
		{"not a list", "表彰名单",
			mk([]string{"项目", "数量"}, []string{"党员", "80"}),
			nil, false, []string{"没有找到表头含“姓名”“名称”或“获奖者”的名单表格"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &Doc{blocks: []block{{t: c.tb}}}
			var warned []string
			res := d.honors(c.title, units, func(m diag.Msg, args ...any) { warned = append(warned, m.Text(diag.Chinese, args...)) })
			if len(res.entries) != len(c.want) {
				t.Fatalf("entries = %+v, want %+v", res.entries, c.want)
			}
			for i := range c.want {
				if res.entries[i] != c.want[i] {
					t.Errorf("entry %d = %+v, want %+v", i, res.entries[i], c.want[i])
				}
			}
			if res.omit[c.tb] != c.omitted {
				t.Errorf("table left out of the body = %v, want %v", res.omit[c.tb], c.omitted)
			}
			mustContain(t, "warnings", strings.Join(warned, "\n"), c.warn...)
		})
	}
}

// `import *.docx` while a document is open in Word picks up Word's lock
// file ~$通知.docx: the whole import was refused ("not a Word document,
// save it as .docx") and nothing was written. The lock file is skipped
// with a warning; given alone, it is refused with the document to import.
func TestWordLockFileSkipped(t *testing.T) {
	dir := sitetest.Write(t, testSite)
	files := t.TempDir()
	lock := filepath.Join(files, "~$通知.docx")
	if err := os.WriteFile(lock, []byte("\x0cAdmin   \x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	pages, err := Import([]string{lock, filepath.Join("testdata", "notes.docx")}, Options{Source: dir, Kind: "news", Now: now})
	if err != nil {
		t.Fatalf("import with the lock file: %v", err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	var warned bool
	for _, w := range pages[0].Warnings {
		if w.Path == lock && w.Msg == diag.MsgImportLockSkipped {
			warned = true
		}
	}
	if !warned {
		t.Errorf("the lock file is not said to be skipped: %v", pages[0].Warnings)
	}
	_, err = Import([]string{lock}, Options{Source: dir, Kind: "news", Now: now})
	var p *Problem
	if !errors.As(err, &p) || p.Msg != diag.MsgImportLockFile || !strings.Contains(p.Format(diag.Chinese), "请导入文档 通知.docx") {
		t.Errorf("the lock file alone: %v", err)
	}
}
