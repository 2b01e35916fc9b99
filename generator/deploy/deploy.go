// Package deploy sends a built site to the host it lives on (a folder, an
// SFTP server or an S3-compatible object store) and packs it as a zip for
// handing to IT. It never builds: it only sends a folder carrying the
// build's marker, and only the files that changed since the last deploy,
// which it learns from a manifest kept at the target.
package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// Names kept at the target root. Files of the build with these names (there
// are none) are never sent.
const (
	ManifestName = ".dangjian-manifest.json"
	// PendingName lists the paths a deploy is about to change. It is written
	// before the first upload and removed after the manifest, so a deploy
	// that was interrupted is known to the next one, which then checks
	// those paths on the target by hash instead of trusting the manifest.
	PendingName = ".dangjian-pending.json"
	// tmpPrefix starts the temporary names that folder and SFTP targets
	// write a file under before renaming it into place.
	tmpPrefix = ".dangjian-tmp-"
)

// File is one file of the built site.
type File struct {
	Path string // slash-separated, relative to the site root
	Size int64
	Sum  string // hex SHA-256
	abs  string
}

// Scan lists and hashes the files of a built folder. It refuses a folder
// without the build's marker.
func Scan(dir string) ([]File, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, diag.New("", 0, diag.MsgDeployNoBuild, dir)
	}
	if m, err := os.Lstat(filepath.Join(dir, output.Marker)); err != nil || !m.Mode().IsRegular() {
		return nil, diag.New("", 0, diag.MsgDeployNotBuilt, dir, output.Marker)
	}
	var files []File
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// Only regular files: a symbolic link could point anywhere.
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if reserved(rel) || rel == output.Marker {
			return nil
		}
		if !safePath(rel) {
			return diag.New("", 0, diag.MsgDeployBadName, rel)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, File{Path: rel, Size: info.Size(), abs: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = parallel(context.Background(), len(files), runtime.GOMAXPROCS(0), func(_ context.Context, i int) error {
		sum, err := hashFile(files[i].abs)
		files[i].Sum = sum
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func hashFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return hashReader(f)
}

func hashReader(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// reserved reports names dangjian keeps for itself at the target.
func reserved(rel string) bool {
	return rel == ManifestName || rel == PendingName || strings.HasPrefix(path.Base(rel), tmpPrefix)
}

// safePath reports whether rel is a clean relative slash path that stays
// below the root: no "..", no absolute path, no backslash (a separator on
// Windows shares), no control characters, valid UTF-8. Chinese names pass.
func safePath(rel string) bool {
	if rel == "" || !utf8.ValidString(rel) || strings.HasPrefix(rel, "/") || path.Clean(rel) != rel {
		return false
	}
	for _, r := range rel {
		if r < 0x20 || r == 0x7f || r == '\\' || r == utf8.RuneError {
			return false
		}
	}
	for _, part := range strings.Split(rel, "/") {
		if part == ".." || part == "." || part == "" {
			return false
		}
	}
	return true
}

// manifest is what a deploy leaves at the target: every file it sent, by
// path, with size and SHA-256.
type manifest struct {
	Generator string           `json:"generator"`
	Version   int              `json:"version"`
	Files     map[string]entry `json:"files"`
}

type entry struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type pending struct {
	Paths []string `json:"paths"`
}

// Plan is what a deploy will do.
type Plan struct {
	Upload      []File   // in sending order: assets, then pages, then feeds
	Delete      []string // files of the previous deploy gone from the build
	Unchanged   int
	UploadBytes int64
	Foreign     int            // files on the target not ours (no manifest): left alone
	Warnings    []diag.Problem // e.g. an unsafe path in the target's manifest
	files       []File
	hadManifest bool
	hadPending  bool
}

// MakePlan compares the build with the target. With a manifest at the
// target, a file is unchanged when its size and hash match the manifest's
// (paths an interrupted deploy was changing are checked on the target by
// hash); without one, it is unchanged when the target holds a file of the
// same size and hash.
func MakePlan(ctx context.Context, files []File, t Target) (*Plan, error) {
	p := &Plan{files: files}
	m, err := readManifest(ctx, t, p)
	if err != nil {
		return nil, err
	}
	pend, err := readPending(ctx, t, p)
	if err != nil {
		return nil, err
	}
	p.hadManifest, p.hadPending = m != nil, len(pend) > 0

	local := make(map[string]bool, len(files))
	for _, f := range files {
		local[f.Path] = true
	}
	// check[i] is true for the files whose state on the target is known
	// only by asking it.
	var remote map[string]int64
	if m == nil {
		remote, err = t.List(ctx)
		if err != nil {
			return nil, err
		}
		for name := range remote {
			if !local[name] && !reserved(name) {
				p.Foreign++
			}
		}
	}
	send := make([]bool, len(files))
	var verify []int
	for i, f := range files {
		switch {
		case m == nil:
			size, ok := remote[f.Path]
			if ok && size == f.Size {
				verify = append(verify, i)
			} else {
				send[i] = true
			}
		case pend[f.Path]:
			verify = append(verify, i)
		default:
			e, ok := m.Files[f.Path]
			send[i] = !ok || e.Size != f.Size || e.SHA256 != f.Sum
		}
	}
	err = parallel(ctx, len(verify), 8, func(ctx context.Context, k int) error {
		i := verify[k]
		sum, err := t.Hash(ctx, files[i].Path)
		if errors.Is(err, fs.ErrNotExist) {
			send[i] = true
			return nil
		}
		if err != nil {
			return err
		}
		send[i] = sum != files[i].Sum
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		if send[i] {
			p.Upload = append(p.Upload, f)
			p.UploadBytes += f.Size
		} else {
			p.Unchanged++
		}
	}
	sort.SliceStable(p.Upload, func(i, j int) bool { return phase(p.Upload[i].Path) < phase(p.Upload[j].Path) })
	gone := map[string]bool{}
	if m != nil {
		for name := range m.Files {
			if !local[name] {
				gone[name] = true
			}
		}
	}
	for name := range pend {
		if !local[name] {
			gone[name] = true
		}
	}
	for name := range gone {
		p.Delete = append(p.Delete, name)
	}
	sort.Strings(p.Delete)
	return p, nil
}

// phase orders uploads so that a reader never meets a page whose style
// sheet, script or image is not there yet, nor a feed or sitemap entry
// whose page is not: assets first, then pages, then feeds and sitemaps.
func phase(name string) int {
	switch path.Ext(name) {
	case ".html", ".htm":
		return 1
	case ".xml":
		return 2
	}
	return 0
}

func readManifest(ctx context.Context, t Target, p *Plan) (*manifest, error) {
	data, err := t.Get(ctx, ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Generator != "dangjian" || m.Files == nil {
		if err == nil {
			err = errors.New("not a dangjian manifest")
		}
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, ManifestName, err))
		return nil, nil
	}
	for name := range m.Files {
		if !safePath(name) || reserved(name) {
			p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployUnsafePath, name))
			delete(m.Files, name)
		}
	}
	return &m, nil
}

func readPending(ctx context.Context, t Target, p *Plan) (map[string]bool, error) {
	data, err := t.Get(ctx, PendingName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var pe pending
	if err := json.Unmarshal(data, &pe); err != nil {
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, PendingName, err))
		return nil, nil
	}
	out := map[string]bool{}
	for _, name := range pe.Paths {
		if !safePath(name) || reserved(name) {
			p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployUnsafePath, name))
			continue
		}
		out[name] = true
	}
	return out, nil
}

