package stats

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"dangjian/generator/content"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func unitPage(slug, title, district string, members, branches int, draft bool) *content.Page {
	return &content.Page{
		Path: "content/units/" + slug + ".md", Kind: content.KindUnit, Section: "units",
		Slug: slug, URL: "/units/" + slug + "/", Title: title, Draft: draft,
		Unit: &content.Unit{District: district, Members: members, Branches: branches},
	}
}

// fixture is a small portal whose every figure is worked out by hand in the
// comments and literals below; the stats code is never used to make them.
// Some references are resolved pointers (as after content.Resolve), some
// only slugs, so both ways of naming a unit are covered.
func fixture() []*content.Page {
	diyi := unitPage("diyi", "岚江市第一人民医院", "岚城区", 600, 28, false)
	donghu := unitPage("donghu", "东湖区卫健局", "东湖区", 45, 3, false)
	fuyou := unitPage("fuyou", "妇幼保健院", "岚城区", 120, 6, false)
	yangguang := unitPage("yangguang", "阳光社区卫生服务站", "东湖区", 12, 1, false)
	caogao := unitPage("caogao", "草稿医院", "江北区", 100, 5, true)
	// A section landing page must be ignored even if it carries fields.
	unitsIndex := &content.Page{Path: "content/units/_index.md", Kind: content.KindUnit, IsIndex: true, Title: "单位",
		Unit: &content.Unit{Members: 999, Branches: 99}}

	brand := func(slug, unitSlug string, unit *content.Page, status string, year, act, ben int, inv float64, draft bool) *content.Page {
		return &content.Page{Path: "content/brands/" + slug + ".md", Kind: content.KindBrand, Slug: slug, URL: "/brands/" + slug + "/",
			Title: "品牌" + slug, Draft: draft,
			Brand: &content.Brand{UnitSlug: unitSlug, Unit: unit, Status: status, Year: year, Activities: act, Beneficiaries: ben, Investment: inv}}
	}
	model := func(slug, unitSlug string, unit *content.Page, level string, awarded time.Time) *content.Page {
		return &content.Page{Path: "content/models/" + slug + ".md", Kind: content.KindModel, Slug: slug, Title: "示范点" + slug,
			Model: &content.ModelSite{UnitSlug: unitSlug, Unit: unit, Level: level, Awarded: awarded, HasAwarded: !awarded.IsZero()}}
	}
	honor := func(typ, level string, date time.Time, unitSlug string, unit *content.Page) content.Honor {
		return content.Honor{Name: "荣誉", Recipient: "某某", Type: typ, Level: level, Date: date, HasDate: !date.IsZero(), UnitSlug: unitSlug, Unit: unit}
	}
	news := func(slug string, draft bool, slugs []string, units []*content.Page) *content.Page {
		return &content.Page{Path: "content/news/" + slug + ".md", Kind: content.KindNews, Slug: slug, Title: slug, Draft: draft,
			News: &content.News{UnitSlugs: slugs, Units: units}}
	}
	var none time.Time
	return []*content.Page{
		unitsIndex, diyi, donghu, fuyou, yangguang, caogao,
		{Path: "content/brands/_index.md", Kind: content.KindBrand, IsIndex: true, Brand: &content.Brand{Activities: 1000}},
		brand("b1", "diyi", diyi, "示范", 2019, 120, 15000, 1200000, false),
		brand("b2", "diyi", nil, "已验收", 2020, 30, 2000, 300000, false),
		brand("b3", "fuyou", fuyou, "已验收", 2020, 40, 5600, 58000, false),
		brand("b4", "donghu", donghu, "", 0, 5, 100, 9800, false),
		brand("b5", "yangguang", yangguang, "创建中", 2021, 10, 50, 5000, true),
		model("m1", "diyi", diyi, "省级", day(2020, 6, 1)),
		model("m2", "fuyou", nil, "市级", day(2021, 3, 5)),
		model("m3", "diyi", diyi, "国家级", none),
		{Path: "content/honors/h1.md", Kind: content.KindHonor, Title: "2020 年表彰",
			Honor: &content.HonorList{Year: 2020, Level: "市级", Honors: []content.Honor{
				honor("集体", "", none, "diyi", diyi),                 // 市级 (list), 2020 (list)
				honor("个人", "省级", day(2021, 1, 10), "fuyou", fuyou), // 省级, 2021 (its date)
				honor("个人", "", none, "", nil),                      // 市级, 2020, no unit
			}}},
		{Path: "content/honors/h2.md", Kind: content.KindHonor, Title: "2021 年表彰",
			Honor: &content.HonorList{Year: 2021, Honors: []content.Honor{
				honor("集体", "国家级", day(2021, 7, 1), "fuyou", nil), // 国家级, 2021
				honor("", "", none, "donghu", donghu),             // 未填写 level and type, 2021
				honor("集体", "县级", none, "diyi", diyi),             // 县级, 2021
			}}},
		{Path: "content/honors/h3.md", Kind: content.KindHonor, Title: "草稿", Draft: true,
			Honor: &content.HonorList{Year: 2022, Level: "县级", Honors: []content.Honor{
				honor("个人", "", none, "yangguang", yangguang),
			}}},
		news("n1", false, []string{"diyi", "fuyou"}, []*content.Page{diyi, fuyou}),
		news("n2", false, []string{"diyi"}, nil),
		news("n3", false, nil, nil),
		news("n4", true, []string{"yangguang"}, []*content.Page{yangguang}),
	}
}

