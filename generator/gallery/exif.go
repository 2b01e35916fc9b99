package gallery

import "encoding/binary"

// PhotoMeta reads what a phone writes into a JPEG's EXIF block that
// matters once the photo is on the web: the orientation tag (a portrait
// photo is stored on its side, with a tag saying how to turn it: 1 is
// upright, 2–8 need turning, 0 is no tag) and whether the GPS block holds
// a position. head is the start of the file; the EXIF block is in its
// first 64 KB. Anything it cannot read gives 0, false.
func PhotoMeta(head []byte) (orientation int, gps bool) {
	if len(head) < 4 || head[0] != 0xFF || head[1] != 0xD8 {
		return 0, false
	}
	for i := 2; i+4 <= len(head); {
		if head[i] != 0xFF {
			return 0, false
		}
		marker := head[i+1]
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF {
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // image data: no EXIF before it
			return 0, false
		}
		n := int(binary.BigEndian.Uint16(head[i+2:]))
		seg := head[i+4 : min(len(head), i+2+n)]
		if marker == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffMeta(seg[6:])
		}
		i += 2 + n
	}
	return 0, false
}

func tiffMeta(t []byte) (orientation int, gps bool) {
	if len(t) < 8 {
		return 0, false
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0, false
	}
	entries := func(off uint32, each func(tag, typ uint16, val []byte)) {
		if int64(off)+2 > int64(len(t)) {
			return
		}
		n := int(bo.Uint16(t[off:]))
		for k := range n {
			e := int(off) + 2 + 12*k
			if e+12 > len(t) {
				return
			}
			each(bo.Uint16(t[e:]), bo.Uint16(t[e+2:]), t[e+8:e+12])
		}
	}
	var gpsIFD uint32
	entries(bo.Uint32(t[4:]), func(tag, typ uint16, val []byte) {
		switch tag {
		case 0x0112: // Orientation, a SHORT
			if typ == 3 {
				orientation = int(bo.Uint16(val))
			}
		case 0x8825: // GPS IFD pointer
			gpsIFD = bo.Uint32(val)
		}
	})
	if gpsIFD != 0 {
		// A phone with location off writes the block with its version
		// only; a position is the latitude (tag 2) or longitude (tag 4).
		entries(gpsIFD, func(tag, _ uint16, _ []byte) {
			if tag == 2 || tag == 4 {
				gps = true
			}
		})
	}
	if orientation < 0 || orientation > 8 {
		orientation = 0
	}
	return orientation, gps
}
