package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// A query none of whose docs has every gram reads no positions file: the
// doc lists are read and intersected first. Here every trigram of the
// query has a long list with a positions file (p/) of its own, but no doc
// has them all; a query that does find its docs reads them.
func TestZeroHitReadsNoPositions(t *testing.T) {
	var docs []Doc
	for i := range 60 {
		d := day("2020-01-01").Add(time.Duration(i) * 24 * time.Hour)
		docs = append(docs,
			Doc{URL: fmt.Sprintf("/a/%d/", i), Title: "甲", Date: d, Body: "红色引擎品牌，建设红色引擎。"},
			Doc{URL: fmt.Sprintf("/b/%d/", i), Title: "乙", Date: d, Body: "四强支部，擎党建工作，四强党员。"})
	}
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60, PosBytes: -1})
	cases := []struct {
		q         string
		hits      int
		positions bool
	}{
		{"红色引擎党建", 0, false}, // 红色引 and 擎党建 are in different docs
		{"四强党支部", 0, false},  // 党支部 is nowhere: an empty list stops it
		{"红色引擎", 60, true},
		{"四强支部", 60, true},
	}
	for _, c := range cases {
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != c.hits {
			t.Errorf("%q: %d hits, want %d", c.q, len(hits), c.hits)
		}
		readPos := slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") })
		if readPos != c.positions {
			t.Errorf("%q: read a positions file: %v, want %v (read %v)", c.q, readPos, c.positions, ix.Loaded)
		}
		t.Logf("%q: %d hits, read %v", c.q, len(hits), ix.Loaded)
	}
}

// A long trigram list's positions of up to PosBytes follow its doc list
// in its t/ file: a word of four characters or more reads them with its
// lists, in one wave, where from p/ files it read them in a second. Longer
// positions keep a p/ file, which only candidates read.
func TestWordReadsItsPositionsWithItsLists(t *testing.T) {
	var docs []Doc
	for i := range 60 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/a/%d/", i), Title: "甲", Date: day("2020-01-01").Add(time.Duration(i) * time.Hour),
			Body: "红色引擎品牌，建设红色引擎。"})
	}
	for _, c := range []struct {
		pos     int
		readPos bool
	}{{0, false}, {-1, true}, {50, true}} {
		w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60, PosBytes: c.pos})
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search("红色引擎")
		if err != nil {
			t.Fatal(err)
		}
		long := slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") })
		readPos := slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") })
		if len(hits) != 60 || !long || readPos != c.readPos {
			t.Errorf("PosBytes %d: %d hits, read %v: want 60, a long list and a positions file %v", c.pos, len(hits), ix.Loaded, c.readPos)
		}
	}
}

// A query of rareFirst grams or more (a pasted sentence) reads its rare
// grams (short lists, in shards) first: when one of them is in no doc, no
// long list is read. A shorter one (a unit's name) reads all its lists at
// once, in one wave.
func TestLongQueryReadsRareFirst(t *testing.T) {
	var docs []Doc
	for i := range 60 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/a/%d/", i), Title: "甲", Date: day("2020-01-01").Add(time.Duration(i) * time.Hour),
			Body: "红色引擎品牌，建设清廉医院，服务群众。"})
	}
	// Long by their bytes only: the words' lists of 60 docs stay in shards.
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60, WordBytes: 1 << 20})
	long := func(p string) bool {
		return strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") || strings.HasPrefix(p, "search/p/")
	}
	for _, c := range []struct {
		q        string
		grams    int
		hits     int
		readLong bool
	}{
		// 服务丙 is nowhere; 红色引, 擎品牌, ，建设 … are long lists.
		{"红色引擎品牌，建设清廉医院，服务丙", 6, 0, false},
		{"红色引擎品牌，建设清廉医院，服务群", 6, 60, true},
		// 建设丙 is nowhere, but the query is short: all at once.
		{"红色引擎品牌，建设丙", 4, 0, true},
	} {
		grams := map[string]bool{}
		for _, p := range cover(Terms(c.q)[0]) {
			grams[p.gram] = true
		}
		if n := len(grams); n != c.grams {
			t.Fatalf("%q has %d grams, the case needs %d", c.q, n, c.grams)
		}
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != c.hits || slices.ContainsFunc(ix.Loaded, long) != c.readLong {
			t.Errorf("%q: %d hits (want %d), read %v (a long list: want %v)", c.q, len(hits), c.hits, ix.Loaded, c.readLong)
		}
		t.Logf("%q: %d hits, read %v", c.q, len(hits), ix.Loaded)
	}
}
