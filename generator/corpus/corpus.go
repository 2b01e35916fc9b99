// Package corpus writes a synthetic party-building portal of any size, for
// benchmarks and for trying a theme at scale. The same seed always gives the
// same bytes.
//
// A corpus of n pages holds 50% news, 20% brands and 10% each model sites,
// honor lists and units, about 2,500 characters of Chinese a page recombined
// from a phrase list, with headings, a bullet list, a table and bold text on
// every page. Units are made first, so every unit reference resolves; every
// logo a page names is written too. About 2% of pages are drafts.
//
// For the search bench the corpus has 党建 on nearly every page, 示范点 on
// many (every model site), 光明眼科 on a few (the units named 光明眼科医院 and
// the pages that mention them), and a few trap news pages that contain 示范
// and 范点 apart but never 示范点.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// Options say how big a corpus to make and from which seed.
type Options struct {
	Pages int   // content pages, not counting section pages and images
	Seed  int64 // same seed, same bytes
}

// Summary tells what Generate wrote. ByKind counts the pages of each kind
// (unit, brand, model, honor, news) and also "section" (_index.md files),
// "image" (logos) and "config" (site.toml); Files is their sum.
type Summary struct {
	Files  int
	Bytes  int64
	ByKind map[string]int
}

// The kinds in the order they are made, with their folder, slug prefix and
// section title.
var kinds = []struct {
	Kind, Folder, Prefix, Title string
}{
	{"unit", "units", "u", "单位"},
	{"brand", "brands", "b", "党建品牌"},
	{"model", "models", "m", "示范点"},
	{"honor", "honors", "h", "荣誉榜"},
	{"news", "news", "n", "工作动态"},
}

// counts splits n pages among the kinds: 10% units, 20% brands, 10% models,
// 10% honors, the rest (50%) news. A non-empty corpus has at least one unit.
func counts(n int) [5]int {
	c := [5]int{n / 10, n / 5, n / 10, n / 10, 0}
	if n > 0 && c[0] == 0 {
		c[0] = 1
	}
	c[4] = n - c[0] - c[1] - c[2] - c[3]
	return c
}

// Generate writes a complete site into dir: site.toml, content/ with an
// _index.md per section and the pages, and the logos under content/images/.
// dir may exist but must not already hold a site.toml or a content folder.
func Generate(dir string, opt Options) (Summary, error) {
	if opt.Pages < 0 {
		return Summary{}, fmt.Errorf("corpus: negative page count %d", opt.Pages)
	}
	for _, name := range []string{"site.toml", "content"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return Summary{}, fmt.Errorf("corpus: %s already exists; generate into a new or empty folder", filepath.Join(dir, name))
		}
	}
	for _, sub := range []string{"images/brands", "images/units", "units", "brands", "models", "honors", "news"} {
		if err := os.MkdirAll(filepath.Join(dir, "content", sub), 0o755); err != nil {
			return Summary{}, err
		}
	}
	g := &gen{dir: dir, seed: uint64(opt.Seed), counts: counts(opt.Pages)}
	g.units = makeUnits(rand.New(rand.NewPCG(g.seed, 0)), g.counts[0], unitLogos)
	news := g.counts[4]
	if news > 0 {
		g.traps = min(news, max(3, news/500))
		g.trapStride = news / g.traps
	}

	// The pages, on all cores; the fixed files meanwhile.
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0)+1)
	for k := range len(errs) - 1 {
		wg.Go(func() { errs[k] = g.worker() })
	}
	wg.Go(func() { errs[len(errs)-1] = g.fixed() })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Summary{}, err
	}

	s := Summary{Bytes: g.bytes.Load(), ByKind: map[string]int{}}
	for i, k := range kinds {
		s.ByKind[k.Kind] = g.counts[i]
	}
	s.ByKind["section"] = len(kinds) + 1
	s.ByKind["image"] = svgLogos + pngLogos + unitLogos
	s.ByKind["config"] = 1
	for _, n := range s.ByKind {
		s.Files += n
	}
	return s, nil
}

// gen is one run of Generate, shared by its workers.
type gen struct {
	dir        string
	seed       uint64
	counts     [5]int
	units      []unit
	traps      int // trap news pages, one every trapStride news pages
	trapStride int

	next  atomic.Int64 // the next page to make, counting across kinds
	bytes atomic.Int64
}

