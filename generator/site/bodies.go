package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"slices"
	"sync"
	"unsafe"

	"dangjian/generator/content"
	"dangjian/generator/render"
	"dangjian/generator/theme"
	"dangjian/themes"
)

// A one-shot build with the built-in layouts keeps every page's HTML and
// plain text in a temporary file from the markdown stage until the stages
// that read them: the page's own render job, and the search index. At
// 50,000 pages they were 740 MB of the 1.0–1.25 GB live heap from markdown
// to render (heap profile), the build's peak, each read only once or twice.
//
// The built-in layouts show a page's HTML and plain text only on the page's
// own file (TestOwnFieldsOnlyOnOwnPage; TestBodiesSameOutput builds with and
// without the store), so each job gets its page's back just for its own
// rendering. A site's own layouts may show any page's body anywhere: then
// nothing is stored and every body stays in memory.
//
// The render keys hash these two fields by their SHA-256 (bodySums), which
// the store takes from the very bytes it writes, so a page whose body is in
// the file is keyed exactly as if it were in memory.
type bodyStore struct {
	f    *os.File
	name string
	sums bool // keep each body's SHA-256 (the render keys need them)

	mu   sync.Mutex
	w    *bufio.Writer
	size int64
	err  error
	at   map[*content.Page]*bodyRef
}

// noBodyStore keeps every body in memory (tests compare the two ways).
var noBodyStore bool

// bodyRef is where one page's HTML and plain text are, and how many jobs
// being rendered have them back in the page.
type bodyRef struct {
	off               int64
	nhtml, nplain     int
	htmlSum, plainSum [sha256.Size]byte
	users             int
}

// newBodyStore makes the store in the system's temporary folder; nil when
// it cannot (the bodies then stay in memory).
func newBodyStore(sums bool) *bodyStore {
	f, err := os.CreateTemp("", "dangjian-bodies-*")
	if err != nil {
		return nil
	}
	// Gone from the folder at once where the system allows an open file to
	// be removed; close removes it otherwise.
	os.Remove(f.Name())
	return &bodyStore{f: f, name: f.Name(), sums: sums, w: bufio.NewWriterSize(f, 1<<20),
		at: map[*content.Page]*bodyRef{}}
}

// put moves p's HTML and plain text into the store. On a write error they
// stay in p (and later pages' too).
func (b *bodyStore) put(p *content.Page) {
	ref := &bodyRef{nhtml: len(p.HTML), nplain: len(p.Plain)}
	if b.sums {
		ref.htmlSum, ref.plainSum = sumString(string(p.HTML)), sumString(p.Plain)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return
	}
	ref.off = b.size
	if _, err := b.w.WriteString(string(p.HTML)); err != nil {
		b.err = err
		return
	}
	if _, err := b.w.WriteString(p.Plain); err != nil {
		b.err = err
		return
	}
	b.size += int64(ref.nhtml + ref.nplain)
	b.at[p] = ref
	p.HTML, p.Plain = "", ""
}

// seal ends the markdown stage: what is buffered goes to the file. On an
// error the bodies written so far cannot be trusted, and the build fails.
func (b *bodyStore) seal() error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.err = b.w.Flush()
	}
	b.w = nil
	if b.err != nil {
		return fmt.Errorf("temporary file %s: %w", b.name, b.err)
	}
	return nil
}

// read returns the stored bytes of ref from off, n of them.
func (b *bodyStore) read(off int64, n int) (string, error) {
	if n == 0 {
		return "", nil
	}
	buf, err := b.readInto(nil, off, n)
	if err != nil {
		return "", err
	}
	// buf is not kept: the string is it, not a copy.
	return unsafe.String(unsafe.SliceData(buf), n), nil
}

// readInto reads n stored bytes from off into buf, grown as needed.
func (b *bodyStore) readInto(buf []byte, off int64, n int) ([]byte, error) {
	buf = slices.Grow(buf[:0], n)[:n]
	if _, err := b.f.ReadAt(buf, off); err != nil {
		return buf, fmt.Errorf("temporary file %s: %w", b.name, err)
	}
	return buf, nil
}

// lend gives job's page its HTML and plain text back until release is
// called (a render.Renderer's Prepare); jobs of one page may overlap.
func (b *bodyStore) lend(job render.Job) (release func(), err error) {
	p := job.Ctx.Page
	if p == nil {
		return nil, nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	ref := b.at[p]
	if ref == nil {
		return nil, nil
	}
	if ref.users == 0 {
		html, err := b.read(ref.off, ref.nhtml)
		if err != nil {
			return nil, err
		}
		plain, err := b.read(ref.off+int64(ref.nhtml), ref.nplain)
		if err != nil {
			return nil, err
		}
		p.HTML, p.Plain = template.HTML(html), plain
	}
	ref.users++
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if ref.users--; ref.users == 0 {
			p.HTML, p.Plain = "", ""
		}
	}, nil
}

// loadTexts puts every stored page's plain text back, for the search index.
func (b *bodyStore) loadTexts() error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for p, ref := range b.at {
		plain, err := b.read(ref.off+int64(ref.nhtml), ref.nplain)
		if err != nil {
			return err
		}
		p.Plain = plain
	}
	return nil
}

// plain reads p's stored plain text again into buf: the search index's
// excerpts, made after it has dropped the texts (search.Options.Bodies).
// Reads may overlap; the store is sealed by then.
func (b *bodyStore) plain(p *content.Page, buf []byte) ([]byte, error) {
	ref := b.at[p]
	if ref == nil {
		return buf[:0], fmt.Errorf("temporary file %s: no text of %s", b.name, p.Path)
	}
	return b.readInto(buf, ref.off+int64(ref.nhtml), ref.nplain)
}

// sumsOf returns the SHA-256 of p's HTML and plain text, stored or not.
func (b *bodyStore) sumsOf(p *content.Page) (html, plain [sha256.Size]byte, err error) {
	if b == nil {
		return sumString(string(p.HTML)), sumString(p.Plain), nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	ref := b.at[p]
	switch {
	case ref == nil:
		return sumString(string(p.HTML)), sumString(p.Plain), nil
	case b.sums:
		return ref.htmlSum, ref.plainSum, nil
	}
	h, err := b.read(ref.off, ref.nhtml)
	if err != nil {
		return html, plain, err
	}
	t, err := b.read(ref.off+int64(ref.nhtml), ref.nplain)
	return sumString(h), sumString(t), err
}

// sumString is sha256.Sum256 of s without copying it.
func sumString(s string) [sha256.Size]byte {
	return sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func (b *bodyStore) close() {
	if b == nil {
		return
	}
	b.f.Close()
	os.Remove(b.name)
}

// builtinLayouts reports whether th's layouts are the built-in theme's,
// byte for byte (the same test as layoutsKey's).
func builtinLayouts(th *theme.Theme) bool {
	files, err := th.Files("layouts")
	if err != nil {
		return false
	}
	n := 0
	fs.WalkDir(themes.Default, "default/layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if len(files) != n {
		return false
	}
	for _, f := range files {
		data, err := f.Read()
		if err != nil {
			return false
		}
		orig, err := fs.ReadFile(themes.Default, "default/layouts/"+f.Rel)
		if err != nil || !bytes.Equal(orig, data) {
			return false
		}
	}
	return true
}
