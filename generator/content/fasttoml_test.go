package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// sameAsTOML fails unless quickTOML, when it reads s, makes exactly the
// table toml.Decode makes. It returns whether quickTOML read it.
func sameAsTOML(t *testing.T, s string) bool {
	t.Helper()
	quick, ok := quickTOML(s)
	if !ok {
		return false
	}
	want := map[string]any{}
	if _, err := toml.Decode(s, &want); err != nil {
		t.Errorf("quickTOML read what toml.Decode rejects (%v):\n%s", err, s)
		return true
	}
	if !reflect.DeepEqual(quick, want) {
		t.Errorf("quickTOML and toml.Decode differ on\n%s\nquick: %#v\ntoml:  %#v", s, quick, want)
	}
	return true
}

func TestQuickTOMLReads(t *testing.T) {
	for _, s := range []string{
		"",
		"# 只有注释\n\n",
		`title = "陵城区卫健系统举办党务干部培训班"`,
		"title = \"带\\\"引号\\\"与\\\\反斜杠\\t和\\u515a\\U0001F600\"\n",
		"title = '字面 \\n 不转义'  # 注释",
		"date = 2025-11-27T16:00:00+08:00\ndate2 = 2025-11-27T08:00:00Z\nd3 = 2025-11-27T16:00:00.5-05:30",
		"local = 2025-11-27T16:00:00\nday = 2018-04-03",
		"members = 66\nneg = -3\nplus = +7\nzero = 0\nbig = 9223372036854775807",
		"investment = 1497.30\ne = 1e5\nE = 2.5E-3\nz = -0.0\nx = 6.02e+23",
		"draft = true\nfeatured = false",
		`tags = ["三会一课", "卫生监督",]`,
		"mixed = [1, \"二\", 3.0, true, 2020-01-02]\nempty = []\n",
		"\ttitle\t=\t\"tab\"\t# tab\nkey-with_dash = 1",
		"title = \"表彰\"\nyear = 2018\n\n[[honors]]\nname = \"最美医生\"\ndate = 2018-11-05\n\n[[ honors ]]  # 第二条\nname = \"先进基层党组织\"\nunit = \"u0516\"\n",
	} {
		if !sameAsTOML(t, s) {
			t.Errorf("quickTOML left to toml.Decode:\n%s", s)
		}
	}
}

// What quickTOML must leave to toml.Decode: mistakes, so that toml words the
// error, and what it does not read.
func TestQuickTOMLLeaves(t *testing.T) {
	for _, s := range []string{
		"title = \"a\"\ntitle = \"b\"",           // duplicate key
		"title = \"未闭合",                          // open string
		"title = \"\"\"多行\"\"\"",                 // multi-line string
		"title = '''多行'''",                       // multi-line literal
		"title = \"a\" \"b\"",                    // two values
		"title =",                                // no value
		"= 1",                                    // no key
		"标题 = \"x\"",                             // not a bare key
		"a.b = 1",                                // dotted key
		"\"a\" = 1",                              // quoted key
		"[params]\nx = 1",                        // table
		"x = {a = 1}",                            // inline table
		"x = [[1], [2]]",                         // nested array
		"x = [1,\n2]",                            // multi-line array
		"x = 1_000",                              // underscores
		"x = 0x1F",                               // hex
		"x = 01",                                 // leading zero
		"x = 1.",                                 // no fraction digits
		"x = .5",                                 // no integer digits
		"x = inf",                                // special float
		"x = 99999999999999999999",               // overflow
		"x = 2021-02-30",                         // no such day
		"x = 2021-3-05",                          // missing zero
		"x = 2021-03-05 10:00:00",                // space separator
		"x = 10:00:00",                           // local time
		"x = \"\\q\"",                            // unknown escape
		"x = \"a\x01b\"",                         // control character
		"x = 1 # bell \x07",                      // control character in a comment
		"x = truely",                             // not a boolean
		"honors = 1\n[[honors]]\nname = \"x\"",   // key, then array of tables
		"[[honors]]\nname = \"a\"\nname = \"b\"", // duplicate in a table
		"[[honors]] x = 1",                       // junk after a header
		"[[hon ors]]",                            // not a bare name
	} {
		if _, ok := quickTOML(s); ok {
			t.Errorf("quickTOML read, but should leave to toml.Decode:\n%q", s)
		}
	}
}

// The demo site's front matter is the shape officers write: all of it must
// take the quick path, and give what toml.Decode gives.
func TestQuickTOMLDemoContent(t *testing.T) {
	root := filepath.Join("..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		front, _, _, _, ok := split(data)
		if !ok || front == nil {
			return nil
		}
		n++
		if !sameAsTOML(t, string(front)) {
			t.Errorf("%s: front matter left to toml.Decode", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("read only %d demo files with front matter", n)
	}
}

// FuzzQuickTOML: whatever quickTOML reads, toml.Decode must read the same.
func FuzzQuickTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"党建\"\ndate = 2025-11-27T16:00:00+08:00\ntags = [\"a\", \"b\"]\nmembers = 66\ninvestment = 1497.30\ndraft = false\n",
		"[[honors]]\nname = \"x\"\ndate = 2018-11-05\n[[honors]]\nunit = 'u1'\n",
		"x = \"\\u515a\\t\" # c\ny = -1e-3\nz = 2020-01-02T03:04:05.678Z\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsTOML(t, s)
	})
}
