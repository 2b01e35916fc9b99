package review

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"time"

	"dangjian/generator/diag"
)

// Text prints the report: path:line:column: [rule] message → suggestion,
// a blank line between files, then a count.
func Text(w io.Writer, rep *Report, lang diag.Lang) {
	for _, p := range rep.Problems {
		fmt.Fprintln(w, p.Format(lang))
	}
	prev := ""
	for i, f := range rep.Findings {
		if i > 0 && f.Path != prev {
			fmt.Fprintln(w)
		}
		prev = f.Path
		fmt.Fprintf(w, "%s: [%s] %s → %s\n", f.Location(), f.Rule, f.Message, f.Suggestion)
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintln(w)
	}
	errs := rep.Errors()
	fmt.Fprintln(w, diag.MsgRevSummary.Text(lang, rep.Pages, errs, len(rep.Findings)-errs))
}

// JSON prints the findings as an array of {path, line, column, rule,
// severity, message, suggestion}.
func JSON(w io.Writer, rep *Report) error {
	fs := rep.Findings
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// sheetPage is one page of the review sheet.
type sheetPage struct {
	Path, Title string
	Findings    []Finding
}

// HTML writes the printable review sheet (审核表): per page its findings
// and the 初审/复审/终审 signature lines, for the office's records.
// html/template escapes everything that came from the content.
func HTML(w io.Writer, rep *Report, now time.Time) error {
	var pages []sheetPage
	for _, f := range rep.Findings {
		if len(pages) == 0 || pages[len(pages)-1].Path != f.Path {
			pages = append(pages, sheetPage{Path: f.Path, Title: rep.titles[f.Path]})
		}
		last := &pages[len(pages)-1]
		last.Findings = append(last.Findings, f)
	}
	errs := rep.Errors()
	problems := map[string]int{}
	for _, f := range rep.Findings {
		problems[f.Path]++
	}
	type draftRow struct {
		PageRef
		Problems int
	}
	var drafts []draftRow
	for _, d := range rep.Drafts {
		drafts = append(drafts, draftRow{d, problems[d.Path]})
	}
	return sheetTemplate.Execute(w, map[string]any{
		"Drafts":   drafts,
		"Title":    rep.Title,
		"Date":     now.Format("2006年1月2日"),
		"Pages":    pages,
		"Reviewed": rep.Pages,
		"Errors":   errs,
		"Warnings": len(rep.Findings) - errs,
		"Clean":    rep.Pages - len(pages),
	})
}

var sheetTemplate = template.Must(template.New("sheet").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{.Title}} 网站内容发布审核表</title>
<style>
body { font: 15px/1.6 "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #000; margin: 2em; }
h1 { text-align: center; font-size: 22px; margin: 0 0 .3em; }
.meta { text-align: center; margin: 0 0 1.5em; }
section { border: 1px solid #000; padding: .6em .8em; margin: 0 0 1.5em; page-break-inside: avoid; break-inside: avoid; }
h2 { font-size: 16px; margin: 0 0 .4em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: .25em .4em; text-align: left; vertical-align: top; }
td.where { white-space: nowrap; }
.error { font-weight: bold; }
.sign td { height: 2.6em; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>网站内容发布审核表</h1>
<p class="meta">{{.Title}} · 审核日期 {{.Date}} · 共审核 {{.Reviewed}} 个页面，{{.Errors}} 个错误，{{.Warnings}} 个警告，{{.Clean}} 个页面未发现问题</p>
{{with .Drafts}}<section>
<h2>待发布的页面（草稿，共 {{len .}} 篇）</h2>
<table>
<thead><tr><th>标题</th><th>文件</th><th>日期</th><th>问题</th></tr></thead>
<tbody>
{{range .}}<tr{{if .Problems}} class="error"{{end}}><td>{{.Title}}</td><td>{{.Path}}</td><td>{{.Date}}</td><td>{{if .Problems}}{{.Problems}} 处，见下文{{else}}未发现问题{{end}}</td></tr>
{{end}}</tbody>
</table>
{{template "sign"}}
</section>
{{end}}{{range .Pages}}<section>
<h2>{{with .Title}}{{.}}<br>{{end}}{{.Path}}</h2>
<table>
<thead><tr><th>位置</th><th>规则</th><th>级别</th><th>问题</th><th>修改建议</th></tr></thead>
<tbody>
{{range .Findings}}<tr{{if eq .Severity "error"}} class="error"{{end}}><td class="where">{{.Line}}:{{.Column}}</td><td>{{.Rule}}</td><td>{{if eq .Severity "error"}}错误{{else}}警告{{end}}</td><td>{{.Message}}</td><td>{{.Suggestion}}</td></tr>
{{end}}</tbody>
</table>
{{template "sign"}}
</section>
{{else}}<p>未发现问题。</p>
{{if not $.Drafts}}{{template "sign"}}
{{end}}{{end}}</body>
</html>
{{define "sign"}}<table class="sign">
<thead><tr><th>审核环节</th><th>审核意见</th><th>审核人签名</th><th>日期</th></tr></thead>
<tbody>
<tr><td>初审</td><td></td><td></td><td></td></tr>
<tr><td>复审</td><td></td><td></td><td></td></tr>
<tr><td>终审</td><td></td><td></td><td></td></tr>
</tbody>
</table>{{end}}`))
