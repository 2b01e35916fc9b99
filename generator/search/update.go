package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Updating an index: a rebuild after a few pages' edits reads the previous
// index's lists back from its files and makes again only the entries of
// the docs that changed, instead of indexing every doc (most of a warm
// build's time). The result is byte for byte what Write makes of the same
// docs (TestUpdateEqualsWrite), because a list is a canonical encoding of
// its entries: per doc, in id order, its gap from the previous doc and its
// score step (or step and band), and for a trigram its position group,
// which does not depend on the docs around it. Only the gap is
// re-encoded when a neighbour is removed or added.
//
// A doc's entries depend on its own text, its id, and the average length
// of all docs (every score step, through BM25's length normalization). So
// the docs made again are those whose hash differs from the previous
// doc's at the same id, and those whose steps the new average changes
// (stepsChanged: for a one-page edit, usually none). A page added or
// removed moves the ids of the pages after it, and that many changed docs
// make Update index everything, as Write does.

// Prev is what Update needs of the previous index.
type Prev struct {
	// Hashes are the previous docs' hashes by id (IDOrder), AvgDL their
	// average length (Stats.AvgDL).
	Hashes [][32]byte
	AvgDL  float64
	// Read returns a file of the previous index by its name under
	// Options.Dir ("t/3.js"), exactly as it was written; it is called on
	// several goroutines at once.
	Read func(name string) ([]byte, error)
	// Link, when set, puts the previous index's file name into the output
	// as it is, reporting whether it did (else the file is written); it
	// is called on several goroutines at once, for files made from
	// unchanged docs only.
	Link func(name string) bool
}

// The previous index must have been made by the same program with the
// same Options (but DropTexts and Workers): Update cannot tell.

// IDOrder returns, by doc id, the doc's index in docs: ids go newest first.
func IDOrder(docs []Doc) []int { return newestFirst(docs) }

// maxUpdateShare: when more than one doc in this many changed, Update
// indexes everything (reading the old lists back then costs about as much).
const maxUpdateShare = 4

// An updatePlan is which docs Update indexes again.
type updatePlan struct {
	avgdl float64
	same  []bool // by id: the doc's hash is the previous doc's
	dirty []bool // by id: indexed again (changed, or other score steps)
	ids   []int32
	dls   []int // by id: textLen
}

// planUpdate returns the docs to index again, nil when prev cannot be
// used or too many changed.
// It checks the docs on nw goroutines: every doc's text is read (lenFast).
func planUpdate(docs []Doc, order []int, hashes [][32]byte, prev *Prev, dls []int, avgdl float64, nw int) *updatePlan {
	n := len(docs)
	if prev == nil || prev.Read == nil || n == 0 || len(hashes) != n || len(prev.Hashes) != n {
		return nil
	}
	up := &updatePlan{avgdl: avgdl, same: make([]bool, n), dirty: make([]bool, n), dls: dls}
	forRanges(n, nw, func(lo, hi int) {
		for id := lo; id < hi; id++ {
			d := &docs[order[id]]
			up.same[id] = hashes[order[id]] == prev.Hashes[id]
			up.dirty[id] = !up.same[id] || stepsChanged(d.lenFast(dls[id]), prev.AvgDL, avgdl)
		}
	})
	for id, d := range up.dirty {
		if d {
			up.ids = append(up.ids, int32(id))
		}
	}
	if len(up.ids)*maxUpdateShare > n {
		return nil
	}
	return up
}

// linkSame makes each job of jobs (per docs a file, in id order, files
// kind/<i>) whose docs are all unchanged link the previous file instead,
// when it can.
func (up *updatePlan) linkSame(jobs []job, kind string, per int, link func(string) bool, linked *atomic.Int64) {
	for i, jb := range jobs {
		lo, hi := i*per, min((i+1)*per, len(up.same))
		if slices.Contains(up.same[lo:hi], false) {
			continue
		}
		name := kind + "/" + strconv.Itoa(i) + ".js"
		jobs[i] = func(buf []byte) (string, []byte, error) {
			if link(name) {
				linked.Add(1)
				return "", nil, nil
			}
			return jb(buf)
		}
	}
}

