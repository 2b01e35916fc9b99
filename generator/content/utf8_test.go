package content

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"dangjian/generator/diag"
)

// TestNotUTF8SaysWhere: the error names the line and the column of the
// first byte that is not UTF-8 (issue #14, low).
func TestNotUTF8SaysWhere(t *testing.T) {
	data := []byte("+++\ntitle = \"党建\"\n+++\n第一段。\n正文\xd5\xfd\xce\xc4\n")
	_, probs := Parse("news/gbk.md", data)
	if len(probs) != 1 || probs[0].Msg != diag.MsgNotUTF8 {
		t.Fatalf("problems %v", probs)
	}
	if got := probs[0].Format(diag.Chinese); !strings.HasPrefix(got, "content/news/gbk.md:5: 文件不是 UTF-8 编码（本行第 3 个字符处起无法识别）") {
		t.Errorf("message %q", got)
	}
	if got := probs[0].Format(diag.English); !strings.Contains(got, "content/news/gbk.md:5: file is not UTF-8 (from character 3 of this line)") {
		t.Errorf("English %q", got)
	}
}

// A page saved by Notepad as "Unicode" (UTF-16 with a byte-order mark,
// CRLF) reads as the same page saved as UTF-8; before, it was refused as
// not UTF-8.
func TestUTF16PageReadsAsUTF8(t *testing.T) {
	src := "+++\r\ntitle = \"党建引领高质量发展\"\r\ndate = 2024-05-06\r\n+++\r\n第一段。\r\n\r\n第二段。\r\n"
	data := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(src)) {
		data = binary.LittleEndian.AppendUint16(data, u)
	}
	want, wprobs := Parse("news/a.md", []byte(src))
	got, probs := Parse("news/a.md", data)
	if len(wprobs) != 0 || len(probs) != 0 {
		t.Fatalf("problems: UTF-8 %v, UTF-16 %v", wprobs, probs)
	}
	if got.Title != want.Title || string(got.Body) != string(want.Body) || got.BodyLine != want.BodyLine || !got.Date.Equal(want.Date) {
		t.Errorf("UTF-16 page %q %q line %d %v, UTF-8 %q %q line %d %v", got.Title, got.Body, got.BodyLine, got.Date, want.Title, want.Body, want.BodyLine, want.Date)
	}
}
