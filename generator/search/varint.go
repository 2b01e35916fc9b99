package search

import "errors"

// Integers are written as base-45 digits in printable ASCII that needs no
// escaping inside a JSON or JS string ('#'…'}' without '\'): the last digit
// of a number comes from the first 45 characters, earlier digits from the
// other 45. Numbers below 45 take one byte, below 2025 two: doc-id gaps,
// scores and position gaps are mostly that small.
const radix = 45

var digitChar [2 * radix]byte

func init() {
	c := byte('#')
	for i := range digitChar {
		if c == '\\' {
			c++
		}
		digitChar[i] = c
		c++
	}
}

func digitOf(c byte) int {
	switch {
	case c < '#' || c > '}':
		return -1
	case c < '\\':
		return int(c - '#')
	case c > '\\':
		return int(c-'#') - 1
	}
	return -1
}

// appendVarint appends n's digits. The one-digit case, most doc gaps and
// position gaps, is small enough to be inlined into the indexer's loop.
func appendVarint(b []byte, n int) []byte {
	if uint(n) < radix {
		return append(b, digitChar[n])
	}
	return appendLongVarint(b, n)
}

//go:noinline
func appendLongVarint(b []byte, n int) []byte {
	if n < 0 {
		panic("search: negative varint")
	}
	if n < radix*radix {
		return append(b, digitChar[radix+n/radix], digitChar[n%radix])
	}
	var tmp [16]byte
	i := len(tmp) - 1
	tmp[i] = digitChar[n%radix]
	n /= radix
	for n > 0 {
		i--
		tmp[i] = digitChar[radix+n%radix]
		n /= radix
	}
	return append(b, tmp[i:]...)
}

var errVarint = errors.New("search: bad varint data")

func decodeVarints(s string) ([]int, error) {
	out := make([]int, 0, len(s))
	v := 0
	for i := 0; i < len(s); i++ {
		d := digitOf(s[i])
		if d < 0 {
			return nil, errVarint
		}
		if d >= radix {
			v = v*radix + d - radix
			continue
		}
		out = append(out, v*radix+d)
		v = 0
	}
	if v != 0 {
		return nil, errVarint
	}
	return out, nil
}
