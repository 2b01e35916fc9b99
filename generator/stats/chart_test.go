package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dangjian/generator/content"
)

// parseSVG checks a chart is well-formed XML with an <svg> root that has
// role="img", a viewBox, width 100%, and <title>/<desc> as its first
// children, and that it names no external resource.
func parseSVG(t *testing.T, c Chart) {
	t.Helper()
	if c.SVG == "" {
		return
	}
	d := xml.NewDecoder(strings.NewReader(string(c.SVG)))
	d.Strict = true
	depth := 0
	var title, desc string
	var cur string
	seenRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v\n%s", c.ID, err, c.SVG)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if seenRoot || tk.Name.Local != "svg" {
					t.Fatalf("%s: root %q", c.ID, tk.Name.Local)
				}
				seenRoot = true
				attrs := map[string]string{}
				for _, a := range tk.Attr {
					attrs[a.Name.Local] = a.Value
				}
				if attrs["role"] != "img" || attrs["width"] != "100%" || !strings.HasPrefix(attrs["viewBox"], "0 0 300 ") {
					t.Errorf("%s: root attributes %v", c.ID, attrs)
				}
				if _, ok := attrs["height"]; ok {
					t.Errorf("%s: a fixed height stops the chart scaling", c.ID)
				}
			}
			for _, a := range tk.Attr {
				if a.Name.Local == "xmlns" {
					continue
				}
				if strings.Contains(a.Value, "http:") || strings.Contains(a.Value, "https:") || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("%s: external or scripted attribute %v", c.ID, a)
				}
			}
			if depth == 1 {
				cur = tk.Name.Local
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == 1 {
				cur = ""
			}
		case xml.CharData:
			switch cur {
			case "title":
				title += string(tk)
			case "desc":
				desc += string(tk)
			}
		}
	}
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				return -1
			}
			return r
		}, s)
	}
	if title != clean(c.Title) || desc != clean(c.Desc) || title == "" || desc == "" {
		t.Errorf("%s: title %q desc %q, want %q %q", c.ID, title, desc, c.Title, c.Desc)
	}
}

func TestChartsWellFormed(t *testing.T) {
	f := Compute(content.Published(fixture(), false))
	charts := f.Charts()
	ids := map[string]bool{}
	withSVG := 0
	for _, c := range charts {
		if ids[c.ID] {
			t.Errorf("duplicate chart id %s", c.ID)
		}
		ids[c.ID] = true
		if c.SVG != "" {
			withSVG++
		}
		parseSVG(t, c)
		if len(c.Table.Columns) == 0 {
			t.Errorf("%s: no table", c.ID)
		}
		for _, r := range c.Table.Rows {
			if len(r.Cells) != len(c.Table.Columns)-1 {
				t.Errorf("%s: row %q has %d cells for %d columns", c.ID, r.Label, len(r.Cells), len(c.Table.Columns))
			}
		}
	}
	// The charts the issue asks for.
	for _, id := range []string{"honors-by-year", "brands-by-status", "model-sites-by-level", "honors-per-unit", "members-per-unit", "coverage"} {
		if !ids[id] {
			t.Errorf("missing chart %s", id)
		}
	}
	if withSVG < 6 {
		t.Errorf("only %d charts drawn", withSVG)
	}
}

// A unit named with markup or XML-hostile characters must not break the SVG.
func TestChartEscapes(t *testing.T) {
	pages := []*content.Page{unitPage("x", `<script>&"'`+"\x01"+`医院`, "", 3, 1, false)}
	f := Compute(pages)
	for _, c := range f.Charts() {
		parseSVG(t, c)
		if strings.Contains(string(c.SVG), "<script>") {
			t.Errorf("%s: label not escaped", c.ID)
		}
	}
}

var numRe = regexp.MustCompile(`-?[\d,]+(\.\d+)?`)

// textValue reads a formatted number back ("1,580,000", "156.8万", "75.0%").
func textValue(s string) float64 {
	m := numRe.FindString(s)
	v, _ := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
	switch {
	case strings.HasSuffix(s, "万"):
		v *= 10000
	}
	return v
}

