package content

import (
	"path"
	"strings"

	"dangjian/generator/diag"
)

// MaxNameBytes is the longest file or folder name most file systems take
// (ext4, NTFS, APFS: 255 bytes; a Chinese character is 3 of them).
const MaxNameBytes = 255

// checkNames refuses the slugs, tags and aliases that would put a page in
// another place than its own: a "." or ".." segment (slug = "../stats",
// tag "..", alias "/css/../"), a backslash (a separator on Windows), a tag
// with "/" (a folder inside /tags/), and a name too long for a file system.
// Each is reported at its own front matter line, not at the output path.
func checkNames(p *Page) []diag.Problem {
	var probs []diag.Problem
	bad := func(field, value string, msg diag.Msg) {
		line := p.FieldLines[field]
		if line == 0 {
			line = 1
		}
		probs = append(probs, diag.New(p.Path, line, msg, field, value))
	}
	check := func(field, value string, slashOK bool) {
		if strings.ContainsRune(value, '\\') || !slashOK && strings.ContainsRune(value, '/') {
			bad(field, value, diag.MsgNameSeparator)
			return
		}
		for _, seg := range strings.Split(strings.TrimSuffix(value, "/"), "/") {
			switch {
			case seg == "." || seg == "..":
				bad(field, value, diag.MsgNameDots)
				return
			case len(seg) > MaxNameBytes:
				bad(field, value, diag.MsgNameTooLong)
				return
			}
		}
	}
	if !p.IsIndex {
		if p.FieldLines["slug"] > 0 {
			check("slug", p.Slug, true)
		} else if len(p.Slug) > MaxNameBytes {
			bad("slug", p.Slug, diag.MsgNameTooLong)
		}
	}
	for _, t := range p.Tags {
		if t == "." || t == ".." {
			bad("tags", t, diag.MsgNameDots)
			continue
		}
		check("tags", t, false)
	}
	for _, a := range p.rawAliases {
		check("aliases", strings.TrimSpace(a), true)
	}
	return probs
}

// cleanURL collapses repeated slashes of a site-relative URL, keeping the
// trailing "/" of a folder.
func cleanURL(u string) string {
	c := path.Clean("/" + u)
	if c != "/" && strings.HasSuffix(u, "/") {
		c += "/"
	}
	return c
}
