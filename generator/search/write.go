package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"dangjian/generator/output"
)

// Options tune the index layout. The zero value is the default.
type Options struct {
	// Dir is the folder under the site root that holds the index ("search").
	Dir string
	// ShardBytes is the target size of one shard file of small posting
	// lists; the number of shards grows with the site so that it holds.
	ShardBytes int
	// BigBytes: a gram whose list is longer gets a file of its own, so a
	// query for a rare gram does not download a common one's list.
	BigBytes int
	// HeadRunes caps the text a result fragment carries for its snippet
	// (title, headings, fields, then the body). The whole text is in a
	// file of its own, read only when a shown result's match lies beyond.
	HeadRunes int
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "search"
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 8 << 10
	}
	if o.BigBytes <= 0 {
		o.BigBytes = o.ShardBytes / 3
	}
	if o.HeadRunes <= 0 {
		o.HeadRunes = 300
	}
	return o
}

// Stats summarize an index that Write made.
type Stats struct {
	Docs, Grams  int
	PostingFiles int // shards and big-gram files of doc lists
	PosFiles     int // the same for positions
	Files        int // all files written
	Bytes        int64
}

func (s Stats) String() string {
	return fmt.Sprintf("%d 篇, %d 词元, %d 个文件, %.1f KB", s.Docs, s.Grams, s.Files, float64(s.Bytes)/1024)
}

// Format version; search.js refuses an index of another version.
const formatVersion = 1

// BM25 parameters and the weight of each part of a doc's text.
const (
	k1 = 1.2
	b  = 0.75
	// maxQ is the largest score step: a score is one base-45 digit.
	maxQ = radix - 1
)

var partWeight = [4]float32{5, 3, 2, 1} // title, headings, fields, body

type plist struct {
	docs []int32
	wtf  []float32
	npos []int32 // trigrams: positions per doc, in pos
	pos  []int32
}

