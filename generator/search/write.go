package search

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"

	"dangjian/generator/output"
)

// Options tune the index layout. The zero value is the default.
type Options struct {
	// Dir is the folder under the site root that holds the index ("search").
	Dir string
	// ShardBytes is the target size of one shard file of short lists; the
	// number of shards grows with the site so that it holds. A query reads
	// one shard per gram, so this is most of what a query for a rare word
	// (or one that finds nothing) downloads.
	ShardBytes int
	// BigBytes: a gram whose list (doc list and positions) is longer gets
	// files of its own, so a query for a rare gram does not download a
	// common one's list, nor a three-character query a trigram's positions.
	BigBytes int
	// WordBytes: a gram of one or two letters or digits whose doc list is
	// longer gets a file of its own too. A reader searches such a word on
	// its own (强国, 青年), and a long list's file carries its first
	// results' cards (cards.go): in a shard, the list came without them,
	// and its first ten results cost a second wave of ten files, two turns
	// of a browser's six connections. Default BigBytes/4.
	WordBytes int
	// PosBytes: a long trigram list whose positions take up to this many
	// bytes has them in its doc list's file (t/), not in a p/ file of
	// their own, so that a query word of four characters or more reads
	// them with its lists, a wave sooner. Default 8·BigBytes (48 KB);
	// negative: always in p/.
	PosBytes int
	// HeadRunes caps the text a result fragment carries for its snippet:
	// the title line and the start of the body, that many characters in all
	// (the whole title line when it is longer). A snippet for a match
	// elsewhere comes from the text files (TextDocs); search.js asks for
	// them with the fragments when the positions tell.
	HeadRunes int
	// FragDocs is how many docs' fragments share a file (d/<id/FragDocs>).
	// Ids go newest first, so the top results of a query often share one.
	FragDocs int
	// TextDocs is how many docs' whole texts share a file (x/<id/TextDocs>),
	// for snippets of matches beyond the head; default 1. A doc whose head
	// is all of its text has none. The texts are the index's own (blocks
	// split by "\n", table cells by "\t"), so a snippet never shows page
	// chrome, and no result's page is fetched for its snippet.
	TextDocs int
	// Workers index in parallel; default GOMAXPROCS, at most 8.
	Workers int
	// SpillLists keeps most of the lists' bytes in a temporary file while
	// the index is made (see spill.go); the files are the same.
	SpillLists bool
	// DropTexts lets Write empty each doc's Body once no file it makes
	// needs it any more, so that a caller holding no other reference to
	// the texts (a one-shot build) frees them while the lists grow: at
	// 50,000 pages the texts were 350 MB of the stage's 1.4 GB live peak.
	DropTexts bool
	// Bodies, with DropTexts, reads doc i's Body (docs' order) back into
	// buf, where the caller keeps the texts already (the site's temporary
	// file of pages' bodies); the long lists' excerpts need some after the
	// drop. Nil: Write keeps the bodies it drops in a temporary file of
	// its own.
	Bodies func(i int, buf []byte) ([]byte, error)
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "search"
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 8 << 10
	}
	if o.BigBytes <= 0 {
		o.BigBytes = o.ShardBytes * 3 / 4
	}
	if o.WordBytes <= 0 {
		o.WordBytes = o.BigBytes / 4
	}
	if o.PosBytes == 0 {
		o.PosBytes = o.BigBytes * 8
	}
	if o.HeadRunes <= 0 {
		o.HeadRunes = 130
	}
	if o.FragDocs <= 0 {
		o.FragDocs = 3
	}
	if o.TextDocs <= 0 {
		o.TextDocs = 1
	}
	if o.Workers <= 0 {
		o.Workers = min(8, runtime.GOMAXPROCS(0))
	}
	return o
}

// Stats summarize an index that Write made.
type Stats struct {
	Docs, Grams  int
	PostingFiles int // shards and big-gram files
	Files        int // all files written
	Bytes        int64
	// AvgDL is the docs' average text length, which every score step
	// depends on (Prev.AvgDL of the next Update).
	AvgDL float64
	// Updated: the lists were the previous index's, with the entries of
	// Reindexed docs made again (Update); else every doc was indexed.
	Updated   bool
	Reindexed int
	// Linked files were the previous index's, put in the output by
	// Prev.Link and not counted in Files.
	Linked int
	// Head is meta.js and dir.js as one script for the search page
	// (InlineHead).
	Head string
}

func (s Stats) String() string {
	return fmt.Sprintf("%d 篇, %d 词元, %d 个文件, %.1f KB", s.Docs, s.Grams, s.Files, float64(s.Bytes)/1024)
}

// Format version; search.js refuses an index of another version.
const formatVersion = 11

// BM25 parameters and the weight of each part of a doc's text.
const (
	k1 = 1.2
	b  = 0.75
	// A doc list entry is gap·steps + score step, the step 1…maxQ: with
	// nine steps a gap of up to three docs still fits one character, which
	// makes the lists of common grams a third shorter than with 44; nine
	// levels of BM25's saturating term weight are plenty for ranking.
	steps = 9
	maxQ  = steps - 1
)

var partWeight = [4]float32{5, 3, 2, 1} // title, headings, fields, body