// lists returns the lists of docs made from prev's and the number of docs
// indexed again; ok false when prev cannot be used (then nothing was
// changed and the caller indexes every doc).
func (up *updatePlan) lists(docs []Doc, order []int, prev *Prev, opts Options, linked *atomic.Int64) (lists []list, re *relink, reindexed int, ok bool) {
	if up == nil {
		return nil, nil, 0, false
	}
	nt, err := prevShards(prev, len(docs))
	if err != nil {
		return nil, nil, 0, false
	}
	fresh := indexSome(docs, order, up.ids, up.avgdl)
	fresh.same = up.same
	fresh.touched = up.touched(prev, fresh, opts)
	re = &relink{prev: prev, linked: linked, counts: make([]int, nt)}
	lists, err = patchAll(prev, nt, up.dirty, fresh, opts.Workers, re)
	if err != nil {
		return nil, nil, 0, false
	}
	return lists, re, len(up.ids), true
}

// relink tells shardJobs which lists are the previous index's as they
// were, and where they were: a file whose lists are all where they were
// is the previous file, and is linked (Prev.Link) instead of made.
type relink struct {
	prev   *Prev
	linked *atomic.Int64
	origin []origin // by list
	counts []int    // grams in each previous shard
}

// origin is where an unchanged list was: its shard (-1: the list changed
// or is new) and, for a long list, its number there (else -1).
type origin struct {
	shard, k int32
	// lazy: a long trigram list whose positions were not read (read
	// only if its p/ file cannot be linked); unread: a long list whose
	// doc list was not read either (read only if its t/ file cannot be
	// linked), as no doc indexed again has its gram.
	lazy, unread bool
	// inline: a long trigram list whose positions follow its doc list in
	// its t/ file (Options.PosBytes), as the shard tells (-(k+1)).
	inline bool
	// newCards: a long list as it was, but a doc whose card its t/ file
	// carries changed: that file is made again.
	newCards bool
}

func (re *relink) lazy(i int) bool { return re != nil && re.origin[i].lazy }

// long reports whether list i is long: those not read are.
func (re *relink) long(i int) bool { return re != nil && (re.origin[i].lazy || re.origin[i].unread) }

func (re *relink) unread(i int) bool { return re != nil && re.origin[i].unread }

// inline reports whether the unread list i has its positions in its t/
// file: a list that is read decides by its size (shardJobs), which is the
// same when it did not change.
func (re *relink) inline(i int) bool { return re != nil && re.origin[i].unread && re.origin[i].inline }

// linkShard returns the job of shard h (its lists bk) that links the
// previous shard h when it held the same lists.
func (re *relink) linkShard(h int, bk []int, jb job) job {
	if re == nil || re.prev.Link == nil || h >= len(re.counts) || len(bk) != re.counts[h] {
		return jb
	}
	for _, i := range bk {
		if re.origin[i].shard != int32(h) {
			return jb
		}
	}
	return re.linkOr("t/"+strconv.Itoa(h)+".js", jb)
}

// linkBig returns the job of list i's kind file (t or p) as long list k of
// shard h, which links the previous file when the list was that one.
// The cards after a long doc list are its docs': its t/ file is linked
// only when they did not change (origin.newCards).
func (re *relink) linkBig(i, h, k int, jb job, kind string) job {
	if re == nil || re.prev.Link == nil {
		return jb
	}
	if o := re.origin[i]; o.shard != int32(h) || o.k != int32(k) || kind == "t" && o.newCards {
		return jb
	}
	return re.linkOr(kind+"/"+strconv.Itoa(h)+"-"+strconv.Itoa(k)+".js", jb)
}

func (re *relink) linkOr(name string, jb job) job {
	return func(buf []byte) (string, []byte, error) {
		if re.prev.Link(name) {
			re.linked.Add(1)
			return "", nil, nil
		}
		return jb(buf)
	}
}

// errPrevGone: a file of the previous index that Update counted on is
// gone or changed; Update then indexes every doc.
var errPrevGone = errors.New("search: a previous index file changed")

// loadPos reads the positions of the lazy list i, gram.
func (re *relink) loadPos(i int, gram string) ([][]byte, error) {
	return re.load("p", i, gram)
}

// loadDocs reads the doc list of the unread list i, gram, as its t/ file
// has it (its positions after a "!" when they are there: re.inline).
func (re *relink) loadDocs(i int, gram string) ([][]byte, error) {
	return re.load("t", i, gram)
}

