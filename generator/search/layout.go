package search

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shard layout: which file holds which list, and the small files beside
// the lists (metadata, directory, fragments, filter tables).

// A job makes one file of the index, in buf (empty, for it to use) or in a
// slice of its own; an empty name means no file.
type job func(buf []byte) (name string, data []byte, err error)

// sizes are the byte limits of the layout (Options: ShardBytes, BigBytes,
// WordBytes, PosBytes).
type sizes struct{ shard, big, word, pos int }

// maxReused caps the buffer a writing goroutine keeps from one file for the
// next: the few long lists' files are left to the garbage collector.
const maxReused = 1 << 20

// shardJobs adds the jobs that write the lists. A list up to big bytes
// (doc list and, for a trigram, "!" and its positions) goes into shard
// t/<h> by the gram's hash; a longer one into files of its own named in the
// shard: t/<h>-<k> its doc list and, for a trigram, p/<h>-<k> its positions,
// which only a query word of four or more characters reads. It returns the
// number of shards and the long lists. A word of one or two characters
// (wordGram, no positions) is long from word bytes of doc list: a
// trigram's list holds its positions, which a longer query reads with its
// doc list from the shard, and in a file of their own they would be a
// wave later (a unit's name: 秭归县第一人民医院).
//
// cards, when not nil, appends what follows a long doc list in its t/
// file (appendTopCards: the cards of its first results). re, when not nil,
// links the files that are the previous index's (Update).
func shardJobs(jobs *[]job, lists []list, sz sizes, cards func([]byte, *list) ([]byte, error), re *relink) (int, []bigEntry) {
	target, big, word := sz.shard, sz.big, sz.word
	size := func(l *list) int {
		if l.npos == 0 {
			return l.ndoc
		}
		return l.ndoc + 1 + l.npos
	}
	isBig := func(i int) bool {
		l := &lists[i]
		return re.long(i) || size(l) > big || l.npos == 0 && l.ndoc > word && wordGram(l.gram)
	}
	// A long trigram list keeps positions of up to sz.pos bytes after its
	// doc list, in its t/ file, as a shard does: a word of four characters
	// or more (家庭医生, 2023年) then reads its positions with its lists, in
	// one wave; from p/ files they were a second, after the lists (about
	// 150 ms more on an old phone's 4G). A three-character query (医共体)
	// downloads those bytes with its list; a query whose grams are in no
	// doc together at most sz.pos bytes a gram, and the positions of the
	// commonest grams (党支部: 228 KB) stay in p/, read only for
	// candidates. An unread list keeps the layout it had (re.inline).
	inline := func(i int) bool {
		l := &lists[i]
		return re.inline(i) || l.npos > 0 && l.npos <= sz.pos
	}
	small := 0
	for i := range lists {
		if !isBig(i) {
			small += size(&lists[i]) + len(lists[i].gram) + 6
		}
	}
	n := max(1, (small+target-1)/target)
	var bigs []bigEntry
	buckets := make([][]int, n)
	for i := range lists {
		h := int(hash(lists[i].gram) % uint32(n))
		buckets[h] = append(buckets[h], i)
	}
	// A shard lists its grams in order, whatever order lists is in.
	for _, bk := range buckets {
		slices.SortFunc(bk, func(a, b int) int { return strings.Compare(lists[a].gram, lists[b].gram) })
	}
	for h, bk := range buckets {
		*jobs = append(*jobs, re.linkShard(h, bk, func(buf []byte) (string, []byte, error) {
			name := "t/" + strconv.Itoa(h)
			b := append(startScript(buf, name, target+target/2), '[')
			nbig := 0
			for j, i := range bk {
				l := &lists[i]
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, l.gram)
				b = append(b, ',')
				if isBig(i) {
					// -(k+1): t/<h>-<k> holds the positions too, which an
					// update reads from the shard without the file.
					k := int64(nbig)
					if inline(i) {
						k = -k - 1
					}
					b = strconv.AppendInt(b, k, 10)
					nbig++
					continue
				}
				b = append(b, '"')
				var err error
				if b, err = appendPieces(b, l.docs, l.dspans(), l.spillFile()); err != nil {
					return "", nil, err
				}
				if l.npos > 0 {
					b = append(b, '!')
					if b, err = appendPieces(b, l.pos, l.pspans(), l.spillFile()); err != nil {
						return "", nil, err
					}
				}
				b = append(b, '"')
			}
			return name, endScript(append(b, ']')), nil
		}))
		nbig := 0
		for _, i := range bk {
			l := &lists[i]
			if !isBig(i) {
				continue
			}
			k := nbig
			nbig++
			bigs = append(bigs, bigEntry{hash(l.gram) >> dirShift, k})
			for _, kind := range []string{"t", "p"} {
				pieces, spans, size := l.docs, l.dspans(), l.ndoc
				withPos := kind == "t" && l.npos > 0 && inline(i)
				if withPos {
					size += 1 + l.npos
				}
				if kind == "p" {
					if l.npos == 0 && !re.lazy(i) || inline(i) {
						continue
					}
					pieces, spans, size = l.pos, l.pspans(), l.npos
				}
				name := kind + "/" + strconv.Itoa(h) + "-" + strconv.Itoa(k)
				// Every long list carries its first results' cards, whether
				// it is long by its doc list or by its positions: a word of
				// four characters or more (群众满意) mostly finds its first
				// results among its grams' own, and then reads only the
				// positions after its lists, one turn of a browser's six
				// connections instead of two (ten d/ files). About 9 KB a
				// long list: +21% of the 10k bench's index.
				withCards := kind == "t" && cards != nil
				*jobs = append(*jobs, re.linkBig(i, h, k, func(buf []byte) (string, []byte, error) {
					var err error
					switch {
					case kind == "p" && re.lazy(i):
						if pieces, err = re.loadPos(i, l.gram); err != nil {
							return "", nil, err
						}
					case kind == "t" && re.unread(i):
						if pieces, err = re.loadDocs(i, l.gram); err != nil {
							return "", nil, err
						}
					}
					// The gram, a space, its list: a file found through the
					// directory (dir.js) is checked against the gram. A doc
					// list with cards is ["gram list",[[id,card],…]].
					b := startScript(buf, name, size+len(l.gram)+4)
					if withCards {
						b = append(b, '[')
					}
					b = appendJSONString(b, l.gram)
					b = append(b[:len(b)-1], ' ')
					start := len(b)
					b, err = appendPieces(b, pieces, spans, l.spillFile())
					if err != nil {
						return "", nil, err
					}
					docs := b[start:]
					if withPos {
						b = append(b, '!')
						if b, err = appendPieces(b, l.pos, l.pspans(), l.spillFile()); err != nil {
							return "", nil, err
						}
					}
					view := l
					if withCards && (len(spans) > 0 || re.unread(i)) {
						// The cards read the doc list just written (an unread
						// list's as it was, its positions after a "!").
						if cut := bytes.IndexByte(docs, '!'); cut >= 0 {
							docs = docs[:cut]
						}
						view = &list{gram: l.gram, docs: [][]byte{docs}}
					}
					b = append(b, '"')
					if withCards {
						if b, err = cards(b, view); err != nil {
							return "", nil, err
						}
						b = append(b, ']')
					}
					return name, endScript(b), nil
				}, kind))
			}
		}
	}
	return n, bigs
}

