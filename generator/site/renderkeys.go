package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dangjian/generator/content"
	"dangjian/generator/mdcache"
	"dangjian/generator/output"
	"dangjian/generator/render"
	"dangjian/themes"
)

// Render skipping: a page is not rendered again when everything its bytes
// are made from is as it was when the previous build made the file that is
// still in the output. Each page's render key hashes
//
//   - the program (mdcache.Version: Go, modules, commit or executable),
//   - the layouts, the renderer's options (minify, injected script),
//   - all of render.Site (config, labels, every derived list, figure and
//     gallery view), walked by reflection so that a field added later is
//     hashed without anyone remembering to,
//   - every page's fields (front matter, summary, URL …) — but the fields
//     the markdown stage makes from the body only for the page itself
//     (ownFields) are left out of this site-wide part when the layouts are
//     the built-in theme's, which shows them only on the page's own file
//     (TestOwnFieldsOnlyOnOwnPage); with any other layout they are in it,
//     and a body edit renders every page again,
//   - the job: its URL, layouts, kind, and its page's own fields.
//
// So editing one page's body, without changing its summary, reading time
// or anything a list shows, renders that page alone; editing a title
// renders every page (the menus, lists and neighbours show titles).
//
// The keys are kept per destination beside the output manifest, each with
// the SHA-256 of the file it made; a page is linked only when the previous
// output still has a file with that hash (output.Reuse.LinkPrevious).

// renderKeysFormat changes when what a key covers changes.
const renderKeysFormat = "dangjian-render-keys 3"

// ownFields are the page fields the markdown stage fills from the body that
// the built-in layouts read only on the page's own file.
var ownFields = map[string]bool{
	"HTML": true, "TOC": true, "Plain": true, "ReadingMinutes": true,
	"Links": true, "HeadingIDs": true,
}

type keyEntry struct {
	key, sum [sha256.Size]byte
}

// renderKeys is a build's render keys: the previous build's, and this
// one's as they are made.
type renderKeys struct {
	file  string
	reuse *output.Reuse
	prev  map[string]keyEntry
	mu    sync.Mutex
	next  map[string]keyEntry
	// The search index's files, each with the key of the index's whole
	// input (see linkSearch).
	prevSearch, nextSearch map[string]keyEntry
	// What search.Update needs of the index (searchstate.go).
	prevState, nextState *searchState
}

func renderKeysFile(opt Options) string {
	m := manifestFile(opt)
	return filepath.Join(opt.Source, CacheDir, "render", strings.TrimSuffix(filepath.Base(m), ".manifest")+".keys")
}

// previous is what the previous build left for this one: its output's
// manifest, render keys and search state.
type previous struct {
	manifest      *output.Manifest
	pages, search map[string]keyEntry
	state         *searchState
}

// loadPrevious reads the previous build's files in the background, while
// the site loads (70 ms at 10,000 pages, otherwise between the stages).
func loadPrevious(opt Options) <-chan previous {
	ch := make(chan previous, 1)
	go func() {
		var p previous
		p.manifest = output.LoadManifest(manifestFile(opt))
		file := renderKeysFile(opt)
		p.pages, p.search = loadKeys(file)
		p.state = loadSearchState(searchStateFile(file))
		ch <- p
	}()
	return ch
}

func openRenderKeys(opt Options, reuse *output.Reuse, p previous) *renderKeys {
	return &renderKeys{file: renderKeysFile(opt), reuse: reuse, prev: p.pages, prevSearch: p.search,
		next: map[string]keyEntry{}, nextSearch: map[string]keyEntry{},
		prevState: p.state}
}

// planSkips computes the jobs' keys and links each job whose page is
// unchanged from the previous output; it returns the jobs left to render,
// the keys by output path (none when the site cannot be keyed: then
// nothing is skipped or kept) and how many pages were linked.
func (k *renderKeys) planSkips(s *Site, jobs []render.Job, rec *recorder) (todo []render.Job, byPath map[string][sha256.Size]byte, linked int) {
	keys, err := jobKeys(s, jobs)
	if err != nil {
		return jobs, nil, 0
	}
	// Two jobs writing one file (an error the build reports elsewhere)
	// are never skipped nor recorded.
	count := make(map[string]int, len(jobs))
	for _, j := range jobs {
		count[render.OutPath(j.URL)]++
	}
	byPath = make(map[string][sha256.Size]byte, len(jobs))
	for i, j := range jobs {
		if p := render.OutPath(j.URL); count[p] == 1 {
			byPath[p] = keys[i]
		}
	}
	skip := make([]bool, len(jobs))
	var n atomic.Int64
	forEach(len(jobs), func(i int) {
		p := render.OutPath(jobs[i].URL)
		old, ok := k.prev[p]
		if !ok || old.key != keys[i] || count[p] != 1 || rec.keep[p] {
			return
		}
		if !k.reuse.LinkPrevious(p, old.sum) {
			return
		}
		rec.mu.Lock()
		rec.paths[p] = true
		rec.mu.Unlock()
		k.mu.Lock()
		k.next[p] = old
		k.mu.Unlock()
		skip[i] = true
		n.Add(1)
	})
	for i, j := range jobs {
		if !skip[i] {
			todo = append(todo, j)
		}
	}
	return todo, byPath, int(n.Load())
}