// The tables hold the numbers of stats.json: checked against the decoded
// JSON (not the Go struct), by chart.
func TestTablesMatchJSON(t *testing.T) {
	f := Compute(content.Published(fixture(), false))
	b, _ := f.JSON()
	var j Figures
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	byID := map[string]Chart{}
	for _, c := range f.Charts() {
		byID[c.ID] = c
		// What the reader sees must say what Value holds.
		for _, r := range append(c.Table.Rows, derefRow(c.Table.Foot)...) {
			for k, cell := range r.Cells {
				tol := 0.0
				if strings.HasSuffix(cell.Text, "万") {
					tol = 500 // 0.05万, the rounding of one decimal
				}
				got := textValue(cell.Text)
				// A column headed （万元） holds numbers of 万元; its cells
				// never repeat the unit, and a （元） column never says 万.
				col := c.Table.Columns[k+1]
				if strings.Contains(col, "（万元）") {
					got, tol = got*10000, 500
				}
				if strings.Contains(col, "（元）") && strings.Contains(cell.Text, "万") || strings.Contains(col, "（万元）") && strings.Contains(cell.Text, "万") {
					t.Errorf("%s %s: column %q, cell %q: the unit of the head and the cell differ", c.ID, r.Label, col, cell.Text)
				}
				if math.Abs(got-cell.Value) > tol {
					t.Errorf("%s %s: text %q shows %v, value %v", c.ID, r.Label, cell.Text, got, cell.Value)
				}
			}
		}
	}
	counts := func(id string, want []Count) {
		t.Helper()
		c := byID[id]
		if len(c.Table.Rows) != len(want) {
			t.Fatalf("%s: %d rows, want %d", id, len(c.Table.Rows), len(want))
		}
		sum := 0
		for i, w := range want {
			r := c.Table.Rows[i]
			if r.Label != w.Label || r.Cells[0].Value != float64(w.Value) {
				t.Errorf("%s row %d: %s %v, want %s %d", id, i, r.Label, r.Cells[0].Value, w.Label, w.Value)
			}
			sum += w.Value
		}
		if c.Table.Foot.Cells[0].Value != float64(sum) {
			t.Errorf("%s: total %v, want %d", id, c.Table.Foot.Cells[0].Value, sum)
		}
	}
	counts("brands-by-status", j.BrandsByStatus)
	counts("brands-by-year", j.BrandsByYear)
	counts("model-sites-by-level", j.ModelSitesByLevel)
	counts("model-sites-by-year", j.ModelSitesByYear)
	counts("honors-by-level", j.HonorsByLevel)
	counts("honors-by-type", j.HonorsByType)

	hy := byID["honors-by-year"]
	for i, y := range j.HonorsByYear {
		r := hy.Table.Rows[i]
		for k, l := range y.ByLevel {
			if r.Cells[k].Value != float64(l.Value) || hy.Table.Columns[k+1] != l.Label {
				t.Errorf("honors-by-year %s %s: %v, want %d", y.Label, l.Label, r.Cells[k].Value, l.Value)
			}
		}
		if r.Cells[len(r.Cells)-1].Value != float64(y.Value) {
			t.Errorf("honors-by-year %s total %v, want %d", y.Label, r.Cells[len(r.Cells)-1].Value, y.Value)
		}
	}
	if last := hy.Table.Foot.Cells[len(hy.Table.Foot.Cells)-1].Value; last != float64(j.Honors) {
		t.Errorf("honors total %v, want %d", last, j.Honors)
	}

	top := byID["honors-per-unit"]
	for i, u := range j.HonorsPerUnit {
		if r := top.Table.Rows[i]; r.Label != u.Title || r.URL != u.URL || r.Cells[0].Value != float64(u.Value) {
			t.Errorf("leaderboard row %d: %+v, want %+v", i, r, u)
		}
	}
	mem := byID["members-per-unit"]
	for i, u := range j.MembersPerUnit {
		if r := mem.Table.Rows[i]; r.Label != u.Title || r.Cells[0].Value != float64(u.Value) {
			t.Errorf("members row %d: %+v, want %+v", i, r, u)
		}
	}
	if ft := mem.Table.Foot.Cells; ft[0].Value != float64(j.Members) || ft[1].Value != float64(j.Branches) {
		t.Errorf("members foot %+v, want %d %d", ft, j.Members, j.Branches)
	}
	cov := byID["coverage"].Table.Rows
	if cov[0].Cells[0].Value != float64(j.Coverage.UnitsWithBrands) || cov[1].Cells[0].Value != float64(j.Coverage.Units) || cov[2].Cells[0].Value != j.Coverage.Percent || cov[2].Cells[0].Text != "75.0%" {
		t.Errorf("coverage table %+v, want %+v", cov, j.Coverage)
	}
	res := byID["brand-results"].Table.Foot.Cells
	if res[0].Value != float64(j.Brands) || res[1].Value != float64(j.Activities) || res[2].Value != float64(j.Beneficiaries) || res[3].Value != j.Investment || res[3].Text != "156.8" {
		t.Errorf("results foot %+v", res)
	}
	// The chart draws the same numbers as its table: every bar's number.
	for _, r := range byID["brands-by-status"].Table.Rows {
		if !strings.Contains(string(byID["brands-by-status"].SVG), "<title>"+r.Label+"："+r.Cells[0].Text+"</title>") {
			t.Errorf("brands-by-status SVG lacks %s %s", r.Label, r.Cells[0].Text)
		}
	}
}

