package content

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
)

func messages(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Format(diag.Chinese) + "\n")
	}
	return b.String()
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, rel, src string
		want           []string // substrings of the messages, each must appear
	}{
		{"members as text", "units/a.md", "+++\ntitle = \"甲\"\nmembers = \"80人\"\n+++\n",
			[]string{`content/units/a.md:3: 字段 members 应为整数，实际为 "80人"`}},
		{"missing title", "news/a.md", "+++\ndate = 2024-01-01\n+++\n",
			[]string{"content/news/a.md:1: 缺少必填字段 title"}},
		{"bad toml line", "units/a.md", "+++\ntitle = \"甲\"\n\nbranches = = 3\n+++\n",
			[]string{"content/units/a.md:4: 前置信息（+++ 之间）写法有误"}},
		{"unclosed", "units/a.md", "+++\ntitle = \"甲\"\n",
			[]string{"content/units/a.md:1: 前置信息以 +++ 开始"}},
		{"bad status", "brands/a.md", "+++\ntitle = \"品牌\"\nunit = \"u\"\nlogo = \"a.svg\"\nstatus = \"完成\"\n+++\n",
			[]string{`content/brands/a.md:5: 字段 status 的值 "完成" 无效`}},
		{"model level required", "models/a.md", "+++\ntitle = \"点\"\nunit = \"u\"\n+++\n",
			[]string{"content/models/a.md:1: 缺少必填字段 level"}},
		{"typo suggestion", "units/a.md", "+++\ntitle = \"甲\"\nmenbers = 3\n+++\n",
			[]string{"content/units/a.md:3: 未知字段 menbers，是否应为 members？"}},
		{"honor entry fields", "honors/a.md", "+++\ntitle = \"榜\"\nyear = 2020\n\n[[honors]]\nname = \"先进\"\nrecipient = \"张三\"\n\n[[honors]]\nname = \"优秀\"\ntype = \"团体\"\n+++\n",
			[]string{"content/honors/a.md:9: 缺少必填字段 recipient", `content/honors/a.md:11: 字段 type 的值 "团体" 无效`}},
		// Each missing field says the line to add; a quoted true/false
		// says to take the quotes off.
		{"missing date says the line", "news/a.md", "+++\ntitle = \"x\"\n+++\n",
			[]string{"content/news/a.md:1: 缺少必填字段 date：请在前置信息（+++ 之间）加一行，如 date = 2025-06-28"}},
		{"missing recipient says the line", "honors/a.md", "+++\ntitle = \"榜\"\n[[honors]]\nname = \"优秀\"\n+++\n",
			[]string{`缺少必填字段 recipient：请在前置信息（+++ 之间）加一行，如 recipient = "获奖集体或个人"`}},
		{"quoted draft", "news/a.md", "+++\ntitle = \"x\"\ndate = 2024-01-01\ndraft = \"false\"\n+++\n",
			[]string{`content/news/a.md:4: 字段 draft 应为true 或 false，实际为 "false"；请写成 draft = false（不加引号）`}},
		{"draft in words", "news/a.md", "+++\ntitle = \"x\"\ndate = 2024-01-01\ndraft = \"否\"\n+++\n",
			[]string{`请写成 draft = false（不加引号）`}},
		{"date type", "news/a.md", "+++\ntitle = \"x\"\ndate = 20240101\n+++\n",
			[]string{"content/news/a.md:3: 字段 date 应为日期"}},
		{"investment text", "brands/a.md", "+++\ntitle = \"x\"\nunit = \"u\"\nlogo = \"a.svg\"\ninvestment = \"5万\"\n+++\n",
			[]string{`content/brands/a.md:5: 字段 investment 应为数字，实际为 "5万"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := Parse(tc.rel, []byte(tc.src))
			got := messages(probs)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	src := "\ufeff+++\r\ntitle = \"红色引擎\"\r\nunit = \"fuyou\"\r\nlogo = \"images/a.svg\"\r\nstatus = \"示范\"\r\nyear = 2021\r\ninvestment = 1580000\r\ntags = [\"党建品牌\"]\r\ndate = \"2021-03-05\"\r\n+++\r\n正文第一段。\r\n"
	p, probs := Parse("brands/hongse.md", []byte(src))
	if len(probs) > 0 {
		t.Fatalf("problems: %s", messages(probs))
	}
	if p.Kind != KindBrand || p.URL != "/brands/hongse/" || p.Title != "红色引擎" {
		t.Errorf("page = %+v", p)
	}
	if p.Brand.UnitSlug != "fuyou" || p.Brand.Investment != 1580000 || p.Brand.Year != 2021 || p.Brand.Status != "示范" {
		t.Errorf("brand = %+v", p.Brand)
	}
	if p.Date.Format("2006-01-02") != "2021-03-05" || p.Year() != 2021 {
		t.Errorf("date = %v", p.Date)
	}
	if string(p.Body) != "正文第一段。\n" || p.BodyLine != 11 {
		t.Errorf("body %q at line %d", p.Body, p.BodyLine)
	}
}

func TestPageURLs(t *testing.T) {
	tests := map[string]string{
		"_index.md":            "/",
		"news/_index.md":       "/news/",
		"news/a.md":            "/news/a/",
		"news/2016/a.md":       "/news/a/",
		"about.md":             "/about/",
		"guide/start.md":       "/guide/start/",
		"units/妇幼保健院.md":       "/units/妇幼保健院/",
		"brands/red engine.md": "/brands/red engine/",
	}
	for rel, want := range tests {
		src := "+++\ntitle = \"t\"\nunit = \"u\"\nlogo = \"a.svg\"\nlevel = \"省级\"\ndate = 2020-01-01\n+++\n"
		if p, _ := Parse(rel, []byte(src)); p.URL != want {
			t.Errorf("%s → %s, want %s", rel, p.URL, want)
		}
	}
}

func TestResolveUnits(t *testing.T) {
	unit, _ := Parse("units/fuyou.md", []byte("+++\ntitle = \"妇幼\"\n+++\n"))
	news, _ := Parse("news/a.md", []byte("+++\ntitle = \"n\"\ndate = 2020-01-01\nunits = [\"fuyou\", \"nope\"]\n+++\n"))
	probs := Resolve([]*Page{unit, news}, ResolveOptions{})
	if len(news.News.Units) != 1 || news.News.Units[0] != unit {
		t.Errorf("units = %v", news.News.Units)
	}
	if got := messages(probs); !strings.Contains(got, `content/news/a.md:4: 找不到单位 "nope"`) {
		t.Errorf("problems: %s", got)
	}
}

// A name that several units share says which file name to write instead,
// with the field: not "rename one of the files".
func TestAmbiguousUnitSaysWhatToWrite(t *testing.T) {
	a, _ := Parse("units/a.md", []byte("+++\ntitle = \"岚江市中医医院\"\nshort = \"市中医院\"\n+++\n"))
	b, _ := Parse("units/b.md", []byte("+++\ntitle = \"岚山市中医医院\"\nshort = \"市中医院\"\n+++\n"))
	brand, _ := Parse("brands/x.md", []byte("+++\ntitle = \"品牌\"\nunit = \"市中医院\"\nlogo = \"images/x.png\"\n+++\n"))
	probs := Resolve([]*Page{a, b, brand}, ResolveOptions{FileExists: func(string) bool { return true }})
	want := `content/brands/x.md:3: "市中医院" 同时是几个单位的名称："a"（岚江市中医医院）、"b"（岚山市中医医院）；请改写为所指那个单位的文件名，如 unit = "a"`
	if got := messages(probs); !strings.Contains(got, want) {
		t.Errorf("problems: %s\nwant: %s", got, want)
	}
}

// A unit's full title names that unit, even when another unit's short name
// is the same: the full title is the unit's own name (as a slug beats both).
// A warning says which was taken and how to name the other one.
func TestFullTitleBeatsAnotherUnitsShortName(t *testing.T) {
	a, _ := Parse("units/zhongyi.md", []byte("+++\ntitle = \"市中医院\"\n+++\n"))
	b, _ := Parse("units/lanshan.md", []byte("+++\ntitle = \"岚山市中医医院\"\nshort = \"市中医院\"\n+++\n"))
	brand, _ := Parse("brands/x.md", []byte("+++\ntitle = \"品牌\"\nunit = \"市中医院\"\nlogo = \"images/x.png\"\n+++\n"))
	news, _ := Parse("news/n.md", []byte("+++\ntitle = \"n\"\ndate = 2020-01-01\nunits = [\"市中 医院\", \"lanshan\"]\n+++\n"))
	probs := Resolve([]*Page{a, b, brand, news}, ResolveOptions{FileExists: func(string) bool { return true }})
	if brand.Brand.Unit != a {
		t.Fatalf("unit = %v, want the unit titled 市中医院; problems: %s", brand.Brand.Unit, messages(probs))
	}
	if len(news.News.Units) != 2 || news.News.Units[0] != a || news.News.Units[1] != b {
		t.Errorf("news units = %v", news.News.Units)
	}
	for _, p := range probs {
		if p.Severity != diag.Warning {
			t.Errorf("an error: %s", messages([]diag.Problem{p}))
		}
	}
	want := `content/brands/x.md:3: "市中医院" 是单位 "zhongyi" 的全称，本页按全称指向该单位；但它也是 "lanshan"（岚山市中医医院）的简称：如指的是后者，请改写为其文件名，如 unit = "lanshan"`
	if got := messages(probs); !strings.Contains(got, want) {
		t.Errorf("problems: %s\nwant: %s", got, want)
	}
	// Two units with the same full title stay ambiguous.
	c, _ := Parse("units/other.md", []byte("+++\ntitle = \"市中医院\"\n+++\n"))
	probs = Resolve([]*Page{a, b, c, brand}, ResolveOptions{FileExists: func(string) bool { return true }})
	if got := messages(probs); !strings.Contains(got, "同时是几个单位的名称") {
		t.Errorf("two full titles: %s", got)
	}
}

// A published page naming a unit that is still a draft is told so, with the
// unit's file: "no such unit" sent the officer looking for a file that was
// there all along.
func TestUnitThatIsADraft(t *testing.T) {
	unit, _ := Parse("units/caogao.md", []byte("+++\ntitle = \"岚江市第三人民医院\"\nshort = \"市三医院\"\ndraft = true\n+++\n"))
	news, _ := Parse("news/a.md", []byte("+++\ntitle = \"n\"\ndate = 2020-01-01\nunits = [\"市三医院\"]\n+++\n"))
	pages := []*Page{unit, news}
	probs := Resolve(Published(pages, false), ResolveOptions{All: pages})
	want := `content/news/a.md:4: 单位 "市三医院"（content/units/caogao.md）还是草稿（draft = true），没有发布，本页不能指向它`
	if got := messages(probs); !strings.Contains(got, want) {
		t.Errorf("problems: %s\nwant: %s", got, want)
	}
	// With the drafts built (serve), the unit resolves.
	if probs := Resolve(Published(pages, true), ResolveOptions{All: pages}); len(probs) > 0 {
		t.Errorf("drafts included: %s", messages(probs))
	}
}
