package site

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
)

// HeapProfileEnv names a file prefix: when set, each build stage ends by
// writing the live heap (after a collection) to <prefix>.<n>-<stage>.pb.gz
// and printing, on stderr, the largest heap and the largest live heap (as
// the collections found it) seen during the stage; <prefix>.peak.pb.gz is
// the live heap at the build's highest point, and <prefix>.<n>-<stage>.peak.pb.gz
// the live heap at the stage's own highest point. It is how the build's peak
// memory was found and cut (docs/performance.md); the forced collections
// cost time, so it is for measuring only.
const HeapProfileEnv = "DANGJIAN_HEAPPROFILE"

// heapWatch samples the heap while a stage runs.
type heapWatch struct {
	prefix     string
	n          atomic.Int32
	heap, live atomic.Uint64 // highest in the current stage
	mu         sync.Mutex    // peak, stagePeak and their files
	peak       uint64        // highest live heap so far
	stagePeak  uint64        // highest live heap in the current stage
}

var (
	watchOnce sync.Once
	watch     *heapWatch
)

// newHeapWatch returns the process's one heap watch (serve makes a timer
// per full rebuild), nil unless HeapProfileEnv is set.
func newHeapWatch() *heapWatch {
	watchOnce.Do(func() {
		if prefix := os.Getenv(HeapProfileEnv); prefix != "" {
			watch = &heapWatch{prefix: prefix}
			go watch.sample()
		}
	})
	return watch
}

func raise(a *atomic.Uint64, v uint64) {
	for {
		m := a.Load()
		if v <= m || a.CompareAndSwap(m, v) {
			return
		}
	}
}

func (h *heapWatch) sample() {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for range tick.C {
		metrics.Read(s)
		heap, live := s[0].Value.Uint64(), s[1].Value.Uint64()
		raise(&h.heap, heap)
		raise(&h.live, live)
		h.mu.Lock()
		if live > h.stagePeak+h.stagePeak/20 {
			h.stagePeak = live
			h.profile(".stagepeak.pb.gz")
			if live > h.peak+h.peak/20 {
				h.peak = live
				h.profile(".peak.pb.gz")
			}
		}
		h.mu.Unlock()
	}
}

func (h *heapWatch) profile(suffix string) {
	if f, err := os.Create(h.prefix + suffix); err == nil {
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
}

// stage ends a stage: profile of what stays live, and the highs.
func (h *heapWatch) stage(name string) {
	if h == nil {
		return
	}
	heap, live := h.heap.Swap(0), h.live.Swap(0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	n := h.n.Add(1)
	h.mu.Lock()
	os.Rename(h.prefix+".stagepeak.pb.gz", fmt.Sprintf("%s.%02d-%s.peak.pb.gz", h.prefix, n, name))
	h.stagePeak = 0
	h.mu.Unlock()
	file := fmt.Sprintf("%s.%02d-%s.pb.gz", h.prefix, n, name)
	if f, err := os.Create(file); err == nil {
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
	fmt.Fprintf(os.Stderr, "heap %-10s highest %5d MB (live %5d MB), live after %5d MB, sys %5d MB\n",
		name, heap>>20, live>>20, ms.HeapAlloc>>20, ms.Sys>>20)
}