func derefRow(r *TableRow) []TableRow {
	if r == nil {
		return nil
	}
	return []TableRow{*r}
}

func TestCSVRoundTrip(t *testing.T) {
	f := Compute(content.Published(fixture(), false))
	b := f.CSV()
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", b[:3])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "group,key,label,value" {
		t.Fatalf("header %v", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		id := r[0] + "|" + r[1]
		if _, dup := got[id]; dup {
			t.Errorf("duplicate row %s", id)
		}
		got[id] = r[3]
	}
	// Every figure of stats.json, walked generically, has its row.
	var j map[string]any
	bj, _ := f.JSON()
	_ = json.Unmarshal(bj, &j)
	want := map[string]string{}
	num := func(v any) string { return strconv.FormatFloat(v.(float64), 'f', -1, 64) }
	for k, v := range j {
		switch v := v.(type) {
		case float64:
			want["totals|"+k] = num(v)
		case map[string]any: // coverage
			for kk, vv := range v {
				want[k+"|"+kk] = num(vv)
			}
		case []any:
			for _, e := range v {
				e := e.(map[string]any)
				switch {
				case k == "per_unit":
					slug := e["slug"].(string)
					for kk, vv := range e {
						switch vv := vv.(type) {
						case float64:
							want["per_unit|"+slug+"."+kk] = num(vv)
						case []any:
							for _, l := range vv {
								l := l.(map[string]any)
								want["per_unit|"+slug+"."+kk+"."+l["key"].(string)] = num(l["value"])
							}
						}
					}
				case e["slug"] != nil:
					want[k+"|"+e["slug"].(string)] = num(e["value"])
				default:
					want[k+"|"+e["key"].(string)] = num(e["value"])
					if bl, ok := e["by_level"].([]any); ok {
						for _, l := range bl {
							l := l.(map[string]any)
							want["honors_by_year_level|"+e["key"].(string)+"/"+l["key"].(string)] = num(l["value"])
						}
					}
				}
			}
		}
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("CSV %s = %q, want %q", id, got[id], w)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("CSV row %s is not in stats.json", id)
		}
	}
	if got["brands_by_status|已验收"] != "2" || got["totals|investment"] != "1567800" {
		t.Errorf("spot check: %q %q", got["brands_by_status|已验收"], got["totals|investment"])
	}
}

func TestKeyFigures(t *testing.T) {
	f := Compute(content.Published(fixture(), false))
	got := map[string]string{}
	for _, k := range f.KeyFigures() {
		got[k.Key] = k.Value + k.Unit
	}
	want := map[string]string{
		"units": "4家", "members": "777人", "branches": "38个", "brands": "4个",
		"coverage": "75.0%", "model_sites": "3个", "honors": "6项",
		"activities": "195次", "beneficiaries": "22,700人次", "investment": "156.8万元",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
}

// The headline totals say how many units gave no figure, so that a sum over
// some units does not read as the whole system's.
func TestKeyFiguresSayUnitsWithoutFigures(t *testing.T) {
	pages := content.Published(fixture(), false)
	for _, p := range pages {
		if p.Unit != nil && p.Slug == "donghu" {
			p.Unit.MembersUnset, p.Unit.Members = true, 0
		}
	}
	labels := map[string]string{}
	for _, k := range Compute(pages).KeyFigures() {
		labels[k.Key] = k.Label
	}
	if labels["members"] != "党员（1 家单位未填写）" || labels["branches"] != "党支部" {
		t.Errorf("labels: members %q, branches %q", labels["members"], labels["branches"])
	}
}

// relLum and contrast follow WCAG 2.x.
func relLum(hex string) float64 {
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

func contrast(a, b string) float64 {
	la, lb := relLum(a), relLum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestPaletteContrast(t *testing.T) {
	// Text (labels, numbers, legend) needs 4.5:1 on white and on the track.
	for _, c := range []string{colText, colDarkRed} {
		for _, bg := range []string{"#ffffff", colTrack} {
			if r := contrast(c, bg); r < 4.5 {
				t.Errorf("text %s on %s: %.2f", c, bg, r)
			}
		}
	}
	// Bars need 3:1 against the track they sit on.
	for _, c := range []string{colRed, colDarkRed, colOrange, colGold, colBronze, colGrey} {
		if r := contrast(c, colTrack); r < 3 {
			t.Errorf("bar %s on track: %.2f", c, r)
		}
	}
}
