package review

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"dangjian/generator/content"
	"dangjian/generator/diag"
)

// mode picks the rules a scan runs: all of them (dangjian review), or only
// the privacy rules that stop a build.
type mode int

const (
	modeAll mode = iota
	modePrivacy
)

// scanner reviews one page. It reads the front matter's text values and the
// body line by line, each once: the word matcher over the line's bytes, then
// one pass over its characters for punctuation, brackets and numbers.
type scanner struct {
	p     *content.Page
	rules *Rules
	mode  mode

	ignore     map[string]bool         // review_ignore of the page
	lineIgnore map[int]map[string]bool // line → rules silenced there (nil map: all)
	out        []Finding
	stack      []opener // open brackets of the current paragraph
	matches    []match
}

type opener struct {
	r         rune
	line, col int
}

func newScanner(p *content.Page, rules *Rules, m mode) *scanner {
	s := &scanner{p: p, rules: rules, mode: m}
	for _, r := range p.ReviewIgnore {
		if s.ignore == nil {
			s.ignore = map[string]bool{}
		}
		s.ignore[r] = true
	}
	return s
}

func (s *scanner) add(line, col int, rule, sev string, msg diag.Msg, args []any, sug diag.Msg, sargs ...any) {
	if s.ignore[rule] {
		return
	}
	if ign, ok := s.lineIgnore[line]; ok && (ign == nil || ign[rule]) {
		return
	}
	s.out = append(s.out, Finding{Path: s.p.Path, Line: line, Column: col, Rule: rule, Severity: sev,
		msg: msg, args: args, sug: sug, sargs: sargs})
}

// ignoreNext records a review:ignore comment on line: the next line is
// silenced, for every rule or for the rules it names.
func (s *scanner) ignoreNext(line int, comment string) {
	i := strings.Index(comment, "review:ignore")
	if i < 0 {
		return
	}
	rest := comment[i+len("review:ignore"):]
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "-->"))
	if s.lineIgnore == nil {
		s.lineIgnore = map[int]map[string]bool{}
	}
	if rest == "" {
		s.lineIgnore[line+1] = nil
		return
	}
	set := map[string]bool{}
	for _, r := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '，' }) {
		set[r] = true
	}
	s.lineIgnore[line+1] = set
}

func isIgnoreComment(t string) bool {
	return strings.HasPrefix(t, "<!--") && strings.Contains(t, "review:ignore") && strings.HasSuffix(t, "-->")
}

// scan reviews the page's front matter and body.
func (s *scanner) scan() []Finding {
	if len(s.p.Front) > 0 {
		s.front()
	}
	s.body()
	return s.out
}

// Front matter keys whose values are names of files, pages or URLs, not text.
var skipKeys = map[string]bool{
	"slug": true, "aliases": true, "logo": true, "unit": true, "units": true,
	"review_ignore": true, "index_number": true, "layout": true, "url": true, "date": true, "awarded": true,
}

