package gallery

import (
	"bytes"
	"encoding/binary"
	"image"
)

// pictureSize is the size of the largest picture a browser would decode
// from data, found from its header alone, and false when data is no
// picture format it knows. It goes by the bytes, never by the name: a
// browser's <img> sniffs the format whatever the extension or the
// Content-Type says, so a PNG called notice.txt or a.pdf is still a PNG.
//
// Besides the formats Go reads (PNG, JPEG, GIF, WebP), it reads the ones
// browsers decode that Go does not: BMP and ICO/CUR (every browser; an
// icon may hold a PNG of any size), TIFF, AVIF/HEIC (ISO media files,
// sized by their ispe properties and visual sample entries) and JPEG XL. A 1 KB
// run-length BMP or a 150-byte AVIF can declare 30000×30000 pixels.
func pictureSize(data []byte) (w, h int64, ok bool) {
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		return int64(cfg.Width), int64(cfg.Height), true
	}
	switch {
	case len(data) >= 2 && data[0] == 'B' && data[1] == 'M':
		return dibSize(data[min(14, len(data)):], false)
	case len(data) >= 6 && data[0] == 0 && data[1] == 0 && (data[2] == 1 || data[2] == 2) && data[3] == 0:
		return iconSize(data)
	case bytes.HasPrefix(data, []byte("II*\x00")):
		return tiffSize(data, binary.LittleEndian)
	case bytes.HasPrefix(data, []byte("MM\x00*")):
		return tiffSize(data, binary.BigEndian)
	case bytes.HasPrefix(data, []byte{0xff, 0x0a}):
		return jxlSize(data[2:])
	case bytes.HasPrefix(data, jxlContainer):
		return jxlBoxes(data[len(jxlContainer):])
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		var s isoSizes
		s.walk(data, 0)
		return s.w, s.h, s.found
	}
	return 0, 0, false
}

// bigger keeps the larger of two sizes by area.
func bigger(w, h, w2, h2 int64) (int64, int64) {
	w2, h2 = min(w2, 1<<31), min(h2, 1<<31) // no overflow below
	if w2*h2 > w*h || w2 > w && h2 > h {
		return w2, h2
	}
	return w, h
}

// dibSize reads a Windows bitmap header (the part after BMP's 14-byte file
// header, or an icon's image). Only a header of a size Windows defines,
// one plane and a real bit depth counts, so a text file that happens to
// start with "BM" is not taken for a picture. An icon's height counts its
// mask too, hence half.
func dibSize(d []byte, icon bool) (w, h int64, ok bool) {
	if len(d) < 16 {
		return 0, 0, false
	}
	le := binary.LittleEndian
	size := le.Uint32(d)
	var planes, bpp uint16
	switch size {
	case 12:
		w, h = int64(le.Uint16(d[4:])), int64(le.Uint16(d[6:]))
		planes, bpp = le.Uint16(d[8:]), le.Uint16(d[10:])
	case 16, 40, 52, 56, 64, 108, 124:
		w, h = int64(int32(le.Uint32(d[4:]))), int64(int32(le.Uint32(d[8:])))
		planes, bpp = le.Uint16(d[12:]), le.Uint16(d[14:])
	default:
		return 0, 0, false
	}
	switch bpp {
	case 0, 1, 2, 4, 8, 16, 24, 32, 64:
	default:
		return 0, 0, false
	}
	if planes != 1 {
		return 0, 0, false
	}
	w, h = absInt(w), absInt(h) // a negative height is a top-down bitmap
	if icon {
		h /= 2
	}
	return w, h, true
}

func absInt(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// iconSize reads every image of an ICO or CUR file: each is a PNG or a
// bitmap of its own, whatever size the directory claims for it.
func iconSize(data []byte) (w, h int64, ok bool) {
	le := binary.LittleEndian
	n := int(le.Uint16(data[4:]))
	for i := range n {
		e := 6 + 16*i
		if e+16 > len(data) {
			break
		}
		off := int64(le.Uint32(data[e+12:]))
		if off >= int64(len(data)) {
			continue
		}
		img := data[off:]
		var iw, ih int64
		var iok bool
		if bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) {
			if cfg, _, err := image.DecodeConfig(bytes.NewReader(img)); err == nil {
				iw, ih, iok = int64(cfg.Width), int64(cfg.Height), true
			}
		} else {
			iw, ih, iok = dibSize(img, true)
		}
		if iok {
			w, h = bigger(w, h, iw, ih)
			ok = true
		}
	}
	return w, h, ok
}

// jxlContainer starts a JPEG XL file in its box form; a bare codestream
// starts FF 0A. Safari 17 and later show both.
var jxlContainer = []byte("\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a")

