package site

import (
	"path/filepath"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
)

// AssetSize reports whether rel (relative to content/) is a file under
// content/ that the build copies, and its size: what an attachment must be.
func (s *Site) AssetSize(rel string) (int64, bool) {
	for lo, hi := 0, len(s.Content.Assets); lo < hi; {
		m := (lo + hi) / 2
		a := s.Content.Assets[m]
		switch {
		case a.Rel == rel:
			return a.Size, true
		case a.Rel < rel:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// checkFooter checks that the image [footer] names exists (it is shown on
// every page).
func (s *Site) checkFooter(source string) []diag.Problem {
	img := s.Config.Footer.DZJGImage
	if img == "" || s.staticExists(content.LogoPath(img)) {
		return nil
	}
	line := config.FooterKeyLine(filepath.Join(source, config.FileName), "dzjg_image")
	return []diag.Problem{diag.New(config.FileName, line, diag.MsgFooterImage, "dzjg_image", img)}
}
