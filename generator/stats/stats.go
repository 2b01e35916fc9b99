// Package stats derives the portal's figures (PORTAL.md, "Figures on
// /stats/") from the published pages: totals, breakdowns, the honors
// leaderboard and per-unit figures. The same Figures value feeds /stats/,
// /stats.json, /stats.csv, the home page's key figures and every unit
// profile, so the numbers can never disagree between pages.
//
// Every breakdown is an ordered slice, not a map, so that JSON, CSV, charts
// and tables come out in the same, stable order on every build.
package stats

import (
	"sort"
	"strconv"

	"dangjian/generator/content"
)

// Unknown is the key and label of pages that leave a field empty.
const Unknown = "未填写"

// The fixed orders of the enumerated fields (PORTAL.md). Known values are
// always listed, with 0 when absent, so a consumer of stats.json finds the
// same keys every year.
var (
	BrandStatuses = []string{"创建中", "已验收", "示范"}
	Levels        = []string{"国家级", "省级", "市级", "县级"}
	HonorTypes    = []string{"集体", "个人"}
)

// Count is one bar of a breakdown: Key is stable (for machines), Label is
// what a reader sees.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value int    `json:"value"`
}

// YearLevels is one year of honors, with its split by level (for the
// stacked chart).
type YearLevels struct {
	Key     string  `json:"key"`
	Label   string  `json:"label"`
	Value   int     `json:"value"`
	ByLevel []Count `json:"by_level"`
}

// UnitCount is one row of a per-unit ranking.
type UnitCount struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Value int    `json:"value"`
}

// Coverage is the share of units that run at least one brand.
type Coverage struct {
	UnitsWithBrands int     `json:"units_with_brands"`
	Units           int     `json:"units"`
	Ratio           float64 `json:"ratio"`   // 0 … 1; 0 when there are no units
	Percent         float64 `json:"percent"` // Ratio × 100 rounded to one decimal
}

// UnitFigures are one unit's own figures, for its profile page.
type UnitFigures struct {
	Slug          string  `json:"slug"`
	Title         string  `json:"title"`
	URL           string  `json:"url"`
	District      string  `json:"district"`
	Members       int     `json:"members"`
	Branches      int     `json:"branches"`
	Brands        int     `json:"brands"`
	ModelSites    int     `json:"model_sites"`
	Honors        int     `json:"honors"`
	HonorsByLevel []Count `json:"honors_by_level"`
	News          int     `json:"news"`
	Activities    int     `json:"activities"`
	Beneficiaries int     `json:"beneficiaries"`
	Investment    float64 `json:"investment"`
	// MembersUnset, BranchesUnset: the unit did not write the field; its 0
	// is shown as 未填写.
	MembersUnset  bool `json:"-"`
	BranchesUnset bool `json:"-"`
}

// Figures is every figure of the portal. The JSON keys are the contract of
// stats.json (documented in README.md next to this file).
type Figures struct {
	Units    int `json:"units"`
	Members  int `json:"members"`
	Branches int `json:"branches"`

	Brands         int      `json:"brands"`
	BrandsByStatus []Count  `json:"brands_by_status"`
	BrandsByYear   []Count  `json:"brands_by_year"`
	Coverage       Coverage `json:"coverage"`

	ModelSites        int     `json:"model_sites"`
	ModelSitesByLevel []Count `json:"model_sites_by_level"`
	ModelSitesByYear  []Count `json:"model_sites_by_year"`

	HonorLists    int          `json:"honor_lists"`
	Honors        int          `json:"honors"`
	HonorsByLevel []Count      `json:"honors_by_level"`
	HonorsByYear  []YearLevels `json:"honors_by_year"`
	HonorsByType  []Count      `json:"honors_by_type"`
	HonorsPerUnit []UnitCount  `json:"honors_per_unit"`

	MembersPerUnit []UnitCount `json:"members_per_unit"`

	Activities    int     `json:"activities"`
	Beneficiaries int     `json:"beneficiaries"`
	Investment    float64 `json:"investment"` // yuan

	News int `json:"news"`

	PerUnit []UnitFigures `json:"per_unit"`

	byUnit map[string]*UnitFigures
}

// tally counts values and lists them in a fixed order: the known values
// first (always, even at 0), then any other value sorted, then Unknown when
// some page left the field empty.
type tally struct {
	known []string
	n     map[string]int
}

func newTally(known []string) *tally { return &tally{known: known, n: map[string]int{}} }

func (t *tally) add(key string) {
	if key == "" {
		key = Unknown
	}
	t.n[key]++
}

