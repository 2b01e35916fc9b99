package content

import (
	"bytes"
	"dangjian/generator/textfile"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"dangjian/generator/config"
	"dangjian/generator/diag"
)

// Allowed values of the enumerated fields (PORTAL.md).
var (
	BrandStatuses = []string{"创建中", "已验收", "示范"}
	ModelLevels   = []string{"国家级", "省级", "市级", "县级"}
	HonorTypes    = []string{"集体", "个人"}
)

// commonKeys are the front matter fields every kind has.
var commonKeys = []string{"title", "date", "draft", "tags", "summary", "weight", "slug", "aliases", "review_ignore", "attachments"}

// KindKeys lists the extra front matter fields of each kind, for messages and
// "did you mean" suggestions.
var KindKeys = map[Kind][]string{
	KindPage:  nil,
	KindUnit:  {"short", "district", "category", "party_org", "members", "branches", "logo"},
	KindBrand: {"unit", "slogan", "logo", "status", "year", "members_involved", "activities", "beneficiaries", "investment"},
	KindModel: {"unit", "level", "awarded", "standards", "instructor"},
	KindHonor: {"year", "granted_by", "level", "honors"},
	KindNews:  {"source", "doc_number", "index_number", "publisher", "author", "units", "category", "image"},
}

// HonorKeys are the fields of one [[honors]] entry.
var HonorKeys = []string{"name", "recipient", "type", "level", "date", "unit"}

// AllKeys returns every field a page of kind k may have.
func AllKeys(k Kind) []string {
	return append(append([]string(nil), commonKeys...), KindKeys[k]...)
}

