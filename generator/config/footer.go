package config

import (
	"dangjian/generator/textfile"
	"os"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Footer is site.toml's [footer]: the marks government website rules want
// at the foot of every page (主办单位, 备案号, 网站标识码 …). Every key is
// optional; a key left out leaves nothing behind in the page.
type Footer struct {
	Sponsor   string `toml:"sponsor"`    // 主办单位
	Organizer string `toml:"organizer"`  // 承办单位
	Address   string `toml:"address"`    // 地址
	Postcode  string `toml:"postcode"`   // 邮编
	Phone     string `toml:"phone"`      // 联系电话
	Email     string `toml:"email"`      // 电子邮箱
	ICP       string `toml:"icp"`        // ICP备案号, e.g. 湘ICP备05001234号-1
	Police    string `toml:"police"`     // 公安备案号, e.g. 湘公网安备43060202000123号
	SiteCode  string `toml:"site_code"`  // 网站标识码, e.g. 4306000012
	IPv6      bool   `toml:"ipv6"`       // 网站支持IPv6
	DZJGImage string `toml:"dzjg_image"` // 党政机关网站标识 image, a path under content/ or static/
	DZJGLink  string `toml:"dzjg_link"`  // where that badge links (its record at conac.cn)
}

// ICPLink is where an ICP number links: the national record system.
const ICPLink = "https://beian.miit.gov.cn/"

// PoliceLink is the national 公安备案 record page for the footer's police
// number: https://beian.mps.gov.cn/#/query/webSearch?code=<digits>, the
// address the record system itself hands out since it moved from
// www.beian.gov.cn. "" when the number has no digits.
func (f Footer) PoliceLink() string {
	code := f.PoliceCode()
	if code == "" {
		return ""
	}
	return "https://beian.mps.gov.cn/#/query/webSearch?code=" + code
}

// PoliceCode is the record number's digits (湘公网安备43060202000123号 →
// 43060202000123).
func (f Footer) PoliceCode() string {
	var b strings.Builder
	for _, r := range f.Police {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if unicode.IsDigit(r) {
			// Full-width digits, as some officers type them.
			if r >= '０' && r <= '９' {
				b.WriteRune('0' + (r - '０'))
			}
		}
	}
	return b.String()
}

// Empty reports whether site.toml has no footer mark at all.
func (f Footer) Empty() bool {
	return f == Footer{}
}

// FooterKeyLine is the line of site.toml (at file) where [footer]'s key is
// written, or 0.
func FooterKeyLine(file, key string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	return keyLine(textfile.UTF8(data), toml.Key{"footer", key})
}