// Worked out by hand from fixture(), drafts excluded.
//
//	units 4 (diyi, donghu, fuyou, yangguang); members 600+45+120+12 = 777;
//	branches 28+3+6+1 = 38.
//	brands b1..b4: 示范 1, 已验收 2 (b2, b3), 未填写 1 (b4); 2019 1, 2020 2, 未填写 1.
//	coverage: diyi, fuyou, donghu have brands → 3 / 4 = 0.75.
//	activities 120+30+40+5 = 195; beneficiaries 15000+2000+5600+100 = 22700;
//	investment 1200000+300000+58000+9800 = 1567800.
//	models: 国家级 1, 省级 1, 市级 1, 县级 0; 2020 1, 2021 1, 未填写 1.
//	honors (6 in 2 lists): levels 市级, 省级, 市级 | 国家级, 未填写, 县级;
//	years 2020, 2021, 2020 | 2021, 2021, 2021; types 集体, 个人, 个人 | 集体, "", 集体.
//	per unit honors: diyi 2 (市级, 县级), fuyou 2 (省级, 国家级), donghu 1 (未填写).
//	leaderboard tie at 2: 妇 (U+5987) sorts before 岚 (U+5C9A).
//	news 3: diyi in n1, n2; fuyou in n1.
//	per_unit ordered by title: 东 U+4E1C, 妇 U+5987, 岚 U+5C9A, 阳 U+9633.
const wantPublishedJSON = `{
  "units": 4, "members": 777, "branches": 38,
  "brands": 4,
  "brands_by_status": [
    {"key": "创建中", "label": "创建中", "value": 0},
    {"key": "已验收", "label": "已验收", "value": 2},
    {"key": "示范", "label": "示范", "value": 1},
    {"key": "未填写", "label": "未填写", "value": 1}
  ],
  "brands_by_year": [
    {"key": "2019", "label": "2019年", "value": 1},
    {"key": "2020", "label": "2020年", "value": 2},
    {"key": "未填写", "label": "未填写", "value": 1}
  ],
  "coverage": {"units_with_brands": 3, "units": 4, "ratio": 0.75, "percent": 75},
  "model_sites": 3,
  "model_sites_by_level": [
    {"key": "国家级", "label": "国家级", "value": 1},
    {"key": "省级", "label": "省级", "value": 1},
    {"key": "市级", "label": "市级", "value": 1},
    {"key": "县级", "label": "县级", "value": 0}
  ],
  "model_sites_by_year": [
    {"key": "2020", "label": "2020年", "value": 1},
    {"key": "2021", "label": "2021年", "value": 1},
    {"key": "未填写", "label": "未填写", "value": 1}
  ],
  "honor_lists": 2,
  "honors": 6,
  "honors_by_level": [
    {"key": "国家级", "label": "国家级", "value": 1},
    {"key": "省级", "label": "省级", "value": 1},
    {"key": "市级", "label": "市级", "value": 2},
    {"key": "县级", "label": "县级", "value": 1},
    {"key": "未填写", "label": "未填写", "value": 1}
  ],
  "honors_by_year": [
    {"key": "2020", "label": "2020年", "value": 2, "by_level": [
      {"key": "国家级", "label": "国家级", "value": 0},
      {"key": "省级", "label": "省级", "value": 0},
      {"key": "市级", "label": "市级", "value": 2},
      {"key": "县级", "label": "县级", "value": 0},
      {"key": "未填写", "label": "未填写", "value": 0}
    ]},
    {"key": "2021", "label": "2021年", "value": 4, "by_level": [
      {"key": "国家级", "label": "国家级", "value": 1},
      {"key": "省级", "label": "省级", "value": 1},
      {"key": "市级", "label": "市级", "value": 0},
      {"key": "县级", "label": "县级", "value": 1},
      {"key": "未填写", "label": "未填写", "value": 1}
    ]}
  ],
  "honors_by_type": [
    {"key": "集体", "label": "集体", "value": 3},
    {"key": "个人", "label": "个人", "value": 2},
    {"key": "未填写", "label": "未填写", "value": 1}
  ],
  "honors_per_unit": [
    {"slug": "fuyou", "title": "妇幼保健院", "url": "/units/fuyou/", "value": 2},
    {"slug": "diyi", "title": "岚江市第一人民医院", "url": "/units/diyi/", "value": 2},
    {"slug": "donghu", "title": "东湖区卫健局", "url": "/units/donghu/", "value": 1}
  ],
  "members_per_unit": [
    {"slug": "diyi", "title": "岚江市第一人民医院", "url": "/units/diyi/", "value": 600},
    {"slug": "fuyou", "title": "妇幼保健院", "url": "/units/fuyou/", "value": 120},
    {"slug": "donghu", "title": "东湖区卫健局", "url": "/units/donghu/", "value": 45},
    {"slug": "yangguang", "title": "阳光社区卫生服务站", "url": "/units/yangguang/", "value": 12}
  ],
  "activities": 195, "beneficiaries": 22700, "investment": 1567800,
  "news": 3,
  "per_unit": [
    {"slug": "donghu", "title": "东湖区卫健局", "url": "/units/donghu/", "district": "东湖区",
     "members": 45, "branches": 3, "brands": 1, "model_sites": 0, "honors": 1,
     "honors_by_level": [
       {"key": "国家级", "label": "国家级", "value": 0},
       {"key": "省级", "label": "省级", "value": 0},
       {"key": "市级", "label": "市级", "value": 0},
       {"key": "县级", "label": "县级", "value": 0},
       {"key": "未填写", "label": "未填写", "value": 1}],
     "news": 0, "activities": 5, "beneficiaries": 100, "investment": 9800},
    {"slug": "fuyou", "title": "妇幼保健院", "url": "/units/fuyou/", "district": "岚城区",
     "members": 120, "branches": 6, "brands": 1, "model_sites": 1, "honors": 2,
     "honors_by_level": [
       {"key": "国家级", "label": "国家级", "value": 1},
       {"key": "省级", "label": "省级", "value": 1},
       {"key": "市级", "label": "市级", "value": 0},
       {"key": "县级", "label": "县级", "value": 0}],
     "news": 1, "activities": 40, "beneficiaries": 5600, "investment": 58000},
    {"slug": "diyi", "title": "岚江市第一人民医院", "url": "/units/diyi/", "district": "岚城区",
     "members": 600, "branches": 28, "brands": 2, "model_sites": 2, "honors": 2,
     "honors_by_level": [
       {"key": "国家级", "label": "国家级", "value": 0},
       {"key": "省级", "label": "省级", "value": 0},
       {"key": "市级", "label": "市级", "value": 1},
       {"key": "县级", "label": "县级", "value": 1}],
     "news": 2, "activities": 150, "beneficiaries": 17000, "investment": 1500000},
    {"slug": "yangguang", "title": "阳光社区卫生服务站", "url": "/units/yangguang/", "district": "东湖区",
     "members": 12, "branches": 1, "brands": 0, "model_sites": 0, "honors": 0,
     "honors_by_level": [
       {"key": "国家级", "label": "国家级", "value": 0},
       {"key": "省级", "label": "省级", "value": 0},
       {"key": "市级", "label": "市级", "value": 0},
       {"key": "县级", "label": "县级", "value": 0}],
     "news": 0, "activities": 0, "beneficiaries": 0, "investment": 0}
  ]
}`

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, b)
	}
	return m
}

