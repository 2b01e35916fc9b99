package config

import (
	"errors"
	"strings"
	"testing"
)

// A key path deeper than the limits is refused before toml.Decode sees
// it: the decoder's memory grows with the square of the depth, and a
// 340 KB front matter ran the build out of memory. Dots and brackets in
// strings and comments, and real files, pass.
func TestDecodeTOMLRefusesDeepKeys(t *testing.T) {
	parts := func(n int) string {
		p := make([]string, n)
		for i := range p {
			p[i] = "a"
		}
		return strings.Join(p, ".")
	}
	for _, c := range []struct {
		name, src string
		line      int // 0: accepted
		dots      bool
	}{
		{"dotted header", "title = \"x\"\n\n[" + parts(300) + "]\nb = 1\n", 3, true},
		{"dotted key", "title = \"x\"\n" + parts(300) + " = 1\n", 2, true},
		{"quoted dotted key", "title = \"x\"\n" + strings.Repeat(`"a".`, 300) + "b = 1\n", 2, true},
		{"digit key", "[" + strings.Repeat("1.", 300) + "1]\n", 1, true},
		{"inline tables", "title = \"x\"\nx = " + strings.Repeat("{a=", 65) + "1" + strings.Repeat("}", 65) + "\n", 2, false},
		{"arrays over lines", "x = [\n" + strings.Repeat("[\n", 70) + strings.Repeat("]\n", 70) + "]\n", 65, false},
		{"deep enough", "x = " + strings.Repeat("{a=", 60) + "1" + strings.Repeat("}", 60) + "\n" + parts(200) + " = 1\n", 0, false},
		{"strings and comments", "title = \"" + strings.Repeat(".[{", 1000) + "\"\n" +
			"s = '" + strings.Repeat(".[{", 1000) + "'\n" +
			"m = \"\"\"\n" + strings.Repeat(".[{\\\"\n", 100) + "\"\"\"\n" +
			"l = '''\n" + strings.Repeat(".[{\n", 100) + "'''\n" +
			"# " + strings.Repeat(".[{", 1000) + "\n" +
			"[[honors]]\nname = \"a.b\"\nv = 3.5\n", 0, false},
	} {
		var v map[string]any
		_, err := DecodeTOML(c.src, &v)
		var de *DepthError
		if c.line == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.As(err, &de) || de.Line != c.line || de.Dots != c.dots {
			t.Errorf("%s: got %v, want a depth error at line %d (dots %v)", c.name, err, c.line, c.dots)
			continue
		}
		// The officer's message is at the line in the file.
		p := TOMLProblemSrc("content/news/x.md", 1, err, []byte(c.src))
		if p.Line != c.line+1 || !strings.Contains(p.Error(), "前置信息") || !strings.Contains(p.Error(), "耗尽内存") {
			t.Errorf("%s: problem %v", c.name, p)
		}
	}
}
