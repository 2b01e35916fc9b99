package markdown

import (
	"strings"
	"testing"
)

// A page's plain text as the corpus makes it: about 2,500 characters of
// Chinese with punctuation, in paragraphs.
var benchPlain = strings.Repeat("坚持党建引领，打造“红色引擎”党建品牌，开展主题党日活动。医院党委把党支部建在科室上，推进PDCA循环管理！\n", 40)

func BenchmarkSummarize(b *testing.B) {
	for b.Loop() {
		Summarize(benchPlain, SummaryLength)
	}
}

func BenchmarkReadingMinutes(b *testing.B) {
	for b.Loop() {
		ReadingMinutes(benchPlain)
	}
}
