package render

import (
	"fmt"
	"html/template"
	"path"
	"regexp"
	"strconv"
	"strings"

	"dangjian/generator/diag"
	"dangjian/generator/theme"
)

// Templates are a theme's layouts, parsed once per build: for every page
// layout a set made of the base layout, the partials and that layout, so
// each layout's "main" block fills the base.
type Templates struct {
	sets    map[string]*template.Template // layout name (e.g. "news/single.html") → set
	sources map[string]string             // template name → file it came from
}

// ParseTemplates reads layouts/ of the layered theme.
func ParseTemplates(th *theme.Theme, funcs template.FuncMap) (*Templates, []diag.Problem) {
	files, err := th.Files("layouts")
	if err != nil {
		return nil, []diag.Problem{diag.New("layouts", 0, diag.MsgReadFailed, err)}
	}
	t := &Templates{sets: map[string]*template.Template{}, sources: map[string]string{}}
	common := template.New("").Funcs(funcs)
	var layouts []theme.File
	var probs []diag.Problem
	for _, f := range files {
		if path.Ext(f.Rel) != ".html" {
			continue
		}
		t.sources[f.Rel] = f.Source
		if f.Rel == "_default/baseof.html" || strings.HasPrefix(f.Rel, "partials/") {
			src, err := f.Read()
			if err == nil {
				_, err = common.New(f.Rel).Parse(string(src))
			}
			if err != nil {
				probs = append(probs, t.problem(err))
			}
			continue
		}
		layouts = append(layouts, f)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	for _, f := range layouts {
		set, err := common.Clone()
		if err == nil {
			var src []byte
			src, err = f.Read()
			if err == nil {
				_, err = set.New(f.Rel).Parse(string(src))
			}
		}
		if err != nil {
			probs = append(probs, t.problem(err))
			continue
		}
		t.sets[f.Rel] = set
	}
	return t, probs
}

// Has reports whether a layout exists.
func (t *Templates) Has(name string) bool { return t.sets[name] != nil }

// Lookup returns the first layout that exists of the names given.
func (t *Templates) Lookup(names ...string) (string, bool) {
	for _, n := range names {
		if t.sets[n] != nil {
			return n, true
		}
	}
	return "", false
}

// set returns the template to execute for a layout: the base layout, or the
// layout itself when it stands alone (no "main" block, e.g. a feed).
func (t *Templates) set(name string) (*template.Template, string) {
	s := t.sets[name]
	if s == nil {
		return nil, ""
	}
	if s.Lookup("main") != nil && s.Lookup("_default/baseof.html") != nil {
		return s, "_default/baseof.html"
	}
	return s, name
}

var templateErrRe = regexp.MustCompile(`template: ([^:]+):(\d+)(?::\d+)?: (.*)`)

// problem turns a template error into a problem naming the template file and
// line, which html/template puts in its message.
func (t *Templates) problem(err error) diag.Problem {
	m := templateErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.New("layouts", 0, diag.MsgTemplate, err.Error())
	}
	line, _ := strconv.Atoi(m[2])
	src := t.sources[m[1]]
	if src == "" {
		src = m[1]
	}
	msg := m[3]
	// html/template repeats "template: name:line:" inside; keep the officer's part.
	if sub := templateErrRe.FindStringSubmatch(msg); sub != nil {
		msg = sub[3]
	}
	return diag.New(src, line, diag.MsgTemplate, msg)
}

// execError wraps an execution error with the template file and line.
func (t *Templates) execError(err error, page string) diag.Problem {
	p := t.problem(err)
	p.Args = []any{fmt.Sprintf("%s（页面 %s）", p.Args[0], page)}
	return p
}
