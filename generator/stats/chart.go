package stats

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Chart is one figure of /stats/: an SVG drawn at build time and the table
// behind it, which is also the chart's accessible alternative. SVG is empty
// for a figure that is only a table.
type Chart struct {
	ID    string // unique on the page; also the SVG's id prefix and an anchor
	Title string
	Desc  string // one sentence a screen reader (and the SVG's <desc>) reads
	SVG   template.HTML
	Table Table

	draw *drawing // for LargerSVGs
}

// Table is the data behind a chart. Rows are in the chart's order.
type Table struct {
	Caption string
	Columns []string // the first names the row-label column
	Rows    []TableRow
	Foot    *TableRow // totals, when they make sense
}

// TableRow is one line: a label (a link when URL is set) and its numbers.
type TableRow struct {
	Label string
	URL   string // site-relative, e.g. a unit profile
	Cells []Cell
}

// Cell is one number: Text as shown, Value as in stats.json.
type Cell struct {
	Text  string
	Value float64
}

// Group is one <section> of /stats/.
type Group struct {
	ID     string
	Title  string
	Charts []Chart
}

// The party palette. Bars need 3:1 against white (WCAG 1.4.11), text 4.5:1;
// every colour here is checked in chart_test.go.
const (
	colRed     = "#c8102e" // 5.9:1
	colDarkRed = "#8b0000" // 10.0:1
	colOrange  = "#c0461b" // 5.1:1
	colGold    = "#9a6a00" // 4.7:1
	colBronze  = "#6e5a2e" // 6.6:1
	colGrey    = "#767676" // 4.5:1
	colText    = "#1f1f1f"
	colTrack   = "#f6eee4"
)

var levelColours = map[string]string{
	"国家级":   colDarkRed,
	"省级":    colRed,
	"市级":    colOrange,
	"县级":    colGold,
	Unknown: colGrey,
}

func levelColour(level string) string {
	if c, ok := levelColours[level]; ok {
		return c
	}
	return colBronze
}

// Geometry of every chart, in viewBox units. The viewBox is narrow (300)
// because on a 375 px phone the chart gets about 290 px: drawn at about its
// own size, the 15-unit labels stay near 14 px for older readers. On a
// desktop stats.css caps the width, so they do not grow past about 20 px.
const (
	chartW    = 300
	pad       = 6
	fontSize  = 15
	rowH      = 48
	barH      = 18
	valueW    = 66 // room right of the longest bar for its number
	legendH   = 24
	fontStack = "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
)

type series struct{ name, colour string }

type bar struct {
	label string
	parts []float64 // one per series
	text  string    // the number printed after the bar
}

// textWidth estimates how wide a label is drawn: CJK ideographs are one em,
// Latin letters and digits a little over half.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.6 * size
		} else {
			w += size
		}
	}
	return w
}

