package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Index reads a written index the way search.js does, file by file, and
// records what it read: tests check the format through it, and the bench
// counts the bytes a query costs.
type Index struct {
	fsys       fs.FS
	dir        string
	cache      map[string]json.RawMessage
	Loaded     []string // files read, site-relative, in order
	Bytes      int64    // their total size
	n, nt, np  int
	fd, xd     int // docs per fragment file, per text file
	hr         int // head runes: the text a fragment starts with
	docsLoaded []DocInfo
	big        map[uint32][]int        // dir.js: hash bits → k of t/<h>-<k>
	cards      map[int]json.RawMessage // cards that came with long lists, by id
	excerpts   map[string]map[int]excerptData
}

// excerptData is an excerpt that came with a long list's card (excerpt.go):
// a window of the body, its gram's first occurrence there (UTF-16 units)
// and excerptLead, excerptTail.
type excerptData struct {
	text      string
	at, flags int
}

// DocInfo is what the filters know of a doc.
type DocInfo struct {
	Kind  string
	Year  int
	Units []string // slugs
}

// Hit is one result: a doc id (ids go newest first) and its score. Pos is
// where its first term longer than three characters first occurs, -1 when no
// term is that long (then positions were not read). Deep: every term is
// longer than three characters and none occurs in the first HeadRunes
// characters of the text, so the result's head holds no match (when its
// title line is shorter than that) and its snippet comes from its page;
// search.js asks for such results' fragments first.
type Hit struct {
	ID    int
	Score float64
	Pos   int
	Deep  bool
	Band  int // 3 the title is the query, 2 the title has it, 1 headings or fields, 0 the body
	// Beyond: a headings-or-fields hit whose term occurs there only beyond
	// what its card shows (fromText): shown from its text file alone.
	Beyond bool
}

// Fragment is a doc's display data; Head is its title line and the start of
// its body, More is 1 when its text holds more (its page has it, and the
// x/<id/TextDocs>.js files when the index was written with TextDocs).
type Fragment struct {
	URL, Title, Kind, Date, Unit, Head string
	More                               int
	Summary                            string // from the front matter, when the body does not start with it
	Fields                             string // headings and fields, one a line (the first 200 characters)
}

// Open reads the index's metadata from dir (e.g. "search") in fsys.
func Open(fsys fs.FS, dir string) (*Index, error) {
	ix := &Index{fsys: fsys, dir: dir, cache: map[string]json.RawMessage{}}
	var meta []int
	if err := ix.load("meta", &meta); err != nil {
		return nil, err
	}
	if len(meta) != 7 || meta[0] != formatVersion || meta[2] < 1 || meta[4] < 1 || meta[5] < 1 {
		return nil, fmt.Errorf("search: unknown index format %v", meta)
	}
	ix.n, ix.nt, ix.np, ix.fd, ix.xd, ix.hr = meta[1], meta[2], meta[3], meta[4], meta[5], meta[6]
	var ds string
	if err := ix.load("dir", &ds); err != nil {
		return nil, err
	}
	vs, err := decodeVarints(ds)
	if err != nil {
		return nil, fmt.Errorf("search: dir: %v", err)
	}
	ix.big = map[uint32][]int{}
	bits := uint32(0)
	for _, v := range vs {
		bits += uint32(v / dirK)
		ix.big[bits] = append(ix.big[bits], v%dirK)
	}
	return ix, nil
}

// Docs is the number of docs in the index.
func (ix *Index) Docs() int { return ix.n }

func (ix *Index) load(name string, v any) error {
	raw, ok := ix.cache[name]
	if !ok {
		p := ix.dir + "/" + name + ".js"
		data, err := fs.ReadFile(ix.fsys, p)
		// A file asked for and missing counts too: search.js asks for it.
		ix.Loaded = append(ix.Loaded, p)
		if err != nil {
			return err
		}
		ix.Bytes += int64(len(data))
		s := string(data)
		pre := `DJS("` + name + `",`
		if !strings.HasPrefix(s, pre) || !strings.HasSuffix(s, ");\n") {
			return fmt.Errorf("search: %s: not a DJS(%q, …) script", p, name)
		}
		raw = json.RawMessage(s[len(pre) : len(s)-3])
		ix.cache[name] = raw
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("search: %s: %v", name, err)
	}
	return nil
}