// The directory (dir.js) lets a query load a long list without first reading
// its shard: for every gram with a file of its own, the top bits of its hash
// and its number k in the shard (t/<h>-<k>), sorted by those bits, each
// entry gap·dirK + k. A query gram whose bits are listed loads that file,
// checks the gram at its start, and reads the shard only when it differs.
const (
	dirShift = 12 // 20 hash bits: about one gram in 200 shares an entry's
	// Files t/<h>-<k> with k ≥ dirK are not listed: a query finds them
	// through their shard, a wave later. Since words' lists are long too
	// (WordBytes), a shard has up to about a dozen long lists (10k corpus:
	// 2,000 of 11,000 had k ≥ 4); an entry stays two digits.
	dirK = 16
)

type bigEntry struct {
	bits uint32
	k    int
}

func dirData(bigs []bigEntry) []byte {
	slices.SortFunc(bigs, func(a, b bigEntry) int {
		if a.bits != b.bits {
			return int(a.bits) - int(b.bits)
		}
		return a.k - b.k
	})
	b := []byte{'"'}
	prev := uint32(0)
	for _, e := range bigs {
		if e.k >= dirK {
			continue
		}
		b = appendVarint(b, int(e.bits-prev)*dirK+e.k)
		prev = e.bits
	}
	return append(b, '"')
}

// head is what a result's fragment carries for its snippet: the first n
// characters of its text, i.e. the title line and the start of the body
// (headings and fields, which the page and the result's meta line show
// anyway, come after the body, so that the head holds the words a reader
// sees first); the whole title line when it is longer. A match at position
// p, k characters long, is in the head when p+k ≤ n. more reports whether
// the text holds anything else.
func (d *Doc) head(n int) (string, bool) {
	if h, more, ok := d.quickHead(n); ok {
		return h, more
	}
	text := d.Text()
	title := strings.IndexByte(text, '\n')
	head := cutRunes(text, max(n, utf8.RuneCountInString(text[:title])+1))
	return head, len(head) < len(text)
}