func (t *tally) counts(label func(string) string) []Count {
	if label == nil {
		label = func(k string) string { return k }
	}
	out := []Count{}
	seen := map[string]bool{}
	for _, k := range t.known {
		out = append(out, Count{k, label(k), t.n[k]})
		seen[k] = true
	}
	var rest []string
	for k := range t.n {
		if !seen[k] && k != Unknown {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, Count{k, label(k), t.n[k]})
	}
	if n := t.n[Unknown]; n > 0 {
		out = append(out, Count{Unknown, Unknown, n})
	}
	return out
}

// yearTally counts by year, ascending, listing only years that occur (a
// brand of 2016 should not create empty rows back to year 1).
type yearTally map[int]int

func (y yearTally) years() []int {
	var ys []int
	for k := range y {
		if k != 0 {
			ys = append(ys, k)
		}
	}
	sort.Ints(ys)
	if _, ok := y[0]; ok {
		ys = append(ys, 0)
	}
	return ys
}

func yearKey(y int) (key, label string) {
	if y == 0 {
		return Unknown, Unknown
	}
	s := strconv.Itoa(y)
	return s, s + "年"
}

func (y yearTally) counts() []Count {
	out := []Count{}
	for _, yr := range y.years() {
		k, l := yearKey(yr)
		out = append(out, Count{k, l, y[yr]})
	}
	return out
}

// Compute derives every figure from the published pages. The caller has
// already dropped drafts (unless --drafts); section landing pages are
// ignored. A reference to a unit that is not among pages (a draft unit, say)
// counts towards the totals but not towards any unit.
func Compute(pages []*content.Page) *Figures {
	f := &Figures{byUnit: map[string]*UnitFigures{}}

	unitsByPtr := map[*content.Page]*UnitFigures{}
	unitsByKey := map[string]*UnitFigures{}
	for _, p := range pages {
		if p.IsIndex || p.Unit == nil {
			continue
		}
		uf := &UnitFigures{
			Slug:          content.UnitKey(p),
			Title:         p.Title,
			URL:           p.URL,
			District:      p.Unit.District,
			Members:       p.Unit.Members,
			Branches:      p.Unit.Branches,
			HonorsByLevel: []Count{},
			MembersUnset:  p.Unit.MembersUnset,
			BranchesUnset: p.Unit.BranchesUnset,
		}
		unitsByPtr[p] = uf
		unitsByKey[uf.Slug] = uf
		f.Units++
		f.Members += p.Unit.Members
		f.Branches += p.Unit.Branches
	}
	// A page names its unit by pointer once resolved, by slug before; accept
	// both so Compute also works on pages that skipped Resolve (tests, check).
	unitOf := func(ptr *content.Page, slug string) *UnitFigures {
		if ptr != nil {
			return unitsByPtr[ptr]
		}
		return unitsByKey[slug]
	}

	status := newTally(BrandStatuses)
	brandYears := yearTally{}
	modelLevels := newTally(Levels)
	modelYears := yearTally{}
	honorLevels := newTally(Levels)
	honorTypes := newTally(HonorTypes)
	honorYears := map[int]*tally{}
	unitHonorLevels := map[*UnitFigures]*tally{}

	for _, p := range pages {
		if p.IsIndex {
			continue
		}
		switch {
		case p.Brand != nil:
			b := p.Brand
			f.Brands++
			status.add(b.Status)
			brandYears[b.Year]++
			f.Activities += b.Activities
			f.Beneficiaries += b.Beneficiaries
			f.Investment += b.Investment
			if u := unitOf(b.Unit, b.UnitSlug); u != nil {
				u.Brands++
				u.Activities += b.Activities
				u.Beneficiaries += b.Beneficiaries
				u.Investment += b.Investment
			}
		case p.Model != nil:
			m := p.Model
			f.ModelSites++
			modelLevels.add(m.Level)
			y := 0
			if m.HasAwarded {
				y = m.Awarded.Year()
			}
			modelYears[y]++
			if u := unitOf(m.Unit, m.UnitSlug); u != nil {
				u.ModelSites++
			}
		case p.Honor != nil:
			f.HonorLists++
			for _, h := range p.Honor.Honors {
				f.Honors++
				level := h.Level
				if level == "" {
					level = p.Honor.Level
				}
				honorLevels.add(level)
				honorTypes.add(h.Type)
				y := p.Honor.Year
				if h.HasDate {
					y = h.Date.Year()
				}
				t := honorYears[y]
				if t == nil {
					t = newTally(Levels)
					honorYears[y] = t
				}
				t.add(level)
				if u := unitOf(h.Unit, h.UnitSlug); u != nil {
					u.Honors++
					ut := unitHonorLevels[u]
					if ut == nil {
						ut = newTally(Levels)
						unitHonorLevels[u] = ut
					}
					ut.add(level)
				}
			}
		case p.News != nil:
			f.News++
			seen := map[*UnitFigures]bool{}
			add := func(u *UnitFigures) {
				if u != nil && !seen[u] {
					seen[u] = true
					u.News++
				}
			}
			if len(p.News.Units) > 0 {
				for _, u := range p.News.Units {
					add(unitOf(u, ""))
				}
			} else {
				for _, s := range p.News.UnitSlugs {
					add(unitOf(nil, s))
				}
			}
		}
	}

	f.BrandsByStatus = status.counts(nil)
	f.BrandsByYear = brandYears.counts()
	f.ModelSitesByLevel = modelLevels.counts(nil)
	f.ModelSitesByYear = modelYears.counts()
	f.HonorsByLevel = honorLevels.counts(nil)
	f.HonorsByType = honorTypes.counts(nil)

	// Every year lists the same levels, so the stacked chart and the table
	// have one column per level across all years.
	allLevels := newTally(Levels)
	for _, t := range honorYears {
		for k := range t.n {
			allLevels.n[k] = 1
		}
	}
	levelKeys := allLevels.counts(nil)
	hy := yearTally{}
	for y, t := range honorYears {
		hy[y] = len(t.n)
	}
	f.HonorsByYear = []YearLevels{}
	for _, y := range hy.years() {
		k, l := yearKey(y)
		row := YearLevels{Key: k, Label: l, ByLevel: []Count{}}
		for _, lk := range levelKeys {
			n := honorYears[y].n[lk.Key]
			row.Value += n
			row.ByLevel = append(row.ByLevel, Count{lk.Key, lk.Label, n})
		}
		f.HonorsByYear = append(f.HonorsByYear, row)
	}

	if f.Units > 0 {
		for _, u := range unitsByPtr {
			if u.Brands > 0 {
				f.Coverage.UnitsWithBrands++
			}
		}
		f.Coverage.Units = f.Units
		f.Coverage.Ratio = float64(f.Coverage.UnitsWithBrands) / float64(f.Units)
		f.Coverage.Percent = roundTo(f.Coverage.Ratio*100, 1)
	}

	f.PerUnit = []UnitFigures{}
	for _, u := range unitsByPtr {
		if t := unitHonorLevels[u]; t != nil {
			u.HonorsByLevel = t.counts(nil)
		} else {
			u.HonorsByLevel = newTally(Levels).counts(nil)
		}
		f.PerUnit = append(f.PerUnit, *u)
	}
	sort.Slice(f.PerUnit, func(i, j int) bool {
		return byTitle(f.PerUnit[i].Title, f.PerUnit[i].Slug, f.PerUnit[j].Title, f.PerUnit[j].Slug)
	})
	for i := range f.PerUnit {
		f.byUnit[f.PerUnit[i].Slug] = &f.PerUnit[i]
	}

	f.HonorsPerUnit = []UnitCount{}
	f.MembersPerUnit = []UnitCount{}
	for _, u := range f.PerUnit {
		if u.Honors > 0 {
			f.HonorsPerUnit = append(f.HonorsPerUnit, UnitCount{u.Slug, u.Title, u.URL, u.Honors})
		}
		f.MembersPerUnit = append(f.MembersPerUnit, UnitCount{u.Slug, u.Title, u.URL, u.Members})
	}
	rank(f.HonorsPerUnit)
	rank(f.MembersPerUnit)
	return f
}