// worker makes pages until none are left. Each page draws from its own
// random stream (the seed and the page's kind and number), so the bytes do
// not depend on which worker makes it.
func (g *gen) worker() error {
	src := rand.NewPCG(0, 0)
	w := &writer{r: rand.New(src), buf: make([]byte, 0, 16<<10)}
	for {
		n := int(g.next.Add(1) - 1)
		kind, i := 0, n
		for kind < len(g.counts) && i >= g.counts[kind] {
			i -= g.counts[kind]
			kind++
		}
		if kind == len(g.counts) {
			return nil
		}
		src.Seed(g.seed, uint64(kind+1)<<32|uint64(i))
		g.page(w, kind, i)
		k := kinds[kind]
		path := filepath.Join(g.dir, "content", k.Folder, fmt.Sprintf("%s%0*d.md", k.Prefix, width(kind), i+1))
		if err := g.write(path, w.buf); err != nil {
			return err
		}
	}
}

// width is the digits of a kind's slug numbers: u0001, n00001.
func width(kind int) int {
	if kind == 0 {
		return 4
	}
	return 5
}

// page writes page i of a kind into w.buf.
func (g *gen) page(w *writer, kind, i int) {
	if kind == 0 {
		w.unitPage(&g.units[i])
		return
	}
	u := &g.units[w.r.IntN(len(g.units))]
	switch kinds[kind].Kind {
	case "brand":
		w.brandPage(u)
	case "model":
		w.modelPage(u)
	case "honor":
		w.honorPage(u, g.units)
	case "news":
		trap := g.traps > 0 && i%g.trapStride == g.trapStride/2 && i/g.trapStride < g.traps
		w.newsPage(u, g.units, trap)
	}
}

func (g *gen) write(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	g.bytes.Add(int64(len(data)))
	return nil
}

// fixed writes site.toml, the section pages and the logos.
func (g *gen) fixed() error {
	logos, err := logoFiles()
	if err != nil {
		return err
	}
	files := append([]file(nil), logos...)
	files = append(files, file{"site.toml", []byte(siteTOML())})
	files = append(files, file{"content/_index.md", []byte("+++\ntitle = \"" + siteTitle + "\"\n+++\n\n" +
		"本站汇集全系统各级党组织的**工作动态**、党建品牌、示范点、荣誉榜和单位信息。\n")})
	for _, k := range kinds {
		files = append(files, file{"content/" + k.Folder + "/_index.md", []byte(
			"+++\ntitle = \"" + k.Title + "\"\n+++\n\n" + sectionIntro[k.Kind] + "\n")})
	}
	for _, f := range files {
		if err := g.write(filepath.Join(g.dir, filepath.FromSlash(f.path)), f.data); err != nil {
			return err
		}
	}
	return nil
}

const siteTitle = "卫生健康系统党建工作网"

var sectionIntro = map[string]string{
	"unit":  "全系统各医疗卫生单位及其党组织的基本情况。",
	"brand": "各单位党组织打造的党建品牌，有内涵、有标识、有阵地、有成效。",
	"model": "各级党建示范点，按照“六个好”标准建设和评估。",
	"honor": "各级党组织和上级机关表彰的先进集体和先进个人。",
	"news":  "全系统党建工作动态、督查通报和会议消息。",
}

func siteTOML() string {
	s := `title = "` + siteTitle + `"
description = "合成语料：用于性能测试和主题预览的党建门户"
baseURL = "/"
language = "zh-CN"
theme = "default"
paginate = 20
copyright = "卫生健康系统党建工作网"
`
	menu := []struct{ name, url string }{
		{"首页", "/"}, {"工作动态", "/news/"}, {"党建品牌", "/brands/"}, {"示范点", "/models/"},
		{"荣誉榜", "/honors/"}, {"单位", "/units/"}, {"品牌墙", "/gallery/"}, {"统计", "/stats/"}, {"搜索", "/search/"},
	}
	for i, m := range menu {
		s += fmt.Sprintf("\n[[menu]]\nname = %q\nurl = %q\nweight = %d\n", m.name, m.url, i+1)
	}
	return s
}
