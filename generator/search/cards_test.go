package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// A one-gram query's first page of results needs no file after its list:
// a long list carries their cards, the same as their d/ files hold, in the
// order Search ranks them (exact title, title, fields, body; score;
// newest).
func TestLongListCarriesFirstCards(t *testing.T) {
	var docs []Doc
	for i := range 40 {
		d := day("2021-01-01").Add(time.Duration(i) * 24 * time.Hour)
		title, body := fmt.Sprintf("工作动态%d", i), "各支部开展学习。"
		switch {
		case i%7 == 0:
			title = "党建" // the exact title: first whatever its date
		case i%5 == 0:
			title = fmt.Sprintf("党建工作%d", i)
		case i%3 == 0:
			body = "党建引领，党建强院，党建惠民。" // a higher score in the body
		default:
			body = "开展党建学习。"
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: title, Date: d, Body: body,
			Fields: []string{"来源：市卫健委"}, Summary: "摘要" + title})
	}
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60, FragDocs: 3})
	for _, q := range []string{"党建", "党"} {
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) < topCards {
			t.Fatalf("%q: %d hits, the test needs more than %d", q, len(hits), topCards)
		}
		if !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") }) {
			t.Fatalf("%q: no long list read (%v): the test needs one", q, ix.Loaded)
		}
		before := len(ix.Loaded)
		var got []Fragment
		for _, h := range hits[:topCards] {
			f, err := ix.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, f)
		}
		if extra := ix.Loaded[before:]; len(extra) > 0 {
			t.Errorf("%q: the first %d results read %v after the list", q, topCards, extra)
		}
		// The cards are the d/ files' records.
		fresh, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hits[:topCards] {
			want, err := fresh.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got[i] != want {
				t.Errorf("%q: card of doc %d = %+v, d/ has %+v", q, h.ID, got[i], want)
			}
		}
		// A result beyond the first page has no card: its d/ file is read.
		if len(hits) > topCards {
			before = len(ix.Loaded)
			if _, err := ix.Fragment(hits[len(hits)-1].ID); err != nil {
				t.Fatal(err)
			}
			if len(ix.Loaded) == before {
				t.Errorf("%q: the last result's card came from nowhere", q)
			}
		}
	}
}

// topResults ranks as Search does, ties included.
func TestTopResultsRanksAsSearch(t *testing.T) {
	var docs []Doc
	for i := range 30 {
		d := Doc{URL: fmt.Sprintf("/n/%d/", i), Title: []string{"示范点", "示范点建设", "动态", "动态", "动态", "示范点建设"}[i%6],
			Date: day("2022-01-01").Add(time.Duration(i%4) * time.Hour), Body: strings.Repeat("示范点。", i%5+1)}
		if i%6 == 0 {
			// The exact titles score lowest: they come first by the band
			// the list's title length gives them alone.
			d.Body = "示范点。" + strings.Repeat("各支部开展学习。", 40)
		}
		// Field matches fill the first page after the title matches,
		// some beyond what the card shows (a list entry of its own
		// kind, which must rank as any field match).
		switch i % 6 {
		case 2, 3:
			d.Fields = []string{"示范点"}
		case 4:
			d.Fields = []string{strings.Repeat("无关的字段内容", 30), "示范点"}
		}
		docs = append(docs, d)
	}
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60})
	ix, hits := openAndSearch(t, w, "示范点")
	var want []int
	for _, h := range hits[:topCards] {
		want = append(want, h.ID)
	}
	var got []int
	for id := range ix.cards {
		got = append(got, id)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("cards for %v, the first results are %v", got, want)
	}
}