// front finds the string values of the front matter on their lines. It only
// has to be right for the flat TOML that front matter uses: key = "text",
// arrays of strings, [[honors]] tables and multi-line strings.
func (s *scanner) front() {
	lines := strings.Split(string(s.p.Front), "\n")
	multi, multiKey, lastKey := "", "", ""
	for i, raw := range lines {
		ln := s.p.FrontLine + i
		if multi != "" {
			end := strings.Index(raw, multi)
			text := raw
			if end >= 0 {
				text = raw[:end]
			}
			if !skipKeys[multiKey] {
				s.text(text, ln, 1, multiKey)
			}
			if end >= 0 {
				multi = ""
				s.endParagraph()
			}
			continue
		}
		t := strings.TrimSpace(raw)
		if strings.HasPrefix(t, "#") || isIgnoreComment(t) {
			s.ignoreNext(ln, t)
			continue
		}
		if t == "" || strings.HasPrefix(t, "[") {
			continue
		}
		eq := strings.IndexByte(raw, '=')
		key := lastKey
		switch {
		case eq >= 0 && isKey(raw[:eq]):
			key = strings.Trim(strings.TrimSpace(raw[:eq]), `"'`)
			lastKey = key
		case t[0] == '"' || t[0] == '\'':
			// A line of a multi-line array: its strings belong to the
			// key above.
			eq = strings.IndexAny(raw, "\"'") - 1
		default:
			continue
		}
		if skipKeys[key] {
			continue
		}
		// The column of each string is counted on from the last one: a
		// line of 100,000 tags, counted from the line's start each time,
		// took 40 s to review.
		at, atCol := 0, 1
		col := func(i int) int {
			atCol += utf8.RuneCountInString(raw[at:i])
			at = i
			return atCol
		}
		pos := eq + 1
		for pos < len(raw) {
			j := strings.IndexAny(raw[pos:], `"'#`)
			if j < 0 {
				break
			}
			j += pos
			q := raw[j]
			if q == '#' {
				break // a comment
			}
			if strings.HasPrefix(raw[j:], `"""`) || strings.HasPrefix(raw[j:], `'''`) {
				delim := raw[j : j+3]
				start := j + 3
				if end := strings.Index(raw[start:], delim); end >= 0 {
					s.fieldText(raw[start:start+end], ln, col(start), key)
					pos = start + end + 3
					continue
				}
				// A multi-line string: one paragraph up to its closing quotes.
				s.text(raw[start:], ln, col(start), key)
				multi, multiKey = delim, key
				break
			}
			start := j + 1
			end := start
			for end < len(raw) && raw[end] != q {
				if q == '"' && raw[end] == '\\' {
					end++
				}
				end++
			}
			if end > len(raw) {
				end = len(raw)
			}
			s.fieldText(raw[start:end], ln, col(start), key)
			pos = end + 1
		}
	}
}

// isKey reports whether the text before a line's "=" is a TOML key: bare
// (members, a.b) or quoted ("title").
func isKey(k string) bool {
	k = strings.TrimSpace(k)
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') {
		return strings.IndexByte(k[1:], k[0]) == len(k)-2
	}
	if k == "" {
		return false
	}
	for _, c := range []byte(k) {
		if !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// fieldText reviews text, one front matter string on line ln from column
// col.
func (s *scanner) fieldText(text string, ln, col int, key string) {
	if key == "doc_number" && s.mode == modeAll {
		s.docNumberField(text, ln, col)
	}
	s.text(text, ln, col, key)
	s.endParagraph()
}

// body reviews the Markdown body line by line. Fenced code is checked for
// words and personal numbers (it is published too) but not for punctuation.
func (s *scanner) body() {
	fence := ""
	ln := s.p.BodyLine - 1
	// The body is only read, never changed, while the scan runs: a string
	// view of it saves copying every page's text.
	var body string
	if len(s.p.Body) > 0 {
		body = unsafe.String(&s.p.Body[0], len(s.p.Body))
	}
	for line := range strings.Lines(body) {
		line = strings.TrimSuffix(line, "\n")
		ln++
		t := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			} else {
				s.code(line, ln)
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			s.endParagraph()
			fence = t[:3]
			continue
		}
		if t == "" {
			s.endParagraph()
			continue
		}
		if isIgnoreComment(t) {
			s.ignoreNext(ln, t)
			continue
		}
		s.text(line, ln, 1, "")
	}
	s.endParagraph()
}

// code reviews a line of code: words and personal numbers only.
func (s *scanner) code(line string, ln int) {
	if s.mode == modeAll {
		s.words(line, ln, 1)
	}
	s.numbers(line, ln, 1)
}

// text reviews one piece of text that starts at column col of line ln.
func (s *scanner) text(text string, ln, col int, key string) {
	s.numbers(text, ln, col)
	if s.mode != modeAll {
		return
	}
	s.words(text, ln, col)
	s.marks(text, ln, col)
	if key != "doc_number" && strings.Contains(text, "号") {
		s.docNumbers(text, ln, col)
	}
}

// ---- words: outdated-term, typo, ad-word and the site's own ----

