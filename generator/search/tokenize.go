// Package search builds the static full-text index that /search/ queries in
// the browser, and a Go reader of the same files (tests, bench).
//
// Matching is exact substring matching over folded text: every run of one,
// two and three adjacent non-space characters is indexed (unigrams, bigrams,
// trigrams), trigrams with their positions. A query term of up to three
// characters is one gram lookup; a longer one is a chain of trigrams checked
// at consecutive positions, which holds exactly when the text contains it.
// This is Lucene's CJK bigram idea taken one step further and applied to all
// scripts: whole-word tokens for Latin words and numbers would miss "2016"
// inside "20160" or "arty" inside "party", which a substring contract must
// find. Trigrams make the common 3-character query (示范点) a single list
// read, and keep position lists short (a trigram is much rarer than a bigram).
package search

import "strings"

// Token is one indexed gram: one or two characters of folded text, at a
// position counted in characters (runes) of that text.
type Token struct {
	Text string
	Pos  int
}

// Fold maps full-width ASCII to half-width, the ideographic space to a space
// and A–Z to a–z. It maps one rune to one rune, so positions in folded text
// are positions in the original text too. search.js folds the same way.
func Fold(s string) string {
	return strings.Map(foldRune, s)
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// IsSpace reports the characters that separate runs: no gram spans them and
// queries split on them. The set is spelled out (not unicode.IsSpace) so the
// JavaScript side can match it exactly.
func IsSpace(r rune) bool {
	switch {
	case r <= 0x20, r == 0x7F, r == 0x85, r == 0xA0, r == 0x1680,
		r >= 0x2000 && r <= 0x200B, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

// Tokenize folds s and returns its grams in order of position: at each
// non-space character its unigram, then the bigram and trigram that start
// there, as far as no space interrupts them.
func Tokenize(s string) []Token {
	rs := []rune(Fold(s))
	var out []Token
	grams(rs, func(pos int, k gramKey) {
		out = append(out, Token{Text: k.String(), Pos: pos})
	})
	return out
}

// gramKey packs a gram's runes (21 bits each): a<<42 | b<<21 | c, with 0
// (a space, so never part of a gram) for the missing ones.
type gramKey uint64

func (k gramKey) String() string {
	rs := []rune{rune(k >> 42), rune(k >> 21 & mask21), rune(k & mask21)}
	for len(rs) > 1 && rs[len(rs)-1] == 0 {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

const mask21 = 1<<21 - 1

func (k gramKey) isTrigram() bool { return k&mask21 != 0 }

// grams calls fn for every gram of folded runes rs.
func grams(rs []rune, fn func(pos int, k gramKey)) {
	for i, r := range rs {
		if IsSpace(r) {
			continue
		}
		k := gramKey(r) << 42
		fn(i, k)
		if i+1 < len(rs) && !IsSpace(rs[i+1]) {
			k |= gramKey(rs[i+1]) << 21
			fn(i, k)
			if i+2 < len(rs) && !IsSpace(rs[i+2]) {
				fn(i, k|gramKey(rs[i+2]))
			}
		}
	}
}

// Terms splits a query into folded terms (AND), dropping repeats.
func Terms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(Fold(q), IsSpace) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// hash is FNV-1a over code points; search.js computes the same with
// Math.imul to pick a gram's shard.
func hash(gram string) uint32 {
	h := uint32(2166136261)
	for _, r := range gram {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}
