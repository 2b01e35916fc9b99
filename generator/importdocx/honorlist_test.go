package importdocx

import (
	"fmt"
	"testing"
)

func TestNameList(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // the names as who/unit, or "" for not a list
	}{
		{"张红（市第一人民医院）、李强（市妇幼保健院）", "[张红/市第一人民医院 李强/市妇幼保健院]"},
		{"张红、李强、欧阳晓明。", "[张红/ 李强/ 欧阳晓明/]"},
		{"王　芳　　李建国　　赵　敏", "[王芳/ 李建国/ 赵敏/]"},
		{"市第一人民医院：周婷、吴静", "[周婷/市第一人民医院 吴静/市第一人民医院]"},
		{"阿依古丽·买买提、张红", "[阿依古丽·买买提/ 张红/]"},
		{"急诊科党支部、护理部、市卫计委机关党支部", "[急诊科党支部/ 护理部/ 市卫计委机关党支部/]"},
		// Not lists: sentences, a name with words after it, placeholders.
		{"在本职岗位上作出突出贡献的党员。", ""},
		{"郑华，主任医师，从医三十年", ""},
		{"同上", ""},
		{"张红、同上", ""},
		{"1.市直医疗卫生单位党组织", ""},
		{"市第一人民医院：急诊科党支部", ""},
		{"", ""},
	} {
		names, ok := nameList(c.text)
		got := ""
		if ok {
			var parts []string
			for _, n := range names {
				parts = append(parts, n.who+"/"+n.unit)
			}
			got = fmt.Sprint(parts)
		}
		if got != c.want {
			t.Errorf("nameList(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}
