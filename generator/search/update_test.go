package search

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"dangjian/generator/output"
)

// docHashes is a stand-in for the site's doc hashes: any change of a doc
// changes its hash.
func docHashes(docs []Doc) [][32]byte {
	hs := make([][32]byte, len(docs))
	for i := range docs {
		hs[i] = sha256.Sum256(fmt.Appendf(nil, "%#v", docs[i]))
	}
	return hs
}

// prevOf is the Prev of an index written from docs into mem; it links
// (copies) files into out.
func prevOf(docs []Doc, mem *output.Memory, st Stats, out *output.Memory) *Prev {
	hs := docHashes(docs)
	order := IDOrder(docs)
	byID := make([][32]byte, len(docs))
	for id, i := range order {
		byID[id] = hs[i]
	}
	return &Prev{Hashes: byID, AvgDL: st.AvgDL, Read: func(name string) ([]byte, error) {
		if b, ok := mem.Get("search/" + name); ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}, Link: func(name string) bool {
		b, ok := mem.Get("search/" + name)
		if ok {
			out.WriteFile("search/"+name, b)
		}
		return ok
	}}
}

func sameFiles(t *testing.T, what string, want, got *output.Memory) {
	t.Helper()
	wp, gp := want.Paths(), got.Paths()
	if strings.Join(wp, "\n") != strings.Join(gp, "\n") {
		t.Fatalf("%s: %d files updated, %d written", what, len(gp), len(wp))
	}
	for _, p := range wp {
		a, _ := want.Get(p)
		if b, _ := got.Get(p); !bytes.Equal(a, b) {
			t.Fatalf("%s: %s differs from a full write", what, p)
		}
	}
}

func cloneDocs(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	copy(out, docs)
	return out
}