// Parse turns one file's bytes into a Page. rel is the file's slash path
// relative to content/. Problems are returned, not the first one only, so an
// officer fixes a file in one go. Parse needs nothing but the file itself; references
// between pages are resolved later.
func Parse(rel string, data []byte) (*Page, []diag.Problem) {
	p := newPage(rel)
	var probs []diag.Problem
	data = textfile.UTF8(data) // Notepad's "Unicode"
	if !utf8.Valid(data) {
		line, col := textfile.InvalidAt(data)
		return p, []diag.Problem{diag.New(p.Path, line, diag.MsgNotUTF8, col)}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	front, body, frontLine, bodyLine, ok := split(data)
	if front == nil && ok {
		if pr, bad := fenceSlip(p.Path, data); bad {
			return p, []diag.Problem{pr}
		}
	}
	if !ok {
		return p, []diag.Problem{diag.New(p.Path, 1, diag.MsgFrontUnclosed, unclosedAt(data))}
	}
	p.Body, p.BodyLine = body, bodyLine
	p.Front, p.FrontLine = front, frontLine

	table := map[string]any{}
	if front != nil {
		var err error
		if table, err = decodeFront(string(front)); err != nil {
			return p, []diag.Problem{config.TOMLProblemSrc(p.Path, frontLine-1, err, front)}
		}
	}
	lines := scanKeyLines(front, frontLine)
	p.FieldLines = lines.top
	draft, _ := table["draft"].(bool)
	held, top, honorsHeld := placeholders(p.Path, table, lines, body, bodyLine, draft)
	probs = append(probs, held...)
	if !draft {
		probs = append(probs, spacedLinks(p.Path, body, bodyLine)...)
	}
	f := newFields(p.Path, table, lines.top, 1, &probs)
	f.lenient, f.held = draft, top
	decodeCommon(p, f)
	probs = append(probs, checkNames(p)...)
	switch p.Kind {
	case KindUnit:
		p.Unit = decodeUnit(f)
	case KindBrand:
		p.Brand = decodeBrand(f, p.IsIndex)
	case KindModel:
		p.Model = decodeModel(f, p.IsIndex)
	case KindHonor:
		p.Honor = decodeHonorList(p.Path, f, lines, honorsHeld, &probs)
	case KindNews:
		p.News = decodeNews(f)
		if !p.IsIndex {
			f.require("date")
		}
	}
	if p.IsIndex {
		// A section's landing text is a plain page with the section's kind.
		p.Unit, p.Brand, p.Model, p.Honor, p.News = nil, nil, nil, nil, nil
	}
	// A news item saved in units/ has only fields every page may have, so
	// nothing above says a word, and it is published as a unit.
	if p.Kind == KindUnit && !p.IsIndex && !draft && table["date"] != nil && !hasAnyKey(table, KindKeys[KindUnit]) && len(f.unknown()) == 0 {
		probs = append(probs, diag.Warn(p.Path, f.lineOf("date"), diag.MsgUnitLooksLikeNews))
	}
	if !draft && copiedName(rel) && !(copiedName(p.Section) && len(f.unknown()) > 0) {
		probs = append(probs, diag.Warn(p.Path, 1, diag.MsgCopiedFile, p.URL))
	}
	unknown := f.unknown()
	if k, ok := folderOfFields(p.Kind, unknown); ok && !p.IsIndex {
		dir := FolderOfKind(k)
		first := f.lineOf(unknown[0])
		for _, key := range unknown[1:] {
			first = min(first, f.lineOf(key))
		}
		if copiedName(p.Section) {
			// Moving it to news/ would overwrite the page it is a copy of.
			probs = append(probs, diag.New(p.Path, first, diag.MsgWrongFolderCopy,
				strings.Join(unknown, "、"), kindNames[k], dir, p.Section))
			return p, probs
		}
		probs = append(probs, diag.New(p.Path, first, diag.MsgWrongFolder,
			strings.Join(unknown, "、"), kindNames[k], dir, dir))
		return p, probs
	}
	for _, k := range unknown {
		probs = append(probs, UnknownField(p.Path, f.lineOf(k), k, p.Kind))
	}
	return p, probs
}

func hasAnyKey(table map[string]any, keys []string) bool {
	for _, k := range keys {
		if _, ok := table[k]; ok {
			return true
		}
	}
	return false
}

// fenceSlip finds front matter that is there but not fenced the way the
// site reads it, which left every field in the text and said only that
// title was missing: full-width ＋＋＋ (typed with a Chinese input method),
// a space before +++, or Hugo's YAML between --- lines (title: 标题).
func fenceSlip(path string, data []byte) (diag.Problem, bool) {
	lines := strings.Split(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\n")
	first := strings.TrimSpace(lines[0])
	switch {
	case first == "+++":
		return diag.New(path, 1, diag.MsgFenceIndented), true
	case config.FoldWidth(first) == "+++":
		return diag.New(path, 1, diag.MsgFenceFullWidth, first), true
	case first == "---":
		for i, l := range lines[1:] {
			if strings.TrimSpace(l) == "---" {
				if i == 0 || !strings.Contains(strings.Join(lines[1:i+1], "\n"), ":") {
					return diag.Problem{}, false
				}
				return diag.New(path, 1, diag.MsgFenceYAML, i+2), true
			}
		}
	}
	return diag.Problem{}, false
}

// copiedName reports a path Windows gave a copy: "a - 副本.md", a folder
// "news - 副本", "a - Copy (2).md". The copy is published as a page of its
// own, the same text twice, at an address with 副本 in it.
func copiedName(rel string) bool {
	return strings.Contains(rel, "副本") || strings.Contains(strings.ToLower(rel), " - copy")
}

// kindNames are the kinds as the site's menu names them.
var kindNames = map[Kind]string{KindUnit: "单位", KindBrand: "党建品牌", KindModel: "示范点", KindHonor: "荣誉榜", KindNews: "工作动态"}

// folderOfFields finds the one other kind whose fields the unknown keys of
// a page all are: a news item saved in units/ (or in a copied folder,
// "news - 副本") has source and units, which a unit does not. Told field by
// field that they are unknown, the officer deletes them, and the page is
// published in the wrong section.
func folderOfFields(k Kind, unknown []string) (Kind, bool) {
	if len(unknown) == 0 {
		return "", false
	}
	found := Kind("")
	for _, s := range Sections {
		if s.Kind == k {
			continue
		}
		all := AllKeys(s.Kind)
		own := false
		for _, key := range unknown {
			if !slices.Contains(all, key) {
				own = false
				break
			}
			own = own || slices.Contains(KindKeys[s.Kind], key)
		}
		if !own {
			continue
		}
		if found != "" {
			return "", false
		}
		found = s.Kind
	}
	return found, found != ""
}

// UnknownField is an error for a key that is not a field of the kind, with
// a suggestion when one is close (menbers → members): a misspelt field
// would otherwise be published as if it were empty. Data of the site's own
// belongs under [params], which the message says.
func UnknownField(path string, line int, key string, k Kind) diag.Problem {
	return unknownKey(path, line, key, AllKeys(k))
}

func unknownKey(path string, line int, key string, known []string) diag.Problem {
	if s := suggest(key, known); s != "" {
		return diag.New(path, line, diag.MsgUnknownKeyDid, key, s)
	}
	return diag.New(path, line, diag.MsgUnknownKey, key, strings.Join(known, ", "))
}

func newPage(rel string) *Page {
	p := &Page{Path: "content/" + rel}
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	top := dir
	if i := strings.IndexByte(dir, '/'); i >= 0 {
		top = dir[:i]
	}
	p.Section = top
	p.Kind = KindOfFolder(top)
	if name == "_index" {
		p.IsIndex = true
		p.Slug = path.Base(dir)
		if dir == "" {
			p.Slug = ""
		}
		p.URL = dirURL(dir)
		return p
	}
	p.Slug = name
	p.URL = pageURL(p.Kind, dir, name)
	return p
}

// pageURL: a typed kind lives at /<section>/<slug>/ whatever sub-folder it
// sits in (PORTAL.md); a plain page mirrors its folders.
func pageURL(k Kind, dir, slug string) string {
	if k != KindPage {
		return "/" + FolderOfKind(k) + "/" + slug + "/"
	}
	if dir == "" {
		return "/" + slug + "/"
	}
	return "/" + dir + "/" + slug + "/"
}

func dirURL(dir string) string {
	if dir == "" {
		return "/"
	}
	return "/" + dir + "/"
}

func decodeCommon(p *Page, f *fields) {
	f.require("title")
	p.Title = f.str("title")
	p.Date, p.HasDate = f.date("date")
	p.Draft = f.boolean("draft")
	p.Tags = NormalizeTags(f.strings("tags"))
	if v, ok := f.get("params"); ok {
		if m, ok := v.(map[string]any); ok {
			p.Params = m
		} else {
			f.typeErr("params", wantParams, v)
		}
	}
	p.Summary = f.str("summary")
	p.Weight = f.integer("weight")
	if s := f.str("slug"); s != "" && !p.IsIndex {
		p.Slug = s
		dir := strings.TrimSuffix(path.Dir(strings.TrimPrefix(p.Path, "content/")), ".")
		p.URL = cleanURL(pageURL(p.Kind, strings.TrimSuffix(dir, "/"), s))
	}
	p.ReviewIgnore = f.strings("review_ignore")
	p.rawAliases = f.strings("aliases")
	for _, a := range p.rawAliases {
		p.Aliases = append(p.Aliases, NormalizeURL(a))
	}
	for _, a := range f.strings("attachments") {
		p.Attachments = append(p.Attachments, Attachment{Path: AttachmentPath(a), Line: f.lineOf("attachments")})
	}
}

// NormalizeURL makes a site-relative URL start and end with "/", cleaned
// as path.Clean does ("/a//b/./" is "/a/b/"), so that two spellings of one
// address are seen as one.
func NormalizeURL(u string) string {
	u = strings.TrimSpace(u)
	u = strings.TrimSuffix(u, "index.html")
	dir := strings.HasSuffix(u, "/")
	u = path.Clean("/" + u)
	if u != "/" && (dir || path.Ext(u) == "") {
		u += "/"
	}
	return u
}

func decodeUnit(f *fields) *Unit {
	u := &Unit{
		Short:    f.str("short"),
		District: f.str("district"),
		Category: f.str("category"),
		PartyOrg: f.str("party_org"),
		Members:  f.integer("members"),
		Branches: f.integer("branches"),
		Logo:     f.str("logo"),
	}
	_, set := f.table["members"]
	u.MembersUnset = !set
	_, set = f.table["branches"]
	u.BranchesUnset = !set
	return u
}

func decodeBrand(f *fields, index bool) *Brand {
	if !index {
		f.require("unit")
		f.require("logo")
	}
	b := &Brand{
		UnitSlug:        f.str("unit"),
		Slogan:          f.str("slogan"),
		Logo:            f.str("logo"),
		Status:          f.str("status"),
		Year:            f.integer("year"),
		MembersInvolved: f.integer("members_involved"),
		Activities:      f.integer("activities"),
		Beneficiaries:   f.integer("beneficiaries"),
		Investment:      f.number("investment"),
	}
	f.oneOf("status", b.Status, BrandStatuses)
	return b
}

func decodeModel(f *fields, index bool) *ModelSite {
	if !index {
		f.require("unit")
		f.require("level")
	}
	m := &ModelSite{
		UnitSlug:   f.str("unit"),
		Level:      f.str("level"),
		Standards:  f.strings("standards"),
		Instructor: f.str("instructor"),
	}
	m.Awarded, m.HasAwarded = f.date("awarded")
	f.oneOf("level", m.Level, ModelLevels)
	return m
}

func decodeNews(f *fields) *News {
	return &News{
		Source:      f.str("source"),
		DocNumber:   f.str("doc_number"),
		IndexNumber: f.str("index_number"),
		Publisher:   f.str("publisher"),
		Author:      f.str("author"),
		UnitSlugs:   f.strings("units"),
		Category:    f.str("category"),
		Image:       f.str("image"),
	}
}

func decodeHonorList(path string, f *fields, lines keyLines, held []map[string]bool, probs *[]diag.Problem) *HonorList {
	h := &HonorList{
		Year:      f.integer("year"),
		GrantedBy: f.str("granted_by"),
		Level:     f.str("level"),
	}
	raw, ok := f.get("honors")
	if !ok {
		return h
	}
	entries, ok := raw.([]map[string]any)
	if !ok {
		f.typeErr("honors", wantHonors, raw)
		return h
	}
	tables := lines.tables["honors"]
	h.Honors = make([]Honor, 0, len(entries))
	for i, e := range entries {
		var tl tableLines
		if i < len(tables) {
			tl = tables[i]
		}
		ef := newFields(path, e, tl.keys, tl.line, probs)
		ef.lenient = f.lenient
		if i < len(held) {
			ef.held = held[i]
		}
		ef.require("name")
		ef.require("recipient")
		entry := Honor{
			Name:      ef.str("name"),
			Recipient: ef.str("recipient"),
			Type:      ef.str("type"),
			Level:     ef.str("level"),
			UnitSlug:  ef.str("unit"),
			Line:      tl.line,
			Lines:     honorLines(tl.keys),
		}
		entry.Date, entry.HasDate = ef.date("date")
		ef.oneOf("type", entry.Type, HonorTypes)
		if entry.Level == "" {
			entry.Level = h.Level
		}
		for _, k := range ef.unknown() {
			*probs = append(*probs, unknownKey(path, ef.lineOf(k), k, HonorKeys))
		}
		h.Honors = append(h.Honors, entry)
	}
	return h
}
