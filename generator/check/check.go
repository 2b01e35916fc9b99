// Package check finds everything wrong with a site without writing it: all
// that a build would refuse, and the mistakes a build lets through but a
// reader would meet — links and images that lead nowhere, anchors that name
// no heading, dates in the future, honors dated outside their list's year.
package check

import (
	"fmt"
	"io"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/output"
	"dangjian/generator/site"
)

// Options say which site to check, and when "now" is (for future dates).
type Options struct {
	Source string
	Now    time.Time
}

// Result is what a check found.
type Result struct {
	Problems []diag.Problem // sorted: by file, errors first, then by line
	Pages    int            // published pages checked
	Links    int            // internal links and images followed
}

// Errors counts the problems that would fail a build.
func (r *Result) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == diag.Error {
			n++
		}
	}
	return n
}

// Run checks the site at opt.Source. It renders the site in memory, as a
// build would, so that a link is judged against the very files the build
// makes (pages, feeds, the search index, static files), not a guess of them.
func Run(opt Options) *Result {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	st, probs := site.Load(site.Options{Source: opt.Source, Now: opt.Now}, nil)
	res := &Result{}
	if st == nil {
		res.Problems = dedupe(probs)
		return res
	}
	loadFailed := hasErrors(probs)

	mem := output.NewMemory()
	if st.Templates != nil {
		wprobs := write(st, mem)
		// After a content error a page may fail to render only because of
		// it (a brand whose unit is unknown); the build would not have got
		// this far, so neither do its messages.
		if !loadFailed {
			probs = append(probs, wprobs...)
		}
	}
	lprobs, followed := st.CheckLinks(mem, nil)
	probs = append(probs, lprobs...)
	for _, p := range st.Published {
		res.Pages++
		probs = append(probs, dates(p, opt.Now)...)
	}
	res.Links = followed
	res.Problems = dedupe(probs)
	return res
}

// write renders the site into memory. Pages recover from their own panics;
// this catches one anywhere else (feeds, the gallery, after a content error
// left something half-made), so check never crashes in the officer's face.
func write(st *site.Site, mem *output.Memory) (probs []diag.Problem) {
	defer func() {
		if v := recover(); v != nil {
			probs = append(probs, diag.New("", 0, diag.MsgRender, fmt.Sprint(v)))
		}
	}()
	_, probs = st.Write(mem, nil)
	return probs
}

func hasErrors(ps []diag.Problem) bool {
	for _, p := range ps {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}

// dedupe drops repeats (one mistake found by two stages) and sorts.
func dedupe(ps []diag.Problem) []diag.Problem {
	seen := map[string]bool{}
	var out []diag.Problem
	for _, p := range ps {
		key := fmt.Sprintf("%s\x00%d\x00%d\x00%s", p.Path, p.Line, p.Severity, p.Format(diag.English))
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	diag.Sort(out)
	return out
}

// dates warns about dates a reader would find odd: a page or an honor dated
// after today (usually a typo in the year), and an honor dated outside the
// year its list is for.
func dates(p *content.Page, now time.Time) []diag.Problem {
	var probs []diag.Problem
	local := now.Local()
	// Front matter dates keep their wall clock in UTC; compare like with like.
	today := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	future := func(d time.Time, line int) {
		if d.After(today) {
			probs = append(probs, diag.Warn(p.Path, line, diag.MsgFutureDate, d.Format("2006-01-02")))
		}
	}
	if p.HasDate {
		future(p.Date, p.FieldLines["date"])
	}
	if p.Model != nil && p.Model.HasAwarded {
		future(p.Model.Awarded, p.FieldLines["awarded"])
	}
	if p.Honor == nil {
		return probs
	}
	for _, h := range p.Honor.Honors {
		if !h.HasDate {
			continue
		}
		line := h.Lines.Of("date")
		if p.Honor.Year > 0 && h.Date.Year() != p.Honor.Year {
			probs = append(probs, diag.Warn(p.Path, line, diag.MsgHonorYear, h.Name, h.Date.Format("2006-01-02"), p.Honor.Year))
			continue
		}
		future(h.Date, line)
	}
	return probs
}

// Format writes a report: problems grouped by file (a blank line between
// files), errors before warnings, each as path:line: message, then a count.
func Format(w io.Writer, res *Result, lang diag.Lang) {
	prev := ""
	for i, p := range res.Problems {
		if i > 0 && p.Path != prev {
			fmt.Fprintln(w)
		}
		prev = p.Path
		if p.Severity == diag.Warning {
			p.Msg = diag.Msg{Zh: diag.MsgWarningPrefix.Zh + p.Msg.Zh, En: diag.MsgWarningPrefix.En + p.Msg.En}
		}
		fmt.Fprintln(w, p.Format(lang))
	}
	if len(res.Problems) > 0 {
		fmt.Fprintln(w)
	}
	errs := res.Errors()
	fmt.Fprintln(w, diag.MsgCheckSummary.Text(lang, res.Pages, res.Links, errs, len(res.Problems)-errs))
}
