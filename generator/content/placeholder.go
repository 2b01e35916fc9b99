package content

import (
	"bytes"
	"strings"

	"dangjian/generator/config"
	"dangjian/generator/diag"
)

// PlaceholderLogo is the generic emblem the brand archetype fills in so that
// a new draft previews with a logo; a published page must have its own.
const PlaceholderLogo = "img/emblem.svg"

// Placeholder texts start with these: the archetypes write them in every
// field the officer must fill in (请填写单位简称, 请用一句话介绍……).
var placeholderPrefixes = []string{"请填写", "请用一句话"}

// Body lines of the archetypes that ask for the text itself.
var placeholderBody = []string{"请在这里", "请写明", "请简要说明"}

// IsPlaceholder reports whether a field's value is an archetype placeholder.
func IsPlaceholder(s string) bool {
	s = strings.TrimSpace(s)
	for _, p := range placeholderPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// placeholders finds the archetype placeholders left in a page. In a page
// that is published each is an error naming the field; in a draft they are
// fine, and are taken out of the table so that the draft previews as if the
// field were empty (a unit "请填写所属单位" is no unit yet, not an unknown one).
//
// held are the keys taken out (of the page, and of each [[honors]] entry),
// which are not also reported as missing.
func placeholders(path string, table map[string]any, lines keyLines, body []byte, bodyLine int, draft bool) (probs []diag.Problem, held map[string]bool, honorsHeld []map[string]bool) {
	check := func(t map[string]any, keyLine map[string]int, fallback int) map[string]bool {
		removed := map[string]bool{}
		for k, v := range t {
			line, ok := keyLine[k]
			if !ok {
				line = fallback
			}
			switch v := v.(type) {
			case string:
				if IsPlaceholder(v) {
					probs = append(probs, diag.New(path, line, diag.MsgPlaceholder, k, v))
					delete(t, k)
					removed[k] = true
				} else if k == "logo" && LogoPath(v) == PlaceholderLogo {
					probs = append(probs, diag.New(path, line, diag.MsgPlaceholderLogo, k, v))
				}
			case []any:
				kept := v[:0:0]
				for _, x := range v {
					if s, ok := x.(string); ok && IsPlaceholder(s) {
						probs = append(probs, diag.New(path, line, diag.MsgPlaceholder, k, s))
						continue
					}
					kept = append(kept, x)
				}
				t[k] = kept
			}
		}
		return removed
	}
	held = check(table, lines.top, 1)
	if hs, ok := table["honors"].([]map[string]any); ok {
		tables := lines.tables["honors"]
		for i, h := range hs {
			var tl tableLines
			if i < len(tables) {
				tl = tables[i]
			}
			honorsHeld = append(honorsHeld, check(h, tl.keys, tl.line))
		}
	}
	for i, l := range bytes.Split(body, []byte("\n")) {
		t := strings.TrimSpace(string(l))
		for _, p := range placeholderBody {
			if strings.HasPrefix(t, p) {
				if r := []rune(t); len(r) > 30 {
					t = string(r[:30]) + "……"
				}
				probs = append(probs, diag.New(path, bodyLine+i, diag.MsgPlaceholderBody, t))
				break
			}
		}
	}
	if draft {
		return nil, held, honorsHeld
	}
	diag.Sort(probs)
	return probs, held, honorsHeld
}

// NormalizeTags makes the ways one tag gets typed one tag: spaces taken out
// (党建 品牌 is 党建品牌), full-width letters and digits folded (２０２５ is
// 2025); repeats dropped, first spelling kept. Tags typed in one text with
// Chinese commas between them (["党建，品牌"], "党建、品牌") are the tags
// they list: as one tag, 党建,品牌 matched neither.
func NormalizeTags(tags []string) []string {
	if len(tags) == 0 {
		return tags
	}
	out := tags[:0:0]
	seen := map[string]bool{}
	for _, typed := range tags {
		for _, t := range strings.FieldsFunc(typed, isTagSep) {
			t = NormalizeTag(t)
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func isTagSep(r rune) bool {
	switch r {
	case ',', '，', '、', ';', '；':
		return true
	}
	return false
}

// NormalizeTag is one tag as NormalizeTags writes it.
func NormalizeTag(t string) string {
	return strings.Join(strings.Fields(config.FoldWidth(t)), "")
}
