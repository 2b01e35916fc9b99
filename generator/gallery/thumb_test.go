package gallery

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
)

// testImage draws a red disc with a gold band on a transparent ground, like
// a logo, w × h pixels.
func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := x-w/2, y-h/2
			switch {
			case y > h*3/4 && y < h*7/8:
				img.Set(x, y, color.NRGBA{0xb8, 0x86, 0x0b, 0xff})
			case dx*dx+dy*dy < (h/3)*(h/3):
				img.Set(x, y, color.NRGBA{0xc8, 0x10, 0x2e, 0xff})
			}
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestThumbScalesDownOnly(t *testing.T) {
	th := &Thumbnailer{CacheDir: t.TempDir()}
	big := encodePNG(t, testImage(1200, 600))
	out, w, h, ext, err := th.Thumb(big, "big.png")
	if err != nil {
		t.Fatal(err)
	}
	if w != 320 || h != 160 || ext != ".png" {
		t.Errorf("got %d×%d %s, want 320×160 .png", w, h, ext)
	}
	img, format, err := image.Decode(bytes.NewReader(out))
	if err != nil || format != "png" || img.Bounds().Dx() != 320 || img.Bounds().Dy() != 160 {
		t.Fatalf("thumbnail decodes as %v %s %v", img.Bounds(), format, err)
	}
	// Transparency survives: the corner stays clear, the disc stays red.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want 0", a)
	}
	if r, g, _, _ := img.At(160, 80).RGBA(); r>>8 < 0xb0 || g>>8 > 0x30 {
		t.Errorf("centre is not red: %v", img.At(160, 80))
	}

	small := encodePNG(t, testImage(200, 100))
	out, w, h, ext, err = th.Thumb(small, "small.png")
	if err != nil || !bytes.Equal(out, small) || w != 200 || h != 100 || ext != ".png" {
		t.Errorf("a small logo must pass unchanged: %d×%d %s %v", w, h, ext, err)
	}
	if th.Resizes() != 1 {
		t.Errorf("resizes = %d, want 1", th.Resizes())
	}
}

func TestThumbFormats(t *testing.T) {
	img := testImage(800, 400)
	var jb, gb bytes.Buffer
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gb, img, nil); err != nil {
		t.Fatal(err)
	}
	th := &Thumbnailer{Width: 100}
	for _, c := range []struct {
		name string
		data []byte
		ext  string
	}{{"a.jpg", jb.Bytes(), ".jpg"}, {"a.gif", gb.Bytes(), ".png"}} {
		out, w, h, ext, err := th.Thumb(c.data, c.name)
		if err != nil || w != 100 || h != 50 || ext != c.ext {
			t.Errorf("%s: %d×%d %s %v", c.name, w, h, ext, err)
			continue
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(out)); err != nil || cfg.Width != 100 {
			t.Errorf("%s: output %v %v", c.name, cfg, err)
		}
	}
	if _, _, _, _, err := th.Thumb([]byte("not an image"), "x.png"); err == nil {
		t.Error("garbage accepted")
	}
	// A tiny file that claims a gigantic canvas is refused before decoding.
	bomb := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	bomb[16], bomb[17], bomb[18], bomb[19] = 0, 1, 0, 0 // width 65536
	bomb[20], bomb[21], bomb[22], bomb[23] = 0, 1, 0, 0 // height 65536
	binary.BigEndian.PutUint32(bomb[29:33], crc32.ChecksumIEEE(bomb[12:29]))
	if cfg, err := png.DecodeConfig(bytes.NewReader(bomb)); err != nil || cfg.Width != 65536 {
		t.Fatalf("bomb header: %v %v", cfg, err)
	}
	if _, _, _, _, err := th.Thumb(bomb, "bomb.png"); err == nil {
		t.Error("decompression bomb accepted")
	}
}

