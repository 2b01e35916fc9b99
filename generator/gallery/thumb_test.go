package gallery

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
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

	// A damaged cache file is made again, not served.
	entries, _ := os.ReadDir(dir)
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