// Progress is reported while a deploy sends files.
type Progress struct {
	Files, TotalFiles int
	Bytes, TotalBytes int64
	Deleted           int
}

// Options tune Apply.
type Options struct {
	Workers int // parallel transfers; default 8
	// OnProgress, when set, is called every ProgressEvery (default 2 s)
	// while files are being sent.
	OnProgress    func(Progress)
	ProgressEvery time.Duration
}

// Result is what Apply did.
type Result struct {
	Uploaded int
	Bytes    int64
	Deleted  int
}

// Apply carries out a plan: it records the paths it is about to change,
// sends assets, then pages, then feeds, deletes what left the build, writes
// the manifest last and clears the record. Each file is replaced whole (a
// temporary name and a rename, or one PUT), so if it stops anywhere the
// target serves the old or the new version of each file, and the next
// deploy finishes the job.
func Apply(ctx context.Context, p *Plan, t Target, opt Options) (Result, error) {
	var res Result
	if len(p.Upload) == 0 && len(p.Delete) == 0 && p.hadManifest && !p.hadPending {
		return res, nil
	}
	if opt.Workers <= 0 {
		opt.Workers = 8
	}
	if opt.ProgressEvery <= 0 {
		opt.ProgressEvery = 2 * time.Second
	}
	var changing []string
	for _, f := range p.Upload {
		changing = append(changing, f.Path)
	}
	changing = append(changing, p.Delete...)
	if len(changing) > 0 {
		data, _ := json.Marshal(pending{Paths: changing})
		if err := t.Put(ctx, PendingName, strings.NewReader(string(data)), int64(len(data)), metaFor(PendingName, "")); err != nil {
			return res, err
		}
	}

	var files, deleted atomic.Int64
	var bytes atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if opt.OnProgress != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(opt.ProgressEvery)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					opt.OnProgress(Progress{Files: int(files.Load()), TotalFiles: len(p.Upload),
						Bytes: bytes.Load(), TotalBytes: p.UploadBytes, Deleted: int(deleted.Load())})
				}
			}
		}()
	}
	err := func() error {
		for start := 0; start < len(p.Upload); {
			end := start
			for end < len(p.Upload) && phase(p.Upload[end].Path) == phase(p.Upload[start].Path) {
				end++
			}
			batch := p.Upload[start:end]
			err := parallel(ctx, len(batch), opt.Workers, func(ctx context.Context, i int) error {
				f := batch[i]
				r, err := os.Open(f.abs)
				if err != nil {
					return err
				}
				defer r.Close()
				if err := t.Put(ctx, f.Path, r, f.Size, metaFor(f.Path, f.Sum)); err != nil {
					return fmt.Errorf("%s: %w", f.Path, err)
				}
				files.Add(1)
				bytes.Add(f.Size)
				return nil
			})
			if err != nil {
				return err
			}
			start = end
		}
		return parallel(ctx, len(p.Delete), opt.Workers, func(ctx context.Context, i int) error {
			if err := t.Delete(ctx, p.Delete[i]); err != nil {
				return fmt.Errorf("%s: %w", p.Delete[i], err)
			}
			deleted.Add(1)
			return nil
		})
	}()
	close(stop)
	wg.Wait()
	res = Result{Uploaded: int(files.Load()), Bytes: bytes.Load(), Deleted: int(deleted.Load())}
	if err != nil {
		return res, err
	}
	m := manifest{Generator: "dangjian", Version: 1, Files: make(map[string]entry, len(p.files))}
	for _, f := range p.files {
		m.Files[f.Path] = entry{Size: f.Size, SHA256: f.Sum}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return res, err
	}
	if err := t.Put(ctx, ManifestName, strings.NewReader(string(data)), int64(len(data)), metaFor(ManifestName, "")); err != nil {
		return res, err
	}
	if len(changing) > 0 || p.hadPending {
		if err := t.Delete(ctx, PendingName); err != nil {
			return res, err
		}
	}
	return res, nil
}

// parallel runs fn for 0..n-1 on up to workers goroutines and returns the
// first error; after one, the remaining calls are skipped.
func parallel(ctx context.Context, n, workers int, fn func(ctx context.Context, i int) error) error {
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	if workers > n {
		workers = n
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(ctx, i); err != nil {
					once.Do(func() { first = err; cancel() })
					return
				}
			}
		}()
	}
	wg.Wait()
	if first == nil {
		return ctx.Err()
	}
	return first
}