// The second build — a new Thumbnailer, as a new process would have, over
// the same cache folder — resizes nothing and returns the same bytes.
func TestThumbCacheAcrossBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".dangjian-cache", "thumbs")
	logos := [][]byte{
		encodePNG(t, testImage(640, 640)),
		encodePNG(t, testImage(900, 300)),
		encodePNG(t, testImage(1000, 500)),
	}
	build := func() (*Thumbnailer, [][]byte) {
		th := &Thumbnailer{CacheDir: dir, Width: 320}
		outs := make([][]byte, len(logos))
		var wg sync.WaitGroup
		for i, l := range logos {
			wg.Go(func() {
				out, _, _, _, err := th.Thumb(l, "logo.png")
				if err != nil {
					t.Error(err)
				}
				outs[i] = out
			})
		}
		wg.Wait()
		return th, outs
	}
	first, outs1 := build()
	if first.Resizes() != 3 {
		t.Fatalf("first build resized %d, want 3", first.Resizes())
	}
	second, outs2 := build()
	if second.Resizes() != 0 {
		t.Errorf("second build resized %d, want 0", second.Resizes())
	}
	for i := range outs1 {
		if !bytes.Equal(outs1[i], outs2[i]) {
			t.Errorf("logo %d: cached thumbnail differs", i)
		}
	}
	// Same instance again (serve's rebuild): memory hits, no resize.
	for _, l := range logos {
		if _, _, _, _, err := second.Thumb(l, "logo.png"); err != nil {
			t.Fatal(err)
		}
	}
	if second.Resizes() != 0 {
		t.Errorf("rebuild resized %d", second.Resizes())
	}

	// A changed logo is resized; a changed width is a different thumbnail.
	changed := encodePNG(t, testImage(641, 640))
	if _, _, _, _, err := second.Thumb(changed, "logo.png"); err != nil || second.Resizes() != 1 {
		t.Errorf("changed logo: resizes %d, err %v", second.Resizes(), err)
	}
	wider := &Thumbnailer{CacheDir: dir, Width: 400}
	if _, w, _, _, _ := wider.Thumb(logos[0], "logo.png"); w != 400 || wider.Resizes() != 1 {
		t.Errorf("new width: w %d resizes %d", w, wider.Resizes())
	}

	// A thumbnail cached by a build with another PNG level (names without
	// pngTag) is not served: it has other bytes than a cold build's.
	entries, _ := os.ReadDir(dir)
	otherLevel := t.TempDir()
	for _, e := range entries {
		name := strings.Replace(e.Name(), pngTag+".png", ".png", 1)
		if name == e.Name() {
			t.Fatalf("%s: cache name without the PNG level", name)
		}
		var buf bytes.Buffer
		(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, testImage(320, 320))
		os.WriteFile(filepath.Join(otherLevel, name), buf.Bytes(), 0o644)
	}
	fromOther := &Thumbnailer{CacheDir: otherLevel, Width: 320}
	if out, _, _, _, _ := fromOther.Thumb(logos[0], "logo.png"); fromOther.Resizes() != 1 || !bytes.Equal(out, outs1[0]) {
		t.Errorf("another level's cache: resizes %d", fromOther.Resizes())
	}

	// A damaged cache file is made again, not served.
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		os.WriteFile(filepath.Join(dir, e.Name()), []byte("garbage"), 0o644)
	}
	third, outs3 := build()
	if third.Resizes() != 3 || !bytes.Equal(outs3[0], outs1[0]) {
		t.Errorf("damaged cache: resizes %d", third.Resizes())
	}
	// No temporary files are left behind.
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		if e.Name()[0] == '.' {
			t.Errorf("left over %s", e.Name())
		}
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// tallPNG makes the logo of issue #14 item 7: a real 321×155000 16-bit
// RGBA PNG of about 480 KB, which decoded to 400 MB and took 16 s and
// 2.2 GB to "thumbnail" to 320×154517.
func tallPNG(t testing.TB) []byte {
	const w, h = 321, 155000
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 16, 6 // 16 bits a sample, RGBA
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	io.CopyN(zw, zeroReader{}, h*(1+w*8))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

func TestThumbRefusesTallPNGFromItsHeader(t *testing.T) {
	tall := tallPNG(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, _, _, err := (&Thumbnailer{}).Thumb(tall, "tall.png")
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	var ie *ImageError
	if !errors.As(err, &ie) || ie.Kind != ImageSize || ie.W != 321 || ie.H != 155000 {
		t.Fatalf("err = %v, want a size error", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 || took > time.Second {
		t.Errorf("refusing took %v and %d bytes", took, alloc)
	}

	// Through the gallery, the officer reads the page, its line and the
	// limits, in Chinese.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/images/brands/tall.png"), tall)
	page := &content.Page{Path: "content/brands/tall.md", Kind: content.KindBrand, Title: "高", URL: "/brands/tall/",
		FieldLines: map[string]int{"logo": 6}, Brand: &content.Brand{Logo: "images/brands/tall.png"}}
	_, _, probs := Build([]*content.Page{page}, Options{Source: dir, Thumbs: &Thumbnailer{}})
	if len(probs) != 1 {
		t.Fatalf("problems: %v", probs)
	}
	got := probs[0].Format(diag.Chinese)
	want := `content/brands/tall.md:6: 标识图片 "images/brands/tall.png" 为 321×155000 像素，超过限制（每边最多 8192 像素、总共最多 1600 万像素、长宽比最多 20:1）；请缩小或裁剪后再用`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Every limit is checked from the header; each refused image is named
// with the limit it is over.
func TestThumbLimits(t *testing.T) {
	header := func(w, h uint32, depth, colour byte, interlace byte) []byte {
		b := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
		binary.BigEndian.PutUint32(b[16:], w)
		binary.BigEndian.PutUint32(b[20:], h)
		b[24], b[25], b[28] = depth, colour, interlace
		binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
		return b
	}
	th := &Thumbnailer{}
	for _, c := range []struct {
		name string
		in   []byte
		kind ImageErrorKind
	}{
		{"wide", header(8193, 500, 8, 6, 0), ImageSize},
		{"aspect", header(4100, 200, 8, 6, 0), ImageSize},
		{"pixels", header(4001, 4001, 8, 0, 0), ImageSize},
		{"16-bit RGBA", header(4000, 4000, 16, 6, 0), ImageMemory},
		{"interlaced", header(4000, 4000, 8, 6, 1), ImageMemory},
		{"file", append(header(10, 10, 8, 0, 0), make([]byte, MaxRasterBytes)...), ImageFileSize},
	} {
		_, _, _, _, err := th.Thumb(c.in, c.name)
		var ie *ImageError
		if !errors.As(err, &ie) || ie.Kind != c.kind {
			t.Errorf("%s: err = %v, want kind %d", c.name, err, c.kind)
		}
	}
}

// A tall logo is scaled to fit the box too, not only a wide one.
func TestThumbCapsBothSides(t *testing.T) {
	th := &Thumbnailer{}
	for _, c := range []struct{ w, h, tw, th int }{
		{100, 1000, 64, 640}, {1000, 100, 320, 32}, {300, 600, 300, 600}, {2000, 8000, 160, 640},
	} {
		_, w, h, _, err := th.Thumb(encodePNG(t, testImage(c.w, c.h)), "x.png")
		if err != nil || w != c.tw || h != c.th {
			t.Errorf("%d×%d: thumbnail %d×%d (%v), want %d×%d", c.w, c.h, w, h, err, c.tw, c.th)
		}
	}
}

// scanBomb is a progressive grey JPEG of side×side pixels made of n AC
// scans that each skip every block with end-of-band runs: 25 bytes a scan,
// and Go's decoder walks the whole image for each.
func scanBomb(side, n int) []byte {
	seg := func(m byte, payload ...byte) []byte {
		return append([]byte{0xFF, m, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	}
	b := []byte{0xFF, 0xD8}
	b = append(b, seg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)...)...)
	b = append(b, seg(0xC2, 8, byte(side>>8), byte(side), byte(side>>8), byte(side), 1, 1, 0x11, 0)...)
	b = append(b, seg(0xC4, append(append([]byte{0x00, 1}, make([]byte, 15)...), 0)...)...)
	b = append(b, seg(0xC4, append(append([]byte{0x10, 2}, make([]byte, 15)...), 0xE0, 0x00)...)...)
	// Each code: "0" (EOB14) and fourteen 1 bits, a run of 32767 blocks.
	blocks := ((side + 7) / 8) * ((side + 7) / 8)
	var bits []byte
	for k := 0; k < (blocks+32766)/32767; k++ {
		bits = append(bits, 0)
		bits = append(bits, bytes.Repeat([]byte{1}, 14)...)
	}
	for len(bits)%8 != 0 {
		bits = append(bits, 1)
	}
	var ent []byte
	for i := 0; i < len(bits); i += 8 {
		var c byte
		for _, bit := range bits[i : i+8] {
			c = c<<1 | bit
		}
		ent = append(ent, c)
		if c == 0xFF {
			ent = append(ent, 0)
		}
	}
	scan := append(seg(0xDA, 1, 1, 0x00, 1, 63, 0x00), ent...)
	for range n {
		b = append(b, scan...)
	}
	return append(b, 0xFF, 0xD9)
}

// A JPEG logo of thousands of empty progressive scans is refused before
// decoding (4,000 of them in 100 KB took 31 s to build); one with a normal
// number of scans is still decoded and scaled.
func TestThumbRefusesJPEGScanBomb(t *testing.T) {
	th := &Thumbnailer{}
	if _, _, _, _, err := th.Thumb(scanBomb(1000, 10), "ok.jpg"); err != nil {
		t.Fatalf("10 scans: %v", err)
	}
	for _, side := range []int{200, 1000} {
		start := time.Now()
		_, _, _, _, err := th.Thumb(scanBomb(side, 4000), "bomb.jpg")
		var ie *ImageError
		if !errors.As(err, &ie) || ie.Kind != ImageScans {
			t.Fatalf("%d px, 4000 scans: err = %v, want ImageScans", side, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%d px: refused after %v", side, d)
		}
		p := logoProblem("content/brands/a.md", 5, "images/bomb.jpg", err)
		if got := p.Format("zh"); !strings.Contains(got, "content/brands/a.md:5:") || !strings.Contains(got, "超过 100 遍扫描") || !strings.Contains(got, "另存为普通 JPEG") {
			t.Errorf("message: %s", got)
		}
	}
}
