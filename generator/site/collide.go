package site

import (
	"slices"
	"sort"
	"strings"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/render"
)

// ReservedFolders are folders the build fills itself, whatever is in them
// now: the search index, and the theme's stylesheets and scripts. No page or
// alias may be put below them.
var ReservedFolders = []string{"search/", "css/", "js/"}

// outputOwner is what the build writes at one output path.
type outputOwner struct {
	page  *content.Page // a content page, or the page a generated list is for (its tag)
	field string        // the page's front matter field that put it there
	what  string        // a generated file, described for a message
	list  bool          // the home page or a section's list
}

// checkOutputs makes sure every output path belongs to one thing: pages,
// aliases, the pages and files the build generates (lists, pagers, tag,
// year and gallery pages, feeds, sitemap, robots.txt, stats data, 404.html,
// the search index, static files), also where two paths differ only in
// letter case (one file on Windows, macOS and many servers). URLs are
// compared cleaned (content.NormalizeURL). Each problem names the .md file
// and the front matter line that put the page or alias there.
func (s *Site) checkOutputs() []diag.Problem {
	var probs []diag.Problem
	owners := map[string]outputOwner{}
	describe := map[string]string{
		"home": "首页", "section": "栏目列表页", "terms": "标签或年份总览页", "term": "标签或年份页",
		"stats": "统计页", "search": "搜索页", "404": "404 页面", "gallery": "标识图库页",
	}
	for _, j := range render.Plan(s.Render) {
		if j.Ctx.Kind == "single" {
			continue
		}
		o := outputOwner{what: describe[j.Ctx.Kind] + " " + j.URL, list: j.Ctx.Kind == "home" || j.Ctx.Kind == "section"}
		if j.Ctx.Term != nil && len(j.Ctx.Term.Pages) > 0 && j.Ctx.Taxonomy == "tags" {
			o.page, o.field = j.Ctx.Term.Pages[0], "tags"
		}
		owners[render.OutPath(j.URL)] = o
	}
	data := []string{"index.xml", "sitemap.xml", "robots.txt", "stats.json", "stats.csv"}
	for folder := range s.Render.C.Sections {
		data = append(data, folder+"/index.xml")
	}
	for _, d := range data {
		owners[d] = outputOwner{what: "文件 /" + d}
	}
	for _, f := range s.Static {
		if _, ok := owners[f.Rel]; !ok {
			owners[f.Rel] = outputOwner{what: "文件 " + f.Source}
		}
	}
	inReserved := func(out string) string {
		for _, r := range ReservedFolders {
			if strings.HasPrefix(out, r) {
				return r
			}
		}
		return ""
	}
	for _, p := range s.Published {
		if p.IsIndex {
			continue // a section's _index.md is its list page
		}
		u := content.NormalizeURL(p.URL)
		out := render.OutPath(u)
		o, taken := owners[out]
		switch {
		case taken && o.page == nil && slices.Contains(Reserved, u):
			// content.Resolve reports it.
		case taken && o.list:
			probs = append(probs, diag.New(p.Path, p.FieldLines["slug"], diag.MsgURLIsList, p.URL))
		case taken && o.page == nil || taken && o.field == "tags":
			probs = append(probs, diag.New(p.Path, p.FieldLines["slug"], diag.MsgURLGenerated, p.URL, o.what))
		case taken:
			// Two pages at one URL: content.Resolve reports it.
		case inReserved(out) != "":
			probs = append(probs, diag.New(p.Path, p.FieldLines["slug"], diag.MsgURLGenerated, p.URL, "文件夹 /"+inReserved(out)))
		default:
			owners[out] = outputOwner{page: p, field: "slug"}
		}
	}
	for _, p := range s.Published {
		for _, a := range p.Aliases {
			out := render.OutPath(content.NormalizeURL(a))
			o, taken := owners[out]
			switch {
			case taken && o.page == p && o.field != "tags":
				probs = append(probs, diag.New(p.Path, p.FieldLines["aliases"], diag.MsgAliasCollision, a, p.Path))
			case taken && (o.page == nil || o.field == "tags"):
				probs = append(probs, diag.New(p.Path, p.FieldLines["aliases"], diag.MsgAliasGenerated, a, o.what))
			case taken:
				// An alias on another page's URL: content.Resolve reports it.
			case inReserved(out) != "":
				probs = append(probs, diag.New(p.Path, p.FieldLines["aliases"], diag.MsgAliasGenerated, a, "文件夹 /"+inReserved(out)))
			default:
				owners[out] = outputOwner{page: p, field: "aliases"}
			}
		}
	}
	probs = append(probs, folderCollisions(owners)...)
	return append(probs, caseCollisions(owners)...)
}

