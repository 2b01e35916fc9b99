package content

import (
	"fmt"
	"sort"
	"strings"

	"dangjian/generator/config"
	"dangjian/generator/diag"
)

// unitIndex finds a unit by any of the names officers use for it: its slug
// (the file name), its full title or its short name.
type unitIndex struct {
	units   []*Page
	bySlug  map[string]*Page
	byTitle map[string][]*Page // title and short name → units
	byFull  map[string][]*Page // full title → units
	drafts  *unitIndex         // the units left out as drafts, for the message
}

func (ix *unitIndex) has(p *Page) bool { return ix.bySlug[UnitKey(p)] == p }

func newUnitIndex(pages []*Page) *unitIndex {
	ix := &unitIndex{bySlug: map[string]*Page{}, byTitle: map[string][]*Page{}, byFull: map[string][]*Page{}}
	for _, p := range pages {
		if p.Kind != KindUnit || p.IsIndex {
			continue
		}
		ix.units = append(ix.units, p)
		ix.bySlug[UnitKey(p)] = p
		if p.Title != "" {
			ix.byFull[p.Title] = append(ix.byFull[p.Title], p)
		}
		for _, name := range unitNames(p)[1:] {
			if !containsPage(ix.byTitle[name], p) {
				ix.byTitle[name] = append(ix.byTitle[name], p)
			}
		}
	}
	return ix
}

func containsPage(ps []*Page, p *Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// unitNames are a unit's slug, title and short name (those it has).
func unitNames(p *Page) []string {
	names := []string{UnitKey(p)}
	if p.Title != "" {
		names = append(names, p.Title)
	}
	if p.Unit != nil && p.Unit.Short != "" {
		names = append(names, p.Unit.Short)
	}
	return names
}

// find returns the unit a name means, or the problem: unknown (with the
// closest unit suggested) or ambiguous (with the candidates).
func (ix *unitIndex) find(path string, line int, field, name string) (*Page, *diag.Problem) {
	if u, ok := ix.bySlug[name]; ok {
		return u, nil
	}
	norm := normalizeName(name)
	cands := ix.byTitle[name]
	if len(cands) == 0 {
		for n, ps := range ix.byTitle {
			if normalizeName(n) == norm {
				cands = append(cands, ps...)
			}
		}
	}
	if len(cands) > 1 {
		if u, others := ix.fullTitle(name, cands); u != nil {
			// A unit's full title is its name; another unit's short name
			// that happens to equal it does not make the name ambiguous,
			// as a slug beats both. Said, so the officer who meant the
			// other unit sees which one was taken.
			p := diag.Warn(path, line, diag.MsgUnitByFullTitle, name, UnitKey(u), unitList(others), field, UnitKey(others[0]))
			return u, &p
		}
	}
	switch len(cands) {
	case 1:
		return cands[0], nil
	case 0:
		if ix.drafts != nil {
			if u, _ := ix.drafts.find(path, line, field, name); u != nil {
				p := diag.New(path, line, diag.MsgUnitDraft, name, u.Path)
				return nil, &p
			}
		}
		if u := ix.closest(norm); u != nil {
			p := diag.New(path, line, diag.MsgUnitUnknownDid, name, field, UnitKey(u), u.Title)
			return nil, &p
		}
		p := diag.New(path, line, diag.MsgUnitUnknown, name, field)
		return nil, &p
	}
	sortUnits(cands)
	var zh, en []string
	for _, u := range cands {
		zh = append(zh, fmt.Sprintf("%q（%s）", UnitKey(u), u.Title))
		en = append(en, fmt.Sprintf("%q (%s)", UnitKey(u), u.Title))
	}
	// The list is punctuated in each language: one Msg with no arguments.
	msg := diag.Msg{
		Zh: fmt.Sprintf(diag.MsgUnitAmbiguous.Zh, name, strings.Join(zh, "、"), field, UnitKey(cands[0])),
		En: fmt.Sprintf(diag.MsgUnitAmbiguous.En, name, strings.Join(en, ", "), field, UnitKey(cands[0])),
	}
	p := diag.New(path, line, msg)
	return nil, &p
}

// fullTitle returns the one candidate whose full title is name (exactly,
// or else folded as normalizeName folds), and the other candidates; nil
// when no candidate, or more than one, has it as its full title.
func (ix *unitIndex) fullTitle(name string, cands []*Page) (*Page, []*Page) {
	var full []*Page
	for _, u := range cands {
		if u.Title == name {
			full = append(full, u)
		}
	}
	if len(full) == 0 {
		for _, u := range cands {
			if normalizeName(u.Title) == normalizeName(name) {
				full = append(full, u)
			}
		}
	}
	if len(full) != 1 {
		return nil, nil
	}
	var others []*Page
	for _, u := range cands {
		if u != full[0] {
			others = append(others, u)
		}
	}
	sortUnits(others)
	return full[0], others
}

func sortUnits(us []*Page) {
	sort.Slice(us, func(i, j int) bool { return UnitKey(us[i]) < UnitKey(us[j]) })
}

// unitList names units as "slug"（全称）, one Msg with no arguments.
func unitList(us []*Page) diag.Msg {
	var zh, en []string
	for _, u := range us {
		zh = append(zh, fmt.Sprintf("%q（%s）", UnitKey(u), u.Title))
		en = append(en, fmt.Sprintf("%q (%s)", UnitKey(u), u.Title))
	}
	return diag.Msg{Zh: strings.Join(zh, "、"), En: strings.Join(en, ", ")}
}

// normalizeName folds the differences that do not make another name:
// spaces, case and full-width letters and digits.
func normalizeName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(config.FoldWidth(s)), ""))
}

// closest returns the unit whose slug, title or short name is nearest to
// name: a name one contains the other of (市妇幼 and 市妇幼保健院) first,
// then the fewest rune edits (fuyuo → fuyou), when close enough to be a slip.
func (ix *unitIndex) closest(name string) *Page {
	var best *Page
	bestScore := 0.0
	for _, u := range ix.units {
		for _, n := range unitNames(u) {
			n = normalizeName(n)
			score := similarity(name, n)
			if score > bestScore {
				best, bestScore = u, score
			}
		}
	}
	if bestScore < 0.5 {
		return nil
	}
	return best
}

// similarity is 1 for equal names, 0.9 when one contains the other (at
// least two runes of it), else 1 - edit distance / longer length, and for
// Chinese names a shared run of runes (第一人民医院) counts as containing.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	short := min(len(ra), len(rb))
	if short >= 2 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return 0.9
	}
	s := 1 - float64(diag.EditDistance(a, b))/float64(max(len(ra), len(rb)))
	if common := longestCommonRun(ra, rb); common >= 3 && !isASCII(a) {
		s = max(s, 0.5+0.4*float64(common)/float64(short))
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// longestCommonRun is the length of the longest run of runes a and b share.
func longestCommonRun(a, b []rune) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