func TestFiguresMatchHandComputedJSON(t *testing.T) {
	f := Compute(content.Published(fixture(), false))
	got, err := f.JSON()
	if err != nil {
		t.Fatal(err)
	}
	g, w := decode(t, got), decode(t, []byte(wantPublishedJSON))
	for k := range w {
		if !reflect.DeepEqual(g[k], w[k]) {
			gj, _ := json.Marshal(g[k])
			wj, _ := json.Marshal(w[k])
			t.Errorf("%s:\n got %s\nwant %s", k, gj, wj)
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			t.Errorf("undocumented key %q in stats.json", k)
		}
	}
}

// With --drafts the draft unit caogao (100 members, 5 branches, no brand),
// brand b5 (yangguang, 创建中, 2021, 10/50/5000), honor list h3 (one 个人
// 县级 2022 honor for yangguang) and news n4 (yangguang) all count.
func TestDraftsCountOnlyWhenIncluded(t *testing.T) {
	pub := Compute(content.Published(fixture(), false))
	all := Compute(content.Published(fixture(), true))
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("published units", pub.Units, 4)
	check("units", all.Units, 5)
	check("members", all.Members, 877)
	check("branches", all.Branches, 43)
	check("brands", all.Brands, 5)
	check("brands 创建中", all.BrandsByStatus[0], Count{"创建中", "创建中", 1})
	check("brands by year", all.BrandsByYear, []Count{{"2019", "2019年", 1}, {"2020", "2020年", 2}, {"2021", "2021年", 1}, {Unknown, Unknown, 1}})
	check("coverage", all.Coverage, Coverage{UnitsWithBrands: 4, Units: 5, Ratio: 0.8, Percent: 80})
	check("activities", all.Activities, 205)
	check("beneficiaries", all.Beneficiaries, 22750)
	check("investment", all.Investment, 1572800.0)
	check("honor lists", all.HonorLists, 3)
	check("honors", all.Honors, 7)
	check("honors 县级", all.HonorsByLevel[3], Count{"县级", "县级", 2})
	check("honors 个人", all.HonorsByType[1], Count{"个人", "个人", 3})
	check("honor years", len(all.HonorsByYear), 3)
	check("news", all.News, 4)
	check("model sites unchanged", all.ModelSites, pub.ModelSites)
	y := all.Unit("yangguang")
	check("yangguang", [4]int{y.Brands, y.Honors, y.News, y.Activities}, [4]int{1, 1, 1, 10})
	check("draft unit in leaderboard", len(all.MembersPerUnit), 5)
	if pub.Unit("caogao") != nil {
		t.Error("a draft unit has figures without --drafts")
	}
}

