package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Summarize works on a prefix of long texts; it must give exactly what the
// whole text gives.
func TestSummarizePrefixMatchesWholeText(t *testing.T) {
	pieces := []string{"党建", "引领", "。", "！", "？", "”", "）", "……", "…", ".", ". ", "3.5", "a", "word ", " ", "\n", "\n\n", "\t", "，", "医院", "「", "」", "!", "?", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		var b strings.Builder
		for range r.IntN(400) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		max := []int{120, 10, 7, 1}[n%4]
		want, _ := summarize([]rune(joinLines(text)), max, false)
		if got := Summarize(text, max); got != want {
			t.Fatalf("Summarize(%q, %d) = %q, whole text gives %q", text, max, got, want)
		}
	}
}
