package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// xlsxOf is a workbook laid out as Excel writes one: texts in
// sharedStrings.xml, numbers in the sheet (a mobile typed into a cell is a
// number there).
func xlsxOf(t *testing.T) []byte {
	t.Helper()
	return sitetest.Zip(t, map[string]string{
		"[Content_Types].xml":  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>王丽</t></si><si><r><t>4305281987</t></r><r><t>05062341</t></r></si></sst>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>13907351234</v></c><c r="D2"><v>20261204</v></c></row></sheetData></worksheet>`,
	})
}

// A 公示's name list attached as the internal Word or Excel file, every
// ID number whole, was published while only the page was checked.
func TestPrivacyInFile(t *testing.T) {
	docx, err := os.ReadFile(filepath.Join("testdata", "gongshi-mingdan.docx")) // LibreOffice 7.4's own .docx
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rel  string
		data []byte
		want []string
	}{
		{"content/files/名单.docx", docx, []string{
			"content/files/名单.docx: 附件中有 1 处未遮盖的居民身份证号码，附件会原样发布，任何人下载都能看到，不能发布：请在 Word 或 Excel 中把它们遮盖为 430528********2341 这样",
			"content/files/名单.docx: 警告：附件中有 1 处未遮盖的手机号码",
		}},
		{"content/files/名单.XLSX", xlsxOf(t), []string{
			"content/files/名单.XLSX: 附件中有 1 处未遮盖的居民身份证号码",
			"content/files/名单.XLSX: 警告：附件中有 1 处未遮盖的手机号码，附件会原样发布，任何人下载都能看到：不是有意公开的，请在 Word 或 Excel 中把它们遮盖为 139****1234 这样",
		}},
		{"content/files/报名.csv", []byte("姓名,身份证号\r\n王丽,430528198705062341\r\n张强,430528197903124617\r\n"), []string{
			"content/files/报名.csv: 附件中有 2 处未遮盖的居民身份证号码",
		}},
		{"content/files/通知.txt", []byte("联系电话：0735-5223456。身份证号已遮盖：430528********2341。"), nil},
		{"content/files/方案.pdf", []byte("430528198705062341"), nil},
		{"content/files/坏的.docx", []byte("PK not a zip"), nil},
	} {
		var got []string
		for _, p := range PrivacyInFile(c.rel, c.data) {
			s := p.Format(diag.Chinese)
			if p.Severity == diag.Warning {
				s = strings.Replace(s, ": ", ": 警告：", 1)
			}
			got = append(got, s)
		}
		all := strings.Join(got, "\n")
		if len(got) != len(c.want) {
			t.Errorf("%s: %d problems, want %d:\n%s", c.rel, len(got), len(c.want), all)
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in\n%s", c.rel, w, all)
			}
		}
	}
}
