package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The spare: after Commit, the previous output is not removed but kept
// beside the destination as the spare (SparePrefix + the destination's
// name), with the manifest of the output it was inside it (SpareManifest).
// The next build claims it as its temporary folder instead of making an
// empty one and brings it up to date: a file whose bytes the spare already
// has costs nothing, a file the destination has unchanged is linked from it,
// anything else is written, and at Commit everything the build did not
// produce is deleted before the swap. On ext4 a one-page edit of a
// 10,000-page site then costs a few dozen file operations instead of a link
// into the new folder and an unlink of the old one for each of its 39,000
// files.
//
// The spare and the destination share the inodes of their unchanged files:
// a file of the spare is never written through, always unlinked first.
//
// A spare is claimed by locking its marker, then renaming it to a temporary
// name (TempPrefix): from then on it is a build's temporary folder like any
// other, and a build killed while it updates the spare leaves a folder that
// the next build removes (RemoveLeftovers). Only a spare at rest, under its
// own name, is ever claimed, and nothing is published before the sweep.

// SparePrefix starts the name of a destination's spare folder, followed by
// the destination's name: .dangjian-spare-public.
const SparePrefix = ".dangjian-spare-"

// SpareManifest is the file inside the spare folder that lists its files
// (Manifest.Save's format). It travels with the folder, so it never
// describes another one; a spare without it is updated file by file.
const SpareManifest = ".dangjian-spare-manifest"

// SpareDir returns the spare folder of dest.
func SpareDir(dest string) string {
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	return filepath.Join(filepath.Dir(dest), SparePrefix+filepath.Base(dest))
}

// fileStat is a file of the spare as its walk found it.
type fileStat struct {
	regular     bool
	size, mtime int64
}

// Spare is a claimed spare folder, walked in the background (ClaimSpare).
type Spare struct {
	dest string
	done chan struct{}
	// Set by the claim, read after done.
	tmp   string
	lock  *os.File
	man   *Manifest
	dirs  map[string]bool     // real folders below tmp, by full path
	files map[string]fileStat // everything else below tmp but the marker
	err   error               // no spare, or one that cannot be used
	used  bool                // handed to a Dir
}

// ClaimSpare starts claiming dest's spare and listing its files, in the
// background: the caller loads the site meanwhile, then hands the spare to
// NewDirFrom, or to Release when the build ends before writing. It returns
// nil where there are no file locks (a spare could not be claimed safely).
func ClaimSpare(dest string) *Spare {
	if !canSpare {
		return nil
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil
	}
	s := &Spare{dest: dest, done: make(chan struct{})}
	liveMu.Lock()
	liveSpares[s] = true
	liveMu.Unlock()
	go func() {
		defer close(s.done)
		s.err = s.claim()
		if s.err == nil {
			s.err = s.walk()
		}
		// Claimed but not usable (a folder it cannot read): with its
		// marker unlocked it is a leftover, which NewDir removes.
		if s.err != nil && s.lock != nil {
			s.lock.Close()
			s.lock = nil
		}
	}()
	return s
}

var errNoSpare = errors.New("no spare output")

// claim locks the spare's marker and renames the spare to a temporary name.
func (s *Spare) claim() error {
	spare := SpareDir(s.dest)
	if st, err := os.Lstat(spare); err != nil || !st.IsDir() {
		return errNoSpare
	}
	marker := filepath.Join(spare, Marker)
	if st, err := os.Lstat(marker); err != nil || !st.Mode().IsRegular() {
		return errNoSpare // not ours: never touched
	}
	f, err := os.OpenFile(marker, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return err // another build is claiming it
	}
	locked, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	tmp, mode, err := tempName(filepath.Dir(s.dest), TempPrefix+filepath.Base(s.dest)+"-")
	if err == nil {
		err = os.Rename(spare, tmp)
	}
	if err != nil {
		f.Close()
		return err
	}
	// At rest the spare is closed to other users (spareMode); the output
	// it becomes has the mode of a folder made now.
	if err := os.Chmod(tmp, mode); err != nil {
		f.Close()
		return err
	}
	// Another build may have claimed and replaced the spare between our
	// open and our lock: the folder renamed must carry the marker locked.
	if st, err := os.Lstat(filepath.Join(tmp, Marker)); err != nil || !os.SameFile(st, locked) {
		f.Close()
		// Whatever was renamed is a leftover whose marker nobody holds
		// (or holds for a moment): RemoveLeftovers takes it later.
		return errors.New("spare output changed while it was claimed")
	}
	if caseInsensitive(tmp) {
		f.Close()
		return errors.New("spare output on a case-insensitive file system")
	}
	s.tmp, s.lock = tmp, f
	if m := LoadManifest(filepath.Join(tmp, SpareManifest)); m != nil {
		s.man = m
	}
	return nil
}

