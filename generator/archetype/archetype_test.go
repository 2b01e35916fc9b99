package archetype

import (
	"dangjian/generator/content"
	"encoding/xml"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dangjian/generator/check"
	"dangjian/generator/diag"
	"dangjian/generator/site"
	"dangjian/generator/sitetest"
	"dangjian/themes"
)

var today = time.Date(2025, 6, 30, 9, 0, 0, 0, time.Local)

// site is a small site with the one unit and the one logo that filled-in
// archetypes refer to.
const testSite = sitetest.Minimal + `
-- content/images/brands/hongqi.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c00"/></svg>
`

// writeSite writes a test site, with stand-ins for special page layouts the
// default theme does not have yet (other engineers are writing them).
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := sitetest.Write(t, archive)
	for _, name := range []string{"stats.html", "search.html", "gallery.html"} {
		if _, err := fs.Stat(themes.Default, "default/layouts/"+name); err == nil {
			continue
		}
		sitetest.WriteInto(t, dir, "-- layouts/"+name+" --\n{{define \"main\"}}<h1>{{.Title}}</h1>{{end}}\n")
	}
	return dir
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var draftLine = regexp.MustCompile(`(?m)^draft = true.*\n`)

var (
	numberPlaceholder = regexp.MustCompile(`(?m)^(members|branches) = "请填写[^"]*"`)
	placeholderValue  = regexp.MustCompile(`"请(填写|用一句话)[^"]*"`)
	placeholderBody   = regexp.MustCompile(`(?m)^请(在这里|写明|简要说明).*$`)
)

// publish does what an officer does before publishing: delete the draft
// line, and put real values where the archetype's placeholders are: the
// unit, the logo, every 请填写… and the prompts of the text.
func publish(text string) string {
	text = draftLine.ReplaceAllString(text, "")
	text = strings.Replace(text, `"`+UnitPlaceholder+`"`, `"市妇幼保健院"`, 1)
	text = strings.Replace(text, `"`+DefaultLogo+`"`, `"images/brands/hongqi.svg"`, 1)
	text = numberPlaceholder.ReplaceAllString(text, `$1 = 80`)
	text = placeholderValue.ReplaceAllString(text, `"实际内容"`)
	return placeholderBody.ReplaceAllString(text, "实际的正文。")
}

// A new unit's party members and branches are placeholders, not numbers: a
// unit published without them is an error naming each field, never a
// profile that says "0 人 党员, 1 个 党支部" because nobody changed the
// template.
func TestUnitFiguresArePlaceholders(t *testing.T) {
	dir := writeSite(t, testSite)
	rel, err := New(Options{Source: dir, Kind: "unit", Name: "新建单位", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	text := read(t, dir, rel)
	// Published with every other field filled; the figures forgotten.
	text = draftLine.ReplaceAllString(text, "")
	text = placeholderBody.ReplaceAllString(placeholderValue.ReplaceAllStringFunc(text, func(v string) string {
		if strings.Contains(v, "党员") || strings.Contains(v, "党支部") {
			return v
		}
		return `"实际内容"`
	}), "实际的正文。")
	write(t, dir, rel, text)
	_, err = site.Build(site.Options{Source: dir, Now: today})
	if err == nil {
		t.Fatal("a unit published with the template's figures was built")
	}
	for _, field := range []string{"字段 members 还是模板里的占位文字", "字段 branches 还是模板里的占位文字"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("no %q in:\n%v", field, err)
		}
	}
}

// TestEveryKindBuilds: the real archetypes (themes/default/archetypes) make
// files that a build accepts once the officer publishes them, and that check
// finds nothing wrong with.
func TestEveryKindBuilds(t *testing.T) {
	dir := writeSite(t, testSite)
	var made []string
	for _, k := range Kinds {
		rel, err := New(Options{Source: dir, Kind: string(k), Name: "新建 " + string(k), Now: today})
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		text := read(t, dir, rel)
		if !strings.Contains(text, "draft = true") || !strings.Contains(text, `title = "新建 `+string(k)+`"`) {
			t.Errorf("%s: not a draft with the title:\n%s", k, text)
		}
		// A unit has no date (it sorts by weight, then title); the others are of today.
		if hasDate := strings.Contains(text, "date = 2025-06-30"); hasDate == (k == content.KindUnit) {
			t.Errorf("%s: date line wrong (a unit has none, the others today's):\n%s", k, text)
		}
		// new never picks a unit for the officer.
		if strings.Contains(text, `unit = "fuyou"`) {
			t.Errorf("%s: prefilled a unit of the site:\n%s", k, text)
		}
		made = append(made, rel)
	}
	// As drafts they are not built at all, so the site still builds.
	if _, err := site.Build(site.Options{Source: dir, Now: today}); err != nil {
		t.Fatalf("drafts broke the build: %v", err)
	}
	for _, rel := range made {
		write(t, dir, rel, publish(read(t, dir, rel)))
	}
	res, err := site.Build(site.Options{Source: dir, Now: today})
	if err != nil {
		t.Fatalf("published archetypes do not build:\n%v", err)
	}
	if res.HTMLPages == 0 {
		t.Fatal("no pages")
	}
	for _, rel := range made {
		slug := strings.TrimSuffix(filepath.Base(rel), ".md")
		out := filepath.Join(dir, "public", filepath.Dir(strings.TrimPrefix(rel, "content/")), slug, "index.html")
		if _, err := os.Stat(out); err != nil {
			t.Errorf("%s: no page: %v", rel, err)
		}
	}
	if r := check.Run(check.Options{Source: dir, Now: today}); r.Errors() > 0 {
		var b strings.Builder
		check.Format(&b, r, diag.Chinese)
		t.Errorf("check finds errors:\n%s", b.String())
	}
}

// TestPlaceholdersAreNamed: published without filling in the placeholders,
// the build fails, and every error points at a placeholder the officer has
// to replace (请填写…, the generic emblem, the prompts of the text), on its
// line — never at something obscure, and never silently.
func TestPlaceholdersAreNamed(t *testing.T) {
	dir := writeSite(t, testSite)
	for _, k := range []content.Kind{content.KindBrand, content.KindModel} {
		rel, err := New(Options{Source: dir, Kind: string(k), Name: string(k), Now: today})
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, rel, draftLine.ReplaceAllString(read(t, dir, rel), ""))
	}
	_, err := site.Build(site.Options{Source: dir, Now: today})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("build: %v", err)
	}
	fields := map[string]bool{}
	for _, p := range errs {
		msg := p.Format(diag.Chinese)
		if p.Line == 0 || !strings.Contains(msg, "占位文字") && !strings.Contains(msg, "通用党徽") && !strings.Contains(msg, "提示文字") {
			t.Errorf("not about a placeholder: %s", msg)
		}
		if i := strings.Index(msg, "字段 "); i >= 0 {
			fields[strings.Fields(msg[i+len("字段 "):])[0]] = true
		}
	}
	for _, f := range []string{"unit", "logo", "slogan", "summary", "instructor"} {
		if !fields[f] {
			t.Errorf("no error names the field %s: %v", f, errs.Format(diag.Chinese))
		}
	}
}