// lookup finds gram's doc list and, for a trigram, its positions: in the
// shard after the list, or the name of the file that holds them (pfile),
// which Search reads only once the doc lists leave candidates; "" when
// absent.
func (ix *Index) lookup(gram string) (list, pos, pfile string, err error) {
	h := strconv.Itoa(int(hash(gram) % uint32(ix.nt)))
	// A long list is t/<h>-<k>, a trigram's positions after it there
	// ("list!positions", Options.PosBytes) or in p/<h>-<k>.
	long := func(k int) (string, string, string, bool) {
		s, tErr := ix.loadLong("t/" + h + "-" + strconv.Itoa(k))
		g, list, ok := strings.Cut(s, " ")
		if tErr != nil || !ok || g != gram {
			return "", "", "", false
		}
		if list, pos, ok := strings.Cut(list, "!"); ok {
			return list, pos, "", true
		}
		pf := ""
		if len([]rune(gram)) == 3 {
			pf = "p/" + h + "-" + strconv.Itoa(k)
		}
		return list, "", pf, true
	}
	// A long list found through the directory, when its gram is this one.
	for _, k := range ix.big[hash(gram)>>dirShift] {
		if list, pos, pf, ok := long(k); ok {
			return list, pos, pf, nil
		}
	}
	var pairs []json.RawMessage
	if err := ix.load("t/"+h, &pairs); err != nil {
		return "", "", "", err
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		var g string
		if err := json.Unmarshal(pairs[i], &g); err != nil {
			return "", "", "", err
		}
		if g != gram {
			continue
		}
		var s string
		if json.Unmarshal(pairs[i+1], &s) == nil {
			list, ps, _ := strings.Cut(s, "!")
			return list, ps, "", nil
		}
		var k int
		if err := json.Unmarshal(pairs[i+1], &k); err != nil {
			return "", "", "", err
		}
		if k < 0 {
			k = -k - 1 // its positions are in its t/ file
		}
		list, pos, pf, ok := long(k)
		if !ok {
			return "", "", "", fmt.Errorf("search: t/%s-%d is not %q's list", h, k, gram)
		}
		return list, pos, pf, nil
	}
	return "", "", "", nil
}

