package review

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"dangjian/generator/config"
	"dangjian/generator/diag"
	"dangjian/generator/textfile"
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
			// Notepad saves CRLF; lines are counted on LF.
			text := strings.ReplaceAll(string(textfile.UTF8(data)), "\r\n", "\n")
			if err := parseTerms(rel, text, add); err != nil {
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
	md, err := config.DecodeTOML(data, &tf)
	if err != nil {
		return config.TOMLProblemIn(diag.MsgRevListTOML, name, err, []byte(data))
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		entry := 0
		if len(k) > 1 {
			entry = entryIndex(md, k)
		}
		return diag.New(name, keyLine(data, k[0], entry, k[len(k)-1]), diag.MsgRevListUnknown, k[len(k)-1])
	}
	for i, t := range tf.Term {
		at := func(key string) int { return keyLine(data, "term", i+1, key) }
		t.Find = strings.TrimSpace(t.Find)
		if t.Find == "" {
			return diag.New(name, at("find"), diag.MsgRevListNoFind)
		}
		if t.Rule == "" {
			t.Rule = RuleOutdated
		}
		switch strings.TrimSpace(t.Severity) {
		case "", SevError, "错误":
			t.Severity = SevError
		case SevWarning, "警告":
			t.Severity = SevWarning
		default:
			return diag.New(name, at("severity"), diag.MsgRevListSev, t.Severity)
		}
		term := Term{Rule: t.Rule, Find: t.Find, Replace: t.Replace, Severity: t.Severity, Note: t.Note,
			Source: fmt.Sprintf("%s:%d", name, at("find"))}
		switch s := t.Since.(type) {
		case nil:
		case time.Time:
			term.Since = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
		case string:
			if d, ok := config.FixDate(s); ok {
				s = d
			}
			d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
			if err != nil {
				return diag.New(name, at("since"), diag.MsgRevListSince, fmt.Sprintf("%q", s))
			}
			term.Since = d
		default:
			return diag.New(name, at("since"), diag.MsgRevListSince, fmt.Sprint(s))
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

// entryIndex is which [[term]] or [[allow]] (1-based) an undecoded key of
// one is in: the decoder lists the array's entries in order, so it is the
// number of its tables seen up to the key.
func entryIndex(md toml.MetaData, key toml.Key) int {
	n := 0
	for _, k := range md.Keys() {
		if len(k) == 1 && k[0] == key[0] {
			n++
		}
		if k.String() == key.String() {
			return n
		}
	}
	return n
}

// keyLine is the line of key in the entry-th [[table]] of a word list (the
// entry's header line when the key is not written; 0 for a top-level key
// not found). toml.MetaData has no positions, and a word list is short.
func keyLine(data, table string, entry int, key string) int {
	header, n := 0, 0
	for i, line := range strings.Split(data, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			if entry > 0 && n == entry {
				break // past the entry
			}
			if strings.ReplaceAll(t, " ", "") == "[["+table+"]]" {
				n++
				if n == entry {
					header = i + 1
				}
			}
			continue
		}
		if n != entry {
			continue
		}
		if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return header
}
