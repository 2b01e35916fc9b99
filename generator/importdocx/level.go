package importdocx

import (
	"regexp"
	"strings"
)

// An honor's level (国家级, 省级 …) is who granted it. A 表彰决定 rarely
// writes the word; it says who it is from (中共岚江市卫生健康委员会) and
// often whom it addresses (全市卫生健康系统). Import guesses the level from
// those, tells the officer so, and leaves it to be checked: a list left
// without one counts as 未填写 in every chart of /stats/.

// Levels from highest to lowest; 院级 is a hospital's own honor.
var honorLevels = []string{"国家级", "省级", "市级", "县级", "院级"}

// divisionRe finds the administrative divisions a body's name goes
// through (吉林省 → 松原市 → 宁江区). Longer words come first so that 自治区
// is not read as a 区 and 北京市 not as a city. 社区 and 院区 are below a
// county (a neighbourhood, a hospital's campus) and say nothing.
var divisionRe = regexp.MustCompile(`北京市|天津市|上海市|重庆市|自治区|自治州|自治县|自治旗|社区|院区|地区|省|市|盟|县|区|旗`)

var divisionLevel = map[string]string{
	"北京市": "省级", "天津市": "省级", "上海市": "省级", "重庆市": "省级",
	"自治区": "省级", "省": "省级",
	"自治州": "市级", "地区": "市级", "市": "市级", "盟": "市级",
	"自治县": "县级", "自治旗": "县级", "县": "县级", "区": "县级", "旗": "县级",
}

var nationalRe = regexp.MustCompile(`^(中共中央|中央|国务院|全国|国家|中华人民共和国|中华全国)`)

// bodyLevel is the level of one body by its name: the lowest division it
// names (中共吉林省松原市委 is a city's), or a hospital under it.
func bodyLevel(name string) string {
	level, rest := "", name
	for _, m := range divisionRe.FindAllStringIndex(name, -1) {
		if l := divisionLevel[name[m[0]:m[1]]]; l != "" {
			level, rest = l, name[m[1]:]
		}
	}
	if strings.Contains(rest, "医院") || strings.Contains(rest, "卫生院") {
		return "院级"
	}
	if level == "" && nationalRe.MatchString(name) {
		return "国家级"
	}
	return level
}

// scopeRe: whom a title addresses, 全市卫生健康系统, 全省.
var scopeRe = regexp.MustCompile(`全(国|省|市|州|县|院)`)

var scopeLevel = map[string]string{"国": "国家级", "省": "省级", "市": "市级", "州": "市级", "县": "县级", "院": "院级"}

// honorLevel guesses a list's level from who granted it (several bodies
// joined by 、: the highest of them signs for all), else from whom its
// title addresses. It returns "" when neither says.
func honorLevel(grantedBy, title string) string {
	best := -1
	for _, body := range strings.Split(grantedBy, "、") {
		l := bodyLevel(strings.Join(strings.Fields(body), ""))
		for i, h := range honorLevels {
			if h == l && (best < 0 || i < best) {
				best = i
			}
		}
	}
	if best >= 0 {
		return honorLevels[best]
	}
	if m := scopeRe.FindStringSubmatch(title); m != nil {
		return scopeLevel[m[1]]
	}
	return ""
}
