package gallery

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decode GIF logos
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decode WebP logos
)

// DefaultWidth is the thumbnail width: the gallery shows logos at up to
// 160 CSS px, so 320 is sharp on a 2× phone screen and still small.
const DefaultWidth = 320

// Limits on raster logos, checked from the file's header before anything
// is decoded: a "decompression bomb" (a small PNG that declares a huge
// canvas) would otherwise take gigabytes and many seconds. The largest
// real logos, photos of a plaque from a phone (4000×3000), fit well.
const (
	// MaxRasterBytes is the largest raster logo file.
	MaxRasterBytes = 10 << 20
	// MaxSide is the most pixels of either side.
	MaxSide = 8192
	// MaxPixels is the most pixels of the whole image.
	MaxPixels = 16_000_000
	// MaxAspect is the most one side may be longer than the other.
	MaxAspect = 20
	// DecodeBudget is the most memory decoding and scaling one logo may
	// take (the decoded image and the scaler's buffer); decodes running at
	// once share decodeBudgetAll.
	DecodeBudget    = 160 << 20
	decodeBudgetAll = 2 * DecodeBudget
)

// ImageError says why a raster logo cannot be published.
type ImageError struct {
	Kind   ImageErrorKind
	Format string // png, jpeg, gif, webp ("" when unknown)
	W, H   int
	Need   int64 // bytes the file or its decoding would take
	Err    error // the decoder's own error, for ImageBroken
}

// ImageErrorKind is a reason for ImageError.
type ImageErrorKind int

const (
	ImageBroken    ImageErrorKind = iota // not decodable: a damaged file or another format
	ImageTruncated                       // the file ends too early (an upload cut short)
	ImageFileSize                        // the file is over MaxRasterBytes
	ImageSize                            // a side, the pixel count or the aspect ratio over its limit
	ImageMemory                          // decoding would take over DecodeBudget
	ImageScans                           // a JPEG of more than maxJPEGScans scans (Need is how many)
	ImagePhoto                           // a picture of a page over MaxPhotoPixels (W, H)
)

func (e *ImageError) Error() string {
	switch e.Kind {
	case ImageTruncated:
		return "image: file is truncated"
	case ImageFileSize:
		return fmt.Sprintf("image: file of %d bytes is over %d", e.Need, MaxRasterBytes)
	case ImageSize:
		return fmt.Sprintf("image: %d×%d is over the limits (%d px a side, %d px, %d:1)", e.W, e.H, MaxSide, MaxPixels, MaxAspect)
	case ImageMemory:
		return fmt.Sprintf("image: %d×%d %s needs %d bytes to decode, over %d", e.W, e.H, e.Format, e.Need, DecodeBudget)
	case ImageScans:
		return fmt.Sprintf("image: JPEG of over %d scans (limit %d)", e.Need-1, maxJPEGScans)
	case ImagePhoto:
		return fmt.Sprintf("image: %d×%d is over %d pixels", e.W, e.H, MaxPhotoPixels)
	}
	return fmt.Sprintf("image: cannot decode: %v", e.Err)
}

func (e *ImageError) Unwrap() error { return e.Err }

func decodeError(err error) error {
	// The PNG decoder says "not enough pixel data" when the compressed
	// pixels stop early: a file cut short as well.
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.Contains(err.Error(), "not enough pixel data") {
		return &ImageError{Kind: ImageTruncated, Err: err}
	}
	return &ImageError{Kind: ImageBroken, Err: err}
}

// checkSize refuses an image whose header declares more than the limits.
func checkSize(w, h int) error {
	if w <= 0 || h <= 0 || w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels ||
		w > MaxAspect*h || h > MaxAspect*w {
		return &ImageError{Kind: ImageSize, W: w, H: h}
	}
	return nil
}

