package content

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dangjian/generator/config"
)

// decodeFront decodes front matter into the table toml.Decode would make.
//
// Front matter is nearly always one line per key with a plain value, and
// BurntSushi/toml, which handles all of TOML, took 4% of a 10,000-page
// build's CPU (profile) decoding it. So the lines of that common shape are
// read here; anything else (a [table], a multi-line string or array, a
// dotted or quoted key, a duplicate key, any mistake) goes to toml.Decode,
// which stays the one judge of what is valid and words every error. A test
// and a fuzz target check that both give the same table.
func decodeFront(front string) (map[string]any, error) {
	if t, ok := quickTOML(front); ok {
		return t, nil
	}
	table := map[string]any{}
	_, err := config.DecodeTOML(front, &table)
	return table, err
}

// quickTOML reads front matter made only of comments, blank lines,
// "key = value" lines and [[array]] headers with the same lines under them,
// where a value is a string, integer, float, boolean, date or one-line
// array of those. ok is false for anything else.
func quickTOML(s string) (map[string]any, bool) {
	if !utf8.ValidString(s) {
		return nil, false
	}
	top := map[string]any{}
	cur := top
	arrays := map[string]bool{} // keys of top made by [[key]]
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = trimTOMLSpace(line)
		if line == "" || line[0] == '#' {
			if !plainComment(line) {
				return nil, false
			}
			continue
		}
		if strings.HasPrefix(line, "[[") {
			name, rest, ok := strings.Cut(line[2:], "]]")
			name = trimTOMLSpace(name)
			if !ok || !bareKey(name) || !endOfLine(rest) {
				return nil, false
			}
			if _, exists := top[name]; exists && !arrays[name] {
				return nil, false
			}
			arrays[name] = true
			cur = map[string]any{}
			list, _ := top[name].([]map[string]any)
			top[name] = append(list, cur)
			continue
		}
		key, rest, ok := strings.Cut(line, "=")
		key = trimTOMLSpace(key)
		if !ok || !bareKey(key) {
			return nil, false
		}
		if _, exists := cur[key]; exists {
			return nil, false
		}
		v, rest, ok := quickValue(trimTOMLSpace(rest), true)
		if !ok || !endOfLine(rest) {
			return nil, false
		}
		cur[key] = v
	}
	return top, true
}

func trimTOMLSpace(s string) string { return strings.Trim(s, " \t") }

// endOfLine reports whether rest, after a value or header, is only space
// and a comment.
func endOfLine(rest string) bool {
	rest = trimTOMLSpace(rest)
	return rest == "" || rest[0] == '#' && plainComment(rest)
}

// plainComment reports whether a comment has no control character, which
// TOML forbids there (tab aside).
func plainComment(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func bareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// quickValue reads one value at the start of s and returns what follows it.
// Arrays are read only at the top of a value, not nested.
func quickValue(s string, top bool) (any, string, bool) {
	if s == "" {
		return nil, "", false
	}
	switch c := s[0]; {
	case c == '"':
		return basicString(s)
	case c == '\'':
		if strings.HasPrefix(s, "'''") {
			return nil, "", false
		}
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 || !plainComment(s[1:1+end]) {
			return nil, "", false
		}
		return s[1 : 1+end], s[2+end:], true
	case c == '[':
		if !top {
			return nil, "", false
		}
		return quickArray(s[1:])
	case c == 't' && strings.HasPrefix(s, "true"):
		return true, s[4:], true
	case c == 'f' && strings.HasPrefix(s, "false"):
		return false, s[5:], true
	}
	n := 0
	for n < len(s) && strings.IndexByte("0123456789+-.:eETZ", s[n]) >= 0 {
		n++
	}
	tok := s[:n]
	if v, ok := quickDate(tok); ok {
		return v, s[n:], true
	}
	if v, ok := quickNumber(tok); ok {
		return v, s[n:], true
	}
	return nil, "", false
}

func quickArray(s string) (any, string, bool) {
	arr := make([]any, 0, 2) // toml.Decode's arrays are never nil
	for {
		s = trimTOMLSpace(s)
		if strings.HasPrefix(s, "]") {
			return arr, s[1:], true
		}
		v, rest, ok := quickValue(s, false)
		if !ok {
			return nil, "", false
		}
		arr = append(arr, v)
		s = trimTOMLSpace(rest)
		switch {
		case strings.HasPrefix(s, ","):
			s = s[1:]
		case strings.HasPrefix(s, "]"):
			return arr, s[1:], true
		default:
			return nil, "", false
		}
	}
}

// basicString reads a one-line "…" string with its escapes.
func basicString(s string) (any, string, bool) {
	if strings.HasPrefix(s, `"""`) {
		return nil, "", false
	}
	var b []byte // nil until the first escape: most strings are slices of s
	for i := 1; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			if b == nil {
				return s[1:i], s[i+1:], true
			}
			return string(b), s[i+1:], true
		case c < 0x20 && c != '\t' || c == 0x7f:
			return nil, "", false
		case c == '\\':
			if b == nil {
				b = append(make([]byte, 0, len(s)), s[1:i]...)
			}
			r, n := escape(s[i+1:])
			if n == 0 {
				return nil, "", false
			}
			b = utf8.AppendRune(b, r)
			i += 1 + n
			continue
		}
		if b != nil {
			b = append(b, c)
		}
		i++
	}
	return nil, "", false
}

