// Package deploy sends a built site to the host it lives on (a folder, an
// SFTP server or an S3-compatible object store) and packs it as a zip for
// handing to IT. It never builds: it only sends a folder carrying the
// build's marker, and only the files that changed since the last deploy,
// which it learns from a manifest kept at the target.
package deploy

import (
	"bytes"
	"context"
	"crypto/rand"
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
	// journalPrefix starts the names of the manifest's journals: a deploy
	// that changes a few files records just those in a small journal
	// instead of rewriting the whole manifest (3.3 MB for the 10,000-page
	// corpus). maxJournals of them are kept; then the manifest is rewritten.
	journalPrefix = ".dangjian-manifest-"
	maxJournals   = 8
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
	if data, err := os.ReadFile(filepath.Join(dir, output.DraftsNote)); err == nil {
		drafts := strings.Fields(string(data))
		named := drafts[:min(len(drafts), 3)]
		list := strings.Join(named, "、")
		if len(drafts) > len(named) {
			list += "……"
		}
		return nil, diag.New("", 0, diag.MsgDeployDrafts, dir, len(drafts), list)
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
	return rel == ManifestName || rel == PendingName || strings.HasPrefix(path.Base(rel), tmpPrefix) ||
		(!strings.Contains(rel, "/") && strings.HasPrefix(rel, journalPrefix))
}

func journalName(gen string, k int) string { return fmt.Sprintf("%s%s-%d.json", journalPrefix, gen, k) }

// validGen is what a manifest's generation id looks like; anything else
// read from a target names no journal.
func validGen(g string) bool {
	if len(g) != 16 {
		return false
	}
	for _, r := range g {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

func newGen() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
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
	Gen       string           `json:"gen,omitempty"` // names this manifest's journals
	Files     map[string]entry `json:"files"`
}

// journal is what one deploy changed in the manifest: entries set and
// paths deleted. Journal k of generation g applies after journals 1..k-1.
type journal struct {
	Generator string           `json:"generator"`
	Set       map[string]entry `json:"set"`
	Del       []string         `json:"del"`
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
	gen         string // the manifest's generation; "" for none
	journals    int    // journals of gen read
	read        int64  // bytes of the manifest, journals and pending list read
	named       int    // paths the manifest, journals and pending list name
	set         map[string]entry
	del         []string
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
		if n, example, refuse := notASite(remote); refuse {
			return nil, diag.New("", 0, diag.MsgDeployNotASite, t.String(), n, example)
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
	// What the manifest must learn: every file whose entry differs (sent,
	// or found right on the target after an interrupted deploy), and every
	// entry gone.
	if m != nil {
		p.set = map[string]entry{}
		for _, f := range files {
			if e, ok := m.Files[f.Path]; !ok || e.Size != f.Size || e.SHA256 != f.Sum {
				p.set[f.Path] = entry{Size: f.Size, SHA256: f.Sum}
			}
		}
		for name := range m.Files {
			if !local[name] {
				p.del = append(p.del, name)
			}
		}
		sort.Strings(p.del)
	}
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

// getBounded reads a file of the plan's (manifest, journal, pending list)
// within what is left of maxGet for the whole plan. Over it, the file is
// bad rather than the deploy failed: the caller warns and checks each file
// by hash, as for a manifest that is not one.
func getBounded(ctx context.Context, t Target, p *Plan, name string) ([]byte, error) {
	data, err := t.Get(ctx, name)
	if err == nil {
		p.read += int64(len(data))
		if p.read > int64(maxGet) {
			err = tooLarge(name)
		}
	}
	return data, err
}

func readManifest(ctx context.Context, t Target, p *Plan) (*manifest, error) {
	data, err := getBounded(ctx, t, p, ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if errors.Is(err, errTooLarge) {
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, ManifestName, err))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var raw struct {
		manifest
		Files json.RawMessage `json:"files"`
	}
	err = json.Unmarshal(data, &raw)
	m := raw.manifest
	if err == nil && raw.Generator == "dangjian" {
		m.Files, err = p.decodeEntries(raw.Files)
	}
	if err != nil || m.Generator != "dangjian" || m.Files == nil {
		if err == nil {
			err = errors.New("not a dangjian manifest")
		}
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, ManifestName, err))
		return nil, nil
	}
	if validGen(m.Gen) {
		for k := 1; k <= maxJournals; k++ {
			name := journalName(m.Gen, k)
			data, err := getBounded(ctx, t, p, name)
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if err != nil && !errors.Is(err, errTooLarge) {
				return nil, err
			}
			var j journal
			if err == nil {
				var raw struct {
					Generator string          `json:"generator"`
					Set       json.RawMessage `json:"set"`
					Del       json.RawMessage `json:"del"`
				}
				err = json.Unmarshal(data, &raw)
				j.Generator = raw.Generator
				if err == nil {
					j.Set, err = p.decodeEntries(raw.Set)
				}
				if err == nil {
					j.Del, err = p.decodePaths(raw.Del)
				}
			}
			if err == nil && j.Generator != "dangjian" {
				err = errors.New("not a dangjian journal")
			}
			if err != nil {
				// Without this journal the manifest is wrong about the
				// files it changed: trust none of it, check by hash.
				p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, name, err))
				return nil, nil
			}
			for name, e := range j.Set {
				m.Files[name] = e
			}
			for _, name := range j.Del {
				delete(m.Files, name)
			}
			p.journals = k
		}
		p.gen = m.Gen
	}
	unsafe := 0
	for name := range m.Files {
		if !safePath(name) || reserved(name) {
			p.unsafePath(name, &unsafe)
			delete(m.Files, name)
		}
	}
	p.unsafeMore(unsafe)
	return &m, nil
}

