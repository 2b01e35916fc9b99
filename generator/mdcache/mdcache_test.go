package mdcache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"dangjian/generator/content"
	"dangjian/generator/markdown"
)

func TestRoundTripAndMisses(t *testing.T) {
	c := Open(t.TempDir())
	body := []byte("# 标题\n\n见[另一篇](b.md)。\n")
	key := c.Key(false, "news/a.md", 7, body)
	md := markdown.New(markdown.Options{})
	var lookups []Lookup
	res, err := md.RenderWith(body, 7, func(dest string) (string, bool) {
		lookups = append(lookups, Lookup{dest, "/news/b/", true})
		return "/news/b/", true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lookups) == 0 {
		t.Fatal("the renderer asked about no link")
	}
	c.Put(key, res, lookups)

	same := func(string) (string, bool) { return "/news/b/", true }
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

	file := c.file(key)
	data, _ := os.ReadFile(file)
	for name, bad := range map[string][]byte{
		"truncated": data[:len(data)-5],
		"flipped":   append(append([]byte{}, data[:len(data)-3]...), data[len(data)-3]^1, data[len(data)-2], data[len(data)-1]),
		"empty":     nil,
	} {
		os.WriteFile(file, bad, 0o644)
		if _, ok := c.Get(key, same); ok {
			t.Errorf("%s entry read as a hit", name)
		}
	}
	// Another key's intact entry under this name.
	other := c.Key(false, "news/z.md", 1, body)
	c.Put(other, res, lookups)
	d2, _ := os.ReadFile(c.file(other))
	os.WriteFile(file, d2, 0o644)
	if _, ok := c.Get(key, same); ok {
		t.Error("another page's entry read as a hit")
	}

	c.Prune()
	if _, err := os.Stat(filepath.Join(c.dir, other[:2], other)); err == nil {
		t.Error("Prune kept an entry no lookup asked for")
	}
	if _, err := os.Stat(file); err != nil {
		t.Error("Prune removed an entry a lookup asked for")
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
