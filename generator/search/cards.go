package search

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Cards: the display data of a result (url, title, kind, date, units, the
// start of its text, its summary and fields), as the d/ files hold it.
//
// A long list's file (t/<h>-<k>) also carries the cards of the first page
// of results of a query for its gram alone: on an old phone every request
// wave is a round trip, and the common one- to three-character queries
// (党建, 示范点, 2023…) then show their results with no request after the
// list. A query of several grams uses whichever of its results' cards came
// with its lists and asks the d/ files for the rest: for a common word
// (群众满意, 学习强国) its grams' first results are mostly its own.

// topCards is how many results a long list carries cards for: search.js
// shows 10 at a time.
const topCards = 10

// A cardSet holds the docs' cards, by id: the d/ files and the long lists'
// cards share them. Write makes them all (makeAll) while the docs' texts
// are there (about 0.9 KB a doc); an update, whose files are mostly the
// previous ones, makes a card when a file first asks for it (get).
type cardSet struct {
	docs  []Doc
	order []int
	opts  Options
	cards [][]byte
	once  []sync.Once
	// The bodies, once gather has dropped them: kept, or read back with
	// Options.Bodies.
	kept   *keptBodies
	bodies func(i int, buf []byte) ([]byte, error)
}

func newCards(docs []Doc, order []int, opts Options) *cardSet {
	return &cardSet{docs: docs, order: order, opts: opts, cards: make([][]byte, len(docs)), once: make([]sync.Once, len(docs))}
}

// get returns doc id's card; it is called on several goroutines at once.
func (c *cardSet) get(id int) []byte {
	c.once[id].Do(func() { c.cards[id] = appendCard(nil, &c.docs[c.order[id]], c.opts) })
	return c.cards[id]
}

// makeAll makes every card not made yet, on nw goroutines.
func (c *cardSet) makeAll(nw int) {
	forRanges(len(c.cards), nw, func(lo, hi int) {
		for id := lo; id < hi; id++ {
			c.get(id)
		}
	})
}

// appendCard appends doc d's card, a JSON array (read.go: Fragment).
func appendCard(b []byte, d *Doc, opts Options) []byte {
	head, more := d.head(opts.HeadRunes)
	// The title line is the title: readers put it back.
	for i := 0; i < len(head); i++ {
		if head[i] == '\n' {
			head = head[i+1:]
			break
		}
	}
	b = append(b, '[')
	for i, s := range []string{d.URL, d.Title, d.Kind, displayDate(d.Date), d.Unit, head} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	if more {
		b = append(b, ",1,"...)
	} else {
		b = append(b, ",0,"...)
	}
	// The summary a result with no match in its body shows (DocFromPage
	// keeps only one the body does not start with).
	b = append(appendJSONString(b, d.Summary), ',')
	// Its fields and headings, one a line, up to fieldRunes characters: a
	// match there (a date, a unit, a 文号) needs no text file for its
	// snippet.
	return append(appendJSONString(b, d.shownFields(fieldRunes)), ']')
}

// ranked is a doc's place in the results of a one-gram query.
type ranked struct {
	id, band, step int
}

// better orders the results of a one-gram query as read.go's Search does:
// band (the title is the gram, the title has it, headings or fields, the
// body), then score (one gram: its step), then newest (lowest id).
func better(a, b ranked) int {
	if a.band != b.band {
		return b.band - a.band
	}
	if a.step != b.step {
		return b.step - a.step
	}
	return a.id - b.id
}

// topResults is the first n results of a query for gram alone, from its
// doc list (pieces, joined, as decodeDocs reads it). It reads the list
// once, keeping the best n seen, without building the whole posting map.
func topResults(gram string, pieces [][]byte, n int) []ranked {
	glen := utf8.RuneCountInString(gram)
	top := make([]ranked, 0, n+1)
	id, v, pending := -1, 0, -1 // pending: the entry whose extra value follows
	add := func(r ranked) {
		if len(top) == n && better(r, top[n-1]) >= 0 {
			return
		}
		i, _ := slices.BinarySearchFunc(top, r, better)
		top = slices.Insert(top, i, r)
		if len(top) > n {
			top = top[:n]
		}
	}
	for _, p := range pieces {
		for _, c := range p {
			d := digitOf(c)
			if d >= radix {
				v = v*radix + d - radix
				continue
			}
			x := v*radix + d
			v = 0
			if pending >= 0 {
				r := ranked{id: pending, step: x&7 + 1, band: x >> 3 & 3}
				if r.band == bandFieldBeyond {
					r.band = bandField // ranks as any field match
				}
				if r.band == bandTitle && x>>11 == glen { // gather.go: extra
					r.band = bandExact
				}
				add(r)
				pending = -1
				continue
			}
			id += x/steps + 1
			if x%steps == 0 {
				pending = id
				continue
			}
			add(ranked{id: id, step: x % steps, band: bandBody})
		}
	}
	return top
}

// body is doc id's body, valid UTF-8 as in Doc.Text. A kept body is read
// into x's buffer, which the string shares: it is good until x reads the
// next (excerpt keeps no part of it).
func (c *cardSet) body(id int, x *excerpter) (string, error) {
	var b []byte
	var err error
	switch {
	case c.bodies != nil:
		b, err = c.bodies(c.order[id], x.body[:0])
		if err == nil && !utf8.Valid(b) {
			return validBody(string(b)), nil
		}
	case c.kept != nil:
		b, err = c.kept.get(id, x.body[:0])
	default:
		return validBody(c.docs[c.order[id]].Body), nil
	}
	x.body = b
	return unsafe.String(unsafe.SliceData(b), len(b)), err
}

// validBody is body with invalid UTF-8 replaced, as Doc.Text has it.
func validBody(body string) string {
	if utf8.ValidString(body) {
		return body
	}
	return strings.ToValidUTF8(body, "\uFFFD")
}

// appendTopCards appends, after a long list's doc list in its file, the
// cards of the first topCards results of a query for its gram: ",[[id,
// card], …]", and for a result whose gram is in its body alone, first
// beyond the card's head, the excerpt of its body there: [id, card,
// [window, anchor, flags]] (excerpt.go).
func appendTopCards(b []byte, l *list, cards *cardSet) ([]byte, error) {
	b = append(b, ",["...)
	var x excerpter
	for i, r := range topResults(l.gram, l.docs, topCards) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(strconv.AppendInt(append(b, '['), int64(r.id), 10), ',')
		b = append(b, cards.get(r.id)...)
		if r.band == bandBody {
			body, err := cards.body(r.id, &x)
			if err != nil {
				return b, err
			}
			d := &cards.docs[cards.order[r.id]]
			if w, at, flags, ok := x.excerpt(l.gram, d.Title, body, cards.opts.HeadRunes); ok {
				b = appendJSONString(append(b, ",["...), w)
				b = append(strconv.AppendInt(append(b, ','), int64(at), 10), ',')
				b = append(strconv.AppendInt(b, int64(flags), 10), ']')
			}
		}
		b = append(b, ']')
	}
	return append(b, ']'), nil
}
