package render

import (
	"html/template"
	"testing"

	"dangjian/generator/content"
)

func TestTOCNumbered(t *testing.T) {
	h := func(texts ...string) []content.Heading {
		var out []content.Heading
		for _, s := range texts {
			out = append(out, content.Heading{Level: 2, Text: s})
		}
		return out
	}
	for _, tc := range []struct {
		toc  []content.Heading
		want bool
	}{
		{h("主要做法", "工作成效", "下步打算"), true},
		{h("一、创建目标", "二、创建标准"), false},
		{h("背景", "（一）部署快"), false},
		{h("(二) 落实好"), false},
		{h("1. 总体要求"), false},
		{h("2、工作安排"), false},
		{h("第一章 总则"), false},
		{h("2020 年工作回顾", "2021 年计划"), true},
		{h("十九大精神学习"), true},
	} {
		if got := TOCNumbered(tc.toc); got != tc.want {
			t.Errorf("TOCNumbered(%v) = %v, want %v", tc.toc, got, tc.want)
		}
	}
}

func TestSplitNotes(t *testing.T) {
	body := template.HTML(`<p>正文<sup class="footnote-ref"><a href="#fn1">1</a></sup></p>`)
	notes := template.HTML(`<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1">注</li></ol></div>`)
	if got := SplitNotes(body + notes); got.Body != body || got.Notes != notes {
		t.Errorf("SplitNotes = %+v", got)
	}
	if got := SplitNotes(body); got.Body != body || got.Notes != "" {
		t.Errorf("SplitNotes without notes = %+v", got)
	}
}
