package mdcache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/markdown"
)

func render(t *testing.T, body []byte) (*markdown.Result, []Lookup) {
	t.Helper()
	var lookups []Lookup
	res, err := markdown.New(markdown.Options{}).RenderWith(body, 7, func(dest string) (string, bool) {
		lookups = append(lookups, Lookup{dest, "/news/b/", true})
		return "/news/b/", true
	})
	if err != nil {
		t.Fatal(err)
	}
	return res, lookups
}

func packs(t *testing.T, dir string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*"+packExt))
	return names
}

var same = func(string) (string, bool) { return "/news/b/", true }

func TestRoundTripAndMisses(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir)
	body := []byte("# 标题\n\n见[另一篇](b.md)。\n")
	key := c.Key(false, "news/a.md", 7, body)
	res, lookups := render(t, body)
	if len(lookups) == 0 {
		t.Fatal("the renderer asked about no link")
	}
	if _, ok := c.Get(key, same); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(key, res, lookups)
	c.Close()
	if n := len(packs(t, dir)); n != 1 {
		t.Fatalf("%d packs after one build", n)
	}

	c = Open(dir)
	got, ok := c.Get(key, same)
	if !ok || !reflect.DeepEqual(got.HTML, res.HTML) || got.Plain != res.Plain || !reflect.DeepEqual(got.Links, res.Links) {
		t.Fatalf("round trip: %v %+v", ok, got)
	}
	if _, ok := c.Get(key, func(string) (string, bool) { return "/news/renamed/", true }); ok {
		t.Error("hit although the linked page's URL changed")
	}
	if _, ok := c.Get(key, func(string) (string, bool) { return "", false }); ok {
		t.Error("hit although the linked page went away")
	}
	if h, m := c.Stats(); h != 1 || m != 2 {
		t.Errorf("stats %d hits %d misses, want 1 and 2", h, m)
	}
	c.Close()

	for name, k := range map[string]string{
		"unsafe": c.Key(true, "news/a.md", 7, body),
		"path":   c.Key(false, "news/c.md", 7, body),
		"line":   c.Key(false, "news/a.md", 8, body),
		"body":   c.Key(false, "news/a.md", 7, append(body, ' ')),
	} {
		if k == key {
			t.Errorf("%s does not change the key", name)
		}
	}
}