// Write builds the index of docs and writes every file it needs under
// opts.Dir through w.
func Write(docs []Doc, w output.Writer, opts Options) (Stats, error) {
	opts = opts.withDefaults()
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	// Doc ids go newest first, so ranking breaks ties by the smaller id.
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &docs[order[i]], &docs[order[j]]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.URL < b.URL
	})

	lists := map[gramKey]*plist{}
	dls := make([]int, len(docs))
	texts := make([]string, len(docs))
	type occ struct {
		wtf float32
		pos []int32
	}
	local := map[gramKey]*occ{}
	var totalLen int
	for id, di := range order {
		d := &docs[di]
		text, cut := d.text()
		texts[id] = text
		rs := []rune(Fold(text))
		dls[id] = len(rs)
		totalLen += len(rs)
		clear(local)
		grams(rs, func(pos int, k gramKey) {
			o := local[k]
			if o == nil {
				o = &occ{}
				local[k] = o
			}
			part := 3
			switch {
			case pos < cut[0]:
				part = 0
			case pos < cut[1]:
				part = 1
			case pos < cut[2]:
				part = 2
			}
			o.wtf += partWeight[part]
			if k.isTrigram() {
				o.pos = append(o.pos, int32(pos))
			}
		})
		for k, o := range local {
			l := lists[k]
			if l == nil {
				l = &plist{}
				lists[k] = l
			}
			l.docs = append(l.docs, int32(id))
			l.wtf = append(l.wtf, o.wtf)
			if k.isTrigram() {
				l.npos = append(l.npos, int32(len(o.pos)))
				l.pos = append(l.pos, o.pos...)
			}
		}
	}
	avgdl := 1.0
	if len(docs) > 0 {
		avgdl = float64(totalLen) / float64(len(docs))
	}

	// Encode every list.
	type enc struct {
		gram      string
		docs, pos string
	}
	encs := make([]enc, 0, len(lists))
	var buf []byte
	for k, l := range lists {
		e := enc{gram: k.String()}
		buf = buf[:0]
		prev := int32(-1)
		for i, id := range l.docs {
			tf := float64(l.wtf[i])
			s := tf * (k1 + 1) / (tf + k1*(1-b+b*float64(dls[id])/avgdl))
			q := int(math.Round(s / (k1 + 1) * maxQ))
			q = max(1, min(maxQ, q))
			buf = appendVarint(buf, int(id-prev-1)*radix+q)
			prev = id
		}
		e.docs = string(buf)
		if l.npos != nil {
			buf = buf[:0]
			at := 0
			for _, n := range l.npos {
				buf = appendVarint(buf, int(n)-1)
				last := int32(-1)
				for _, p := range l.pos[at : at+int(n)] {
					buf = appendVarint(buf, int(p-last-1))
					last = p
				}
				at += int(n)
			}
			e.pos = string(buf)
		}
		encs = append(encs, e)
	}
	slices.SortFunc(encs, func(a, b enc) int { return strings.Compare(a.gram, b.gram) })

	var files []file
	shard := func(kind string, target int, get func(e *enc) string) int {
		var small int
		for i := range encs {
			if s := get(&encs[i]); len(s) <= opts.BigBytes {
				small += len(s) + len(encs[i].gram) + 6
			}
		}
		n := max(1, (small+target-1)/target)
		buckets := make([][]any, n)
		big := make([]int, n)
		for i := range encs {
			e := &encs[i]
			s := get(e)
			if s == "" && kind == "p" {
				continue
			}
			h := int(hash(e.gram) % uint32(n))
			if len(s) <= opts.BigBytes {
				buckets[h] = append(buckets[h], e.gram, s)
				continue
			}
			name := kind + "/" + strconv.Itoa(h) + "-" + strconv.Itoa(big[h])
			files = append(files, file{name, s})
			buckets[h] = append(buckets[h], e.gram, big[h])
			big[h]++
		}
		for h, bk := range buckets {
			if bk == nil {
				bk = []any{}
			}
			files = append(files, file{kind + "/" + strconv.Itoa(h), bk})
		}
		return n
	}
	nt := shard("t", opts.ShardBytes, func(e *enc) string { return e.docs })
	// Only terms of four or more characters read positions, so their shards
	// can be larger, which keeps the file count down.
	np := shard("p", 2*opts.ShardBytes, func(e *enc) string { return e.pos })
	st := Stats{Docs: len(docs), Grams: len(encs)}
	for _, f := range files {
		if f.name[0] == 't' {
			st.PostingFiles++
		} else {
			st.PosFiles++
		}
	}

	files = append(files, file{"meta", []any{formatVersion, len(docs), nt, np}})
	cls, units := docTable(docs, order)
	files = append(files, file{"docs", cls}, file{"units", units})
	for id, di := range order {
		d := &docs[di]
		date := ""
		if !d.Date.IsZero() {
			date = d.Date.Format("2006-01-02")
		}
		head, more := texts[id], 0
		if rs := []rune(head); len(rs) > opts.HeadRunes {
			head, more = string(rs[:opts.HeadRunes]), 1
			files = append(files, file{"x/" + strconv.Itoa(id), texts[id]})
		}
		files = append(files, file{"d/" + strconv.Itoa(id), []any{d.URL, d.Title, d.Kind, date, d.Unit, head, more}})
	}

	var nbytes atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				data, err := files[i].bytes()
				if err == nil {
					err = w.WriteFile(opts.Dir+"/"+files[i].name+".js", data)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				nbytes.Add(int64(len(data)))
			}
		}()
	}
	wg.Wait()
	st.Files = len(files)
	st.Bytes = nbytes.Load()
	return st, firstErr
}

// docTable is what the filters need of every doc: its kind and year, as
// one fixed-width digit string indexing the pairs that occur (read for every
// query with hits), and its units (read only when the unit filter is used,
// as a site has hundreds of units).
func docTable(docs []Doc, order []int) (cls, unitTable []any) {
	type class struct {
		kind string
		year int
	}
	classIdx := map[class]int{}
	var classes []any
	unitIdx := map[string]int{}
	var units []any
	var u []byte
	var cs []int
	for _, di := range order {
		d := &docs[di]
		k := class{d.Kind, d.Year}
		ci, ok := classIdx[k]
		if !ok {
			ci = len(classIdx)
			classIdx[k] = ci
			classes = append(classes, d.Kind, d.Year)
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
				units = append(units, slug, title)
			}
			more := 0
			if i < len(d.UnitSlugs)-1 {
				more = 1
			}
			u = appendVarint(u, 2*(ui+1)+more)
		}
	}
	if classes == nil {
		classes = []any{}
	}
	if units == nil {
		units = []any{}
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
	return []any{classes, width, string(c)}, []any{units, string(u)}
}

// A file is one script: DJS("name",data); — it registers itself with the
// page that loaded it, which works from file:// where fetch() does not.
type file struct {
	name string
	data any
}

func (f file) bytes() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`DJS("`)
	b.WriteString(f.name)
	b.WriteString(`",`)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f.data); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}