// tempName returns a name under parent, starting with prefix, that no file
// has (a random number, as mkdirTemp), and the mode a folder made there
// has (755 less the umask).
func tempName(parent, prefix string) (string, fs.FileMode, error) {
	for range 100 {
		name, err := mkdirTemp(parent, prefix)
		if err != nil {
			return "", 0, err
		}
		st, err := os.Lstat(name)
		// mkdirTemp made it: remove it so that the spare can be renamed
		// there (rename onto an empty folder would do, but not on every
		// system).
		if rerr := os.Remove(name); rerr == nil {
			if err != nil {
				return "", 0, err
			}
			return name, st.Mode().Perm(), nil
		}
	}
	return "", 0, fmt.Errorf("%s: no free temporary name", parent)
}

// caseInsensitive reports a folder where the marker's name in capitals
// finds a file: a case-insensitive file system (macOS by default, FAT and
// NTFS drives). There the spare's names and the build's could differ in
// case only and be one file, which the sweep would then delete; so no
// spare is kept there.
func caseInsensitive(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, strings.ToUpper(Marker)))
	return err == nil
}

// spareMode is the spare's own folder's mode at rest: it holds the output
// before the last, pages since removed included, and a destination inside
// a web server's root would otherwise serve them under the spare's name
// one build longer. (Its files share inodes with the output: their modes
// stay as they are.)
const spareMode = 0o700

// walk lists the claimed spare: its folders and its files with their size
// and time, on several goroutines. Anything but a folder or a regular file
// (a symbolic link someone put there) goes with the files, to be removed.
func (s *Spare) walk() error {
	var mu sync.Mutex
	dirs := map[string]bool{}
	files := map[string]fileStat{}
	err := walkFolders(s.tmp, func(dir string) ([]string, error) {
		f, err := os.Open(dir)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		entries, err := f.ReadDir(-1)
		if err != nil {
			return nil, err
		}
		var subs []string
		found := make(map[string]fileStat, len(entries))
		for _, e := range entries {
			full := filepath.Join(dir, e.Name())
			switch {
			case e.IsDir():
				subs = append(subs, full)
			case dir == s.tmp && e.Name() == Marker:
			case e.Type().IsRegular():
				st, err := statIn(f, dir, e.Name())
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				if err != nil {
					return nil, err
				}
				found[full] = st
			default:
				found[full] = fileStat{}
			}
		}
		mu.Lock()
		for _, d := range subs {
			dirs[d] = true
		}
		for p, st := range found {
			files[p] = st
		}
		mu.Unlock()
		return subs, nil
	})
	if err != nil {
		return err
	}
	s.dirs, s.files = dirs, files
	return nil
}

// Release gives back a spare that no Dir took (the build failed before
// writing): renamed back to its name, as it was. It waits for the claim.
func (s *Spare) Release() {
	if s == nil {
		return
	}
	<-s.done
	if !s.take() {
		return
	}
	spare := SpareDir(s.dest)
	if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) && os.Chmod(s.tmp, spareMode) == nil {
		if os.Rename(s.tmp, spare) == nil {
			s.lock.Close()
			return
		}
	}
	removeOutput(s.tmp)
	s.lock.Close()
}

// take marks a claimed spare used, once: by NewDirFrom or by Release
// (an interrupt's AbortAll may release it while the build goes on).
func (s *Spare) take() bool {
	liveMu.Lock()
	defer liveMu.Unlock()
	delete(liveSpares, s)
	if s.err != nil || s.used {
		return false
	}
	s.used = true
	return true
}

// NewDirFrom is NewDir reusing the spare s claimed (see Spare): it waits
// for the claim; without a usable spare (s nil, none, unreadable) the
// folder is a fresh one, as NewDir makes.
func NewDirFrom(dest string, s *Spare) (*Dir, error) {
	if s == nil {
		return NewDir(dest)
	}
	<-s.done
	if !s.take() {
		return NewDir(dest)
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		s.lock.Close()
		return nil, err
	}
	RemoveLeftovers(dest)
	d := &Dir{dest: dest, tmp: s.tmp, lock: s.lock, made: map[string]bool{s.tmp: true},
		spare: true, spareMan: s.man, haveDirs: s.dirs, haveFiles: s.files, produced: map[string]bool{}}
	liveMu.Lock()
	live[d] = true
	liveMu.Unlock()
	return d, nil
}

// KeepSpare makes Commit keep the output it replaces as the destination's
// spare, described by m (the manifest of that output; nil: none), instead of
// removing it.
func (d *Dir) KeepSpare(m *Manifest) {
	if !canSpare {
		return // it would never be claimed
	}
	d.life.Lock()
	defer d.life.Unlock()
	d.keepSpare, d.nextSpareMan = true, m
}

// Kept returns how many files the spare already had (neither written nor
// linked).
func (d *Dir) Kept() int64 { return d.kept.Load() }

