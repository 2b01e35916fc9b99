package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// removeWorkers is how many goroutines unlink a removed output's files. On
// ext4 unlinking is CPU work in the kernel (freeing the inode and its
// blocks): 29,000 files took 3.2 s on one core; several workers use every
// core, and while one waits for the disk another unlinks.
func removeWorkers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// removeOutput removes an output folder that has been moved aside: its
// files first, on several goroutines, then its folders deepest first, its
// marker file last and the folder itself. Until the very end the folder
// still carries its (unlocked) marker, so a removal that is killed half
// way leaves a folder the next build recognises and removes
// (RemoveLeftovers); os.RemoveAll may remove the marker first and leave an
// unmarked half folder nobody would touch.
func removeOutput(root string) error {
	var (
		mu   sync.Mutex
		dirs []string // every folder below root
		errs firstError
	)
	fail := errs.keep
	// Each folder's files are unlinked as it is visited; an error is kept
	// and the walk goes on, so that as much as can go goes.
	walkFolders(root, func(dir string) ([]string, error) {
		entries, err := os.ReadDir(dir)
		fail(err)
		var subs []string
		for _, e := range entries {
			full := filepath.Join(dir, e.Name())
			switch {
			case e.IsDir():
				subs = append(subs, full)
			case dir == root && e.Name() == Marker:
				// Last.
			default:
				fail(removeFile(full))
			}
		}
		mu.Lock()
		dirs = append(dirs, subs...)
		mu.Unlock()
		return subs, nil
	})

	removeFolders(dirs, fail)
	if err := errs.get(); err != nil {
		return err
	}
	if err := removeFile(filepath.Join(root, Marker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Remove(root); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// firstError keeps the first error of a removal on several goroutines; a
// file or folder already gone is no error.
type firstError struct {
	mu  sync.Mutex
	err error
}

func (f *firstError) keep(err error) {
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.mu.Lock()
		if f.err == nil {
			f.err = err
		}
		f.mu.Unlock()
	}
}

func (f *firstError) get() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// removeFolders removes (empty) folders, deepest first, those of one depth
// on all workers, handing each error to fail.
func removeFolders(dirs []string, fail func(error)) {
	sort.Slice(dirs, func(i, j int) bool { return depth(dirs[i]) > depth(dirs[j]) })
	for i := 0; i < len(dirs); {
		j := i
		for j < len(dirs) && depth(dirs[j]) == depth(dirs[i]) {
			j++
		}
		level := dirs[i:j]
		parallel(len(level), func(k int) { fail(os.Remove(level[k])) })
		i = j
	}
}

// walkFolders calls visit for root and for every folder below it, on
// removeWorkers goroutines; visit returns a folder's sub-folders. The walk
// stops at visit's first error, which it returns (visits under way end).
func walkFolders(root string, visit func(dir string) (subs []string, err error)) error {
	var (
		mu    sync.Mutex
		cond  = sync.NewCond(&mu)
		queue = []string{root} // folders not visited yet
		busy  int              // folders being visited
		first error
	)
	var wg sync.WaitGroup
	for range removeWorkers() {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for len(queue) == 0 && busy > 0 {
					cond.Wait()
				}
				if len(queue) == 0 || first != nil {
					cond.Broadcast()
					return
				}
				dir := queue[len(queue)-1]
				queue = queue[:len(queue)-1]
				busy++
				mu.Unlock()
				subs, err := visit(dir)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				queue = append(queue, subs...)
				busy--
				cond.Broadcast()
			}
		})
	}
	wg.Wait()
	return first
}

// parallel calls fn(i) for i in [0, n) on removeWorkers goroutines.
func parallel(n int, fn func(i int)) {
	var next sync.Mutex
	k := 0
	var wg sync.WaitGroup
	for range min(removeWorkers(), n) {
		wg.Go(func() {
			for {
				next.Lock()
				if k >= n {
					next.Unlock()
					return
				}
				i := k
				k++
				next.Unlock()
				fn(i)
			}
		})
	}
	wg.Wait()
}

// removeFile is os.Remove, replaced by a test that records the order.
var removeFile = os.Remove

func depth(p string) int { return strings.Count(p, string(filepath.Separator)) }
