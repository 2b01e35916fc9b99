package render

import (
	"html/template"
	"strings"
	"testing"
)

// Anchor must write the same link as href="#{{.ID}}", which it replaces.
func TestAnchorMatchesHTMLTemplate(t *testing.T) {
	plain := template.Must(template.New("").Parse(`<a href="#{{.}}">`))
	fast := template.Must(template.New("").Funcs(template.FuncMap{"anchor": Anchor}).Parse(`<a href="{{anchor .}}">`))
	for _, id := range []string{"一主要做法", "一主要做法-1", "intro", "a b", "x&y=<z>", "100%", "Ünï", "~._-", `"'`, ""} {
		var want, got strings.Builder
		if err := plain.Execute(&want, id); err != nil {
			t.Fatal(err)
		}
		if err := fast.Execute(&got, id); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("anchor %q: got %s, html/template writes %s", id, got.String(), want.String())
		}
	}
}