// TestDamagedPacks: a damaged entry is a miss for that entry only; a
// damaged index or trailer, a miss for the whole pack; never a result.
func TestDamagedPacks(t *testing.T) {
	body := []byte("# 标题\n\n见[另一篇](b.md)。\n")
	res, lookups := render(t, body)
	build := func(dir string) []string {
		c := Open(dir)
		var keys []string
		for i := range 3 {
			k := c.Key(false, fmt.Sprintf("news/%d.md", i), 1, body)
			c.Put(k, res, lookups)
			keys = append(keys, k)
		}
		c.Close()
		return keys
	}
	hits := func(dir string, keys []string) int {
		c := Open(dir)
		defer c.Close()
		n := 0
		for _, k := range keys {
			if got, ok := c.Get(k, same); ok {
				if !reflect.DeepEqual(got.HTML, res.HTML) {
					t.Fatal("a hit with other bytes")
				}
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name   string
		damage func(data []byte, l loc) []byte
		want   int
	}{
		{"intact", func(d []byte, l loc) []byte { return d }, 3},
		{"flipped entry", func(d []byte, l loc) []byte { d[l.off+l.n-3] ^= 1; return d }, 2},
		{"flipped index", func(d []byte, l loc) []byte { d[len(d)-trailerSize-2] ^= 1; return d }, 0},
		{"truncated", func(d []byte, l loc) []byte { return d[:len(d)-5] }, 0},
		{"cut in the entries", func(d []byte, l loc) []byte { return d[:l.off+l.n/2] }, 0},
		{"empty", func(d []byte, l loc) []byte { return nil }, 0},
		{"other format", func(d []byte, l loc) []byte { d[headerSize-1]++; return d }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			keys := build(dir)
			name := packs(t, dir)[0]
			p, err := openPack(name)
			if err != nil {
				t.Fatal(err)
			}
			l := p.entries[keys[1]]
			p.f.Close()
			data, _ := os.ReadFile(name)
			os.WriteFile(name, tc.damage(data, l), 0o644)
			if got := hits(dir, keys); got != tc.want {
				t.Errorf("%d hits, want %d", got, tc.want)
			}
		})
	}

	// Another page's intact entry under this key.
	dir := t.TempDir()
	c := Open(dir)
	a, b := c.Key(false, "news/a.md", 1, body), c.Key(false, "news/b.md", 1, body)
	w := newPackWriter(dir)
	w.add(a, encode(&entry{Key: b, Result: *res, Lookups: lookups}))
	w.finish().f.Close()
	if hits(dir, []string{a}) != 0 {
		t.Error("another page's entry read as a hit")
	}
}

// TestPrune: packs nobody asked for go, used ones stay, many small packs
// are merged, and leftovers of older formats and killed builds go.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	body := []byte("正文\n")
	res, lookups := render(t, body)
	key := func(c *Cache, i int) string { return c.Key(false, fmt.Sprintf("news/%d.md", i), 1, body) }

	// Build 1 makes pages 0–9; builds 2…7 each change one page (10+i).
	c := Open(dir)
	for i := range 10 {
		c.Put(key(c, i), res, lookups)
	}
	if err := c.Prune(); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "ab")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, "abcdef"), []byte("format 1"), 0o644)
	stale := filepath.Join(dir, tmpPrefix+"pack-killed")
	os.WriteFile(stale, []byte("half"), 0o644)
	long := time.Now().Add(-time.Hour)
	os.Chtimes(stale, long, long)
	fresh := filepath.Join(dir, tmpPrefix+"pack-running")
	os.WriteFile(fresh, []byte("half"), 0o644)

	for b := range 6 {
		c = Open(dir)
		for i := range 10 {
			k := key(c, i)
			if i == 0 {
				k = key(c, 10+b) // page 0 edited again and again
			}
			if _, ok := c.Get(k, same); !ok {
				c.Put(k, res, lookups)
			}
		}
		if b == 0 {
			if _, h := c.Stats(); h != 1 {
				t.Fatalf("%d misses after one edit", h)
			}
		}
		c.Prune()
		if n := len(packs(t, dir)); n > maxPacks || n == 0 {
			t.Fatalf("build %d: %d packs", b+2, n)
		}
	}
	c = Open(dir)
	for i := 1; i < 10; i++ {
		if _, ok := c.Get(key(c, i), same); !ok {
			t.Errorf("page %d lost", i)
		}
	}
	if _, ok := c.Get(key(c, 15), same); !ok {
		t.Error("the last edit lost")
	}
	c.Close()
	total := 0
	for _, p := range packs(t, dir) {
		pk, err := openPack(p)
		if err != nil {
			t.Fatal(err)
		}
		total += len(pk.entries)
		pk.f.Close()
	}
	if total > 12 {
		t.Errorf("%d entries kept for 10 pages", total)
	}
	for _, gone := range []string{old, stale} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s kept", gone)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a running build's temporary pack removed")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	e := &entry{Key: "k", Result: markdown.Result{
		HTML:           []byte("<h2 id=\"一\">一</h2>"),
		TOC:            []content.Heading{{Level: 2, ID: "一", Text: "一"}},
		IDs:            []string{"一", "二"},
		Plain:          "一\n正文",
		Summary:        "正文",
		HasMore:        true,
		ReadingMinutes: 3,
		Links:          []content.Link{{Dest: "a.md", Line: 9}, {Dest: "x.png", Image: true, Line: 10}},
	}, Lookups: []Lookup{{"a.md", "/news/a/", true}, {"b.md", "", false}}}
	b := encode(e)
	got, ok := decode(b)
	if !ok || !reflect.DeepEqual(got, e) {
		t.Fatalf("round trip:\n%+v\n%+v", got, e)
	}
	for i := range b {
		if _, ok := decode(b[:i]); ok {
			t.Fatalf("a payload cut at %d of %d bytes decoded", i, len(b))
		}
	}
	if _, ok := decode(append(b, 0)); ok {
		t.Error("trailing bytes decoded")
	}
}
