// Package mdcache keeps the markdown stage's results between builds, so that
// an unchanged page does not go through goldmark again.
//
// It is content-addressed: an entry's name is the hash of everything the
// markdown stage reads for one page — the format of this cache and the
// program that made it (Version), the renderer's options, the page's path
// (relative links resolve from it), the file line its body starts on (links
// carry file lines) and the body's bytes. The only input from outside the
// page is the answer to each link to another Markdown file (that page's URL),
// so an entry records the links it asked about with their answers, and Get
// asks them again: an entry whose answers changed is a miss.
//
// An entry carries a hash of its own bytes; a corrupted, truncated or
// foreign file is a miss, never a result. Writes go through a temporary file
// and a rename, so a build that dies leaves no half entry behind.
package mdcache

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"dangjian/generator/markdown"
)

// Format is the layout of an entry and of the key. Bump it when the markdown
// stage changes in a way the program's identity (Version) would not show.
const Format = 1

var magic = []byte("dangjian-md\x00")

// Lookup is one link destination the renderer asked about, with the answer.
type Lookup struct {
	Dest string
	URL  string
	OK   bool
}

// entry is what a file holds (encoded by encode, after magic and the
// payload's hash).
type entry struct {
	Key     string
	Result  markdown.Result
	Lookups []Lookup
}

// Cache is a folder of entries. It is safe for concurrent use.
type Cache struct {
	dir     string
	version string
	mu      sync.Mutex
	used    map[string]bool
	hits    int
	misses  int
}

// Open returns the cache in dir (created when first written).
func Open(dir string) *Cache {
	return &Cache{dir: dir, version: Version(), used: map[string]bool{}}
}

// Key is the hash of one page's markdown inputs besides link answers.
func (c *Cache) Key(unsafeHTML bool, path string, firstLine int, body []byte) string {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte(c.version))
	if unsafeHTML {
		field([]byte("unsafe"))
	} else {
		field([]byte("safe"))
	}
	field([]byte(path))
	binary.LittleEndian.PutUint64(n[:], uint64(firstLine))
	h.Write(n[:])
	field(body)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) file(key string) string { return filepath.Join(c.dir, key[:2], key) }

// Get returns the entry for key when it is intact and every link answer it
// recorded is still the same; resolve answers as the renderer's resolver.
func (c *Cache) Get(key string, resolve func(string) (string, bool)) (*markdown.Result, bool) {
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
	e, ok := c.read(key)
	if ok {
		for _, l := range e.Lookups {
			url, found := resolve(l.Dest)
			if url != l.URL || found != l.OK {
				ok = false
				break
			}
		}
	}
	c.mu.Lock()
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	return &e.Result, true
}

func (c *Cache) read(key string) (*entry, bool) {
	data, err := os.ReadFile(c.file(key))
	if err != nil || len(data) < len(magic)+sha256.Size || !bytes.HasPrefix(data, magic) {
		return nil, false
	}
	sum := data[len(magic) : len(magic)+sha256.Size]
	payload := data[len(magic)+sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	e, ok := decode(payload)
	if !ok || e.Key != key {
		return nil, false
	}
	return e, true
}

// Put stores a result with the link answers it was made with. A failure
// to write only costs the next build time, so it is not reported.
func (c *Cache) Put(key string, res *markdown.Result, lookups []Lookup) {
	payload := encode(&entry{Key: key, Result: *res, Lookups: lookups})
	sum := sha256.Sum256(payload)
	name := c.file(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return
	}
	_, err = f.Write(magic)
	if err == nil {
		_, err = f.Write(sum[:])
	}
	if err == nil {
		_, err = f.Write(payload)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// Stats returns how many lookups hit and missed.
func (c *Cache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// Prune removes the entries this cache's lookups did not ask for (pages
// that changed or went away), and leftover temporary files, so the folder
// stays the size of one site.
func (c *Cache) Prune() error {
	subs, err := os.ReadDir(c.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range subs {
		if !s.IsDir() {
			continue
		}
		sub := filepath.Join(c.dir, s.Name())
		files, err := os.ReadDir(sub)
		if err != nil {
			continue
		}
		for _, f := range files {
			if !c.used[f.Name()] {
				os.Remove(filepath.Join(sub, f.Name()))
			}
		}
	}
	return nil
}

var (
	versionOnce sync.Once
	version     string
)

// Version identifies the program that renders Markdown: the cache format,
// and the commit it was built from when the build says it had no local
// changes; otherwise (go run, tests, a modified tree) the hash of the
// running executable, so that a changed renderer never reads old entries.
func Version() string {
	versionOnce.Do(func() { version = computeVersion() })
	return version
}

func computeVersion() string {
	var b strings.Builder
	b.WriteString("format=")
	b.WriteByte(byte('0' + Format))
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, modified := "", true
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value != "false"
			}
		}
		b.WriteString(" go=" + info.GoVersion)
		for _, d := range info.Deps {
			b.WriteString(" " + d.Path + "@" + d.Version + d.Sum)
		}
		if rev != "" && !modified {
			return b.String() + " rev=" + rev
		}
	}
	return b.String() + " exe=" + exeHash()
}

func exeHash() string {
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err = io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	// Unknown program: no entry of another run may match.
	return "unknown-" + rand.Text()
}