// A deep result (its match beyond its head) is shown from its text file
// alone: what its result line needs is there, so no d/ file is read.
func TestDeepResultReadsOnlyItsText(t *testing.T) {
	var docs []Doc
	for i := range 12 {
		body := strings.Repeat("医院开展志愿服务活动，服务群众。", 20)
		if i%2 == 0 {
			body += "学习强国积分排名靠前。"
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("动态%d", i), Kind: "news", Unit: "某医院",
			Date: day("2024-05-01").Add(time.Duration(i) * 24 * time.Hour), Body: body})
	}
	w, _ := build(t, docs, Options{})
	cost, err := QueryCostFS(w.fs, "学习强国", 10)
	if err != nil {
		t.Fatal(err)
	}
	if cost.Hits != 6 {
		t.Fatalf("%d hits, want 6", cost.Hits)
	}
	texts, frags := 0, 0
	for _, f := range cost.Files {
		texts += strings.Count(f, "search/x/")
		frags += strings.Count(f, "search/d/")
	}
	if texts != 6 || frags != 0 {
		t.Errorf("read %d text files and %d fragment files, want 6 and 0: %v", texts, frags, cost.Files)
	}
	ix, hits := openAndSearch(t, w, "学习强国")
	for _, h := range hits {
		deep, text, err := ix.DeepFragment(h.ID)
		if err != nil || !h.Deep {
			t.Fatalf("hit %+v: deep %v, %v", h, h.Deep, err)
		}
		card, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if deep.URL != card.URL || deep.Title != card.Title || deep.Date != card.Date || deep.Unit != card.Unit || deep.Kind != card.Kind || deep.Head != card.Head {
			t.Errorf("doc %d: from its text %+v, its card %+v", h.ID, deep, card)
		}
		if !strings.Contains(text, "学习强国") {
			t.Errorf("doc %d: text without the match", h.ID)
		}
	}
}

// A query whose words need positions asks for the cards of its likely
// first results (title, heading or field matches) with the positions, not
// a wave after them: the Go reader, like search.js, reads those d/ files
// before the p/ files, and showing the first page reads nothing more.
func TestLikelyCardsComeWithPositions(t *testing.T) {
	var docs []Doc
	for i := range 90 {
		// The grams' own first results (titles exactly 红色引 or 色引擎)
		// are not the word's: the cards that came with the lists are not
		// the ones needed.
		title, body := fmt.Sprintf("红色引擎推进会%d", i), "红色引擎品牌，建设红色引擎。"
		switch i % 3 {
		case 0:
			title, body = "红色引", "红色引领，红色引领。" // exact titles: first
		case 1:
			title, body = "色引擎", "特色引擎，特色引擎。"
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/a/%d/", i), Title: title, Date: day("2020-01-01").Add(time.Duration(i) * time.Hour), Body: body})
	}
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1, FragDocs: 3})
	ix, hits := openAndSearch(t, w, "红色引擎")
	if len(hits) != 30 {
		t.Fatalf("%d hits, want 30", len(hits))
	}
	firstPos, lastFrag := -1, -1
	for i, f := range ix.Loaded {
		if strings.HasPrefix(f, "search/p/") && firstPos < 0 {
			firstPos = i
		}
		if strings.HasPrefix(f, "search/d/") {
			lastFrag = i
		}
	}
	if firstPos < 0 || lastFrag < 0 || lastFrag > firstPos {
		t.Fatalf("read %v: want the d/ files before the first p/ file", ix.Loaded)
	}
	firstPageReadsNothingMore(t, ix, hits, "红色引擎")
}

// A word of four characters or more (群众满意: 群众满, 众满意) mostly finds
// its first results among its grams' own, whose cards came with their long
// lists: the positions are then the only files after the lists, one turn
// of the browser's six connections instead of two. A long list carries
// cards whether it is long by its doc list or by its positions.
func TestWordFindsItsFirstCardsWithItsLists(t *testing.T) {
	var docs []Doc
	for i := range 60 {
		title := fmt.Sprintf("动态%d", i)
		if i%4 == 0 {
			title = fmt.Sprintf("红色引擎工作推进会%d", i)
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/a/%d/", i), Title: title, Date: day("2020-01-01").Add(time.Duration(i) * time.Hour),
			Body: "红色引擎品牌，建设红色引擎。", Fields: []string{"红色引擎办公室"}})
	}
	// Long lists by their positions (60 docs, a few hundred bytes of doc
	// list each).
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1, FragDocs: 3})
	ix, hits := openAndSearch(t, w, "红色引擎")
	if len(hits) != 60 {
		t.Fatalf("%d hits, want 60", len(hits))
	}
	for _, f := range ix.Loaded {
		if strings.HasPrefix(f, "search/d/") || strings.HasPrefix(f, "search/x/") {
			t.Errorf("read %s with the lists and positions (%v): the first results' cards came with the lists", f, ix.Loaded)
		}
	}
	if !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("read %v: the test needs a positions file", ix.Loaded)
	}
	firstPageReadsNothingMore(t, ix, hits, "红色引擎")
}

