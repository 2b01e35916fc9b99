package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Front matter, written by hand: keys in the order PORTAL.md lists them.

func (w *writer) key(k string) {
	w.str(k)
	w.str(" = ")
}

func (w *writer) quoted(s string) {
	w.str(`"`)
	if strings.ContainsAny(s, `"\`) {
		s = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
	}
	w.str(s)
	w.str(`"`)
}

func (w *writer) kvStr(k, v string) {
	w.key(k)
	w.quoted(v)
	w.str("\n")
}

func (w *writer) kvInt(k string, v int) {
	w.key(k)
	w.int(v)
	w.str("\n")
}

func (w *writer) kvDate(k string, t time.Time) {
	w.key(k)
	w.buf = t.AppendFormat(w.buf, time.DateOnly)
	w.str("\n")
}

func (w *writer) kvStrs(k string, vs []string) {
	w.key(k)
	w.str("[")
	for i, v := range vs {
		if i > 0 {
			w.str(", ")
		}
		w.quoted(v)
	}
	w.str("]\n")
}

// draft marks about 2% of pages as drafts.
func (w *writer) draft() {
	if w.r.IntN(50) == 0 {
		w.str("draft = true\n")
	}
}

func (w *writer) tags() {
	pool := tagPool
	if w.trap {
		pool = tagsSafe
	}
	n := 1 + w.r.IntN(3)
	tags := make([]string, 0, n)
	for len(tags) < n {
		t := pick(w.r, pool)
		if !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	w.kvStrs("tags", tags)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Dates spread over 2015–2025.
const firstYear, lastYear = 2015, 2025

func (w *writer) yearIn() int { return firstYear + w.r.IntN(lastYear-firstYear+1) }

// dayIn returns a day of the year.
func (w *writer) dayIn(year int) time.Time {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(start.AddDate(1, 0, 0).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, w.r.IntN(days))
}

// reset starts a page about u. One page in five may speak of 示范点 in its
// sentences (model sites always do, see modelPage), so that the phrase is
// moderately common rather than everywhere.
func (w *writer) reset(u *unit) {
	w.unit, w.year, w.brand, w.trap = u, w.yearIn(), "", false
	w.pool = sentenceSafeT
	if w.r.IntN(5) == 0 {
		w.pool = sentenceT
	}
}

func (w *writer) open() {
	w.buf = w.buf[:0]
	w.runes, w.mark = 0, 0
	w.str("+++\n")
}

func (w *writer) close() { w.str("+++\n\n") }

// target is the page length in runes: 2,240–3,040, front matter included.
// Pages overshoot a little, so they average about 2,700 runes (7.2 KB), of
// which about 2,300 are Chinese characters and punctuation.
func (w *writer) target() int { return 2240 + w.r.IntN(801) }

// ---- units ----

func (w *writer) unitPage(u *unit) {
	w.reset(u)
	w.open()
	w.kvStr("title", u.Name)
	w.kvStr("short", u.Short)
	w.kvStr("district", u.District)
	w.kvStr("category", u.Category)
	w.kvStr("party_org", u.PartyOrg)
	w.kvInt("members", u.Members)
	w.kvInt("branches", u.Branches)
	if u.Logo != "" {
		w.kvStr("logo", u.Logo)
	}
	w.close()
	w.body(func() {
		w.str(u.Name)
		w.str(u.PartyOrg)
		w.str("现有党员")
		w.int(u.Members)
		w.str("名，下设")
		w.int(u.Branches)
		w.str("个党支部。")
	}, func() {
		w.table([]string{"项目", "数据"}, [][]string{
			{"党组织", u.PartyOrg},
			{"党员人数", strconv.Itoa(u.Members)},
			{"党支部数", strconv.Itoa(u.Branches)},
			{"单位类别", u.Category},
		})
	}, w.target())
}

// ---- brands ----

// brandLogo returns a logo path: mostly one of the shared SVGs, about one
// brand in twenty a PNG.
func (w *writer) brandLogo() string {
	if w.r.IntN(20) == 0 {
		return fmt.Sprintf("images/brands/brand-p%d.png", 1+w.r.IntN(pngLogos))
	}
	return fmt.Sprintf("images/brands/brand-%02d.svg", 1+w.r.IntN(svgLogos))
}

var statuses = []string{"创建中", "已验收", "已验收", "已验收", "示范"}

func (w *writer) brandPage(u *unit) {
	w.reset(u)
	w.brand = brandName(w.r)
	members := 1 + w.r.IntN(u.Members)
	activities, beneficiaries := 5+w.r.IntN(200), 100+w.r.IntN(50000)
	investment := float64(w.r.IntN(2000000)) / 10
	w.open()
	w.kvStr("title", u.Short+"“"+w.brand+"”党建品牌")
	w.kvDate("date", w.dayIn(w.year))
	w.draft()
	w.tags()
	w.kvStr("unit", u.Slug)
	w.kvStr("slogan", pick(w.r, slogans))
	w.kvStr("logo", w.brandLogo())
	w.kvStr("status", pick(w.r, statuses))
	w.kvInt("year", w.year)
	w.kvInt("members_involved", members)
	w.kvInt("activities", activities)
	w.kvInt("beneficiaries", beneficiaries)
	w.key("investment")
	w.buf = strconv.AppendFloat(w.buf, investment, 'f', 2, 64)
	w.str("\n")
	w.close()
	w.body(func() {
		w.str(u.Name)
		w.str(u.PartyOrg)
		w.str("坚持以“抓党建、树品牌、促发展”的工作思路，倾力打造“")
		w.str(w.brand)
		w.str("”党建品牌。")
	}, func() {
		w.table([]string{"指标", "数值"}, [][]string{
			{"参与党员（人）", strconv.Itoa(members)},
			{"开展活动（次）", strconv.Itoa(activities)},
			{"受益群众（人次）", strconv.Itoa(beneficiaries)},
			{"投入经费（元）", strconv.FormatFloat(investment, 'f', 2, 64)},
		})
	}, w.target())
}

// ---- models ----

var levels = []string{"国家级", "省级", "省级", "市级", "市级", "市级", "县级", "县级", "县级"}

func (w *writer) modelPage(u *unit) {
	w.reset(u)
	w.pool = sentenceT
	awarded := w.dayIn(w.year)
	level := pick(w.r, levels)
	var std []string
	for _, s := range standards {
		if w.r.IntN(3) > 0 {
			std = append(std, s)
		}
	}
	if len(std) < 3 {
		std = standards[:3]
	}
	w.open()
	if w.r.IntN(2) == 0 {
		w.kvStr("title", u.Name+"党建示范点")
	} else {
		w.kvStr("title", u.Name+pick(w.r, departments)+"党支部“"+pick(w.r, carriers)+"”示范点")
	}
	w.kvDate("date", awarded)
	w.draft()
	w.tags()
	w.kvStr("unit", u.Slug)
	w.kvStr("level", level)
	w.kvDate("awarded", awarded)
	w.kvStrs("standards", std)
	w.kvStr("instructor", person(w.r))
	w.close()
	w.body(func() {
		w.int(w.year)
		w.str("年，")
		w.str(u.Name)
		w.str("被命名为")
		w.str(level)
		w.str("党建示范点。")
	}, func() {
		rows := make([][]string, len(std))
		for i, s := range std {
			rows[i] = []string{s, pick(w.r, leads), "达标"}
		}
		w.table([]string{"标准", "主要做法", "评估"}, rows)
	}, w.target())
}

// ---- honors ----

var granters = []struct{ Suffix, Level string }{
	{"市卫生健康委员会党组", "市级"},
	{"市直机关工委", "市级"},
	{"市委组织部", "市级"},
	{"卫生健康局党组", "县级"},
	{"委组织部", "县级"},
	{"省卫生健康委员会机关党委", "省级"},
}

// honorPage writes an honor list of 3–8 entries; each entry names a unit
// from units (all units, the list's own first).
func (w *writer) honorPage(u *unit, units []unit) {
	w.reset(u)
	g := pick(w.r, granters)
	grantedBy := g.Suffix
	switch g.Level {
	case "市级":
		grantedBy = u.City + "市" + strings.TrimPrefix(g.Suffix, "市")
	case "县级":
		grantedBy = u.District + g.Suffix
	}
	date := w.dayIn(w.year)
	type entry struct {
		name, recipient, typ, level string
		date                        time.Time
		unit                        *unit
	}
	entries := make([]entry, 3+w.r.IntN(6))
	for i := range entries {
		e := &entries[i]
		e.unit = u
		if i > 0 {
			e.unit = &units[w.r.IntN(len(units))]
		}
		h := pick(w.r, honorNames)
		e.name, e.typ, e.level, e.date = h.Name, "个人", g.Level, date
		if h.Collective {
			e.typ = "集体"
			e.recipient = e.unit.Name + pick(w.r, departments) + "党支部"
			if e.unit.PartyOrg != "党支部" && w.r.IntN(3) == 0 {
				e.recipient = e.unit.Name + e.unit.PartyOrg
			}
		} else {
			e.recipient = person(w.r)
		}
		if w.r.IntN(4) == 0 {
			e.date = w.dayIn(w.year)
		}
	}
	w.open()
	w.kvStr("title", fmt.Sprintf("%s关于表彰%d年度先进基层党组织和优秀共产党员的决定", grantedBy, w.year))
	w.kvDate("date", date)
	w.draft()
	w.tags()
	w.kvInt("year", w.year)
	w.kvStr("granted_by", grantedBy)
	w.kvStr("level", g.Level)
	for _, e := range entries {
		w.str("\n[[honors]]\n")
		w.kvStr("name", e.name)
		w.kvStr("recipient", e.recipient)
		w.kvStr("type", e.typ)
		w.kvStr("level", e.level)
		w.kvDate("date", e.date)
		w.kvStr("unit", e.unit.Slug)
	}
	w.close()
	w.body(func() {
		w.str("为表彰先进、树立典型，")
		w.str(grantedBy)
		w.str("决定对")
		w.int(w.year)
		w.str("年度表现突出的")
		w.int(len(entries))
		w.str("个集体和个人予以表彰。")
	}, func() {
		rows := make([][]string, len(entries))
		for i, e := range entries {
			rows[i] = []string{strconv.Itoa(i + 1), e.name, e.recipient, e.typ}
		}
		w.table([]string{"序号", "荣誉", "获得者", "类别"}, rows)
	}, w.target())
}

// ---- news ----

// newsPage writes a news item naming 1–3 units, the first being u. A trap
// page never contains 示范点.
func (w *writer) newsPage(u *unit, units []unit, trap bool) {
	w.reset(u)
	if trap {
		w.trap, w.pool = true, sentenceSafeT
	}
	day := w.dayIn(w.year)
	at := time.Date(day.Year(), day.Month(), day.Day(), 8+w.r.IntN(10), w.r.IntN(60), 0, 0, time.FixedZone("CST", 8*3600))
	slugs := []string{u.Slug}
	names := []string{u.Name}
	for range w.r.IntN(3) {
		o := &units[w.r.IntN(len(units))]
		if !contains(slugs, o.Slug) {
			slugs = append(slugs, o.Slug)
			names = append(names, o.Name)
		}
	}
	city := u.City
	w.open()
	w.str("title = \"")
	if trap {
		w.fill(pick(w.r, newsTitleSafeT))
	} else {
		w.fill(pick(w.r, newsTitleT))
	}
	w.str("\"\n")
	w.key("date")
	w.buf = at.AppendFormat(w.buf, time.RFC3339)
	w.str("\n")
	if !trap {
		w.draft()
	}
	w.tags()
	switch w.r.IntN(3) {
	case 0:
		w.kvStr("source", u.Name+"党委办公室")
	case 1:
		w.kvStr("source", u.District+"卫生健康局")
	default:
		w.kvStr("source", city+"卫生健康微信公众号")
	}
	if w.r.IntN(10) < 3 {
		abbr := string([]rune(city)[:1])
		w.kvStr("doc_number", fmt.Sprintf("%s卫党%s〔%d〕%d号", abbr, pick(w.r, []string{"发", "通", "函"}), w.year, 1+w.r.IntN(60)))
	}
	w.kvStr("index_number", fmt.Sprintf("114%05dMB%07d/%d-%05d", w.r.IntN(100000), w.r.IntN(10000000), w.year, 1+w.r.IntN(3000)))
	if w.r.IntN(2) == 0 {
		w.kvStr("publisher", city+"市卫生健康委员会")
	} else {
		w.kvStr("publisher", u.District+"卫生健康局")
	}
	w.kvStr("author", person(w.r))
	w.kvStrs("units", slugs)
	w.close()
	w.body(func() {
		w.int(int(at.Month()))
		w.str("月")
		w.int(at.Day())
		w.str("日，")
		w.str(strings.Join(names, "、"))
		w.str("组织党员干部开展党建工作交流活动。")
	}, func() {
		rows := make([][]string, len(names))
		for i, n := range names {
			rows[i] = []string{n, strconv.Itoa(2 + w.r.IntN(30)), strconv.Itoa(10 + w.r.IntN(300))}
		}
		w.table([]string{"单位", "开展活动（次）", "参与党员（人次）"}, rows)
	}, w.target())
}
