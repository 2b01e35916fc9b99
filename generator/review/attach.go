package review

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"regexp"
	"strings"

	"dangjian/generator/content"
	"dangjian/generator/diag"
)

// AttachmentKinds are the attachments whose text PrivacyInFile reads: the
// forms a 公示 name list or a sign-up sheet is published in.
var AttachmentKinds = map[string]bool{".docx": true, ".xlsx": true, ".csv": true, ".txt": true}

// PrivacyInFile finds unmasked resident ID and mobile numbers in an
// attachment under content/ (a .docx or .xlsx name list of a 公示, made
// from the internal one with its full numbers), which is published as it
// is: pages were checked, their attachments not. An ID number is an
// error, a mobile a warning (an attachment has no review:ignore, and a
// contact's mobile may be meant). rel is the file's path from the site
// folder; one problem per kind, with the count.
func PrivacyInFile(rel string, data []byte) []diag.Problem {
	text := attachmentText(path.Ext(strings.ToLower(rel)), data)
	if text == "" {
		return nil
	}
	page := &content.Page{Path: rel, Body: []byte(text), BodyLine: 1}
	var ids, phones []Finding
	for _, f := range newScanner(page, nil, modePrivacy).scan() {
		if f.Rule == RulePrivacyID {
			ids = append(ids, f)
		} else {
			phones = append(phones, f)
		}
	}
	var out []diag.Problem
	if len(ids) > 0 {
		out = append(out, diag.New(rel, 0, diag.MsgRevFileID, len(ids), ids[0].sargs[0]))
	}
	if len(phones) > 0 {
		out = append(out, diag.Warn(rel, 0, diag.MsgRevFilePhone, len(phones), phones[0].sargs[0]))
	}
	return out
}

// maxAttachmentXML is the most of one part of a .docx or .xlsx read.
const maxAttachmentXML = 32 << 20

var (
	xmlTag      = regexp.MustCompile(`<[^>]*>`)
	xmlBreaks   = regexp.MustCompile(`</w:p>|<w:br/>|<w:tab/>|</si>|</c>|</row>`)
	xmlEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")
)

// attachmentText is the text of an attachment, a paragraph or cell a line
// (Word splits a number over runs, so runs are joined without a space).
func attachmentText(ext string, data []byte) string {
	switch ext {
	case ".csv", ".txt":
		return string(data)
	case ".docx", ".xlsx":
	default:
		return ""
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !(ext == ".docx" && strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "/_rels/")) &&
			!(ext == ".xlsx" && (name == "xl/sharedstrings.xml" || strings.HasPrefix(name, "xl/worksheets/sheet"))) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		part, err := io.ReadAll(io.LimitReader(rc, maxAttachmentXML))
		rc.Close()
		if err != nil {
			continue
		}
		s := xmlBreaks.ReplaceAllString(string(part), "\n")
		b.WriteString(xmlEntities.Replace(xmlTag.ReplaceAllString(s, "")))
		b.WriteString("\n")
	}
	return b.String()
}
