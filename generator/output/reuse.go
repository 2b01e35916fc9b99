package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// FileSum is one output file as the manifest knows it: its bytes' hash and
// size, and the size and modification time it had on disk, which tell
// whether the file is still the one the build wrote.
type FileSum struct {
	Sum   [sha256.Size]byte
	Size  int64
	Mtime int64 // nanoseconds since 1970
}

// Manifest lists the files of one committed output by path.
type Manifest struct {
	Files map[string]FileSum
}

const manifestHeader = "dangjian-output-manifest 1"

// LoadManifest reads a manifest written by Save. Any problem (missing,
// truncated, altered) gives nil: the next build then writes every file.
func LoadManifest(file string) *Manifest {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	// The last line is the hash of everything before it.
	body, last, ok := cutLastLine(data)
	if !ok {
		return nil
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != string(last) {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) == 0 || lines[0] != manifestHeader {
		return nil
	}
	m := &Manifest{Files: make(map[string]FileSum, len(lines)-1)}
	for _, l := range lines[1:] {
		f := strings.SplitN(l, " ", 4)
		if len(f) != 4 {
			return nil
		}
		var fs FileSum
		b, err := hex.DecodeString(f[0])
		if err != nil || len(b) != sha256.Size {
			return nil
		}
		copy(fs.Sum[:], b)
		if fs.Size, err = strconv.ParseInt(f[1], 10, 64); err != nil {
			return nil
		}
		if fs.Mtime, err = strconv.ParseInt(f[2], 10, 64); err != nil {
			return nil
		}
		m.Files[f[3]] = fs
	}
	return m
}

func cutLastLine(data []byte) (body, last []byte, ok bool) {
	data = bytes.TrimSuffix(data, []byte("\n"))
	i := bytes.LastIndexByte(data, '\n')
	if i < 0 {
		return nil, nil, false
	}
	return data[:i+1], data[i+1:], true
}

// Save writes the manifest to file, through a temporary file and a rename.
func (m *Manifest) Save(file string) error {
	paths := make([]string, 0, len(m.Files))
	for p := range m.Files {
		if strings.ContainsAny(p, "\n") {
			return fmt.Errorf("output path %q has a line break", p)
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	// Appended rather than printed: a build saves two of 39,000 lines
	// (the output's and the spare's), and fmt took 0.1 s of CPU for them.
	b := make([]byte, 0, len(paths)*128)
	b = append(b, manifestHeader+"\n"...)
	for _, p := range paths {
		f := m.Files[p]
		b = hex.AppendEncode(b, f.Sum[:])
		b = append(b, ' ')
		b = strconv.AppendInt(b, f.Size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, f.Mtime, 10)
		b = append(b, ' ')
		b = append(b, p...)
		b = append(b, '\n')
	}
	sum := sha256.Sum256(b)
	b = hex.AppendEncode(b, sum[:])
	b = append(b, '\n')
	return SaveFile(file, b)
}

// SaveFile writes a cache file whole or not at all: into a temporary file
// beside it, renamed over it, so that a build killed meanwhile leaves the
// previous one (or none). Its folder is made when missing.
func SaveFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-"+filepath.Base(file)+"-")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Reuse writes into a Dir like the Dir itself, except that a file whose
// bytes equal those of the previous output's file at the same path (by the
// previous build's manifest, and the file on disk still has the size and
// time the manifest recorded) is hard-linked from the previous output
// instead of written: on a disk, the unchanged files of a rebuild cost one
// link each. When linking fails (another device, a file system without hard
// links) the file is written.
//
// A linked file shares its bytes with the previous output, which must stay
// untouched until Commit: so a path written a second time is unlinked first,
// never written through. Nothing may change the new output's files in place
// after they are written.
type Reuse struct {
	d      *Dir
	prev   *Manifest
	mu     sync.Mutex
	next   map[string]FileSum
	linked map[string]bool
	links  atomic.Int64
}

// NewReuse wraps d; prev may be nil (every file is written).
func NewReuse(d *Dir, prev *Manifest) *Reuse {
	return &Reuse{d: d, prev: prev, next: map[string]FileSum{}, linked: map[string]bool{}}
}

// Linked returns how many files were linked rather than written.
func (r *Reuse) Linked() int64 { return r.links.Load() }

// WriteFile implements Writer.
func (r *Reuse) WriteFile(path string, data []byte) error {
	sum := sha256.Sum256(data)
	full := filepath.Join(r.d.tmp, filepath.FromSlash(path))
	if !strings.HasPrefix(full, r.d.tmp+string(filepath.Separator)) || strings.ContainsAny(path, "\n") {
		return fmt.Errorf("output path %q leaves the output folder", path)
	}
	r.mu.Lock()
	wasLinked := r.linked[path]
	if wasLinked && r.next[path].Sum == sum {
		// Written twice with the same bytes (a logo is a static file
		// and a gallery file): the link already holds them.
		r.mu.Unlock()
		return nil
	}
	delete(r.linked, path)
	r.mu.Unlock()
	if wasLinked {
		// Never write through a link into the previous output.
		if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	} else {
		if r.keep(path, full, sum, int64(len(data))) {
			return nil
		}
		if r.prev != nil {
			if old, ok := r.prev.Files[path]; ok && old.Sum == sum && old.Size == int64(len(data)) {
				if r.link(path, full, old) {
					return nil
				}
			}
		}
	}
	mtime, err := r.d.write(path, data, true)
	if err != nil {
		return err
	}
	r.record(path, FileSum{Sum: sum, Size: int64(len(data)), Mtime: mtime}, false)
	return nil
}

// keep takes the spare's file at path as it is (Dir.keepFile) when the
// spare's manifest lists it with these bytes and it is still that file.
func (r *Reuse) keep(path, full string, sum [sha256.Size]byte, size int64) bool {
	m := r.d.spareMan
	if m == nil {
		return false
	}
	old, ok := m.Files[path]
	if !ok || old.Sum != sum || old.Size != size {
		return false
	}
	r.d.life.RLock()
	defer r.d.life.RUnlock()
	if r.d.done || !r.d.keepFile(full, old) {
		return false
	}
	r.reused(path, old)
	return true
}

// link links the previous output's file at path into the new output when it
// is still the file the manifest describes.
func (r *Reuse) link(path, full string, old FileSum) bool {
	src := filepath.Join(r.d.dest, filepath.FromSlash(path))
	st, err := os.Lstat(src)
	if err != nil || !st.Mode().IsRegular() || st.Size() != old.Size || st.ModTime().UnixNano() != old.Mtime {
		return false
	}
	// As WriteFile does: an aborted folder (Ctrl-C) must not be made again
	// by a link that was on its way.
	r.d.life.RLock()
	defer r.d.life.RUnlock()
	if r.d.done {
		return false
	}
	if err := r.d.mkdir(filepath.Dir(full)); err != nil {
		return false
	}
	if again, err := r.d.clearFor(full); err != nil || again {
		return false
	}
	if err := os.Link(src, full); err != nil {
		// The caller writes the file instead, as a new one.
		r.d.unproduce(full)
		return false
	}
	r.reused(path, old)
	return true
}

// reused counts a file of the previous output (linked) or of the spare
// (kept) as written by this build.
func (r *Reuse) reused(path string, old FileSum) {
	r.d.files.Add(1)
	r.d.bytes.Add(old.Size)
	r.links.Add(1)
	r.record(path, old, true)
}

func (r *Reuse) record(path string, f FileSum, linked bool) {
	r.mu.Lock()
	r.next[path] = f
	if linked {
		r.linked[path] = true
	}
	r.mu.Unlock()
}

// Manifest is the list of the files written or linked so far; after Commit
// it describes the destination.
func (r *Reuse) Manifest() *Manifest {
	r.mu.Lock()
	defer r.mu.Unlock()
	files := make(map[string]FileSum, len(r.next))
	for p, f := range r.next {
		files[p] = f
	}
	return &Manifest{Files: files}
}

// LinkPrevious links the previous output's file at path into the new output
// without its bytes: for a file the caller knows is unchanged (a page whose
// render inputs are the same), when the previous manifest lists it with the
// hash sum and the file is still the one it describes. It reports whether
// it linked; if not, the caller writes the file.
func (r *Reuse) LinkPrevious(path string, sum [sha256.Size]byte) bool {
	if r.prev == nil {
		return false
	}
	old, ok := r.prev.Files[path]
	full := filepath.Join(r.d.tmp, filepath.FromSlash(path))
	if !ok || old.Sum != sum || !strings.HasPrefix(full, r.d.tmp+string(filepath.Separator)) || strings.ContainsAny(path, "\n") {
		return false
	}
	r.mu.Lock()
	_, done := r.next[path]
	r.mu.Unlock()
	if done {
		return false
	}
	if r.keep(path, full, sum, old.Size) {
		return true
	}
	return r.link(path, full, old)
}

// Sum returns the hash of the file written or linked at path.
func (r *Reuse) Sum(path string) ([sha256.Size]byte, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, ok := r.next[path]
	return f.Sum, ok
}

// Previous is the previous output's manifest given to NewReuse (nil: none).
func (r *Reuse) Previous() *Manifest { return r.prev }