func (re *relink) load(kind string, i int, gram string) ([][]byte, error) {
	o := re.origin[i]
	b, err := readLongPart(re.prev, kind, int(o.shard), int(o.k), gram)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errPrevGone, err)
	}
	return [][]byte{b}, nil
}

// stepsChanged reports whether a doc dl characters long has a different
// score step for some term frequency under average length b than under a.
// Weighted term frequencies are whole numbers (partWeight), and the step
// grows with them up to maxQ, so trying each up to there is exact.
func stepsChanged(dl int, a, b float64) bool {
	na, nb := docNorm(dl, a), docNorm(dl, b)
	if na == nb {
		return false
	}
	for tf := 1.0; ; tf++ {
		qa, qb := scoreStep(tf, na), scoreStep(tf, nb)
		if qa != qb {
			return true
		}
		if qa == maxQ {
			return false
		}
	}
}

// lenFast is indexLen, given the doc's textLen: the same when the doc is
// valid UTF-8, which is quicker to check than to count.
func (d *Doc) lenFast(textLen int) int {
	ok := utf8.ValidString(d.Title) && utf8.ValidString(d.Body)
	for _, parts := range [][]string{d.Headings, d.Fields} {
		for _, s := range parts {
			ok = ok && utf8.ValidString(s)
		}
	}
	if ok {
		return textLen
	}
	return d.indexLen()
}

// indexLen is the length the indexer gives the doc (len(w.runes(d))).
func (d *Doc) indexLen() int {
	if !utf8.ValidString(d.Body) {
		text, _ := d.text()
		return utf8.RuneCountInString(text)
	}
	n := utf8.RuneCountInString(d.Title) + utf8.RuneCountInString(d.Body) + 2
	for _, h := range d.Headings {
		n += utf8.RuneCountInString(h) + 1
	}
	for _, f := range d.Fields {
		n += utf8.RuneCountInString(f) + 1
	}
	return n
}

// prevShards reads the previous index's meta.js: its shard count, after
// checking its format and doc count.
func prevShards(prev *Prev, n int) (int, error) {
	data, err := prev.Read("meta.js")
	if err != nil {
		return 0, err
	}
	body, ok := scriptBody(data, "meta")
	if !ok {
		return 0, errBadPrev
	}
	var meta []int
	if err := json.Unmarshal(body, &meta); err != nil || len(meta) < 3 || meta[0] != formatVersion || meta[1] != n || meta[2] < 1 {
		return 0, errBadPrev
	}
	return meta[2], nil
}

var errBadPrev = errors.New("search: previous index unreadable")

// scriptBody returns the data of a DJS("name",data); file.
func scriptBody(data []byte, name string) ([]byte, bool) {
	pre := `DJS("` + name + `",`
	if !bytes.HasPrefix(data, []byte(pre)) || !bytes.HasSuffix(data, []byte(");\n")) {
		return nil, false
	}
	return data[len(pre) : len(data)-3], true
}

// freshEntries are the new entries of the docs indexed again, by gram.
type freshEntries struct {
	w      *worker // its batch, sorted by gram then id; extra() and bocc
	byGram map[gramKey]int32
	starts []int32 // group i is w.batch[starts[i]:starts[i+1]]
	used   []bool  // group i was merged into an old list
	// minDirty and maxDirty are the lowest and highest ids indexed
	// again: a list's entries before the one and after the other stay
	// as they are.
	minDirty, maxDirty int
	// same is by id whether the doc is the previous doc (so is its
	// card).
	same []bool
	// touched holds every gram whose list can have an entry of a doc
	// indexed again: its grams now, and those of its previous text; nil
	// when not known. The lists of other grams are as they were.
	touched map[gramKey]bool
}

// untouched reports whether gram k's list is surely as it was.
func (f *freshEntries) untouched(k gramKey) bool {
	if f.touched == nil {
		return false
	}
	return !f.touched[k]
}

// maxTextsRead: when more docs changed, Update does not read their
// previous texts (touched is nil) and scans every list for them.
const maxTextsRead = 64

