package config

import "testing"

func TestFooterPoliceLink(t *testing.T) {
	for police, want := range map[string]string{
		"湘公网安备43060202000123号": "https://beian.mps.gov.cn/#/query/webSearch?code=43060202000123",
		"湘公网安备４３０６０２号":         "https://beian.mps.gov.cn/#/query/webSearch?code=430602",
		"公安备案号待补":              "",
	} {
		if got := (Footer{Police: police}).PoliceLink(); got != want {
			t.Errorf("PoliceLink(%q) = %q, want %q", police, got, want)
		}
	}
	cfg, probs := Parse([]byte("title = \"x\"\n[footer]\nsponsor = \"市卫健委\"\nipv6 = true\n"))
	if len(probs) > 0 || cfg.Footer.Sponsor != "市卫健委" || !cfg.Footer.IPv6 || cfg.Footer.Empty() {
		t.Errorf("footer %+v, problems %v", cfg.Footer, probs)
	}
	if _, probs := Parse([]byte("[footer]\nsponser = \"x\"\n")); len(probs) != 1 || probs[0].Line != 2 {
		t.Errorf("a misspelt footer key should be reported at its line: %v", probs)
	}
	if !(Footer{}).Empty() {
		t.Error("a zero Footer is empty")
	}
}
