package stats

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"dangjian/generator/content"
)

// TestCSVNeutralisesFormulas is issue #14 item 4: a unit title or district
// that starts like a formula is written with a leading ' in stats.csv (Excel
// would run it), numbers stay numbers, and stats.json keeps the text.
func TestCSVNeutralisesFormulas(t *testing.T) {
	evil := `=HYPERLINK("http://evil.example/","点我")`
	pages := []*content.Page{
		unitPage("a", evil, "+区", 10, 1, false),
		unitPage("b", "@SUM(1+1)", "-1+2", 20, 2, false),
		unitPage("c", "\tTAB", "\rCR", 30, 3, false),
	}
	f := Compute(pages)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.CSV(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range rows {
		for _, cell := range r {
			if cell == "" {
				continue
			}
			switch cell[0] {
			case '=', '@', '\t', '\r':
				t.Errorf("cell %q would be a formula", cell)
			case '+', '-':
				if _, err := strconv.ParseFloat(cell, 64); err != nil {
					t.Errorf("cell %q would be a formula", cell)
				}
			case '\'':
				seen++
			}
		}
	}
	if seen < 3 {
		t.Errorf("only %d neutralised cells; rows: %q", seen, rows)
	}
	js, _ := f.JSON()
	if !strings.Contains(string(js), `"=HYPERLINK(\"http://evil.example/\",\"点我\")"`) {
		t.Errorf("stats.json changed the title:\n%s", js)
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"-5": "-5", "+1.5": "+1.5", "-": "'-", "-1+2": "'-1+2", "1.": "1.", "=1": "'=1", "": ""} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
