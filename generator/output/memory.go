package output

import (
	"bytes"
	"sort"
	"sync"
)

// Memory holds a build in memory, for the watch server.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile implements Writer.
func (m *Memory) WriteFile(path string, data []byte) error {
	m.mu.Lock()
	m.files[path] = bytes.Clone(data) // see Writer
	m.mu.Unlock()
	return nil
}

// Get returns a file's bytes.
func (m *Memory) Get(path string) ([]byte, bool) {
	m.mu.RLock()
	b, ok := m.files[path]
	m.mu.RUnlock()
	return b, ok
}

// Remove deletes a file (a page that disappeared).
func (m *Memory) Remove(path string) {
	m.mu.Lock()
	delete(m.files, path)
	m.mu.Unlock()
}

// Paths lists every file, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	m.mu.RUnlock()
	sort.Strings(out)
	return out
}

// MoveFrom moves every file of src into m, without copying their bytes
// (src is left empty), and returns their paths, sorted.
func (m *Memory) MoveFrom(src *Memory) []string {
	src.mu.Lock()
	files := src.files
	src.files = map[string][]byte{}
	src.mu.Unlock()
	paths := make([]string, 0, len(files))
	m.mu.Lock()
	for p, data := range files {
		m.files[p] = data
		paths = append(paths, p)
	}
	m.mu.Unlock()
	sort.Strings(paths)
	return paths
}