// keepFile reports whether the spare holds at full, intact, the file m
// describes, and takes it as this build's file at full if so: no system
// call.
func (d *Dir) keepFile(full string, m FileSum) bool {
	if !d.spare {
		return false
	}
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.haveFiles[full]
	if !ok || !st.regular || st.size != m.Size || st.mtime != m.Mtime || d.produced[full] || d.made[full] {
		return false
	}
	delete(d.haveFiles, full)
	d.produced[full] = true
	d.kept.Add(1)
	return true
}

// clearFor makes way for a file of this build at full in a reused spare:
// what the spare has there (a stale file, a stale folder) is removed. It
// reports whether this build already produced the path (the caller then
// replaces its own file). A folder this build made there is an error, as
// in a fresh folder.
func (d *Dir) clearFor(full string) (again bool, err error) {
	if !d.spare {
		return false, nil
	}
	d.mu.Lock()
	if d.made[full] {
		d.mu.Unlock()
		return false, &fs.PathError{Op: "open", Path: full, Err: errIsDir}
	}
	if d.produced[full] {
		d.mu.Unlock()
		return true, nil
	}
	d.produced[full] = true
	_, file := d.haveFiles[full]
	delete(d.haveFiles, full)
	if d.haveDirs[full] {
		// A stale folder where this build puts a file (a page removed,
		// a static file of its name added): rare, so under the lock, so
		// that no folder of this build can be made inside meanwhile.
		defer d.mu.Unlock()
		d.forgetBelow(full)
		return false, os.RemoveAll(full)
	}
	d.mu.Unlock()
	if file {
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			// Not this build's file: a later write must not open it.
			d.unproduce(full)
			return false, err
		}
	}
	return false, nil
}

var errIsDir = errors.New("is a directory")

// unproduce forgets a path clearFor made way for but nothing was put at.
func (d *Dir) unproduce(full string) {
	if d.spare {
		d.mu.Lock()
		delete(d.produced, full)
		d.mu.Unlock()
	}
}

// forgetBelow drops dir and everything below it from the spare's lists.
func (d *Dir) forgetBelow(dir string) {
	prefix := dir + string(filepath.Separator)
	delete(d.haveDirs, dir)
	for p := range d.haveDirs {
		if strings.HasPrefix(p, prefix) {
			delete(d.haveDirs, p)
		}
	}
	for p := range d.haveFiles {
		if strings.HasPrefix(p, prefix) {
			delete(d.haveFiles, p)
		}
	}
}

// spareMkdir is mkdir's step for one folder in a reused spare, called with
// d.mu held: done reports that the folder is there (a folder of the spare,
// or a stale file replaced by it).
func (d *Dir) spareMkdir(dir string) (done bool, err error) {
	if d.produced[dir] {
		return false, &fs.PathError{Op: "mkdir", Path: dir, Err: errNotDir}
	}
	if d.haveDirs[dir] {
		d.made[dir] = true
		return true, nil
	}
	if _, ok := d.haveFiles[dir]; ok {
		delete(d.haveFiles, dir)
		if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			return false, err
		}
		d.made[dir] = true
		return true, nil
	}
	return false, nil
}

var errNotDir = errors.New("not a directory")

// sweep deletes from a reused spare everything this build did not
// produce: files, then the folders it did not use, deepest first.
func (d *Dir) sweep() error {
	d.mu.Lock()
	files := make([]string, 0, len(d.haveFiles))
	for p := range d.haveFiles {
		files = append(files, p)
	}
	var dirs []string
	for p := range d.haveDirs {
		if !d.made[p] {
			dirs = append(dirs, p)
		}
	}
	d.mu.Unlock()
	var errs firstError
	parallel(len(files), func(i int) { errs.keep(removeFile(files[i])) })
	if err := errs.get(); err != nil {
		return err
	}
	removeFolders(dirs, errs.keep)
	return errs.get()
}

// keepOld makes the output Commit replaced, now at old, the spare: renamed
// to the spare's name (when that is free) and its manifest saved inside.
// Otherwise it is removed, as without a spare.
func (d *Dir) keepOld(old string) {
	d.removing.Add(1)
	go func() {
		defer d.removing.Done()
		spare := SpareDir(d.dest)
		_, err := os.Lstat(spare)
		if errors.Is(err, fs.ErrNotExist) && !caseInsensitive(old) && os.Chmod(old, spareMode) == nil && os.Rename(old, spare) == nil {
			file := filepath.Join(spare, SpareManifest)
			if d.nextSpareMan == nil || d.nextSpareMan.Save(file) != nil {
				os.Remove(file)
			}
			return
		}
		if err := removeOutput(old); err != nil {
			d.rmErr = &WriteError{Path: old, Err: unwrapPath(err)}
		}
	}()
}