// quickHead is head without building the whole text of the doc (a
// 10,000-page build spent 0.4 s of CPU there), reading only what the head
// takes. It gives up (ok false) when that holds invalid UTF-8, which the
// whole text replaces; elsewhere, the two are the same runes.
func (d *Doc) quickHead(n int) (head string, more, ok bool) {
	title := strings.Map(oneLine, d.Title)
	left := max(n, utf8.RuneCountInString(title)+1)
	var b strings.Builder
	ok = true
	add := func(s string) {
		if left == 0 {
			more = more || s != ""
			return
		}
		c := cutRunes(s, left)
		ok = ok && utf8.ValidString(c)
		b.WriteString(c)
		left -= utf8.RuneCountInString(c)
		more = more || len(c) < len(s)
	}
	add(title)
	add("\n")
	add(d.Body)
	add("\f")
	for _, parts := range [][]string{d.Headings, d.Fields} {
		for _, s := range parts {
			if more {
				break
			}
			add(strings.Map(oneLine, s))
			add("\n")
		}
	}
	return b.String(), more, ok
}

func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// textLen is the length in runes of d.Text() when it is valid UTF-8 (else
// close to it): the bytes that do not continue a character. It runs on one
// core before the indexers start, so it is a plain count, not a decoding.
func (d *Doc) textLen() int {
	n := runeCount(d.Title) + runeCount(d.Body) + 2
	for _, h := range d.Headings {
		n += runeCount(h) + 1
	}
	for _, f := range d.Fields {
		n += runeCount(f) + 1
	}
	return n
}

