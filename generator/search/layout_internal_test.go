package search

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestLayouts compares index layouts on the corpus in
// $DANGJIAN_SEARCH_CORPUS (docs cached by TestCorpusIndex): files, bytes
// and the bytes of each query.
func TestLayouts(t *testing.T) {
	src := os.Getenv("DANGJIAN_SEARCH_LAYOUTS")
	if src == "" {
		t.Skip("set DANGJIAN_SEARCH_LAYOUTS to a corpus folder")
	}
	f, err := os.Open(filepath.Join(src, ".dangjian-search-docs.gob"))
	if err != nil {
		t.Skip(err)
	}
	var docs []Doc
	if err := gob.NewDecoder(f).Decode(&docs); err != nil {
		t.Fatal(err)
	}
	qs := []string{"党", "党建", "示范点", "光明眼科", "党建品牌", "红色引擎", "先进基层党组织", "党支部标准化建设", "没有这个词语"}
	for _, o := range []Options{
		{},
		{ShardBytes: 24 << 10, BigBytes: 12 << 10},
		{ShardBytes: 24 << 10, BigBytes: 16 << 10, FragDocs: 6},
		{ShardBytes: 16 << 10, BigBytes: 12 << 10},
		{ShardBytes: 16 << 10, BigBytes: 8 << 10, TextDocs: 8},
	} {
		w := &mapWriter{}
		st, err := Write(docs, w, o)
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf("%+v: %d files %.1f MB |", o, st.Files, float64(st.Bytes)/1e6)
		for _, q := range qs {
			c, err := QueryCostFS(w.fs, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			line += fmt.Sprintf(" %s %.0f", q, float64(c.Bytes)/1024)
		}
		t.Log(line)
	}
}