// touched returns the grams of the docs indexed again, now and before
// (freshEntries.touched), or nil. A doc whose hash is the same had the
// grams it has; another's previous grams are those of its previous text,
// read back from the previous index's text and fragment files (x/, d/).
// Their lengths are checked against the previous average length: they
// must be the whole texts the lists were made of.
func (up *updatePlan) touched(prev *Prev, fresh *freshEntries, opts Options) map[gramKey]bool {
	n := len(up.same)
	// The previous texts' total length, less the unchanged docs'.
	left := int(math.Round(prev.AvgDL * float64(n)))
	changed := 0
	for id, same := range up.same {
		if same {
			left -= up.dls[id]
		} else {
			changed++
		}
	}
	if changed > maxTextsRead {
		return nil
	}
	t := make(map[gramKey]bool, 2*len(fresh.byGram))
	for k := range fresh.byGram {
		t[k] = true
	}
	for _, id := range up.ids {
		if up.same[id] {
			continue
		}
		text, err := prevText(prev, int(id), opts)
		if err != nil {
			return nil
		}
		rs := []rune(Fold(text))
		left -= len(rs)
		grams(rs, func(_ int, k gramKey) { t[k] = true })
	}
	if left != 0 {
		return nil
	}
	return t
}

// prevText returns the previous text (Doc.Text) of doc id: in its x/
// file, or, when that has "" as its head is all of it, its title and
// head from its d/ file.
func prevText(prev *Prev, id int, opts Options) (string, error) {
	entry, err := prevEntry(prev, "x", id, opts.TextDocs)
	if err != nil {
		return "", err
	}
	var x []string
	if err := json.Unmarshal(entry, &x); err == nil && len(x) == 5 {
		return x[4], nil
	}
	var s string
	if err := json.Unmarshal(entry, &s); err != nil || s != "" {
		return "", errBadPrev
	}
	entry, err = prevEntry(prev, "d", id, opts.FragDocs)
	if err != nil {
		return "", err
	}
	var card []json.RawMessage
	var title, head string
	var more int
	if json.Unmarshal(entry, &card) != nil || len(card) < 7 ||
		json.Unmarshal(card[1], &title) != nil || json.Unmarshal(card[5], &head) != nil ||
		json.Unmarshal(card[6], &more) != nil || more != 0 {
		return "", errBadPrev
	}
	return strings.Map(oneLine, title) + "\n" + head, nil
}

// prevEntry returns doc id's entry in the previous kind/<id/per> file.
func prevEntry(prev *Prev, kind string, id, per int) (json.RawMessage, error) {
	name := kind + "/" + strconv.Itoa(id/per)
	data, err := prev.Read(name + ".js")
	if err != nil {
		return nil, err
	}
	body, ok := scriptBody(data, name)
	var entries []json.RawMessage
	if !ok || json.Unmarshal(body, &entries) != nil || id%per >= len(entries) {
		return nil, errBadPrev
	}
	return entries[id%per], nil
}

func (f *freshEntries) group(i int32) []entry { return f.w.batch[f.starts[i]:f.starts[i+1]] }

