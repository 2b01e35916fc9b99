package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// unit is one generated 单位; the other kinds refer to units by slug.
type unit struct {
	Slug     string
	City     string
	Name     string
	Short    string
	District string
	Category string
	PartyOrg string
	Members  int
	Branches int
	Logo     string // "" when the unit has none
}

// places are cities and their districts or counties; a unit sits in one.
var places = []struct{ City, District string }{
	{"烟台", "芝罘区"}, {"烟台", "莱山区"}, {"烟台", "福山区"}, {"岳阳", "岳阳楼区"}, {"岳阳", "云溪区"},
	{"岳阳", "君山区"}, {"岳阳", "平江县"}, {"岳阳", "华容县"}, {"松原", "宁江区"}, {"松原", "前郭县"},
	{"广元", "利州区"}, {"广元", "昭化区"}, {"广元", "苍溪县"}, {"湖州", "吴兴区"}, {"湖州", "南浔区"},
	{"湖州", "德清县"}, {"湖州", "长兴县"}, {"绍兴", "越城区"}, {"绍兴", "柯桥区"}, {"绍兴", "上虞区"},
	{"宜昌", "西陵区"}, {"宜昌", "夷陵区"}, {"宜昌", "秭归县"}, {"赣州", "章贡区"}, {"赣州", "南康区"},
	{"赣州", "瑞金市"}, {"遵义", "红花岗区"}, {"遵义", "汇川区"}, {"遵义", "湄潭县"}, {"泉州", "鲤城区"},
	{"泉州", "丰泽区"}, {"泉州", "晋江市"}, {"洛阳", "西工区"}, {"洛阳", "涧西区"}, {"洛阳", "偃师区"},
	{"德州", "德城区"}, {"德州", "陵城区"}, {"德州", "禹城市"}, {"南充", "顺庆区"}, {"南充", "阆中市"},
	{"常德", "武陵区"}, {"常德", "鼎城区"}, {"常德", "桃源县"}, {"九江", "浔阳区"}, {"九江", "濂溪区"},
	{"九江", "修水县"}, {"聊城", "东昌府区"}, {"聊城", "临清市"}, {"聊城", "阳谷县"}, {"衢州", "柯城区"},
	{"衢州", "衢江区"}, {"衢州", "江山市"}, {"天水", "秦州区"}, {"天水", "麦积区"}, {"天水", "甘谷县"},
	{"曲靖", "麒麟区"}, {"曲靖", "沾益区"}, {"曲靖", "宣威市"}, {"漳州", "芗城区"}, {"漳州", "龙海区"},
}

// Public institutions: a name suffix after the district, its short form, and
// the category and party organisation it usually has.
type publicKind struct {
	Suffix, Short, Category, PartyOrg string
	Weight                            int
}

var publicKinds = []publicKind{
	{"第一人民医院", "一院", "公立医院", "党委", 3},
	{"第二人民医院", "二院", "公立医院", "党委", 2},
	{"人民医院", "人医", "公立医院", "党委", 3},
	{"中医院", "中医院", "公立医院", "党委", 3},
	{"妇幼保健院", "妇幼", "公立医院", "党总支", 3},
	{"精神卫生中心", "精卫", "公立医院", "党总支", 1},
	{"疾病预防控制中心", "疾控", "疾控", "党总支", 2},
	{"卫生监督所", "监督所", "监督", "党支部", 2},
	{"卫生健康局机关", "卫健局", "机关", "党总支", 1},
	{"中心血站", "血站", "公立医院", "党支部", 1},
	{"急救中心", "急救", "公立医院", "党支部", 1},
}

// Community stations are named after streets.
var streets = []string{
	"白石", "惠安", "奇山", "向阳", "东山", "凤凰台", "只楚", "通伸", "幸福", "新华", "解放", "建设",
	"和平", "滨海", "南湖", "北港", "金沙", "桃源", "锦绣", "长青",
}

// Private hospitals carry a brand name; 光明眼科 is among them on purpose so
// that the search bench has a rare query with a few hits.
var privateNames = []string{
	"家美妇产医院", "仁爱医院", "康宁医院", "博爱医院", "华厦口腔医院", "爱尔康复医院", "德济骨科医院",
	"同心中医门诊部", "安康老年病医院", "阳光妇儿医院", "济民医院", "正骨医院",
}

