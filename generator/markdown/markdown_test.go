package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"dangjian/generator/content"
)

func render(t *testing.T, opts Options, src string) *Result {
	t.Helper()
	res, err := New(opts).Render([]byte(src), 1)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return res
}

// para strips the <p> wrapper of a one-paragraph document.
func para(res *Result) string {
	s := strings.TrimSpace(string(res.HTML))
	s = strings.TrimPrefix(s, "<p>")
	return strings.TrimSuffix(s, "</p>")
}

func TestEmphasisNextToChinesePunctuation(t *testing.T) {
	tests := []struct{ in, want string }{
		// The cases plain CommonMark gets wrong.
		{"**「红色领航」**", "<strong>「红色领航」</strong>"},
		{"**“三会一课”**制度", "<strong>“三会一课”</strong>制度"},
		{"中文**“引号”**中文", "中文<strong>“引号”</strong>中文"},
		{"**（括号）**", "<strong>（括号）</strong>"},
		{"推行**“三会一课”**制度。", "推行<strong>“三会一课”</strong>制度。"},
		{"**党建引领。**这是后文", "<strong>党建引领。</strong>这是后文"},
		{"**【通知】**关于开展活动", "<strong>【通知】</strong>关于开展活动"},
		{"这是*“强调”*文字", "这是<em>“强调”</em>文字"},
		{"~~“旧制度”~~新制度", "<del>“旧制度”</del>新制度"},
		{"开展**《党章》**学习", "开展<strong>《党章》</strong>学习"},
		{"中\uFE00**“引号”**文", "中\uFE00<strong>“引号”</strong>文"}, // variation selector: the base character counts
		// Chinese cases that already worked must keep working.
		{"**粗体**后文", "<strong>粗体</strong>后文"},
		{"前文**粗体**后文", "前文<strong>粗体</strong>后文"},
		{"“**粗体**”", "“<strong>粗体</strong>”"},
		{"**粗体**，逗号", "<strong>粗体</strong>，逗号"},
		{"~~删除~~后文", "<del>删除</del>后文"},
		// Latin text parses as CommonMark says.
		{"*a* **b** __c__ _d_", "<em>a</em> <strong>b</strong> <strong>c</strong> <em>d</em>"},
		{"foo*bar* 5*6*7", "foo<em>bar</em> 5<em>6</em>7"},
		{`**foo "*bar*" foo**`, "<strong>foo &quot;<em>bar</em>&quot; foo</strong>"},
		{"snake_case_name", "snake_case_name"},
		{"__foo__bar", "__foo__bar"},
		{"a * b * c", "a * b * c"},
		{"**foo bar **", "**foo bar **"},
		{"a ~~~not~~~ b", "a ~~~not~~~ b"},
		{"**\"quoted\"**word", "**&quot;quoted&quot;**word"}, // CommonMark: no CJK, no emphasis
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render([]byte(tt.in), 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := para(res); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestLineBreaks(t *testing.T) {
	tests := []struct{ in, html, plain string }{
		{"中文\n中文", "中文中文", "中文中文"},
		{"第一句，\n第二句。", "第一句，第二句。", "第一句，第二句。"},
		{"引用了\n“三会一课”", "引用了“三会一课”", "引用了“三会一课”"},
		{"中文\n**粗体**", "中文<strong>粗体</strong>", "中文粗体"},
		{"Hello\nworld", "Hello\nworld", "Hello world"},
		{"word\n*emph*", "word\n<em>emph</em>", "word emph"},
		{"中文\nEnglish", "中文\nEnglish", "中文 English"},
		{"한국어\n문장", "한국어\n문장", "한국어 문장"},
		{"硬换行  \n下一行", "硬换行<br>\n下一行", "硬换行\n下一行"},
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render([]byte(tt.in), 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := para(res); got != tt.html {
			t.Errorf("%q: HTML %q, want %q", tt.in, got, tt.html)
		}
		if res.Plain != tt.plain {
			t.Errorf("%q: Plain %q, want %q", tt.in, res.Plain, tt.plain)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一、主要做法", "一主要做法"},
		{"（二）“三会一课”制度", "二三会一课制度"},
		{"2024年 工作总结", "2024年工作总结"},
		{"红色领航——记市人民医院", "红色领航记市人民医院"},
		{"1.2 Go 语言", "1-2-go-语言"},
		{"Hello, World!", "hello-world"},
		{"  前后空格  ", "前后空格"},
		{"PDCA 循环", "pdca-循环"},
		{"", "section"},
		{"！？……", "section"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsAndTOC(t *testing.T) {
	src := "# 标题一\n\n" +
		"## 一、主要做法\n\n正文。\n\n" +
		"### （一）加强**组织**建设\n\n" +
		"## 一、主要做法\n\n" +
		"## 一主要做法-1\n\n" +
		"#### 四级\n\n" +
		"##### 五级不进目录\n\n" +
		"## ！！\n"
	res := render(t, Options{}, src)
	want := []content.Heading{
		{Level: 2, ID: "一主要做法", Text: "一、主要做法"},
		{Level: 3, ID: "一加强组织建设", Text: "（一）加强组织建设"},
		{Level: 2, ID: "一主要做法-1", Text: "一、主要做法"},
		{Level: 2, ID: "一主要做法-1-1", Text: "一主要做法-1"},
		{Level: 4, ID: "四级", Text: "四级"},
		{Level: 2, ID: "section", Text: "！！"},
	}
	if !reflect.DeepEqual(res.TOC, want) {
		t.Errorf("TOC:\n got %v\nwant %v", res.TOC, want)
	}
	html := string(res.HTML)
	for _, h := range want {
		tag := fmt.Sprintf(`<h%d id="%s">`, h.Level, h.ID)
		if !strings.Contains(html, tag) {
			t.Errorf("HTML lacks %s:\n%s", tag, html)
		}
	}
	for _, id := range []string{"标题一", "五级不进目录"} {
		if !strings.Contains(html, `id="`+id+`"`) {
			t.Errorf("HTML lacks id %q", id)
		}
	}
	if len(res.IDs) != 8 {
		t.Errorf("IDs = %v, want all 8 headings", res.IDs)
	}
}

// IDs must depend on the page alone, whatever other goroutines render.
func TestConcurrentRenderIsDeterministic(t *testing.T) {
	r := New(Options{})
	src := []byte("## 概述\n\n## 概述\n\n中文\n中文 [链接](a.md)\n")
	first, err := r.Render(src, 3)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				res, err := r.Render(src, 3)
				if err != nil || !bytes.Equal(res.HTML, first.HTML) || !reflect.DeepEqual(res.TOC, first.TOC) {
					errs <- fmt.Sprintf("differs: %v %s", err, res.HTML)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	if first.TOC[1].ID != "概述-1" {
		t.Errorf("second heading ID = %q", first.TOC[1].ID)
	}
}

func TestSummarize(t *testing.T) {
	long := strings.Repeat("医院党委坚持党建引领，推动业务发展", 3) + "。" + // 52 runes
		strings.Repeat("深入开展主题教育活动", 5) + "！" + // 103 runes
		strings.Repeat("持续改善群众就医体验", 4) + "。" + // 144 runes
		strings.Repeat("后文", 50)
	tests := []struct {
		name, in, want string
	}{
		{"short text unchanged", "党建引领发展。", "党建引领发展。"},
		{"cut at last mark before 120", long, long[:len(string([]rune(long)[:103]))]},
		{"no mark near: hard cut", strings.Repeat("字", 300), strings.Repeat("字", 120) + "…"},
		{"mark a little after 120", strings.Repeat("字", 125) + "。" + strings.Repeat("后", 50), strings.Repeat("字", 125) + "。"},
		{"closing quote kept", strings.Repeat("字", 100) + "。”" + strings.Repeat("后", 50), strings.Repeat("字", 100) + "。”"},
		{"early mark only: not a stub", "短句。" + strings.Repeat("字", 200), "短句。" + strings.Repeat("字", 117) + "…"},
		{"paragraphs joined", "第一段。\n第二段。", "第一段。第二段。"},
		{"latin sentence", strings.Repeat("word ", 20) + "end. " + strings.Repeat("more ", 40), strings.TrimSpace(strings.Repeat("word ", 20)) + " end."},
		{"decimal is not a sentence end", strings.Repeat("字", 100) + "3.5" + strings.Repeat("后", 100), strings.Repeat("字", 100) + "3.5" + strings.Repeat("后", 17) + "…"},
	}
	for _, tt := range tests {
		got := Summarize(tt.in, 120)
		if got != tt.want {
			t.Errorf("%s:\n got %q (%d runes)\nwant %q (%d runes)", tt.name, got, utf8.RuneCountInString(got), tt.want, utf8.RuneCountInString(tt.want))
		}
	}
}

func TestSummaryOfLongParagraph(t *testing.T) {
	// One long paragraph of real-looking prose: the summary ends at a
	// sentence mark, counted in characters, near 120.
	body := "市人民医院党委以“红色领航”党建品牌为抓手，把支部建在科室上，推动党建与业务深度融合。" +
		"近年来，医院先后组建党员先锋队十二支，开展义诊、健康讲座和送医下乡活动二百余场，服务群众三万余人次。" +
		"各支部坚持“三会一课”制度，围绕患者就医难点开展攻坚，门诊平均候诊时间缩短了四成。" +
		"医院还与社区卫生服务站结对共建，把优质医疗资源送到群众家门口。"
	res := render(t, Options{}, body)
	n := utf8.RuneCountInString(res.Summary)
	if n < 90 || n > 150 {
		t.Errorf("summary has %d runes: %q", n, res.Summary)
	}
	if !strings.HasSuffix(res.Summary, "。") {
		t.Errorf("summary not cut at a sentence mark: %q", res.Summary)
	}
	if !strings.HasPrefix(body, res.Summary) {
		t.Errorf("summary is not a prefix of the text: %q", res.Summary)
	}
}

func TestMoreMarker(t *testing.T) {
	tests := []struct {
		name, in, summary string
	}{
		{"own line", "第一段**重点**。\n\n<!--more-->\n\n第二段。", "第一段重点。"},
		{"spaces inside", "第一段。\n\n<!-- more -->\n\n第二段。", "第一段。"},
		{"inline", "前半句。<!--more-->后半句。", "前半句。"},
		{"two paragraphs before", "甲。\n\n乙。\n\n<!--more-->\n\n丙。", "甲。乙。"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, tt := range tests {
			res := render(t, Options{UnsafeHTML: unsafe}, tt.in)
			if res.Summary != tt.summary || !res.HasMore {
				t.Errorf("%s (unsafe=%v): summary %q, want %q", tt.name, unsafe, res.Summary, tt.summary)
			}
			html := string(res.HTML)
			if strings.Contains(html, "more") || strings.Contains(html, "<!--") {
				t.Errorf("%s (unsafe=%v): marker reached HTML: %s", tt.name, unsafe, html)
			}
			if !strings.Contains(res.Plain, "丙") && !strings.Contains(res.Plain, "后半句") && !strings.Contains(res.Plain, "第二段") {
				t.Errorf("%s: text after the marker missing from Plain: %q", tt.name, res.Plain)
			}
		}
	}
	// Without a marker the summary is automatic.
	res := render(t, Options{}, "只有一段。")
	if res.HasMore || res.Summary != "只有一段。" {
		t.Errorf("no marker: %+v", res)
	}
	// Another HTML comment is not the marker.
	res = render(t, Options{}, "甲。\n\n<!-- note -->\n\n乙。")
	if res.HasMore {
		t.Errorf("<!-- note --> taken for the marker")
	}
}

func TestRawHTML(t *testing.T) {
	src := "正文。\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n" +
		"行内 <span onclick=\"x()\">文字</span> 与 <iframe src=\"http://evil\"></iframe>\n\n" +
		"[点我](javascript:alert(1)) [也点我](JAVASCRIPT:alert(2)) ![图](javascript:alert(3))\n\n" +
		"![x\" onerror=\"alert(4)](a.png)\n"
	safe := string(render(t, Options{}, src).HTML)
	for _, bad := range []string{"<script", "onerror=alert", "onerror=\"alert", "onclick", "<iframe", "javascript:", "JAVASCRIPT:"} {
		if strings.Contains(safe, bad) {
			t.Errorf("safe output contains %q:\n%s", bad, safe)
		}
	}
	if !strings.Contains(safe, "文字") || !strings.Contains(safe, "点我") {
		t.Errorf("text around raw HTML lost:\n%s", safe)
	}
	unsafe := string(render(t, Options{UnsafeHTML: true}, src).HTML)
	for _, want := range []string{"<script>alert(1)</script>", "onerror=alert(1)", `<span onclick="x()">`} {
		if !strings.Contains(unsafe, want) {
			t.Errorf("unsafe output lacks %q:\n%s", want, unsafe)
		}
	}
}

func TestLinks(t *testing.T) {
	src := "第一段[品牌](../brands/hongse.md#做法)。\n" + // body line 0
		"\n" +
		"![标志](logo.svg) 与 [新闻](/news/) 和 [外部](https://example.org/a.md)\n" + // line 2
		"\n" +
		"| 单位 | 链接 |\n" + // line 4
		"|---|---|\n" +
		"| 医院 | [单位](../units/a.md) |\n" + // line 6
		"\n" +
		"见 https://www.gov.cn 与 www.example.cn 与 <dj@example.org>\n" + // line 8
		"\n" +
		"[引用][ref] 和 [同目录](b.md)\n" + // line 10
		"\n" +
		"[ref]: c.md#第二节\n"
	resolve := func(dest string) (string, bool) {
		path, frag, _ := strings.Cut(dest, "#")
		switch path {
		case "../brands/hongse.md":
			return "/brands/hongse/#" + frag, true
		case "../units/a.md":
			return "/units/a/", true
		case "c.md":
			return "/news/c/", true // fragment carried over by the renderer
		}
		return "", false
	}
	const first = 7
	res, err := New(Options{}).RenderWith([]byte(src), first, resolve)
	if err != nil {
		t.Fatal(err)
	}
	want := []content.Link{
		{Dest: "../brands/hongse.md#做法", Line: first},
		{Dest: "logo.svg", Image: true, Line: first + 2},
		{Dest: "/news/", Line: first + 2},
		{Dest: "https://example.org/a.md", Line: first + 2},
		{Dest: "../units/a.md", Line: first + 6},
		{Dest: "https://www.gov.cn", Line: first + 8},
		{Dest: "http://www.example.cn", Line: first + 8},
		{Dest: "mailto:dj@example.org", Line: first + 8},
		{Dest: "c.md#第二节", Line: first + 10},
		{Dest: "b.md", Line: first + 10},
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("Links:\n got %v\nwant %v", res.Links, want)
	}
	html := string(res.HTML)
	for _, href := range []string{
		`href="/brands/hongse/#%E5%81%9A%E6%B3%95"`,
		`href="/units/a/"`,
		`href="/news/c/#%E7%AC%AC%E4%BA%8C%E8%8A%82"`,
		`href="b.md"`, // unresolved: kept as written
		`href="/news/"`,
		`src="logo.svg"`,
	} {
		if !strings.Contains(html, href) {
			t.Errorf("HTML lacks %s:\n%s", href, html)
		}
	}
}

func TestResolverPrecedence(t *testing.T) {
	r := New(Options{ResolveLink: func(string) (string, bool) { return "/from-options/", true }})
	res, _ := r.Render([]byte("[a](x.md)"), 1)
	if !strings.Contains(string(res.HTML), `href="/from-options/"`) {
		t.Errorf("Options.ResolveLink not used: %s", res.HTML)
	}
	res, _ = r.RenderWith([]byte("[a](x.md)"), 1, func(string) (string, bool) { return "/per-call/", true })
	if !strings.Contains(string(res.HTML), `href="/per-call/"`) {
		t.Errorf("per-call resolver not used: %s", res.HTML)
	}
}

func TestPlainText(t *testing.T) {
	src := "# 标题\n\n" +
		"段落有**粗体**、`代码`和[链接](x.md)，&amp; 与 \\*星号\\*。\n\n" +
		"- 第一项\n- 第二项\n\n" +
		"1. 甲\n2. 乙\n\n" +
		"> 引用内容\n\n" +
		"| 名称 | 数量 |\n|---|---|\n| 党员 | 80 |\n\n" +
		"```go\nfmt.Println(\"代码块\")\n```\n\n" +
		"![图片说明](a.png)\n\n" +
		"---\n\n" +
		"末段。"
	res := render(t, Options{}, src)
	want := "标题\n" +
		"段落有粗体、代码和链接，& 与 *星号*。\n" +
		"第一项\n第二项\n" +
		"甲\n乙\n" +
		"引用内容\n" +
		"名称\t数量\n党员\t80\n" +
		"fmt.Println(\"代码块\")\n" +
		"\n" + // the image paragraph has no text
		"末段。"
	want = strings.ReplaceAll(want, "\n\n", "\n")
	if res.Plain != want {
		t.Errorf("Plain:\n got %q\nwant %q", res.Plain, want)
	}
}

func TestFootnotes(t *testing.T) {
	res := render(t, Options{}, "正文引用[^1]。\n\n[^1]: 见《党章》。\n")
	html := string(res.HTML)
	for _, want := range []string{`<sup id="fnref:1"><a href="#fn:1"`, `<li id="fn:1">`, "见《党章》。"} {
		if !strings.Contains(html, want) {
			t.Errorf("footnote HTML lacks %q:\n%s", want, html)
		}
	}
	if res.Plain != "正文引用。\n见《党章》。" {
		t.Errorf("Plain %q", res.Plain)
	}
}

func TestTablesAndTaskLists(t *testing.T) {
	res := render(t, Options{}, "| 单位 | 党员 |\n|:---|---:|\n| 医院 | 80 |\n\n- [x] 已完成\n- [ ] 未完成\n")
	html := string(res.HTML)
	for _, want := range []string{
		"<table>", `<th style="text-align:left">单位</th>`, `<td data-label="党员" style="text-align:right">80</td>`,
		`<li><input checked="" disabled="" type="checkbox"> 已完成</li>`,
		`<li><input disabled="" type="checkbox"> 未完成</li>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 1},
		{"短文。", 1},
		{strings.Repeat("党", 2400), 6},
		{strings.Repeat("党，", 1000), 3},    // punctuation does not count: 1000 → 2.5 → 3
		{strings.Repeat("word ", 1000), 5}, // 1000 words at 200 a minute
	}
	for _, tt := range tests {
		if got := ReadingMinutes(tt.in); got != tt.want {
			t.Errorf("ReadingMinutes(%d bytes) = %d, want %d", len(tt.in), got, tt.want)
		}
	}
	res := render(t, Options{}, strings.Repeat("党建引领发展。", 400))
	if res.ReadingMinutes != 6 { // 2400 Chinese characters
		t.Errorf("Result.ReadingMinutes = %d, want 6", res.ReadingMinutes)
	}
}

func TestOddInput(t *testing.T) {
	r := New(Options{})
	for _, src := range []string{
		"", "\n\n", "\ufeff# 标题", "中文\r\n中文\r\n", "\xff\xfe无效", "**", "[", "<!--more",
		"#", "|a|\n|-|", "[^1]", "- [ ]", strings.Repeat("*", 1000), strings.Repeat(">", MaxNesting) + "x",
	} {
		if _, err := r.Render([]byte(src), 1); err != nil {
			t.Errorf("Render(%q): %v", src, err)
		}
	}
	// Deeper than MaxNesting is refused with its line, not rendered.
	var ne *NestingError
	if _, err := r.Render([]byte(strings.Repeat(">", 500)+"x"), 1); !errors.As(err, &ne) || ne.Line != 1 {
		t.Errorf("Render(500 × \">\"): %v", err)
	}
	res, _ := r.Render([]byte("中文\r\n中文\r\n"), 1)
	if para(res) != "中文中文" {
		t.Errorf("CRLF line break: %q", res.HTML)
	}
}

// benchPage is a ~2,400-character Chinese page with the usual furniture.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString("市人民医院党委以**“红色领航”**党建品牌为抓手，推动党建与业务深度融合。\n\n<!--more-->\n\n")
	for i := range 10 {
		fmt.Fprintf(&b, "## %d、主要做法之%d\n\n", i+1, i+1)
		b.WriteString("近年来，医院党委坚持把支部建在科室上，\n组建党员先锋队十二支，开展义诊、健康讲座和送医下乡活动二百余场，")
		b.WriteString("服务群众三万余人次。各支部严格落实“三会一课”制度，围绕患者就医难点开展攻坚[^" + fmt.Sprint(i) + "]。\n\n")
		b.WriteString("- 建立**党员责任区**，明确责任到人；\n- 开展*主题党日*活动，[详见品牌介绍](../brands/hongse.md#做法)；\n- 推行~~旧流程~~新流程，门诊候诊时间缩短四成。\n\n")
		b.WriteString("| 项目 | 数量 | 说明 |\n|---|---:|---|\n| 党员 | 80 | 在职党员 |\n| 支部 | 6 | 按科室设置 |\n\n")
		b.WriteString("医院还与社区卫生服务站结对共建，把优质医疗资源送到群众家门口，受到广泛好评。\n\n")
		fmt.Fprintf(&b, "[^%d]: 数据来源：医院党委办公室统计。\n\n", i)
	}
	return []byte(b.String())
}

func TestBenchPageSize(t *testing.T) {
	res := render(t, Options{}, string(benchPage()))
	n := utf8.RuneCountInString(res.Plain)
	if n < 2000 || n > 3000 {
		t.Errorf("bench page has %d characters of text, want about 2,400", n)
	}
}

func BenchmarkRender(b *testing.B) {
	page := benchPage()
	r := New(Options{})
	resolve := func(dest string) (string, bool) {
		if strings.HasSuffix(strings.SplitN(dest, "#", 2)[0], ".md") {
			return "/brands/hongse/", true
		}
		return "", false
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.RenderWith(page, 5, resolve); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestTablesScrollInTheirOwnBox(t *testing.T) {
	res, err := New(Options{}).Render([]byte("| 单位 | 党员 |\n|---|---|\n| 妇幼 | 80 |\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	if !strings.Contains(html, `<div class="table-wrap stk" tabindex="0" role="region" aria-label="表格"><table>`) || !strings.Contains(html, "</table></div>") {
		t.Errorf("table not wrapped:\n%s", html)
	}
}

// A 公示 table on a 360 px phone broke names and phone numbers one
// character a line: each body cell now carries its column's header as
// data-label, and the table the theme's stk box, so that it shows as one
// card per row ("姓名：王丽"), as the honor and /stats/ tables do. A table
// with an empty header cell keeps its columns (and scrolls in its box).
func TestTablesBecomeCardsOnPhones(t *testing.T) {
	src := "| 姓名 | **单位** | 联系电话 |\n|---|---|---|\n| 王丽 | 县人民医院 | 0735-5221234 |\n| 张强 | 县中医院 |\n\n|  | 2025 |\n|---|---|\n| 党员 | 80 |\n"
	res, err := New(Options{}).Render([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{
		`<div class="table-wrap stk" tabindex="0" role="region" aria-label="表格"><table>` + "\n<thead>\n<tr>\n<th>姓名</th>",
		`<td data-label="姓名">王丽</td>`, `<td data-label="单位">县人民医院</td>`, `<td data-label="联系电话">0735-5221234</td>`,
		`<td data-label="姓名">张强</td>`,
		`<div class="table-wrap" tabindex="0" role="region" aria-label="表格"><table>` + "\n<thead>\n<tr>\n<th></th>",
		"<td>党员</td>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s", want, html)
		}
	}
	if strings.Contains(html, "data-stk") || strings.Count(html, "<div class=\"table-wrap") != 2 || strings.Count(html, "</table></div>") != 2 {
		t.Errorf("tables wrapped wrongly:\n%s", html)
	}
}

// A table pasted from Word: tab-separated lines become a table, the first
// line its header; text around it stays paragraphs, code blocks keep their
// tabs, a lone line with a tab is text, and links in cells keep their lines.
func TestTabSeparatedTable(t *testing.T) {
	src := "前言\n姓名\t职务\t单位\n张三\t书记\t[市妇幼](/units/fuyou/)\n李四\t委员\t疾控\n后记\n\n```\na\tb\nc\td\n```\n\n单\t行\n\n甲\t乙\n丙\t丁\n"
	res, err := New(Options{}).Render([]byte(src), 5)
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{
		"<p>前言</p>", "<th>姓名</th>", "<th>单位</th>", `<td data-label="职务">书记</td>`, `<td data-label="单位"><a href="/units/fuyou/">市妇幼</a></td>`, "<p>后记</p>",
		"<pre><code>a\tb\nc\td\n</code></pre>", "<p>单\t行</p>", "<th>甲</th>", `<td data-label="乙">丁</td>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in:\n%s", want, html)
		}
	}
	if strings.Count(html, "<table>") != 2 {
		t.Errorf("want 2 tables:\n%s", html)
	}
	if len(res.Links) != 1 || res.Links[0].Line != 7 {
		t.Errorf("links: %+v (want line 7)", res.Links)
	}
}

// A heading whose ID would be one the theme's page already has ("Main" →
// main, the skip link's target; "Search results" → the search page's list)
// is numbered instead: two elements with one ID sent the heading's
// table-of-contents link to the theme's element.
func TestHeadingIDsAvoidTheThemesIDs(t *testing.T) {
	res := render(t, Options{}, "## Main\n\n## Search Results\n\n## H-News\n\n## main\n")
	var got []string
	for _, h := range res.TOC {
		got = append(got, h.ID)
	}
	want := []string{"main-1", "search-results-1", "h-news-1", "main-2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IDs %v, want %v", got, want)
	}
	// Every literal id="…" of the default theme's layouts is in ThemeIDs.
	files, err := filepath.Glob("../../themes/default/layouts/*/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("theme layouts: %v %v", files, err)
	}
	more, _ := filepath.Glob("../../themes/default/layouts/*.html")
	reserved := map[string]bool{}
	for _, id := range ThemeIDs {
		reserved[id] = true
	}
	idRe := regexp.MustCompile(`\bid="([^"{]+)"`)
	templated := regexp.MustCompile(`\bid="[^"]*\{\{`)
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range idRe.FindAllStringSubmatch(string(data), -1) {
			if !reserved[m[1]] {
				t.Errorf("%s: id %q is not in ThemeIDs", f, m[1])
			}
		}
		// Ids made by the template (h-{{.ID}}, h-sm-{{$i}}, chart-{{.ID}})
		// cannot be listed: they are safe only on pages without a body,
		// where no heading can take the same id.
		if templated.Match(data) && bytes.Contains(data, []byte(".HTML")) {
			t.Errorf("%s: a templated id on a page with a Markdown body may equal a heading's id", f)
		}
	}
}