// recordRendered keeps the key of each rendered job with the hash of the
// file it wrote; call it right after the render stage, before anything else
// writes (a later write to the same path changes the file's hash in the
// manifest, and the key then matches no file).
func (k *renderKeys) recordRendered(jobs []render.Job, keys map[string][sha256.Size]byte) {
	for _, j := range jobs {
		p := render.OutPath(j.URL)
		key, ok := keys[p]
		if !ok {
			continue
		}
		if sum, ok := k.reuse.Sum(p); ok {
			k.next[p] = keyEntry{key: key, sum: sum}
		}
	}
}

// forEach calls fn(i) for i in [0, n) on all cores.
func forEach(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// jobKeys returns each job's render key.
func jobKeys(s *Site, jobs []render.Job) ([][sha256.Size]byte, error) {
	fine, layouts, err := layoutsKey(s)
	if err != nil {
		return nil, err
	}
	pages := s.Content.Pages
	meta := make([][sha256.Size]byte, len(pages))
	own := make(map[*content.Page][sha256.Size]byte, len(pages))
	var mu sync.Mutex
	var failed error
	forEach(len(pages), func(i int) {
		m, o, err := pageHashes(pages[i], fine, s.bodies)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failed = err
			return
		}
		meta[i] = m
		own[pages[i]] = o
	})
	if failed != nil {
		return nil, failed
	}

	e := &enc{}
	e.str(renderKeysFormat)
	e.str(mdcache.Version())
	e.b = append(e.b, layouts[:]...)
	e.bool(fine)
	e.bool(s.Opt.NoMinify)
	e.str(string(s.Opt.Inject))
	e.siteValue(s.Render)
	for i, p := range pages {
		e.str(p.Path)
		e.b = append(e.b, meta[i][:]...)
	}
	if e.err != nil {
		return nil, e.err
	}
	site := sha256.Sum256(e.b)

	keys := make([][sha256.Size]byte, len(jobs))
	forEach(len(jobs), func(i int) {
		j := jobs[i]
		je := &enc{b: append(make([]byte, 0, 256), site[:]...)}
		je.str(j.URL)
		je.int(int64(len(j.Layouts)))
		for _, l := range j.Layouts {
			je.str(l)
		}
		je.str(j.Ctx.Kind)
		if p := j.Ctx.Page; p != nil {
			je.str(p.Path)
			o := own[p]
			je.b = append(je.b, o[:]...)
		}
		keys[i] = sha256.Sum256(je.b)
	})
	return keys, nil
}

// layoutsKey hashes the layout files; fine reports that they are the
// built-in theme's, byte for byte (see ownFields).
func layoutsKey(s *Site) (fine bool, key [sha256.Size]byte, err error) {
	files, err := s.Theme.Files("layouts")
	if err != nil {
		return false, key, err
	}
	builtin := map[string]bool{}
	fs.WalkDir(themes.Default, "default/layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			builtin[strings.TrimPrefix(p, "default/layouts/")] = true
		}
		return nil
	})
	fine = len(files) == len(builtin)
	e := &enc{}
	for _, f := range files {
		data, err := f.Read()
		if err != nil {
			return false, key, err
		}
		e.str(f.Rel)
		e.str(f.Source)
		e.str(string(data))
		if fine {
			orig, err := fs.ReadFile(themes.Default, "default/layouts/"+f.Rel)
			fine = err == nil && builtin[f.Rel] && bytes.Equal(orig, data)
		}
		if bytes.Contains(data, []byte("BuildDate")) {
			e.str(s.Render.BuildDate.Format(time.RFC3339Nano))
		}
	}
	return fine, sha256.Sum256(e.b), nil
}