const rareHospital = "光明眼科医院"

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红志晨海燕建国文辉鹏飞宇浩宁婷雪梅春林丹宏波斌兵亮")

var departments = []string{
	"内科", "外科", "心内科", "急诊科", "儿科", "妇产科", "护理部", "医技", "检验科", "行政后勤", "门诊部",
	"骨科", "康复科", "药剂科", "影像科", "重症医学科", "中医科", "公共卫生科",
}

// person returns a Chinese name of two or three characters.
func person(r *rand.Rand) string {
	var b strings.Builder
	b.WriteRune(surnames[r.IntN(len(surnames))])
	b.WriteRune(givenChars[r.IntN(len(givenChars))])
	if r.IntN(3) > 0 {
		b.WriteRune(givenChars[r.IntN(len(givenChars))])
	}
	return b.String()
}

// makeUnits builds the n units in order, with unique names. A few, spread
// evenly, are 光明眼科医院 of different cities.
func makeUnits(r *rand.Rand, n int, unitLogos int) []unit {
	units := make([]unit, n)
	seen := make(map[string]bool, n)
	rare := max(1, n/250) // 4 of 1,000
	for i := range units {
		u := &units[i]
		u.Slug = fmt.Sprintf("u%04d", i+1)
		rareHere := n >= 5 && i%(n/rare) == n/rare/2 && i/(n/rare) < rare
		// A name already taken is drawn again, a few times at most, and
		// then becomes a branch of its own: …分院, …分站.
		for try := 0; ; try++ {
			name(r, u, rareHere)
			if !seen[u.Name] {
				break
			}
			if try == 5 {
				branch := "分院"
				if u.Category == "社区卫生服务站" {
					branch = "分站"
				}
				base := u.Name
				for k := 2; seen[u.Name]; k++ {
					u.Name = base + cnNumber(k) + branch
				}
				break
			}
		}
		seen[u.Name] = true
		switch u.PartyOrg {
		case "党委":
			u.Members, u.Branches = 120+r.IntN(900), 6+r.IntN(30)
		case "党总支":
			u.Members, u.Branches = 30+r.IntN(120), 3+r.IntN(5)
		default:
			u.Members, u.Branches = 3+r.IntN(40), 1
		}
		if unitLogos > 0 && r.IntN(10) < 3 {
			u.Logo = fmt.Sprintf("images/units/unit-%02d.svg", 1+r.IntN(unitLogos))
		}
	}
	return units
}

// weightedKind picks a public institution kind, hospitals more often.
// name draws a unit's place, name, short name, category and party
// organisation. rare makes it a 光明眼科医院.
func name(r *rand.Rand, u *unit, rare bool) {
	pl := places[r.IntN(len(places))]
	u.City, u.District = pl.City, pl.District
	dshort := strings.TrimRight(pl.District, "区县市")
	switch roll := r.IntN(100); {
	case rare:
		u.Name, u.Short = pl.City+rareHospital, pl.City+"光明眼科"
		u.Category, u.PartyOrg = "民营医院", "党支部"
	case roll < 15:
		name := privateNames[r.IntN(len(privateNames))]
		u.Name, u.Short = pl.City+name, pl.City+strings.TrimSuffix(name, "医院")
		u.Category, u.PartyOrg = "民营医院", "党支部"
	case roll < 40:
		st := streets[r.IntN(len(streets))]
		u.Name, u.Short = pl.District+st+"社区卫生服务站", st+"服务站"
		u.Category, u.PartyOrg = "社区卫生服务站", "党支部"
	default:
		k := weightedKind(r)
		u.Name, u.Short = pl.District+k.Suffix, dshort+k.Short
		u.Category, u.PartyOrg = k.Category, k.PartyOrg
	}
}

func weightedKind(r *rand.Rand) publicKind {
	total := 0
	for _, k := range publicKinds {
		total += k.Weight
	}
	x := r.IntN(total)
	for _, k := range publicKinds {
		if x < k.Weight {
			return k
		}
		x -= k.Weight
	}
	return publicKinds[0]
}

// cnNumber writes 1–99 in Chinese numerals (一, 十二, 二十三 …).
func cnNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return fmt.Sprint(n)
}
