package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"dangjian/generator/mdcache"
	"dangjian/generator/output"
	"dangjian/generator/search"
)

// A page edit changes a search doc, so the index is not linked whole
// (linkSearch); search.Update then makes it from the previous index's
// files, indexing again only the docs that changed. What it needs of the
// previous build, each doc's hash by id and the average doc length, is
// kept in a state file beside the render keys, with the search key of
// that build: the previous index's files are read only when the keys file
// lists them with that very key, and each file's bytes must have the hash
// the keys file recorded (the output may hold a newer build's files, or a
// hand-edited one).

const searchStateFormat = "dangjian-search-state 1"

// searchState is what search.Update needs of a build's index.
type searchState struct {
	// prog is the program and options (programKey) that made the index,
	// key its whole input (searchKey).
	prog, key [sha256.Size]byte
	avgdl     float64
	hashes    [][32]byte // by doc id
}

func searchStateFile(keysFile string) string {
	return strings.TrimSuffix(keysFile, ".keys") + ".search"
}

// docHashes hashes each doc (all its fields, by reflection) on all cores.
func docHashes(docs []search.Doc) ([][32]byte, error) {
	hs := make([][32]byte, len(docs))
	errs := make([]error, len(docs))
	forEach(len(docs), func(i int) {
		e := &enc{h: sha256.New()}
		e.value(reflect.ValueOf(docs[i]))
		hs[i], errs[i] = e.sum(), e.err
	})
	return hs, errors.Join(errs...)
}

// programKey hashes the program and the options that shape the files: an
// index made by another program is not updated, as its lists may be
// encoded otherwise.
func programKey(opts search.Options) ([sha256.Size]byte, error) {
	e := &enc{h: sha256.New()}
	e.str(renderKeysFormat)
	e.str(mdcache.Version())
	e.value(reflect.ValueOf(opts))
	if e.err != nil {
		return [sha256.Size]byte{}, e.err
	}
	return e.sum(), nil
}

// searchKey hashes the index's whole input: the program and options
// (programKey) and every doc (by its hash, in order).
func searchKey(prog [sha256.Size]byte, hashes [][32]byte) ([sha256.Size]byte, error) {
	e := &enc{h: sha256.New()}
	e.b = append(e.b, prog[:]...)
	e.uint(uint64(len(hashes)))
	for _, h := range hashes {
		e.b = append(e.b, h[:]...)
	}
	if e.err != nil {
		return [sha256.Size]byte{}, e.err
	}
	return e.sum(), nil
}

// loadSearchState reads a state file; nil on any problem.
func loadSearchState(file string) *searchState {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	body, last, ok := bytes.Cut(bytes.TrimSuffix(data, []byte("\n")), []byte("\n="))
	if !ok {
		return nil
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != string(last) {
		return nil
	}
	lines := strings.Split(string(body), "\n")
	if len(lines) < 4 || lines[0] != searchStateFormat {
		return nil
	}
	st := &searchState{}
	for i, dst := range []*[sha256.Size]byte{&st.prog, &st.key} {
		k, err := hex.DecodeString(lines[1+i])
		if err != nil || len(k) != sha256.Size {
			return nil
		}
		copy(dst[:], k)
	}
	bits, err := strconv.ParseUint(lines[3], 16, 64)
	if err != nil {
		return nil
	}
	st.avgdl = math.Float64frombits(bits)
	for _, l := range lines[4:] {
		h, err := hex.DecodeString(l)
		if err != nil || len(h) != 32 {
			return nil
		}
		st.hashes = append(st.hashes, [32]byte(h))
	}
	return st
}

// save writes the state file, or removes it when it cannot.
func (st *searchState) save(file string) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%x\n%x\n%x", searchStateFormat, st.prog, st.key, math.Float64bits(st.avgdl))
	for _, h := range st.hashes {
		fmt.Fprintf(&b, "\n%x", h)
	}
	sum := sha256.Sum256(b.Bytes())
	fmt.Fprintf(&b, "\n=%x\n", sum)
	if output.SaveFile(file, b.Bytes()) != nil {
		os.Remove(file)
	}
}

// searchPrev is the previous index for search.Update, when this program
// and options made it (prog), and the state file and the keys file
// describe the same index (key), else nil.
//
// Its Link puts a previous file into the output through rec, listing it in
// pw, when the previous manifest still describes it (LinkPrevious).
func (k *renderKeys) searchPrev(prog [sha256.Size]byte, dest, dir string, rec *recorder, pw *pathWriter) *search.Prev {
	st := k.prevState
	if st == nil || st.prog != prog || len(k.prevSearch) == 0 {
		return nil
	}
	for _, en := range k.prevSearch {
		if en.key != st.key {
			return nil
		}
	}
	return &search.Prev{Hashes: st.hashes, AvgDL: st.avgdl, Read: func(name string) ([]byte, error) {
		p := dir + "/" + name
		en, ok := k.prevSearch[p]
		if !ok {
			return nil, fmt.Errorf("%s: not in the previous index", p)
		}
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		if sha256.Sum256(data) != en.sum {
			return nil, fmt.Errorf("%s: changed since the previous build", p)
		}
		return data, nil
	}, Link: func(name string) bool {
		p := dir + "/" + name
		en, ok := k.prevSearch[p]
		if !ok || rec.keep[p] || !k.reuse.LinkPrevious(p, en.sum) {
			return false
		}
		rec.mu.Lock()
		rec.paths[p] = true
		rec.mu.Unlock()
		pw.mu.Lock()
		pw.paths = append(pw.paths, p)
		pw.mu.Unlock()
		return true
	}}
}