func (s *scanner) words(text string, ln, col int) {
	s.matches = s.rules.m.find(text, s.matches[:0])
	for _, m := range s.matches {
		t := &s.rules.Terms[m.id]
		if t.Rule == "" || s.before(t.Since) {
			continue
		}
		c := col + utf8.RuneCountInString(text[:m.start])
		var msg diag.Msg
		args := []any{t.Find}
		switch {
		case t.Rule == RuleOutdated && !t.Since.IsZero():
			msg = diag.MsgRevOutdated
			args = append(args, diag.Msg{Zh: t.Since.Format("2006年1月2日"), En: t.Since.Format("2006-01-02")})
		case t.Rule == RuleOutdated:
			msg = diag.MsgRevOldName
		case t.Rule == RuleTypo:
			msg = diag.MsgRevTypo
		case t.Rule == RuleAdWord:
			msg = diag.MsgRevAdWord
		default:
			msg = diag.MsgRevSiteTerm
		}
		if t.Note != "" {
			note := strings.ReplaceAll(t.Note, "%", "%%")
			msg = diag.Msg{Zh: msg.Zh + "（" + note + "）", En: msg.En + " (" + note + ")"}
		}
		switch {
		case t.Replace != "":
			s.add(ln, c, t.Rule, t.Severity, msg, args, diag.SugRevReplace, t.Replace)
		case t.Rule == RuleAdWord:
			s.add(ln, c, t.Rule, t.Severity, msg, args, diag.SugRevAdWord)
		default:
			s.add(ln, c, t.Rule, t.Severity, msg, args, diag.SugRevRemove)
		}
	}
}

// before reports whether the page is dated before since: by its date, else
// by its year (a page of an earlier year). An undated page is current.
func (s *scanner) before(since time.Time) bool {
	if since.IsZero() {
		return false
	}
	if s.p.HasDate {
		return s.p.Date.Before(since)
	}
	if y := s.p.Year(); y > 0 {
		return y < since.Year()
	}
	return false
}

// ---- numbers: privacy-id and privacy-phone ----

// numbers finds runs of ASCII digits that are not part of a longer run: an
// 18-character resident ID (17 digits and a digit or X) whose GB 11643
// check digit is right, a 15-digit old ID with a real birth date, and an
// 11-digit mobile number 1[3-9]…, also with +86 before it. Either may be
// written in groups (138-1234-5678, 138 1234 5678, 430602 19900101 1235,
// 430602-1990-0101-1235) and in full-width digits from a Chinese input
// method (１３８１２３４５６７８): a 公示 copied from a form is written so.
func (s *scanner) numbers(text string, ln, col int) {
	text = foldDigits(text)
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		n := j - i
		switch {
		case n == 17 && j < len(text) && (text[j] == 'X' || text[j] == 'x') && (j+1 == len(text) || !isAlnum(text[j+1])):
			if id := text[i : j+1]; validID18(id) {
				s.privacyID(id, text, i, ln, col)
			}
			j++
		case n == 18 && (i == 0 || !isAlpha(text[i-1])):
			if id := text[i:j]; validID18(id) {
				s.privacyID(id, text, i, ln, col)
			}
		case n == 15 && (i == 0 || !isAlpha(text[i-1])):
			if id := text[i:j]; validID15(id) {
				s.privacyID(id, text, i, ln, col)
			}
		case n == 11 && text[i] == '1' && text[i+1] >= '3' && (i == 0 || !isAlpha(text[i-1])) && !decimalAround(text, i, j):
			s.privacyPhone(text[i:j], text, i, ln, col)
		case n == 13 && text[i:i+3] == "861" && text[i+3] >= '3' && (i == 0 || !isAlpha(text[i-1])) && !decimalAround(text, i, j):
			s.privacyPhone(text[i+2:j], text, i, ln, col) // +8613812345678
		case n >= 3 && n <= 8 && (i == 0 || !isAlpha(text[i-1])):
			if k, num, ok := groupedNumber(text, i, j); ok {
				if len(num) == 11 {
					s.privacyPhone(num, text, i, ln, col)
				} else {
					s.privacyID(num, text, i, ln, col)
				}
				j = k
			}
		}
		i = j
	}
}

// foldDigits writes full-width digits, X, plus, minus, full stop and the
// ideographic space in ASCII. Each character stays one character, so a
// column counted in the result is the column in text.
func foldDigits(text string) string {
	if !strings.ContainsAny(text, "０１２３４５６７８９Ｘｘ＋－．\u3000") {
		return text
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r == 'Ｘ', r == 'ｘ', r == '＋', r == '－', r == '．':
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, text)
}