// A body match's text file comes with the positions too: the first page
// of a phrase found only deep in bodies reads nothing after them. A query
// of two words: its results' excerpts (one term's window each) do not do.
func TestLikelyTextsComeWithPositions(t *testing.T) {
	w, _ := build(t, deepDocs(), Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1})
	ix, hits := openAndSearch(t, w, "学习强国 积分排名")
	if len(hits) != 40 || !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("%d hits, read %v: the test needs 40 and a positions file", len(hits), ix.Loaded)
	}
	texts := 0
	for _, f := range ix.Loaded {
		texts += strings.Count(f, "search/x/")
	}
	if texts != topCards {
		t.Errorf("%d text files read with the positions, want %d: %v", texts, topCards, ix.Loaded)
	}
	firstPageReadsNothingMore(t, ix, hits, "学习强国 积分排名")
}

// deepDocs are 40 news whose bodies hold 学习强国 only after their heads.
func deepDocs() []Doc {
	var docs []Doc
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("动态%d", i), Kind: "news",
			Date: day("2024-05-01").Add(time.Duration(i) * time.Hour),
			Body: strings.Repeat("医院开展志愿服务活动，服务群众。", 12) + "学习强国积分排名靠前。学习强国。"})
	}
	return docs
}

// A one-word query whose first results match deep in their bodies, among
// its trigrams' own first results, reads no text file: the long lists'
// cards carry the windows of the bodies around the match (excerpt.go).
func TestExcerptsSpareTheTexts(t *testing.T) {
	w, _ := build(t, deepDocs(), Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1})
	ix, hits := openAndSearch(t, w, "学习强国")
	if len(hits) != 40 || !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("%d hits, read %v: the test needs 40 and a positions file", len(hits), ix.Loaded)
	}
	for _, f := range ix.Loaded {
		if strings.HasPrefix(f, "search/x/") || strings.HasPrefix(f, "search/d/") {
			t.Errorf("read %s (%v): the excerpts came with the lists", f, ix.Loaded)
		}
	}
	firstPageReadsNothingMore(t, ix, hits, "学习强国")
	for _, h := range hits[:topCards] {
		text, err := ix.SnippetText(h, Terms("学习强国"))
		if err != nil {
			t.Fatal(err)
		}
		if utf8.RuneCountInString(text) > excerptBefore+excerptAfter || !strings.Contains(text, "学习强国积分") {
			t.Errorf("hit %d: snippet text %q, want the window around the first 学习强国", h.ID, text)
		}
	}
}

// A field match that the card does not show (an honor list's table runs
// far past the card's 200 characters) comes from its text file, read with
// the positions; one the card shows, from the card. The first page reads
// nothing after the positions either way.
func TestLikelyFieldMatchBeyondTheCardReadsItsText(t *testing.T) {
	docs, beyond := honorDateDocs()
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1, FragDocs: 1, TextDocs: 1})
	ix, hits := openAndSearch(t, w, "2023年5月")
	if len(hits) != 24 || !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("%d hits, read %v: the test needs 24 and a positions file", len(hits), ix.Loaded)
	}
	before := len(ix.Loaded)
	snippetsHold(t, ix, hits, "2023年5月")
	if more := ix.Loaded[before:]; len(more) > 0 {
		t.Errorf("the first page read %v after the positions", more)
	}
	checkBeyondRead(t, ix, hits, ix.Loaded[:before], beyond)
}