// indexSome indexes the docs ids (ascending) with one worker that keeps
// every entry.
func indexSome(docs []Doc, order []int, ids []int32, avgdl float64) *freshEntries {
	w := &worker{avgdl: avgdl, hold: true}
	cuts := make([]docCuts, len(docs))
	for _, id := range ids {
		w.cuts = w.cuts[:0]
		w.index(id, &docs[order[id]])
		cuts[id] = w.cuts[0]
	}
	// extra() reads the docs' cuts from base 0.
	w.cuts, w.base = cuts, 0
	// Stable: each gram's entries stay in id order.
	slices.SortStableFunc(w.batch, func(a, b entry) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	f := &freshEntries{w: w, byGram: map[gramKey]int32{}, minDirty: -1, maxDirty: -1}
	if len(ids) > 0 {
		f.minDirty, f.maxDirty = int(ids[0]), int(ids[len(ids)-1])
	}
	for i, e := range w.batch {
		if i == 0 || e.key != w.batch[i-1].key {
			f.byGram[e.key] = int32(len(f.starts))
			f.starts = append(f.starts, int32(i))
		}
	}
	f.starts = append(f.starts, int32(len(w.batch)))
	f.used = make([]bool, len(f.starts)-1)
	return f
}

// patchAll reads every shard of the previous index (and the long lists'
// files) on nw goroutines and returns the lists: an old list without a
// dirty doc nor fresh entries as it was, the others patched, then the
// lists of the grams new to the index.
func patchAll(prev *Prev, nt int, dirty []bool, fresh *freshEntries, nw int, re *relink) ([]list, error) {
	nw = max(1, min(nw, nt))
	parts := make([][]list, nw)
	origins := make([][]origin, nw)
	errs := make([]error, nw)
	var wg sync.WaitGroup
	for i := range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := nt * i / nw; h < nt*(i+1)/nw; h++ {
				ls, ors, grams, err := patchShard(prev, h, dirty, fresh)
				if err != nil {
					errs[i] = err
					return
				}
				parts[i] = append(parts[i], ls...)
				origins[i] = append(origins[i], ors...)
				re.counts[h] = grams
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	lists := slices.Concat(parts...)
	re.origin = slices.Concat(origins...)
	for g := range fresh.used {
		if fresh.used[g] {
			continue
		}
		e := fresh.group(int32(g))
		l := list{gram: e[0].key.String()}
		docs, pos, err := mergeEntries(nil, nil, e, fresh, dirty, fresh.maxDirty, e[0].key.isTrigram())
		if err != nil {
			return nil, err
		}
		l.add(docs, pos)
		lists = append(lists, l)
		re.origin = append(re.origin, origin{shard: -1, k: -1})
	}
	return lists, nil
}

// patchShard reads shard h of the previous index and returns its lists,
// patched, where they were (origin) when unchanged, and how many grams it
// held (a list may be gone).
func patchShard(prev *Prev, h int, dirty []bool, fresh *freshEntries) (lists []list, origins []origin, grams int, err error) {
	name := "t/" + strconv.Itoa(h)
	data, err := prev.Read(name + ".js")
	if err != nil {
		return nil, nil, 0, err
	}
	body, ok := scriptBody(data, name)
	if !ok || len(body) < 2 || body[0] != '[' || body[len(body)-1] != ']' {
		return nil, nil, 0, fmt.Errorf("search: previous %s: not a shard", name)
	}
	p := body[1 : len(body)-1]
	for ; len(p) > 0; grams++ {
		gram, rest, err := cutJSONString(p)
		if err != nil || len(rest) == 0 || rest[0] != ',' {
			return nil, nil, 0, fmt.Errorf("search: previous %s: bad gram", name)
		}
		key, err := keyOf(gram)
		if err != nil {
			return nil, nil, 0, err
		}
		rest = rest[1:]
		var docs, pos []byte
		o := origin{shard: int32(h), k: -1}
		untouched := fresh.untouched(key)
		if len(rest) > 0 && rest[0] == '"' {
			end := bytes.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, nil, 0, fmt.Errorf("search: previous %s: bad list", name)
			}
			docs, rest = rest[1:1+end], rest[end+2:]
			if i := bytes.IndexByte(docs, '!'); i >= 0 {
				docs, pos = docs[:i], docs[i+1:]
			}
		} else {
			end := bytes.IndexByte(rest, ',')
			if end < 0 {
				end = len(rest)
			}
			k, err := strconv.Atoi(string(rest[:end]))
			if err != nil {
				return nil, nil, 0, fmt.Errorf("search: previous %s: bad list", name)
			}
			rest = rest[end:]
			if k < 0 {
				k, o.inline = -k-1, true
			}
			o.k = int32(k)
			// The positions are read only when the list changes, the doc
			// list only when it may; positions in the t/ file with it.
			o.lazy = key.isTrigram() && !o.inline
			o.unread = untouched
			if !untouched {
				if docs, err = readLongPart(prev, "t", h, k, gram); err != nil {
					return nil, nil, 0, err
				}
				if i := bytes.IndexByte(docs, '!'); i >= 0 {
					docs, pos = docs[:i], docs[i+1:]
				}
			}
		}
		if len(rest) > 0 {
			if rest[0] != ',' {
				return nil, nil, 0, fmt.Errorf("search: previous %s: bad list", name)
			}
			rest = rest[1:]
		}
		p = rest
		same := untouched
		if !same {
			if same, err = unchanged(key, docs, dirty, fresh); err != nil {
				return nil, nil, 0, fmt.Errorf("search: previous %s: %v", name, err)
			}
		}
		if same {
			l := list{gram: gram}
			l.add(docs, pos)
			lists = append(lists, l)
			origins = append(origins, o)
			continue
		}
		if o.lazy {
			if pos, err = readLongPart(prev, "p", h, int(o.k), gram); err != nil {
				return nil, nil, 0, err
			}
		}
		l, err := patchList(key, gram, docs, pos, dirty, fresh)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("search: previous %s: %v", name, err)
		}
		if l.ndoc == 0 {
			continue
		}
		// A one-page edit leaves most of the page's entries as they were
		// (its score steps are coarse, and positions before the edit stay):
		// such a list is the previous one, where it was, and its files are
		// linked, unless they carry the card of a doc that changed.
		o.lazy = false // its positions are read
		switch {
		case !sameBytes(&l, docs, pos):
			o = origin{shard: -1, k: -1}
		case o.k >= 0 && !fresh.cardsKept(&l):
			// A long list's file carries its first results' cards.
			o.newCards = true
		}
		lists = append(lists, l)
		origins = append(origins, o)
	}
	return lists, origins, grams, nil
}

