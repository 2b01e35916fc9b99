// Package review is the publication review (dangjian review): it reads every
// page of a site, front matter strings and body, and reports what gets a
// government or hospital portal reported on inspection: old names of
// bodies, misspelt political terms, unmasked ID and mobile numbers, words
// forbidden in medical advertising, malformed document numbers, half-width
// punctuation in Chinese text, unpaired brackets and sections left without
// updates. Each finding names its file, line and column.
//
// It is fed by the content model (generator/content) and site.toml; it
// never reads rendered output. The build calls Privacy, the rules that must
// stop a build, on the pages it loaded.
package review

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/theme"
)

// Finding is one thing the review found.
type Finding struct {
	Path       string `json:"path"` // relative to the site folder: content/news/a.md
	Line       int    `json:"line"`
	Column     int    `json:"column"` // in characters (runes), from 1
	Rule       string `json:"rule"`
	Severity   string `json:"severity"` // error or warning
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`

	msg, sug    diag.Msg
	args, sargs []any
}

// localize writes the message and suggestion in lang.
func (f *Finding) localize(lang diag.Lang) {
	f.Message = f.msg.Text(lang, f.args...)
	f.Suggestion = f.sug.Text(lang, f.sargs...)
}

// Options are the review command's flags.
type Options struct {
	Source string    // site folder
	Lang   diag.Lang // language of the messages
	Now    time.Time // for stale-section; time.Now() when zero
}

// Report is the outcome of a review.
type Report struct {
	Title    string // the site's title (site.toml)
	Pages    int
	Findings []Finding // grouped by file, errors before warnings, then by line and column
	// Drafts are the pages about to be published (draft = true), in file
	// order: the review sheet lists them, problems or not, so that the
	// 初审/复审/终审 signatures name what they approved.
	Drafts []PageRef
	titles map[string]string // every page's title by path, for the sheet
	// Problems are what stopped the content from loading at all (bad front
	// matter, a bad word list): the review names them as the build would.
	Problems []diag.Problem
}

// PageRef names a page on the review sheet.
type PageRef struct {
	Path, Title, Date string
}

// Unpublishable are the errors found on pages that are published (not
// drafts): deploy and package refuse to send a site that has one, since
// what fails the review must not reach the public site.
func (r *Report) Unpublishable() []Finding {
	drafts := map[string]bool{}
	for _, d := range r.Drafts {
		drafts[d.Path] = true
	}
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == SevError && !drafts[f.Path] {
			out = append(out, f)
		}
	}
	return out
}

// Errors counts the findings of severity error.
func (r *Report) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == SevError {
			n++
		}
	}
	return n
}

// Run reviews the site in opt.Source.
func Run(opt Options) *Report {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	rep := &Report{}
	cfg, probs := config.Load(opt.Source)
	rep.Problems = append(rep.Problems, probs...)
	rep.Title = cfg.Title
	rules, err := LoadRules(opt.Source)
	if err != nil {
		var p diag.Problem
		if !errors.As(err, &p) {
			p = diag.New("review", 0, diag.MsgRevRulesFailed, err)
		}
		rep.Problems = append(rep.Problems, p)
		return rep
	}
	cs, probs := content.Load(filepath.Join(opt.Source, "content"))
	for _, p := range probs {
		if p.Severity == diag.Error {
			rep.Problems = append(rep.Problems, p)
		}
	}
	// Drafts are reviewed too: a draft is what is about to be published.
	rep.Pages = len(cs.Pages)
	rep.titles = map[string]string{}
	for _, p := range cs.Pages {
		rep.titles[p.Path] = p.Title
		if p.Draft && !p.IsIndex {
			ref := PageRef{Path: p.Path, Title: p.Title}
			if p.HasDate {
				ref.Date = p.Date.Format("2006年1月2日")
			}
			rep.Drafts = append(rep.Drafts, ref)
		}
	}
	sort.Slice(rep.Drafts, func(i, j int) bool { return rep.Drafts[i].Path < rep.Drafts[j].Path })
	rep.Findings = Pages(cs.Pages, rules)
	rep.Findings = append(rep.Findings, Stale(cs.Pages, cfg, labels(opt.Source, cfg), opt.Now)...)
	rep.Findings = append(rep.Findings, Sample(opt.Source, cs.Pages)...)
	rep.Findings = append(rep.Findings, EmptySections(cs.Pages, cfg)...)
	rep.Findings = append(rep.Findings, HonorsWithoutEntries(cs.Pages)...)
	for i := range rep.Findings {
		rep.Findings[i].localize(opt.Lang)
	}
	Sort(rep.Findings)
	return rep
}

// Pages reviews pages on all cores with every rule but stale-section.
func Pages(pages []*content.Page, rules *Rules) []Finding {
	return scanAll(pages, rules, modeAll)
}

func scanAll(pages []*content.Page, rules *Rules, m mode) []Finding {
	per := make([][]Finding, len(pages))
	var next sync.WaitGroup
	work := make(chan int, 256)
	for range runtime.GOMAXPROCS(0) {
		next.Add(1)
		go func() {
			defer next.Done()
			for i := range work {
				per[i] = newScanner(pages[i], rules, m).scan()
			}
		}()
	}
	for i := range pages {
		work <- i
	}
	close(work)
	next.Wait()
	var out []Finding
	for _, f := range per {
		out = append(out, f...)
	}
	return out
}

// Privacy returns the unmasked ID and mobile numbers of pages as build
// errors (path:line): an ID number must not reach the public site by
// accident. review_ignore and <!-- review:ignore --> silence them as they
// do in the review.
func Privacy(pages []*content.Page) []diag.Problem {
	var out []diag.Problem
	for _, f := range scanAll(pages, nil, modePrivacy) {
		msg := diag.MsgRevBuildPhone
		if f.Rule == RulePrivacyID {
			msg = diag.MsgRevBuildID
		}
		out = append(out, diag.New(f.Path, f.Line, msg, f.Column, f.args[0], f.sargs[0]))
	}
	return out
}

// Sort orders findings by file, then errors before warnings, then by line
// and column.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Severity != b.Severity {
			return a.Severity == SevError
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
}

// Stale reports each section of site.toml's [review] update_days whose
// newest published page is older than the days allow.
func Stale(pages []*content.Page, cfg config.Config, labels map[string]string, now time.Time) []Finding {
	var out []Finding
	folders := make([]string, 0, len(cfg.Review.UpdateDays))
	for f := range cfg.Review.UpdateDays {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	for _, folder := range folders {
		days := cfg.Review.UpdateDays[folder]
		if days <= 0 {
			continue
		}
		label := labels["section_"+folder]
		if label == "" {
			label = folder
		}
		var newest *content.Page
		index := ""
		// A date after today is a slip of the year (2062 for 2026), not an
		// update: it must not hide a column that has not been kept up.
		endOfToday := time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 59, 0, time.UTC)
		for _, p := range pages {
			if p.Section != folder || p.Draft {
				continue
			}
			if p.IsIndex {
				index = p.Path
				continue
			}
			if p.HasDate && !p.Date.After(endOfToday) && (newest == nil || p.Date.After(newest.Date)) {
				newest = p
			}
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		if newest == nil {
			path, line, col := "content/"+folder, 0, 0
			if index != "" {
				path, line, col = index, 1, 1
			}
			out = append(out, Finding{Path: path, Line: line, Column: col, Rule: RuleStale, Severity: SevWarning,
				msg: diag.MsgRevStaleEmpty, args: []any{label, days}, sug: diag.SugRevStale})
			continue
		}
		d := newest.Date
		age := int(today.Sub(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24)
		if age <= days {
			continue
		}
		line, col := newest.FieldLines["date"], 1
		if line == 0 {
			line = 1
		}
		out = append(out, Finding{Path: newest.Path, Line: line, Column: col, Rule: RuleStale, Severity: SevWarning,
			msg: diag.MsgRevStale, args: []any{label, age, d.Format("2006-01-02"), days}, sug: diag.SugRevStale})
	}
	return out
}

// labels reads the theme's translation table with site.toml's overrides, for
// the sections' Chinese names.
func labels(source string, cfg config.Config) map[string]string {
	out := map[string]string{}
	if th, err := theme.Open(source, cfg.Theme); err == nil {
		if f, ok := th.Lookup(".", "labels.toml"); ok {
			if data, err := f.Read(); err == nil {
				config.DecodeTOML(string(data), &out)
			}
		}
	}
	for k, v := range cfg.Labels {
		out[k] = v
	}
	return out
}

// Location formats a finding's place: path:line:column.
func (f Finding) Location() string {
	switch {
	case f.Line <= 0:
		return f.Path
	case f.Column <= 0:
		return fmt.Sprintf("%s:%d", f.Path, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
}

// Page reviews one page (the preview's panel), with messages in lang.
func Page(p *content.Page, rules *Rules, lang diag.Lang) []Finding {
	fs := newScanner(p, rules, modeAll).scan()
	for i := range fs {
		fs[i].localize(lang)
	}
	Sort(fs)
	return fs
}