// With the positions in the lists' own files (PosBytes), the first page's
// files come after the lists: a field match beyond its card reads its text
// file alone, not its card and then its text, a wave later (2023年5月 on
// the 10k corpus: three waves after the page, now two).
func TestFieldMatchBeyondTheCardReadsOnlyItsText(t *testing.T) {
	docs, beyond := honorDateDocs()
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 200, FragDocs: 1, TextDocs: 1})
	ix, hits := openAndSearch(t, w, "2023年5月")
	if len(hits) != 24 || slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("%d hits, read %v: the test needs 24 and no positions file", len(hits), ix.Loaded)
	}
	snippetsHold(t, ix, hits, "2023年5月")
	checkBeyondRead(t, ix, hits, ix.Loaded, beyond)
}

// snippetsHold checks that the snippet text of each hit of q's first page
// holds q.
func snippetsHold(t *testing.T, ix *Index, hits []Hit, q string) {
	t.Helper()
	for _, h := range hits[:topCards] {
		text, err := ix.SnippetText(h, Terms(q))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, q) {
			t.Errorf("hit %d: snippet text without the match: %.80q", h.ID, text)
		}
	}
}

// checkBeyondRead checks that of the first page's hits, those whose match
// is beyond their card (by URL) had their text file read and not their
// card, and the others their card (unless it came with a long list).
func checkBeyondRead(t *testing.T, ix *Index, hits []Hit, read []string, beyond map[string]bool) {
	t.Helper()
	kinds := map[bool]int{}
	for _, h := range hits[:topCards] {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds[beyond[f.URL]]++
		readX := slices.Contains(read, "search/"+ix.textFile(h.ID)+".js")
		readD := slices.Contains(read, fmt.Sprintf("search/d/%d.js", h.ID))
		// A card may also have come with a long list (the first results of
		// 202, 023…): no d/ file then.
		_, withList := ix.cards[h.ID]
		if readX != beyond[f.URL] || readD && beyond[f.URL] || !readD && !withList && !beyond[f.URL] {
			t.Errorf("%s (match beyond the card: %v): text file read %v, card read %v, card with a list %v", f.URL, beyond[f.URL], readX, readD, withList)
		}
	}
	if kinds[true] == 0 || kinds[false] == 0 {
		t.Errorf("first page: %d matches beyond the card, %d in it: the test needs both", kinds[true], kinds[false])
	}
}

// honorDateDocs are 24 honor lists, each with a row dated 2023年5月22日,
// in three of four after twelve rows of other dates (beyond the card's
// fields), and 40 news items that make 202, 023 … long lists.
func honorDateDocs() ([]Doc, map[string]bool) {
	var docs []Doc
	beyond := map[string]bool{}
	for i := range 24 {
		row := func(d string) string { return fmt.Sprintf("优秀共产党员 · 张%d · 个人 · %s", i, d) }
		fields := []string{row("2023年5月22日")}
		if i%4 != 0 {
			fields = []string{strings.Repeat(row("2022年8月1日")+"\n", 12), row("2023年5月22日")}
		}
		u := fmt.Sprintf("/honors/%d/", i)
		beyond[u] = i%4 != 0
		docs = append(docs, Doc{URL: u, Title: fmt.Sprintf("%d年度表彰名单", 2000+i), Kind: "honor",
			Date: day("2024-05-01").Add(time.Duration(i) * time.Hour), Body: "表彰决定。", Fields: fields})
	}
	for i := range 40 { // long lists for 202, 023 …
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("2023年动态%d", i), Kind: "news",
			Date: day("2023-01-01").Add(time.Duration(i) * time.Hour), Body: "2023年工作总结。"})
	}
	return docs, beyond
}

// firstPageReadsNothingMore checks that the snippets of q's first page
// read no file after those Search read.
func firstPageReadsNothingMore(t *testing.T, ix *Index, hits []Hit, q string) {
	t.Helper()
	before := len(ix.Loaded)
	for _, h := range hits[:topCards] {
		if _, err := ix.SnippetText(h, Terms(q)); err != nil {
			t.Fatal(err)
		}
	}
	if more := ix.Loaded[before:]; len(more) > 0 {
		t.Errorf("%s: the first page read %v after the positions", q, more)
	}
}

// openAndSearch opens the index w holds and runs q on it.
func openAndSearch(t *testing.T, w *mapWriter, q string) (*Index, []Hit) {
	t.Helper()
	ix, err := Open(w.fs, "search")
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	return ix, hits
}

