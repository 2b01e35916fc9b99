package importdocx

import "testing"

func TestHonorLevel(t *testing.T) {
	for _, c := range []struct{ grantedBy, title, want string }{
		{"中共岚江市卫生计生委党组", "", "市级"},
		{"中共吉林省委", "", "省级"},
		{"吉林省松原市卫生健康委员会", "", "市级"},
		{"中共北京市委", "", "省级"},
		{"中共北京市海淀区委", "", "县级"},
		{"广西壮族自治区卫生健康委员会", "", "省级"},
		{"延边朝鲜族自治州卫生健康委员会", "", "市级"},
		{"长白朝鲜族自治县卫生健康局", "", "县级"},
		{"大兴安岭地区行政公署", "", "市级"},
		{"国家卫生健康委员会", "", "国家级"},
		{"中华全国总工会", "", "国家级"},
		{"中共中央组织部", "", "国家级"},
		{"松原市中心医院党委", "", "院级"},
		{"中共松原市中心医院委员会", "", "院级"},
		{"宁江区人民医院南院区党总支", "", "院级"},
		{"长宁社区卫生服务中心", "", ""}, // 社区 is no division
		// Joint issuers: the highest signs for all.
		{"中共岚江市委、岚江市人民政府", "", "市级"},
		{"吉林省卫生健康委员会、松原市卫生健康委员会", "", "省级"},
		// Not from the issuer: whom the title addresses.
		{"", "关于表彰2023年度全市卫生健康系统先进集体的决定", "市级"},
		{"", "全省优秀共产党员名单", "省级"},
		{"", "全院优秀护士名单", "院级"},
		{"", "2023年度优秀共产党员名单", ""},
		{"先锋党支部", "", ""},
	} {
		if got := honorLevel(c.grantedBy, c.title); got != c.want {
			t.Errorf("honorLevel(%q, %q) = %q, want %q", c.grantedBy, c.title, got, c.want)
		}
	}
}

func TestIssuerName(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"中共岳阳市卫生计生委机关委员会", true},
		{"松原市中心医院", true},
		{"岚江市卫生健康局", true},
		{"特此通知。", false},
		{"请各支部认真组织学习，抓好落实工作部", false},
		{"委", false},
	} {
		if got := issuerName(c.s); got != c.want {
			t.Errorf("issuerName(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
