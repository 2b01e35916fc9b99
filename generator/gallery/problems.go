package gallery

import (
	"errors"
	"fmt"
	"io/fs"

	"dangjian/generator/diag"
)

// reason words why a logo or an SVG file cannot be published, for an
// officer: what is wrong with the file (missing, cut short, not decodable,
// over which limit) and what to do.
func reason(err error) (diag.Msg, []any) {
	var se *SVGError
	var ie *ImageError
	switch {
	case errors.As(err, &se):
		switch se.Kind {
		case SVGTooLarge:
			return diag.MsgLogoTooBig, []any{megabytes(int64(se.Size)), megabytes(int64(se.Limit))}
		case SVGDoctype:
			return diag.MsgSVGDoctype, []any{se.Line}
		case SVGNotSVG:
			return diag.MsgSVGNotSVG, []any{se.Detail}
		case SVGTooDeep:
			return diag.MsgSVGTooDeep, []any{se.Limit, se.Line}
		case SVGTooMany:
			return diag.MsgSVGTooMany, []any{se.Limit}
		case SVGExpands:
			return diag.MsgSVGExpands, []any{megabytes(int64(se.Limit))}
		case SVGBigImage:
			return diag.MsgSVGRasterSize, []any{se.Line, se.W, se.H, MaxSide, pixels(MaxPixels), MaxAspect}
		case SVGImages:
			return diag.MsgSVGRastersTotal, []any{pixels(MaxPixels), se.Line}
		case SVGBadImage:
			return diag.MsgSVGRasterBad, []any{se.Line, se.Detail}
		}
		return diag.MsgSVGSyntax, []any{se.Line, se.Detail}
	case errors.As(err, &ie):
		switch ie.Kind {
		case ImageTruncated:
			return diag.MsgImageTruncated, nil
		case ImageFileSize:
			return diag.MsgLogoTooBig, []any{megabytes(ie.Need), megabytes(MaxRasterBytes)}
		case ImageSize:
			return diag.MsgImageDimensions, []any{ie.W, ie.H, MaxSide, pixels(MaxPixels), MaxAspect}
		case ImageMemory:
			return diag.MsgImageMemory, []any{ie.W, ie.H, ie.Format, (ie.Need + 1<<20 - 1) >> 20, DecodeBudget >> 20}
		case ImageScans:
			return diag.MsgImageScans, []any{maxJPEGScans}
		case ImagePhoto:
			return diag.MsgImagePhoto, []any{ie.W, ie.H, pixels(MaxPhotoPixels)}
		}
		return diag.MsgImageBroken, []any{ie.Err}
	case errors.Is(err, errFormat):
		return diag.MsgLogoFormat, nil
	case errors.Is(err, fs.ErrNotExist):
		return diag.MsgLogoNotFound, nil
	}
	return diag.MsgLogoUnreadable, []any{err}
}

func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// logoProblem is the problem of a page whose logo cannot be published: at
// the page's logo line, naming the logo as written.
func logoProblem(path string, line int, logo string, err error) diag.Problem {
	msg, args := reason(err)
	switch msg {
	case diag.MsgLogoNotFound, diag.MsgLogoFormat:
		// These already name the logo.
		return diag.New(path, line, msg, logo)
	}
	return diag.New(path, line, diag.Logo(msg), append([]any{logo}, args...)...)
}

// AssetProblem is the problem of a file of content/ or static/ that cannot
// be published as it is (an SVG the sanitizer refuses, a picture over
// MaxPhotoPixels); source is the file
// as messages show it.
func AssetProblem(source string, err error) diag.Problem {
	msg, args := reason(err)
	if msg == diag.MsgLogoNotFound || msg == diag.MsgLogoFormat {
		return diag.New(source, 0, diag.MsgReadFailed, err)
	}
	return diag.New(source, 0, msg, args...)
}

// pixels words a pixel count (1600 万 / 16 million).
func pixels(n int) diag.Msg {
	return diag.Msg{Zh: fmt.Sprintf("%d 万", n/10_000), En: fmt.Sprintf("%g million", float64(n)/1e6)}
}