// jxlBoxes finds the codestream of a JPEG XL container: a jxlc box, or
// the first jxlp box (after its 4-byte index).
func jxlBoxes(d []byte) (w, h int64, ok bool) {
	be := binary.BigEndian
	for len(d) >= 8 {
		size, hdr := uint64(be.Uint32(d)), uint64(8)
		if size == 1 && len(d) >= 16 {
			size, hdr = be.Uint64(d[8:]), 16
		}
		if size == 0 || size > uint64(len(d)) {
			size = uint64(len(d))
		}
		if size < hdr {
			return 0, 0, false
		}
		body := d[hdr:size]
		switch string(d[4:8]) {
		case "jxlc":
			if bytes.HasPrefix(body, []byte{0xff, 0x0a}) {
				return jxlSize(body[2:])
			}
		case "jxlp":
			if len(body) >= 6 && body[4] == 0xff && body[5] == 0x0a {
				return jxlSize(body[6:])
			}
		}
		d = d[size:]
	}
	return 0, 0, false
}

// jxlSize reads a JPEG XL SizeHeader (bits from the lowest of each byte):
// a small image's sides count eighths; a large one's sides are up to 2³⁰;
// the width is often given as a ratio of the height.
func jxlSize(d []byte) (w, h int64, ok bool) {
	if len(d) < 9 {
		return 0, 0, false
	}
	pos := 0
	bits := func(n int) int64 {
		var v int64
		for i := range n {
			v |= int64(d[pos>>3]>>(pos&7)&1) << i
			pos++
		}
		return v
	}
	side := func(small bool) int64 {
		if small {
			return (bits(5) + 1) * 8
		}
		return bits([]int{9, 13, 18, 30}[bits(2)]) + 1
	}
	small := bits(1) == 1
	h = side(small)
	switch bits(3) {
	case 0:
		w = side(small)
	case 1:
		w = h
	case 2:
		w = h * 12 / 10
	case 3:
		w = h * 4 / 3
	case 4:
		w = h * 3 / 2
	case 5:
		w = h * 16 / 9
	case 6:
		w = h * 5 / 4
	case 7:
		w = h * 2
	}
	return w, h, true
}

// maxTIFFPages bounds the pages read of a TIFF (a page list may loop).
const maxTIFFPages = 1024

// tiffSize reads the width and length of every page (IFD) of a TIFF.
func tiffSize(data []byte, bo binary.ByteOrder) (w, h int64, ok bool) {
	off := int64(bo.Uint32(data[4:]))
	seen := map[int64]bool{}
	for range maxTIFFPages {
		if off < 8 || off+2 > int64(len(data)) || seen[off] {
			break
		}
		seen[off] = true
		n := int64(bo.Uint16(data[off:]))
		var pw, ph int64
		for i := range n {
			e := off + 2 + 12*i
			if e+12 > int64(len(data)) {
				break
			}
			var v int64
			switch bo.Uint16(data[e+2:]) {
			case 3: // SHORT
				v = int64(bo.Uint16(data[e+8:]))
			case 4: // LONG
				v = int64(bo.Uint32(data[e+8:]))
			default:
				continue
			}
			switch bo.Uint16(data[e:]) {
			case 256:
				pw = v
			case 257:
				ph = v
			}
		}
		if pw > 0 || ph > 0 {
			w, h = bigger(w, h, pw, ph)
			ok = true
		}
		next := off + 2 + 12*n
		if next+4 > int64(len(data)) {
			break
		}
		off = int64(bo.Uint32(data[next:]))
	}
	return w, h, ok
}

// isoSizes collects the picture sizes an ISO media file (AVIF, HEIC, their
// sequences) declares: every ispe property (an item's size; a grid's is
// the whole picture) and every visual sample entry of a track.
type isoSizes struct {
	w, h  int64
	found bool
}

func (s *isoSizes) add(w, h int64) {
	s.w, s.h = bigger(s.w, s.h, w, h)
	s.found = true
}

// walk reads the boxes of d. Only the boxes on the way to a size are
// entered, at most 16 deep.
func (s *isoSizes) walk(d []byte, depth int) {
	if depth > 16 {
		return
	}
	be := binary.BigEndian
	for len(d) >= 8 {
		size := uint64(be.Uint32(d))
		typ := string(d[4:8])
		hdr := uint64(8)
		switch size {
		case 0:
			size = uint64(len(d))
		case 1:
			if len(d) < 16 {
				return
			}
			size, hdr = be.Uint64(d[8:]), 16
		}
		if size < hdr || size > uint64(len(d)) {
			size = uint64(len(d)) // a truncated last box: read what is there
		}
		body := d[hdr:size]
		switch typ {
		case "meta":
			if len(body) >= 4 {
				s.walk(body[4:], depth+1)
			}
		case "iprp", "ipco", "moov", "trak", "mdia", "minf", "stbl":
			s.walk(body, depth+1)
		case "stsd":
			if len(body) >= 8 {
				s.walk(body[8:], depth+1)
			}
		case "ispe":
			if len(body) >= 12 {
				s.add(int64(be.Uint32(body[4:])), int64(be.Uint32(body[8:])))
			}
		case "av01", "hvc1", "hev1", "avc1", "avc3", "vvc1", "vvi1":
			// A visual sample entry: 6 reserved bytes, a data reference
			// index and 16 more bytes before width and height.
			if len(body) >= 28 {
				s.add(int64(be.Uint16(body[24:])), int64(be.Uint16(body[26:])))
			}
		}
		d = d[size:]
	}
}
