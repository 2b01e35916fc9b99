// Package importdocx turns Word documents (.docx, as Word, WPS and
// LibreOffice write them) into draft pages: the text as Markdown, the 公文
// parts (发文机关, 发文字号, title, date) as front matter, the pictures as
// files beside the page. It reads the file with the standard library only
// and refuses old binary, encrypted, broken and hostile files before doing
// any work; it writes nothing unless every file converted.
package importdocx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// Options are the import command's arguments.
type Options struct {
	Source string // the site folder
	Kind   string // news | brand | model | honor | unit
	Unit   string // --unit: a unit's slug, title or short name
	Now    time.Time
}

// Page is one converted document, ready to be written.
type Page struct {
	File     string // the .docx as named on the command line
	Rel      string // content/news/<slug>.md, slash path from the site folder
	URL      string // /news/<slug>/
	Wanted   string // the path the title asked for, when a suffix was added
	Markdown []byte
	Images   []Image
	ImageDir string // content/images/<folder>/<slug>, when there are pictures
	Warnings []diag.Problem
}

// Image is one picture taken out of the document.
type Image struct {
	Rel  string // content/images/<folder>/<slug>/<name>
	Data []byte
}

// Kinds that import makes, in the order the usage lists them.
var Kinds = []content.Kind{content.KindNews, content.KindBrand, content.KindModel, content.KindHonor, content.KindUnit}

// Import converts every file and, only when all of them converted, writes
// the pages and their pictures. On any error nothing is left on disk.
func Import(files []string, opt Options) ([]*Page, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	kind := content.Kind(opt.Kind)
	folder := content.FolderOfKind(kind)
	if folder == "" || kind == content.KindPage {
		return nil, usageErr(diag.MsgImportKind, opt.Kind)
	}
	if info, err := os.Stat(opt.Source); err != nil || !info.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return nil, fail(opt.Source, diag.MsgReadFailed, err)
	}
	units := loadUnits(opt.Source)
	unitSlug := ""
	if opt.Unit != "" {
		u, ok := units.find(opt.Unit)
		if !ok {
			hint := ""
			if s := units.closest(opt.Unit); s != "" {
				hint = diag.MsgImportUnitHint.Text(diag.Chinese, s)
			}
			return nil, &Problem{Problem: diag.New("", 0, diag.MsgImportUnknownUnit, opt.Unit, hint), Usage: true}
		}
		unitSlug = u
	}
	taken := map[string]bool{}
	var pages []*Page
	var locks []string
	for _, file := range files {
		// ~$通知.docx is the lock file Word keeps beside a document it has
		// open, which *.docx picks up: it was refused as no Word document,
		// with the advice to save it as .docx, and nothing was imported.
		if strings.HasPrefix(filepath.Base(file), "~$") {
			locks = append(locks, file)
			continue
		}
		d, err := Convert(file)
		if err != nil {
			return nil, err
		}
		pg, err := d.page(opt, kind, folder, unitSlug, units, taken)
		d.Close()
		if err != nil {
			return nil, err
		}
		pages = append(pages, pg)
	}
	if len(pages) == 0 && len(locks) > 0 {
		return nil, fail(locks[0], diag.MsgImportLockFile, strings.TrimPrefix(filepath.Base(locks[0]), "~$"))
	}
	for _, l := range locks {
		pages[0].Warnings = append(pages[0].Warnings, diag.Warn(l, 0, diag.MsgImportLockSkipped))
	}
	if err := write(opt.Source, pages); err != nil {
		return nil, err
	}
	return pages, nil
}

// Doc is a converted document before it has a place in a site.
type Doc struct {
	file   string
	pkg    *pkg
	closer io.Closer
	blocks []block
	st     *styles
	num    *numbering
	notes  map[string][]block
	front  front
	core   coreProps
	stats  stats
}

type coreProps struct {
	Title   string `xml:"title"`
	Creator string `xml:"creator"`
	Created string `xml:"created"`
}

