package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/review"
)

func init() {
	register(&command{name: "review", order: 45, run: runReview,
		summary: [2]string{"发布前审核：旧称、错别字、身份证和手机号、广告禁用词、文号、标点、栏目更新", "publication review: old names, misspellings, ID and mobile numbers, ad words, document numbers, punctuation, stale sections"},
		usage:   [2]string{"[--source 目录] [--json] [--html 审核表.html]", "[--source DIR] [--json] [--html FILE]"},
		example: "dangjian review --html 审核表.html"})
}

// runReview prints the findings on stdout (the command's product); exit 1
// when one of them is an error.
func runReview(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("review", stderr, lang)
	source := fs.String("source", ".", pick(lang, "网站目录", "site folder"))
	asJSON := fs.Bool("json", false, pick(lang, "以 JSON 输出", "print JSON"))
	sheet := fs.String("html", "", pick(lang, "把可打印的审核表写入此文件", "write the printable review sheet to this file"))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), fs.Args())
		return exitUsage
	}
	now := time.Now()
	rep := review.Run(review.Options{Source: *source, Lang: lang, Now: now})
	if *asJSON {
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, p.Format(lang))
		}
		if err := review.JSON(stdout, rep); err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
	} else {
		review.Text(stdout, rep, lang)
	}
	if *sheet != "" {
		var buf bytes.Buffer
		err := review.HTML(&buf, rep, now)
		if err == nil {
			err = os.WriteFile(*sheet, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
	}
	if rep.Errors() > 0 || hasError(rep.Problems) {
		return exitContent
	}
	return exitOK
}

func hasError(ps []diag.Problem) bool {
	for _, p := range ps {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}
