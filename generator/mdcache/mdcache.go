// Package mdcache keeps the markdown stage's results between builds, so that
// an unchanged page does not go through goldmark again.
//
// It is content-addressed: an entry's key is the hash of everything the
// markdown stage reads for one page — the format of this cache and the
// program that made it (Version), the renderer's options, the page's path
// (relative links resolve from it), the file line its body starts on (links
// carry file lines) and the body's bytes. The only input from outside the
// page is the answer to each link to another Markdown file (that page's URL),
// so an entry records the links it asked about with their answers, and Get
// asks them again: an entry whose answers changed is a miss.
//
// Entries live in pack files (see pack.go), a few per cache: a build writes
// the entries it made into one new pack, sequentially and in the background,
// instead of one file per page (at 10,000 pages the files cost about 15 % of
// a cold build). Each entry carries a checksum and holds its own key: a
// corrupted, truncated or foreign entry is a miss, never a result. A pack is
// written under a temporary name and renamed when complete, so a build that
// dies leaves no half pack behind.
package mdcache

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"dangjian/generator/markdown"
)

// Format is the layout of an entry, of a pack and of the key. Bump it when
// the markdown stage changes in a way the program's identity (Version) would
// not show.
const Format = 3

// Lookup is one link destination the renderer asked about, with the answer.
type Lookup struct {
	Dest string
	URL  string
	OK   bool
}

// entry is what a pack holds for one page (encoded by encode).
type entry struct {
	Key     string
	Result  markdown.Result
	Lookups []Lookup
}

// Cache is a folder of packs. It is safe for concurrent use.
type Cache struct {
	dir     string
	version string

	mu     sync.Mutex
	index  map[string]loc // every entry of the packs found at Open
	packs  []*pack
	used   map[string]bool
	hits   int
	misses int

	w      *packWriter // this build's new pack; nil until the first Put
	closed bool
}

// Open returns the cache in dir (created when first written), reading the
// indexes of the packs there.
func Open(dir string) *Cache {
	c := &Cache{dir: dir, version: Version(), used: map[string]bool{}, index: map[string]loc{}}
	c.packs = openPacks(dir, c.index)
	return c
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

// Get returns the entry for key when it is intact and every link answer it
// recorded is still the same; resolve answers as the renderer's resolver.
func (c *Cache) Get(key string, resolve func(string) (string, bool)) (*markdown.Result, bool) {
	c.mu.Lock()
	c.used[key] = true
	l, found := c.index[key]
	c.mu.Unlock()
	var e *entry
	ok := false
	if found {
		e, ok = l.read(key)
	}
	if ok {
		for _, lk := range e.Lookups {
			url, found := resolve(lk.Dest)
			if url != lk.URL || found != lk.OK {
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

// Put stores a result with the link answers it was made with: it is
// encoded here and written to this build's pack in the background. A
// failure to write only costs the next build time, so it is not reported.
func (c *Cache) Put(key string, res *markdown.Result, lookups []Lookup) {
	payload := encode(&entry{Key: key, Result: *res, Lookups: lookups})
	c.mu.Lock()
	c.used[key] = true
	if c.closed {
		c.mu.Unlock()
		return
	}
	if c.w == nil {
		c.w = newPackWriter(c.dir)
	}
	w := c.w
	w.pending.Add(1)
	c.mu.Unlock()
	w.add(key, payload)
	w.pending.Done()
}

// Stats returns how many lookups hit and missed.
func (c *Cache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// finishWrite waits for this build's pack to be written and puts it in
// place; a Put after it is dropped.
func (c *Cache) finishWrite() []*pack {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	w := c.w
	c.w = nil
	c.mu.Unlock()
	packs := c.packs
	if w != nil {
		w.pending.Wait()
		if p := w.finish(); p != nil {
			packs = append(packs, p)
		}
	}
	return packs
}

// Close puts this build's pack in place, without pruning (a failed build:
// its entries are good, but the pages it did not reach may come back).
// After Close or Prune the cache is spent.
func (c *Cache) Close() {
	for _, p := range c.finishWrite() {
		p.f.Close()
	}
}

// Prune is Close after a successful build: it also removes the packs none
// of whose entries this build asked for, leftovers of killed builds and
// files of older formats, and rewrites the live entries into one pack when
// the packs have become many or mostly dead, so the folder stays about the
// size of one site.
func (c *Cache) Prune() error {
	packs := c.finishWrite()
	if packs == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return prune(c.dir, packs, c.used)
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