// decodeCost estimates the bytes image.Decode and the scaler take for an
// image: the decoded pixels (as the decoder stores them for this colour
// model, and its extra buffers for interlaced PNGs and progressive JPEGs),
// and the Catmull-Rom scaler's float buffer, dw × source height × 32 bytes.
func decodeCost(src []byte, format string, cfg image.Config, dw int) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	var bpp int64
	switch cfg.ColorModel {
	case color.GrayModel, color.AlphaModel:
		bpp = 1
	case color.Gray16Model, color.Alpha16Model:
		bpp = 2
	case color.YCbCrModel:
		bpp = 3
	case color.RGBAModel, color.NRGBAModel, color.NYCbCrAModel, color.CMYKModel:
		bpp = 4
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			bpp = 1
		} else {
			bpp = 8 // 16-bit RGBA, and anything unknown
		}
	}
	cost := px * bpp
	switch {
	case format == "png" && len(src) > 28 && src[28] != 0:
		cost *= 2 // the seven passes are decoded apart, then merged
	case format == "jpeg" && progressiveJPEG(src):
		cost += px * 4 * 3 // int32 coefficients of up to three components
	case format == "webp":
		cost *= 2 // the lossless decoder's transform buffers
	}
	return cost + int64(dw)*int64(cfg.Height)*32
}

// progressiveJPEG reports a progressive frame header (SOF2) among the
// segments before the first scan.
func progressiveJPEG(b []byte) bool {
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return false
		}
		m := b[i+1]
		switch {
		case m == 0xFF:
			i++
			continue
		case m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE:
			return true
		case m == 0xDA: // start of scan: no frame header after this
			return false
		case m >= 0xD0 && m <= 0xD9 || m == 0x01:
			i += 2
			continue
		}
		i += 2 + int(b[i+2])<<8 | int(b[i+3])
	}
	return false
}

// maxJPEGScans is the most scans (start-of-scan segments) a JPEG logo may
// have. Go's decoder visits every 8×8 block of the image once per scan, and
// a progressive scan that says "nothing here" for the whole image takes 25
// bytes: a 100 KB logo of 4,000 such scans took 31 s to build (a 10 MB one
// would take most of an hour), for a few milliseconds of pixels. Encoders
// write 1 to 3 scans for a baseline JPEG and about 10 for a progressive
// one.
const maxJPEGScans = 100

// jpegScans counts the scans of a JPEG as Go's decoder meets them, up to
// limit+1: segments are skipped by their length, entropy-coded data byte by
// byte to the next marker (0xFF not followed by 0x00, a restart marker or
// another 0xFF), and EOI ends the image.
func jpegScans(b []byte, limit int) int {
	n := 0
	for i := 2; i+1 < len(b); {
		if b[i] != 0xFF {
			i++
			continue
		}
		m := b[i+1]
		switch {
		case m == 0xFF:
			i++
			continue
		case m == 0x00, m >= 0xD0 && m <= 0xD8, m == 0x01:
			i += 2
			continue
		case m == 0xD9:
			return n
		}
		if i+4 > len(b) {
			return n
		}
		if m == 0xDA {
			if n++; n > limit {
				return n
			}
		}
		i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
	}
	return n
}

// budget is the memory the decodes running at once may take together.
var budget = &memBudget{free: decodeBudgetAll}

type memBudget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
}

func (b *memBudget) acquire(n int64) {
	b.mu.Lock()
	if b.cond == nil {
		b.cond = sync.NewCond(&b.mu)
	}
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *memBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	if b.cond != nil {
		b.cond.Broadcast()
	}
	b.mu.Unlock()
}

// pngLevel is the PNG thumbnails' compression. Go's best compression took
// 250–740 ms per 320-pixel logo (1.2 s of a cold 10,000-page build for six
// logos, more than all of its link checking and privacy scanning); the
// default level takes 20–50 ms for files about 11 % larger (34 KB against
// 30 KB), measured on the corpus's logos. pngTag names the setting in the
// cache key, so that a thumbnail cached with another level is not reused
// (a warm build must give a cold build's bytes).
const (
	pngLevel = png.DefaultCompression
	pngTag   = "-z6"
)

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

// thumbSize fits a w × h image in the thumbnail box, width × 2·width (a
// tall logo is capped too), never upscaling; ok is false when it fits as
// it is.
func thumbSize(w, h, width int) (tw, th int, ok bool) {
	if w <= width && h <= 2*width {
		return w, h, false
	}
	tw, th = width, (h*width+w/2)/w
	if th > 2*width {
		th = 2 * width
		tw = (w*th + h/2) / h
	}
	return max(tw, 1), max(th, 1), true
}