// An updated index is byte for byte the index Write makes of the same docs,
// whatever the edit: a body, a title, a new or a vanished gram, a date that
// moves two docs, a length that changes other docs' score steps, a change
// of the shard count.
func TestUpdateEqualsWrite(t *testing.T) {
	base := synthetic(400)
	order := IDOrder(base)
	a, b := order[40], order[41] // neighbours by id
	tests := []struct {
		name    string
		opts    Options
		before  func(d []Doc)
		after   func(d []Doc)
		updated bool
		minRe   int // at least this many docs indexed again (0: exactly 1)
		nt      bool
	}{
		{name: "unchanged", updated: true, minRe: -1},
		{name: "append to a body", after: func(d []Doc) { d[5].Body += "新增一段文字内容。" }, updated: true},
		{name: "new grams, quotes and backslashes", after: func(d []Doc) { d[7].Body += ` 独一无二"引号"\反斜杠\ ZQX` }, updated: true},
		{name: "gram gone", before: func(d []Doc) { d[8].Body += " 只此一处的词语" }, after: func(d []Doc) { d[8].Body = base[8].Body }, updated: true},
		{name: "gram gone, many shards", opts: Options{ShardBytes: 300}, before: func(d []Doc) { d[8].Body += " 只此一处的词语" }, after: func(d []Doc) { d[8].Body = base[8].Body }, updated: true},
		{name: "gram replaced, many shards", opts: Options{ShardBytes: 1000}, before: func(d []Doc) { d[8].Body += " 只此一处的词语" },
			after: func(d []Doc) { d[8].Body = base[8].Body + " 另有一处的说法" }, updated: true},
		{name: "append, many long lists", opts: Options{BigBytes: 400}, after: func(d []Doc) { d[5].Body += "新增一段文字内容。" }, updated: true},
		{name: "gram replaced, many long lists", opts: Options{BigBytes: 200, ShardBytes: 1000}, before: func(d []Doc) { d[8].Body += " 只此一处的词语" },
			after: func(d []Doc) { d[8].Body = base[8].Body + " 另有一处的说法" }, updated: true},
		{name: "append, many shards", opts: Options{ShardBytes: 300}, after: func(d []Doc) { d[5].Body += "新增一段文字内容。" }, updated: true},
		// Long trigram lists' positions in p/ files, and some in p/,
		// some after their doc lists (PosBytes).
		{name: "append, many long lists, positions apart", opts: Options{BigBytes: 400, PosBytes: -1}, after: func(d []Doc) { d[5].Body += "新增一段文字内容。" }, updated: true},
		{name: "gram replaced, long lists, some positions apart", opts: Options{BigBytes: 200, ShardBytes: 1000, PosBytes: 700}, before: func(d []Doc) { d[8].Body += " 只此一处的词语" },
			after: func(d []Doc) { d[8].Body = base[8].Body + " 另有一处的说法" }, updated: true},
		{name: "positions grow, some apart", opts: Options{BigBytes: 200, ShardBytes: 1000, PosBytes: 700},
			after: func(d []Doc) { d[6].Body += strings.Repeat("党建工作", 40) }, updated: true, minRe: 1},
		{name: "title", after: func(d []Doc) { d[9].Title = "新的标题党建" }, updated: true},
		// A text its head holds whole: its previous grams are read from
		// its card (d/), not its x/ entry.
		{name: "short page, gram gone, many long lists", opts: Options{BigBytes: 200, ShardBytes: 1000},
			before: func(d []Doc) { d[20].Body, d[20].Headings, d[20].Fields = "短文只此一处的词语", nil, nil },
			after:  func(d []Doc) { d[20].Body, d[20].Headings, d[20].Fields = "短文", nil, nil }, updated: true},
		{name: "short page, title gone", opts: Options{ShardBytes: 300},
			before: func(d []Doc) { d[21].Body, d[21].Title = "短文", "独有的旧标题" },
			after:  func(d []Doc) { d[21].Body, d[21].Title = "短文", "新标题" }, updated: true},
		{name: "heading and field", after: func(d []Doc) {
			d[10].Headings = []string{"三、示范点"}
			d[10].Fields = append([]string{"新字段"}, d[10].Fields...)
		}, updated: true},
		{name: "much longer body moves other docs' steps", after: func(d []Doc) { d[11].Body += d[11].Body[:len(d[11].Body)/3] }, updated: true, minRe: 2},
		{name: "two docs swap ids", after: func(d []Doc) { d[a].Date, d[b].Date = d[b].Date, d[a].Date; d[a].URL, d[b].URL = d[b].URL, d[a].URL },
			updated: true, minRe: 2},
		{name: "invalid UTF-8", after: func(d []Doc) { d[14].Body += "\xff\xfe坏\x80" }, updated: true},
		{name: "shard count", opts: Options{ShardBytes: 4096}, after: func(d []Doc) {
			// New grams, the body as long as it was (the steps of the
			// others stay).
			var sb strings.Builder
			for i := range utf8.RuneCountInString(d[15].Body) {
				sb.WriteRune(rune(0x4E00 + i*7%20000))
			}
			d[15].Body = sb.String()
		}, updated: true, nt: true},
		{name: "shard count, many long lists", opts: Options{ShardBytes: 4096, BigBytes: 300}, after: func(d []Doc) {
			// As above: the long lists the edit leaves, not read, move.
			var sb strings.Builder
			for i := range utf8.RuneCountInString(d[15].Body) {
				sb.WriteRune(rune(0x4E00 + i*7%20000))
			}
			d[15].Body = sb.String()
		}, updated: true, nt: true},
		{name: "shard count, many long lists, positions apart", opts: Options{ShardBytes: 4096, BigBytes: 300, PosBytes: -1}, after: func(d []Doc) {
			var sb strings.Builder
			for i := range utf8.RuneCountInString(d[15].Body) {
				sb.WriteRune(rune(0x4E00 + i*7%20000))
			}
			d[15].Body = sb.String()
		}, updated: true, nt: true},
		{name: "doc removed", after: func(d []Doc) {}, updated: false},
	}
	for _, tc := range tests {
		for _, workers := range []int{1, 3} {
			name := fmt.Sprintf("%s, %d workers", tc.name, workers)
			opts := tc.opts
			opts.Workers = workers
			docs1 := cloneDocs(base)
			if tc.before != nil {
				tc.before(docs1)
			}
			docs2 := cloneDocs(docs1)
			if tc.after != nil {
				tc.after(docs2)
			}
			if tc.name == "doc removed" {
				docs2 = docs2[1:]
			}
			mem1 := output.NewMemory()
			st1, err := Write(docs1, mem1, opts)
			if err != nil {
				t.Fatal(err)
			}
			want, got := output.NewMemory(), output.NewMemory()
			if _, err := Write(cloneDocs(docs2), want, opts); err != nil {
				t.Fatal(err)
			}
			st, err := Update(cloneDocs(docs2), docHashes(docs2), prevOf(docs1, mem1, st1, got), got, opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d reindexed", name, st.Reindexed)
			sameFiles(t, name, want, got)
			if st.Updated != tc.updated {
				t.Fatalf("%s: updated %v, want %v", name, st.Updated, tc.updated)
			}
			switch {
			case !tc.updated:
			case tc.minRe == -1 && st.Reindexed != 0, tc.minRe == 0 && st.Reindexed != 1, st.Reindexed < tc.minRe:
				t.Fatalf("%s: %d docs indexed again", name, st.Reindexed)
			}
			if tc.updated && st.Linked == 0 {
				t.Fatalf("%s: no file linked", name)
			}
			if tc.nt {
				m1, _ := mem1.Get("search/meta.js")
				m2, _ := got.Get("search/meta.js")
				if bytes.Equal(m1, m2) {
					t.Fatalf("%s: the shard count did not change: %s", name, m1)
				}
			}
		}
	}
}

// A previous index that does not match its hashes or is damaged is not
// used: Update then writes what Write does.
func TestUpdateBadPrevious(t *testing.T) {
	docs := synthetic(200)
	// Many long lists, most of them unchanged by the edit; the texts
	// dropped as in a one-shot build, which an update falling back to
	// indexing every doc must not make cards from.
	opts := Options{BigBytes: 400, PosBytes: -1, DropTexts: true}
	mem := output.NewMemory()
	st, err := Write(cloneDocs(docs), mem, opts)
	if err != nil {
		t.Fatal(err)
	}
	docs2 := cloneDocs(docs)
	docs2[3].Body += "改动"
	want := output.NewMemory()
	if _, err := Write(cloneDocs(docs2), want, opts); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		mod     func(p *Prev)
		updated bool
	}{
		{"nothing links", func(p *Prev) { p.Link = func(string) bool { return false } }, true},
		{"long positions gone once the lists are made", func(p *Prev) {
			// An unchanged long list's positions are read only when its
			// file cannot be linked, as the files are written: Update
			// then starts again from every doc.
			read := p.Read
			var writing atomic.Bool
			p.Link = func(name string) bool {
				if strings.HasPrefix(name, "t/") || strings.HasPrefix(name, "p/") {
					writing.Store(true)
				}
				return false
			}
			p.Read = func(name string) ([]byte, error) {
				if strings.HasPrefix(name, "p/") && writing.Load() {
					return nil, os.ErrNotExist
				}
				return read(name)
			}
		}, false},
		{"shard missing", func(p *Prev) {
			read := p.Read
			p.Read = func(name string) ([]byte, error) {
				if name == "t/2.js" {
					return nil, os.ErrNotExist
				}
				return read(name)
			}
		}, false},
		{"shard damaged", func(p *Prev) {
			read := p.Read
			p.Read = func(name string) ([]byte, error) {
				b, err := read(name)
				if name == "t/1.js" {
					b = bytes.Replace(b, []byte(`",`), []byte(`"`), 1)
				}
				return b, err
			}
		}, false},
		{"other doc count", func(p *Prev) { p.Hashes = p.Hashes[1:] }, false},
	} {
		got := output.NewMemory()
		p := prevOf(docs, mem, st, got)
		tc.mod(p)
		st2, err := Update(cloneDocs(docs2), docHashes(docs2), p, got, opts)
		if err != nil {
			t.Fatal(err)
		}
		if st2.Updated != tc.updated {
			t.Errorf("%s: updated %v, want %v", tc.name, st2.Updated, tc.updated)
		}
		sameFiles(t, tc.name, want, got)
	}
}

