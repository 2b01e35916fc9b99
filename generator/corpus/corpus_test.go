package corpus

import (
	"bytes"
	"dangjian/generator/sitetest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// generate makes a corpus in a fresh temporary folder.
func generate(t testing.TB, n int, seed int64) (string, Summary) {
	t.Helper()
	dir := t.TempDir()
	s, err := Generate(dir, Options{Pages: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return dir, s
}

// page is a generated content page, its front matter decoded.
type page struct {
	path  string // content/news/n00001.md
	kind  string // the folder: news, brands …
	front map[string]any
	body  string
	raw   []byte
}

// pages decodes every content page except the _index.md files.
func pages(t *testing.T, files map[string][]byte) []page {
	t.Helper()
	var out []page
	for path, data := range files {
		if !strings.HasSuffix(path, ".md") || strings.HasSuffix(path, "/_index.md") {
			continue
		}
		rest, ok := bytes.CutPrefix(data, []byte("+++\n"))
		front, body, ok2 := bytes.Cut(rest, []byte("\n+++\n"))
		if !ok || !ok2 {
			t.Fatalf("%s: no front matter", path)
		}
		p := page{path: path, kind: strings.Split(path, "/")[1], body: string(body), raw: data}
		if _, err := toml.Decode(string(front), &p.front); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, p)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, 300, 7)
	b, _ := generate(t, 300, 7)
	c, _ := generate(t, 300, 8)
	fa, fb, fc := sitetest.ReadTree(t, a), sitetest.ReadTree(t, b), sitetest.ReadTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("same seed: %d files, then %d", len(fa), len(fb))
	}
	for path, data := range fa {
		if !bytes.Equal(data, fb[path]) {
			t.Fatalf("same seed, different %s", path)
		}
	}
	differ := 0
	for path, data := range fa {
		if strings.HasSuffix(path, ".md") && !bytes.Equal(data, fc[path]) {
			differ++
		}
	}
	if differ < 290 {
		t.Errorf("another seed changed only %d pages", differ)
	}
}

func TestProportions(t *testing.T) {
	for _, n := range []int{100, 1000} {
		dir, s := generate(t, n, 1)
		files := sitetest.ReadTree(t, dir)
		want := map[string]int{"news": n / 2, "brands": n / 5, "models": n / 10, "honors": n / 10, "units": n / 10}
		got := map[string]int{}
		var bytes int64
		for path, data := range files {
			bytes += int64(len(data))
			parts := strings.Split(path, "/")
			if len(parts) == 3 && parts[0] == "content" && parts[2] != "_index.md" && strings.HasSuffix(parts[2], ".md") {
				got[parts[1]]++
			}
			if len(parts) == 3 && parts[2] == "_index.md" {
				got["section"]++
			}
		}
		for folder, w := range want {
			if got[folder] != w {
				t.Errorf("n=%d: %d pages in %s, want %d", n, got[folder], folder, w)
			}
		}
		byKind := map[string]string{"news": "news", "brands": "brand", "models": "model", "honors": "honor", "units": "unit"}
		for folder, kind := range byKind {
			if s.ByKind[kind] != want[folder] {
				t.Errorf("n=%d: Summary.ByKind[%s] = %d, want %d", n, kind, s.ByKind[kind], want[folder])
			}
		}
		if _, ok := files["content/_index.md"]; !ok || got["section"] != 5 {
			t.Errorf("n=%d: want content/_index.md and 5 section _index.md, got %d", n, got["section"])
		}
		if s.Files != len(files) || s.Bytes != bytes {
			t.Errorf("n=%d: Summary says %d files, %d bytes; disk has %d, %d", n, s.Files, s.Bytes, len(files), bytes)
		}
		var cfg struct {
			Title, BaseURL, Language, Theme string
			Paginate                        int
			Menu                            []struct{ Name, URL string }
		}
		if _, err := toml.Decode(string(files["site.toml"]), &cfg); err != nil {
			t.Fatal(err)
		}
		if cfg.Title == "" || cfg.BaseURL != "/" || cfg.Theme != "default" || cfg.Paginate != 20 || len(cfg.Menu) < 6 {
			t.Errorf("site.toml: %+v", cfg)
		}
	}
}

func TestSmallCorpora(t *testing.T) {
	for _, n := range []int{0, 1, 7} {
		dir, s := generate(t, n, 1)
		ps := pages(t, sitetest.ReadTree(t, dir))
		if len(ps) != n || s.ByKind["unit"]+s.ByKind["brand"]+s.ByKind["model"]+s.ByKind["honor"]+s.ByKind["news"] != n {
			t.Errorf("n=%d: %d pages, summary %v", n, len(ps), s.ByKind)
		}
	}
}

func TestRefusesExistingSite(t *testing.T) {
	dir, _ := generate(t, 10, 1)
	if _, err := Generate(dir, Options{Pages: 10, Seed: 1}); err == nil {
		t.Error("generated over an existing site")
	}
}

// TestFrontMatter checks each kind's fields as PORTAL.md gives them, that
// every unit reference resolves and every logo exists.
func TestFrontMatter(t *testing.T) {
	dir, _ := generate(t, 1000, 3)
	files := sitetest.ReadTree(t, dir)
	exists := func(rel string) bool { _, ok := files["content/"+rel]; return ok }
	unitOK := func(v any) bool {
		s, ok := v.(string)
		return ok && exists("units/"+s+".md")
	}
	str := func(p page, key string) string {
		s, ok := p.front[key].(string)
		if !ok || s == "" {
			t.Errorf("%s: %s missing or not a string: %v", p.path, key, p.front[key])
		}
		return s
	}
	num := func(p page, key string) {
		if _, ok := p.front[key].(int64); !ok {
			t.Errorf("%s: %s is not an integer: %#v", p.path, key, p.front[key])
		}
	}
	date := func(p page, key string) time.Time {
		d, ok := p.front[key].(time.Time)
		if !ok {
			t.Errorf("%s: %s is not a date: %#v", p.path, key, p.front[key])
		}
		return d
	}
	drafts, unitLogos := 0, 0
	for _, p := range pages(t, files) {
		str(p, "title")
		if p.front["draft"] == true {
			drafts++
		}
		if p.kind != "units" {
			if y := date(p, "date").Year(); y < 2015 || y > 2025 {
				t.Errorf("%s: date in %d", p.path, y)
			}
		}
		switch p.kind {
		case "units":
			for _, k := range []string{"short", "district", "category", "party_org"} {
				str(p, k)
			}
			num(p, "members")
			num(p, "branches")
			if logo, ok := p.front["logo"].(string); ok {
				unitLogos++
				if !exists(logo) {
					t.Errorf("%s: logo %s does not exist", p.path, logo)
				}
			}
		case "brands":
			if !unitOK(p.front["unit"]) {
				t.Errorf("%s: unknown unit %v", p.path, p.front["unit"])
			}
			if !exists(str(p, "logo")) {
				t.Errorf("%s: logo %v does not exist", p.path, p.front["logo"])
			}
			str(p, "slogan")
			if s := str(p, "status"); s != "创建中" && s != "已验收" && s != "示范" {
				t.Errorf("%s: status %q", p.path, s)
			}
			for _, k := range []string{"year", "members_involved", "activities", "beneficiaries"} {
				num(p, k)
			}
			if _, ok := p.front["investment"].(float64); !ok {
				t.Errorf("%s: investment is not a number: %#v", p.path, p.front["investment"])
			}
		case "models":
			if !unitOK(p.front["unit"]) {
				t.Errorf("%s: unknown unit %v", p.path, p.front["unit"])
			}
			if l := str(p, "level"); !strings.HasSuffix(l, "级") {
				t.Errorf("%s: level %q", p.path, l)
			}
			date(p, "awarded")
			str(p, "instructor")
			if s, ok := p.front["standards"].([]any); !ok || len(s) == 0 {
				t.Errorf("%s: standards %v", p.path, p.front["standards"])
			}
		case "honors":
			year := int(p.front["year"].(int64))
			str(p, "granted_by")
			str(p, "level")
			hs, _ := p.front["honors"].([]map[string]any)
			if len(hs) < 3 || len(hs) > 8 {
				t.Errorf("%s: %d honors", p.path, len(hs))
			}
			for _, h := range hs {
				if !unitOK(h["unit"]) {
					t.Errorf("%s: unknown unit %v", p.path, h["unit"])
				}
				if d, ok := h["date"].(time.Time); !ok || d.Year() != year {
					t.Errorf("%s: honor dated %v in a list of %d", p.path, h["date"], year)
				}
				if h["name"] == "" || h["recipient"] == "" || (h["type"] != "集体" && h["type"] != "个人") {
					t.Errorf("%s: honor %v", p.path, h)
				}
			}
		case "news":
			us, _ := p.front["units"].([]any)
			if len(us) < 1 || len(us) > 3 {
				t.Errorf("%s: %d units", p.path, len(us))
			}
			for _, u := range us {
				if !unitOK(u) {
					t.Errorf("%s: unknown unit %v", p.path, u)
				}
			}
			for _, k := range []string{"source", "index_number", "publisher", "author"} {
				str(p, k)
			}
		default:
			t.Errorf("%s: unexpected folder", p.path)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if drafts < 5 || drafts > 40 {
		t.Errorf("%d drafts of 1,000 pages, want about 2%%", drafts)
	}
	if unitLogos == 0 || unitLogos == 100 {
		t.Errorf("%d of 100 units have a logo, want some", unitLogos)
	}
	for _, ext := range []string{".svg", ".png"} {
		n := 0
		for path := range files {
			if strings.HasPrefix(path, "content/images/brands/") && strings.HasSuffix(path, ext) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no %s brand logos", ext)
		}
	}
}

// TestText checks the Markdown of every page and the average length.
func TestText(t *testing.T) {
	dir, _ := generate(t, 1000, 1)
	ps := pages(t, sitetest.ReadTree(t, dir))
	runes, bytes := 0, 0
	for _, p := range ps {
		for _, want := range []string{"\n## ", "\n- ", "\n|---|", "**"} {
			if !strings.Contains(p.body, want) {
				t.Fatalf("%s: no %q in the body", p.path, want)
			}
		}
		runes += utf8.RuneCount(p.raw)
		bytes += len(p.raw)
	}
	avg := runes / len(ps)
	t.Logf("average page: %d runes, %d bytes", avg, bytes/len(ps))
	if avg < 2000 || avg > 2800 {
		t.Errorf("average page is %d runes, want 2,000–2,800", avg)
	}
}

// TestSearchTerms checks what the search bench relies on.
func TestSearchTerms(t *testing.T) {
	dir, _ := generate(t, 1000, 1)
	ps := pages(t, sitetest.ReadTree(t, dir))
	count := func(s string) int {
		n := 0
		for _, p := range ps {
			if bytes.Contains(p.raw, []byte(s)) {
				n++
			}
		}
		return n
	}
	if n := count("党建"); n < len(ps)*9/10 {
		t.Errorf("党建 on %d of %d pages, want nearly all", n, len(ps))
	}
	if n := count(phrase); n < len(ps)/10 || n > len(ps)*7/10 {
		t.Errorf("示范点 on %d of %d pages, want a moderate share", n, len(ps))
	}
	if n := count("光明眼科"); n < 3 || n > len(ps)/20 {
		t.Errorf("光明眼科 on %d of %d pages, want a few", n, len(ps))
	}
	traps := 0
	for _, p := range ps {
		for _, s := range trapPoint {
			if strings.Contains(p.body, s) {
				traps++
				if strings.Contains(string(p.raw), phrase) || !strings.Contains(p.body, "示范") {
					t.Errorf("%s: a trap page must hold 示范 and 范点 but never 示范点", p.path)
				}
				break
			}
		}
	}
	if traps < 3 {
		t.Errorf("%d trap pages, want at least 3", traps)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		s, err := Generate(dir, Options{Pages: 10000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(s.Bytes)
	}
}
