package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"dangjian/generator/corpus"
	"dangjian/generator/output"
	"dangjian/generator/site"
)

// measureIncremental builds the first size (10,000 pages when measured)
// cold — no cache folder, no previous output — and warm — the previous
// output and cache in place, one news page edited — and Hugo's build of the
// same Markdown when hugo is on PATH, interleaved run by run so that the
// machine's changing load falls on all three alike; on tmpfs (opt.Dir) and,
// when set, on opt.Disk.
func measureIncremental(opt Options, work string) error {
	n := opt.Sizes[0]
	for _, s := range opt.Sizes {
		if s == 10000 {
			n = s
		}
	}
	hugo, _ := exec.LookPath("hugo")
	places := []string{work}
	if opt.Disk != "" {
		places = append(places, opt.Disk)
	}
	for _, place := range places {
		dir, err := os.MkdirTemp(place, "dangjian-incr-")
		if err != nil {
			return err
		}
		err = incrementalIn(opt, dir, n, hugo)
		if !opt.Keep {
			os.RemoveAll(dir)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type incrRun struct {
	// warm: the first rebuild after the cold build, which has no spare
	// output yet; spare: the next one (another edit), which has.
	cold, warm, spare buildRun
	hugo              time.Duration
	hugoRSS           int64
	hugoCPU           time.Duration
	pages, files      int
}

func incrementalIn(opt Options, dir string, n int, hugo string) error {
	src := filepath.Join(dir, "site")
	if _, err := corpus.Generate(src, corpus.Options{Pages: n, Seed: 1}); err != nil {
		return err
	}
	dest := filepath.Join(dir, "public")
	var hugoSite string
	if hugo != "" {
		hugoSite = filepath.Join(dir, "hugo")
		if err := writeHugoSite(hugoSite, filepath.Join(src, "content")); err != nil {
			return err
		}
	}
	edit, err := pickNews(src)
	if err != nil {
		return err
	}
	var runs []incrRun
	for i := range opt.Runs {
		var r incrRun
		// Cold: no cache folder, no previous output nor its spare
		// (removed unmeasured).
		os.RemoveAll(dest)
		os.RemoveAll(output.SpareDir(dest))
		os.RemoveAll(filepath.Join(src, site.CacheDir))
		exec.Command("sync").Run()
		rep := new(buildReport)
		cpu, rss, err := child(opt, []string{"build", "-source", src, "-dest", dest}, rep)
		if err != nil {
			return err
		}
		r.cold = buildRun{buildReport: rep, CPU: cpu, MaxRSS: rss}
		// Warm: one page edited; then another edit, with the spare
		// output the first warm build left.
		for k, into := range []*buildRun{&r.warm, &r.spare} {
			f, err := os.OpenFile(edit, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			fmt.Fprintf(f, "\n\n第 %d 次修改：补充一段会议纪要。\n", 2*i+k+1)
			f.Close()
			exec.Command("sync").Run()
			rep = new(buildReport)
			cpu, rss, err = child(opt, []string{"build", "-source", src, "-dest", dest}, rep)
			if err != nil {
				return err
			}
			*into = buildRun{buildReport: rep, CPU: cpu, MaxRSS: rss}
		}
		if hugo != "" {
			os.RemoveAll(filepath.Join(hugoSite, "public"))
			os.RemoveAll(filepath.Join(hugoSite, "resources"))
			exec.Command("sync").Run()
			cmd := exec.Command(hugo, "--quiet", "--source", hugoSite, "--cacheDir", filepath.Join(hugoSite, "cache"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			t0 := time.Now()
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("hugo: %v\n%s", err, stderr.String())
			}
			r.hugo = time.Since(t0)
			st := cmd.ProcessState
			r.hugoCPU = st.UserTime() + st.SystemTime()
			r.hugoRSS = maxRSS(st)
		}
		runs = append(runs, r)
	}
	printIncremental(opt, dir, n, runs, hugo != "")
	return nil
}

// pickNews returns the first news page of the corpus, by name.
func pickNews(src string) (string, error) {
	files, err := filepath.Glob(filepath.Join(src, "content", "news", "n*.md"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no news page to edit in %s", src)
	}
	sort.Strings(files)
	return files[0], nil
}

func printIncremental(opt Options, dir string, n int, runs []incrRun, withHugo bool) {
	w := opt.Out
	med := func(f func(incrRun) time.Duration) time.Duration {
		return time.Duration(median(runs, func(r incrRun) float64 { return float64(f(r)) }))
	}
	cold := med(func(r incrRun) time.Duration { return r.cold.Wall })
	warm := med(func(r incrRun) time.Duration { return r.warm.Wall })
	fmt.Fprintf(w, "\ncold and warm builds, %d pages, in %s (%s), load average %s; medians of %d interleaved runs:\n", n, dir, fsKind(dir), loadAvg(), len(runs))
	var coldWalls, warmWalls, hugoWalls []string
	for _, r := range runs {
		coldWalls = append(coldWalls, secs(r.cold.Wall))
		warmWalls = append(warmWalls, secs(r.warm.Wall))
		hugoWalls = append(hugoWalls, secs(r.hugo))
	}
	last := runs[len(runs)-1]
	fmt.Fprintf(w, "  cold (no cache, no previous output): %s wall, %s CPU, peak RSS %s   runs %s\n",
		secs(cold), secs(med(func(r incrRun) time.Duration { return r.cold.CPU })), mb(int64(median(runs, func(r incrRun) float64 { return float64(r.cold.MaxRSS) }))), strings.Join(coldWalls, " "))
	fmt.Fprintf(w, "  warm (one page edited):              %s wall, %s CPU, peak RSS %s   runs %s  = %.2f× cold; %d pages' Markdown from the cache, %d of %d files linked\n",
		secs(warm), secs(med(func(r incrRun) time.Duration { return r.warm.CPU })), mb(int64(median(runs, func(r incrRun) float64 { return float64(r.warm.MaxRSS) }))), strings.Join(warmWalls, " "),
		float64(warm)/float64(cold), last.warm.MarkdownCached, last.warm.Linked, last.warm.Files)
	spare := med(func(r incrRun) time.Duration { return r.spare.Wall })
	var spareWalls []string
	for _, r := range runs {
		spareWalls = append(spareWalls, secs(r.spare.Wall))
	}
	fmt.Fprintf(w, "  warm again (spare output in place):  %s wall, %s CPU, peak RSS %s   runs %s  = %.2f× cold; %d of %d files kept in the spare, %d more linked\n",
		secs(spare), secs(med(func(r incrRun) time.Duration { return r.spare.CPU })), mb(int64(median(runs, func(r incrRun) float64 { return float64(r.spare.MaxRSS) }))), strings.Join(spareWalls, " "),
		float64(spare)/float64(cold), last.spare.Kept, last.spare.Files, last.spare.Linked-last.spare.Kept)
	if withHugo {
		hugo := med(func(r incrRun) time.Duration { return r.hugo })
		fmt.Fprintf(w, "  hugo (pages only, minimal templates): %s wall, %s CPU, peak RSS %s   runs %s; dangjian cold = %.2f× Hugo\n",
			secs(hugo), secs(med(func(r incrRun) time.Duration { return r.hugoCPU })), mb(int64(median(runs, func(r incrRun) float64 { return float64(r.hugoRSS) }))), strings.Join(hugoWalls, " "),
			float64(cold)/float64(hugo))
	} else {
		fmt.Fprintln(w, "  hugo: not on PATH, not measured")
	}
	fmt.Fprintf(w, "  stages (median wall)   cold      warm     again\n")
	for _, st := range last.cold.Stages {
		c := med(func(r incrRun) time.Duration { return stage(r.cold, st.Name) })
		wm := med(func(r incrRun) time.Duration { return stage(r.warm, st.Name) })
		sp := med(func(r incrRun) time.Duration { return stage(r.spare, st.Name) })
		fmt.Fprintf(w, "  %-20s %8s %9s %9s\n", st.Name, secs(c), secs(wm), secs(sp))
	}
}

// writeHugoSite makes a Hugo site whose content folder is the corpus's, with
// minimal templates (a menu, the title, the body; section lists paginated):
// Hugo building the same Markdown, pages only (no feeds, sitemap or search).
func writeHugoSite(dir, content string) error {
	files := map[string]string{
		"hugo.toml": fmt.Sprintf(`baseURL = "/"
languageCode = "zh-cn"
title = "党建"
contentDir = %q
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[pagination]
pagerSize = 20
[markup.goldmark.renderer]
unsafe = false
[[menus.main]]
name = "首页"
pageRef = "/"
[[menus.main]]
name = "工作动态"
pageRef = "/news"
`, content),
		"layouts/_default/baseof.html": `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}} · {{.Site.Title}}</title></head><body>
<nav>{{range .Site.Menus.main}}<a href="{{.URL}}">{{.Name}}</a>{{end}}</nav>
{{block "main" .}}{{end}}
<footer>{{.Site.Title}}</footer></body></html>`,
		"layouts/_default/single.html": `{{define "main"}}<article><h1>{{.Title}}</h1><time>{{.Date.Format "2006-01-02"}}</time>{{.TableOfContents}}{{.Content}}</article>{{end}}`,
		"layouts/_default/list.html":   `{{define "main"}}<h1>{{.Title}}</h1><ul>{{range .Paginator.Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a><p>{{.Summary}}</p></li>{{end}}</ul>{{end}}`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func maxRSS(st *os.ProcessState) int64 {
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return 0
}
