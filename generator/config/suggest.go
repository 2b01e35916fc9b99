package config

import (
	"reflect"
	"strings"

	"dangjian/generator/diag"
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
				if d := diag.EditDistance(strings.ToLower(part), strings.ToLower(n)); d < bestD {
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