// groupedNumber reads a number written in groups of three or more digits
// joined by one space, "-" or "." each, starting with the group text[i:j]:
// a mobile number (3-4-4, 3-8, 7-4) or a resident ID (6-8-4, 6-4-4-4, the
// last group may end in X). It returns the end of the groups that make one,
// and its digits, the check digit and birth date of an ID verified. Groups
// that go on past the number (138 1234 5678 2023) still give it.
func groupedNumber(text string, i, j int) (k int, num string, ok bool) {
	num = text[i:j]
	for k = j; k+1 < len(text) && (text[k] == ' ' || text[k] == '-' || text[k] == '.') && isDigit(text[k+1]); {
		g := k + 1
		for g < len(text) && isDigit(text[g]) {
			g++
		}
		if g-(k+1) < 3 {
			return 0, "", false
		}
		num += text[k+1 : g]
		k = g
		switch {
		case len(num) == 11 && num[0] == '1' && num[1] >= '3' && !digitAfter(text, k):
			return k, num, true
		case len(num) == 17 && k < len(text) && (text[k] == 'X' || text[k] == 'x') && (k+1 == len(text) || !isAlnum(text[k+1])):
			if validID18(num + "X") {
				return k + 1, num + "X", true
			}
			return 0, "", false
		case len(num) == 18 && !digitAfter(text, k):
			if validID18(num) {
				return k, num, true
			}
			return 0, "", false
		case len(num) > 18:
			return 0, "", false
		}
	}
	return 0, "", false
}

// digitAfter reports a digit right after k, which would make the number a
// longer one.
func digitAfter(text string, k int) bool { return k < len(text) && isDigit(text[k]) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }

