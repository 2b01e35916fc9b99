package content

import (
	"path"
	"strings"

	"dangjian/generator/diag"
)

// Published returns the pages a build shows: drafts only when drafts is set.
func Published(pages []*Page, drafts bool) []*Page {
	if drafts {
		return pages
	}
	out := make([]*Page, 0, len(pages))
	for _, p := range pages {
		if !p.Draft {
			out = append(out, p)
		}
	}
	return out
}

// ResolveOptions tell Resolve how to check what lies outside content/.
type ResolveOptions struct {
	// FileExists reports whether a logo path (relative to content/ or static/)
	// names a file the build will copy. Nil skips the check.
	FileExists func(rel string) bool
	// AssetSize reports whether a path relative to content/ names a file
	// the build copies (not a page), and its size: attachments must be
	// such files. Nil skips the check.
	AssetSize func(rel string) (int64, bool)
	// Reserved URLs the build makes itself (/stats/, /gallery/, /search/ …),
	// which no page may take.
	Reserved []string
	// All is every page loaded, drafts included. A published page naming a
	// unit that is only a draft then hears that, not "no such unit". Nil
	// skips it.
	All []*Page
}

// Resolve links the pages to each other: every unit / units slug to its unit
// page, and checks that no two pages (or a page and an alias) share a URL and
// that every logo exists. pages are the published pages.
func Resolve(pages []*Page, opt ResolveOptions) []diag.Problem {
	var probs []diag.Problem
	units := newUnitIndex(pages)
	if opt.All != nil {
		var unpublished []*Page
		for _, p := range opt.All {
			if p.Draft && p.Kind == KindUnit && !units.has(p) {
				unpublished = append(unpublished, p)
			}
		}
		units.drafts = newUnitIndex(unpublished)
	}
	unit := func(p *Page, field, name string, line int) *Page {
		if name == "" {
			return nil
		}
		if line == 0 {
			line = p.FieldLines[field]
		}
		u, prob := units.find(p.Path, line, field, name)
		if prob != nil {
			probs = append(probs, *prob)
		}
		return u
	}
	for _, p := range pages {
		switch {
		case p.Brand != nil:
			p.Brand.Unit = unit(p, "unit", p.Brand.UnitSlug, 0)
		case p.Model != nil:
			p.Model.Unit = unit(p, "unit", p.Model.UnitSlug, 0)
		case p.News != nil:
			p.News.Units = p.News.Units[:0]
			for _, s := range p.News.UnitSlugs {
				if u := unit(p, "units", s, 0); u != nil {
					p.News.Units = append(p.News.Units, u)
				}
			}
		case p.Honor != nil:
			for i := range p.Honor.Honors {
				h := &p.Honor.Honors[i]
				line := h.Lines.Of("unit")
				if line == 0 {
					line = h.Line
				}
				h.Unit = unit(p, "unit", h.UnitSlug, line)
			}
		}
		if logo := p.Logo(); logo != "" && opt.FileExists != nil {
			if !isImage(logo) {
				probs = append(probs, diag.New(p.Path, p.FieldLines["logo"], diag.MsgLogoFormat, logo))
			} else if !opt.FileExists(LogoPath(logo)) {
				probs = append(probs, diag.New(p.Path, p.FieldLines["logo"], diag.MsgLogoNotFound, logo))
			}
		}
	}
	probs = append(probs, checkFiles(pages, opt)...)
	probs = append(probs, checkURLs(pages, opt.Reserved)...)
	return probs
}

// checkFiles checks every attachment (and fills in its size) and every news
// focus image.
func checkFiles(pages []*Page, opt ResolveOptions) []diag.Problem {
	var probs []diag.Problem
	for _, p := range pages {
		if opt.AssetSize != nil {
			for i := range p.Attachments {
				a := &p.Attachments[i]
				size, ok := opt.AssetSize(a.Path)
				switch {
				case ok:
					a.Size = size
				case strings.EqualFold(path.Ext(a.Path), ".md"):
					probs = append(probs, diag.New(p.Path, a.Line, diag.MsgAttachmentPage, a.Path))
				default:
					probs = append(probs, diag.New(p.Path, a.Line, diag.MsgAttachmentNotFound, a.Path))
				}
			}
		}
		if p.News != nil && p.News.Image != "" && opt.FileExists != nil {
			img := p.News.Image
			if !isImage(img) {
				probs = append(probs, diag.New(p.Path, p.FieldLines["image"], diag.MsgNewsImageFormat, img))
			} else if !opt.FileExists(LogoPath(img)) {
				probs = append(probs, diag.New(p.Path, p.FieldLines["image"], diag.MsgNewsImageNotFound, img))
			}
		}
	}
	return probs
}

// UnitKey is the slug other pages use to name a unit: its file name.
func UnitKey(p *Page) string {
	return strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path))
}

// LogoPath cleans a logo path as written ("images/a.svg", "/images/a.svg",
// "./images/a.svg") into a slash path relative to content/ or static/.
func LogoPath(logo string) string {
	return strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(logo)), "/")
}

func isImage(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

func checkURLs(pages []*Page, reserved []string) []diag.Problem {
	var probs []diag.Problem
	owner := map[string]string{}
	for _, r := range reserved {
		owner[r] = "dangjian"
	}
	for _, p := range pages {
		if prev, ok := owner[p.URL]; ok {
			probs = append(probs, diag.New(p.Path, p.FieldLines["slug"], diag.MsgDuplicateURL, p.URL, prev))
			continue
		}
		owner[p.URL] = p.Path
	}
	for _, p := range pages {
		for _, a := range p.Aliases {
			if prev, ok := owner[a]; ok {
				probs = append(probs, diag.New(p.Path, p.FieldLines["aliases"], diag.MsgAliasCollision, a, prev))
				continue
			}
			owner[a] = p.Path
		}
	}
	return probs
}
