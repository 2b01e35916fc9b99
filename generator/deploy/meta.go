package deploy

import (
	"mime"
	"path"
	"regexp"
	"strings"
)

// Meta is what a target stores beside a file's bytes where it can: the
// headers a web server or object store sends with it, and its hash.
type Meta struct {
	ContentType  string
	CacheControl string
	SHA256       string // hex; "" when not known
}

// Cache lifetimes. Pages must show a correction at once, so browsers
// revalidate them on every visit (a 304 costs little); files whose name
// carries their content's hash never change, so they are kept a year;
// the rest (style sheets, scripts and images under fixed names, the
// search index) an hour, so an update reaches readers the same morning.
const (
	cachePage      = "no-cache"
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheDefault   = "public, max-age=3600"
)

// types is fixed here rather than taken from the system's mime.types,
// which differs between machines (and gives .js as application/javascript
// on some, text/javascript on others).
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".pdf":   "application/pdf",
	".zip":   "application/zip",
	".mp4":   "video/mp4",
	".mp3":   "audio/mpeg",
	".doc":   "application/msword",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":   "application/vnd.ms-excel",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// hashed matches names like main.3f2a9c1d.css or logo-3f2a9c1d4e.png: a
// content hash of at least 8 hex digits before the extension.
var hashed = regexp.MustCompile(`[.-][0-9a-f]{8,64}\.[a-z0-9]+$`)

// ContentType is the Content-Type a file is served with.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// CacheControl is the Cache-Control a file is served with.
func CacheControl(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xml", ".json", ".txt":
		// Pages, feeds, the sitemap, robots.txt and data: always fresh.
		return cachePage
	}
	if hashed.MatchString(path.Base(name)) {
		return cacheImmutable
	}
	return cacheDefault
}

func metaFor(name, sum string) Meta {
	return Meta{ContentType: ContentType(name), CacheControl: CacheControl(name), SHA256: sum}
}