// escape decodes the escape after a backslash, returning the rune and the
// bytes it took (0: not one this reader knows).
func escape(s string) (rune, int) {
	if s == "" {
		return 0, 0
	}
	switch s[0] {
	case 'b':
		return '\b', 1
	case 't':
		return '\t', 1
	case 'n':
		return '\n', 1
	case 'f':
		return '\f', 1
	case 'r':
		return '\r', 1
	case '"':
		return '"', 1
	case '\\':
		return '\\', 1
	case 'u', 'U':
		n := 4
		if s[0] == 'U' {
			n = 8
		}
		if len(s) < 1+n {
			return 0, 0
		}
		v, err := strconv.ParseUint(s[1:1+n], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) || v == 0 {
			return 0, 0
		}
		return rune(v), 1 + n
	}
	return 0, 0
}

// quickNumber reads a decimal integer or float without underscores.
func quickNumber(tok string) (any, bool) {
	digits := strings.TrimLeft(tok, "+-")
	if len(tok)-len(digits) > 1 || digits == "" || digits[0] < '0' || digits[0] > '9' {
		return nil, false
	}
	intEnd := strings.IndexAny(digits, ".eE")
	if intEnd < 0 {
		intEnd = len(digits)
	}
	if len(digits[:intEnd]) > 1 && digits[0] == '0' || strings.ContainsAny(digits[:intEnd], "+-:TZ") {
		return nil, false // leading zeros, or a date the date reader did not take
	}
	if intEnd == len(digits) {
		v, err := strconv.ParseInt(tok, 10, 64)
		return v, err == nil
	}
	frac := digits[intEnd:]
	if frac[0] == '.' {
		// TOML wants digits on both sides of the point.
		if len(frac) < 2 || frac[1] < '0' || frac[1] > '9' {
			return nil, false
		}
	}
	for i := 0; i < len(frac); i++ {
		if c := frac[i]; c == ':' || c == 'T' || c == 'Z' || c == '.' && i > 0 {
			return nil, false
		}
	}
	v, err := strconv.ParseFloat(tok, 64)
	return v, err == nil
}

// tomlZones are the time zones toml.Decode gives local dates and date-times,
// taken from it so that both readers' values are equal.
var tomlZones = sync.OnceValues(func() (date, datetime *time.Location) {
	v := map[string]any{}
	toml.Decode("d = 2000-01-01\ndt = 2000-01-01T00:00:00", &v)
	d, _ := v["d"].(time.Time)
	dt, _ := v["dt"].(time.Time)
	return d.Location(), dt.Location()
})

// quickDate reads a date (2021-03-05), local date-time or offset date-time
// with seconds, the way toml.Decode does.
func quickDate(tok string) (any, bool) {
	if len(tok) < 10 || tok[4] != '-' || tok[7] != '-' || !allDigits(tok[:4]) || !allDigits(tok[5:7]) || !allDigits(tok[8:10]) {
		return nil, false
	}
	date, datetime := tomlZones()
	if len(tok) == 10 {
		t, err := time.ParseInLocation("2006-01-02", tok, date)
		return t, err == nil
	}
	// 2006-01-02T15:04:05, then an optional fraction, then Z or ±hh:mm.
	if len(tok) < 19 || tok[10] != 'T' || tok[13] != ':' || tok[16] != ':' ||
		!allDigits(tok[11:13]) || !allDigits(tok[14:16]) || !allDigits(tok[17:19]) {
		return nil, false
	}
	rest := tok[19:]
	if strings.HasPrefix(rest, ".") {
		n := 1
		for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 1 {
			return nil, false
		}
		rest = rest[n:]
	}
	switch {
	case rest == "":
		t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", tok, datetime)
		return t, err == nil
	case rest == "Z" || len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && allDigits(rest[1:3]) && rest[3] == ':' && allDigits(rest[4:6]):
		t, err := time.ParseInLocation(time.RFC3339Nano, tok, time.Local)
		return t, err == nil
	}
	return nil, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