// loadLong reads a long list's file: "gram list", or ["gram list",
// [[id, card, excerpt?], …]] with the cards of its first results
// (cards.go), which Fragment then uses without reading their d/ files, and
// the excerpts, which SnippetText uses.
func (ix *Index) loadLong(name string) (string, error) {
	var raw json.RawMessage
	if err := ix.load(name, &raw); err != nil {
		return "", err
	}
	var s string
	if len(raw) == 0 || raw[0] != '[' {
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var cards [][]json.RawMessage
	if err := ix.loadParts(name, &s, &cards); err != nil {
		return "", err
	}
	gram, _, _ := strings.Cut(s, " ")
	excerpts := map[int]excerptData{}
	for _, c := range cards {
		var id int
		if len(c) < 2 || len(c) > 3 || json.Unmarshal(c[0], &id) != nil {
			return "", fmt.Errorf("search: %s: a card is not [id, card, excerpt?]", name)
		}
		if ix.cards == nil {
			ix.cards = map[int]json.RawMessage{}
		}
		ix.cards[id] = c[1]
		if len(c) == 3 {
			var ex []json.RawMessage
			var e excerptData
			if json.Unmarshal(c[2], &ex) != nil || len(ex) != 3 || json.Unmarshal(ex[0], &e.text) != nil ||
				json.Unmarshal(ex[1], &e.at) != nil || json.Unmarshal(ex[2], &e.flags) != nil {
				return "", fmt.Errorf("search: %s: doc %d's excerpt is not [text, anchor, flags]", name, id)
			}
			excerpts[id] = e
		}
	}
	if ix.excerpts == nil {
		ix.excerpts = map[string]map[int]excerptData{}
	}
	ix.excerpts[gram] = excerpts
	return s, nil
}

// posting is a doc's entry in a gram's list: its score step, the best part
// of its text the gram occurs in (bandBody, bandField, bandTitle), for
// bandTitle the length of its title in characters, and for a trigram in
// the title or the headings and fields the set of the latter's lines that
// hold it (gather.go: fieldLines).
type posting struct {
	step, band, tlen, lines int
	// beyond: a heading or field entry whose gram occurs there only beyond
	// what the doc's card shows (gather.go: extra).
	beyond bool
}

// decodeDocs reads a doc list: per doc gap·steps + step, a step of 0
// followed by step−1 | band<<3 | more<<5 (gather.go: extra). ids are in
// list order.
func decodeDocs(s string) (ids []int, ps map[int]posting, err error) {
	vs, err := decodeVarints(s)
	if err != nil {
		return nil, nil, err
	}
	ps = make(map[int]posting, len(vs))
	id := -1
	for i := 0; i < len(vs); i++ {
		v := vs[i]
		id += v/steps + 1
		p := posting{step: v % steps}
		if p.step == 0 {
			if i+1 >= len(vs) {
				return nil, nil, errVarint
			}
			i++
			x := vs[i]
			p = posting{step: x&7 + 1, band: x >> 3 & 3, lines: x >> 5 & 63}
			switch p.band {
			case bandTitle:
				p.tlen = x >> 11
			case bandFieldBeyond:
				p.band, p.beyond = bandField, true
			}
		}
		ids = append(ids, id)
		ps[id] = p
	}
	return ids, ps, nil
}

type part struct {
	gram string
	off  int
}

// cover is the grams a term is looked up by: itself when it has up to three
// characters, else trigrams at offsets 0, 3, 6 … and one ending the term.
// Trigrams at those offsets, found at those distances, spell the term.
func cover(term string) []part {
	rs := []rune(term)
	if len(rs) <= 3 {
		return []part{{term, 0}}
	}
	var ps []part
	for i := 0; i+3 <= len(rs); i += 3 {
		ps = append(ps, part{string(rs[i : i+3]), i})
	}
	if len(rs)%3 != 0 {
		ps = append(ps, part{string(rs[len(rs)-3:]), len(rs) - 3})
	}
	return ps
}

// rareFirst is how many grams a query has when it reads its rare ones
// first (search.js: RAREFIRST): a pasted sentence, whose common grams'
// long lists would cost hundreds of kilobytes when a rare one finds
// nothing. A unit's or a brand's name (up to 15 characters, 5 grams)
// reads all its lists at once: read rare first, one that finds pages took
// a wave more (夷陵区疾病预防控制中心: 4 waves after the page, where a
// reader on an old phone's 4G waits 150 ms or more for each).
const rareFirst = 6

// Search returns the docs that contain every term of q, best first: by
// band (the title is the query, the title has every term, the headings or
// fields have every term, the rest), then score, then newest.
//
// It reads what search.js reads, in the same waves: every gram's doc list
// (and, for a short list, its positions, which share its shard); then, only
// when the doc lists leave candidates, the positions files of the long
// lists of terms longer than three characters. A query none of whose docs
// has every gram reads no positions file.
func (ix *Index) Search(q string) ([]Hit, error) {
	terms := Terms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	type gramData struct {
		ids   []int
		docs  map[int]posting
		idf   float64
		pos   string // trigrams: the positions, once read
		pfile string // or the file that holds them
	}
	gd := map[string]*gramData{}
	missing := false
	var plans [][]part
	for _, t := range terms {
		plans = append(plans, cover(t))
	}
	// A query of rareFirst grams or more reads the rare ones first (not in
	// the directory: short lists, in shards), the common ones' long lists
	// only when none of the rare ones is empty.
	var names []string
	for _, ps := range plans {
		for _, p := range ps {
			if !slices.Contains(names, p.gram) {
				names = append(names, p.gram)
			}
		}
	}
	rare, common := names, []string(nil)
	if len(names) >= rareFirst {
		rare, common = nil, nil
		for _, g := range names {
			if len(ix.big[hash(g)>>dirShift]) > 0 {
				common = append(common, g)
			} else {
				rare = append(rare, g)
			}
		}
		if len(rare) == 0 || len(common) == 0 {
			rare, common = names, nil
		}
	}
	for _, group := range [][]string{rare, common} {
		if missing {
			break
		}
		for _, gram := range group {
			s, pos, pfile, err := ix.lookup(gram)
			if err != nil {
				return nil, err
			}
			if s == "" {
				// No hits; search.js has asked for the group's other files at
				// the same time, so read them too.
				missing = true
				gd[gram] = &gramData{}
				continue
			}
			ids, m, err := decodeDocs(s)
			if err != nil {
				return nil, err
			}
			df := float64(len(m))
			gd[gram] = &gramData{ids, m, math.Log(1 + (float64(ix.n)-df+0.5)/(df+0.5)), pos, pfile}
		}
	}
	if missing {
		return nil, nil
	}
	// Candidates have every gram; score is Σ idf·step over each term's grams.
	var fewest map[int]posting
	for _, g := range gd {
		if fewest == nil || len(g.docs) < len(fewest) {
			fewest = g.docs
		}
	}
	score := map[int]float64{}
	for id := range fewest {
		s, ok := 0.0, true
		for _, ps := range plans {
			for _, p := range ps {
				g := gd[p.gram]
				e, has := g.docs[id]
				if !has {
					ok = false
					break
				}
				s += g.idf * float64(e.step)
			}
			if !ok {
				break
			}
		}
		if ok {
			score[id] = s
		}
	}
	if len(score) == 0 {
		return nil, nil
	}
	// The positions of long lists, for terms longer than three characters,
	// all asked for at once, and with them the cards of the likely first
	// results.
	// termApart: the long term ps is not in doc id's headings and fields.
	termApart := func(ps []part, id int) bool {
		entries := make([]posting, len(ps))
		for i, p := range ps {
			entries[i] = gd[p.gram].docs[id]
		}
		return fieldsApart(entries)
	}
	needPos := false
	for _, ps := range plans {
		for _, p := range ps {
			needPos = needPos || len(ps) > 1 && gd[p.gram].pfile != ""
		}
	}
	if needPos {
		var parts []*gramData
		for _, ps := range plans {
			for _, p := range ps {
				parts = append(parts, gd[p.gram])
			}
		}
		for _, r := range likely(score, func(id int) (band int, apart bool) {
			band = bandTitle
			for _, g := range parts {
				band = min(band, g.docs[id].band)
			}
			if band == bandField {
				for _, ps := range plans {
					apart = apart || len(ps) > 1 && termApart(ps, id)
				}
			}
			return band, apart
		}) {
			entries := make([]posting, len(parts))
			for i, g := range parts {
				entries[i] = g.docs[r.id]
			}
			var err error
			switch {
			case !fromText(r.band, entries):
				_, err = ix.Fragment(r.id)
			case r.band == bandBody && (ix.excerpt(r.id, terms) != "" || ix.headHolds(r.id, terms)):
				// Its excerpt or its card came with the lists, the card's
				// head showing the match.
			default:
				err = ix.load(ix.textFile(r.id), new(json.RawMessage))
			}
			if err != nil {
				return nil, err
			}
		}
	}
	for _, ps := range plans {
		for _, p := range ps {
			if g := gd[p.gram]; len(ps) > 1 && g.pfile != "" {
				var s string
				if err := ix.load(g.pfile, &s); err != nil {
					return nil, err
				}
				_, g.pos, _ = strings.Cut(s, " ")
				g.pfile = ""
			}
		}
	}
	// Terms longer than three characters: keep the docs where the trigrams sit
	// at consecutive positions.
	first := map[int]int{}
	near := map[int]bool{} // a long term occurs in the head
	// band[id] is the worst over the terms of the best part holding it.
	band := map[int]int{}
	exact := map[int]bool{}
	allLong := true
	for _, ps := range plans {
		allLong = allLong && len(ps) > 1
	}
	for id := range score {
		band[id] = bandTitle
		exact[id] = true
	}
	// The query's length, its terms one space apart: a title as long that
	// has every term is the query (党建 引领 发展).
	qlen := len(terms) - 1
	for _, t := range terms {
		qlen += utf8.RuneCountInString(t)
	}
	for _, ps := range plans {
		n := ps[len(ps)-1].off + 3
		if len(ps) == 1 {
			n = len([]rune(ps[0].gram))
		}
		var pos []map[int][]int
		if len(ps) > 1 {
			pos = make([]map[int][]int, len(ps))
			for i, p := range ps {
				var err error
				pos[i], err = decodePositions(gd[p.gram].pos, gd[p.gram].ids)
				if err != nil {
					return nil, err
				}
			}
		}
		for id := range score {
			tb, tlen := bandTitle, -1
			for _, p := range ps {
				e := gd[p.gram].docs[id]
				tb = min(tb, e.band)
				if e.band == bandTitle {
					tlen = e.tlen
				}
			}
			at := 0
			if len(ps) > 1 {
				at = phraseAt(ps, pos, id)
				if at < 0 {
					delete(score, id)
					continue
				}
				if _, ok := first[id]; !ok {
					first[id] = at
				}
				if at+n <= ix.hr {
					near[id] = true
				}
				// The title line comes first: the term is in the title
				// when its first occurrence is.
				if tb == bandTitle && at+n > tlen {
					tb = bandField
				}
				// And in the headings and fields only when a line there
				// holds every trigram; else in the body.
				if tb == bandField && termApart(ps, id) {
					tb = bandBody
				}
			}
			band[id] = min(band[id], tb)
			exact[id] = exact[id] && tb == bandTitle && tlen == qlen && (len(plans) > 1 || at == 0)
		}
	}
	hits := make([]Hit, 0, len(score))
	for id, s := range score {
		at, ok := first[id]
		if !ok {
			at = -1
		}
		bd := band[id]
		if exact[id] {
			bd = bandExact
		}
		// A result whose terms are in its headings or fields finds them
		// in its fragment: not deep.
		h := Hit{ID: id, Score: s, Pos: at, Deep: allLong && !near[id] && bd < bandField, Band: bd}
		if bd == bandField {
			var entries []posting
			for _, ps := range plans {
				for _, p := range ps {
					entries = append(entries, gd[p.gram].docs[id])
				}
			}
			h.Beyond = fromText(bd, entries)
		}
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Band != hits[j].Band {
			return hits[i].Band > hits[j].Band
		}
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	return hits, nil
}

// fromText tells whether a likely result is shown from its text file
// rather than its card: a body match, which may lie beyond the head, and a
// heading or field match of a gram that occurs there only beyond what the
// card shows (the list's flag, gather.go: extra): an honor list's table
// runs far past the card's 200 characters, and reading the card first
// took a wave more for the text.
// entries are the result's entries in the query's lists.
func fromText(band int, entries []posting) bool {
	if band != bandField {
		return band == bandBody
	}
	for _, e := range entries {
		if e.beyond {
			return true
		}
	}
	return false
}

// likely is, while a query's positions load, the first results as far as
// the lists tell (band, score, newest): search.js asks for their cards or
// their text files (fromText) in the same wave. A headings-and-fields
// candidate whose term's trigrams have no line in common there
// (fieldsApart) comes after the others of its band: it does not hold the
// term there, but names two things, each with part of it.
func likely(score map[int]float64, band func(id int) (int, bool)) []ranked {
	type candidate struct {
		ranked
		apart bool
	}
	top := make([]candidate, 0, len(score))
	for id := range score {
		b, apart := band(id)
		top = append(top, candidate{ranked{id: id, band: b}, apart})
	}
	slices.SortFunc(top, func(a, b candidate) int {
		if a.band != b.band {
			return b.band - a.band
		}
		if a.apart != b.apart {
			if b.apart {
				return -1
			}
			return 1
		}
		if sa, sb := score[a.id], score[b.id]; sa != sb {
			if sa > sb {
				return -1
			}
			return 1
		}
		return a.id - b.id
	})
	out := make([]ranked, 0, topCards)
	for _, c := range top[:min(len(top), topCards)] {
		out = append(out, c.ranked)
	}
	return out
}

// fieldsApart tells, from a headings-and-fields candidate's entries in the
// lists of a term's trigrams, that the term is not in its headings and
// fields: no line there holds every trigram (gather.go: fieldLines).
func fieldsApart(entries []posting) bool {
	common := 1<<fieldMod - 1
	for _, e := range entries {
		common &= e.lines
	}
	return common == 0
}

// bandExact is the band of a result whose title is the query.
const bandExact = bandTitle + 1

// decodePositions splits a position list by doc; docs gives the ids, in
// order, of the gram's doc list.
func decodePositions(s string, ids []int) (map[int][]int, error) {
	vs, err := decodeVarints(s)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]int, len(ids))
	at := 0
	for _, id := range ids {
		if at >= len(vs) {
			return nil, errVarint
		}
		n := vs[at] + 1
		at++
		if at+n > len(vs) {
			return nil, errVarint
		}
		ps := make([]int, n)
		p := -1
		for i := range n {
			p += vs[at+i] + 1
			ps[i] = p
		}
		at += n
		out[id] = ps
	}
	if at != len(vs) {
		return nil, errVarint
	}
	return out, nil
}

