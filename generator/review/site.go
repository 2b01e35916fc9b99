package review

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/textfile"
)

// Whole-site checks: what an inspector sees on the portal as a whole, not
// in one page's text. The build prints them as warnings, and `dangjian
// review` lists them with the rest, so the officer meets them before the
// inspector does.

const (
	RuleSample       = "sample-text"
	RuleEmptySection = "empty-section"
	RuleHonorEntries = "honor-entries"
)

// sampleRe finds the "XX" that stands for a place or unit in sample text:
// dangjian init writes "XX市卫生健康委员会" into site.toml and the example
// unit, and officers' templates write XX县、XX医院 the same way.
var sampleRe = regexp.MustCompile(`(?i)(?:XX|ＸＸ)\p{Han}+`)

// quotedRe is a TOML text value on a line of site.toml.
var quotedRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// bodySampleRe is sample text in a page's text: an XX standing for a place
// or a body (XX市, XX医院). A 公示 masks names as 张XX同志, which is no
// sample, so the word after XX must be one of a place or a body.
var bodySampleRe = regexp.MustCompile(`(?:XX|ＸＸ)(?:市|县|区|省|州|镇|乡|街道|医院|卫生|单位|党委|党支部|委员会|机关|局)\p{Han}*`)

// sampleMarks are the words of dangjian init's example pages that no real
// page says: an officer who rewrote their titles may have left their text.
var sampleMarks = []string{"这是一条示例动态", "这是一个示例单位", "（示例）"}

// sampleInBody finds the first sample text in a page's Markdown; line
// counts from 0.
func sampleInBody(body []byte) (line int, text string) {
	if !bytes.Contains(body, []byte("XX")) && !bytes.Contains(body, []byte("ＸＸ")) && !bytes.Contains(body, []byte("示例")) {
		return 0, ""
	}
	for i, l := range bytes.Split(body, []byte("\n")) {
		if x := bodySampleRe.Find(l); x != nil {
			return i, string(x)
		}
		for _, m := range sampleMarks {
			if bytes.Contains(l, []byte(m)) {
				return i, m
			}
		}
	}
	return 0, ""
}

// Sample finds sample text left where every reader sees it: the site's
// title, description and footer in site.toml, the titles and summaries of
// pages, and their text.
func Sample(source string, pages []*content.Page) []Finding {
	var out []Finding
	if data, err := os.ReadFile(filepath.Join(source, config.FileName)); err == nil {
		titled, table := false, false
		for i, line := range strings.Split(string(textfile.UTF8(data)), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "[") {
				table = true // [[menu]] and [footer] have no site title
			}
			key, value, ok := strings.Cut(strings.TrimSpace(line), "=")
			key = strings.TrimSpace(key)
			if !ok || key != "title" && key != "description" && key != "copyright" {
				continue
			}
			m := quotedRe.FindStringSubmatch(value)
			if m == nil || table {
				continue
			}
			if key == "title" && strings.TrimSpace(m[1]) != "" {
				titled = true
			}
			if x := sampleRe.FindString(m[1]); x != "" {
				out = append(out, siteFinding(config.FileName, i+1, RuleSample, diag.MsgSampleText, key, x).fix(diag.SugRevSample))
			}
		}
		// Without one, every page's header and browser tab carry the
		// generic name (config.Defaults), and nothing would say so.
		if !titled {
			out = append(out, siteFinding(config.FileName, 0, RuleSample, diag.MsgConfigNoTitle, config.Defaults().Title).fix(diag.SugRevNoTitle))
		}
	}
	for _, p := range pages {
		for _, f := range []struct{ key, text string }{{"title", p.Title}, {"summary", p.Summary}} {
			if x := sampleRe.FindString(f.text); x != "" {
				out = append(out, siteFinding(p.Path, p.FieldLines[f.key], RuleSample, diag.MsgSampleText, f.key, x).fix(diag.SugRevSample))
			}
		}
		if line, x := sampleInBody(p.Body); x != "" {
			out = append(out, siteFinding(p.Path, p.BodyLine+line, RuleSample, diag.MsgSampleBody, x).fix(diag.SugRevSampleBody))
		}
	}
	return out
}

// EmptySections finds the columns of the menu that hold no published page:
// readers get a page that says 暂无内容, and an inspection counts a blank
// column (空白栏目) as a failure on its own. Sections whose updates
// site.toml times are left to Stale, which says the same for them. The
// logo gallery is blank when no published brand or unit has a logo.
func EmptySections(pages []*content.Page, cfg config.Config) []Finding {
	var out []Finding
	for _, m := range cfg.Menu {
		folder := strings.Trim(m.URL, "/")
		if folder == "" || strings.ContainsAny(folder, "/.:?#") || cfg.Review.UpdateDays[folder] > 0 {
			continue
		}
		if folder == "gallery" {
			if logos(pages) == 0 {
				out = append(out, siteFinding(config.FileName, 0, RuleEmptySection, diag.MsgRevEmptyGallery, m.Name).fix(diag.SugRevEmptyGallery))
			}
			continue
		}
		exists, index, published, drafts := false, "", 0, 0
		for _, p := range pages {
			if p.Section != folder {
				continue
			}
			exists = true
			switch {
			case p.IsIndex:
				index = p.Path
			case p.Draft:
				drafts++
			default:
				published++
			}
		}
		if !exists || published > 0 {
			continue // a menu item that names no folder is the link check's
		}
		path, line := "content/"+folder, 0
		if index != "" {
			path, line = index, 1
		}
		f := siteFinding(path, line, RuleEmptySection, diag.MsgRevEmptySection, m.Name, folder)
		if drafts > 0 {
			f.msg, f.args = diag.MsgRevEmptyDrafts, []any{m.Name, folder, drafts}
		}
		out = append(out, f.fix(diag.SugRevEmptySection))
	}
	return out
}

// logos counts the published pages whose logo the gallery shows.
func logos(pages []*content.Page) int {
	n := 0
	for _, p := range pages {
		if !p.IsIndex && !p.Draft && p.Logo() != "" && content.LogoPath(p.Logo()) != content.PlaceholderLogo {
			n++
		}
	}
	return n
}

// HonorsWithoutEntries finds 荣誉榜 pages with no [[honors]] entry: their
// names are then only text (a table imported from Word, say), which the
// statistics, the honor highlights and the winners' unit pages never count.
func HonorsWithoutEntries(pages []*content.Page) []Finding {
	var out []Finding
	for _, p := range pages {
		if p.Honor == nil || p.IsIndex || len(p.Honor.Honors) > 0 {
			continue
		}
		line := p.FieldLines["title"]
		if line == 0 {
			line = 1
		}
		out = append(out, siteFinding(p.Path, line, RuleHonorEntries, diag.MsgHonorNoEntries).fix(diag.SugRevHonorEntries))
	}
	return out
}

func siteFinding(path string, line int, rule string, msg diag.Msg, args ...any) Finding {
	col := 0
	if line > 0 {
		col = 1
	}
	return Finding{Path: path, Line: line, Column: col, Rule: rule, Severity: SevWarning, msg: msg, args: args}
}

func (f Finding) fix(sug diag.Msg) Finding {
	f.sug = sug
	return f
}

// Warnings are findings as the build prints its warnings (path:line: …).
// Their messages say the fix already; the review's short suggestion is for
// its table.
func Warnings(fs []Finding) []diag.Problem {
	out := make([]diag.Problem, 0, len(fs))
	for _, f := range fs {
		out = append(out, diag.Warn(f.Path, f.Line, f.msg, f.args...))
	}
	return out
}
