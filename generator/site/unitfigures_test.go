package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dangjian/generator/sitetest"
)

// A unit that did not write members or branches is not a unit with no party
// members: its profile and /stats/ say 未填写, while members = 0 still says 0.
func TestUnitWithoutFiguresSaysNotFilled(t *testing.T) {
	dir := sitetest.Write(t, `
-- site.toml --
title = "测试党建网"
-- content/units/jikong.md --
+++
title = "岚江市疾病预防控制中心"
+++
-- content/units/zhan.md --
+++
title = "东湖社区卫生服务站"
members = 0
branches = 0
+++
-- content/units/diyi.md --
+++
title = "岚江市第一人民医院"
members = 600
branches = 20
+++
`)
	dest := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir, BaseURL: strptr("")}); err != nil {
		t.Fatal(err)
	}
	text := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		s := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(b), " ")
		return strings.Join(strings.Fields(s), " ")
	}
	if got := text("units/jikong/index.html"); !strings.Contains(got, "未填写 党员 未填写 党支部") || strings.Contains(got, "0 人 党员") {
		t.Errorf("profile of a unit without figures: %s", got)
	}
	if got := text("units/zhan/index.html"); !strings.Contains(got, "0 人 党员 0 个 党支部") {
		t.Errorf("profile of a unit with 0 members: %s", got)
	}
	st := text("stats/index.html")
	for _, want := range []string{"岚江市疾病预防控制中心 未填写 未填写", "东湖社区卫生服务站 0 0", "3家单位中有 1 家未填写党员人数"} {
		if !strings.Contains(st, want) {
			t.Errorf("/stats/ lacks %q", want)
		}
	}
}