func runeCount(s string) int {
	// Eight bytes at a time: a continuation byte is 10xxxxxx, its top
	// bit set and the next one clear.
	n, i := len(s), 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		n -= bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// docTable is what the filters need of every doc: its kind and year, as
// one fixed-width digit string indexing the pairs that occur (read for every
// query with hits), and its units (read only when the unit filter is used,
// as a site has hundreds of units).
func docTable(docs []Doc, order []int) (cls, unitTable []byte) {
	type class struct {
		kind string
		year int
	}
	classIdx := map[class]int{}
	var classes []byte
	unitIdx := map[string]int{}
	var units []byte
	var u []byte
	var cs []int
	for _, di := range order {
		d := &docs[di]
		k := class{d.Kind, d.Year}
		ci, ok := classIdx[k]
		if !ok {
			ci = len(classIdx)
			classIdx[k] = ci
			if len(classes) > 0 {
				classes = append(classes, ',')
			}
			classes = appendJSONString(classes, d.Kind)
			classes = append(classes, ',')
			classes = strconv.AppendInt(classes, int64(d.Year), 10)
		}
		cs = append(cs, ci)
		// Each unit of a doc is 2·(index+1), +1 when another follows; a
		// doc without units is a single 0.
		if len(d.UnitSlugs) == 0 {
			u = appendVarint(u, 0)
		}
		for i, slug := range d.UnitSlugs {
			ui, ok := unitIdx[slug]
			if !ok {
				ui = len(unitIdx)
				unitIdx[slug] = ui
				title := slug
				if i < len(d.UnitTitles) && d.UnitTitles[i] != "" {
					title = d.UnitTitles[i]
				}
				if len(units) > 0 {
					units = append(units, ',')
				}
				units = appendJSONString(units, slug)
				units = append(units, ',')
				units = appendJSONString(units, title)
			}
			more := 0
			if i < len(d.UnitSlugs)-1 {
				more = 1
			}
			u = appendVarint(u, 2*(ui+1)+more)
		}
	}
	width := 1
	if len(classIdx) > len(digitChar) {
		width = 2
	}
	c := make([]byte, 0, width*len(cs))
	for _, ci := range cs {
		if width == 2 {
			c = append(c, digitChar[ci/len(digitChar)])
		}
		c = append(c, digitChar[ci%len(digitChar)])
	}
	cls = fmt.Appendf(nil, "[[%s],%d,\"%s\"]", classes, width, c)
	unitTable = fmt.Appendf(nil, "[[%s],\"%s\"]", units, u)
	return cls, unitTable
}

// tableJobs makes meta.js, dir.js and the filter tables (docs.js, units.js);
// head is meta.js and dir.js as the search page carries them (InlineHead).
func tableJobs(docs []Doc, order []int, nt int, bigs []bigEntry, opts Options) (jobs []job, head string) {
	np := 0
	meta := script("meta", fmt.Appendf(nil, "[%d,%d,%d,%d,%d,%d,%d]", formatVersion, len(docs), nt, np, opts.FragDocs, opts.TextDocs, opts.HeadRunes))
	dir := script("dir", dirData(bigs))
	head, err := InlineHead(meta, dir)
	if err != nil {
		panic(err) // the two scripts are made just above
	}
	jobs = []job{
		func([]byte) (string, []byte, error) { return "meta", meta, nil },
		func([]byte) (string, []byte, error) { return "dir", dir, nil },
	}
	cls, units := docTable(docs, order)
	return append(jobs,
		func([]byte) (string, []byte, error) { return "docs", script("docs", cls), nil },
		func([]byte) (string, []byte, error) { return "units", script("units", units), nil }), head
}

// InlineHead is meta.js and dir.js (their bytes as written) as one script
// for the search page to carry in its head (site: the search page is made
// after the index): the page's own engine then asks for a query's lists as
// soon as the page is parsed, a round trip earlier than when it first had
// to fetch the two files. Every "<" is escaped, so that no "</script" or
// "<!--" can end or hide the page's script element; the files put "<"
// only inside strings, where \u003c is the same character.
func InlineHead(meta, dir []byte) (string, error) {
	var b strings.Builder
	for _, f := range []struct {
		name string
		data []byte
	}{{"meta", meta}, {"dir", dir}} {
		pre := `DJS("` + f.name + `",`
		if !bytes.HasPrefix(f.data, []byte(pre)) || !bytes.HasSuffix(f.data, []byte(");\n")) {
			return "", fmt.Errorf("%s.js is not a DJS(%q, …) script", f.name, f.name)
		}
		b.WriteString(strings.ReplaceAll(strings.TrimSuffix(string(f.data), "\n"), "<", `\u003c`))
	}
	return b.String(), nil
}

// fragmentJobs makes the d/ files: the cards of FragDocs docs a file, in
// id order.
func fragmentJobs(cards *cardSet, opts Options) []job {
	var jobs []job
	for lo := 0; lo < len(cards.cards); lo += opts.FragDocs {
		jobs = append(jobs, func(buf []byte) (string, []byte, error) {
			name := "d/" + strconv.Itoa(lo/opts.FragDocs)
			b := append(startScript(buf, name, opts.FragDocs*(4*opts.HeadRunes+300)), '[')
			for id := lo; id < len(cards.cards) && id < lo+opts.FragDocs; id++ {
				if id > lo {
					b = append(b, ',')
				}
				b = append(b, cards.get(id)...)
			}
			return name, endScript(append(b, ']')), nil
		})
	}
	return jobs
}

// fieldRunes caps the headings and fields a fragment carries.
const fieldRunes = 200

// shownFields is the doc's fields and headings, one a line, the lines
// that fit in n characters. Fields first: they are short and what a query
// for a date, a unit or a 文号 finds, where a page's headings could fill
// the n characters.
func (d *Doc) shownFields(n int) string {
	var b strings.Builder
	for _, part := range [][]string{d.Fields, d.Headings} {
		for _, s := range part {
			s = strings.Map(oneLine, s)
			k := utf8.RuneCountInString(s) + 1
			if k > n {
				return b.String()
			}
			n -= k
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// textJobs makes the x/ files: per doc whose text is longer than its
// head, what its result line needs and its whole text; "" for the others.
func textJobs(docs []Doc, order []int, opts Options) []job {
	var jobs []job
	for lo := 0; opts.TextDocs > 0 && lo < len(docs); lo += opts.TextDocs {
		jobs = append(jobs, func(buf []byte) (string, []byte, error) {
			name := "x/" + strconv.Itoa(lo/opts.TextDocs)
			b := append(startScript(buf, name, 0), '[')
			for id := lo; id < len(docs) && id < lo+opts.TextDocs; id++ {
				if id > lo {
					b = append(b, ',')
				}
				d := &docs[order[id]]
				if _, more := d.head(opts.HeadRunes); !more {
					b = append(b, `""`...)
					continue
				}
				// [url, kind, date, unit, text]: a result whose match lies
				// beyond its head (deep) is shown from this file alone,
				// its title being the text's first line.
				b = append(b, '[')
				for _, s := range []string{d.URL, d.Kind, displayDate(d.Date), d.Unit} {
					b = append(appendJSONString(b, s), ',')
				}
				b = append(appendJSONString(b, d.Text()), ']')
			}
			// Every file is written, even with no entry: search.js asks
			// for a likely body match's file before it knows (likely).
			return name, endScript(append(b, ']')), nil
		})
	}

	return jobs
}

// wordGram reports whether gram is all letters and digits: a word a reader
// may search for on its own, unlike a gram across a punctuation mark or a
// space (节。), which only a longer query reads, with its other grams.
func wordGram(gram string) bool {
	for _, r := range gram {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return gram != ""
}