// cutJSONString reads a JSON string at the start of p.
func cutJSONString(p []byte) (string, []byte, error) {
	if len(p) == 0 || p[0] != '"' {
		return "", nil, errBadPrev
	}
	esc := false
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case '\\':
			esc = true
			i++
		case '"':
			if !esc {
				return string(p[1:i]), p[i+1:], nil
			}
			var s string
			if err := json.Unmarshal(p[:i+1], &s); err != nil {
				return "", nil, err
			}
			return s, p[i+1:], nil
		}
	}
	return "", nil, errBadPrev
}

// readLongPart reads part of the long list of gram, k in shard h: its doc
// list from t/<h>-<k>.js (and, when they are there, "!" and its
// positions), or a trigram's positions from p/<h>-<k>.js.
func readLongPart(prev *Prev, kind string, h, k int, gram string) ([]byte, error) {
	name := kind + "/" + strconv.Itoa(h) + "-" + strconv.Itoa(k)
	g := appendJSONString(nil, gram)
	g = append(g[:len(g)-1], ' ')
	data, err := prev.Read(name + ".js")
	if err != nil {
		return nil, err
	}
	body, ok := scriptBody(data, name)
	if ok && kind == "t" && len(body) > 0 && body[0] == '[' {
		body = body[1:] // the cards follow the list
	}
	if !ok || len(body) < 1 || body[0] != '"' || !bytes.HasPrefix(body[1:], g[1:]) {
		return nil, fmt.Errorf("search: previous %s is not %q's list", name, gram)
	}
	s := body[len(g):]
	end := bytes.IndexByte(s, '"')
	if end < 0 {
		return nil, fmt.Errorf("search: previous %s: bad list", name)
	}
	return s[:end], nil
}

// keyOf is the gram key of gram.
func keyOf(gram string) (gramKey, error) {
	rs := []rune(gram)
	if len(rs) == 0 || len(rs) > 3 {
		return 0, fmt.Errorf("search: bad gram %q", gram)
	}
	var k gramKey
	for i, r := range rs {
		if r == 0 || r > mask21 {
			return 0, fmt.Errorf("search: bad gram %q", gram)
		}
		k |= gramKey(r) << (42 - 21*i)
	}
	return k, nil
}

// unchanged reports whether gram k's list (docs) has neither a dirty doc
// nor fresh entries.
func unchanged(k gramKey, docs []byte, dirty []bool, fresh *freshEntries) (bool, error) {
	if _, ok := fresh.byGram[k]; ok {
		return false, nil
	}
	has, err := hasDirty(docs, dirty, fresh.maxDirty)
	return !has, err
}

// patchList returns gram's list with the dirty docs' entries taken out
// and the fresh ones put in.
func patchList(k gramKey, gram string, docs, pos []byte, dirty []bool, fresh *freshEntries) (list, error) {
	var e []entry
	if gi, ok := fresh.byGram[k]; ok {
		fresh.used[gi] = true
		e = fresh.group(gi)
	}
	nd, np, err := mergeEntries(docs, pos, e, fresh, dirty, fresh.maxDirty, k.isTrigram())
	if err != nil {
		return list{}, err
	}
	l := list{gram: gram}
	l.add(nd, np)
	return l, nil
}

