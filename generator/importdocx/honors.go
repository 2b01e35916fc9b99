package importdocx

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dangjian/generator/diag"
)

// An honor list (荣誉榜, 表彰名单) arrives as a Word table: one row per
// recipient. Import writes each row as an [[honors]] entry, so the
// statistics and the unit pages count it; the table leaves the body unless
// some of it could not be written as entries.

type honorEntry struct {
	name, recipient, typ, level, date, unit string
}

// honorCols is what each column of a list's header row holds.
type colKind int

const (
	colOther colKind = iota
	colSeq
	colRecipient
	colHonor
	colUnit
	colLevel
	colDate
	colDuty
	colType
)

// headerKind reads one header cell; Word headers are often spaced out
// (姓  名), so spaces go first.
func headerKind(h string) colKind {
	h = strings.Join(strings.Fields(h), "")
	h = strings.Trim(h, "*")
	switch {
	case h == "":
		return colOther
	case h == "序号" || h == "编号" || h == "序":
		return colSeq
	case strings.Contains(h, "荣誉") || strings.Contains(h, "称号") || strings.Contains(h, "奖项") || strings.Contains(h, "表彰类别") || strings.Contains(h, "表彰项目") || strings.Contains(h, "奖励"):
		return colHonor
	case strings.Contains(h, "姓名") || strings.Contains(h, "名称") || strings.Contains(h, "获奖者") || strings.Contains(h, "获奖人") || strings.Contains(h, "集体") || strings.Contains(h, "受表彰"):
		return colRecipient
	case strings.Contains(h, "单位") || h == "所在党组织" || h == "所在支部" || h == "工作部门" || h == "科室":
		return colUnit
	case strings.Contains(h, "职务") || strings.Contains(h, "职称") || h == "岗位":
		return colDuty
	case h == "类型" || h == "类别" || h == "集体/个人" || h == "性质":
		return colType
	case strings.Contains(h, "级别") || strings.Contains(h, "层级"):
		return colLevel
	case strings.Contains(h, "时间") || strings.Contains(h, "年份") || strings.Contains(h, "日期") || h == "年度":
		return colDate
	}
	return colOther
}

// honorWords mark a category row (先进基层党组织（共8个）) or a caption
// as the name of an honor rather than a grouping (县市区, 市直单位).
var honorWords = []string{"先进", "优秀", "模范", "标兵", "先锋", "示范", "最美", "奖", "称号", "荣誉", "红旗", "之星", "能手", "楷模", "党员", "工作者", "书记", "集体", "个人", "好医生", "好护士", "五四", "三八"}