func truncate(s string, max float64) string {
	if textWidth(s, fontSize) <= max {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && textWidth(string(rs)+"…", fontSize) > max {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			// Drop what XML cannot carry, rather than emit an SVG a
			// browser refuses to draw.
			if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != utf8.RuneError && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF)) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// barChart draws horizontal bars, each label on its own line above its bar:
// long Chinese unit names then get the full width instead of squeezing the
// bars on a phone. With more than one series the bars are stacked and a
// legend heads the chart.
//
// It is drawn three times, once for each text size of the reading tools
// (标准, 大, 特大; stats.css shows the one that matches html.fs1/fs2): the
// larger sizes are drawn narrower, so that at the same width on screen
// their labels and figures come out 1.15 and 1.3 times as large.
func barChart(id, title, desc string, ser []series, bars []bar) template.HTML {
	return drawBars(id, title, desc, ser, bars, chartW, "fs0")
}

// drawing is what a chart was drawn from, to draw it again at other sizes.
type drawing struct {
	ser  []series
	bars []bar
}

// LargerSVGs are the chart drawn for the 大 and 特大 text sizes ("" for a
// chart without a drawing).
func (c Chart) LargerSVGs() template.HTML {
	if c.draw == nil {
		return ""
	}
	d := c.draw
	return drawBars(c.ID+"-fs1", c.Title, c.Desc, d.ser, d.bars, chartW*100/115, "fs1") +
		drawBars(c.ID+"-fs2", c.Title, c.Desc, d.ser, d.bars, chartW*10/13, "fs2")
}

// drawBars is one drawing of barChart, w units wide.
func drawBars(id, title, desc string, ser []series, bars []bar, w int, variant string) template.HTML {
	chartW := w
	var b strings.Builder
	top := float64(pad)
	legend := ""
	if len(ser) > 1 {
		var lg strings.Builder
		x, y := float64(pad), top
		for _, s := range ser {
			w := 14 + 5 + textWidth(s.name, fontSize) + 14
			if x+w > float64(chartW-pad) && x > pad {
				x, y = pad, y+legendH
			}
			fmt.Fprintf(&lg, `<rect x="%s" y="%s" width="14" height="14" fill="%s"/><text x="%s" y="%s">%s</text>`,
				num(x), num(y+2), s.colour, num(x+19), num(y+14.5), esc(s.name))
			x += w
		}
		legend = lg.String()
		top = y + legendH + 4
	}
	h := top + float64(len(bars))*rowH + pad
	if len(bars) == 0 {
		h = top + 40
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %s" width="100%%" role="img" aria-labelledby="%s-title %s-desc" class="chart-svg chart-%s" font-family="%s" font-size="%d" fill="%s">`,
		chartW, num(h), esc(id), esc(id), variant, esc(fontStack), fontSize, colText)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	b.WriteString(legend)
	if len(bars) == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%s" text-anchor="middle" fill="%s">暂无数据</text></svg>`, chartW/2, num(top+24), colGrey)
		return template.HTML(b.String())
	}
	max := 0.0
	for _, br := range bars {
		t := 0.0
		for _, p := range br.parts {
			t += math.Max(p, 0)
		}
		max = math.Max(max, t)
	}
	area := float64(chartW - 2*pad - valueW)
	for i, br := range bars {
		y := top + float64(i)*rowH
		by := y + 23
		b.WriteString(`<g>`)
		fmt.Fprintf(&b, `<title>%s：%s</title>`, esc(br.label), esc(br.text))
		fmt.Fprintf(&b, `<text x="%d" y="%s">%s</text>`, pad, num(y+16), esc(truncate(br.label, float64(chartW-2*pad))))
		fmt.Fprintf(&b, `<rect x="%d" y="%s" width="%s" height="%d" fill="%s"/>`, pad, num(by), num(area), barH, colTrack)
		x := float64(pad)
		for j, p := range br.parts {
			if p <= 0 || max == 0 {
				continue
			}
			w := p / max * area
			c := colRed
			if j < len(ser) {
				c = ser[j].colour
			}
			// A white seam keeps stacked segments apart for readers who
			// cannot tell the reds from each other.
			seam := ""
			if len(ser) > 1 {
				seam = ` stroke="#fff" stroke-width="1"`
			}
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%d" fill="%s"%s/>`, num(x), num(by), num(math.Max(w, 1)), barH, c, seam)
			x += w
		}
		// The number goes after the bar (not after the track) so the eye
		// reads it with the bar; the track leaves it room at the longest.
		fmt.Fprintf(&b, `<text x="%s" y="%s" fill="%s" font-weight="bold">%s</text>`, num(x+6), num(by+barH-4), colDarkRed, esc(br.text))
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func singleSeries() []series { return []series{{"", colRed}} }

func countBars(cs []Count) []bar {
	var bars []bar
	for _, c := range cs {
		bars = append(bars, bar{c.Label, []float64{float64(c.Value)}, FormatInt(c.Value)})
	}
	return bars
}

func countTable(caption, labelCol, valueCol string, cs []Count) Table {
	t := Table{Caption: caption, Columns: []string{labelCol, valueCol}}
	total := 0
	for _, c := range cs {
		t.Rows = append(t.Rows, TableRow{Label: c.Label, Cells: []Cell{intCell(c.Value)}})
		total += c.Value
	}
	t.Foot = &TableRow{Label: "合计", Cells: []Cell{intCell(total)}}
	return t
}

func intCell(n int) Cell { return Cell{FormatInt(n), float64(n)} }

// describe lists a breakdown in a sentence: "创建中 3 个，已验收 5 个".
func describe(cs []Count, unit string) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Label+" "+FormatInt(c.Value)+" "+unit)
	}
	if len(parts) == 0 {
		return "暂无数据"
	}
	return strings.Join(parts, "，")
}

func countChart(id, title, caption, labelCol, unit string, total int, cs []Count) Chart {
	desc := fmt.Sprintf("%s：共 %s %s，其中%s。", title, FormatInt(total), unit, describe(cs, unit))
	if total == 0 {
		desc = title + "：暂无数据。"
	}
	return Chart{
		ID:    id,
		Title: title,
		Desc:  desc,
		SVG:   barChart(id, title, desc, singleSeries(), countBars(cs)), draw: &drawing{singleSeries(), countBars(cs)},
		Table: countTable(caption, labelCol, "数量（"+unit+"）", cs),
	}
}

// topUnits is how many units the honors chart shows; the table lists all.
const topUnits = 10