// sameBytes reports whether the patched list l is docs and pos.
func sameBytes(l *list, docs, pos []byte) bool {
	return l.ndoc == len(docs) && l.npos == len(pos) && piecesAre(l.docs, docs) && piecesAre(l.pos, pos)
}

// piecesAre reports whether pieces, joined, are b, the length of both.
func piecesAre(pieces [][]byte, b []byte) bool {
	for _, p := range pieces {
		if !bytes.HasPrefix(b, p) {
			return false
		}
		b = b[len(p):]
	}
	return true
}

// cardsKept reports whether the cards that long list l's file carries are
// those of docs that did not change (appendTopCards).
func (f *freshEntries) cardsKept(l *list) bool {
	for _, r := range topResults(l.gram, l.docs, topCards) {
		if !f.same[r.id] {
			return false
		}
	}
	return true
}

// digitVal maps a list byte to its digit (digitOf), 255 for others.
var digitVal = func() (t [256]uint8) {
	for c := range t {
		d := digitOf(byte(c))
		if d < 0 {
			d = 255
		}
		t[c] = uint8(d)
	}
	return t
}()

// hasDirty reports whether a doc list has an entry of a dirty doc.
func hasDirty(docs []byte, dirty []bool, maxDirty int) (bool, error) {
	id, v, pending := -1, 0, false
	for _, c := range docs {
		d := int(digitVal[c])
		if d >= radix {
			if d == 255 {
				return false, errVarint
			}
			v = v*radix + d - radix
			continue
		}
		x := v*radix + d
		v = 0
		if pending {
			pending = false
			continue
		}
		id += x/steps + 1
		if id >= len(dirty) {
			return false, errVarint
		}
		if dirty[id] {
			return true, nil
		}
		pending = x%steps == 0
		if id >= maxDirty && !pending {
			return false, nil
		}
	}
	if v != 0 || pending {
		return false, errVarint
	}
	return false, nil
}

// readNumber returns the length of the number at the start of p and its
// value.
func readNumber(p []byte) (v, n int, err error) {
	for i, c := range p {
		d := int(digitVal[c])
		if d == 255 {
			return 0, 0, errVarint
		}
		if d < radix {
			return v*radix + d, i + 1, nil
		}
		v = v*radix + d - radix
	}
	return 0, 0, errVarint
}

// groupLen is the length of the position group at the start of p: the
// count−1, then that many plus one gaps.
func groupLen(p []byte) (int, error) {
	c, n, err := readNumber(p)
	if err != nil {
		return 0, err
	}
	for range c + 1 {
		_, k, err := readNumber(p[n:])
		if err != nil {
			return 0, err
		}
		n += k
	}
	return n, nil
}

// skipBefore returns where the first entry of a doc list (docs, and pos
// for a trigram) with an id from first on starts, and the id of the entry
// before it (-1: none). It is mergeEntries' loop without the merging, in
// one pass over the bytes: an edited page is often old, near the end of
// the lists it is in.
func skipBefore(docs, pos []byte, trigram bool, first int) (di, pi, id int, err error) {
	id = -1
	groups := 0
	for i := 0; i < len(docs); {
		start, v := i, 0
		for {
			if i == len(docs) {
				return 0, 0, 0, errVarint
			}
			d := int(digitVal[docs[i]])
			i++
			if d < radix {
				v = v*radix + d
				break
			}
			if d == 255 {
				return 0, 0, 0, errVarint
			}
			v = v*radix + d - radix
		}
		eid := id + v/steps + 1
		if eid >= first {
			di = start
			break
		}
		if v%steps == 0 {
			// The extra value: one number.
			for {
				if i == len(docs) {
					return 0, 0, 0, errVarint
				}
				d := digitVal[docs[i]]
				i++
				if d < radix {
					break
				}
				if d == 255 {
					return 0, 0, 0, errVarint
				}
			}
		}
		id, di = eid, i
		groups++
	}
	if !trigram {
		return di, 0, id, nil
	}
	// A position group: the count−1, then that many plus one numbers.
	for ; groups > 0; groups-- {
		c, n, err := readNumber(pos[pi:])
		if err != nil {
			return 0, 0, 0, err
		}
		pi += n
		for left := c + 1; left > 0; pi++ {
			if pi == len(pos) {
				return 0, 0, 0, errVarint
			}
			d := digitVal[pos[pi]]
			if d < radix {
				left--
			} else if d == 255 {
				return 0, 0, 0, errVarint
			}
		}
	}
	return di, pi, id, nil
}

