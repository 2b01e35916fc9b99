package content

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/diag"
)

// fields reads typed values out of one decoded TOML table, reporting each
// wrong type or missing value with the line the key is written on. It keeps
// track of which keys were read, so the rest can be reported as unknown.
type fields struct {
	path  string
	table map[string]any
	lines map[string]int // key → file line
	line  int            // line of the table itself, for missing keys
	used  map[string]bool
	probs *[]diag.Problem
	// lenient: a draft, whose required fields may still be empty.
	lenient bool
	// held: keys whose placeholder was taken out (and reported as such).
	held map[string]bool
}

func newFields(path string, table map[string]any, lines map[string]int, line int, probs *[]diag.Problem) *fields {
	return &fields{path: path, table: table, lines: lines, line: line, used: map[string]bool{}, probs: probs}
}

func (f *fields) lineOf(key string) int {
	if l, ok := f.lines[key]; ok {
		return l
	}
	return f.line
}

// What a field should be, in both languages (an argument of MsgFieldType).
var (
	wantText      = diag.Msg{Zh: "文本（用双引号括起）", En: "text (in double quotes)"}
	wantBool      = diag.Msg{Zh: "true 或 false", En: "true or false"}
	wantInt       = diag.Msg{Zh: "整数", En: "a whole number"}
	wantNumber    = diag.Msg{Zh: "数字", En: "a number"}
	wantTextArray = diag.Msg{Zh: "文本数组，如 [\"a\", \"b\"]", En: "a list of texts, e.g. [\"a\", \"b\"]"}
	wantDate      = diag.Msg{Zh: "日期，如 2021-03-05", En: "a date, e.g. 2021-03-05"}
	wantHonors    = diag.Msg{Zh: "[[honors]] 表格", En: "[[honors]] tables"}
	wantParams    = diag.Msg{Zh: "[params] 表格", En: "a [params] table"}
)

func (f *fields) typeErr(key string, want diag.Msg, got any) {
	if s, ok := got.(string); ok {
		switch want {
		case wantInt, wantNumber:
			if n, ok := config.FixNumber(s); ok {
				*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgHintFieldNumber, key, want, show(got), key, n))
				return
			}
		case wantDate:
			if d, ok := config.FixDate(s); ok {
				*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgHintFieldDate, key, want, show(got), key, d))
				return
			}
		case wantBool:
			// draft = "false": quoted, it is a text, which no switch reads.
			if b, ok := config.FixBool(s); ok {
				*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgHintFieldDate, key, want, show(got), key, b))
				return
			}
		}
	}
	*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgFieldType, key, want, show(got)))
}

// show prints a value the way the officer wrote it in TOML.
func show(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case time.Time:
		return v.Format("2006-01-02")
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = show(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return "{…}"
	}
	return fmt.Sprint(v)
}

func (f *fields) get(key string) (any, bool) {
	f.used[key] = true
	v, ok := f.table[key]
	return v, ok
}

// requiredExample is a line of each required field as it is written, for
// the message that says it is missing.
var requiredExample = map[string]diag.Msg{
	"title":     {Zh: `title = "标题"`, En: `title = "Title"`},
	"date":      {Zh: `date = 2025-06-28`, En: `date = 2025-06-28`},
	"unit":      {Zh: `unit = "单位的文件名、全称或简称"`, En: `unit = "the unit's file name, title or short name"`},
	"logo":      {Zh: `logo = "images/brands/品牌标识.png"`, En: `logo = "images/brands/logo.png"`},
	"level":     {Zh: `level = "市级"`, En: `level = "市级"`},
	"name":      {Zh: `name = "优秀共产党员"`, En: `name = "优秀共产党员"`},
	"recipient": {Zh: `recipient = "获奖集体或个人"`, En: `recipient = "the group or person honored"`},
}

func (f *fields) require(key string) {
	if f.lenient && key != "title" || f.held[key] {
		return
	}
	if v, ok := f.table[key]; !ok || v == "" {
		if ex, ok := requiredExample[key]; ok {
			*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgFieldRequiredEx, key, ex))
			return
		}
		*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgFieldRequired, key))
	}
}

func (f *fields) str(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.typeErr(key, wantText, v)
		return ""
	}
	return strings.TrimSpace(s)
}

func (f *fields) boolean(key string) bool {
	v, ok := f.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		f.typeErr(key, wantBool, v)
	}
	return b
}

func (f *fields) integer(key string) int {
	v, ok := f.get(key)
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return int(n)
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1e15 {
			return int(n)
		}
	}
	f.typeErr(key, wantInt, v)
	return 0
}

func (f *fields) number(key string) float64 {
	v, ok := f.get(key)
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return float64(n)
	case float64:
		return n
	}
	f.typeErr(key, wantNumber, v)
	return 0
}

func (f *fields) strings(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch a := v.(type) {
	case []any:
		out := make([]string, 0, len(a))
		for _, x := range a {
			s, ok := x.(string)
			if !ok {
				f.typeErr(key, wantTextArray, v)
				return nil
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	case string:
		// A single string where an array belongs is a common slip; accept it.
		if s := strings.TrimSpace(a); s != "" {
			return []string{s}
		}
		return nil
	}
	f.typeErr(key, wantTextArray, v)
	return nil
}

var dateLayouts = []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006/01/02", "2006/1/2", "2006-1-2", "2006年1月2日"}

// date accepts TOML dates and datetimes, and also a date written as text,
// since officers often quote dates.
func (f *fields) date(key string) (time.Time, bool) {
	v, ok := f.get(key)
	if !ok {
		return time.Time{}, false
	}
	switch d := v.(type) {
	case time.Time:
		// Local dates decode with a special location; keep the wall clock.
		return time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.UTC), true
	case string:
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, strings.TrimSpace(d)); err == nil {
				return t, true
			}
		}
	}
	f.typeErr(key, wantDate, v)
	return time.Time{}, false
}

// oneOf checks a string field against its allowed values.
func (f *fields) oneOf(key, val string, allowed []string) {
	if val == "" {
		return
	}
	for _, a := range allowed {
		if a == val {
			return
		}
	}
	*f.probs = append(*f.probs, diag.New(f.path, f.lineOf(key), diag.MsgFieldValue, key, val, strings.Join(allowed, "、")))
}

// unknown returns the keys that no reader asked for, sorted.
func (f *fields) unknown() []string {
	var out []string
	for k := range f.table {
		if !f.used[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
