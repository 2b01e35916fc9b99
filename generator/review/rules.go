package review

import (
	"dangjian/generator/textfile"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Rule ids, as they appear in the report, in review_ignore and in
// <!-- review:ignore rule --> comments.
const (
	RuleOutdated     = "outdated-term"
	RuleTypo         = "typo"
	RulePrivacyID    = "privacy-id"
	RulePrivacyPhone = "privacy-phone"
	RuleAdWord       = "ad-word"
	RuleDocNumber    = "doc-number"
	RulePunctuation  = "punctuation"
	RuleUnbalanced   = "unbalanced"
	RuleStale        = "stale-section"
)

// Severity of a finding: an error makes `dangjian review` exit 1.
const (
	SevError   = "error"
	SevWarning = "warning"
)

// Term is one word of a word list: the built-in one (data/terms.toml) or a
// site's own (review/*.toml).
type Term struct {
	Rule     string    `toml:"rule"`
	Find     string    `toml:"find"`
	Replace  string    `toml:"replace"`
	Since    time.Time `toml:"-"`
	Severity string    `toml:"severity"`
	Note     string    `toml:"note"` // shown in the message (why the word is wrong)
	Source   string    `toml:"-"`    // file and line, for a bad entry
}

// termFile is the shape of a word list file.
type termFile struct {
	Term []struct {
		Rule     string `toml:"rule"`
		Find     string `toml:"find"`
		Replace  string `toml:"replace"`
		Since    any    `toml:"since"`
		Severity string `toml:"severity"`
		Note     string `toml:"note"`
	} `toml:"term"`
	Allow []struct {
		Find string `toml:"find"`
	} `toml:"allow"`
}

//go:embed data/terms.toml
var builtinTerms string

// Rules is the compiled word list of one site.
type Rules struct {
	Terms []Term // index = matcher word id; Rule "" is an allowed word
	m     *matcher
}

// LoadRules compiles the built-in word list and the site's review/*.toml
// (source is the site folder; "" for the built-in list alone). A site term
// with the same find as a built-in one replaces it.
func LoadRules(source string) (*Rules, error) {
	byFind := map[string]Term{}
	var order []string
	add := func(t Term) {
		if _, ok := byFind[t.Find]; !ok {
			order = append(order, t.Find)
		}
		byFind[t.Find] = t
	}
	if err := parseTerms("data/terms.toml", builtinTerms, add); err != nil {
		return nil, err
	}
	if source != "" {
		files, _ := filepath.Glob(filepath.Join(source, "review", "*.toml"))
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			rel := "review/" + filepath.Base(f)
			if err := parseTerms(rel, string(textfile.UTF8(data)), add); err != nil {
				return nil, err
			}
		}
	}
	r := &Rules{}
	words := make([]string, 0, len(order))
	for _, f := range order {
		r.Terms = append(r.Terms, byFind[f])
		words = append(words, f)
	}
	r.m = newMatcher(words)
	return r, nil
}

func parseTerms(name, data string, add func(Term)) error {
	var tf termFile
	md, err := toml.Decode(data, &tf)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("%s: unknown key %q", name, und[0].String())
	}
	for i, t := range tf.Term {
		where := fmt.Sprintf("%s: [[term]] #%d", name, i+1)
		t.Find = strings.TrimSpace(t.Find)
		if t.Find == "" {
			return fmt.Errorf("%s: find is empty", where)
		}
		if t.Rule == "" {
			t.Rule = RuleOutdated
		}
		switch t.Severity {
		case "":
			t.Severity = SevError
		case SevError, SevWarning:
		default:
			return fmt.Errorf("%s: severity %q (error or warning)", where, t.Severity)
		}
		term := Term{Rule: t.Rule, Find: t.Find, Replace: t.Replace, Severity: t.Severity, Note: t.Note, Source: where}
		switch s := t.Since.(type) {
		case nil:
		case time.Time:
			term.Since = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
		case string:
			d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
			if err != nil {
				return fmt.Errorf("%s: since %q is not a date like 2018-03-27", where, s)
			}
			term.Since = d
		default:
			return fmt.Errorf("%s: since is not a date like 2018-03-27", where)
		}
		add(term)
	}
	for _, a := range tf.Allow {
		if f := strings.TrimSpace(a.Find); f != "" {
			add(Term{Find: f})
		}
	}
	return nil
}