func TestUnitNilSafe(t *testing.T) {
	var f *Figures
	if f.Unit("diyi") != nil || f.UnitOf(nil) != nil || f.Groups() != nil {
		t.Error("nil Figures should give nil")
	}
	g := Compute(fixture())
	if u := g.Unit("nope"); u != nil {
		t.Errorf("unknown slug gave %+v", u)
	}
	// Figures decoded from stats.json have no index but still answer.
	b, _ := g.JSON()
	var d Figures
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if u := d.Unit("diyi"); u == nil || u.Members != 600 {
		t.Errorf("decoded Unit(diyi) = %+v", u)
	}
}

func TestLeaderboardTieBreaks(t *testing.T) {
	r := []UnitCount{
		{"b", "乙医院", "", 3},
		{"z", "甲医院", "", 3},
		{"a", "甲医院", "", 3},
		{"c", "丙医院", "", 5},
		{"d", "丁医院", "", 1},
	}
	rank(r)
	var got []string
	for _, u := range r {
		got = append(got, u.Slug)
	}
	// 5 first; the 3s by title 丙 < 乙 < 甲 in code-point order (乙 U+4E59,
	// 甲 U+7532), the two 甲医院 by slug.
	want := []string{"c", "b", "a", "z", "d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestEmptySite(t *testing.T) {
	f := Compute(nil)
	b, err := f.JSON()
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, b)
	if m["coverage"].(map[string]any)["ratio"] != 0.0 {
		t.Errorf("coverage of nothing should be 0, got %v", m["coverage"])
	}
	// Empty breakdowns are [] not null, so consumers can always iterate.
	for _, k := range []string{"brands_by_year", "honors_by_year", "honors_per_unit", "per_unit"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %v, want []", k, m[k])
		}
	}
	for _, c := range f.Charts() {
		parseSVG(t, c)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{FormatInt(0), "0"},
		{FormatInt(999), "999"},
		{FormatInt(1000), "1,000"},
		{FormatInt(1580000), "1,580,000"},
		{FormatInt(-1234567), "-1,234,567"},
		{FormatWan(1583000), "158.3万"},
		{FormatWan(10000), "1.0万"},
		{FormatWan(123456789), "12,345.7万"},
		{FormatWan(9800), "9,800"},
		{FormatWan(9800.5), "9,800.50"},
		{FormatWan(0), "0"},
		{FormatPercent(0.95), "95.0%"},
		{FormatPercent(0.75), "75.0%"},
		{FormatPercent(2.0 / 3), "66.7%"},
		{FormatPercent(0), "0.0%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