// Thumb returns src scaled to fit the thumbnail box (the thumbnail width,
// and twice that high) with Catmull-Rom resampling, its size and its
// extension (".png" or ".jpg"). A logo that fits is returned unchanged,
// never upscaled, with its own extension. name only labels errors; they
// are *ImageError.
//
// The header is read first: a file over MaxRasterBytes, a side over
// MaxSide, more than MaxPixels, an aspect ratio over MaxAspect, or a
// decoding that would take more than DecodeBudget is refused before any
// pixel is decoded.
func (t *Thumbnailer) Thumb(src []byte, name string) (out []byte, w, h int, ext string, err error) {
	if len(src) > MaxRasterBytes {
		return nil, 0, 0, "", &ImageError{Kind: ImageFileSize, Need: int64(len(src))}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return nil, 0, 0, "", decodeError(err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		err.(*ImageError).Format = format
		return nil, 0, 0, "", err
	}
	if format == "jpeg" {
		if n := jpegScans(src, maxJPEGScans); n > maxJPEGScans {
			return nil, 0, 0, "", &ImageError{Kind: ImageScans, Format: format, W: cfg.Width, H: cfg.Height, Need: int64(n)}
		}
	}
	width := t.width()
	tw, th, scale := thumbSize(cfg.Width, cfg.Height, width)
	if !scale {
		tw = 0 // no scaler buffer
	}
	cost := decodeCost(src, format, cfg, tw)
	if cost > DecodeBudget {
		return nil, 0, 0, "", &ImageError{Kind: ImageMemory, Format: format, W: cfg.Width, H: cfg.Height, Need: cost}
	}
	if !scale {
		// Published as it is, but decoded once all the same (once per
		// process: serve rebuilds): a file cut short has a sound header,
		// and only decoding tells.
		sum := sha256.Sum256(src)
		key := hex.EncodeToString(sum[:]) + "-decodes"
		if _, ok := t.mem.Load(key); !ok {
			budget.acquire(cost)
			_, _, err := image.Decode(bytes.NewReader(src))
			budget.release(cost)
			if err != nil {
				return nil, 0, 0, "", decodeError(err)
			}
			t.mem.Store(key, thumb{})
		}
		return src, cfg.Width, cfg.Height, extOfFormat[format], nil
	}
	ext = ".png"
	if format == "jpeg" {
		ext = ".jpg" // photos stay JPEG; a PNG of a photo is several times larger
	}
	sum := sha256.Sum256(src)
	enc := ""
	if ext == ".png" {
		enc = pngTag // thumbnails of another encoder setting are other bytes
	}
	key := hex.EncodeToString(sum[:]) + "-" + strconv.Itoa(width) + enc + ext
	if tw < width {
		// A tall logo's thumbnail: its own name, so that the cache of the
		// earlier builds (which scaled to the width only) is not reused.
		key = hex.EncodeToString(sum[:]) + "-" + strconv.Itoa(tw) + "x" + strconv.Itoa(th) + enc + ext
	}
	if v, ok := t.mem.Load(key); ok {
		cached := v.(thumb)
		return cached.data, cached.w, cached.h, cached.ext, nil
	}
	if t.CacheDir != "" {
		if data, err := os.ReadFile(filepath.Join(t.CacheDir, key)); err == nil {
			if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && checkSize(c.Width, c.Height) == nil {
				cached := thumb{data, c.Width, c.Height, ext}
				t.mem.Store(key, cached)
				return cached.data, cached.w, cached.h, cached.ext, nil
			}
			// A damaged cache file is simply made again.
		}
	}

	budget.acquire(cost)
	defer budget.release(cost)
	img, _, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, 0, 0, "", decodeError(err)
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	// Src, not Over: a transparent logo must stay transparent.
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	img = nil
	var buf bytes.Buffer
	if ext == ".jpg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = (&png.Encoder{CompressionLevel: pngLevel}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, 0, 0, "", fmt.Errorf("%s: %w", name, err)
	}
	t.resizes.Add(1)
	made := thumb{buf.Bytes(), tw, th, ext}
	t.mem.Store(key, made)
	if t.CacheDir != "" {
		// A cache that cannot be written (read-only checkout) only costs
		// time on the next build; it is not a reason to fail this one.
		_ = writeAtomic(filepath.Join(t.CacheDir, key), made.data)
	}
	return made.data, made.w, made.h, made.ext, nil
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