// stepsChanged tries whole term frequencies only: the weights must stay
// whole numbers.
func TestPartWeightsWhole(t *testing.T) {
	for _, w := range partWeight {
		if w != float32(int(w)) || w < 1 {
			t.Fatalf("part weight %v: stepsChanged assumes whole weights ≥ 1", w)
		}
	}
}

// indexLen is the length the indexer uses.
func TestIndexLen(t *testing.T) {
	docs := []Doc{
		{Title: "标题", Body: "正文\n第二段", Headings: []string{"一"}, Fields: []string{"甲", "乙"}},
		{Title: "bad\xff", Body: "ok", Fields: []string{"\x80x"}},
		{Title: "t", Body: "bad\xffbody\x80", Headings: []string{"h\xfe"}},
		{},
	}
	var w worker
	for i := range docs {
		w.runes(&docs[i])
		if got := docs[i].indexLen(); got != len(w.rs) {
			t.Errorf("doc %d: indexLen %d, indexer %d", i, got, len(w.rs))
		}
		if got := docs[i].lenFast(docs[i].textLen()); got != len(w.rs) {
			t.Errorf("doc %d: lenFast %d, indexer %d", i, got, len(w.rs))
		}
	}
}

// A long list that is unchanged but has another number in its shard (a
// long list before it came or went) is written, not linked: the previous
// file of that number is another list's.
func TestRelinkOnlyWhereItWas(t *testing.T) {
	long := strings.Repeat("#", 50)
	lists := []list{{gram: "甲", ndoc: 50}, {gram: "乙", ndoc: 50}}
	lists[0].docs, lists[1].docs = [][]byte{[]byte(long)}, [][]byte{[]byte(long)}
	var linked []string
	prev := &Prev{Link: func(name string) bool { linked = append(linked, name); return true }}
	// 乙 was long list 0 of shard 0, alone; 甲 is new.
	first := 0
	if lists[1].gram < lists[0].gram {
		first = 1
	}
	origins := make([]origin, 2)
	origins[first] = origin{shard: -1, k: -1}
	origins[1-first] = origin{shard: 0, k: 0}
	re := &relink{prev: prev, linked: new(atomic.Int64), origin: origins, counts: []int{1}}
	var jobs []job
	shardJobs(&jobs, lists, sizes{1 << 20, 10, 1 << 20, -1}, nil, re)
	for _, jb := range jobs {
		if _, _, err := jb(nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(linked) != 0 {
		t.Errorf("linked %v: neither the shard nor a long list is where it was", linked)
	}
	// The same list where it was is linked.
	origins[first] = origin{shard: 0, k: 0}
	origins[1-first] = origin{shard: 0, k: 1}
	re.counts[0] = 2
	jobs = nil
	shardJobs(&jobs, lists, sizes{1 << 20, 10, 1 << 20, -1}, nil, re)
	for _, jb := range jobs {
		jb(nil)
	}
	if len(linked) != 3 {
		t.Errorf("linked %v, want the shard and both long lists", linked)
	}
}

// A list that the edit leaves as it was is linked, shard and long list
// files alike, but not a long list's file that carries the card of the
// doc that changed: a summary, only in its card, changes no entry.
func TestUpdateSameListNewCard(t *testing.T) {
	docs := synthetic(400)
	opts := Options{BigBytes: 200, Workers: 2}
	mem := output.NewMemory()
	st, err := Write(docs, mem, opts)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "只在卡片里的摘要"
	docs2 := cloneDocs(docs)
	docs2[IDOrder(docs)[0]].Summary = marker
	want := output.NewMemory()
	if _, err := Write(cloneDocs(docs2), want, opts); err != nil {
		t.Fatal(err)
	}
	carried := 0
	for _, p := range want.Paths() {
		if b, _ := want.Get(p); strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") && bytes.Contains(b, []byte(marker)) {
			carried++
		}
	}
	if carried == 0 {
		t.Fatal("no long list carries the changed doc's card: the test tests nothing")
	}
	got := output.NewMemory()
	prev := prevOf(docs, mem, st, got)
	link := prev.Link
	shards := 0
	prev.Link = func(name string) bool {
		if strings.HasPrefix(name, "t/") && !strings.Contains(name, "-") {
			shards++
		}
		return link(name)
	}
	st2, err := Update(cloneDocs(docs2), docHashes(docs2), prev, got, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !st2.Updated || st2.Reindexed != 1 {
		t.Fatalf("updated %v, %d docs indexed again", st2.Updated, st2.Reindexed)
	}
	sameFiles(t, "summary", want, got)
	nt := 0
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, "search/t/") && !strings.Contains(p, "-") {
			nt++
		}
	}
	if shards != nt {
		t.Errorf("%d of %d shards linked, want all: no list changed", shards, nt)
	}
}