func honorLike(s string) bool {
	for _, w := range honorWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	countSuffix  = regexp.MustCompile(`[（(]\s*共?\s*[0-9一二三四五六七八九十百]+\s*[个名人家项]\s*[）)]\s*$`)
	numberPrefix = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.、．])\s*`)
	yearPrefix   = regexp.MustCompile(`^\s*(?:19|20)[0-9]{2}\s*年度?\s*`)
	listSuffix   = regexp.MustCompile(`(?:拟表彰|受表彰|表彰)?(?:对象)?(?:推荐)?名单\s*$`)
	// 关于表彰2023年度优秀共产党员的决定 → 优秀共产党员
	titleHonor = regexp.MustCompile(`表彰(.+?)的(?:决定|通报|通知|命令)`)
)

// categoryName is the honor a category row or a caption names, or "".
func categoryName(s string) string {
	s = strings.TrimSpace(oneLine(s))
	s = countSuffix.ReplaceAllString(s, "")
	s = numberPrefix.ReplaceAllString(s, "")
	s = yearPrefix.ReplaceAllString(s, "")
	s = strings.TrimSpace(listSuffix.ReplaceAllString(s, ""))
	s = strings.Trim(s, "：:")
	// A document's title (关于表彰…的决定) is a sentence, not a name.
	if s == "" || !honorLike(s) || utf8.RuneCountInString(s) > 40 || strings.Contains(s, "关于") {
		return ""
	}
	return s
}

// titleName is the honor a document's title names when it names one
// only (关于表彰优秀共产党员的决定); two (…先进基层党组织和优秀共产党员…)
// cannot be split between the rows, so none.
func titleName(title string) string {
	if m := titleHonor.FindStringSubmatch(title); m != nil {
		n := categoryName(m[1])
		if n != "" && !strings.ContainsAny(n, "和及、与") {
			return n
		}
		return ""
	}
	if strings.HasSuffix(strings.TrimSpace(title), "名单") {
		n := categoryName(title)
		if !strings.ContainsAny(n, "和及、与") {
			return n
		}
	}
	return ""
}

// honorTypeOf says 集体 or 个人 from the recipient column's header, else
// from the honor's name; "" when neither tells.
func honorTypeOf(header, name string) string {
	h := strings.Join(strings.Fields(header), "")
	switch {
	case strings.Contains(h, "姓名") || strings.Contains(h, "个人"):
		return "个人"
	case strings.Contains(h, "名称") || strings.Contains(h, "集体") || strings.Contains(h, "党组织"):
		return "集体"
	}
	for _, w := range []string{"集体", "党组织", "党委", "支部", "科室", "团队", "班组", "单位", "示范岗"} {
		if strings.Contains(name, w) {
			return "集体"
		}
	}
	for _, w := range []string{"个人", "党员", "工作者", "书记", "医生", "护士", "医师", "标兵", "能手", "之星", "楷模", "最美"} {
		if strings.Contains(name, w) {
			return "个人"
		}
	}
	return ""
}

var (
	fullDate = regexp.MustCompile(`^((?:19|20)[0-9]{2})\s*[年.\-/．]\s*([0-9]{1,2})\s*[月.\-/．]\s*([0-9]{1,2})\s*日?$`)
	bareYear = regexp.MustCompile(`^((?:19|20)[0-9]{2})\s*年?度?$`)
)

// honorResult is what the honor tables of a document gave.
type honorResult struct {
	entries []honorEntry
	omit    map[*table]bool // tables written as entries, left out of the body
	drop    map[int]bool    // caption paragraphs used as the honor name, and lists written as text
	year    string          // a 年份 column's year, when the title has none
}

// honors finds the list tables of the body and writes their rows as
// entries; everything it is unsure of is a warning.
func (d *Doc) honors(title string, units unitIndex, warn func(diag.Msg, ...any)) honorResult {
	res := honorResult{omit: map[*table]bool{}, drop: map[int]bool{}}
	// A 年份 column must agree with the title's year, which the list keeps.
	if m := yearRe.FindStringSubmatch(title); m != nil {
		res.year = m[1]
	}
	docName := titleName(title)
	n := 0 // the table's number, as the other import messages count them
	found := false
	for i, b := range d.blocks {
		if d.front.drop[i] || b.t == nil {
			continue
		}
		n++
		// The caption: the last non-empty paragraph before the table.
		caption, capIdx := "", -1
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if d.blocks[j].t != nil || d.front.drop[j] {
				break
			}
			if s := strings.TrimSpace(d.blocks[j].p.text()); s != "" {
				caption, capIdx = s, j
				break
			}
		}
		capName := categoryName(caption)
		if strings.ContainsAny(capName, "和及、与") {
			capName = "" // two honors: the rows cannot tell which is theirs
		}
		entries, ok, tableFound := d.honorTable(b.t, n, capName, docName, units, warn, &res)
		if !tableFound {
			continue
		}
		found = true
		res.entries = append(res.entries, entries...)
		if ok {
			res.omit[b.t] = true
			// The list's own title line (…名单) would head nothing.
			if capIdx >= 0 && strings.HasSuffix(caption, "名单") {
				res.drop[capIdx] = true
				d.dropAnnexLine(capIdx, &res)
			}
			warn(diag.MsgImportHonorList, n, len(entries))
		}
	}
	if d.honorParagraphs(units, warn, &res) {
		found = true
	}
	if !found {
		warn(diag.MsgImportHonorNoTable)
	}
	return res
}

// honorTable maps one table. ok: every row became an entry (the table can
// leave the body); isList: the table is a list of recipients at all.
func (d *Doc) honorTable(t *table, n int, captionName, docName string, units unitIndex, warn func(diag.Msg, ...any), res *honorResult) (entries []honorEntry, ok, isList bool) {
	grid, spans := cellGrid(t)
	if len(grid) < 2 {
		return nil, false, false
	}
	// A title row merged across the table may sit above the header.
	top := 0
	for top < len(grid)-1 && spans[top] && len(nonEmpty(grid[top])) == 1 {
		top++
	}
	kinds := make([]colKind, len(grid[0]))
	recCol, honorCol := -1, -1
	var unmapped []string
	for c, h := range grid[top] {
		kinds[c] = headerKind(h)
	}
	// 姓名 beside 单位名称: the person is the recipient, the other column
	// is where they work.
	person := -1
	for c, k := range kinds {
		if k == colRecipient && honorTypeOf(grid[top][c], "") == "个人" && person < 0 {
			person = c
		}
	}
	for c, k := range kinds {
		if k == colRecipient && person >= 0 && c != person && strings.Contains(grid[top][c], "单位") {
			kinds[c] = colUnit
		}
	}
	for c := range grid[top] {
		switch kinds[c] {
		case colRecipient:
			if recCol < 0 || c == person {
				if recCol >= 0 {
					kinds[recCol] = colOther
				}
				recCol = c
			} else {
				kinds[c] = colOther
			}
		case colHonor:
			if honorCol < 0 {
				honorCol = c
			} else {
				kinds[c] = colOther
			}
		}
	}
	if recCol < 0 {
		return nil, false, false
	}
	for c, k := range kinds {
		if k == colOther && strings.TrimSpace(grid[top][c]) != "" {
			unmapped = append(unmapped, "“"+oneLine(grid[top][c])+"”列没有对应的字段")
		}
	}
	name := captionName
	if name == "" {
		name = docName
	}
	var untyped, badRows, unitless []string
	typeCol := ""
	for r := 0; r < len(grid); r++ {
		if r == top {
			continue
		}
		row := grid[r]
		texts := nonEmpty(row)
		if len(texts) == 0 {
			continue
		}
		rowNo := strconv.Itoa(r + 1)
		// A row merged across the table is a category heading.
		if len(texts) == 1 && spans[r] {
			if cn := categoryName(texts[0]); cn != "" && honorCol < 0 {
				name = cn
			} else {
				badRows = append(badRows, "第 "+rowNo+" 行（"+oneLine(texts[0])+"）")
			}
			continue
		}
		e := honorEntry{recipient: strings.TrimSpace(oneLine(row[recCol]))}
		if honorCol >= 0 {
			e.name = strings.TrimSpace(oneLine(row[honorCol]))
		} else {
			e.name = name
		}
		if e.recipient == "" || e.name == "" {
			badRows = append(badRows, "第 "+rowNo+" 行（"+strings.Join(texts, "，")+"）")
			continue
		}
		var unitText, duty string
		for c, k := range kinds {
			v := strings.TrimSpace(oneLine(row[c]))
			if v == "" {
				continue
			}
			switch k {
			case colUnit:
				unitText = v
			case colDuty:
				duty = v
			case colLevel:
				e.level = v
			case colType:
				if v == "集体" || v == "个人" {
					e.typ = v
				} else {
					typeCol = oneLine(grid[top][c])
				}
			case colDate:
				if m := fullDate.FindStringSubmatch(v); m != nil {
					mo, _ := strconv.Atoi(m[2])
					dd, _ := strconv.Atoi(m[3])
					tm := time.Date(atoi(m[1]), time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
					if tm.Month() == time.Month(mo) && tm.Day() == dd {
						e.date = tm.Format("2006-01-02")
						continue
					}
				}
				if m := bareYear.FindStringSubmatch(v); m != nil && (res.year == "" || res.year == m[1]) {
					res.year = m[1]
					continue
				}
				badRows = append(badRows, "第 "+rowNo+" 行的时间“"+v+"”")
			}
		}
		if e.typ == "" {
			e.typ = honorTypeOf(grid[top][recCol], e.name)
		}
		if e.typ == "" {
			untyped = append(untyped, rowNo)
		}
		// The unit stays in the recipient, as lists print it (张红（市第一
		// 人民医院）): the page shows the recipient, and links it to the unit.
		who := e.recipient
		if extra := strings.TrimSpace(unitText + " " + duty); extra != "" {
			e.recipient += "（" + extra + "）"
		}
		switch slug, found := units.find(unitText); {
		case unitText != "" && found:
			e.unit = slug
		case unitText != "":
			if slug, _ := units.guess(unitText); slug != "" {
				e.unit = slug
			} else {
				warn(diag.MsgImportHonorUnit, n, r+1, who, unitText)
			}
		default:
			// A collective's name is often the unit itself, or begins with it.
			if slug, found := units.find(who); found {
				e.unit = slug
			} else if slug, _ := units.guess(e.recipient); slug != "" {
				e.unit = slug
			} else {
				unitless = append(unitless, rowNo)
			}
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 && honorCol < 0 {
		warn(diag.MsgImportHonorNoName, n)
		return nil, false, true
	}
	if len(unitless) > 0 && len(units.slugs) > 0 {
		warn(diag.MsgImportHonorNoUnit, n, strings.Join(unitless, "、"))
	}
	if len(untyped) > 0 {
		warn(diag.MsgImportHonorType, n, strings.Join(untyped, "、"))
	}
	reasons := unmapped
	if typeCol != "" {
		reasons = append(reasons, "“"+typeCol+"”列写的不是“集体”或“个人”")
	}
	if len(badRows) > 0 {
		reasons = append(reasons, strings.Join(badRows, "、")+"没有写成条目")
	}
	if len(reasons) > 0 {
		warn(diag.MsgImportHonorKept, n, strings.Join(reasons, "；"))
		return entries, false, true
	}
	return entries, len(entries) > 0, true
}

// cellGrid is the plain text of a table by grid column (vertically merged
// text repeated down, as the body table shows it), and for each row
// whether a cell in it spans more than one column.
func cellGrid(t *table) ([][]string, []bool) {
	cols := 0
	for _, row := range t.rows {
		w := 0
		for _, c := range row {
			w += max(c.span, 1)
		}
		cols = max(cols, w)
	}
	var grid [][]string
	var spans []bool
	var above []string
	for _, row := range t.rows {
		g := make([]string, cols)
		spanned := false
		col := 0
		for _, c := range row {
			if col >= cols {
				break
			}
			switch c.vmerge {
			case 2:
				if col < len(above) {
					g[col] = above[col]
				}
			case 3:
			default:
				var parts []string
				for _, b := range c.blocks {
					if b.p != nil {
						if s := strings.TrimSpace(b.p.text()); s != "" {
							parts = append(parts, oneLine(s))
						}
					} else {
						parts = append(parts, flatTable(b.t))
					}
				}
				g[col] = strings.Join(parts, " ")
			}
			if c.span > 1 {
				spanned = true
			}
			col += max(c.span, 1)
		}
		grid = append(grid, g)
		spans = append(spans, spanned)
		above = g
	}
	return grid, spans
}
