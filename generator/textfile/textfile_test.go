package textfile

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

func encode(s string, order binary.AppendByteOrder) []byte {
	b := []byte{0xFF, 0xFE}
	if order == binary.AppendByteOrder(binary.BigEndian) {
		b = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func TestUTF8(t *testing.T) {
	page := "+++\r\ntitle = \"党建引领 𠀀\"\r\n+++\r\n正文。\r\n"
	lone := binary.LittleEndian.AppendUint16([]byte{0xFF, 0xFE}, 0xD800)
	for _, c := range []struct {
		name string
		in   []byte
		want []byte
	}{
		{"UTF-16 LE (Notepad's Unicode)", encode(page, binary.LittleEndian), []byte(page)},
		{"UTF-16 BE", encode(page, binary.BigEndian), []byte(page)},
		{"UTF-8", []byte(page), []byte(page)},
		{"UTF-8 with a BOM kept", append([]byte{0xEF, 0xBB, 0xBF}, page...), append([]byte{0xEF, 0xBB, 0xBF}, page...)},
		{"GBK left for the caller's message", []byte("\xd5\xfd\xce\xc4"), []byte("\xd5\xfd\xce\xc4")},
		{"odd byte count", append(encode("党建", binary.LittleEndian), 'x'), append(encode("党建", binary.LittleEndian), 'x')},
		{"unpaired surrogate", lone, lone},
		{"empty", nil, nil},
	} {
		if got := UTF8(c.in); !bytes.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
