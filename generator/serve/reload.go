package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The browser side of live reload: a script every served page loads, and a
// Server-Sent Events stream it listens to.
const (
	eventsPath = "/__dangjian/events"
	scriptPath = "/__dangjian/reload.js"
)

// Inject is what serve puts before </body> of every page: the review panel
// (review.go) and live reload.
var Inject = []byte(`<script src="` + reviewScriptPath + `"></script><script src="` + scriptPath + `"></script>`)

// event is one message of the stream. Data is JSON.
type event struct {
	name string
	data any
}

// state is sent on every (re)connection, so that a page opened, or a tab
// reconnecting, while a build error persists shows the overlay, and a tab
// that missed rebuilds while the server was down reloads.
type state struct {
	Server string   `json:"server"` // changes when the server restarts
	Gen    int64    `json:"gen"`    // successful rebuilds so far
	Errors []string `json:"errors"` // empty when the last rebuild succeeded
}

// hub fans rebuild events out to the open tabs.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	st      state
	done    chan struct{}
	closing sync.Once
}

func newHub() *hub {
	return &hub{
		clients: map[chan event]bool{},
		st:      state{Server: strconv.FormatInt(time.Now().UnixNano(), 36), Errors: []string{}},
		done:    make(chan struct{}),
	}
}

// send delivers an event to every tab. A tab too slow to keep up loses the
// event rather than holding up the rebuilds; a reload is idempotent and
// every reconnect brings the state.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// rebuilt records a successful rebuild and tells the tabs: reload, or swap
// the stylesheets when only they changed (and no overlay needs clearing).
func (h *hub) rebuilt(css []string) {
	h.mu.Lock()
	h.st.Gen++
	hadErrors := len(h.st.Errors) > 0
	h.st.Errors = []string{}
	st := h.st
	h.mu.Unlock()
	if len(css) > 0 && !hadErrors {
		h.send(event{"css", map[string]any{"gen": st.Gen, "paths": css}})
		return
	}
	h.send(event{"reload", map[string]any{"gen": st.Gen}})
}

// settled records a successful build that the tabs need not reload for:
// the end of the first build, whose pages were served as they were made.
func (h *hub) settled() {
	h.mu.Lock()
	h.st.Gen++
	h.st.Errors = []string{}
	h.mu.Unlock()
}

// failed records a failed rebuild's error lines and shows them in every tab.
func (h *hub) failed(lines []string) {
	h.mu.Lock()
	h.st.Errors = append([]string{}, lines...)
	h.mu.Unlock()
	h.send(event{"build-error", map[string]any{"errors": lines}})
}

func (h *hub) state() state {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	st.Errors = append([]string{}, st.Errors...)
	return st
}

// clients counts the connected tabs (tests wait for a browser this way).
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream, so that http.Server.Shutdown need not wait for
// tabs that would never hang up.
func (h *hub) close() { h.closing.Do(func() { close(h.done) }) }

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	c := make(chan event, 16)
	h.mu.Lock()
	h.clients[c] = true
	st := h.st
	st.Errors = append([]string{}, st.Errors...)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	// The browser waits this long before reconnecting to a restarted server.
	fmt.Fprint(w, "retry: 500\n\n")
	writeEvent(w, event{"state", st})
	fl.Flush()
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		select {
		case e := <-c:
			writeEvent(w, e)
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
		fl.Flush()
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	data, _ := json.Marshal(e.data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
}

// script keeps the scroll position across reloads (sessionStorage, per
// path), swaps stylesheets in place, and draws the error overlay with
// textContent so that a message can never inject markup.
const script = `(function () {
  "use strict";
  var KEY = "dangjian-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = parseFloat(saved) || 0;
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    var restore = function () { window.scrollTo(0, y); };
    restore();
    window.addEventListener("load", restore);
    window.addEventListener("DOMContentLoaded", restore);
  }
  var server = null;
  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }
  function swapCSS(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var l = links[i];
      var u = new URL(l.getAttribute("href"), location.href);
      var match = !paths || !paths.length || paths.some(function (p) { return u.pathname === "/" + p || u.pathname.endsWith("/" + p); });
      if (!match) continue;
      u.searchParams.set("dangjian", String(Date.now()));
      l.href = u.pathname + u.search;
    }
  }
  var ID = "dangjian-error-overlay";
  function clearOverlay() {
    var o = document.getElementById(ID);
    if (o) o.remove();
  }
  function showOverlay(lines) {
    clearOverlay();
    if (!lines || !lines.length) return;
    var o = document.createElement("div");
    o.id = ID;
    o.setAttribute("role", "alert");
    o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(40,0,0,.92);color:#fff;font:16px/1.6 sans-serif;padding:24px;";
    var h = document.createElement("h2");
    h.textContent = "网站生成出错（浏览器中仍显示上次成功的版本，改正后自动消失）";
    h.style.cssText = "margin:0 0 12px;font-size:20px;color:#ffd7d7;";
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;word-break:break-all;margin:0;font:15px/1.6 monospace;";
    pre.textContent = lines.join("\n");
    o.appendChild(h);
    o.appendChild(pre);
    (document.body || document.documentElement).appendChild(o);
  }
  function connect() {
    var es = new EventSource("` + eventsPath + `");
    es.addEventListener("state", function (e) {
      var st = JSON.parse(e.data);
      if (server !== null && server !== st.server) { reload(); return; }
      server = st.server;
      if (st.errors && st.errors.length) showOverlay(st.errors); else clearOverlay();
      // The server counts this tab from here on: a test waits for it before
      // an edit whose event the tab must not miss.
      window.dangjianListening = true;
    });
    es.addEventListener("reload", function () { reload(); });
    es.addEventListener("css", function (e) { clearOverlay(); swapCSS(JSON.parse(e.data).paths); });
    es.addEventListener("build-error", function (e) { showOverlay(JSON.parse(e.data).errors); });
    // The browser retries a dropped stream by itself; one it gave up on
    // (the server answered with an error while restarting) is opened again.
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) { es.close(); setTimeout(connect, 1000); }
    };
  }
  connect();
})();
`
