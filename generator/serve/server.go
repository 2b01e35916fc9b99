package serve

import (
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"dangjian/generator/output"
)

// files serves the in-memory site the way the deployed one is served:
// pretty URLs (/brands/a/ is brands/a/index.html, /brands/a redirects
// there), the site's 404.html for anything missing, and nothing cached, so
// that a reload always shows the last rebuild.
type files struct {
	live func() *output.Memory
	// ready is false until a build has succeeded; until then every page is
	// a stand-in that carries the reload script, so the error overlay shows
	// and the fix reloads the tab.
	ready func() bool
	// first is closed when the first build has ended: until then a file
	// not there yet may still be made (Server.first), so a request for it
	// waits instead of finding a 404.
	first  <-chan struct{}
	hub    *hub
	review *reviewer
}

func (f *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		f.hub.ServeHTTP(w, r)
		return
	case scriptPath:
		send(w, r, http.StatusOK, "reload.js", []byte(script))
		return
	case reviewPath, reviewScriptPath:
		f.review.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !f.ready() {
		send(w, r, http.StatusServiceUnavailable, "index.html", standIn)
		return
	}
	mem := f.live()
	p := r.URL.Path
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	rel := strings.TrimPrefix(clean, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	data, ok := mem.Get(rel)
	if !ok && f.first != nil {
		select {
		case <-f.first:
		default:
			select {
			case <-f.first:
			case <-r.Context().Done():
				return
			}
			if !f.ready() {
				send(w, r, http.StatusServiceUnavailable, "index.html", standIn)
				return
			}
			mem = f.live()
			data, ok = mem.Get(rel)
		}
	}
	if ok {
		send(w, r, http.StatusOK, rel, data)
		return
	}
	if !strings.HasSuffix(clean, "/") {
		if _, ok := mem.Get(rel + "/index.html"); ok {
			target := (&url.URL{Path: clean + "/", RawQuery: r.URL.RawQuery}).String()
			w.Header().Set("Cache-Control", "no-store")
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if data, ok := mem.Get("404.html"); ok {
		send(w, r, http.StatusNotFound, "404.html", data)
		return
	}
	send(w, r, http.StatusNotFound, "404.txt", []byte("404 页面不存在\n"))
}

func send(w http.ResponseWriter, r *http.Request, status int, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// types are fixed here rather than read from the system's mime tables,
// which differ between machines (and lack .webp or .csv on some).
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".svg":   "image/svg+xml; charset=utf-8",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".md":    "text/markdown; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

var standIn = []byte(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>网站生成出错</title></head>
<body><p>网站还没有生成成功。请按终端或下方提示改正后保存，本页会自动刷新。</p>
` + string(Inject) + `
</body></html>
`)
