package gallery

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"
)

// PhoneJPEG is a small JPEG with an EXIF block as a phone writes it: an
// orientation tag (0: none) and a GPS block, with a position when gps.
func PhoneJPEG(t testing.TB, bo binary.AppendByteOrder, orientation int, gps bool) []byte {
	t.Helper()
	var img bytes.Buffer
	if err := jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 4)), nil); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("II*\x00")
	if bo == binary.AppendByteOrder(binary.BigEndian) {
		tiff = []byte("MM\x00*")
	}
	entry := func(b []byte, tag, typ uint16, count, val uint32, short bool) []byte {
		b = bo.AppendUint16(b, tag)
		b = bo.AppendUint16(b, typ)
		b = bo.AppendUint32(b, count)
		if short {
			b = bo.AppendUint16(b, uint16(val))
			return bo.AppendUint16(b, 0)
		}
		return bo.AppendUint32(b, val)
	}
	tiff = bo.AppendUint32(tiff, 8)
	n := uint16(1)
	if orientation > 0 {
		n++
	}
	tiff = bo.AppendUint16(tiff, n)
	if orientation > 0 {
		tiff = entry(tiff, 0x0112, 3, 1, uint32(orientation), true)
	}
	gpsAt := uint32(8 + 2 + 12*int(n) + 4)
	tiff = entry(tiff, 0x8825, 4, 1, gpsAt, false)
	tiff = bo.AppendUint32(tiff, 0)
	if gps {
		tiff = bo.AppendUint16(tiff, 2)
		tiff = entry(tiff, 0x0000, 1, 4, 0x02020000, false)
		tiff = entry(tiff, 0x0002, 5, 3, 0, false) // GPSLatitude (its values left out)
	} else {
		tiff = bo.AppendUint16(tiff, 1)
		tiff = entry(tiff, 0x0000, 1, 4, 0x02020000, false)
	}
	tiff = bo.AppendUint32(tiff, 0)
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(app1)+2))
	out = append(out, app1...)
	return append(out, img.Bytes()[2:]...)
}

func TestPhotoMeta(t *testing.T) {
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, image.NewGray(image.Rect(0, 0, 8, 4)), nil); err != nil {
		t.Fatal(err)
	}
	le, be := binary.AppendByteOrder(binary.LittleEndian), binary.AppendByteOrder(binary.BigEndian)
	for _, c := range []struct {
		name   string
		data   []byte
		orient int
		gps    bool
	}{
		{"portrait, little endian (Android)", PhoneJPEG(t, le, 6, true), 6, true},
		{"portrait, big endian (iPhone)", PhoneJPEG(t, be, 8, false), 8, false},
		{"upright", PhoneJPEG(t, le, 1, false), 1, false},
		{"GPS block with its version only", PhoneJPEG(t, be, 0, false), 0, false},
		{"no EXIF", plain.Bytes(), 0, false},
		{"cut short", PhoneJPEG(t, le, 6, true)[:20], 0, false},
		{"not a JPEG", []byte("<svg/>"), 0, false},
	} {
		o, g := PhotoMeta(c.data)
		if o != c.orient || g != c.gps {
			t.Errorf("%s: orientation %d, gps %v; want %d, %v", c.name, o, g, c.orient, c.gps)
		}
		if _, err := jpeg.DecodeConfig(bytes.NewReader(c.data)); err != nil && c.name != "cut short" && c.name != "not a JPEG" {
			t.Errorf("%s: not a JPEG: %v", c.name, err)
		}
	}
}
