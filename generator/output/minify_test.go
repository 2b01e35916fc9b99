package output

import (
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// The JS minifier remembers small scripts; pages must come out exactly as
// without the memo, the first time and every time after.
func TestMemoizedInlineScripts(t *testing.T) {
	plain := minify.New()
	plain.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	plain.AddFunc("application/javascript", js.Minify)
	pages := []string{
		`<!DOCTYPE html><html><head><script>(function(c){ var  a = 1 ; c.add( "js" ) })(document.documentElement.classList)</script></head><body><button onclick=" window.print() ">打印</button></body></html>`,
		`<html><body><script>  var  b = "</" + "p>" ; </script><a onclick="return  false;">x</a></body></html>`,
		`<html><body><script type="module">  import  x  from "./x.js" ; </script></body></html>`,
		`<html><body><script>` + strings.Repeat("var x = 1;\n", 1000) + `</script></body></html>`,
	}
	mn := NewMinifier()
	for round := range 3 {
		for _, p := range pages {
			want, err := plain.Bytes("text/html", []byte(p))
			if err != nil {
				t.Fatal(err)
			}
			got, err := mn.Bytes("index.html", []byte(p))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("round %d: memoized %q, want %q", round, got, want)
			}
		}
	}
	js1, _ := mn.Bytes("a.js", []byte("var  a = 1 ;"))
	js2, _ := mn.Bytes("a.js", []byte("var  a = 1 ;"))
	if string(js1) != "var a=1" || string(js1) != string(js2) {
		t.Errorf("a.js: %q then %q", js1, js2)
	}
}

// stats.json keeps its numbers as written: 185000 yuan, not 185e3, which a
// strict reader of an integer field (Go's encoding/json, for one) refuses.
func TestJSONNumbersKept(t *testing.T) {
	in := []byte(`{"beneficiaries": 185000, "investment": 2295000, "ratio": 0.5, "percent": 66.7}`)
	got, err := NewMinifier().Bytes("stats.json", in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"beneficiaries":185000,"investment":2295000,"ratio":0.5,"percent":66.7}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
