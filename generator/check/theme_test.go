package check

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// check reports a missing attachment as build does: an error at the line
// of the attachments field.
func TestCheckAttachments(t *testing.T) {
	src := sitetest.Write(t, `
-- site.toml --
title = "测试"
-- content/news/a.md --
+++
title = "通知"
date = 2024-03-01
category = "通知公告"
attachments = ["files/有.pdf", "files/没有.docx"]
+++
正文
-- content/files/有.pdf --
%PDF
`)
	res := Run(Options{Source: src, Now: testNow})
	var got []string
	for _, p := range res.Problems {
		if p.Severity == diag.Error {
			got = append(got, p.Error())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/news/a.md:5: 附件 "files/没有.docx" 不存在`) {
		t.Errorf("errors %q, want one for files/没有.docx at content/news/a.md:5", got)
	}
}
