package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"dangjian/generator/content"
)

// Absolute makes a site-relative URL absolute for feeds, sitemaps and
// canonical links, from a full base URL (config.FullURL: "https://x/p/").
// Those formats need absolute URLs; without a full base URL the site leaves
// them out (Site.AbsURL is "").
func Absolute(fullBase, u string) string {
	return strings.TrimSuffix(fullBase, "/") + URLFunc(u)
}

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	LastBuild   string    `xml:"lastBuildDate,omitempty"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate,omitempty"`
	Description string `xml:"description"`
}

// FeedLimit is how many items a feed carries.
const FeedLimit = 30

// RSS is an RSS 2.0 feed of pages (already newest first).
func RSS(s *Site, title, link string, pages []*content.Page) []byte {
	ch := rssChannel{
		Title:       title,
		Link:        Absolute(s.AbsURL, link),
		Description: s.Config.Description,
		Language:    s.Config.Language,
	}
	for i, p := range pages {
		if i == FeedLimit {
			break
		}
		// A feed reader reads the description as HTML: the summary, which
		// is text, is escaped for HTML here and for XML by the encoder.
		it := rssItem{Title: p.Title, Link: Absolute(s.AbsURL, p.URL), Description: html.EscapeString(p.Summary)}
		it.GUID = it.Link
		if p.HasDate {
			it.PubDate = p.Date.Format(time.RFC1123Z)
			if ch.LastBuild == "" {
				ch.LastBuild = it.PubDate
			}
		}
		ch.Items = append(ch.Items, it)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(rss{Version: "2.0", Channel: ch}); err != nil {
		panic(err) // only strings go in: cannot fail
	}
	return b.Bytes()
}

// Sitemap lists every URL of the site.
func Sitemap(s *Site, jobs []Job) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, j := range jobs {
		if j.Ctx.Kind == "404" {
			continue
		}
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(Absolute(s.AbsURL, j.URL)))
		b.WriteString("</loc>")
		if p := j.Ctx.Page; p != nil && p.HasDate && j.Ctx.Kind == "single" {
			b.WriteString("<lastmod>" + p.Date.Format("2006-01-02") + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Robots allows everything and, when the site has a full base URL (and so a
// sitemap), points at the sitemap: the Sitemap line must be a full URL.
func Robots(s *Site) []byte {
	if s.AbsURL == "" {
		return []byte("User-agent: *\nAllow: /\n")
	}
	return []byte(fmt.Sprintf("User-agent: *\nAllow: /\nSitemap: %s\n", Absolute(s.AbsURL, "/sitemap.xml")))
}

var aliasTemplate = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
{{with .Canonical}}<link rel="canonical" href="{{.}}">{{end}}<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}"></head>
<body><p>本页已迁移至 <a href="{{.URL}}">{{.Title}}</a>。</p></body></html>
`))

// Alias is the redirect page left at an old URL; link is the target as
// seen from the alias's own folder (Links.URL), canonical its absolute URL
// or "" without a full base URL.
func Alias(title, link, canonical string) []byte {
	var b bytes.Buffer
	if err := aliasTemplate.Execute(&b, struct{ Title, URL, Canonical string }{title, link, canonical}); err != nil {
		panic(err)
	}
	return b.Bytes()
}