// mergeEntries encodes an old list (docs, and pos for a trigram) without
// its dirty docs' entries and with the fresh entries e (dirty docs, in id
// order), as the indexer would have (worker.add). An old entry is its
// doc's gap from the one before, its step (and extra value) and its
// position group; only the gap depends on its neighbours, so the entries
// between two changes are copied as they are, and the rest of the list
// once nothing after it can change.
func mergeEntries(docs, pos []byte, e []entry, fresh *freshEntries, dirty []bool, maxDirty int, trigram bool) ([]byte, []byte, error) {
	nd := make([]byte, 0, len(docs)+8*len(e))
	var np []byte
	if trigram {
		np = make([]byte, 0, len(pos)+16*len(e))
	}
	w := fresh.w
	// The entries before the first doc indexed again stay as they are:
	// the loop below starts after them, found by a plain scan.
	di, pi, id, err := skipBefore(docs, pos, trigram, fresh.minDirty)
	if err != nil {
		return nil, nil, err
	}
	prevOut := id // the last doc written; id: the last doc read
	j := 0
	putFresh := func(en *entry) {
		fid, q, x := int(en.docq>>6), int(en.docq&15), w.extra(en)
		if x < 0 {
			nd = appendVarint(nd, (fid-prevOut-1)*steps+q)
		} else {
			nd = appendVarint(appendVarint(nd, (fid-prevOut-1)*steps), int(x))
		}
		switch {
		case en.pos == noPos:
		case en.pos&onePos != 0:
			np = appendVarint(appendVarint(np, 0), int(en.pos&^onePos))
		default:
			c := w.bocc[en.pos]
			np = appendVarint(np, int(c)-1)
			last := int32(-1)
			for _, p := range w.bocc[en.pos+1 : en.pos+1+uint32(c)] {
				np = appendVarint(np, int(p-last-1))
				last = p
			}
		}
		prevOut = fid
	}
	// The old bytes from runD, runP up to the current entry are copied
	// as they are, unless something changes before the next one.
	runD, runP := 0, 0
	flush := func() {
		nd = append(nd, docs[runD:di]...)
		np = append(np, pos[runP:pi]...)
	}
	for di < len(docs) {
		v, n1, err := readNumber(docs[di:])
		if err != nil {
			return nil, nil, err
		}
		eid := id + v/steps + 1
		if eid >= len(dirty) {
			return nil, nil, errVarint
		}
		end := di + n1
		if v%steps == 0 {
			_, n2, err := readNumber(docs[end:])
			if err != nil {
				return nil, nil, err
			}
			end += n2
		}
		pend := pi
		if trigram {
			n, err := groupLen(pos[pi:])
			if err != nil {
				return nil, nil, err
			}
			pend += n
		}
		if j < len(e) && int(e[j].docq>>6) < eid {
			flush()
			for ; j < len(e) && int(e[j].docq>>6) < eid; j++ {
				putFresh(&e[j])
			}
			runD, runP = di, pi
		}
		switch {
		case dirty[eid]:
			flush()
			runD, runP = end, pend
		case prevOut != id:
			flush()
			nd = appendVarint(nd, (eid-prevOut-1)*steps+v%steps)
			nd = append(nd, docs[di+n1:end]...)
			np = append(np, pos[pi:pend]...)
			runD, runP = end, pend
			prevOut = eid
		default:
			prevOut = eid
		}
		id, di, pi = eid, end, pend
		if j == len(e) && id >= maxDirty && prevOut == id {
			// Nothing left to change: the rest as it is.
			di, pi = len(docs), len(pos)
			break
		}
	}
	if pi != len(pos) && trigram {
		return nil, nil, errVarint
	}
	flush()
	for ; j < len(e); j++ {
		putFresh(&e[j])
	}
	return nd, np, nil
}
