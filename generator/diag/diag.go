// Package diag holds the problems a build finds in a site: each one names the
// file, the line and (where there is one) the field, and is printed in the
// officer's language. Problems are data; the CLI decides how to print them.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity tells an error (the build fails) from a warning (it goes on).
type Severity int

const (
	Error Severity = iota
	Warning
)

// Lang is the language messages are printed in.
type Lang string

const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// LangFromEnv picks English when LANG (or LC_ALL) starts with "en", as
// PORTAL.md says; everything else gets Chinese.
func LangFromEnv(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(v, "en") {
				return English
			}
			return Chinese
		}
	}
	return Chinese
}

// Problem is one thing wrong with one place in the site.
type Problem struct {
	Path     string // slash-separated, relative to the site source, e.g. content/units/a.md
	Line     int    // 1-based; 0 when the problem is the whole file
	Severity Severity
	Msg      Msg
	Args     []any
}

// New makes an error-severity problem.
func New(path string, line int, msg Msg, args ...any) Problem {
	return Problem{Path: path, Line: line, Msg: msg, Args: args}
}

// Warn makes a warning.
func Warn(path string, line int, msg Msg, args ...any) Problem {
	return Problem{Path: path, Line: line, Severity: Warning, Msg: msg, Args: args}
}

// Format renders "path:line: message" in the given language.
func (p Problem) Format(lang Lang) string {
	text := p.Msg.Text(lang, p.Args...)
	switch {
	case p.Path == "":
		return text
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, text)
	default:
		return fmt.Sprintf("%s: %s", p.Path, text)
	}
}

// Error implements error, in Chinese (the default language).
func (p Problem) Error() string { return p.Format(Chinese) }

// List collects problems from many goroutines.
type List struct {
	mu       sync.Mutex
	problems []Problem
}

// Add records problems; safe for concurrent use.
func (l *List) Add(ps ...Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, ps...)
	l.mu.Unlock()
}

// Problems returns every problem sorted by path, then line, errors first.
func (l *List) Problems() []Problem {
	l.mu.Lock()
	out := append([]Problem(nil), l.problems...)
	l.mu.Unlock()
	Sort(out)
	return out
}

// HasErrors reports whether any problem is an error (not a warning).
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders problems by path, errors before warnings, then line.
func Sort(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Line < b.Line
	})
}

// Errors is a failed build's error: every problem it found.
type Errors []Problem

func (e Errors) Error() string {
	var b strings.Builder
	for i, p := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Format prints every problem in the given language, one a line.
func (e Errors) Format(lang Lang) string {
	var b strings.Builder
	for i, p := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Format(lang))
	}
	return b.String()
}