// phraseAt returns the first position of doc id where the bigrams of ps
// follow each other, or -1.
func phraseAt(ps []part, pos []map[int][]int, id int) int {
	for _, start := range pos[0][id] {
		ok := true
		for i := 1; i < len(ps) && ok; i++ {
			want := start + ps[i].off
			_, ok = slices.BinarySearch(pos[i][id], want)
		}
		if ok {
			return start
		}
	}
	return -1
}

// DocInfos reads the filter tables (docs.js, units.js).
func (ix *Index) DocInfos() ([]DocInfo, error) {
	if ix.docsLoaded != nil {
		return ix.docsLoaded, nil
	}
	var classes []any
	var width int
	var c string
	if err := ix.loadParts("docs", &classes, &width, &c); err != nil {
		return nil, err
	}
	if width < 1 || len(c) != width*ix.n {
		return nil, fmt.Errorf("search: docs: %d bytes of classes for %d docs", len(c), ix.n)
	}
	out := make([]DocInfo, ix.n)
	for id := range out {
		ci := 0
		for _, ch := range []byte(c[id*width : (id+1)*width]) {
			ci = ci*len(digitChar) + digitOf(ch)
		}
		out[id].Kind = classes[2*ci].(string)
		out[id].Year = int(classes[2*ci+1].(float64))
	}
	var units []string
	var u string
	if err := ix.loadParts("units", &units, &u); err != nil {
		return nil, err
	}
	us, err := decodeVarints(u)
	if err != nil {
		return nil, err
	}
	at := 0
	for id := range out {
		for at < len(us) {
			v := us[at]
			at++
			if v == 0 {
				break
			}
			out[id].Units = append(out[id].Units, units[2*(v/2-1)])
			if v%2 == 0 {
				break
			}
		}
	}
	ix.docsLoaded = out
	return out, nil
}

