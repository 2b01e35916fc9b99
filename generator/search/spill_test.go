package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"dangjian/generator/output"
)

// TestSpillListsSameIndex: with the lists' big chunks in a temporary file
// (Options.SpillLists) every file is what it is with them in memory: short
// lists in shards, long ones in files of their own, with their cards.
func TestSpillListsSameIndex(t *testing.T) {
	for _, opts := range []Options{{Workers: 1}, {Workers: 3}, {Workers: 2, ShardBytes: 256}} {
		want, got := output.NewMemory(), output.NewMemory()
		if _, err := Write(synthetic(300), want, opts); err != nil {
			t.Fatal(err)
		}
		spilled := opts
		spilled.SpillLists = true
		if _, err := Write(synthetic(300), got, spilled); err != nil {
			t.Fatal(err)
		}
		if len(got.Paths()) != len(want.Paths()) {
			t.Fatalf("%+v: %d files spilled, %d not", opts, len(got.Paths()), len(want.Paths()))
		}
		for _, p := range want.Paths() {
			a, _ := want.Get(p)
			if b, _ := got.Get(p); !bytes.Equal(a, b) {
				t.Fatalf("%+v: %s differs with SpillLists", opts, p)
			}
		}
	}
}

// TestSpillListsInFile: the spilled lists really are in the file, and read
// back as they were made.
func TestSpillListsInFile(t *testing.T) {
	docs := synthetic(300)
	order := newestFirst(docs)
	dls, avgdl := docLens(docs, order, 2)
	spill := newChunkSpill()
	if spill == nil {
		t.Skip("no temporary file")
	}
	defer spill.close()
	spilled := joinAll(gather(docs, order, 2, nil, dls, avgdl, spill), len(docs), 2)
	if err := spill.seal(); err != nil {
		t.Fatal(err)
	}
	kept := joinAll(gather(docs, order, 2, nil, dls, avgdl, nil), len(docs), 2)
	if len(spilled) != len(kept) {
		t.Fatalf("%d lists spilled, %d kept", len(spilled), len(kept))
	}
	inFile, bytesInFile := 0, 0
	for i := range kept {
		a, b := &kept[i], &spilled[i]
		if len(b.dspans())+len(b.pspans()) > 0 {
			inFile++
		}
		for _, sp := range append(b.dspans(), b.pspans()...) {
			bytesInFile += int(sp.n)
		}
		for _, part := range []struct {
			k, s   [][]byte
			spans  []span
			nk, ns int
		}{{a.docs, b.docs, b.dspans(), a.ndoc, b.ndoc}, {a.pos, b.pos, b.pspans(), a.npos, b.npos}} {
			want := bytes.Join(part.k, nil)
			got, err := appendPieces(nil, part.s, part.spans, spill)
			if err != nil {
				t.Fatal(err)
			}
			if a.gram != b.gram || !bytes.Equal(got, want) || part.nk != part.ns {
				t.Fatalf("list %q: read back differs", b.gram)
			}
		}
	}
	if inFile == 0 || spill.size != int64(bytesInFile) {
		t.Fatalf("%d lists in the file, %d bytes listed, %d written", inFile, bytesInFile, spill.size)
	}
	t.Logf("%d of %d lists partly in the file, %d bytes", inFile, len(kept), bytesInFile)
}

// TestSpillListsCards: a long list's cards come from its whole doc list,
// the chunks in the file included: the best result of its gram (a title
// match) is in the middle of the list, in a spilled chunk.
func TestSpillListsCards(t *testing.T) {
	docs := make([]Doc, 800)
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("/news/n%04d/", i), Title: fmt.Sprintf("第%d次会议", i), Kind: "news",
			Date: day("2024-01-01").AddDate(0, 0, -i), Body: "学习红旗渠精神，坚持党建引领。"}
	}
	docs[400].Title = "红旗渠精神专题学习"
	opts := Options{Workers: 1, ShardBytes: 256}
	want, got := output.NewMemory(), output.NewMemory()
	if _, err := Write(slices.Clone(docs), want, opts); err != nil {
		t.Fatal(err)
	}
	opts.SpillLists = true
	if _, err := Write(docs, got, opts); err != nil {
		t.Fatal(err)
	}
	cards := 0
	for _, p := range want.Paths() {
		a, _ := want.Get(p)
		if b, _ := got.Get(p); !bytes.Equal(a, b) {
			t.Fatalf("%s differs with SpillLists", p)
		}
		if bytes.Contains(a, []byte("红旗渠精神专题学习")) && strings.HasPrefix(p, "search/t/") {
			cards++
		}
	}
	if cards == 0 {
		t.Fatal("no long list's cards show the title match: the test proves nothing")
	}
}