// Convert reads and parses a .docx. Pictures are read later, when the page
// knows where they go.
func Convert(file string) (*Doc, error) {
	p, closer, err := openDocx(file)
	if err != nil {
		return nil, err
	}
	d, err := convert(file, p)
	if err != nil {
		closer.Close()
		return nil, err
	}
	// The file stays open until the pictures are read: see Close.
	d.closer = closer
	return d, nil
}

// Close releases the file.
func (d *Doc) Close() error {
	if d.closer == nil {
		return nil
	}
	return d.closer.Close()
}

func convert(file string, p *pkg) (*Doc, error) {
	main := p.mainPart()
	if main == "" {
		return nil, fail(file, diag.MsgImportNotDocx)
	}
	dir := path.Dir(main)
	relsData, err := p.read(path.Join(dir, "_rels", path.Base(main)+".rels"), MaxOtherXML)
	if err != nil {
		return nil, err
	}
	rels := parseRels(relsData, dir)
	partOf := func(suffix, fallback string) string {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/"+suffix) && !r.External {
				return r.Target
			}
		}
		return path.Join(dir, fallback)
	}
	d := &Doc{file: file, pkg: p}
	stylesData, err := p.read(partOf("styles", "styles.xml"), MaxOtherXML)
	if err != nil {
		return nil, err
	}
	d.st = parseStyles(stylesData)
	numData, err := p.read(partOf("numbering", "numbering.xml"), MaxOtherXML)
	if err != nil {
		return nil, err
	}
	d.num = parseNumbering(numData)
	d.notes = map[string][]block{}
	for _, n := range []struct{ rel, file, elem, key string }{{"footnotes", "footnotes.xml", "footnote", "f"}, {"endnotes", "endnotes.xml", "endnote", "e"}} {
		part := partOf(n.rel, n.file)
		data, err := p.read(part, MaxOtherXML)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		if bytes.Count(data, []byte("<")) > MaxTags {
			return nil, fail(file, diag.MsgImportTooComplex, part)
		}
		nrels, _ := p.read(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"), MaxOtherXML)
		ps := newParser(bytes.NewReader(data), d.st, parseRels(nrels, path.Dir(part)), &d.stats)
		notes, err := ps.parseNotes(n.elem)
		if errors.Is(err, errTooMany) {
			return nil, fail(file, diag.MsgImportTooComplex, part)
		}
		if errors.Is(err, errTooDeep) {
			return nil, fail(file, diag.MsgImportTooDeep, part, maxDepth)
		}
		if err != nil {
			return nil, fail(file, diag.MsgImportBroken, fmt.Sprintf("%s: %v", part, err))
		}
		for id, bl := range notes {
			d.notes[n.key+id] = bl
		}
	}
	// A first, cheap pass counts the tags: a file built to exhaust time or
	// memory is refused before the (slower) XML parse.
	if err := p.countTags(main, MaxXMLPart); err != nil {
		return nil, err
	}
	rc, err := p.open(main, MaxXMLPart)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	ps := newParser(rc, d.st, rels, &d.stats)
	d.blocks, err = ps.parseDocument()
	if err != nil {
		var prob *Problem
		if errors.As(err, &prob) {
			return nil, prob
		}
		if errors.Is(err, errTooMany) {
			return nil, fail(file, diag.MsgImportTooComplex, main)
		}
		if errors.Is(err, errTooDeep) {
			return nil, fail(file, diag.MsgImportTooDeep, main, maxDepth)
		}
		return nil, fail(file, diag.MsgImportBroken, fmt.Sprintf("%s: %v", main, err))
	}
	if coreData, _ := p.read("docProps/core.xml", MaxOtherXML); coreData != nil {
		_ = xml.Unmarshal(coreData, &d.core)
	}
	d.front = findFront(d.blocks, d.st)
	return d, nil
}

