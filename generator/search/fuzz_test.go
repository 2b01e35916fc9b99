package search

import (
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks the promises the index and search.js rely on, for any
// text an officer (or a pasted Word document) can produce: folding keeps
// positions, every gram is one or two non-space characters found at its
// position, every character gets a unigram, and query terms never hold a
// space or repeat.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"党建引领 ＡＢＣ１２３　岚卫党发〔2016〕7号",
		"Party-Building\t品牌\u3000示范\u00a0点",
		"a", "", " \t\n", "\xff\xfe党", "𠀀𠀁 emoji 🇨🇳 e\u0301",
		"\ufeff索引号 11439900MB1C27405R/2025-00001",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := []rune(Fold(s))
		if n := utf8.RuneCountInString(s); n != len(folded) {
			t.Fatalf("Fold changed the length: %d runes → %d", n, len(folded))
		}
		toks := Tokenize(s)
		uni := 0
		last := -1
		for _, tok := range toks {
			rs := []rune(tok.Text)
			if len(rs) < 1 || len(rs) > 3 {
				t.Fatalf("gram %q has %d runes", tok.Text, len(rs))
			}
			if tok.Pos < last || tok.Pos < 0 || tok.Pos+len(rs) > len(folded) {
				t.Fatalf("gram %q at %d (previous %d, text %d runes)", tok.Text, tok.Pos, last, len(folded))
			}
			last = tok.Pos
			for i, r := range rs {
				if IsSpace(r) {
					t.Fatalf("gram %q holds a space", tok.Text)
				}
				if folded[tok.Pos+i] != r {
					t.Fatalf("gram %q at %d but the text has %q there", tok.Text, tok.Pos, string(folded[tok.Pos:tok.Pos+len(rs)]))
				}
			}
			if len(rs) == 1 {
				uni++
			}
		}
		want := 0
		for _, r := range folded {
			if !IsSpace(r) {
				want++
			}
		}
		if uni != want {
			t.Fatalf("%d unigrams for %d non-space characters", uni, want)
		}
		seen := map[string]bool{}
		for _, term := range Terms(s) {
			if term == "" || seen[term] {
				t.Fatalf("empty or repeated term %q", term)
			}
			seen[term] = true
			for _, r := range term {
				if IsSpace(r) {
					t.Fatalf("term %q holds a space", term)
				}
			}
			if Fold(term) != term {
				t.Fatalf("term %q is not folded", term)
			}
		}
	})
}
