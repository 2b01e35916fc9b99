package mdcache

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// A pack is one file of entries:
//
//	header   packMagic, then the Format byte (16 bytes)
//	entries  the payloads (encode), one after another
//	index    count, then per entry: key, offset, length, CRC-32C of the payload
//	trailer  the index's offset (8 bytes), its CRC-32C (4), trailerMagic (4)
//
// A pack whose header, trailer or index does not check is ignored whole (and
// removed by Prune); an entry whose payload does not match its CRC, or does
// not decode to its own key, is a miss.
var (
	packMagic    = []byte("dangjian-mdpack")
	trailerMagic = []byte("mdpk")
	castagnoli   = crc32.MakeTable(crc32.Castagnoli)
)

const (
	headerSize  = 16
	trailerSize = 16
	packExt     = ".mdpack"
	tmpPrefix   = ".tmp-"
	// maxPacks: beyond this many packs, Prune merges all but the largest
	// (each warm build adds a small one).
	maxPacks = 4
	// leftoverAge: a temporary file this old is a killed build's, not
	// one being written.
	leftoverAge = 10 * time.Minute
)

func header() []byte { return append(append([]byte{}, packMagic...), byte(Format)) }

// pack is an open, complete pack file.
type pack struct {
	path    string
	f       *os.File
	size    int64
	entries map[string]loc
}

// loc is where an entry's payload lies.
type loc struct {
	p   *pack
	off int64
	n   int64
	crc uint32
}

func (l loc) raw() ([]byte, bool) {
	buf := make([]byte, l.n)
	if _, err := l.p.f.ReadAt(buf, l.off); err != nil {
		return nil, false
	}
	if crc32.Checksum(buf, castagnoli) != l.crc {
		return nil, false
	}
	return buf, true
}

func (l loc) read(key string) (*entry, bool) {
	buf, ok := l.raw()
	if !ok {
		return nil, false
	}
	e, ok := decode(buf)
	if !ok || e.Key != key {
		return nil, false
	}
	return e, true
}

// openPacks opens every intact pack in dir, oldest first, and adds its
// entries to index; of two entries with one key (the older one's link
// answers no longer held), the newer wins.
func openPacks(dir string, index map[string]loc) []*pack {
	names, _ := filepath.Glob(filepath.Join(dir, "*"+packExt))
	sort.Strings(names)
	var packs []*pack
	for _, name := range names {
		p, err := openPack(name)
		if err != nil {
			continue
		}
		packs = append(packs, p)
		for k, l := range p.entries {
			index[k] = l
		}
	}
	return packs
}

var errBadPack = errors.New("damaged pack")

func openPack(name string) (*pack, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	p, err := readIndex(f, name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return p, nil
}

func readIndex(f *os.File, name string) (*pack, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size < headerSize+trailerSize {
		return nil, errBadPack
	}
	head := make([]byte, headerSize)
	tail := make([]byte, trailerSize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, err
	}
	if _, err := f.ReadAt(tail, size-trailerSize); err != nil {
		return nil, err
	}
	if !bytes.Equal(head, header()) || !bytes.Equal(tail[12:], trailerMagic) {
		return nil, errBadPack
	}
	ixOff := int64(binary.LittleEndian.Uint64(tail))
	if ixOff < headerSize || ixOff > size-trailerSize {
		return nil, errBadPack
	}
	ix := make([]byte, size-trailerSize-ixOff)
	if _, err := f.ReadAt(ix, ixOff); err != nil {
		return nil, err
	}
	if crc32.Checksum(ix, castagnoli) != binary.LittleEndian.Uint32(tail[8:]) {
		return nil, errBadPack
	}
	p := &pack{path: name, f: f, size: size}
	d := &decoder{b: ix}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return nil, errBadPack
	}
	p.entries = make(map[string]loc, n)
	for range n {
		key := d.str()
		off, ln := int64(d.uvarint()), int64(d.uvarint())
		if d.bad || len(d.b) < 4 || off < headerSize || ln < 0 || off+ln > ixOff {
			return nil, errBadPack
		}
		crc := binary.LittleEndian.Uint32(d.b)
		d.b = d.b[4:]
		p.entries[key] = loc{p: p, off: off, n: ln, crc: crc}
	}
	if d.bad || len(d.b) != 0 {
		return nil, errBadPack
	}
	return p, nil
}

// packWriter writes one new pack in its own goroutine, so that the
// markdown workers only encode: the writes, one large write at a time,
// overlap the stages that follow.
type packWriter struct {
	// pending counts the Puts between taking the writer and handing it
	// their entry, which finish must wait for.
	pending sync.WaitGroup
	dir     string
	ch      chan packItem
	done    chan struct{}
	f       *os.File
	bw      *bufio.Writer
	off     int64
	index   []indexItem
	err     error
}

type packItem struct {
	key     string
	payload []byte
}

type indexItem struct {
	key    string
	off, n int64
	crc    uint32
}

func newPackWriter(dir string) *packWriter {
	w := &packWriter{dir: dir, ch: make(chan packItem, 256), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *packWriter) add(key string, payload []byte) { w.ch <- packItem{key, payload} }

func (w *packWriter) run() {
	defer close(w.done)
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		w.err = err
	} else if w.f, err = os.CreateTemp(w.dir, tmpPrefix+"pack-"); err != nil {
		w.err = err
	} else {
		w.bw = bufio.NewWriterSize(w.f, 1<<20)
		w.write(header())
	}
	for it := range w.ch {
		if w.err != nil {
			continue // drain: Put must never block on a failed pack
		}
		w.index = append(w.index, indexItem{it.key, w.off, int64(len(it.payload)), crc32.Checksum(it.payload, castagnoli)})
		w.write(it.payload)
	}
}

