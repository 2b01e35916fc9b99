package importdocx

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"dangjian/generator/diag"
)

// Many 表彰决定 print a list as text, not as a table: under a caption that
// names the honor (2023年度优秀共产党员名单, 优秀共产党员（20名）), names
// separated by 、 or by wide spaces, each perhaps with its unit in brackets
// (张红（市第一人民医院）), or a unit followed by its people (市第一人民医院：
// 张红、李强). Such a paragraph becomes entries only when every item in it
// reads as a recipient; anything else stays in the body as it was.

type listedName struct {
	who, unit string
	person    bool // shaped like a person's name (2–4 characters)
}

var (
	// A person: 2–4 characters, or a name with a middle dot (阿依古丽·买买提).
	personRe = regexp.MustCompile(`^(\p{Han}{2,4}|\p{Han}{1,8}·\p{Han}{1,8})(?:[（(]([^（）()]{2,40})[）)])?$`)
	// A collective: a body's or a department's name.
	collectiveRe = regexp.MustCompile(`^\p{Han}[\p{Han}0-9（）()]{1,38}(党委|党总支|党支部|总支|支部|党组织|党小组|团支部|工会|科|部|室|处|中心|医院|卫生院|所|站|队|组|班|委员会|局|病区|门诊)$`)
	// 市第一人民医院：张红、李强
	unitLeadRe = regexp.MustCompile(`^([^：:、，,]{2,40})[：:](.+)$`)
	wideGap    = regexp.MustCompile(`[\s\x{3000}]{2,}`)
	listSep    = regexp.MustCompile(`[、，,；;]`)
)

// notAName: what a list says where a name would be.
var notAName = map[string]bool{"同上": true, "待定": true, "另附": true, "附后": true, "暂缺": true, "空缺": true, "见附件": true, "名单附后": true}

// nameList reads a paragraph as a list of recipients; ok is false unless
// every item is one.
func nameList(text string) (names []listedName, ok bool) {
	text = strings.TrimRight(strings.TrimSpace(text), "。；;.")
	if text == "" || utf8.RuneCountInString(text) > 4000 {
		return nil, false
	}
	unit := ""
	if m := unitLeadRe.FindStringSubmatch(text); m != nil {
		unit, text = strings.TrimSpace(m[1]), m[2]
	}
	var items []string
	if listSep.MatchString(text) {
		items = listSep.Split(text, -1)
	} else {
		items = wideGap.Split(strings.TrimSpace(text), -1)
	}
	for _, it := range items {
		// 王　芳: a two-character name padded to line up with three.
		it = compact(it)
		if it == "" || notAName[it] {
			return nil, false
		}
		if m := personRe.FindStringSubmatch(it); m != nil {
			n := listedName{who: m[1], unit: m[2], person: true}
			if unit != "" {
				if n.unit != "" {
					return nil, false
				}
				n.unit = unit
			}
			names = append(names, n)
			continue
		}
		if unit == "" && collectiveRe.MatchString(it) {
			names = append(names, listedName{who: it})
			continue
		}
		return nil, false
	}
	return names, len(names) > 0
}

// honorParagraphs writes the lists printed as text: each paragraph of
// names under a caption that names one honor. Paragraphs of the body that
// became entries, and their caption, go into res.drop.
func (d *Doc) honorParagraphs(units unitIndex, warn func(diag.Msg, ...any), res *honorResult) (found bool) {
	caption, name, capIdx := "", "", -1
	var under []int // the name paragraphs under the caption so far
	for i, b := range d.blocks {
		if d.front.drop[i] {
			continue
		}
		if b.t != nil {
			caption, name, capIdx, under = "", "", -1, nil
			continue
		}
		text := strings.TrimSpace(b.p.text())
		if text == "" {
			continue
		}
		if name != "" {
			// The 落款 (中共××委员会 above its date) is who wrote the list, and
			// one collective alone is too little to tell a list from a line.
			names, ok := nameList(text)
			if ok && (d.aboveDate(i) || (len(names) == 1 && names[0].unit == "")) {
				ok = false
			}
			if ok {
				res.entries = append(res.entries, d.listedEntries(names, name, caption, units, warn)...)
				res.drop[i] = true
				if len(under) == 0 {
					res.drop[capIdx] = true
					d.dropAnnexLine(capIdx, res)
				}
				under = append(under, i)
				found = true
				continue
			}
			if len(under) == 0 && strings.HasSuffix(caption, "名单") && !d.aboveDate(i) && categoryName(text) == "" && (listSep.MatchString(text) || wideGap.MatchString(text)) {
				warn(diag.MsgImportHonorParaKept, caption, firstRunes(text, 20))
			}
			if len(under) > 0 {
				warn(diag.MsgImportHonorPara, caption, len(under))
			}
		}
		caption, name, capIdx, under = "", "", -1, nil
		// A caption is a line of its own, not a sentence naming an honor.
		if cn := categoryName(text); cn != "" && !strings.ContainsAny(cn, "和及、与") && !strings.ContainsAny(strings.TrimRight(text, "：:"), "，。；,;：:") {
			caption, name, capIdx = text, cn, i
		}
	}
	if len(under) > 0 {
		warn(diag.MsgImportHonorPara, caption, len(under))
	}
	return found
}

// listedEntries are the entries of one paragraph of names.
func (d *Doc) listedEntries(names []listedName, honor, caption string, units unitIndex, warn func(diag.Msg, ...any)) []honorEntry {
	typ := honorTypeOf("", honor)
	var entries []honorEntry
	var unitless []string
	for _, n := range names {
		e := honorEntry{name: honor, recipient: n.who, typ: typ}
		if e.typ == "" && n.person {
			e.typ = "个人"
		}
		if n.unit != "" {
			e.recipient += "（" + n.unit + "）"
		}
		switch slug, found := units.find(n.unit); {
		case n.unit != "" && found:
			e.unit = slug
		case n.unit != "":
			if slug, _ := units.guess(n.unit); slug != "" {
				e.unit = slug
			} else {
				warn(diag.MsgImportHonorParaUnit, caption, n.who, n.unit)
			}
		default:
			if slug, found := units.find(n.who); found {
				e.unit = slug
			} else if slug, _ := units.guess(n.who); slug != "" {
				e.unit = slug
			} else {
				unitless = append(unitless, n.who)
			}
		}
		entries = append(entries, e)
	}
	if len(unitless) > 0 && len(units.slugs) > 0 {
		warn(diag.MsgImportHonorParaNoUnit, caption, strings.Join(unitless, "、"))
	}
	return entries
}

func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// aboveDate: the next paragraph with text is only a date.
func (d *Doc) aboveDate(i int) bool {
	for _, b := range d.blocks[i+1:] {
		if b.t != nil {
			return false
		}
		if t := strings.TrimSpace(b.p.text()); t != "" {
			_, ok := parseDate(t)
			return ok
		}
	}
	return false
}

// dropAnnexLine drops the 附件2 line above a list's caption when the list
// left the body: it would head nothing.
func (d *Doc) dropAnnexLine(capIdx int, res *honorResult) {
	for j := capIdx - 1; j >= 0; j-- {
		b := d.blocks[j]
		if b.t != nil {
			return
		}
		if t := compact(b.p.text()); t != "" {
			if annexRe.MatchString(t) {
				res.drop[j] = true
			}
			return
		}
	}
}