// A page whose fields hold a long term's trigrams on different lines (two
// units, each with part of the name) is not among the likely first results
// when others hold the term, though it is newer and scores higher by the
// lists: the cards that come with the positions are the term's pages', and
// the first page reads nothing after them, in Go and in search.js.
func TestLikelyPassesOverFieldsApart(t *testing.T) {
	const q = "秭归县第一人民医院"
	var docs []Doc
	for i := range 40 {
		d := Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("工作动态%d", i), Kind: "news",
			Date: day("2024-05-01").Add(-time.Duration(i) * time.Hour), Body: "支部开展主题党日活动。",
			Fields: []string{"秭归县第一人民医院"}}
		switch {
		case i < 10: // the newest, ids 0–19: the name's parts, twice
			d.Fields = []string{"秭归县人民医院", "芗城区第一人民医院", "秭归县人民医院", "芗城区第一人民医院"}
		case i < 20: // or one in the title
			d.Title = fmt.Sprintf("秭归县工作动态%d", i)
			d.Fields = []string{"芗城区第一人民医院", "芗城区第一人民医院"}
		}
		docs = append(docs, d)
	}
	opts := Options{ShardBytes: 400, BigBytes: 200, PosBytes: -1, FragDocs: 3}
	w, _ := build(t, docs, opts)
	ix, hits := openAndSearch(t, w, q)
	if len(hits) != 20 || !slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/p/") }) {
		t.Fatalf("%d hits, read %v: the test needs 20 and a positions file", len(hits), ix.Loaded)
	}
	firstPageReadsNothingMore(t, ix, hits, q)

	dir := t.TempDir()
	writeDir(t, dir, docs, opts)
	var res []jsResult
	node(t, dir, "query", []string{q}, &res)
	cost, err := QueryCost(dir, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	// The harness reads docs.js once the search is done, then the first
	// page's cards: none may come after it.
	if i := slices.Index(res[0].Files, "search/docs.js"); i < 0 || slices.ContainsFunc(res[0].Files[i:], func(f string) bool {
		return strings.HasPrefix(f, "search/d/") || strings.HasPrefix(f, "search/x/")
	}) {
		t.Errorf("search.js read the first page's cards after the search (%v)", res[0].Files)
	}
	js, gofiles := slices.Sorted(slices.Values(res[0].Files)), slices.Sorted(slices.Values(cost.Files))
	if !slices.Equal(js, gofiles) {
		t.Errorf("js read %v\nQueryCost counts %v", js, gofiles)
	}
}

// A long term is in a page's headings and fields only when a line there
// holds it whole: a page whose tags hold its trigrams on two lines (第一党支部,
// 支部书记) and the term in its body alone ranks with the body matches, in
// Go and in search.js (an audit found it among the field matches).
func TestFieldBandNeedsTheWholeTerm(t *testing.T) {
	const q = "党支部书记"
	docs := []Doc{
		{URL: "/news/c/", Title: "第三篇", Date: day("2026-01-01"), Body: "党支部书记党支部书记。"},
		{URL: "/news/b/", Title: "另一篇", Date: day("2025-01-01"), Body: "正文。", Fields: []string{"党支部书记"}},
		{URL: "/news/a/", Title: "会议纪要", Date: day("2016-01-01"), Body: "正文写到党支部书记参加会议。", Fields: []string{"第一党支部", "支部书记"}},
	}
	// b has it in a field; c and a in their bodies, c twice and newer.
	want := []string{"/news/b/", "/news/c/", "/news/a/"}
	w, _ := build(t, docs, Options{})
	ix, hits := openAndSearch(t, w, q)
	var got []string
	for _, h := range hits {
		f, err := ix.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.URL)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Go: %v, want %v", got, want)
	}
	dir := t.TempDir()
	writeDir(t, dir, docs, Options{})
	var res []jsResult
	node(t, dir, "query", []string{q}, &res)
	got = nil
	for _, s := range res[0].Shown {
		got = append(got, s.URL)
	}
	if !slices.Equal(got, want) {
		t.Errorf("search.js: %v, want %v", got, want)
	}
}

