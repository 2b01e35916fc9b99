package config

import (
	"reflect"
	"strings"
)

// suggestSetting returns the known setting closest to a misspelt one
// (paginte → paginate, menu.link → menu.url), read from Config's own toml
// tags, so that sections other packages add are known too; "" when none is
// close enough to be a slip.
func suggestSetting(key []string) string {
	t := reflect.TypeOf(Config{})
	for i, part := range key {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return ""
		}
		var names []string
		var next reflect.Type
		for j := 0; j < t.NumField(); j++ {
			f := t.Field(j)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			names = append(names, name)
			if name == part {
				next = f.Type
			}
		}
		if i == len(key)-1 {
			best, bestD := "", 3
			for _, n := range names {
				if d := distance(strings.ToLower(part), strings.ToLower(n)); d < bestD {
					best, bestD = n, d
				}
			}
			if best == "" {
				return ""
			}
			return strings.Join(append(append([]string(nil), key[:i]...), best), ".")
		}
		if next == nil {
			return ""
		}
		t = next
	}
	return ""
}

// distance is the edit distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
