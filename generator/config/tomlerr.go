package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dangjian/generator/diag"
)

// TOMLProblemSrc is TOMLProblem with the text that was decoded (src, whose
// line 1 is file line lineOffset+1): the line the decoder stopped on is
// read for the usual slips (a date written 2019年7月1日, curly quotes from
// Word, full-width ＝ and digits, 1,280, 80人), and the message says what
// to write instead. Everything else is the decoder's error in the
// officer's words: no English is left in the Chinese message.
func TOMLProblemSrc(path string, lineOffset int, err error, src []byte) diag.Problem {
	outer := diag.MsgFrontTOML
	if path == FileName {
		outer = diag.MsgConfigTOML
	}
	return tomlProblem(outer, path, lineOffset, err, src)
}

// TOMLProblemIn is TOMLProblemSrc for another TOML file than site.toml or
// a page's front matter (a review word list): outer says which file it is,
// and has one %s for the decoder's problem in the officer's words.
func TOMLProblemIn(outer diag.Msg, path string, err error, src []byte) diag.Problem {
	return tomlProblem(outer, path, 0, err, src)
}

func tomlProblem(outer diag.Msg, path string, lineOffset int, err error, src []byte) diag.Problem {
	var derr *DepthError
	if errors.As(err, &derr) {
		inner, n := diag.MsgTOMLNesting, MaxTOMLNesting
		if derr.Dots {
			inner, n = diag.MsgTOMLDots, MaxTOMLDots
		}
		return diag.New(path, derr.Line+lineOffset, diag.Sentence(outer, inner, n))
	}
	line, msg, lastKey := 0, err.Error(), ""
	var perr toml.ParseError
	if errors.As(err, &perr) {
		line, msg, lastKey = perr.Position.Line, perr.Message, perr.LastKey
		if msg == "" {
			msg = perr.Error()
		}
	} else if m := lineRe.FindStringSubmatch(msg); m != nil {
		// Type mismatches come as plain errors: "toml: line 3 (last key "x"): …".
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(m[3])
		lastKey = m[2]
	}
	// A table header left open is found at the next line's start; the
	// mistake is on the header's own line.
	if strings.Contains(msg, "table name") && strings.Contains(msg, `'\n'`) && line > 1 {
		line--
	}
	if src != nil && line > 0 {
		lines := strings.Split(string(src), "\n")
		if line <= len(lines) {
			if inner, args, ok := Hint(lines[line-1]); ok {
				return diag.New(path, line+lineOffset, diag.Sentence(outer, inner, args...))
			}
		}
	}
	inner, args := translate(msg, lastKey)
	return diag.New(path, line+lineOffset, diag.Sentence(outer, inner, args...))
}

var lineRe = regexp.MustCompile(`^toml: line (\d+)(?: \(last key "([^"]*)"\))?:(.*)$`)

