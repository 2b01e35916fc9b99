package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// head is a fast path of "the first n runes of Text(), at least the title
// line": it must give exactly what cutting the whole text gives.
func TestHeadIsAPrefixOfText(t *testing.T) {
	docs := synthetic(50)
	docs = append(docs,
		Doc{Title: "短", Body: "正文\n第二行", Headings: []string{"一、做法"}, Fields: []string{"单位"}},
		Doc{Title: "标题\r\n两行", Body: ""},
		Doc{Title: strings.Repeat("长", 200), Body: "正文"},
		Doc{Title: "无效\xff字节", Body: "正\xfe\xfe文"},
		Doc{Title: "t", Body: "b", Headings: []string{"h\n1", "h2"}, Fields: []string{"f1", "f\r2"}},
		Doc{Title: "", Body: strings.Repeat("字", 129)},
		Doc{Title: "尾部", Body: strings.Repeat("字", 200) + "\xff\xfe"},
		Doc{Title: "尾部", Body: strings.Repeat("字", 127) + "\xff", Headings: []string{"\xff"}},
		Doc{Title: "空", Body: "", Headings: []string{"", ""}, Fields: []string{""}},
	)
	for i, d := range docs {
		for _, n := range []int{0, 1, 5, 100, 130, 131, 5000} {
			text := d.Text()
			title := strings.IndexByte(text, '\n')
			want := cutRunes(text, max(n, utf8.RuneCountInString(text[:title])+1))
			got, more := d.head(n)
			if got != want || more != (len(want) < len(text)) {
				t.Fatalf("doc %d, n=%d: head %q more=%v, want %q more=%v", i, n, got, more, want, len(want) < len(text))
			}
		}
	}
}

// textLen counts without decoding; on valid UTF-8 it is Text()'s length.
func TestTextLen(t *testing.T) {
	for i, d := range append(synthetic(20), Doc{Title: "t\n", Body: "a¢€😀"}, Doc{}) {
		if got, want := d.textLen(), utf8.RuneCountInString(d.Text()); got != want {
			t.Errorf("doc %d: textLen %d, Text has %d runes", i, got, want)
		}
	}
}

// runeCount counts eight bytes at a time: it must count, in any bytes,
// those that do not continue a character.
func TestRuneCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		want := 0
		for _, c := range b {
			if c&0xC0 != 0x80 {
				want++
			}
		}
		if got := runeCount(string(b)); got != want {
			t.Fatalf("% x: runeCount %d, want %d", b, got, want)
		}
	}
}
