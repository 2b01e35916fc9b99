// Package textfile reads the officers' own text files (Markdown pages,
// site.toml) as UTF-8. Windows Notepad saves "Unicode" as UTF-16 with a
// byte-order mark, and older versions offer it beside UTF-8: such a file
// is unambiguous, so it is converted rather than refused. Any other
// encoding (GBK, "ANSI" on a Chinese Windows) is left as it is, for the
// caller's not-UTF-8 message, which says how to save it again: guessing
// an encoding could publish mangled text without a word.
package textfile

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// UTF8 returns data as UTF-8: UTF-16 with a byte-order mark (little or
// big endian) converted, a UTF-8 byte-order mark kept (the front matter
// reader drops it), anything else unchanged. A UTF-16 file with an odd
// byte count or an unpaired surrogate is returned unchanged too, and then
// fails the caller's UTF-8 check.
func UTF8(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		order = binary.LittleEndian
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		order = binary.BigEndian
	default:
		return data
	}
	body := data[2:]
	if len(body)%2 != 0 {
		return data
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		units[i] = order.Uint16(body[2*i:])
	}
	out := make([]byte, 0, len(body)*3/2)
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if i+1 >= len(units) {
				return data
			}
			if r = utf16.DecodeRune(r, rune(units[i+1])); r == utf8.RuneError {
				return data
			}
			i++
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// InvalidAt returns the line and the column (in characters, from 1) of the
// first byte of data that is not UTF-8: where a file saved as GBK ("ANSI")
// has its first Chinese character.
func InvalidAt(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return line, col
}