// An edit reads only the long lists of the grams the changed page has or
// had: the others cannot hold it.
func TestUpdateReadsTouchedLongLists(t *testing.T) {
	docs := synthetic(400)
	i := IDOrder(docs)[30]
	docs[i].Title, docs[i].Body, docs[i].Headings, docs[i].Fields = "短", "旧文", nil, nil
	opts := Options{BigBytes: 200, Workers: 2}
	mem := output.NewMemory()
	st, err := Write(cloneDocs(docs), mem, opts)
	if err != nil {
		t.Fatal(err)
	}
	long := 0
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, "search/t/") && strings.Contains(p, "-") {
			long++
		}
	}
	docs2 := cloneDocs(docs)
	docs2[i].Body = "新文"
	want := output.NewMemory()
	if _, err := Write(cloneDocs(docs2), want, opts); err != nil {
		t.Fatal(err)
	}
	got := output.NewMemory()
	prev := prevOf(docs, mem, st, got)
	read := prev.Read
	var reads atomic.Int64
	prev.Read = func(name string) ([]byte, error) {
		if strings.HasPrefix(name, "t/") && strings.Contains(name, "-") {
			reads.Add(1)
		}
		return read(name)
	}
	st2, err := Update(cloneDocs(docs2), docHashes(docs2), prev, got, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "short page", want, got)
	// The page's grams, before and after: 短, 旧, 文, 旧文, 新, 新文.
	if !st2.Updated || reads.Load() > 6 || long < 50 {
		t.Errorf("updated %v: %d of %d long lists read, want at most the page's 6 grams'", st2.Updated, reads.Load(), long)
	}
}

