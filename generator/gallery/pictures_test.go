package gallery

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// bmpRLE is a run-length BMP of w×h (height negative: top-down) whose
// pixels end at once: about a kilobyte whatever the size.
func bmpRLE(w, h int32) []byte {
	le := binary.LittleEndian
	b := []byte("BM")
	b = le.AppendUint32(b, 14+40+2)
	b = le.AppendUint32(b, 0)
	b = le.AppendUint32(b, 14+40)
	b = le.AppendUint32(b, 40)
	b = le.AppendUint32(b, uint32(w))
	b = le.AppendUint32(b, uint32(h))
	b = le.AppendUint16(b, 1) // planes
	b = le.AppendUint16(b, 8) // bits
	b = le.AppendUint32(b, 1) // RLE8
	b = append(b, make([]byte, 20)...)
	return append(b, 0, 1) // end of bitmap
}

// icon is an ICO holding img, with a directory that claims 16×16.
func icon(img []byte) []byte {
	le := binary.LittleEndian
	b := []byte{0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0}
	b = le.AppendUint32(b, uint32(len(img)))
	b = le.AppendUint32(b, 22)
	return append(b, img...)
}

// tiff is a TIFF of two pages, the second of w×h (LONG) or w×h as SHORTs.
func tiff(bo binary.AppendByteOrder, w, h uint32, short bool) []byte {
	var b []byte
	if bo == binary.AppendByteOrder(binary.LittleEndian) {
		b = []byte("II*\x00")
	} else {
		b = []byte("MM\x00*")
	}
	b = bo.AppendUint32(b, 8)
	page := func(w, h uint32, next uint32) {
		b = bo.AppendUint16(b, 2)
		for i, v := range []uint32{w, h} {
			b = bo.AppendUint16(b, uint16(256+i))
			if short {
				b = bo.AppendUint16(b, 3)
				b = bo.AppendUint32(b, 1)
				b = bo.AppendUint16(b, uint16(v))
				b = bo.AppendUint16(b, 0)
			} else {
				b = bo.AppendUint16(b, 4)
				b = bo.AppendUint32(b, 1)
				b = bo.AppendUint32(b, v)
			}
		}
		b = bo.AppendUint32(b, next)
	}
	page(100, 100, 8+2+24+4)
	page(w, h, 8) // and the list loops back to the first page
	return b
}

func box(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	return append(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), append([]byte(typ), body...)...)
}

// heif is an AVIF/HEIC still image whose ispe says w×h, or an AVIF
// sequence whose track's sample entry does.
func heif(brand string, w, h uint32, sequence bool) []byte {
	be := binary.BigEndian
	ftyp := box("ftyp", []byte(brand), make([]byte, 4), []byte("mif1"+brand))
	if sequence {
		entry := append(make([]byte, 24), be.AppendUint16(be.AppendUint16(nil, uint16(w)), uint16(h))...)
		stsd := box("stsd", make([]byte, 4), be.AppendUint32(nil, 1), box("av01", entry, make([]byte, 50)))
		return append(ftyp, box("moov", box("trak", box("mdia", box("minf", box("stbl", stsd)))))...)
	}
	ispe := box("ispe", make([]byte, 4), be.AppendUint32(nil, w), be.AppendUint32(nil, h))
	return append(ftyp, box("meta", make([]byte, 4), box("hdlr", make([]byte, 24)), box("iprp", box("ipco", box("ispe", make([]byte, 4), be.AppendUint32(nil, 64), be.AppendUint32(nil, 64)), ispe)))...)
}

// jxl is a JPEG XL codestream whose SizeHeader says h high and, with ratio
// 0, w wide (large form: 30-bit sides), or a container holding it in a
// jxlc or jxlp box.
func jxl(w, h uint32, ratio int, form string) []byte {
	var bits []bool
	put := func(v uint64, n int) {
		for i := range n {
			bits = append(bits, v>>i&1 == 1)
		}
	}
	put(0, 1) // not small
	put(3, 2) // 30 bits
	put(uint64(h-1), 30)
	put(uint64(ratio), 3)
	if ratio == 0 {
		put(3, 2)
		put(uint64(w-1), 30)
	}
	cs := []byte{0xff, 0x0a}
	for i := 0; i < len(bits); i += 8 {
		var c byte
		for j := 0; j < 8 && i+j < len(bits); j++ {
			if bits[i+j] {
				c |= 1 << j
			}
		}
		cs = append(cs, c)
	}
	cs = append(cs, make([]byte, 16)...)
	switch form {
	case "jxlc":
		return append(append([]byte(nil), jxlContainer...), append(box("ftyp", []byte("jxl \x00\x00\x00\x00jxl ")), box("jxlc", cs)...)...)
	case "jxlp":
		return append(append([]byte(nil), jxlContainer...), append(box("ftyp", []byte("jxl \x00\x00\x00\x00jxl ")), box("jxlp", make([]byte, 4), cs)...)...)
	}
	return cs
}

// A picture of any format a browser decodes is refused over MaxPhotoPixels
// from its header, whatever its name: a 1 KB BMP, a 150-byte AVIF or an
// icon holding a PNG declared 30000×30000 (3.6 GB for each reader's
// phone) were published as they were. Real sizes pass, and so does a
// file that only starts like a picture.
func TestPictureBombsOfEveryFormat(t *testing.T) {
	le, be := binary.AppendByteOrder(binary.LittleEndian), binary.AppendByteOrder(binary.BigEndian)
	for _, tc := range []struct {
		name string
		data []byte
		bomb bool
	}{
		{"notice.txt", pngHeader(30000, 30000), true},
		{"photo.png", pngHeader(16320, 12240), false},
		{"a.bmp", bmpRLE(30000, 30000), true},
		{"top-down.bmp", bmpRLE(30000, -30000), true},
		{"ok.bmp", bmpRLE(4000, 3000), false},
		{"favicon.ico", icon(pngHeader(30000, 30000)), true},
		{"bitmap.ico", icon(bmpRLE(30000, 60000)[14:]), true},
		{"small.ico", icon(pngHeader(32, 32)), false},
		{"a.tif", tiff(le, 30000, 30000, false), true},
		{"b.tiff", tiff(be, 30000, 30000, false), true},
		{"short.tif", tiff(le, 65535, 65535, true), true},
		{"scan.tif", tiff(be, 5000, 7000, true), false},
		{"a.avif", heif("avif", 60000, 60000, false), true},
		{"a.heic", heif("heic", 20000, 20000, false), true},
		{"anim.avif", heif("avis", 65535, 65535, true), true},
		{"ok.avif", heif("avif", 4000, 3000, false), false},
		{"clip.mp4", heif("isom", 3840, 2160, true), false},
		{"a.jxl", jxl(0, 60000, 1, ""), true},
		{"wide.jxl", jxl(100000, 3000, 0, "jxlc"), true},
		{"parts.jxl", jxl(0, 20000, 7, "jxlp"), true},
		{"photo.jxl", jxl(4000, 3000, 0, ""), false},
		{"43.jxl", jxl(0, 3000, 3, "jxlc"), false},
		{"bmw.txt", []byte("BMW 汽车的介绍，共有几段文字。" + string(make([]byte, 40))), false},
	} {
		_, err := PrepareAsset("x/"+tc.name, tc.data)
		var ie *ImageError
		if tc.bomb != (errors.As(err, &ie) && ie.Kind == ImagePhoto) {
			t.Errorf("%s: err %v, want refused %v", tc.name, err, tc.bomb)
		}
	}
}