// Title is the page title: the 公文 title lines, the Title or Heading 1
// paragraph, the document properties' title, or the file name.
func (d *Doc) Title() string {
	if t := strings.TrimSpace(d.front.title); t != "" {
		return t
	}
	if t := strings.TrimSpace(d.core.Title); t != "" {
		return t
	}
	base := filepath.Base(d.file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Date is the 落款 date, else the document's creation date.
func (d *Doc) Date() (time.Time, bool) {
	if !d.front.date.IsZero() {
		return d.front.date, true
	}
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(d.core.Created)); err == nil && t.Year() > 1980 {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

func (d *Doc) hasText() bool {
	for _, b := range d.blocks {
		if b.t != nil || strings.TrimSpace(b.p.text()) != "" || b.p.hasImage() {
			return true
		}
	}
	return false
}

// firstImage is the first picture of the body, for a brand's logo.
func (d *Doc) firstImage() *imageRef {
	var find func(bl []block) *imageRef
	find = func(bl []block) *imageRef {
		for i, b := range bl {
			if b.p != nil {
				if d.front.drop[i] && &bl[0] == &d.blocks[0] {
					continue
				}
				for _, it := range b.p.items {
					if it.kind == itemImage && !it.img.external {
						return it.img
					}
				}
			}
			if b.t != nil {
				for _, row := range b.t.rows {
					for _, c := range row {
						if r := find(c.blocks); r != nil {
							return r
						}
					}
				}
			}
		}
		return nil
	}
	return find(d.blocks)
}

// Markdown renders the body for a page at slug of the given folder; image
// names the pictures' folder under content/.
func (d *Doc) render(imageDir string, skip *imageRef, omit map[*table]bool, drop map[int]bool, warn func(diag.Msg, ...any)) (string, []Image) {
	w := newWriter(d.st, d.num, d.notes)
	w.warn = warn
	w.skip = skip
	w.omit = omit
	var images []Image
	names := map[string]bool{}
	saved := map[string]string{}
	w.image = func(ref *imageRef) (string, bool) {
		if ref.external {
			warn(diag.MsgImportImageLinked, ref.target)
			return "", false
		}
		if src, ok := saved[ref.target]; ok {
			return src, true
		}
		data, err := d.pkg.readMedia(ref.target)
		if err != nil || data == nil {
			reason := "missing"
			if err != nil {
				reason = err.Error()
			}
			warn(diag.MsgImportImageBad, path.Base(ref.target), reason)
			return "", false
		}
		name, ok := imageName(ref.target, data, names, warn)
		if !ok {
			return "", false
		}
		rel := imageDir + "/" + name
		images = append(images, Image{Rel: rel, Data: data})
		src := "/" + strings.TrimPrefix(rel, "content/")
		saved[ref.target] = src
		if strings.TrimSpace(ref.alt) == "" {
			warn(diag.MsgImportNoAlt, name)
		}
		return src, true
	}
	dropped := d.front.drop
	if len(drop) > 0 {
		dropped = map[int]bool{}
		for i := range d.front.drop {
			dropped[i] = true
		}
		for i := range drop {
			dropped[i] = true
		}
	}
	body := w.document(d.blocks, dropped)
	return body, images
}

// imageName gives a picture a safe file name (letters, digits, - _ .) with
// the extension its bytes say it has; EMF, WMF, SVG and unknown formats
// are refused with a warning.
func imageName(target string, data []byte, used map[string]bool, warn func(diag.Msg, ...any)) (string, bool) {
	base := path.Base(target)
	ext := sniffImage(data)
	switch ext {
	case "emf", "wmf":
		warn(diag.MsgImportEMF, base)
		return "", false
	case "":
		warn(diag.MsgImportImageBad, base, "?")
		return "", false
	case "svg", "tiff", "bmp":
		warn(diag.MsgImportImageBad, base, strings.ToUpper(ext))
		return "", false
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	stem = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, stem)
	if stem == "" || len(stem) > 40 {
		stem = "image"
	}
	name := stem + "." + ext
	for n := 2; used[name]; n++ {
		name = stem + "-" + strconv.Itoa(n) + "." + ext
	}
	used[name] = true
	return name, true
}

func sniffImage(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "jpg"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	case len(b) > 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	case len(b) > 44 && string(b[40:44]) == " EMF":
		return "emf"
	case bytes.HasPrefix(b, []byte{0xD7, 0xCD, 0xC6, 0x9A}), bytes.HasPrefix(b, []byte{0x01, 0x00, 0x09, 0x00}), bytes.HasPrefix(b, []byte{0x02, 0x00, 0x09, 0x00}):
		return "wmf"
	case bytes.HasPrefix(b, []byte("BM")):
		return "bmp"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "tiff"
	case bytes.Contains(b[:min(len(b), 512)], []byte("<svg")):
		return "svg"
	}
	return ""
}

// Slug makes a file name from a title: letters and digits of any script
// are kept, spaces and ASCII punctuation become "-", Chinese punctuation
// goes (“”《》 would otherwise be percent-encoded in every address); at
// most 40 characters. A longer title is cut where a phrase ends (at its
// punctuation, a space, or before 和/与/及/暨) when that keeps at least
// half of them: a file name and address ending mid-word (…优秀共产党员的)
// reads as a mistake.
func Slug(title string) string {
	const most, least = 40, 20
	var b strings.Builder
	n := 0
	dash := false
	cut := 0 // b.Len() at the last phrase end with least or more runes
	phraseEnd := func() {
		if n >= least && b.Len() > 0 {
			cut = b.Len()
		}
	}
	for _, r := range title {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '〇': // 〇 is no letter to Unicode: 二〇二三 lost it
			if strings.ContainsRune("和与及暨", r) {
				phraseEnd()
			}
			if n+1 > most || (dash && b.Len() > 0 && n+2 > most) {
				s := b.String()
				if cut > 0 {
					s = s[:cut]
				}
				return s
			}
			if r < utf8.RuneSelf {
				r = unicode.ToLower(r)
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			dash = false
			b.WriteRune(r)
			n++
		case r < utf8.RuneSelf || unicode.IsSpace(r):
			phraseEnd()
			dash = true // spaces and ASCII punctuation (a/b, a.b) separate words
		default:
			phraseEnd() // Chinese punctuation: 、，：“”《》（）
		}
	}
	s := b.String()
	if s == "" {
		return "import"
	}
	return s
}

// dateWanted is the news date import writes when the document has none.
const dateWanted = "请填写成文日期"

func (d *Doc) page(opt Options, kind content.Kind, folder, unitSlug string, units unitIndex, taken map[string]bool) (*Page, error) {
	if !d.hasText() {
		return nil, fail(d.file, diag.MsgImportNothing)
	}
	if d.front.secret != "" {
		return nil, fail(d.file, diag.MsgImportSecret, d.front.secret)
	}
	pg := &Page{File: d.file}
	title := d.Title()
	base := Slug(title)
	slug := base
	for n := 2; ; n++ {
		rel := "content/" + folder + "/" + slug + ".md"
		img := filepath.Join(opt.Source, "content", "images", folder, slug)
		_, errMD := os.Lstat(filepath.Join(opt.Source, filepath.FromSlash(rel)))
		_, errImg := os.Lstat(img)
		if errMD != nil && errImg != nil && !taken[rel] {
			break
		}
		slug = base + "-" + strconv.Itoa(n)
	}
	pg.Rel = "content/" + folder + "/" + slug + ".md"
	taken[pg.Rel] = true
	if slug != base {
		pg.Wanted = "content/" + folder + "/" + base + ".md"
	}
	pg.URL = "/" + folder + "/" + slug + "/"
	warn := func(msg diag.Msg, args ...any) {
		pg.Warnings = append(pg.Warnings, diag.Warn(d.file, 0, msg, args...))
	}
	if strings.TrimSpace(d.front.title) == "" && strings.TrimSpace(d.core.Title) != "" {
		warn(diag.MsgImportPropsTitle, strings.TrimSpace(d.core.Title))
	}
	imageDir := "content/images/" + folder + "/" + slug

	var logo *imageRef
	if kind == content.KindBrand {
		logo = d.firstImage()
	}
	// An honor list's tables become [[honors]] entries; a table all of
	// whose rows did leaves the body, so the names are not shown twice.
	var hon honorResult
	if kind == content.KindHonor {
		hon = d.honors(title, units, warn)
	}
	body, images := d.render(imageDir, logo, hon.omit, hon.drop, warn)
	logoPath := ""
	if logo != nil {
		data, err := d.pkg.readMedia(logo.target)
		if err != nil {
			return nil, err
		}
		names := map[string]bool{}
		for _, im := range images {
			names[path.Base(im.Rel)] = true
		}
		if name, ok := imageName(logo.target, data, names, warn); ok && data != nil {
			images = append(images, Image{Rel: imageDir + "/" + name, Data: data})
			logoPath = strings.TrimPrefix(imageDir, "content/") + "/" + name
		}
	}
	pg.Images = images
	if len(images) > 0 {
		pg.ImageDir = imageDir
	}

	var fm frontWriter
	fm.str("title", title, "")
	date, hasDate := d.Date()
	switch {
	case hasDate && d.front.date.IsZero():
		// From the document properties: a Word file's creation date is the
		// day its template was made as often as the day it was written.
		fm.raw("date", date.Format("2006-01-02"), "请核对：取自文档属性的创建日期")
		warn(diag.MsgImportPropsDate, date.Format("2006-01-02"))
	case hasDate:
		fm.raw("date", date.Format("2006-01-02"), "")
	case kind == content.KindNews:
		// A placeholder, not today's date: a page published as it was
		// imported must not carry a date nobody wrote (the build refuses
		// the placeholder and names the field).
		fm.str("date", dateWanted, "改为成文日期，不加引号，如 date = "+opt.Now.Format("2006-01-02"))
		warn(diag.MsgImportNoDate)
	}
	fm.raw("draft", "true", "核对无误后改为 false 即可发布")
	text := d.allText()
	switch kind {
	case content.KindNews:
		fm.str("doc_number", d.front.docNumber, "")
		if d.front.publisher != "" {
			fm.str("publisher", d.front.publisher, "")
		} else {
			fm.str("publisher", d.front.signer, "")
		}
		if a := strings.TrimSpace(d.core.Creator); a != "" && !junkAuthor(a) {
			fm.str("author", a, "")
		}
		if unitSlug != "" {
			fm.raw("units", "["+tomlString(unitSlug)+"]", "")
		}
	case content.KindBrand, content.KindModel:
		u := unitSlug
		if u == "" {
			var name string
			if u, name = units.guess(title + "\n" + d.front.publisher + "\n" + text); u != "" {
				warn(diag.MsgImportUnitFromText, name, u)
			}
		}
		if u == "" {
			if len(units.slugs) > 0 {
				u = units.slugs[0]
				warn(diag.MsgImportGuessUnit, u)
			} else {
				u = "请填写单位文件名"
				warn(diag.MsgImportNoUnit, u)
			}
			fm.str("unit", u, "请核对：单位的文件名、全称或简称")
		} else {
			fm.str("unit", u, "")
		}
		if kind == content.KindBrand {
			if logoPath == "" {
				logoPath = "img/emblem.svg"
				warn(diag.MsgImportNoLogo, logoPath)
				fm.str("logo", logoPath, "请换成品牌标识")
			} else {
				fm.str("logo", logoPath, "")
			}
		} else {
			level := ""
			for _, l := range content.ModelLevels {
				if i := strings.Index(title+text, l); i >= 0 && (level == "" || i < strings.Index(title+text, level)) {
					level = l
				}
			}
			if level == "" {
				level = "市级"
				warn(diag.MsgImportLevel, level)
				fm.str("level", level, "请核对：国家级、省级、市级或县级")
			} else {
				fm.str("level", level, "")
			}
		}
	case content.KindHonor:
		// The list's year: 2023年度 in the title, else the year it is dated.
		if m := yearRe.FindStringSubmatch(title); m != nil {
			fm.raw("year", m[1], "")
		} else if hon.year != "" {
			fm.raw("year", hon.year, "")
		} else if hasDate {
			fm.raw("year", strconv.Itoa(date.Year()), "")
		}
		grantedBy := d.front.publisher
		if grantedBy == "" {
			grantedBy = d.front.signer
		}
		fm.str("granted_by", grantedBy, "")
		unleveled := len(hon.entries) == 0
		for _, e := range hon.entries {
			unleveled = unleveled || e.level == ""
		}
		if unleveled {
			switch level := honorLevel(grantedBy, ""); {
			case level != "":
				fm.str("level", level, "请核对：按发文机关推断")
				warn(diag.MsgImportHonorLevel, "发文机关“"+grantedBy+"”", level)
			case honorLevel("", title) != "":
				level = honorLevel("", title)
				fm.str("level", level, "请核对：按标题推断")
				warn(diag.MsgImportHonorLevel, "标题“"+title+"”", level)
			case len(hon.entries) > 0:
				warn(diag.MsgImportHonorNoLevel)
			}
		}
		for _, e := range hon.entries {
			fm.b.WriteString("\n[[honors]]\n")
			fm.str("name", e.name, "")
			fm.str("recipient", e.recipient, "")
			fm.str("type", e.typ, "")
			fm.str("level", e.level, "")
			if e.date != "" {
				fm.raw("date", e.date, "")
			}
			fm.str("unit", e.unit, "")
		}
	}
	if kind != content.KindNews && d.front.docNumber != "" {
		body = escapeText(d.front.docNumber) + "\n\n" + body
	}
	if d.stats.tracked > 0 {
		warn(diag.MsgImportTracked, d.stats.tracked)
	}
	if d.stats.comments > 0 {
		warn(diag.MsgImportComments, d.stats.comments)
	}
	if d.stats.textBox {
		warn(diag.MsgImportTextBox)
	}
	if len(d.front.banji) > 0 {
		warn(diag.MsgImportBanji, strings.Join(d.front.banji, "；"))
	}
	pg.Markdown = []byte("+++\n" + fm.b.String() + "+++\n\n" + body)
	// What import writes must read back as a page of its kind.
	parsed, probs := content.Parse(strings.TrimPrefix(pg.Rel, "content/"), pg.Markdown)
	for _, p := range probs {
		if p.Severity == diag.Error {
			return nil, fail(d.file, diag.MsgRaw, p.Format(diag.Chinese))
		}
	}
	// An ID or mobile number in a 公示 stops the build later; say it now, at
	// its line of the new file, while the officer reads this output.
	if parsed != nil {
		for _, p := range review.Privacy([]*content.Page{parsed}) {
			pg.Warnings = append(pg.Warnings, diag.Warn(pg.Rel, p.Line, p.Msg, p.Args...))
		}
	}
	return pg, nil
}

// allText is the body's plain text, for guessing a unit or a level.
func (d *Doc) allText() string {
	var b strings.Builder
	for _, bl := range d.blocks {
		if bl.p != nil {
			b.WriteString(bl.p.text())
			b.WriteByte('\n')
		}
		if b.Len() > 1<<20 {
			break
		}
	}
	return b.String()
}

var yearRe = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年度?`)

func junkAuthor(a string) bool {
	switch strings.ToLower(a) {
	case "administrator", "admin", "user", "微软用户", "微软中国", "windows 用户", "windows user", "lenovo", "dell", "hp", "pc", "china", "mycomputer", "unknown":
		return true
	}
	return false
}

type frontWriter struct{ b strings.Builder }

func (f *frontWriter) str(key, val, note string) {
	if strings.TrimSpace(val) == "" {
		return
	}
	f.raw(key, tomlString(strings.TrimSpace(val)), note)
}

func (f *frontWriter) raw(key, val, note string) {
	f.b.WriteString(key + " = " + val)
	if note != "" {
		f.b.WriteString("  # " + note)
	}
	f.b.WriteString("\n")
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unitIndex knows the site's units by slug, title and short name.
type unitIndex struct {
	slugs  []string
	titles map[string]string // title or short → slug
	full   map[string]bool   // the names that are a unit's full title
}

func loadUnits(source string) unitIndex {
	ix := unitIndex{titles: map[string]string{}, full: map[string]bool{}}
	dir := filepath.Join(source, "content", "units")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") || name == "_index.md" || strings.HasPrefix(name, ".") {
			continue
		}
		slug := strings.TrimSuffix(name, ".md")
		ix.slugs = append(ix.slugs, slug)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		p, _ := content.Parse("units/"+name, data)
		if p.Title != "" {
			ix.titles[p.Title] = slug
			ix.full[p.Title] = true
		}
		// A full title wins over another unit's short name, as the
		// build resolves it (content.unitIndex), whatever the file order.
		if p.Unit != nil && p.Unit.Short != "" && !ix.full[p.Unit.Short] {
			ix.titles[p.Unit.Short] = slug
		}
	}
	sort.Strings(ix.slugs)
	return ix
}

func (ix unitIndex) find(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, slug := range ix.slugs {
		if slug == s {
			return slug, true
		}
	}
	slug, ok := ix.titles[s]
	return slug, ok
}

func (ix unitIndex) closest(s string) string {
	for name, slug := range ix.titles {
		if strings.Contains(name, s) || strings.Contains(s, name) {
			return slug
		}
	}
	for _, slug := range ix.slugs {
		if strings.Contains(slug, s) || strings.Contains(s, slug) {
			return slug
		}
	}
	return ""
}

// guess finds the unit whose title (or short name) the document names
// first; longer names win over shorter ones at the same place.
func (ix unitIndex) guess(text string) (slug, name string) {
	best, at, length, bestName := "", -1, 0, ""
	for name, slug := range ix.titles {
		if utf8.RuneCountInString(name) < 2 {
			continue
		}
		i := strings.Index(text, name)
		if i < 0 {
			continue
		}
		if at < 0 || i < at || (i == at && len(name) > length) {
			best, at, length, bestName = slug, i, len(name), name
		}
	}
	return best, bestName
}

// write puts every page and picture on disk, each file created afresh
// (never over an existing one); on any failure it removes what it wrote.
func write(source string, pages []*Page) error {
	var made []string // files and folders created, in order
	undo := func() {
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i])
		}
	}
	mkdir := func(dir string) error {
		var missing []string
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil {
				break
			}
			missing = append(missing, d)
			if filepath.Dir(d) == d {
				break
			}
		}
		for i := len(missing) - 1; i >= 0; i-- {
			if err := os.Mkdir(missing[i], 0o755); err != nil {
				return err
			}
			made = append(made, missing[i])
		}
		return nil
	}
	create := func(rel string, data []byte) error {
		abs := filepath.Join(source, filepath.FromSlash(rel))
		if err := mkdir(filepath.Dir(abs)); err != nil {
			return err
		}
		f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		made = append(made, abs)
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	for _, pg := range pages {
		for _, im := range pg.Images {
			if err := create(im.Rel, im.Data); err != nil {
				undo()
				return fail(pg.File, diag.MsgImportWriteFailed, im.Rel, err)
			}
		}
		if err := create(pg.Rel, pg.Markdown); err != nil {
			undo()
			return fail(pg.File, diag.MsgImportWriteFailed, pg.Rel, err)
		}
	}
	return nil
}