// A word's list of more than WordBytes is a long list, in a file of its
// own with its first results' cards: a reader's two-character query shows
// its first page from that one file. In a shard, the same list came
// without them, and the first page read its d/ files after it. A gram
// across a punctuation mark is never a query of its own, and a trigram's
// positions are read from its shard with its doc list: both stay there.
func TestWordListsCarryCards(t *testing.T) {
	var docs []Doc
	for i := range 80 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: fmt.Sprintf("动态%d", i),
			Date: day("2021-01-01").Add(time.Duration(i) * time.Hour), Body: fmt.Sprintf("学习强国。第%d期", i)})
	}
	for _, c := range []struct {
		word     int
		longWord bool // 强国's list in a file of its own
	}{
		{word: 60, longWord: true},
		{word: 1 << 20},
	} {
		w, _ := build(t, docs, Options{ShardBytes: 4000, BigBytes: 3000, WordBytes: c.word})
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search("强国")
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != len(docs) {
			t.Fatalf("WordBytes %d: 强国 finds %d of %d", c.word, len(hits), len(docs))
		}
		long := slices.ContainsFunc(ix.Loaded, func(p string) bool { return strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") })
		before := len(ix.Loaded)
		for _, h := range hits[:topCards] {
			if _, err := ix.Fragment(h.ID); err != nil {
				t.Fatal(err)
			}
		}
		after := ix.Loaded[before:]
		if long != c.longWord || (len(after) == 0) != c.longWord {
			t.Errorf("WordBytes %d: 强国 read %v, then %v for its first page; want its own file with the cards: %v", c.word, ix.Loaded[:before], after, c.longWord)
		}
		// 国。 and 习强国 are in every doc too, as long doc lists as 强国's.
		for _, gram := range []string{"国。", "习强国"} {
			inShard := false
			for name, data := range w.fs {
				if strings.HasPrefix(name, "search/t/") && !strings.Contains(name, "-") && strings.Contains(string(data.Data), `"`+gram+`","`) {
					inShard = true
				}
			}
			if !inShard {
				t.Errorf("WordBytes %d: %s's list is not in a shard", c.word, gram)
			}
		}
	}
}

func TestWordGram(t *testing.T) {
	for gram, want := range map[string]bool{"强国": true, "党": true, "2023": true, "年5月": true, "a党": true, "国。": false, "，建设": false, "党 建": false, "": false} {
		if got := wordGram(gram); got != want {
			t.Errorf("wordGram(%q) = %v, want %v", gram, got, want)
		}
	}
}

// Every long list of a shard up to the directory's dirK-th is in the
// directory: a query reads it without its shard first. With words' lists
// long too, a shard holds a dozen.
func TestDirectoryListsAShardsLongLists(t *testing.T) {
	var docs []Doc
	words := []string{"甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑", "寅卯", "辰巳", "午未", "申酉", "戌亥", "天地"}
	for i := range 60 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%d/", i), Title: "动态", Date: day("2021-01-01").Add(time.Duration(i) * time.Hour),
			Body: strings.Join(words, "，")})
	}
	// Every list long: one shard holds them all.
	w, _ := build(t, docs, Options{ShardBytes: 400, BigBytes: 60, WordBytes: 1})
	maxK := 0
	for name := range w.fs {
		if _, k, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(name, "search/t/"), ".js"), "-"); ok && strings.HasPrefix(name, "search/t/") {
			n, _ := strconv.Atoi(k)
			maxK = max(maxK, n)
		}
	}
	if maxK < 8 {
		t.Fatalf("the fixture's shard holds long lists up to k = %d, the test needs 8 or more", maxK)
	}
	for _, q := range words {
		ix, err := Open(w.fs, "search")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Search(q); err != nil {
			t.Fatal(err)
		}
		for _, p := range ix.Loaded {
			if strings.HasPrefix(p, "search/t/") && !strings.Contains(p, "-") {
				t.Errorf("%q read its shard %s (read %v)", q, p, ix.Loaded)
			}
		}
	}
}