// rank sorts a leaderboard: highest first, ties by the unit's title, then by
// slug so two units of the same title still come out in a stable order.
func rank(r []UnitCount) {
	sort.SliceStable(r, func(i, j int) bool {
		if r[i].Value != r[j].Value {
			return r[i].Value > r[j].Value
		}
		return byTitle(r[i].Title, r[i].Slug, r[j].Title, r[j].Slug)
	})
}

func byTitle(t1, s1, t2, s2 string) bool {
	if t1 != t2 {
		return t1 < t2
	}
	return s1 < s2
}

func roundTo(v float64, decimals int) float64 {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// Unit returns one unit's figures by its slug (the file name under
// content/units/), or nil when there is no such published unit. Safe on a
// nil *Figures so a template can call it unconditionally.
func (f *Figures) Unit(slug string) *UnitFigures {
	if f == nil {
		return nil
	}
	if f.byUnit != nil {
		return f.byUnit[slug]
	}
	// A Figures decoded from JSON has no index; templates run in parallel,
	// so scan rather than build one here.
	for i := range f.PerUnit {
		if f.PerUnit[i].Slug == slug {
			return &f.PerUnit[i]
		}
	}
	return nil
}

// UnitOf is Unit for a unit page, for templates that hold the page.
func (f *Figures) UnitOf(p *content.Page) *UnitFigures {
	if f == nil || p == nil {
		return nil
	}
	return f.Unit(content.UnitKey(p))
}