// Groups are the sections of /stats/, each with its charts and tables.
func (f *Figures) Groups() []Group {
	if f == nil {
		return nil
	}
	return []Group{
		{ID: "units", Title: "单位与党员", Charts: []Chart{f.membersChart()}},
		{ID: "brands", Title: "党建品牌", Charts: []Chart{
			countChart("brands-by-status", "党建品牌创建状态", "各创建状态的党建品牌数", "状态", "个", f.Brands, f.BrandsByStatus),
			countChart("brands-by-year", "党建品牌创建年份", "各年份创建的党建品牌数", "年份", "个", f.Brands, f.BrandsByYear),
			f.coverageChart(),
		}},
		{ID: "results", Title: "品牌成效", Charts: []Chart{f.resultsTable()}},
		{ID: "models", Title: "示范点", Charts: []Chart{
			countChart("model-sites-by-level", "示范点级别", "各级别示范点数", "级别", "个", f.ModelSites, f.ModelSitesByLevel),
			countChart("model-sites-by-year", "示范点命名年份", "各年份命名的示范点数", "年份", "个", f.ModelSites, f.ModelSitesByYear),
		}},
		{ID: "honors", Title: "荣誉", Charts: []Chart{
			f.honorsByYearChart(),
			countChart("honors-by-level", "荣誉级别", "各级别荣誉数", "级别", "项", f.Honors, f.HonorsByLevel),
			countChart("honors-by-type", "荣誉类型", "集体荣誉与个人荣誉数", "类型", "项", f.Honors, f.HonorsByType),
			f.topUnitsChart(),
		}},
	}
}

// Charts lists every chart of every group, in page order.
func (f *Figures) Charts() []Chart {
	var out []Chart
	for _, g := range f.Groups() {
		out = append(out, g.Charts...)
	}
	return out
}

func (f *Figures) membersChart() Chart {
	const id, title = "members-per-unit", "各单位党员人数"
	var bars []bar
	unset := 0
	t := Table{Caption: "各单位党员与党支部数", Columns: []string{"单位", "党员（人）", "党支部（个）"}}
	for _, u := range f.MembersPerUnit {
		uf := f.Unit(u.Slug)
		members, branches := intCell(u.Value), intCell(0)
		if uf != nil {
			branches = intCell(uf.Branches)
			// A unit that did not give a figure is not a unit with 0.
			if uf.MembersUnset {
				members, unset = Cell{Text: Unknown}, unset+1
			}
			if uf.BranchesUnset {
				branches = Cell{Text: Unknown}
			}
		}
		bars = append(bars, bar{u.Title, []float64{float64(u.Value)}, members.Text})
		t.Rows = append(t.Rows, TableRow{Label: u.Title, URL: u.URL, Cells: []Cell{members, branches}})
	}
	t.Foot = &TableRow{Label: "合计", Cells: []Cell{intCell(f.Members), intCell(f.Branches)}}
	desc := fmt.Sprintf("%s家单位共有党员 %s 人、党支部 %s 个。", FormatInt(f.Units), FormatInt(f.Members), FormatInt(f.Branches))
	if unset > 0 {
		desc = fmt.Sprintf("%s家单位中有 %s 家未填写党员人数，其余单位共有党员 %s 人、党支部 %s 个。", FormatInt(f.Units), FormatInt(unset), FormatInt(f.Members), FormatInt(f.Branches))
	}
	if len(f.MembersPerUnit) > 0 {
		top := f.MembersPerUnit[0]
		desc += fmt.Sprintf("党员最多的是%s（%s 人）。", top.Title, FormatInt(top.Value))
	}
	return Chart{ID: id, Title: title, Desc: desc, SVG: barChart(id, title, desc, singleSeries(), bars), draw: &drawing{singleSeries(), bars}, Table: t}
}

func (f *Figures) coverageChart() Chart {
	const id, title = "coverage", "党建品牌覆盖率"
	c := f.Coverage
	pct := FormatPercent(c.Ratio)
	desc := fmt.Sprintf("%s家单位中有 %s 家创建了党建品牌，覆盖率 %s。", FormatInt(c.Units), FormatInt(c.UnitsWithBrands), pct)
	ser := []series{{"已有品牌", colRed}, {"尚无品牌", colGrey}}
	var bars []bar
	if c.Units > 0 {
		bars = []bar{{
			label: fmt.Sprintf("覆盖 %s / %s 家单位", FormatInt(c.UnitsWithBrands), FormatInt(c.Units)),
			parts: []float64{float64(c.UnitsWithBrands), float64(c.Units - c.UnitsWithBrands)},
			text:  pct,
		}}
	}
	t := Table{Caption: "党建品牌覆盖情况", Columns: []string{"项目", "数值"}, Rows: []TableRow{
		{Label: "有党建品牌的单位（家）", Cells: []Cell{intCell(c.UnitsWithBrands)}},
		{Label: "单位总数（家）", Cells: []Cell{intCell(c.Units)}},
		{Label: "覆盖率", Cells: []Cell{{pct, c.Percent}}},
	}}
	return Chart{ID: id, Title: title, Desc: desc, SVG: barChart(id, title, desc, ser, bars), draw: &drawing{ser, bars}, Table: t}
}