func (ix *Index) loadParts(name string, vs ...any) error {
	var raw []json.RawMessage
	if err := ix.load(name, &raw); err != nil {
		return err
	}
	if len(raw) != len(vs) {
		return fmt.Errorf("search: %s: want %d parts, have %d", name, len(vs), len(raw))
	}
	for i, v := range vs {
		if err := json.Unmarshal(raw[i], v); err != nil {
			return fmt.Errorf("search: %s: %v", name, err)
		}
	}
	return nil
}

// Fragment reads a doc's display data.
func (ix *Index) Fragment(id int) (Fragment, error) {
	var f Fragment
	if id < 0 || id >= ix.n {
		return f, fmt.Errorf("search: no doc %d", id)
	}
	name, card := "d/"+strconv.Itoa(id/ix.fd), ix.cards[id]
	if card == nil {
		var bucket []json.RawMessage
		if err := ix.load(name, &bucket); err != nil {
			return f, err
		}
		if id%ix.fd >= len(bucket) {
			return f, fmt.Errorf("search: %s: no doc %d", name, id)
		}
		card = bucket[id%ix.fd]
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(card, &parts); err != nil {
		return f, err
	}
	vs := []any{&f.URL, &f.Title, &f.Kind, &f.Date, &f.Unit, &f.Head, &f.More, &f.Summary, &f.Fields}
	if len(parts) != len(vs) {
		return f, fmt.Errorf("search: %s: doc %d has %d parts", name, id, len(parts))
	}
	for i, v := range vs {
		if err := json.Unmarshal(parts[i], v); err != nil {
			return f, fmt.Errorf("search: %s: %v", name, err)
		}
	}
	// The file holds the body's start; the head begins with the title line.
	f.Head = strings.Map(oneLine, f.Title) + "\n" + f.Head
	return f, nil
}

// Text reads a doc's whole text: its fragment's head when that is all of
// it, else from its x/ file.
func (ix *Index) Text(id int) (string, error) {
	f, err := ix.Fragment(id)
	if err != nil || f.More == 0 {
		return f.Head, err
	}
	_, text, err := ix.DeepFragment(id)
	return text, err
}

// excerpt is search.js's Engine.excerpt: for a body match of the one-term
// query terms, the window of doc id's body that a long list's card carried,
// when it holds the term's first match with a snippet's reach around it;
// else "".
func (ix *Index) excerpt(id int, terms []string) string {
	if len(terms) != 1 {
		return ""
	}
	t := utf16.Encode([]rune(terms[0]))
	for _, p := range cover(terms[0]) {
		e, ok := ix.excerpts[p.gram][id]
		if !ok {
			continue
		}
		w := utf16.Encode([]rune(e.text))
		at := e.at - len(utf16.Encode([]rune(terms[0])[:p.off]))
		if at < 0 || at+len(t) > len(w) || indexFolded16(w[at:at+len(t)], t) != 0 {
			continue
		}
		lead, tail := e.flags&excerptLead != 0, e.flags&excerptTail != 0
		if lead && at < snippetWidth/2 || tail && at+snippetWidth > len(w) {
			continue
		}
		return e.text
	}
	return ""
}

// headHolds is search.js's Engine.headHolds: doc id's card came with the
// lists and holds its snippet's text (cardText).
func (ix *Index) headHolds(id int, terms []string) bool {
	if _, ok := ix.cards[id]; !ok {
		return false
	}
	f, err := ix.Fragment(id)
	if err != nil {
		return false
	}
	_, ok := cardText(f, terms)
	return ok
}

// textFile is the x/ file that holds doc id's text.
func (ix *Index) textFile(id int) string { return "x/" + strconv.Itoa(id/ix.xd) }

// DeepFragment reads a doc's display data and whole text from its x/ file
// alone, as search.js does for a deep hit (its match beyond its head): the
// title is the text's first line, the head its start; Summary and Fields
// are left empty, as the snippet comes from the text. text is "" when the
// doc has no x/ entry (its head is all of its text).
func (ix *Index) DeepFragment(id int) (f Fragment, text string, err error) {
	var entries []json.RawMessage
	name := ix.textFile(id)
	if err := ix.load(name, &entries); err != nil {
		return f, "", err
	}
	if id < 0 || id%ix.xd >= len(entries) {
		return f, "", fmt.Errorf("search: %s: no doc %d", name, id)
	}
	var none string
	if json.Unmarshal(entries[id%ix.xd], &none) == nil {
		return f, "", nil
	}
	var parts []string
	if err := json.Unmarshal(entries[id%ix.xd], &parts); err != nil || len(parts) != 5 {
		return f, "", fmt.Errorf("search: %s: doc %d is not [url, kind, date, unit, text]", name, id)
	}
	text = parts[4]
	title, _, _ := strings.Cut(text, "\n")
	f = Fragment{URL: parts[0], Title: title, Kind: parts[1], Date: parts[2], Unit: parts[3], More: 1,
		Head: cutRunes(text, max(ix.hr, utf8.RuneCountInString(title)+1))}
	return f, text, nil
}

// SnippetText returns text of hit h that holds a match of terms, reading
// what search.js reads for the snippet: the head, else the whole text.
func (ix *Index) SnippetText(h Hit, terms []string) (string, error) {
	if h.Band == bandBody {
		if w := ix.excerpt(h.ID, terms); w != "" {
			return w, nil
		}
	}
	// A deep hit, a field or body match whose text file came with the
	// positions (likely), a field match beyond its card, and a body match
	// whose card did not come with the lists are shown from their text; a
	// text file with no entry (the head is all of the text) leaves it to
	// the fragment.
	_, asked := ix.cache[ix.textFile(h.ID)]
	_, card := ix.cards[h.ID]
	if h.Deep || h.Band <= bandField && asked || h.Beyond || h.Band == bandBody && !card {
		_, text, err := ix.DeepFragment(h.ID)
		if err != nil || text != "" || h.Deep {
			return text, err
		}
	}
	f, err := ix.Fragment(h.ID)
	if err != nil {
		return "", err
	}
	if text, ok := cardText(f, terms); ok {
		return text, nil
	}
	return ix.Text(h.ID)
}

// cardText is search.js's cardText: the text of card f that holds its
// snippet for terms, or false when that needs the whole text.
func cardText(f Fragment, terms []string) (string, bool) {
	h := f.Head
	if ff := strings.IndexByte(h, '\f'); f.More != 0 && ff >= 0 {
		h = h[:ff+1] + f.Fields
	}
	has := func(s string) bool {
		s = Fold(s)
		return slices.ContainsFunc(terms, func(t string) bool { return strings.Contains(s, t) })
	}
	switch {
	case f.More == 0 || has(h):
		if f.More != 0 && f.Summary == "" && strings.IndexByte(h, '\n') == len(h)-1 {
			return "", false
		}
		return h, true
	case has(f.Fields):
		return h + "\f" + f.Fields, true
	}
	return "", false
}

// Cost is what one query downloads to show its first page of results.
type Cost struct {
	Hits  int
	Files []string // site-relative
	Bytes int64
}

// QueryCost runs query against the index of the site built in siteDir the
// way search.js does on a cold cache: metadata, shards, then (when there are
// hits) the kind/year table and the fragments (and text pieces, for the
// snippets) of the first shown results. It does not count search.js itself,
// nor the unit table, which the page reads only when the unit filter opens.
func QueryCost(siteDir, query string, shown int) (Cost, error) {
	return QueryCostFS(os.DirFS(siteDir), query, shown)
}

// QueryCostFS is QueryCost for a site in fsys.
func QueryCostFS(fsys fs.FS, query string, shown int) (Cost, error) {
	ix, err := Open(fsys, "search")
	if err != nil {
		return Cost{}, err
	}
	hits, err := ix.Search(query)
	if err != nil {
		return Cost{}, err
	}
	if len(hits) > 0 {
		if err := ix.loadParts("docs", new([]any), new(int), new(string)); err != nil {
			return Cost{}, err
		}
	}
	terms := Terms(query)
	for i := 0; i < len(hits) && i < shown; i++ {
		if _, err := ix.SnippetText(hits[i], terms); err != nil {
			return Cost{}, err
		}
	}
	return Cost{Hits: len(hits), Files: ix.Loaded, Bytes: ix.Bytes}, nil
}
