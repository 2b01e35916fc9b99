package site

import (
	"strconv"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// An honor list whose names are only in its text (a table imported from
// Word) counts for nothing in the statistics: the build says so, at the
// list's title; a list with entries gets no such warning.
func TestHonorListWithoutEntriesWarns(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试党建网"
-- content/honors/table.md --
+++
title = "2023年度先进基层党组织名单"
year = 2023
+++
| 序号 | 党组织名称 |
| --- | --- |
| 1 | 市第一人民医院党委 |
-- content/honors/entries.md --
+++
title = "2022年度优秀共产党员"
year = 2022
[[honors]]
name = "优秀共产党员"
recipient = "张红"
+++
`)
	res, err := Build(Options{Source: dir, BaseURL: strptr("")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if w.Msg == diag.MsgHonorNoEntries {
			got = append(got, w.Path+":"+strconv.Itoa(w.Line))
		}
	}
	if len(got) != 1 || got[0] != "content/honors/table.md:2" {
		t.Errorf("warnings for honor lists without entries: %v, want content/honors/table.md:2", got)
	}
}