// The decoder's messages (BurntSushi/toml v1), most specific first.
var tomlMessages = []struct {
	re  *regexp.Regexp
	msg diag.Msg
}{
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead`), diag.MsgTOMLAfterValue},
	{regexp.MustCompile(`^unexpected EOF; expected value`), diag.MsgTOMLNoValue},
	{regexp.MustCompile(`^expected value but found (.*) instead`), diag.MsgTOMLValue},
	{regexp.MustCompile(`^unexpected '=': key name appears blank`), diag.MsgTOMLBlankKey},
	{regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead`), diag.MsgTOMLKey},
	{regexp.MustCompile(`^unexpected EOF; expected key separator`), diag.MsgTOMLKey},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`), diag.MsgTOMLArray},
	{regexp.MustCompile(`^unexpected comma`), diag.MsgTOMLArray},
	{regexp.MustCompile(`^unexpected EOF; expected ('|"|'''|""")`), diag.MsgTOMLUnclosedStr},
	{regexp.MustCompile(`^strings cannot contain newlines`), diag.MsgTOMLUnclosedStr},
	{regexp.MustCompile(`^Key '(.*)' has already been defined`), diag.MsgTOMLDuplicate},
	{regexp.MustCompile(`^Key '(.*)' was already created`), diag.MsgTOMLDuplicate},
	{regexp.MustCompile(`^invalid datetime: (.*)$`), diag.MsgTOMLBadDate},
	{regexp.MustCompile(`^invalid escape in string`), diag.MsgTOMLEscape},
	{regexp.MustCompile(`^expected (two|four|eight) hexadecimal digits`), diag.MsgTOMLEscape},
	{regexp.MustCompile(`(?i)^(invalid float|invalid integer|expected a digit|floats must start|not a (binary|octal|hexadecimal) number|cannot use sign)`), diag.MsgTOMLNumber},
	{regexp.MustCompile(`^(.*) is out of (the safe )?range`), diag.MsgTOMLRange},
	{regexp.MustCompile(`(table name|table array name|table separator|is not a table)`), diag.MsgTOMLTable},
	{regexp.MustCompile(`control characters|NULL bytes|invalid UTF-8`), diag.MsgTOMLControl},
}

var typeRe = regexp.MustCompile(`incompatible types: TOML value has type ([\w.]+); destination has type ([\w.]+)`)

// translate words one decoder error for the officer.
func translate(msg, lastKey string) (diag.Msg, []any) {
	if m := typeRe.FindStringSubmatch(msg); m != nil {
		key := lastKey
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			key = key[i+1:]
		}
		return diag.MsgFieldTypeTOML, []any{key, typeName(m[2]), typeName(m[1])}
	}
	for _, t := range tomlMessages {
		m := t.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		n := strings.Count(t.msg.Zh, "%")
		args := make([]any, 0, n)
		for _, s := range m[1:] {
			if len(args) < n {
				if t.msg == diag.MsgTOMLDuplicate {
					args = append(args, s[strings.LastIndexByte(s, '.')+1:])
					continue
				}
				args = append(args, quoteFound(s))
			}
		}
		for len(args) < n {
			args = append(args, "")
		}
		if t.msg == diag.MsgTOMLValue && len(m) > 1 && (m[1] == `'\n'` || m[1] == `'\r'` || m[1] == "EOF") {
			return diag.MsgTOMLNoValue, nil
		}
		return t.msg, args
	}
	return diag.MsgTOMLOther, []any{msg}
}

// quoteFound shows what the decoder found ('年', "EOF") as the officer
// typed it, in corner quotes.
func quoteFound(s string) string {
	s = strings.TrimSpace(s)
	if s == "EOF" {
		return "前置信息的结尾"
	}
	if u, err := strconv.Unquote(s); err == nil {
		s = u
	} else if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		s = s[1 : len(s)-1]
	}
	return "“" + s + "”"
}

func typeName(t string) diag.Msg {
	switch strings.ToLower(t) {
	case "string":
		return diag.MsgTOMLTypeText
	case "integer", "int", "int64", "int32", "uint", "uint64":
		return diag.MsgTOMLTypeInt
	case "float", "float64", "float32":
		return diag.MsgTOMLTypeFloat
	case "bool", "boolean":
		return diag.MsgTOMLTypeBool
	case "array", "slice":
		return diag.MsgTOMLTypeArray
	case "hash", "table", "map", "struct":
		return diag.MsgTOMLTypeTable
	case "datetime", "date", "time.time":
		return diag.MsgTOMLTypeDate
	}
	return diag.MsgTOMLTypeOther
}

var (
	dateRe      = regexp.MustCompile(`^["']?\s*(\d{4})\s*(?:年|\.|/|-|—|–)\s*(\d{1,2})\s*(?:月|\.|/|-|—|–)\s*(\d{1,2})\s*(?:日|号)?\s*["']?$`)
	thousandsRe = regexp.MustCompile(`^([+-]?\d{1,3}(?:,\d{3})+)(\.\d+)?$`)
	unitRe      = regexp.MustCompile(`^([+-]?\d+(?:\.\d+)?)\s*([\p{Han}%％][^#]*)$`)
)

// Hint recognises the usual slips in one "key = value" line of TOML and
// returns the message that says what to write instead. ok is false when
// the line has none of them.
func Hint(line string) (diag.Msg, []any, bool) {
	t := strings.TrimSpace(line)
	if t == "" || t[0] == '#' || t[0] == '[' && !strings.Contains(t, "=") && !strings.Contains(t, "＝") {
		return diag.Msg{}, nil, false
	}
	key, value, eq := cutEquals(t)
	if eq == "" {
		// "title: …" or "title：…": a colon, as in YAML or in a Chinese
		// sentence, where TOML wants "=". The full-width colon must not be
		// read as a full-width key, whose fix would be "title:…".
		if k, v, ok := cutColon(t); ok {
			return diag.MsgHintColon, []any{k, fixValue(stripComment(v))}, true
		}
	}
	value = stripComment(value)
	fixedKey := FoldWidth(key)
	// A full-width space (the Chinese input method's space bar) around the
	// key or "=": TOML reads it as a character of the key.
	if strings.Contains(quotedRe.ReplaceAllString(line, `""`), "\u3000") && keyRe.MatchString(fixedKey) && eq != "" {
		return diag.MsgHintIdeoSpace, []any{fixedKey, fixValue(value)}, true
	}
	// tags = 党建，品牌: a list written as a sentence. Quoting it, as
	// for a text, would make one tag of the two.
	if listKeys[fixedKey] && eq != "" && value != "" && (!strings.HasPrefix(FoldWidth(value), "[") || strings.ContainsAny(value, "，、")) {
		return diag.MsgHintList, []any{fixedKey, fixedKey, listValue(value)}, true
	}
	if eq == "＝" {
		return diag.MsgHintEquals, []any{fixedKey, fixValue(value)}, true
	}
	if fixedKey != key && keyRe.MatchString(fixedKey) {
		return diag.MsgHintFullWidthKey, []any{key, fixedKey}, true
	}
	if eq == "" || looksLikeTOML(value) {
		return diag.Msg{}, nil, false
	}
	if q := curlyQuote(value); q != "" {
		return diag.MsgHintQuotes, []any{q, key, fixValue(value)}, true
	}
	folded := FoldWidth(value)
	if m := dateRe.FindStringSubmatch(folded); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return diag.MsgHintDate, []any{value, key, fmt.Sprintf("%04d-%02d-%02d", y, mo, d)}, true
		}
	}
	if folded != value {
		return diag.MsgHintFullWidth, []any{value, fullWidthRunes(value), key, fixValue(value)}, true
	}
	if m := thousandsRe.FindStringSubmatch(value); m != nil {
		return diag.MsgHintThousands, []any{value, key, strings.ReplaceAll(m[1], ",", "") + m[2]}, true
	}
	if m := unitRe.FindStringSubmatch(value); m != nil {
		return diag.MsgHintNumberUnit, []any{key, m[1]}, true
	}
	if b, ok := boolWords[value]; ok && boolKeys[key] {
		return diag.MsgHintBoolWord, []any{value, key, b}, true
	}
	// title = 测试: a text without its quotes. Fields that hold numbers,
	// dates or true/false get the decoder's own message, which says so.
	if value != "" && !notTextKeys[key] && !boolKeys[key] && !strings.ContainsAny(value[:1], `"'[{+-.0123456789`) {
		return diag.MsgHintQuoteText, []any{key, strconv.Quote(value)}, true
	}
	return diag.Msg{}, nil, false
}

// listKeys are the fields whose value is a list.
var listKeys = map[string]bool{"tags": true, "units": true, "aliases": true, "featured_brands": true}

var (
	quotedRe  = regexp.MustCompile(`"[^"]*"`)
	listSepRe = regexp.MustCompile(`[,，、;；]+`)
)

// listValue writes the items of a list typed as a sentence (党建，品牌 or
// "党建、品牌") as a TOML list.
func listValue(v string) string {
	// 【党建，品牌】: the brackets a Chinese input method gives for [ ].
	v = strings.Trim(fixValue(v), `"' []【】〔〕`)
	var items []string
	for _, it := range listSepRe.Split(v, -1) {
		if it = strings.Trim(it, `"' `); it != "" {
			items = append(items, strconv.Quote(it))
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// FixBool reads a true/false written as a text or a word ("false", "否")
// as TOML's true or false.
func FixBool(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "true" || s == "false" {
		return s, true
	}
	b, ok := boolWords[s]
	return b, ok
}

// Keys whose values are not texts, in site.toml and front matter.
var (
	boolKeys    = map[string]bool{"draft": true, "unsafe_html": true, "ipv6": true}
	notTextKeys = map[string]bool{"date": true, "awarded": true, "members": true, "branches": true, "year": true,
		"members_involved": true, "activities": true, "beneficiaries": true, "investment": true, "weight": true, "paginate": true}
	// boolWords are the ways of saying yes and no an officer may write.
	boolWords = map[string]string{"是": "true", "对": "true", "真": "true", "否": "false", "不": "false", "假": "false",
		"True": "true", "TRUE": "true", "False": "false", "FALSE": "false", "yes": "true", "no": "false"}
)

// cutEquals splits a line at its first "=" or full-width "＝".
func cutEquals(t string) (key, value, eq string) {
	i, j := strings.IndexByte(t, '='), strings.Index(t, "＝")
	switch {
	case j >= 0 && (i < 0 || j < i):
		return strings.TrimSpace(t[:j]), strings.TrimSpace(t[j+len("＝"):]), "＝"
	case i >= 0:
		return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:]), "="
	}
	return t, "", ""
}

var keyRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// cutColon splits "key: value" or "key：value" (a field name as TOML
// writes it, then a half- or full-width colon) at the colon.
func cutColon(t string) (key, value string, ok bool) {
	i := strings.IndexAny(t, ":：")
	if i < 0 {
		return "", "", false
	}
	key = FoldWidth(strings.TrimSpace(t[:i]))
	if !keyRe.MatchString(key) {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	return key, strings.TrimSpace(t[i+size:]), true
}

// stripComment drops a # comment that is not inside a quoted text.
func stripComment(v string) string {
	quote := rune(0)
	for i, r := range v {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return strings.TrimSpace(v[:i])
		}
	}
	return strings.TrimSpace(v)
}

// looksLikeTOML reports values the decoder takes (a date-time, a float
// with an exponent), which the number-and-unit rule must leave alone.
func looksLikeTOML(v string) bool {
	var x map[string]any
	_, err := toml.Decode("v = "+v, &x)
	return err == nil
}

var curlyQuotes = []string{"“", "”", "‘", "’", "＂", "＇", "「", "」", "『", "』"}

func curlyQuote(v string) string {
	for _, q := range curlyQuotes {
		if strings.Contains(v, q) {
			return q
		}
	}
	return ""
}

// fixValue is the value as it should be written: straight quotes, half-width
// characters, a text in quotes.
func fixValue(v string) string {
	r := strings.NewReplacer("“", `"`, "”", `"`, "‘", `"`, "’", `"`, "＂", `"`, "＇", `"`, "「", `"`, "」", `"`, "『", `"`, "』", `"`, "、", ", ")
	return FoldWidth(r.Replace(v))
}

// FoldWidth turns full-width ASCII (U+FF01–FF5E: ０-９, Ａ-Ｚ, ，［］＝ …) and
// the ideographic space into their ASCII forms: the part of NFKC that
// matters for TOML, tags and unit names.
func FoldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// fullWidthRunes lists the full-width characters of s, once each.
func fullWidthRunes(s string) string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range s {
		if (r >= 0xFF01 && r <= 0xFF5E || r == 0x3000) && !seen[r] {
			seen[r] = true
			if r == 0x3000 {
				out = append(out, "全角空格")
			} else {
				out = append(out, string(r))
			}
		}
	}
	return strings.Join(out, " ")
}

var leadingNumberRe = regexp.MustCompile(`^\s*([+-]?\d+(?:\.\d+)?)`)

// FixNumber reads the number out of a text written where a number belongs
// ("80人", "1,280", "８０"), for the message that says what to write.
func FixNumber(s string) (string, bool) {
	s = strings.ReplaceAll(FoldWidth(s), ",", "")
	m := leadingNumberRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// FixDate reads a date written as 2019年7月1日, 2019.7.1 or 2019/7/1 and
// returns it as TOML writes it (2019-07-01).
func FixDate(s string) (string, bool) {
	m := dateRe.FindStringSubmatch(FoldWidth(strings.TrimSpace(s)))
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}
