package serve

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/review"
	"dangjian/generator/site"
)

// The preview's review panel: every page loads a small script that asks
// the server for the publication review's findings on the page's source
// file and, when there are some, shows them in a corner panel. The file is
// read and reviewed again on each request, so the panel follows every save.
const (
	reviewPath       = "/__dangjian/review"
	reviewScriptPath = "/__dangjian/review.js"
)

// reviewer answers the panel's requests.
type reviewer struct {
	source string
	lang   diag.Lang
	pages  atomic.Pointer[map[string]string] // page URL → source path (content/…)
}

// update records the pages of the last good build. It runs on the goroutine
// that builds, so it may read the site.
func (rv *reviewer) update(s *site.Site) {
	if s == nil {
		return
	}
	m := make(map[string]string, len(s.Content.Pages))
	for _, p := range s.Content.Pages {
		m[p.URL] = p.Path
	}
	rv.pages.Store(&m)
}

func (rv *reviewer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == reviewScriptPath {
		send(w, r, http.StatusOK, "review.js", []byte(reviewScript))
		return
	}
	findings := []review.Finding{}
	if m := rv.pages.Load(); m != nil {
		if rel, ok := (*m)[r.URL.Query().Get("page")]; ok {
			if fs := rv.review(rel); fs != nil {
				findings = fs
			}
		}
	}
	data, _ := json.Marshal(findings)
	send(w, r, http.StatusOK, "review.json", data)
}

// review reads a page's file again and reviews it.
func (rv *reviewer) review(rel string) []review.Finding {
	data, err := os.ReadFile(filepath.Join(rv.source, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	rules, err := review.LoadRules(rv.source)
	if err != nil {
		// Not the page's fault, but the panel must not read as "nothing
		// wrong" while the site's word list is not being applied.
		return []review.Finding{{Rule: "word-list", Severity: review.SevError, Message: err.Error()}}
	}
	p, _ := content.Parse(strings.TrimPrefix(rel, "content/"), data)
	return review.Page(p, rules, rv.lang)
}

// reviewScript draws the panel with textContent only: a finding quotes the
// page's text, which must never become markup.
const reviewScript = `(function () {
  "use strict";
  var ID = "dangjian-review-panel";
  fetch("` + reviewPath + `?page=" + encodeURIComponent(decodeURIComponent(location.pathname)))
    .then(function (r) { return r.json(); })
    .then(function (list) {
      if (!list || !list.length) return;
      var errors = list.filter(function (f) { return f.severity === "error"; }).length;
      var box = document.createElement("aside");
      box.id = ID;
      box.setAttribute("aria-label", "发布审核");
      box.style.cssText = "position:fixed;right:12px;bottom:12px;z-index:2147483646;max-width:min(36em,90vw);max-height:40vh;overflow:auto;background:#fffbe6;color:#222;border:2px solid " + (errors ? "#b00" : "#c90") + ";border-radius:6px;font:14px/1.5 sans-serif;padding:8px 12px;box-shadow:0 2px 8px rgba(0,0,0,.3);";
      var head = document.createElement("div");
      head.style.cssText = "font-weight:bold;margin-bottom:4px;";
      head.textContent = "发布审核：" + errors + " 个错误，" + (list.length - errors) + " 个警告（dangjian review）";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", "关闭");
      close.style.cssText = "float:right;border:0;background:none;font-size:18px;cursor:pointer;";
      close.onclick = function () { box.remove(); };
      head.appendChild(close);
      box.appendChild(head);
      var ol = document.createElement("ol");
      ol.style.cssText = "margin:0;padding-left:1.5em;";
      list.forEach(function (f) {
        var li = document.createElement("li");
        li.textContent = (f.line ? f.line + ":" + f.column + " " : "") + "[" + f.rule + "] " + f.message + (f.suggestion ? " → " + f.suggestion : "");
        if (f.severity === "error") li.style.color = "#900";
        ol.appendChild(li);
      });
      box.appendChild(ol);
      (document.body || document.documentElement).appendChild(box);
    })
    .catch(function () {});
})();
`