// TestChineseNameEndToEnd: a Chinese name with a space becomes a file, a
// URL, a page, links on the list and home pages, a sitemap entry and a link
// target that check accepts, all percent-encoded where HTML and XML need it.
func TestChineseNameEndToEnd(t *testing.T) {
	dir := writeSite(t, testSite+`
-- content/news/links.md --
+++
title = "链接"
date = 2025-06-01
+++
[按网址](/news/党建-工作会议/) [按文件](党建-工作会议.md#会议内容) [编码的](/news/%E5%85%9A%E5%BB%BA-%E5%B7%A5%E4%BD%9C%E4%BC%9A%E8%AE%AE/)
`)
	rel, err := New(Options{Source: dir, Kind: "news", Name: "党建 工作会议", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if rel != "content/news/党建-工作会议.md" {
		t.Fatalf("path %q", rel)
	}
	text := publish(read(t, dir, rel))
	if !strings.Contains(text, `title = "党建 工作会议"`) {
		t.Fatalf("title not kept:\n%s", text)
	}
	write(t, dir, rel, text+"\n## 会议内容\n\n学习贯彻。\n")
	full := "https://dj.example.gov.cn/"
	if _, err := site.Build(site.Options{Source: dir, Now: today, NoMinify: true, BaseURL: &full}); err != nil {
		t.Fatalf("build: %v", err)
	}
	page := read(t, dir, "public/news/党建-工作会议/index.html")
	if !strings.Contains(page, "党建 工作会议") {
		t.Error("page lacks its title")
	}
	encoded := "/news/" + url.PathEscape("党建-工作会议") + "/"
	// Links are relative (PORTAL.md): from /news/… pages "../news/…/index.html".
	link := "news/" + url.PathEscape("党建-工作会议") + "/index.html"
	for _, f := range []string{"public/news/index.html", "public/index.html", "public/news/links/index.html"} {
		html := read(t, dir, f)
		if !strings.Contains(html, link+`"`) {
			t.Errorf("%s: no percent-encoded link %s", f, link)
		}
		if strings.Contains(html, `news/党建`) {
			t.Errorf("%s: raw Chinese in an href", f)
		}
	}
	if html := read(t, dir, "public/news/links/index.html"); !strings.Contains(html, link+`#`) {
		t.Errorf(".md link with anchor not rewritten to %s#…", encoded)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, dir, "public/sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range sm.URLs {
		if strings.HasSuffix(u.Loc, encoded) {
			found = true
		}
	}
	if !found {
		t.Errorf("sitemap lacks %s", encoded)
	}
	if r := check.Run(check.Options{Source: dir, Now: today}); len(r.Problems) > 0 {
		var b strings.Builder
		check.Format(&b, r, diag.Chinese)
		t.Errorf("check:\n%s", b.String())
	}
}

func TestRefusesToOverwrite(t *testing.T) {
	dir := writeSite(t, testSite)
	before := read(t, dir, "content/units/fuyou.md")
	_, err := New(Options{Source: dir, Kind: "unit", Name: "fuyou", Now: today})
	var p *Problem
	if !errors.As(err, &p) || p.Msg != diag.MsgNewExists || errors.Is(err, ErrUsage) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(p.Format(diag.Chinese), "content/units/fuyou.md") {
		t.Errorf("message does not name the file: %s", p.Format(diag.Chinese))
	}
	if read(t, dir, "content/units/fuyou.md") != before {
		t.Fatal("file changed")
	}
}

func TestUsageErrors(t *testing.T) {
	dir := writeSite(t, testSite)
	for _, o := range []Options{
		{Kind: "page", Name: "x"}, {Kind: "brands", Name: "x"}, {Kind: "", Name: "x"},
		{Kind: "news", Name: "a/b"}, {Kind: "news", Name: "  "}, {Kind: "news", Name: "_index"},
		{Kind: "news", Name: "..\\x"}, {Kind: "news", Name: "\xb5\xb3"}, {Kind: "news", Name: ".hidden"},
	} {
		o.Source = dir
		if _, err := New(o); !errors.Is(err, ErrUsage) {
			t.Errorf("%+v: err = %v, want a usage error", o, err)
		}
	}
}

// A site's own archetype wins over the theme's; one without front matter
// still makes a dated draft with a title; Chinese quotes in a title stay as typed.
func TestSiteArchetype(t *testing.T) {
	dir := writeSite(t, testSite+`
-- archetypes/brand.md --
+++
title = "{{ .Title }}"
unit = "fuyou"
logo = "images/brands/hongqi.svg"
+++
本站自己的品牌模板。
-- archetypes/news.md --
只有正文的模板：{{ .Slug }}
`)
	rel, err := New(Options{Source: dir, Kind: "brand", Name: "“红旗”引擎", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	text := read(t, dir, rel)
	if !strings.Contains(text, "本站自己的品牌模板") || !strings.Contains(text, "draft = true") || !strings.Contains(text, "date = 2025-06-30") {
		t.Fatalf("site archetype not used or not completed:\n%s", text)
	}
	rel, err = New(Options{Source: dir, Kind: "news", Name: "快讯", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	text = read(t, dir, rel)
	if !strings.HasPrefix(text, "+++\ntitle = \"快讯\"\ndate = 2025-06-30\ndraft = true\n+++\n只有正文的模板：快讯") {
		t.Fatalf("bare archetype:\n%s", text)
	}
	if text := read(t, dir, "content/brands/“红旗”引擎.md"); !strings.Contains(text, `title = "“红旗”引擎"`) {
		t.Fatalf("title:\n%s", text)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	for _, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, strings.TrimPrefix(filepath.ToSlash(e), filepath.ToSlash(dir)+"/"), strings.Replace(string(data), "draft = true", "draft = false", 1))
	}
	if _, err := site.Build(site.Options{Source: dir, Now: today}); err != nil {
		t.Fatalf("build: %v", err)
	}
}

// A broken site archetype is reported, naming it, and writes nothing.
func TestBrokenArchetype(t *testing.T) {
	dir := writeSite(t, testSite+`
-- archetypes/unit.md --
+++
title = "{{ .Title }}"
members = "{{ .Nope }}"
+++
-- archetypes/model.md --
+++
title = "{{ .Title }}
+++
`)
	for _, k := range []string{"unit", "model"} {
		_, err := New(Options{Source: dir, Kind: k, Name: "坏模板", Now: today})
		if err == nil || errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "archetypes/"+k+".md") {
			t.Errorf("%s: err = %v", k, err)
		}
		if _, serr := os.Stat(filepath.Join(dir, "content", k+"s", "坏模板.md")); serr == nil {
			t.Errorf("%s: a file was written", k)
		}
	}
}

func TestMissingSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	_, err := New(Options{Source: dir, Kind: "news", Name: "x", Now: today})
	if err == nil || errors.Is(err, ErrUsage) {
		t.Fatalf("err = %v", err)
	}
	if _, serr := os.Stat(dir); serr == nil {
		t.Fatal("created the mistyped folder")
	}
}
