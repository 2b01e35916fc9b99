package site

import (
	"bytes"
	"dangjian/generator/textfile"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"dangjian/generator/config"
	"dangjian/generator/diag"
	"dangjian/generator/review"
)

// sampleRe finds the "XX" that stands for a place or unit in sample text:
// dangjian init writes "XX市卫生健康委员会" into site.toml and the example
// unit, and officers' templates write XX县、XX医院 the same way.
var sampleRe = regexp.MustCompile(`(?i)(?:XX|ＸＸ)\p{Han}+`)

// quotedRe is a TOML text value on a line of site.toml.
var quotedRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// sampleText warns about sample text left where every reader sees it: the
// site's title, description and footer in site.toml, and the titles and
// summaries of published pages. Nothing is wrong for the build, so it is a
// warning, but it would otherwise reach the public site without a word.
func (s *Site) sampleText(source string) []diag.Problem {
	var probs []diag.Problem
	if data, err := os.ReadFile(filepath.Join(source, config.FileName)); err == nil {
		for i, line := range strings.Split(string(textfile.UTF8(data)), "\n") {
			key, value, ok := strings.Cut(strings.TrimSpace(line), "=")
			key = strings.TrimSpace(key)
			if !ok || key != "title" && key != "description" && key != "copyright" {
				continue
			}
			if m := quotedRe.FindStringSubmatch(value); m != nil {
				if x := sampleRe.FindString(m[1]); x != "" {
					probs = append(probs, diag.Warn(config.FileName, i+1, diag.MsgSampleText, key, x))
				}
			}
		}
	}
	for _, p := range s.Published {
		for _, f := range []struct{ key, text string }{{"title", p.Title}, {"summary", p.Summary}} {
			if x := sampleRe.FindString(f.text); x != "" {
				probs = append(probs, diag.Warn(p.Path, p.FieldLines[f.key], diag.MsgSampleText, f.key, x))
			}
		}
		if line, x := sampleInBody(p.Body); x != "" {
			probs = append(probs, diag.Warn(p.Path, p.BodyLine+line, diag.MsgSampleBody, x))
		}
	}
	return probs
}

// sampleMarks are the words of dangjian init's example pages that no real
// page says: the example news and unit are published as they are (the
// home page said "这段文字显示在首页，可以在 content/_index.md 中修改" to
// every reader), and an officer who fixed their titles left their text.
var sampleMarks = []string{"这是一条示例动态", "这是一个示例单位", "（示例）"}

// sampleInBody finds the first sample text in a page's Markdown: an XX
// standing for a name, or one of sampleMarks. line counts from 0.
func sampleInBody(body []byte) (line int, text string) {
	if !bytes.Contains(body, []byte("XX")) && !bytes.Contains(body, []byte("ＸＸ")) && !bytes.Contains(body, []byte("示例")) {
		return 0, ""
	}
	for i, l := range bytes.Split(body, []byte("\n")) {
		if x := sampleRe.Find(l); x != nil {
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

// emptyHonorLists warns about a published 荣誉榜 with no [[honors]] entry:
// its names are then only text (a table imported from Word, say), which the
// statistics, the honor highlights and the winners' unit pages never count.
func (s *Site) emptyHonorLists() []diag.Problem {
	var probs []diag.Problem
	for _, p := range s.Published {
		if p.Honor == nil || p.IsIndex || len(p.Honor.Honors) > 0 {
			continue
		}
		line := p.FieldLines["title"]
		if line == 0 {
			line = 1
		}
		probs = append(probs, diag.Warn(p.Path, line, diag.MsgHonorNoEntries))
	}
	return probs
}

// attachmentPrivacy checks the text of the attachments under content/
// (review.AttachmentKinds) for unmasked ID and mobile numbers: a 公示's
// name list attached as the internal Excel, with every ID number whole,
// was published without a word while its page was checked.
func (s *Site) attachmentPrivacy() []diag.Problem {
	var probs []diag.Problem
	for _, f := range s.Static {
		if f.Abs == "" || !review.AttachmentKinds[strings.ToLower(filepath.Ext(f.Rel))] || f.Size > maxAttachmentBytes {
			continue
		}
		probs = append(probs, attachmentFindings(f)...)
	}
	return probs
}

// maxAttachmentBytes is the largest attachment whose text is read.
const maxAttachmentBytes = 50 << 20

// attachmentChecks keeps each attachment's problems while its size and
// time are unchanged: serve rebuilds after every save.
var attachmentChecks sync.Map // photoKey → []diag.Problem

func attachmentFindings(f StaticFile) []diag.Problem {
	fi, err := os.Stat(f.Abs)
	if err != nil {
		return nil
	}
	key := photoKey{f.Abs + "\x00" + f.Source, fi.Size(), fi.ModTime()}
	if v, ok := attachmentChecks.Load(key); ok {
		return v.([]diag.Problem)
	}
	data, err := os.ReadFile(f.Abs)
	if err != nil {
		return nil
	}
	probs := review.PrivacyInFile(f.Source, data)
	attachmentChecks.Store(key, probs)
	return probs
}
