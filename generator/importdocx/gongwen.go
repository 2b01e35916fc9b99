package importdocx

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The parts of a 公文 (GB/T 9704-2012) that become front matter: the red
// header (发文机关标志), the 发文字号, the title lines, the 落款 date, and the
// 版记 lines at the very end.

var (
	docNumberRe = regexp.MustCompile(`[\p{Han}A-Za-z0-9]+\s*[〔\[［【(（]\s*[0-9０-９]{4}\s*[〕\]］】)）]\s*第?\s*[0-9０-９]+\s*号`)
	anyDate     = regexp.MustCompile(`([0-9０-９]{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
	banjiRe     = regexp.MustCompile(`^(抄送|抄报|分送|发送)\s*[:：]|印发\s*$`)
	level1Re    = regexp.MustCompile(`^[一二三四五六七八九十百]+、`)
	level2Re    = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
	level3Re    = regexp.MustCompile(`^[0-9０-９]{1,2}[.．、](?:[^0-9０-９]|$)`)
	// The 版头's first lines, above the 发文机关标志 (GB/T 9704-2012 7.2.1–7.2.3):
	// 份号 (six digits), 密级 and 保密期限 (机密★1年), 紧急程度 (特急, 加急).
	copyNumberRe = regexp.MustCompile(`^[0-9０-９]{6}$`)
	secretRe     = regexp.MustCompile(`^(绝密|机密|秘密)(★.*)?$`)
	urgencyRe    = regexp.MustCompile(`^(特急|加急|平急|特提)$`)
	// A line that starts the attachments after the 落款: 附件、附件1、附件 2.
	annexRe = regexp.MustCompile(`^附件[0-9０-９一二三四五六七八九十]*$`)
	// 此页无正文, the GB/T 9704 note on a page that has only the 落款.
	noTextRe = regexp.MustCompile(`^[（(]?此页无正文[）)]?$`)
)

type front struct {
	publisher, docNumber, title string
	signer                      string // the body named in the 落款, just above its date
	date                        time.Time
	banji                       []string
	secret                      string       // the 密级 printed on the document, as written
	drop                        map[int]bool // top-level blocks that went into the front matter
}

func isCentered(p *para, st *styles) bool {
	jc := p.jc
	if jc == "" {
		jc = st.jc(p.styleID)
	}
	return jc == "center" || jc == "distribute" // 分散对齐, common in title lines
}

// isRed: a run coloured red (FF0000 and the reds near it), as the 发文机关标志 is.
func isRed(p *para) bool {
	for _, it := range p.items {
		if it.kind != itemText || strings.TrimSpace(it.text) == "" || len(it.color) != 6 {
			continue
		}
		r, err1 := strconv.ParseUint(it.color[0:2], 16, 8)
		g, err2 := strconv.ParseUint(it.color[2:4], 16, 8)
		b, err3 := strconv.ParseUint(it.color[4:6], 16, 8)
		if err1 == nil && err2 == nil && err3 == nil && r >= 0xC0 && g <= 0x60 && b <= 0x60 {
			return true
		}
	}
	return false
}

func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// findFront takes the 公文 parts out of the top-level blocks.
func findFront(blocks []block, st *styles) front {
	f := front{drop: map[int]bool{}}
	var idx []int // non-empty top-level paragraphs
	for i, b := range blocks {
		if b.t != nil {
			idx = append(idx, i)
			continue
		}
		if strings.TrimSpace(b.p.text()) != "" || b.p.hasImage() {
			idx = append(idx, i)
		}
	}
	para := func(k int) *para {
		if k >= len(idx) {
			return nil
		}
		return blocks[idx[k]].p
	}
	k := 0
	// 份号, 密级 and 紧急程度 above the header: none belongs on a web page, and
	// a 密级 means the document must not be published at all (Import refuses).
	for ; k < len(idx) && k < 3; k++ {
		p := para(k)
		if p == nil {
			break
		}
		line := compact(p.text())
		var kept bool
		for _, part := range strings.Fields(strings.TrimSpace(p.text())) {
			part = compact(part)
			switch {
			case secretRe.MatchString(part):
				f.secret = part
			case copyNumberRe.MatchString(part) || urgencyRe.MatchString(part):
			default:
				kept = true
			}
		}
		if kept || line == "" {
			break
		}
		f.drop[idx[k]] = true
	}
	// 发文机关标志: red, or centred and ending in 文件, at the very top. A
	// joint header (联合行文) is often a table instead: the issuers stacked in
	// one column, 文件 in a merged cell beside them.
	var pub []string
	if k < len(idx) && blocks[idx[k]].t != nil {
		if names := headerTable(blocks[idx[k]].t); names != nil {
			pub = names
			f.drop[idx[k]] = true
			k++
		}
	}
	for top := k; k < len(idx) && k < top+4; k++ {
		p := para(k)
		if p == nil {
			break
		}
		t := compact(p.text())
		if t == "" || docNumberRe.MatchString(t) {
			break
		}
		if !(isRed(p) || (isCentered(p, st) && strings.HasSuffix(t, "文件"))) || utf8.RuneCountInString(t) > 40 {
			break
		}
		pub = append(pub, strings.TrimSuffix(t, "文件"))
		f.drop[idx[k]] = true
	}
	if len(pub) > 0 {
		f.publisher = strings.Join(pub, "、")
	}
	// 发文字号, just below the header (or among the first lines without one).
	look := 2
	if len(pub) == 0 {
		look = 6
	}
	for j := k; j < len(idx) && j < k+look; j++ {
		p := para(j)
		if p == nil {
			break
		}
		t := compact(p.text())
		m := docNumberRe.FindString(t)
		if m == "" || utf8.RuneCountInString(t) > utf8.RuneCountInString(m)+16 {
			continue
		}
		f.docNumber = normalizeDigits(m)
		f.drop[idx[j]] = true
		k = j + 1
		break
	}
	gongwen := f.publisher != "" || f.docNumber != ""
	// Title: the centred lines that follow, joined; or a Title/Heading 1
	// paragraph at the top.
	var lines []string
	for j := k; j < len(idx) && len(lines) < 4; j++ {
		p := para(j)
		if p == nil {
			break
		}
		t := strings.TrimSpace(p.text())
		level, _ := st.headingLevel(p.styleID)
		if !(isCentered(p, st) || (level == 1 && len(lines) == 0)) || p.hasImage() || utf8.RuneCountInString(t) > 60 ||
			strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") {
			break
		}
		if !gongwen && len(lines) == 0 && j > 2 {
			break
		}
		lines = append(lines, t)
		f.drop[idx[j]] = true
		if level == 1 && !isCentered(p, st) {
			break // a left-aligned Heading 1 is a title on its own
		}
	}
	if len(lines) == 0 {
		// A Title or Heading 1 among the first blocks.
		for j := k; j < len(idx) && j < k+5; j++ {
			p := para(j)
			if p == nil {
				continue
			}
			if level, _ := st.headingLevel(p.styleID); level == 1 || p.outline == 0 {
				lines = append(lines, strings.TrimSpace(p.text()))
				f.drop[idx[j]] = true
				break
			}
		}
	}
	f.title = joinLines(lines)

	// From the end: 版记 lines, then the date of the 落款.
	end := len(idx) - 1
	for ; end >= 0; end-- {
		p := para(end)
		if p == nil {
			break
		}
		t := strings.TrimSpace(p.text())
		if !banjiRe.MatchString(compact(t)) && !(strings.Contains(t, "印发") && anyDate.MatchString(compact(strings.TrimSuffix(compact(t), "印发")))) {
			break
		}
		f.banji = append([]string{joinLines([]string{t})}, f.banji...)
		f.drop[idx[end]] = true
	}
	// （此页无正文）fills a printed page that holds only the 落款 and the
	// seal; a web page has no pages.
	for j := range idx {
		if p := para(j); p != nil && noTextRe.MatchString(compact(p.text())) {
			f.drop[idx[j]] = true
		}
	}
	at := -1
	f.date, at = signDate(para, end)
	if f.date.IsZero() {
		// Attachments (附件1, a title, a table …) may follow the 落款: the date
		// is then just above the first line that starts them.
		for j := k; j <= end; j++ {
			if p := para(j); p != nil && annexRe.MatchString(compact(p.text())) {
				if f.date, at = signDate(para, j-1); !f.date.IsZero() {
					break
				}
			}
		}
	}
	if f.date.IsZero() {
		// An attachment that starts with its own title, no 附件 line (a 表彰
		// 名单 after the 决定): the 落款 is then the last line that is only a
		// date, just below the name of a body.
		for j := end; j > k; j-- {
			p, above := para(j), para(j-1)
			if p == nil || above == nil {
				continue
			}
			if d, ok := parseDate(p.text()); ok && issuerName(compact(above.text())) {
				f.date, at = d, j
				break
			}
		}
	}
	if at > k {
		if p := para(at - 1); p != nil {
			var names []string
			for _, n := range strings.Fields(p.text()) {
				if issuerName(n) {
					names = append(names, n)
				}
			}
			if len(names) > 0 && len(names) == len(strings.Fields(p.text())) {
				f.signer = strings.Join(names, "、")
			}
		}
	}
	return f
}

// issuerRe: how the name of a party or government body, or of a hospital,
// ends; the line above a 落款 date that names who wrote the document.
var issuerRe = regexp.MustCompile(`(委员会|党委|党组|工委|党工委|纪委|市委|省委|县委|区委|委|局|厅|部|政府|办公室|党总支|总支部?|支部|医院|卫生院|中心|协会|学会|工会|团委|妇联|研究院|研究所)$`)

// issuerName: a body's name, short, not a sentence.
func issuerName(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 3 && n <= 30 && issuerRe.MatchString(s) && !strings.ContainsAny(s, "，。；：,;:")
}

// headerTable returns the issuers' names of a 发文机关标志 set as a table:
// every cell with text is red, at most four rows of short names, and
// 文件 in a cell of its own or after a name. Anything else is no header.
func headerTable(t *table) []string {
	if len(t.rows) == 0 || len(t.rows) > 4 {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	for _, row := range t.rows {
		for _, c := range row {
			for _, b := range c.blocks {
				if b.t != nil || b.p.hasImage() {
					return nil
				}
				text := compact(b.p.text())
				if text == "" {
					continue
				}
				if !isRed(b.p) || utf8.RuneCountInString(text) > 40 {
					return nil
				}
				name := strings.TrimSuffix(text, "文件")
				if name != "" && !seen[name] {
					seen[name] = true
					names = append(names, name)
				}
			}
		}
	}
	return names
}

// signDate is the 落款 date, and the index of its paragraph, among the three short paragraphs ending at end
// (the date, the signing body, perhaps a 附注 below the date).
func signDate(para func(int) *para, end int) (time.Time, int) {
	for j := end; j >= 0 && j > end-3; j-- {
		p := para(j)
		if p == nil {
			break
		}
		t := compact(p.text())
		if utf8.RuneCountInString(t) > 40 {
			break
		}
		if m := anyDate.FindString(t); m != "" {
			if d, ok := parseDate(m); ok {
				return d, j
			}
			break
		}
	}
	return time.Time{}, -1
}

// joinLines joins title lines: no space between Chinese characters (通 报
// is 通报), one space between Latin words.
func joinLines(lines []string) string {
	s := strings.Join(lines, "\n")
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && !wide(rs[i-1]) && !wide(rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// wide: Chinese characters and full-width punctuation, which take no spaces.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x2018 && r <= 0x201F) || r == '…' || r == '—' || r == '·'
}

func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

var cnDigit = map[rune]int{'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnNumber reads 三, 十二, 二十三, 三十一.
func cnNumber(s string) int {
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return cnDigit[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + cnDigit[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return cnDigit[rs[0]] * 10
	case len(rs) == 3 && rs[1] == '十':
		return cnDigit[rs[0]]*10 + cnDigit[rs[2]]
	}
	return 0
}

// parseDate reads 2016年3月23日 and 二〇一六年三月二十三日 (and mixtures).
func parseDate(s string) (time.Time, bool) {
	s = normalizeDigits(compact(s))
	g := anyDate.FindStringSubmatch(s)
	if g == nil || g[0] != s {
		return time.Time{}, false
	}
	y := 0
	for _, r := range g[1] {
		if r >= '0' && r <= '9' {
			y = y*10 + int(r-'0')
		} else {
			y = y*10 + cnDigit[r]
		}
	}
	num := func(x string) int {
		if n, err := strconv.Atoi(x); err == nil {
			return n
		}
		return cnNumber(x)
	}
	m, d := num(g[2]), num(g[3])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || m < 1 || d < 1 || t.Month() != time.Month(m) || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
