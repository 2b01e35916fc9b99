package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"
)

// The logo pools: brands share svgLogos SVGs and pngLogos PNGs (so that
// thumbnails get exercised), units with a logo share unitLogos SVGs.
const (
	svgLogos  = 50
	pngLogos  = 6
	unitLogos = 20
)

// file is one file to write, its path relative to the site folder.
type file struct {
	path string
	data []byte
}

// logoFiles returns every logo of the pools. They do not depend on the seed,
// so they are drawn once per process.
var logoFiles = sync.OnceValues(drawLogos)

func drawLogos() ([]file, error) {
	var files []file
	for i := 1; i <= svgLogos; i++ {
		files = append(files, file{fmt.Sprintf("content/images/brands/brand-%02d.svg", i), brandSVG(i)})
	}
	for i := 1; i <= pngLogos; i++ {
		data, err := brandPNG(i)
		if err != nil {
			return nil, err
		}
		files = append(files, file{fmt.Sprintf("content/images/brands/brand-p%d.png", i), data})
	}
	for i := 1; i <= unitLogos; i++ {
		files = append(files, file{fmt.Sprintf("content/images/units/unit-%02d.svg", i), unitSVG(i)})
	}
	return files, nil
}

var reds = []string{"#c8102e", "#b71c1c", "#d32f2f", "#a4161a", "#e53935"}
var golds = []string{"#ffd54f", "#ffc107", "#f9d71c", "#ffe082"}
var blues = []string{"#1565c0", "#00897b", "#2e7d32", "#0277bd", "#00695c"}

// star returns the path of a five-pointed star around (cx, cy).
func star(cx, cy, outer, inner, turn float64) string {
	var b strings.Builder
	for k := range 10 {
		r := outer
		if k%2 == 1 {
			r = inner
		}
		a := turn + float64(k)*math.Pi/5 - math.Pi/2
		cmd := "L"
		if k == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%.1f %.1f", cmd, cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
	b.WriteString("Z")
	return b.String()
}

// brandSVG draws logo i: a red disc, a gold ring, a star or a cross, and two
// characters of a brand name.
func brandSVG(i int) []byte {
	red, gold := reds[i%len(reds)], golds[i%len(golds)]
	label := string([]rune(brandHeads[i%len(brandHeads)])[:2])
	var mark string
	switch i % 3 {
	case 0:
		mark = fmt.Sprintf(`<path d="%s" fill="%s"/>`, star(60, 52, 26, 10, float64(i)*0.05), gold)
	case 1:
		mark = fmt.Sprintf(`<path d="M52 28h16v16h16v16h-16v16h-16v-16h-16v-16h16z" fill="%s"/>`, gold)
	default:
		mark = fmt.Sprintf(`<path d="M60 76c-22-14-28-26-20-36 6-7 16-5 20 3 4-8 14-10 20-3 8 10 2 22-20 36z" fill="%s"/>`, gold)
	}
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
<circle cx="60" cy="60" r="58" fill="%s"/>
<circle cx="60" cy="60" r="50" fill="none" stroke="%s" stroke-width="3"/>
%s
<text x="60" y="100" font-size="15" text-anchor="middle" fill="#fff">%s</text>
</svg>
`, red, gold, mark, label)
}

// unitSVG draws unit logo i: a rounded square with a medical cross.
func unitSVG(i int) []byte {
	c := blues[i%len(blues)]
	r := 8 + i%4*6
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
<rect x="4" y="4" width="92" height="92" rx="%d" fill="%s"/>
<path d="M40 20h20v20h20v20h-20v20h-20v-20h-20v-20h20z" fill="#fff"/>
<circle cx="50" cy="50" r="%d" fill="%s"/>
</svg>
`, r, c, 4+i%5, c)
}

// brandPNG draws a 360×360 logo: a red radial gradient, a gold ring and a
// white cross, in a tint that depends on i.
func brandPNG(i int) ([]byte, error) {
	const size = 360
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			dx, dy := float64(x)-c, float64(y)-c
			d := math.Hypot(dx, dy) / c
			var px color.RGBA
			switch {
			case d > 1:
				px = color.RGBA{255, 255, 255, 0}
			case d > 0.84 && d < 0.92:
				px = color.RGBA{255, 200 + uint8(i*7%50), 40, 255}
			case math.Abs(dx) < c*0.14 && math.Abs(dy) < c*0.5, math.Abs(dy) < c*0.14 && math.Abs(dx) < c*0.5:
				px = color.RGBA{255, 255, 255, 255}
			default:
				px = color.RGBA{uint8(230 - 90*d), uint8(20 + i*9%40), uint8(30 + i*13%40), 255}
			}
			img.SetRGBA(x, y, px)
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}
