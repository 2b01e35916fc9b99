package derive

import (
	"testing"
	"time"

	"dangjian/generator/content"
)

func TestNeighbors(t *testing.T) {
	mk := func(path string, day int) *content.Page {
		return &content.Page{Path: "content/news/" + path + ".md", Kind: content.KindNews, Section: "news", Title: path,
			Date: time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC), HasDate: true, News: &content.News{}}
	}
	old, mid, young := mk("old", 1), mk("mid", 2), mk("young", 3)
	other := &content.Page{Path: "content/about.md", Kind: content.KindPage, Title: "about"}
	c := Derive([]*content.Page{mid, young, old, other})
	sec := c.Sections["news"]
	for _, tc := range []struct {
		p            *content.Page
		newer, older *content.Page
	}{{young, nil, mid}, {mid, young, old}, {old, mid, nil}, {other, nil, nil}} {
		n, o := sec.Neighbors(tc.p)
		if n != tc.newer || o != tc.older {
			t.Errorf("%s: neighbours %v, %v; want %v, %v", tc.p.Title, n, o, tc.newer, tc.older)
		}
	}
}