// A long trigram list whose positions grow past PosBytes moves them from
// its t/ file to a p/ file of their own, and back when they shrink: an
// update writes what a full write does either way.
func TestUpdatePositionsMoveOut(t *testing.T) {
	base := synthetic(200)
	opts := Options{BigBytes: 300, ShardBytes: 1000, PosBytes: 800}
	mem := output.NewMemory()
	if _, err := Write(cloneDocs(base), mem, opts); err != nil {
		t.Fatal(err)
	}
	// The inline list whose positions are longest.
	gram, most := "", 0
	for _, p := range mem.Paths() {
		if !strings.HasPrefix(p, "search/t/") || !strings.Contains(p, "-") {
			continue
		}
		b, _ := mem.Get(p)
		s := string(b)
		sp, bang := strings.Index(s, " "), strings.Index(s, "!")
		if sp < 0 || bang < 0 {
			continue
		}
		end := bang + strings.Index(s[bang:], `"`)
		if n := end - bang - 1; n > most {
			// DJS("t/<h>-<k>",["gram list!positions",[cards]]);
			start := strings.Index(s, `",`) + 2
			start += strings.Index(s[start:], `"`) + 1
			gram, most = s[start:sp], n
		}
	}
	if gram == "" || len([]rune(gram)) != 3 {
		t.Fatalf("no long trigram list with its positions in its t/ file (%q)", gram)
	}
	inP := func(m *output.Memory) bool {
		for _, p := range m.Paths() {
			b, _ := m.Get(p)
			if strings.HasPrefix(p, "search/p/") && strings.Contains(string(b), `","`+gram+" ") {
				return true
			}
		}
		return false
	}
	if inP(mem) {
		t.Fatalf("%q has a p/ file already", gram)
	}
	grown := cloneDocs(base)
	// The gram over the start of a body as long as it was (a character a
	// position), so that no other doc's score steps move.
	rs, more := []rune(grown[0].Body), []rune(strings.Repeat(gram+"。", opts.PosBytes-most+100))
	if len(more) > len(rs) {
		t.Fatalf("%d characters do not fit a body of %d", len(more), len(rs))
	}
	copy(rs, more)
	grown[0].Body = string(rs)
	for _, c := range []struct {
		name     string
		from, to []Doc
	}{{"positions grow", base, grown}, {"positions shrink", grown, base}} {
		mem1 := output.NewMemory()
		st1, err := Write(cloneDocs(c.from), mem1, opts)
		if err != nil {
			t.Fatal(err)
		}
		want, got := output.NewMemory(), output.NewMemory()
		if _, err := Write(cloneDocs(c.to), want, opts); err != nil {
			t.Fatal(err)
		}
		if inP(mem1) == inP(want) {
			t.Fatalf("%s: %q's positions in a p/ file before and after: %v", c.name, gram, inP(want))
		}
		st, err := Update(cloneDocs(c.to), docHashes(c.to), prevOf(c.from, mem1, st1, got), got, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Updated {
			t.Fatalf("%s: not updated", c.name)
		}
		sameFiles(t, c.name, want, got)
	}
}