// pageHashes hashes a page's fields: meta all but its own fields (all when
// !fine), own those. The HTML and plain text go in by their SHA-256, which
// the body store has for a page whose body it holds (see bodyStore).
func pageHashes(p *content.Page, fine bool, bodies *bodyStore) (meta, own [sha256.Size]byte, err error) {
	html, plain, err := bodies.sumsOf(p)
	if err != nil {
		return meta, own, err
	}
	e := &enc{h: sha256.New()}
	v := reflect.ValueOf(p).Elem()
	t := v.Type()
	field := func(i int) {
		name := t.Field(i).Name
		e.str(name)
		switch name {
		case "HTML":
			e.b = append(e.b, html[:]...)
		case "Plain":
			e.b = append(e.b, plain[:]...)
		default:
			e.value(v.Field(i))
		}
	}
	for i := range t.NumField() {
		if fine && ownFields[t.Field(i).Name] {
			continue
		}
		field(i)
	}
	if e.err != nil {
		return meta, own, e.err
	}
	meta = e.sum()
	e.h.Reset()
	for i := range t.NumField() {
		if ownFields[t.Field(i).Name] {
			field(i)
		}
	}
	return meta, e.sum(), e.err
}

// enc writes values into bytes for hashing: every value length- or
// kind-prefixed so that two different values never write the same bytes.
// With h set, long strings (page bodies) go straight into h, not through b.
type enc struct {
	b    []byte
	h    hash.Hash
	path []uintptr // pointers being written: a cycle is written as a mark
	err  error
}

// sum returns the SHA-256 of everything written.
func (e *enc) sum() (out [sha256.Size]byte) {
	if e.h == nil {
		return sha256.Sum256(e.b)
	}
	e.h.Write(e.b)
	e.b = e.b[:0]
	e.h.Sum(out[:0])
	return out
}

var (
	pageType = reflect.TypeFor[content.Page]()
	timeType = reflect.TypeFor[time.Time]()
)

