package site

import (
	"os"
	"path/filepath"
	"strings"

	"dangjian/generator/diag"
	"dangjian/generator/review"
)

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
		probs = append(probs, attachmentFindings(f, s.Opt.Memo)...)
	}
	return probs
}

// maxAttachmentBytes is the largest attachment whose text is read.
const maxAttachmentBytes = 50 << 20

func attachmentFindings(f StaticFile, memo *FileMemo) []diag.Problem {
	fi, err := os.Stat(f.Abs)
	if err != nil {
		return nil
	}
	key := memoKey{"attachment", f.Abs + "\x00" + f.Source, fi.Size(), fi.ModTime()}
	if v, ok := memo.load(key); ok {
		return v.([]diag.Problem)
	}
	data, err := os.ReadFile(f.Abs)
	if err != nil {
		return nil
	}
	probs := review.PrivacyInFile(f.Source, data)
	memo.store(key, probs)
	return probs
}