// decimalAround: 3.14159265358 is a number, not a phone.
func decimalAround(text string, i, j int) bool {
	return (i >= 2 && text[i-1] == '.' && isDigit(text[i-2])) || (j+1 < len(text) && text[j] == '.' && isDigit(text[j+1]))
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// validID18 checks a resident ID number's check digit (GB 11643-1999) and
// that it holds a real birth date.
func validID18(id string) bool {
	sum := 0
	for k := 0; k < 17; k++ {
		sum += int(id[k]-'0') * idWeights[k]
	}
	want := "10X98765432"[sum%11]
	got := id[17]
	if got == 'x' {
		got = 'X'
	}
	return got == want && id[0] >= '1' && id[0] <= '9' && validBirth(id[6:10], id[10:12], id[12:14])
}

// validID15 checks an old 15-digit ID: a region code and a 19YYMMDD birth date.
func validID15(id string) bool {
	return id[0] >= '1' && id[0] <= '9' && validBirth("19"+id[6:8], id[8:10], id[10:12])
}

func validBirth(y, m, d string) bool {
	t, err := time.Parse("20060102", y+m+d)
	return err == nil && t.Year() >= 1900 && t.Year() <= time.Now().Year()
}

func (s *scanner) privacyID(id, text string, i, ln, col int) {
	masked := id[:6] + "********" + id[14:]
	if len(id) == 15 {
		masked = id[:6] + "******" + id[12:]
	}
	s.add(ln, col+utf8.RuneCountInString(text[:i]), RulePrivacyID, SevError, diag.MsgRevID, []any{masked}, diag.SugRevID, masked)
}

func (s *scanner) privacyPhone(num, text string, i, ln, col int) {
	masked := num[:3] + "****" + num[7:]
	s.add(ln, col+utf8.RuneCountInString(text[:i]), RulePrivacyPhone, SevError, diag.MsgRevPhone, []any{masked}, diag.SugRevPhone, masked)
}

// ---- marks: punctuation and unbalanced ----

// IsChinese reports a character that makes its neighbourhood Chinese text:
// a Han character, or CJK or full-width punctuation (、。《》「」，：…).
func IsChinese(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || unicode.Is(unicode.Han, r)
}

// fullWidth is the full-width form of a half-width mark the rule checks,
// or "" (a switch: this runs for every character of every page).
func fullWidth(c byte) string {
	switch c {
	case ',':
		return "，"
	case ':':
		return "："
	case ';':
		return "；"
	case '!':
		return "！"
	case '?':
		return "？"
	case '(':
		return "（"
	case ')':
		return "）"
	}
	return ""
}

// closerOf is the closing mark of an opening one, 0 if r opens nothing.
func closerOf(r rune) rune {
	switch r {
	case '《':
		return '》'
	case '“':
		return '”'
	case '‘':
		return '’'
	case '（':
		return '）'
	case '「':
		return '」'
	case '【':
		return '】'
	}
	return 0
}

// openerOf is the opening mark of a closing one, 0 if r closes nothing.
func openerOf(r rune) rune {
	switch r {
	case '》':
		return '《'
	case '”':
		return '“'
	case '’':
		return '‘'
	case '）':
		return '（'
	case '」':
		return '「'
	case '】':
		return '【'
	}
	return 0
}

func (s *scanner) marks(text string, ln, col int) {
	spans := excluded(text)
	sp := 0
	runeCol := col - 1
	for i, r := range text {
		runeCol++
		for sp < len(spans) && spans[sp].end <= i {
			sp++
		}
		if sp < len(spans) && spans[sp].start <= i {
			continue
		}
		if r < utf8.RuneSelf {
			fw := fullWidth(byte(r))
			if fw == "" {
				continue
			}
			if r == '!' && i+1 < len(text) && text[i+1] == '[' {
				continue // ![image](…)
			}
			if IsChinese(neighbour(text, i, -1)) || IsChinese(neighbour(text, i+1, +1)) {
				s.add(ln, runeCol, RulePunctuation, SevWarning, diag.MsgRevPunct, []any{string(r)}, diag.SugRevPunct, fw)
			}
			continue
		}
		switch r {
		case '。', '，':
			size := utf8.RuneLen(r)
			if strings.HasPrefix(text[i+size:], string(r)) && !strings.HasSuffix(text[:i], string(r)) {
				s.add(ln, runeCol, RulePunctuation, SevWarning, diag.MsgRevDoubled, []any{string(r) + string(r)}, diag.SugRevDoubled, string(r))
			}
			continue
		}
		if closerOf(r) != 0 {
			s.stack = append(s.stack, opener{r, ln, runeCol})
			continue
		}
		open := openerOf(r)
		if open == 0 {
			continue
		}
		if r == '’' && isLatinAt(text, i) {
			continue // an apostrophe: don’t
		}
		k := len(s.stack) - 1
		for k >= 0 && s.stack[k].r != open {
			k--
		}
		if k < 0 {
			s.add(ln, runeCol, RuleUnbalanced, SevWarning, diag.MsgRevUnclosed, []any{string(r), string(open)}, diag.SugRevUnclosed, string(open), string(r))
			continue
		}
		for _, o := range s.stack[k+1:] {
			s.unclosed(o)
		}
		s.stack = s.stack[:k]
	}
}

// neighbour is the character before byte i (dir -1) or at byte i (dir +1),
// looking through Markdown emphasis (**加粗**:).
func neighbour(text string, i, dir int) rune {
	for {
		var r rune
		var size int
		if dir < 0 {
			if i <= 0 {
				return 0
			}
			r, size = utf8.DecodeLastRuneInString(text[:i])
			i -= size
		} else {
			if i >= len(text) {
				return 0
			}
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
		}
		if r != '*' {
			return r
		}
	}
}

func isLatinAt(text string, i int) bool {
	b, _ := utf8.DecodeLastRuneInString(text[:i])
	a, _ := utf8.DecodeRuneInString(text[i+len("’"):])
	return b < utf8.RuneSelf && isAlpha(byte(b)) && a < utf8.RuneSelf && isAlpha(byte(a))
}

func (s *scanner) unclosed(o opener) {
	cl := string(closerOf(o.r))
	s.add(o.line, o.col, RuleUnbalanced, SevWarning, diag.MsgRevUnclosed, []any{string(o.r), cl}, diag.SugRevUnclosed, cl, string(o.r))
}

// endParagraph reports the brackets left open at the end of a paragraph.
func (s *scanner) endParagraph() {
	for _, o := range s.stack {
		s.unclosed(o)
	}
	s.stack = s.stack[:0]
}

type span struct{ start, end int }

// excluded returns the byte ranges of a line that are not prose: inline
// code, URLs, link destinations, HTML tags and comments. They are sorted
// and may overlap.
func excluded(text string) []span {
	var out []span
	if strings.IndexByte(text, '`') >= 0 {
		for i := 0; i < len(text); {
			if text[i] != '`' {
				i++
				continue
			}
			n := 0
			for i+n < len(text) && text[i+n] == '`' {
				n++
			}
			fence := text[i : i+n]
			end := strings.Index(text[i+n:], fence)
			if end < 0 {
				i += n
				continue
			}
			out = append(out, span{i, i + n + end + n})
			i += n + end + n
		}
	}
	if strings.Contains(text, "](") {
		for i := 0; ; {
			j := strings.Index(text[i:], "](")
			if j < 0 {
				break
			}
			start := i + j + 1
			depth, k := 0, start
			for ; k < len(text); k++ {
				if text[k] == '(' {
					depth++
				} else if text[k] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, span{start, min(k+1, len(text))})
			i = min(k+1, len(text))
		}
	}
	if strings.Contains(text, "://") || strings.Contains(text, "www.") {
		for _, m := range urlRE.FindAllStringIndex(text, -1) {
			out = append(out, span{m[0], m[1]})
		}
	}
	if strings.IndexByte(text, '<') >= 0 {
		for _, m := range tagRE.FindAllStringIndex(text, -1) {
			out = append(out, span{m[0], m[1]})
		}
	}
	if len(out) > 1 {
		sortSpans(out)
	}
	return out
}

func sortSpans(s []span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].start < s[j-1].start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// A URL runs to a space, a quote or bracket that ends it, or Chinese
// punctuation; it may hold Chinese (https://例子.cn/搜索?q=党建).
var (
	urlRE = regexp.MustCompile(`(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>"'()\[\]\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]+`)
	tagRE = regexp.MustCompile(`<!--.*?-->|</?[a-zA-Z][^<>]*>`)
)

// ---- doc-number ----

// A 发文字号 written in the body: issuer code, year in some bracket, serial, 号.
var docRE = regexp.MustCompile(`\p{Han}{2,}([〔\[(（【［])\s*((?:19|20)\d{2})\s*([〕\])）】］])\s*(第?\s*\d+)\s*号`)

// docNumbers checks the 文号 written in a line of text.
func (s *scanner) docNumbers(text string, ln, col int) {
	if !strings.ContainsAny(text, "〔[(（【［") {
		return
	}
	for _, m := range docRE.FindAllStringSubmatchIndex(text, -1) {
		s.checkDoc(text, m, ln, col, false)
	}
}

// docNumberField checks a doc_number front matter value: it must have its
// year in 〔〕 and no leading zero in the serial.
func (s *scanner) docNumberField(text string, ln, col int) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if m := docRE.FindStringSubmatchIndex(text); m != nil {
		s.checkDoc(text, m, ln, col, true)
		return
	}
	if !strings.Contains(text, "〔") {
		s.add(ln, col, RuleDocNumber, SevError, diag.MsgRevDocNoYear, []any{text}, diag.SugRevDocForm)
	}
}