// Write builds the index of docs and writes every file it needs under
// opts.Dir through w. The files (format 11), each a DJS("name", data) script:
//
//	meta.js    [11, docs, shards, 0, docs per d file, docs per x file (0: none),
//	           head runes (HeadRunes)]
//	dir.js     the grams with files of their own, by hash bits (dirData)
//	t/<h>.js   shard h: [gram, list | k, …] for grams hashing to h. A list is
//	           the doc ids (newest first) as gap·9+score step (1…8); step
//	           0 is followed by step−1 | band<<3 | title length<<5 for a
//	           gram in the title (band 2) or headings and fields (1); a trigram's
//	           also has "!" and its positions: per doc, count−1 and position
//	           gaps−1. A list too long for a shard (doc list and positions
//	           together) is in t/<h>-<k>.js as ["gram doclist", [[id, card,
//	           excerpt?], …]] with the cards of its first results (cards.go)
//	           and, for a body match, the window of its body around the
//	           gram (excerpt.go); a trigram's positions after its doc list
//	           ("gram doclist!positions", the shard's k then -(k+1)) when
//	           they take up to PosBytes, else in p/<h>-<k>.js as "gram
//	           positions".
//	d/<i>.js   the fragments of docs i·FragDocs…: [url, title, kind, date
//	           as shown (2025年6月28日), unit, start of body, more,
//	           summary when the body does not start with it, headings
//	           and fields (one a line, up to 200 characters)]
//	x/<i>.js   whole texts of docs i·TextDocs… ("" when the head is all)
//	docs.js    kind and year of every doc; units.js its units (filters)
//
// Indexing runs on opts.Workers goroutines over contiguous id ranges, each
// gathering a doc's grams in a small table of its own and adding batches of
// docs to its lists (see flush); the parts are joined with one re-encoded
// gap per list.
func Write(docs []Doc, w output.Writer, opts Options) (Stats, error) {
	return Update(docs, nil, nil, w, opts)
}

// Update is Write, reusing the lists of the previous index prev when it
// can (see update); hashes are the docs' hashes, in docs' order. Its files
// are byte for byte Write's.
func Update(docs []Doc, hashes [][32]byte, prev *Prev, w output.Writer, opts Options) (Stats, error) {
	opts = opts.withDefaults()
	order := newestFirst(docs)
	dls, avgdl := docLens(docs, order, opts.Workers)
	st := Stats{Docs: len(docs), AvgDL: avgdl}
	up := planUpdate(docs, order, hashes, prev, dls, avgdl, opts.Workers)
	cards := newCards(docs, order, opts)
	// The fragments and whole texts are the only files that read the
	// docs' bodies: they go first, so that with DropTexts each body can go
	// as soon as the indexer has its grams, before the lists peak.
	frags, texts := fragmentJobs(cards, opts), textJobs(docs, order, opts)
	var linked atomic.Int64
	if up != nil && prev.Link != nil {
		up.linkSame(frags, "d", opts.FragDocs, prev.Link, &linked)
		up.linkSame(texts, "x", opts.TextDocs, prev.Link, &linked)
	}
	files, bytes, err := runJobs(append(frags, texts...), w, opts)
	st.Files, st.Bytes, st.Linked = files, bytes, int(linked.Load())
	if err != nil {
		return st, err
	}
	lists, re, reindexed, ok := up.lists(docs, order, prev, opts, &linked)
	if ok {
		err = writeLists(docs, order, lists, cards, re, w, opts, &st)
		if err == nil {
			st.Updated, st.Reindexed = true, reindexed
			if opts.DropTexts {
				for i := range docs {
					docs[i].Body = ""
				}
			}
			st.Linked = int(linked.Load())
			return st, nil
		}
		if !errors.Is(err, errPrevGone) {
			return st, err
		}
		// A previous file to be linked is gone: every list made anew
		// (a path written twice is fine: the writer keeps the last).
	}
	// The fragments made every card; an update only those its files
	// needed. The long lists need any card after the indexer has dropped
	// the bodies: the rest now, on all cores.
	cards.makeAll(opts.Workers)
	var spill *chunkSpill
	if opts.SpillLists {
		spill = newChunkSpill()
		defer spill.close()
	}
	var kept *keptBodies
	if opts.DropTexts && opts.Bodies == nil {
		// The bodies go while the lists grow; the long lists' excerpts
		// read them back from there (cards.body).
		if kept = keepBodies(len(docs)); kept != nil {
			defer kept.file.close()
		}
	}
	var drop func(id int, body string)
	switch {
	case opts.DropTexts && opts.Bodies != nil:
		drop = func(int, string) {}
		cards.bodies = opts.Bodies
	case kept != nil:
		drop = kept.put
	}
	ws := gather(docs, order, opts.Workers, drop, dls, avgdl, spill)
	if spill != nil {
		if err := spill.seal(); err != nil {
			return st, err
		}
	}
	if kept != nil {
		if err := kept.file.seal(); err != nil {
			return st, err
		}
		cards.kept = kept
	}
	lists = joinAll(ws, len(docs), opts.Workers)
	ws = nil
	st.Reindexed = len(docs)
	err = writeLists(docs, order, lists, cards, nil, w, opts, &st)
	st.Linked = int(linked.Load())
	return st, err
}

// writeLists writes the lists' files and the tables, adding to st.
func writeLists(docs []Doc, order []int, lists []list, cards *cardSet, re *relink, w output.Writer, opts Options, st *Stats) error {
	var jobs []job
	st.Grams = len(lists)
	// A long trigram list's positions are in a file of their own (p/),
	// beside its doc list's (t/): a query word of four or more characters
	// asks for both at once, a shorter one reads only the doc list. A short
	// list keeps them after its doc list, in its shard.
	withCards := func(b []byte, l *list) ([]byte, error) { return appendTopCards(b, l, cards) }
	nt, bigs := shardJobs(&jobs, lists, sizes{opts.ShardBytes, opts.BigBytes, opts.WordBytes, opts.PosBytes}, withCards, re)
	st.PostingFiles = len(jobs)
	tables, head := tableJobs(docs, order, nt, bigs, opts)
	jobs = append(jobs, tables...)
	st.Head = head
	files, bytes, err := runJobs(jobs, w, opts)
	st.Files, st.Bytes = st.Files+files, st.Bytes+bytes
	return err
}
