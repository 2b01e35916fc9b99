package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"dangjian/generator/config"
	"dangjian/generator/deploy"
	"dangjian/generator/diag"
	"dangjian/generator/review"
	"dangjian/generator/site"
)

func init() {
	register(&command{name: "deploy", order: 50, run: runDeploy,
		summary: [2]string{"把生成好的网站发布到服务器、对象存储或文件夹（只发送有变化的文件）", "send the built site to a server, object storage or folder (changed files only)"},
		usage:   [2]string{"[目标] [--source 目录] [--dest 目录] [--dry-run] [--identity 私钥] [--known-hosts 文件]", "[TARGET] [--source DIR] [--dest DIR] [--dry-run] [--identity FILE] [--known-hosts FILE]"},
		example: "dangjian deploy sftp://web@192.168.1.10/var/www/dangjian --dry-run"})
}

// deployOpts are the flags deploy and package share.
type deployOpts struct {
	source, dest string
}

func (o *deployOpts) flags(fs *flag.FlagSet, lang diag.Lang) {
	fs.StringVar(&o.source, "source", ".", pick(lang, "网站目录", "site folder"))
	fs.StringVar(&o.dest, "dest", "", pick(lang, "已生成的网站文件夹（默认 <source>/public）", "built site folder (default <source>/public)"))
}

func (o *deployOpts) built() string {
	if o.dest != "" {
		return o.dest
	}
	return filepath.Join(o.source, "public")
}

// parseInterspersed parses flags before and after the one positional
// argument, so both `deploy TARGET --dry-run` and `deploy --dry-run TARGET`
// work.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runDeploy(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
	fs := newFlags("deploy", stderr, lang)
	var o deployOpts
	o.flags(fs, lang)
	dry := fs.Bool("dry-run", false, pick(lang, "只列出将要上传和删除的文件，不做任何改动", "print the plan, change nothing"))
	identity := fs.String("identity", "", pick(lang, "SFTP 登录用的私钥文件（默认用 SSH 代理或 ~/.ssh/id_ed25519）", "SSH private key for SFTP (default: agent, then ~/.ssh)"))
	known := fs.String("known-hosts", "", pick(lang, "服务器主机密钥文件（默认 ~/.ssh/known_hosts）", "known_hosts file (default ~/.ssh/known_hosts)"))
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 1 {
		fmt.Fprintln(stderr, pick(lang, "多余的参数：", "unexpected arguments: "), pos[1:])
		return exitUsage
	}
	fail := func(err error) int {
		var p diag.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Format(lang))
		} else {
			fmt.Fprintln(stderr, diag.MsgDeployFailed.Text(lang, err))
		}
		return exitContent
	}

	cfg, problems := config.Load(o.source)
	target := ""
	if len(pos) == 1 {
		target = pos[0]
	}
	for _, p := range problems {
		// Without site.toml a target on the command line is enough.
		if p.Msg == diag.MsgConfigMissing && target != "" || p.Severity != diag.Error {
			continue
		}
		return fail(p)
	}
	if target == "" {
		target = cfg.Deploy.Target
	}
	if target == "" {
		return fail(diag.New("", 0, diag.MsgDeployNoTarget))
	}
	if ps := config.DeployProblems(o.source, cfg.Deploy); len(ps) > 0 {
		return fail(ps[0])
	}
	dir := o.built()
	if folder, ok := deploy.IsFolder(target); ok && inside(folder, dir) {
		return fail(diag.New("", 0, diag.MsgDeployInside, folder, dir))
	}
	if folder, ok := deploy.IsFolder(target); ok && (sameFolder(folder, o.source) || site.SourceFolderOf(folder, o.source) != "") {
		return fail(diag.New("", 0, diag.MsgDeploySource, folder, o.source))
	}

	if !beforePublishing(o, *dry, stderr, lang) {
		return exitContent
	}
	start := time.Now()
	files, err := deploy.Scan(dir)
	if err != nil {
		return fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	home, _ := os.UserHomeDir()
	t, err := deploy.Open(ctx, target, deploy.Config{
		Identity: *identity, KnownHosts: *known,
		AccessKeyEnv: cfg.Deploy.AccessKeyEnv, SecretKeyEnv: cfg.Deploy.SecretKeyEnv,
		Getenv: os.Getenv, Home: home, User: os.Getenv("USER"),
	})
	if err != nil {
		return fail(err)
	}
	defer t.Close()
	plan, err := deploy.MakePlan(ctx, files, t)
	if err != nil {
		return fail(err)
	}
	for _, w := range plan.Warnings {
		fmt.Fprintln(stderr, pick(lang, "警告：", "warning: ")+w.Format(lang))
	}
	if plan.Foreign > 0 {
		fmt.Fprintln(stderr, pick(lang, "提示：", "note: ")+diag.MsgDeployForeign.Text(lang, plan.Foreign))
	}
	fmt.Fprintln(stdout, pick(lang,
		fmt.Sprintf("发布到 %s：上传 %d、删除 %d、未变 %d（需发送 %s）", t, len(plan.Upload), len(plan.Delete), plan.Unchanged, size(plan.UploadBytes)),
		fmt.Sprintf("deploy to %s: upload %d, delete %d, unchanged %d (%s to send)", t, len(plan.Upload), len(plan.Delete), plan.Unchanged, size(plan.UploadBytes))))
	if *dry {
		const show = 50
		for i, f := range plan.Upload {
			if i == show {
				fmt.Fprintln(stdout, pick(lang, fmt.Sprintf("  ……另有 %d 个文件要上传", len(plan.Upload)-show), fmt.Sprintf("  … and %d more to upload", len(plan.Upload)-show)))
				break
			}
			fmt.Fprintf(stdout, "  %s %s\n", pick(lang, "上传", "upload"), f.Path)
		}
		for i, name := range plan.Delete {
			if i == show {
				fmt.Fprintln(stdout, pick(lang, fmt.Sprintf("  ……另有 %d 个文件要删除", len(plan.Delete)-show), fmt.Sprintf("  … and %d more to delete", len(plan.Delete)-show)))
				break
			}
			fmt.Fprintf(stdout, "  %s %s\n", pick(lang, "删除", "delete"), name)
		}
		fmt.Fprintln(stdout, pick(lang, "这是演练（--dry-run），没有做任何改动。", "dry run: nothing was changed."))
		return exitOK
	}
	res, err := deploy.Apply(ctx, plan, t, deploy.Options{OnProgress: func(p deploy.Progress) {
		fmt.Fprintln(stderr, pick(lang,
			fmt.Sprintf("  已上传 %d/%d 个文件（%s/%s）", p.Files, p.TotalFiles, size(p.Bytes), size(p.TotalBytes)),
			fmt.Sprintf("  sent %d/%d files (%s/%s)", p.Files, p.TotalFiles, size(p.Bytes), size(p.TotalBytes))))
	}})
	if err != nil {
		fmt.Fprintln(stderr, diag.MsgDeployFailed.Text(lang, err))
		return exitContent
	}
	took := time.Since(start).Round(time.Millisecond)
	if len(plan.Upload)+len(plan.Delete) == 0 {
		fmt.Fprintln(stdout, pick(lang,
			fmt.Sprintf("目标已是最新：%d 个文件都没有变化，没有发送任何文件（用时 %s）", plan.Unchanged, took),
			fmt.Sprintf("target up to date: all %d files unchanged, nothing sent (%s)", plan.Unchanged, took)))
		return exitOK
	}
	fmt.Fprintln(stdout, pick(lang,
		fmt.Sprintf("发布完成：上传 %d 个文件（%s）、删除 %d 个、未变 %d 个，用时 %s", res.Uploaded, size(res.Bytes), res.Deleted, plan.Unchanged, took),
		fmt.Sprintf("deployed: %d files uploaded (%s), %d deleted, %d unchanged in %s", res.Uploaded, size(res.Bytes), res.Deleted, plan.Unchanged, took)))
	return exitOK
}

