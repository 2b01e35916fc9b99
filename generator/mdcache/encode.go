package mdcache

import (
	"encoding/binary"

	"dangjian/generator/content"
)

// An entry's payload is a flat sequence of unsigned varints and
// length-prefixed strings in a fixed order (see encode): decoding 10,000
// entries this way costs a fraction of what encoding/gob did, which sends its
// type descriptions with every entry.

func encode(e *entry) []byte {
	r := &e.Result
	n := len(e.Key) + len(r.HTML) + len(r.Plain) + len(r.Summary) + 64
	b := make([]byte, 0, n)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(v int) { b = binary.AppendVarint(b, int64(v)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	str(e.Key)
	b = binary.AppendUvarint(b, uint64(len(r.HTML)))
	b = append(b, r.HTML...)
	num(len(r.TOC))
	for _, h := range r.TOC {
		num(h.Level)
		str(h.ID)
		str(h.Text)
	}
	num(len(r.IDs))
	for _, id := range r.IDs {
		str(id)
	}
	str(r.Plain)
	str(r.Summary)
	flag(r.HasMore)
	num(r.ReadingMinutes)
	num(len(r.Links))
	for _, l := range r.Links {
		str(l.Dest)
		flag(l.Image)
		num(l.Line)
	}
	num(len(r.DroppedHTML))
	for _, h := range r.DroppedHTML {
		str(h.Tag)
		num(h.Line)
	}
	num(len(e.Lookups))
	for _, l := range e.Lookups {
		str(l.Dest)
		str(l.URL)
		flag(l.OK)
	}
	return b
}

// decoder reads what encode wrote; any malformed input sets bad.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) num() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || v < -1<<31 || v > 1<<31 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a slice length; each element takes at least one byte.
func (d *decoder) count() int {
	v := d.num()
	if v < 0 || v > len(d.b) {
		d.bad = true
		d.b = nil
		return 0
	}
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string { return string(d.bytes()) }

func (d *decoder) flag() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.bad = true
		d.b = nil
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func decode(payload []byte) (*entry, bool) {
	d := &decoder{b: payload}
	e := &entry{Key: d.str()}
	r := &e.Result
	if html := d.bytes(); len(html) > 0 {
		r.HTML = html
	}
	if n := d.count(); n > 0 {
		r.TOC = make([]content.Heading, n)
		for i := range r.TOC {
			r.TOC[i] = content.Heading{Level: d.num(), ID: d.str(), Text: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		r.IDs = make([]string, n)
		for i := range r.IDs {
			r.IDs[i] = d.str()
		}
	}
	r.Plain = d.str()
	r.Summary = d.str()
	r.HasMore = d.flag()
	r.ReadingMinutes = d.num()
	if n := d.count(); n > 0 {
		r.Links = make([]content.Link, n)
		for i := range r.Links {
			r.Links[i] = content.Link{Dest: d.str(), Image: d.flag(), Line: d.num()}
		}
	}
	if n := d.count(); n > 0 {
		r.DroppedHTML = make([]content.RawHTML, n)
		for i := range r.DroppedHTML {
			r.DroppedHTML[i] = content.RawHTML{Tag: d.str(), Line: d.num()}
		}
	}
	if n := d.count(); n > 0 {
		e.Lookups = make([]Lookup, n)
		for i := range e.Lookups {
			e.Lookups[i] = Lookup{Dest: d.str(), URL: d.str(), OK: d.flag()}
		}
	}
	if d.bad || len(d.b) != 0 {
		return nil, false
	}
	return e, true
}
