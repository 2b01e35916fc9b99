package content

import (
	"slices"
	"testing"
)

// Tags as an officer types them: several in one text with Chinese commas
// (the form Word and the input method give) were one tag 党建,品牌 that
// matched neither 党建 nor 品牌.
func TestNormalizeTags(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want []string
	}{
		{[]string{"党建，品牌"}, []string{"党建", "品牌"}},
		{[]string{"党建、品牌、 志愿服务 "}, []string{"党建", "品牌", "志愿服务"}},
		{[]string{"党建,品牌", "党建"}, []string{"党建", "品牌"}},
		{[]string{"党建；２０２４"}, []string{"党建", "2024"}},
		{[]string{"党建 品牌", "党建品牌"}, []string{"党建品牌"}},
		{[]string{"，"}, []string{}},
	} {
		if got := NormalizeTags(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}