// sameFolder reports two names of one folder.
func sameFolder(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// inside reports whether folder is dir or below it.
func inside(folder, dir string) bool {
	a, err1 := filepath.Abs(folder)
	b, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(b, a)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func size(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// beforePublishing checks the site's sources before deploy or package send
// what was built: a source changed after the build is a warning (the old
// site would go out); an error of the publication review on a published
// page refuses the sending, as 三审三校 would. A dry run only says so. It
// reports whether to go on.
func beforePublishing(o deployOpts, dry bool, stderr io.Writer, lang diag.Lang) bool {
	if _, err := os.Stat(filepath.Join(o.source, config.FileName)); err != nil {
		return true // no site here: the built folder is all there is
	}
	if changed, built := site.ChangedSince(o.source, o.built()); changed != "" {
		fmt.Fprintln(stderr, pick(lang, "警告：", "warning: ")+diag.MsgPublishStale.Text(lang, o.built(), built.Format("2006-01-02 15:04"), changed))
	}
	bad := review.Run(review.Options{Source: o.source, Lang: lang}).Unpublishable()
	if len(bad) == 0 {
		return true
	}
	const show = 10
	for i, f := range bad {
		if i == show {
			fmt.Fprintln(stderr, diag.MsgPublishMore.Text(lang, len(bad)-show))
			break
		}
		fmt.Fprintf(stderr, "%s: [%s] %s → %s\n", f.Location(), f.Rule, f.Message, f.Suggestion)
	}
	if dry {
		fmt.Fprintln(stderr, pick(lang, "警告：", "warning: ")+diag.MsgPublishReviewDry.Text(lang, len(bad)))
		return true
	}
	fmt.Fprintln(stderr, diag.MsgPublishReview.Text(lang, len(bad)))
	return false
}
