package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
)

// synthetic makes n docs of about 1,500 characters from a small vocabulary
// of party-building phrases, so common grams have long lists.
func synthetic(n int) []Doc {
	r := rand.New(rand.NewPCG(7, 8))
	phrases := []string{"坚持党建引领", "打造党建品牌", "创建示范点", "服务人民群众", "开展主题党日活动", "党员先锋岗",
		"光明眼科医院", "人民医院党委", "社区卫生服务站", "疾病预防控制中心", "2016年", "第9544号", "PDCA循环",
		"“红色引擎”工程", "岳卫党发〔2016〕7号", "党支部标准化规范化建设", "医德医风", "志愿服务", "健康宣教", "，", "。", " "}
	kinds := []string{"news", "news", "brand", "model", "honor", "unit"}
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 4500 {
			b.WriteString(phrases[r.IntN(len(phrases))])
		}
		y := 2015 + r.IntN(10)
		docs[i] = Doc{
			URL: fmt.Sprintf("/news/p%05d/", i), Title: phrases[r.IntN(8)] + phrases[r.IntN(8)], Kind: kinds[r.IntN(len(kinds))],
			Date: day(fmt.Sprintf("%d-03-01", y)).AddDate(0, 0, r.IntN(300)), Year: y,
			UnitSlugs: []string{fmt.Sprintf("u%d", r.IntN(100))}, Unit: "某单位",
			Headings: []string{"一、" + phrases[r.IntN(8)], "二、" + phrases[r.IntN(8)]}, Fields: []string{phrases[r.IntN(len(phrases))]},
			Body: b.String(),
		}
	}
	return docs
}

type countWriter struct{ files, bytes atomic.Int64 }

func (w *countWriter) WriteFile(p string, data []byte) error {
	w.files.Add(1)
	w.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkWrite indexes 1,000 docs into memory (no disk: the build's
// writer owns that cost).
func BenchmarkWrite(b *testing.B) {
	docs := synthetic(1000)
	b.ResetTimer()
	var st Stats
	for b.Loop() {
		var err error
		st, err = Write(docs, &countWriter{}, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Files), "files")
	b.ReportMetric(float64(st.Bytes)/(1<<20), "MB")
}

// BenchmarkWriteManyDistinct indexes one page of 300,000 random Chinese
// characters (about 600,000 distinct grams, below the cap): the cost per
// distinct gram, with its bytes (-benchmem).
func BenchmarkWriteManyDistinct(b *testing.B) {
	docs := []Doc{randomDoc(11, 300_000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(docs, &countWriter{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
