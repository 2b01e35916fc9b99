package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// JSON is stats.json: every figure under the keys documented in README.md,
// indented so that a diff between two years' files is readable.
func (f *Figures) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Row is one line of stats.csv.
type Row struct {
	Group, Key, Label, Value string
}

func itoa(n int) string { return strconv.Itoa(n) }

// Plain decimal, no separators: Excel must read the cell as a number.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Rows lists every figure once, in the order of stats.json.
func (f *Figures) Rows() []Row {
	var rows []Row
	add := func(group, key, label, value string) {
		rows = append(rows, Row{group, key, label, value})
	}
	counts := func(group string, cs []Count) {
		for _, c := range cs {
			add(group, c.Key, c.Label, itoa(c.Value))
		}
	}
	units := func(group string, us []UnitCount) {
		for _, u := range us {
			add(group, u.Slug, u.Title, itoa(u.Value))
		}
	}

	add("totals", "units", "单位", itoa(f.Units))
	add("totals", "members", "党员", itoa(f.Members))
	add("totals", "branches", "党支部", itoa(f.Branches))
	add("totals", "brands", "党建品牌", itoa(f.Brands))
	add("totals", "model_sites", "示范点", itoa(f.ModelSites))
	add("totals", "honor_lists", "荣誉榜", itoa(f.HonorLists))
	add("totals", "honors", "荣誉", itoa(f.Honors))
	add("totals", "activities", "开展活动（次）", itoa(f.Activities))
	add("totals", "beneficiaries", "服务群众（人次）", itoa(f.Beneficiaries))
	add("totals", "investment", "投入经费（元）", ftoa(f.Investment))
	add("totals", "news", "工作动态", itoa(f.News))

	add("coverage", "units_with_brands", "有党建品牌的单位", itoa(f.Coverage.UnitsWithBrands))
	add("coverage", "units", "单位总数", itoa(f.Coverage.Units))
	add("coverage", "ratio", "覆盖率（比值）", ftoa(f.Coverage.Ratio))
	add("coverage", "percent", "覆盖率（%）", ftoa(f.Coverage.Percent))

	counts("brands_by_status", f.BrandsByStatus)
	counts("brands_by_year", f.BrandsByYear)
	counts("model_sites_by_level", f.ModelSitesByLevel)
	counts("model_sites_by_year", f.ModelSitesByYear)
	counts("honors_by_level", f.HonorsByLevel)
	for _, y := range f.HonorsByYear {
		add("honors_by_year", y.Key, y.Label, itoa(y.Value))
	}
	for _, y := range f.HonorsByYear {
		for _, l := range y.ByLevel {
			add("honors_by_year_level", y.Key+"/"+l.Key, y.Label+" "+l.Label, itoa(l.Value))
		}
	}
	counts("honors_by_type", f.HonorsByType)
	units("honors_per_unit", f.HonorsPerUnit)
	units("members_per_unit", f.MembersPerUnit)

	for _, u := range f.PerUnit {
		field := func(key, label, value string) {
			add("per_unit", u.Slug+"."+key, u.Title+" "+label, value)
		}
		field("members", "党员", itoa(u.Members))
		field("branches", "党支部", itoa(u.Branches))
		field("brands", "党建品牌", itoa(u.Brands))
		field("model_sites", "示范点", itoa(u.ModelSites))
		field("honors", "荣誉", itoa(u.Honors))
		for _, l := range u.HonorsByLevel {
			field("honors_by_level."+l.Key, "荣誉 "+l.Label, itoa(l.Value))
		}
		field("news", "工作动态", itoa(u.News))
		field("activities", "开展活动（次）", itoa(u.Activities))
		field("beneficiaries", "服务群众（人次）", itoa(u.Beneficiaries))
		field("investment", "投入经费（元）", ftoa(u.Investment))
	}
	return rows
}

// CSV is stats.csv: UTF-8 with a byte-order mark, because Excel on Windows
// reads a CSV without one as the local ANSI code page and garbles Chinese.
// CRLF line ends are what Excel writes itself.
func (f *Figures) CSV() []byte {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"group", "key", "label", "value"})
	for _, r := range f.Rows() {
		_ = w.Write([]string{csvCell(r.Group), csvCell(r.Key), csvCell(r.Label), csvCell(r.Value)})
	}
	w.Flush()
	return buf.Bytes()
}

// csvCell keeps a spreadsheet from running a cell as a formula (OWASP,
// "CSV Injection"): a cell starting with =, +, -, @, a tab or a carriage
// return gets a leading ' — except a plain number such as -3 or +1.5, which
// stays a number. stats.json keeps the text as it is.
func csvCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber(s) {
		return s
	}
	return "'" + s
}

func plainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0:
			dot = true
		default:
			return false
		}
	}
	return digits > 0 && s[len(s)-1] != '.'
}

// KeyFigure is one big number of the band at the top of /stats/ and of the
// home page: Value is already formatted, Unit is printed beside it.
type KeyFigure struct {
	Key   string // the stats.json key it comes from
	Label string
	Value string
	Unit  string
}

// KeyFigures are the headline numbers, in reading order.
func (f *Figures) KeyFigures() []KeyFigure {
	inv, invUnit := wanParts(f.Investment)
	// A total that leaves out units which gave no figure says so, rather
	// than read as the whole system's.
	members, branches := "党员", "党支部"
	var noMembers, noBranches int
	for _, u := range f.PerUnit {
		if u.MembersUnset {
			noMembers++
		}
		if u.BranchesUnset {
			noBranches++
		}
	}
	if noMembers > 0 {
		members = fmt.Sprintf("党员（%d 家单位未填写）", noMembers)
	}
	if noBranches > 0 {
		branches = fmt.Sprintf("党支部（%d 家单位未填写）", noBranches)
	}
	return []KeyFigure{
		{"units", "单位", FormatInt(f.Units), "家"},
		{"members", members, FormatInt(f.Members), "人"},
		{"branches", branches, FormatInt(f.Branches), "个"},
		{"brands", "党建品牌", FormatInt(f.Brands), "个"},
		{"coverage", "品牌覆盖率", strconv.FormatFloat(f.Coverage.Ratio*100, 'f', 1, 64), "%"},
		{"model_sites", "示范点", FormatInt(f.ModelSites), "个"},
		{"honors", "荣誉", FormatInt(f.Honors), "项"},
		{"activities", "开展活动", FormatInt(f.Activities), "次"},
		{"beneficiaries", "服务群众", FormatInt(f.Beneficiaries), "人次"},
		{"investment", "投入经费", inv, invUnit},
	}
}