func readPending(ctx context.Context, t Target, p *Plan) (map[string]bool, error) {
	data, err := getBounded(ctx, t, p, PendingName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil && !errors.Is(err, errTooLarge) {
		return nil, err
	}
	var pe pending
	if err == nil {
		var raw struct {
			Paths json.RawMessage `json:"paths"`
		}
		err = json.Unmarshal(data, &raw)
		if err == nil {
			pe.Paths, err = p.decodePaths(raw.Paths)
		}
	}
	if err != nil {
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployBadManifest, PendingName, err))
		return nil, nil
	}
	out := map[string]bool{}
	unsafe := 0
	for _, name := range pe.Paths {
		if !safePath(name) || reserved(name) {
			p.unsafePath(name, &unsafe)
			continue
		}
		out[name] = true
	}
	p.unsafeMore(unsafe)
	return out, nil
}

// errTooManyNamed is what the plan says of a manifest, journal or pending
// list that names more paths than a target may hold.
var errTooManyNamed = errors.New("列出的路径太多")

// count adds one path named by the target's manifest, journals or pending
// list. Together they may name no more than maxListed (the most files a
// target's listing may give): decoded as a whole, a 64 MB manifest of
// made-up paths ("a1":{},"a2":{} …, 5.6 million of them) took 1.5 GB and
// two minutes, and planned 5.6 million deletions.
func (p *Plan) count() error {
	p.named++
	if p.named > maxListed {
		return fmt.Errorf("%w：超过 %d 个", errTooManyNamed, maxListed)
	}
	return nil
}

// decodeEntries decodes a JSON object of path → entry (a manifest's files,
// a journal's set) one entry at a time, counting each; nil for null or
// nothing.
func (p *Plan) decodeEntries(raw json.RawMessage) (map[string]entry, error) {
	dec, err := openJSON(raw, '{', "files is not an object")
	if dec == nil {
		return nil, err
	}
	m := map[string]entry{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if err := p.count(); err != nil {
			return nil, err
		}
		var e entry
		if err := dec.Decode(&e); err != nil {
			return nil, err
		}
		m[tok.(string)] = e
	}
	return m, nil
}

// openJSON starts decoding raw past its opening want ('{' or '['). It
// returns a nil decoder for nothing or null (no error) and for anything
// else than want (the error, saying what it should have been).
func openJSON(raw json.RawMessage, want json.Delim, notWant string) (*json.Decoder, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if tok != want {
		return nil, errors.New(notWant)
	}
	return dec, nil
}

// decodePaths decodes a JSON list of paths (a journal's deletions, the
// pending list) one at a time, counting each.
func (p *Plan) decodePaths(raw json.RawMessage) ([]string, error) {
	dec, err := openJSON(raw, '[', "paths is not a list")
	if dec == nil {
		return nil, err
	}
	var out []string
	for dec.More() {
		if err := p.count(); err != nil {
			return nil, err
		}
		var s string
		if err := dec.Decode(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// maxUnsafeShown is how many unsafe paths of one file are named: a
// tampered manifest of millions printed a warning for each.
const maxUnsafeShown = 10

// unsafePath warns of an unsafe path the target's manifest or pending list
// names, up to maxUnsafeShown of them; n counts them all.
func (p *Plan) unsafePath(name string, n *int) {
	*n++
	if *n <= maxUnsafeShown {
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployUnsafePath, name))
	}
}

// unsafeMore warns once of the unsafe paths beyond the ones named.
func (p *Plan) unsafeMore(n int) {
	if n > maxUnsafeShown {
		p.Warnings = append(p.Warnings, diag.Warn("", 0, diag.MsgDeployUnsafeMore, n-maxUnsafeShown))
	}
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
	if len(p.Upload) == 0 && len(p.Delete) == 0 && p.hadManifest && !p.hadPending && len(p.set) == 0 && len(p.del) == 0 {
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
	if err := writeManifest(ctx, p, t); err != nil {
		return res, err
	}
	if len(changing) > 0 || p.hadPending {
		if err := t.Delete(ctx, PendingName); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeManifest records the build's files at the target, last: as a
// journal of the changes when the manifest there is recent and the changes
// few, else as a new whole manifest (a new generation, whose journals start
// afresh; the old generation's journals are then removed).
func writeManifest(ctx context.Context, p *Plan, t Target) error {
	changes := len(p.set) + len(p.del)
	if p.gen != "" && p.journals < maxJournals && changes*8 <= len(p.files) {
		j := journal{Generator: "dangjian", Set: p.set, Del: p.del}
		if j.Del == nil {
			j.Del = []string{}
		}
		data, err := json.Marshal(j)
		if err != nil {
			return err
		}
		return t.Put(ctx, journalName(p.gen, p.journals+1), strings.NewReader(string(data)), int64(len(data)), metaFor(ManifestName, ""))
	}
	m := manifest{Generator: "dangjian", Version: 1, Gen: newGen(), Files: make(map[string]entry, len(p.files))}
	for _, f := range p.files {
		m.Files[f.Path] = entry{Size: f.Size, SHA256: f.Sum}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := t.Put(ctx, ManifestName, strings.NewReader(string(data)), int64(len(data)), metaFor(ManifestName, "")); err != nil {
		return err
	}
	// The old journals name the old generation, so readers ignore them
	// already; removing them only tidies up.
	for k := 1; k <= p.journals; k++ {
		t.Delete(ctx, journalName(p.gen, k))
	}
	return nil
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
