package gallery

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decode GIF logos
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decode WebP logos
)

// DefaultWidth is the thumbnail width: the gallery shows logos at up to
// 160 CSS px, so 320 is sharp on a 2× phone screen and still small.
const DefaultWidth = 320

// maxPixels guards against a "decompression bomb": a small PNG that
// declares a huge canvas would otherwise take gigabytes to decode.
const maxPixels = 50_000_000

// Thumbnailer resizes raster logos and remembers the results, in memory and
// on disk under CacheDir, by the SHA-256 of the source and the width: an
// unchanged logo is not resized again by the next build, nor by the next
// rebuild of `serve`. It is safe for concurrent use; use it by pointer.
type Thumbnailer struct {
	CacheDir string // "" keeps the cache in memory only
	Width    int    // 0 means DefaultWidth

	resizes atomic.Int64
	mem     sync.Map // cache key → thumb
}

type thumb struct {
	data []byte
	w, h int
	ext  string
}

// Resizes counts the resizes this Thumbnailer actually performed (cache
// hits do not count), so a test can prove a second build did none.
func (t *Thumbnailer) Resizes() int64 { return t.resizes.Load() }

func (t *Thumbnailer) width() int {
	if t.Width > 0 {
		return t.Width
	}
	return DefaultWidth
}

var extOfFormat = map[string]string{"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp"}

// Thumb returns src scaled to the thumbnail width with Catmull-Rom
// resampling, its size and its extension (".png" or ".jpg"). A logo no
// wider than the thumbnail is returned unchanged, never upscaled, with its
// own extension. name only labels errors.
func (t *Thumbnailer) Thumb(src []byte, name string) (out []byte, w, h int, ext string, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return nil, 0, 0, "", fmt.Errorf("%s: %w", name, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, 0, 0, "", fmt.Errorf("%s: image size %d×%d not supported", name, cfg.Width, cfg.Height)
	}
	width := t.width()
	if cfg.Width <= width {
		return src, cfg.Width, cfg.Height, extOfFormat[format], nil
	}
	ext = ".png"
	if format == "jpeg" {
		ext = ".jpg" // photos stay JPEG; a PNG of a photo is several times larger
	}
	sum := sha256.Sum256(src)
	key := hex.EncodeToString(sum[:]) + "-" + strconv.Itoa(width) + ext
	if v, ok := t.mem.Load(key); ok {
		th := v.(thumb)
		return th.data, th.w, th.h, th.ext, nil
	}
	if t.CacheDir != "" {
		if data, err := os.ReadFile(filepath.Join(t.CacheDir, key)); err == nil {
			if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
				th := thumb{data, c.Width, c.Height, ext}
				t.mem.Store(key, th)
				return th.data, th.w, th.h, th.ext, nil
			}
			// A damaged cache file is simply made again.
		}
	}

	img, _, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, 0, 0, "", fmt.Errorf("%s: %w", name, err)
	}
	b := img.Bounds()
	h = (b.Dy()*width + b.Dx()/2) / b.Dx()
	if h < 1 {
		h = 1
	}
	dst := image.NewRGBA(image.Rect(0, 0, width, h))
	// Src, not Over: a transparent logo must stay transparent.
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if ext == ".jpg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, 0, 0, "", fmt.Errorf("%s: %w", name, err)
	}
	t.resizes.Add(1)
	th := thumb{buf.Bytes(), width, h, ext}
	t.mem.Store(key, th)
	if t.CacheDir != "" {
		// A cache that cannot be written (read-only checkout) only costs
		// time on the next build; it is not a reason to fail this one.
		_ = writeAtomic(filepath.Join(t.CacheDir, key), th.data)
	}
	return th.data, th.w, th.h, th.ext, nil
}

// writeAtomic renames a finished temporary file into place, so that a build
// interrupted mid-write, or two builds at once, never leave half a PNG in
// the cache.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