func (f *Figures) resultsTable() Chart {
	t := Table{Caption: "党建品牌成效（按单位）", Columns: []string{"单位", "党建品牌（个）", "开展活动（次）", "服务群众（人次）", "投入经费（万元）"}}
	for _, u := range f.PerUnit {
		if u.Brands == 0 {
			continue
		}
		t.Rows = append(t.Rows, TableRow{Label: u.Title, URL: u.URL, Cells: []Cell{
			intCell(u.Brands), intCell(u.Activities), intCell(u.Beneficiaries), {inWan(u.Investment), u.Investment},
		}})
	}
	t.Foot = &TableRow{Label: "合计", Cells: []Cell{
		intCell(f.Brands), intCell(f.Activities), intCell(f.Beneficiaries), {inWan(f.Investment), f.Investment},
	}}
	desc := fmt.Sprintf("%s个党建品牌共开展活动 %s 次，服务群众 %s 人次，投入经费 %s元。",
		FormatInt(f.Brands), FormatInt(f.Activities), FormatInt(f.Beneficiaries), FormatWan(f.Investment))
	return Chart{ID: "brand-results", Title: "党建品牌成效", Desc: desc, Table: t}
}

func (f *Figures) honorsByYearChart() Chart {
	const id, title = "honors-by-year", "各年度荣誉（按级别）"
	var ser []series
	cols := []string{"年份"}
	if len(f.HonorsByYear) > 0 {
		for _, l := range f.HonorsByYear[0].ByLevel {
			ser = append(ser, series{l.Label, levelColour(l.Key)})
			cols = append(cols, l.Label)
		}
	}
	cols = append(cols, "合计")
	t := Table{Caption: "各年度各级别荣誉数（项）", Columns: cols}
	var bars []bar
	totals := make([]int, len(ser))
	for _, y := range f.HonorsByYear {
		var parts []float64
		var cells []Cell
		for i, l := range y.ByLevel {
			parts = append(parts, float64(l.Value))
			cells = append(cells, intCell(l.Value))
			if i < len(totals) {
				totals[i] += l.Value
			}
		}
		cells = append(cells, intCell(y.Value))
		bars = append(bars, bar{y.Label, parts, FormatInt(y.Value)})
		t.Rows = append(t.Rows, TableRow{Label: y.Label, Cells: cells})
	}
	foot := &TableRow{Label: "合计"}
	for _, n := range totals {
		foot.Cells = append(foot.Cells, intCell(n))
	}
	foot.Cells = append(foot.Cells, intCell(f.Honors))
	t.Foot = foot
	var years []string
	for _, y := range f.HonorsByYear {
		years = append(years, y.Label+" "+FormatInt(y.Value)+" 项")
	}
	desc := fmt.Sprintf("共获荣誉 %s 项", FormatInt(f.Honors))
	if len(years) > 0 {
		desc += "：" + strings.Join(years, "，")
	}
	desc += "。各级别：" + describe(f.HonorsByLevel, "项") + "。"
	return Chart{ID: id, Title: title, Desc: desc, SVG: barChart(id, title, desc, ser, bars), draw: &drawing{ser, bars}, Table: t}
}

func (f *Figures) topUnitsChart() Chart {
	const id, title = "honors-per-unit", "荣誉最多的单位（前10名）"
	var bars []bar
	t := Table{Caption: "各单位荣誉数（全部，按数量排序）", Columns: []string{"单位", "荣誉（项）"}}
	for i, u := range f.HonorsPerUnit {
		if i < topUnits {
			bars = append(bars, bar{u.Title, []float64{float64(u.Value)}, FormatInt(u.Value)})
		}
		t.Rows = append(t.Rows, TableRow{Label: u.Title, URL: u.URL, Cells: []Cell{intCell(u.Value)}})
	}
	desc := "暂无单位获得荣誉。"
	if len(f.HonorsPerUnit) > 0 {
		var parts []string
		for i, u := range f.HonorsPerUnit {
			if i == 3 {
				break
			}
			parts = append(parts, u.Title+" "+FormatInt(u.Value)+" 项")
		}
		desc = fmt.Sprintf("%s家单位获得荣誉，最多的是%s。", FormatInt(len(f.HonorsPerUnit)), strings.Join(parts, "，"))
	}
	return Chart{ID: id, Title: title, Desc: desc, SVG: barChart(id, title, desc, singleSeries(), bars), draw: &drawing{singleSeries(), bars}, Table: t}
}
