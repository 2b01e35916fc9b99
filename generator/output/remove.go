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
		mu    sync.Mutex
		cond  = sync.NewCond(&mu)
		queue = []string{root} // folders whose files are still to unlink
		busy  int              // folders being read
		dirs  []string         // every folder below root
		first error
	)
	fail := func(err error) {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	}
	// visit unlinks a folder's files and returns its sub-folders.
	visit := func(dir string) []string {
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
		return subs
	}
	var wg sync.WaitGroup
	for range removeWorkers() {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for len(queue) == 0 && busy > 0 {
					cond.Wait()
				}
				if len(queue) == 0 {
					cond.Broadcast()
					return
				}
				dir := queue[len(queue)-1]
				queue = queue[:len(queue)-1]
				busy++
				mu.Unlock()
				subs := visit(dir)
				mu.Lock()
				queue = append(queue, subs...)
				dirs = append(dirs, subs...)
				busy--
				cond.Broadcast()
			}
		})
	}
	wg.Wait()

	// Folders, deepest first; those of one depth on all workers.
	sort.Slice(dirs, func(i, j int) bool { return depth(dirs[i]) > depth(dirs[j]) })
	for i := 0; i < len(dirs); {
		j := i
		for j < len(dirs) && depth(dirs[j]) == depth(dirs[i]) {
			j++
		}
		level := dirs[i:j]
		var lw sync.WaitGroup
		var next sync.Mutex
		k := 0
		for range removeWorkers() {
			lw.Go(func() {
				for {
					next.Lock()
					if k >= len(level) {
						next.Unlock()
						return
					}
					d := level[k]
					k++
					next.Unlock()
					fail(os.Remove(d))
				}
			})
		}
		lw.Wait()
		i = j
	}
	if first != nil {
		return first
	}
	if err := removeFile(filepath.Join(root, Marker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Remove(root); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// removeFile is os.Remove, replaced by a test that records the order.
var removeFile = os.Remove

func depth(p string) int { return strings.Count(p, string(filepath.Separator)) }