func (e *enc) int(n int64)   { e.b = binary.AppendVarint(e.b, n) }
func (e *enc) uint(n uint64) { e.b = binary.AppendUvarint(e.b, n) }
func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	if e.h != nil && len(s) > 4096 {
		e.h.Write(e.b)
		e.b = e.b[:0]
		io.WriteString(e.h, s)
		return
	}
	e.b = append(e.b, s...)
}
func (e *enc) bool(b bool) {
	if b {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// siteValue writes render.Site, its build date by the day only: a layout
// that shows the time names BuildDate and has it in layoutsKey; the day
// keeps any code that shows the date or the year right.
func (e *enc) siteValue(rs *render.Site) {
	v := reflect.ValueOf(rs).Elem()
	t := v.Type()
	for i := range t.NumField() {
		e.str(t.Field(i).Name)
		if t.Field(i).Name == "BuildDate" {
			e.str(rs.BuildDate.Format("2006-01-02 MST"))
			continue
		}
		e.value(v.Field(i))
	}
}

func (e *enc) value(v reflect.Value) {
	if e.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		e.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.uint(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		e.uint(math.Float64bits(real(c)))
		e.uint(math.Float64bits(imag(c)))
	case reflect.String:
		e.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = append(e.b, 1)
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.str(string(v.Bytes()))
			return
		}
		fallthrough
	case reflect.Array:
		e.uint(uint64(v.Len()))
		for i := range v.Len() {
			e.value(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == timeType && v.CanInterface() {
			b, err := v.Interface().(time.Time).MarshalBinary()
			if err != nil {
				e.err = err
			}
			e.str(string(b))
			return
		}
		for i := range v.NumField() {
			e.value(v.Field(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		if v.Type().Elem() == pageType {
			// A page by its path: its fields are in the site key.
			e.b = append(e.b, 'P')
			e.str(v.Elem().FieldByName("Path").String())
			return
		}
		p := v.Pointer()
		if slices.Contains(e.path, p) {
			e.b = append(e.b, 'C')
			return
		}
		e.b = append(e.b, 1)
		e.path = append(e.path, p)
		e.value(v.Elem())
		e.path = e.path[:len(e.path)-1]
	case reflect.Interface:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = append(e.b, 1)
		e.str(v.Elem().Type().String())
		e.value(v.Elem())
	case reflect.Map:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = append(e.b, 1)
		type kv struct{ k, v []byte }
		entries := make([]kv, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			ke := &enc{path: e.path}
			ke.value(it.Key())
			ve := &enc{path: e.path}
			ve.value(it.Value())
			if ke.err != nil || ve.err != nil {
				e.err = cmpErr(ke.err, ve.err)
				return
			}
			entries = append(entries, kv{ke.b, ve.b})
		}
		slices.SortFunc(entries, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
		e.uint(uint64(len(entries)))
		for _, en := range entries {
			e.str(string(en.k))
			e.str(string(en.v))
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.err = fmt.Errorf("render key: cannot hash a %s", v.Type())
	default:
		e.err = fmt.Errorf("render key: cannot hash a %s", v.Type())
	}
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// loadKeys reads a keys file: the pages' and the search files' entries.
// Any problem gives none (every page renders, the index is made).
func loadKeys(file string) (pages, search map[string]keyEntry) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	i := bytes.LastIndexByte(data, '\n')
	if i < 0 {
		return nil, nil
	}
	body, last := data[:i+1], data[i+1:]
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != string(last) {
		return nil, nil
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) == 0 || lines[0] != renderKeysFormat {
		return nil, nil
	}
	pages, search = map[string]keyEntry{}, map[string]keyEntry{}
	for _, l := range lines[1:] {
		f := strings.SplitN(l, " ", 4)
		if len(f) != 4 || f[0] != "p" && f[0] != "s" {
			return nil, nil
		}
		var en keyEntry
		k, err1 := hex.DecodeString(f[1])
		s, err2 := hex.DecodeString(f[2])
		if err1 != nil || err2 != nil || len(k) != sha256.Size || len(s) != sha256.Size {
			return nil, nil
		}
		copy(en.key[:], k)
		copy(en.sum[:], s)
		if f[0] == "p" {
			pages[f[3]] = en
		} else {
			search[f[3]] = en
		}
	}
	return pages, search
}

// save writes this build's keys, through a temporary file and a rename;
// on failure the file is removed (the next build renders every page).
func (k *renderKeys) save() {
	var buf bytes.Buffer
	buf.WriteString(renderKeysFormat + "\n")
	for _, part := range []struct {
		kind    string
		entries map[string]keyEntry
	}{{"p", k.next}, {"s", k.nextSearch}} {
		paths := make([]string, 0, len(part.entries))
		for p := range part.entries {
			if !strings.Contains(p, "\n") {
				paths = append(paths, p)
			}
		}
		slices.Sort(paths)
		for _, p := range paths {
			en := part.entries[p]
			fmt.Fprintf(&buf, "%s %x %x %s\n", part.kind, en.key, en.sum, p)
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.WriteString(hex.EncodeToString(sum[:]) + "\n")
	err := output.SaveFile(k.file, buf.Bytes())
	if err != nil {
		os.Remove(k.file)
	}
	if k.nextState != nil && len(k.nextSearch) > 0 {
		k.nextState.save(searchStateFile(k.file))
	} else {
		os.Remove(searchStateFile(k.file))
	}
}

// The search index is made from the docs alone (search.Write is a function
// of its docs and options): when they are the previous build's, so are its
// files, and they are linked instead of made again. A layout, config, label,
// static or logo change leaves the docs as they were; a page edit does not.

// linkSearch links every file of the previous build's index when its key
// is key and each file is still intact. When it returns false some files
// may be linked; writing the index then replaces them (output.Reuse never
// writes through a link).
func (k *renderKeys) linkSearch(key [sha256.Size]byte, rec *recorder) bool {
	if len(k.prevSearch) == 0 {
		return false
	}
	paths := make([]string, 0, len(k.prevSearch))
	for p, en := range k.prevSearch {
		if en.key != key {
			return false
		}
		paths = append(paths, p)
	}
	var failed atomic.Bool
	forEach(len(paths), func(i int) {
		p := paths[i]
		if failed.Load() || rec.keep[p] || !k.reuse.LinkPrevious(p, k.prevSearch[p].sum) {
			failed.Store(true)
			return
		}
		rec.mu.Lock()
		rec.paths[p] = true
		rec.mu.Unlock()
	})
	if failed.Load() {
		return false
	}
	maps.Copy(k.nextSearch, k.prevSearch)
	k.nextState = k.prevState
	return true
}

// recordSearch keeps the key of the index just written with its files.
func (k *renderKeys) recordSearch(key [sha256.Size]byte, paths []string) {
	for _, p := range paths {
		if sum, ok := k.reuse.Sum(p); ok {
			k.nextSearch[p] = keyEntry{key: key, sum: sum}
		}
	}
}

// pathWriter passes files on and lists their paths.
type pathWriter struct {
	w     output.Writer
	mu    sync.Mutex
	paths []string
}

func (pw *pathWriter) WriteFile(p string, data []byte) error {
	pw.mu.Lock()
	pw.paths = append(pw.paths, p)
	pw.mu.Unlock()
	return pw.w.WriteFile(p, data)
}
