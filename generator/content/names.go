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
		segs := strings.Split(strings.TrimSuffix(value, "/"), "/")
		for i, seg := range segs {
			switch {
			case seg == "." || seg == "..":
				bad(field, value, diag.MsgNameDots)
				return
			// Every page is written as <folder>/index.html, so a folder
			// named index.html (tag "index.html" → tags/index.html/) cannot
			// sit beside the list page's file of that name: the build failed
			// with "is a directory". An alias may end in index.html: it
			// names its folder's page.
			case strings.EqualFold(seg, "index.html") && !(field == "aliases" && i == len(segs)-1):
				bad(field, value, diag.MsgNameIndex)
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
		} else if strings.EqualFold(p.Slug, "index.html") {
			// content/news/index.html.md: the slug is the file's name.
			probs = append(probs, diag.New(p.Path, 1, diag.MsgNameIndex, diag.Msg{Zh: "文件名", En: "the file name"}, p.Slug))
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
