// Package initsite makes a new site folder an officer can start from: a
// small site (site.toml commented in Chinese, the five sections, one example
// unit and one example news page, and a 使用说明.md that is not published),
// or with Demo the full demo portal. It never writes into a folder that
// holds anything.
package initsite

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"dangjian"
	"dangjian/generator/diag"
)

//go:embed all:skeleton
var skeleton embed.FS

// Options are the init command's arguments.
type Options struct {
	Dir  string
	Demo bool // copy the demo portal instead of the small site
	// Today dates the small site's example news (its opening); zero is now.
	Today time.Time
}

// ErrNotEmpty is returned (wrapped in a *diag.Problem's error) when Dir
// exists and holds something.
var ErrNotEmpty = errors.New("folder not empty")

// Problem is an init error with its message from the catalogue.
type Problem struct {
	diag.Problem
	NotEmpty bool
}

func (p *Problem) Error() string { return p.Problem.Error() }

func (p *Problem) Unwrap() error {
	if p.NotEmpty {
		return ErrNotEmpty
	}
	return nil
}

// Files returns the files a new site gets, as a file system rooted at the
// site folder.
func Files(demo bool) fs.FS {
	if demo {
		return dangjian.Demo
	}
	sub, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return sub
}

// Run writes the new site and returns the number of files written.
// exampleNews is the small site's one news page, 党建工作网开通. It is
// dated the day the site is made: a fixed date would be months old on a new
// site, and the 栏目不更新 check (on for news in a new site.toml) would
// report 工作动态 as stale on the officer's first review.
const exampleNews = "content/news/shili-dongtai.md"

func dateExample(data []byte, today time.Time) []byte {
	if today.IsZero() {
		today = time.Now()
	}
	return bytes.Replace(data, []byte("date = 2025-01-01  #"), []byte("date = "+today.Format("2006-01-02")+"  #"), 1)
}

func Run(opt Options) (int, error) {
	if entries, err := os.ReadDir(opt.Dir); err == nil {
		if len(entries) > 0 {
			return 0, &Problem{Problem: diag.New(opt.Dir, 0, diag.MsgInitNotEmpty), NotEmpty: true}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, &Problem{Problem: diag.New(opt.Dir, 0, diag.MsgInitNotFolder, err)}
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return 0, &Problem{Problem: diag.New(opt.Dir, 0, diag.MsgInitNotFolder, err)}
	}
	src := Files(opt.Demo)
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Base(p) == ".DS_Store" {
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if !opt.Demo && p == exampleNews {
			data = dateExample(data, opt.Today)
		}
		dst := filepath.Join(opt.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		// O_EXCL: a file that appeared since the check above is kept.
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		n++
		return f.Close()
	})
	if err != nil {
		return n, &Problem{Problem: diag.New(opt.Dir, 0, diag.MsgInitWrite, err)}
	}
	return n, nil
}