// folderCollisions reports an output path inside a folder whose name is
// already a file of the output: a page or alias at /stats.json/ or
// /favicon.svg/ (stats.json/index.html beside the generated stats.json),
// content/favicon.svg/a.png beside the theme's favicon.svg, a file
// static/news beside the news section. The build stopped at writing it,
// with the system's English "not a directory" and no file or line. The
// problem goes to the page that took a file's name, else to what is in
// the folder when it comes from content/ or the file is generated, else
// (once) to the file of static/ in the way.
func folderCollisions(owners map[string]outputOwner) []diag.Problem {
	outs := make([]string, 0, len(owners))
	for out := range owners {
		outs = append(outs, out)
	}
	sort.Strings(outs)
	var probs []diag.Problem
	blocked := map[string]bool{}
	for _, out := range outs {
		for i := strings.IndexByte(out, '/'); i >= 0; i = next(out, i) {
			dir := out[:i]
			f, ok := owners[dir]
			if !ok {
				continue
			}
			o := owners[out]
			url := "/" + strings.TrimSuffix(out, "index.html")
			fsrc := strings.TrimPrefix(f.what, "文件 ")
			osrc, fromContent := strings.CutPrefix(o.what, "文件 ")
			fromContent = fromContent && strings.HasPrefix(osrc, "content/")
			switch {
			case o.page != nil && (out == dir+"/index.html" || strings.HasPrefix(fsrc, "/")):
				if o.field == "aliases" {
					probs = append(probs, diag.New(o.page.Path, o.page.FieldLines["aliases"], diag.MsgAliasGenerated, url, f.what))
				} else {
					probs = append(probs, diag.New(o.page.Path, o.page.FieldLines[o.field], diag.MsgURLGenerated, url, f.what))
				}
			case o.page == nil && (fromContent || strings.HasPrefix(fsrc, "/")):
				probs = append(probs, diag.New(osrc, 0, diag.MsgFolderOverFile, dir, f.what))
			case !blocked[dir]:
				blocked[dir] = true
				probs = append(probs, diag.New(fsrc, 0, diag.MsgFileOverFolder, fsrc, url, dir))
			}
			break
		}
	}
	return probs
}

// next is the index of the '/' after the one at i in s, or -1.
func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// caseCollisions reports output paths equal under case folding. The
// problem goes to a page that put one of them there (the later one in path
// order), else to the static file.
func caseCollisions(owners map[string]outputOwner) []diag.Problem {
	groups := map[string][]string{}
	for out := range owners {
		k := strings.ToLower(out)
		groups[k] = append(groups[k], out)
	}
	var probs []diag.Problem
	for _, outs := range groups {
		if len(outs) < 2 {
			continue
		}
		sort.Strings(outs)
		for _, out := range outs[1:] {
			o := owners[out]
			first := "/" + strings.TrimSuffix(outs[0], "index.html")
			this := "/" + strings.TrimSuffix(out, "index.html")
			switch {
			case o.page != nil:
				probs = append(probs, diag.New(o.page.Path, o.page.FieldLines[o.field], diag.MsgCaseCollision, this, first))
			case owners[outs[0]].page != nil:
				op := owners[outs[0]]
				probs = append(probs, diag.New(op.page.Path, op.page.FieldLines[op.field], diag.MsgCaseCollision, first, this))
			default:
				probs = append(probs, diag.New(strings.TrimPrefix(o.what, "文件 "), 0, diag.MsgCaseCollision, this, first))
			}
		}
	}
	return probs
}