func (w *packWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.bw.Write(b)
	w.off += int64(len(b))
}

// finish writes the index and trailer and renames the pack into place. It
// returns the pack, open for reading, or nil when nothing was written.
func (w *packWriter) finish() *pack {
	close(w.ch)
	<-w.done
	if w.f == nil {
		return nil
	}
	if w.err == nil && len(w.index) > 0 {
		ixOff := w.off
		var ix []byte
		ix = binary.AppendUvarint(ix, uint64(len(w.index)))
		for _, it := range w.index {
			ix = binary.AppendUvarint(ix, uint64(len(it.key)))
			ix = append(ix, it.key...)
			ix = binary.AppendUvarint(ix, uint64(it.off))
			ix = binary.AppendUvarint(ix, uint64(it.n))
			ix = binary.LittleEndian.AppendUint32(ix, it.crc)
		}
		tail := binary.LittleEndian.AppendUint64(nil, uint64(ixOff))
		tail = binary.LittleEndian.AppendUint32(tail, crc32.Checksum(ix, castagnoli))
		tail = append(tail, trailerMagic...)
		w.write(ix)
		w.write(tail)
		if w.err == nil {
			w.err = w.bw.Flush()
		}
		if w.err == nil {
			// Named by time, so that name order is age order.
			name := filepath.Join(w.dir, fmt.Sprintf("pack-%020d-%s%s", time.Now().UnixNano(), rand.Text()[:8], packExt))
			if w.err = os.Rename(w.f.Name(), name); w.err == nil {
				p := &pack{path: name, f: w.f, size: w.off, entries: make(map[string]loc, len(w.index))}
				for _, it := range w.index {
					p.entries[it.key] = loc{p: p, off: it.off, n: it.n, crc: it.crc}
				}
				return p
			}
		}
	}
	w.f.Close()
	os.Remove(w.f.Name())
	return nil
}

// prune: see Cache.Prune. packs are oldest first (this build's last); of
// two entries with one key, the newer is kept.
func prune(dir string, packs []*pack, used map[string]bool) error {
	var kept []*pack
	defer func() {
		for _, p := range append(packs, kept...) {
			p.f.Close()
		}
	}()
	// Where each used entry lives: the newest pack that has it.
	live := map[*pack]int64{}
	where := map[string]loc{}
	for i := len(packs) - 1; i >= 0; i-- {
		for k, l := range packs[i].entries {
			if _, seen := where[k]; !seen && used[k] {
				where[k] = l
				live[packs[i]] += l.n
			}
		}
	}
	var liveBytes, deadBytes int64
	for _, p := range packs {
		if live[p] == 0 {
			p.f.Close()
			os.Remove(p.path)
			continue
		}
		kept = append(kept, p)
		liveBytes += live[p]
		deadBytes += p.size - live[p]
	}
	switch {
	case deadBytes > liveBytes:
		kept = merge(dir, kept, where)
	case len(kept) > maxPacks:
		sort.Slice(kept, func(i, j int) bool { return kept[i].size > kept[j].size })
		kept = append(kept[:1], merge(dir, kept[1:], where)...)
	}
	keep := map[string]bool{}
	for _, p := range kept {
		keep[filepath.Base(p.path)] = true
	}
	cleanDir(dir, keep)
	return nil
}

// merge rewrites the used entries of packs into one new pack and removes
// them; it returns the packs left (the new one, or the old ones when the
// new one could not be written).
func merge(dir string, packs []*pack, where map[string]loc) []*pack {
	in := map[*pack]bool{}
	for _, p := range packs {
		in[p] = true
	}
	keys := make([]string, 0, len(where))
	for k, l := range where {
		if in[l.p] {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := where[keys[i]], where[keys[j]]
		if a.p != b.p {
			return a.p.path < b.p.path
		}
		return a.off < b.off
	})
	w := newPackWriter(dir)
	for _, k := range keys {
		if raw, ok := where[k].raw(); ok {
			w.add(k, raw)
		}
	}
	p := w.finish()
	if p == nil {
		return packs
	}
	for _, old := range packs {
		old.f.Close()
		os.Remove(old.path)
	}
	return []*pack{p}
}

// cleanDir removes from dir whatever is not a kept pack: packs that did not
// open or are no longer used, folders of the per-page entries of Format 1,
// and temporary files old enough to be a killed build's.
func cleanDir(dir string, keep map[string]bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dir, name)
		switch {
		case keep[name]:
		case e.IsDir() && len(name) == 2:
			os.RemoveAll(full) // Format 1: one file per entry in 00…ff/
		case strings.HasPrefix(name, tmpPrefix):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > leftoverAge {
				os.Remove(full)
			}
		case strings.HasSuffix(name, packExt):
			os.Remove(full)
		}
	}
}

// Span is where one entry's bytes lie in a pack file.
type Span struct {
	Pack      string
	Off, Size int64
}

// Spans lists the entries of the intact packs in dir, in file order: for
// tests that damage entries on purpose.
func Spans(dir string) []Span {
	var out []Span
	for _, p := range openPacks(dir, map[string]loc{}) {
		for _, l := range p.entries {
			out = append(out, Span{Pack: p.path, Off: l.off, Size: l.n})
		}
		p.f.Close()
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Pack != out[j].Pack {
			return out[i].Pack < out[j].Pack
		}
		return out[i].Off < out[j].Off
	})
	return out
}