func (s *scanner) checkDoc(text string, m []int, ln, col int, field bool) {
	year, close, serial := text[m[4]:m[5]], text[m[6]:m[7]], text[m[8]:m[9]]
	open := text[m[2]:m[3]]
	digits := strings.TrimSpace(strings.TrimPrefix(serial, "第"))
	trimmed := strings.TrimLeft(digits, "0")
	if trimmed == "" {
		trimmed = "0"
	}
	// In the body the issuer code cannot be told from the words before it
	// (根据岳卫党发…), so the message quotes from the bracket on.
	from := m[2]
	if field {
		from = 0
	}
	whole := text[from:m[1]]
	fixed := text[from:m[2]] + "〔" + year + "〕" + trimmed + "号" + text[m[1]:]
	if !field {
		fixed = "〔" + year + "〕" + trimmed + "号"
	}
	switch {
	case open != "〔" || close != "〕":
		s.add(ln, col+utf8.RuneCountInString(text[:m[2]]), RuleDocNumber, SevError, diag.MsgRevDocBracket, []any{whole}, diag.SugRevReplace, fixed)
	case trimmed != digits:
		s.add(ln, col+utf8.RuneCountInString(text[:m[8]]), RuleDocNumber, SevError, diag.MsgRevDocZero, []any{whole}, diag.SugRevReplace, fixed)
	}
}
