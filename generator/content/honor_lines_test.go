package content

import (
	"testing"
)

// An honor's unknown unit is reported on the line where its unit is written,
// not on its [[honors]] header (which may be many lines above).
func TestHonorUnitLine(t *testing.T) {
	src := "+++\ntitle = \"表彰\"\nyear = 2020\n\n[[honors]]\nname = \"先进\"\nrecipient = \"张三\"\nunit = \"nosuch\"\n+++\n"
	p, probs := Parse("honors/2020.md", []byte(src))
	if len(probs) != 0 {
		t.Fatalf("parse: %v", probs)
	}
	if h := p.Honor.Honors[0]; h.Line != 5 || h.Lines.Of("unit") != 8 || h.Lines.Of("name") != 6 {
		t.Fatalf("lines: header %d, keys %v", h.Line, h.Lines)
	}
	probs = Resolve([]*Page{p}, ResolveOptions{})
	if len(probs) != 1 || probs[0].Line != 8 {
		t.Fatalf("resolve: %v", probs)
	}
}
