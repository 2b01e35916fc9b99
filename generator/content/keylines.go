package content

import (
	"strings"
)

// keyLines records the file line of every key in a front matter block:
// top-level keys, and the keys of each [[honors]] entry. The TOML decoder
// keeps positions to itself, so this small scanner finds them; it only needs
// to be right for the flat tables front matter uses.
type keyLines struct {
	top    map[string]int
	tables map[string][]tableLines // [[name]] → one entry per table, in order
}

type tableLines struct {
	line int // line of the [[name]] header
	keys map[string]int
}

func scanKeyLines(front []byte, firstLine int) keyLines {
	kl := keyLines{top: map[string]int{}, tables: map[string][]tableLines{}}
	current := kl.top
	inMultiline := ""
	for i, raw := range strings.Split(string(front), "\n") {
		line := firstLine + i
		t := strings.TrimSpace(raw)
		if inMultiline != "" {
			if strings.Contains(t, inMultiline) {
				inMultiline = ""
			}
			continue
		}
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.Trim(t, "[] \t"))
			entry := tableLines{line: line, keys: map[string]int{}}
			kl.tables[name] = append(kl.tables[name], entry)
			current = entry.keys
			continue
		case strings.HasPrefix(t, "["):
			// A plain table: its keys are not top-level fields.
			current = map[string]int{}
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq <= 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
		if _, seen := current[key]; !seen {
			current[key] = line
		}
		value := strings.TrimSpace(t[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[len(q):], q) {
				inMultiline = q
			}
		}
	}
	return kl
}
