package importdocx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"dangjian/generator/diag"
)

// Limits that keep a hostile file from using more than a bounded amount of
// time and memory. An ordinary report is far below each of them: a 200-page
// 公文 has a document.xml of a few MB, and its pictures are what makes a
// .docx large.
const (
	MaxFileSize   = 200 << 20 // the .docx itself
	MaxEntries    = 5000      // parts in the zip
	MaxDirectory  = 4 << 20   // bytes of the zip's central directory
	MaxXMLPart    = 32 << 20  // document.xml unpacked
	MaxOtherXML   = 16 << 20  // styles, numbering, notes … unpacked
	MaxMedia      = 50 << 20  // one picture unpacked
	MaxTotalMedia = 300 << 20 // all pictures unpacked
)

// Problem is an import error or warning with a message from the catalogue.
// Usage marks mistakes on the command line (exit status 2).
type Problem struct {
	diag.Problem
	Usage bool
}

func (p *Problem) Error() string { return p.Problem.Error() }

func fail(file string, msg diag.Msg, args ...any) error {
	return &Problem{Problem: diag.New(file, 0, msg, args...)}
}

func usageErr(msg diag.Msg, args ...any) error {
	return &Problem{Problem: diag.New("", 0, msg, args...), Usage: true}
}

// pkg is an opened .docx: its zip directory and a budget for what is
// unpacked from it.
type pkg struct {
	name  string // as the officer named it, for messages
	zr    *zip.Reader
	files map[string]*zip.File // by cleaned part name, lower case
	media int64                // picture bytes unpacked so far
}

// openDocx checks what kind of file name is before trusting it as a zip:
// old binary Word and WPS files, PDFs and encrypted documents get a message
// that tells the officer what to do, whatever their file name says.
func openDocx(name string) (*pkg, io.Closer, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		// The system's own words ("no such file or directory") are English.
		return nil, nil, fail(name, diag.MsgImportNotFound)
	}
	if err != nil {
		return nil, nil, fail(name, diag.MsgReadFailed, err)
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = errors.New("not a regular file")
		}
		return nil, nil, fail(name, diag.MsgReadFailed, err)
	}
	p, err := openReader(name, f, info.Size())
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return p, f, nil
}

var (
	magicCFB = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // OLE compound file: .doc, .wps, encrypted .docx
	magicZip = []byte("PK\x03\x04")
)

func openReader(name string, r io.ReaderAt, size int64) (*pkg, error) {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, magicCFB):
		if cfbEncrypted(r, size) {
			return nil, fail(name, diag.MsgImportEncrypted)
		}
		return nil, fail(name, diag.MsgImportOldFormat)
	case bytes.HasPrefix(head, []byte("%PDF")):
		return nil, fail(name, diag.MsgImportPDF)
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return nil, fail(name, diag.MsgImportRTF)
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, []byte("PK\x05\x06")):
	case len(head) == 0:
		return nil, fail(name, diag.MsgImportBroken, "0 bytes")
	default:
		// Word's own "Word 2003 XML" and WPS's text files also land here.
		return nil, fail(name, diag.MsgImportNotDocx)
	}
	if size > MaxFileSize {
		return nil, fail(name, diag.MsgImportFileTooBig, size>>20, MaxFileSize>>20)
	}
	// archive/zip reads the whole central directory into memory before we
	// can count it; read its size from the end record first.
	if err := checkDirectory(name, r, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fail(name, diag.MsgImportBroken, err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fail(name, diag.MsgImportTooMany, len(zr.File), MaxEntries)
	}
	p := &pkg{name: name, zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		p.files[strings.ToLower(path.Clean("/" + strings.ReplaceAll(f.Name, `\`, "/")))[1:]] = f
	}
	if _, ok := p.files["word/document.xml"]; !ok {
		if _, odt := p.files["content.xml"]; odt {
			return nil, fail(name, diag.MsgImportODT)
		}
		if target := p.mainPart(); target == "" {
			return nil, fail(name, diag.MsgImportNotDocx)
		}
	}
	return p, nil
}

// checkDirectory reads the zip's end-of-central-directory record and refuses
// archives whose directory is too large to read into memory.
func checkDirectory(name string, r io.ReaderAt, size int64) error {
	tail := int64(65536 + 22)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return fail(name, diag.MsgImportBroken, err)
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < 22 {
		return fail(name, diag.MsgImportBroken, "no zip directory")
	}
	rec := buf[i:]
	entries := int(binary.LittleEndian.Uint16(rec[10:]))
	dirSize := int64(binary.LittleEndian.Uint32(rec[12:]))
	if entries == 0xFFFF || dirSize == 0xFFFFFFFF {
		// Zip64: no office suite writes one for a document; its counts
		// would need another read to trust.
		return fail(name, diag.MsgImportTooMany, entries, MaxEntries)
	}
	if entries > MaxEntries {
		return fail(name, diag.MsgImportTooMany, entries, MaxEntries)
	}
	if dirSize > MaxDirectory {
		return fail(name, diag.MsgImportTooMany, dirSize/46, MaxEntries)
	}
	return nil
}

// cfbEncrypted tells an encrypted OOXML file (a compound file holding the
// streams EncryptionInfo and EncryptedPackage) from an old .doc or .wps. The
// stream names sit in the directory sectors as UTF-16; looking for them in
// the first MB is enough for any real file and costs no parsing.
func cfbEncrypted(r io.ReaderAt, size int64) bool {
	n := size
	if n > 1<<20 {
		n = 1 << 20
	}
	buf := make([]byte, n)
	m, _ := r.ReadAt(buf, 0)
	return bytes.Contains(buf[:m], utf16le("EncryptedPackage")) || bytes.Contains(buf[:m], utf16le("EncryptionInfo"))
}

func utf16le(s string) []byte {
	var b []byte
	for _, c := range s {
		b = append(b, byte(c), 0)
	}
	return b
}

// mainPart is the target of the package's officeDocument relationship,
// which is word/document.xml in every file Word, WPS or LibreOffice writes.
func (p *pkg) mainPart() string {
	if _, ok := p.files["word/document.xml"]; ok {
		return "word/document.xml"
	}
	data, err := p.read("_rels/.rels", MaxOtherXML)
	if err != nil || data == nil {
		return ""
	}
	for _, rel := range parseRels(data, "") {
		if strings.HasSuffix(rel.Type, "/officeDocument") {
			t := strings.ToLower(rel.Target)
			if _, ok := p.files[t]; ok && strings.HasSuffix(t, ".xml") {
				return t
			}
		}
	}
	return ""
}

// read unpacks one part, at most limit bytes; nil, nil when it is absent.
// The size in the zip header is checked first, and the reader is limited
// as well, since a hostile header may lie about the size.
func (p *pkg) read(part string, limit int64) ([]byte, error) {
	f, ok := p.files[strings.ToLower(part)]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fail(p.name, diag.MsgImportTooBig, f.Name, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fail(p.name, diag.MsgImportBroken, fmt.Sprintf("%s: %v", f.Name, err))
	}
	defer rc.Close()
	var b bytes.Buffer
	if f.UncompressedSize64 > 0 && f.UncompressedSize64 < 64<<20 {
		b.Grow(int(f.UncompressedSize64))
	}
	n, err := b.ReadFrom(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fail(p.name, diag.MsgImportBroken, fmt.Sprintf("%s: %v", f.Name, err))
	}
	if n > limit {
		return nil, fail(p.name, diag.MsgImportTooBig, f.Name, limit>>20)
	}
	return b.Bytes(), nil
}

// open streams one part through a limit, for document.xml, which is parsed
// as it is unpacked.
func (p *pkg) open(part string, limit int64) (io.ReadCloser, error) {
	f, ok := p.files[strings.ToLower(part)]
	if !ok {
		return nil, fail(p.name, diag.MsgImportNotDocx)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fail(p.name, diag.MsgImportTooBig, f.Name, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fail(p.name, diag.MsgImportBroken, fmt.Sprintf("%s: %v", f.Name, err))
	}
	return &limited{rc: rc, r: io.LimitReader(rc, limit+1), left: limit + 1, part: f.Name, limit: limit, name: p.name}, nil
}

// limited is a part reader that fails, rather than ends, when a part
// unpacks to more than its limit, and reports a damaged part as such.
type limited struct {
	rc          io.ReadCloser
	r           io.Reader
	left, limit int64
	part, name  string
}

func (l *limited) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	l.left -= int64(n)
	if l.left <= 0 {
		return n, fail(l.name, diag.MsgImportTooBig, l.part, l.limit>>20)
	}
	if err != nil && err != io.EOF {
		return n, fail(l.name, diag.MsgImportBroken, fmt.Sprintf("%s: %v", l.part, err))
	}
	return n, err
}

func (l *limited) Close() error { return l.rc.Close() }

// readMedia unpacks a picture within its own limit and the total budget.
func (p *pkg) readMedia(part string) ([]byte, error) {
	f, ok := p.files[strings.ToLower(part)]
	if !ok {
		return nil, nil
	}
	left := int64(MaxTotalMedia) - p.media
	limit := int64(MaxMedia)
	if left < limit {
		limit = left
	}
	data, err := p.read(part, limit)
	if err != nil {
		return nil, err
	}
	p.media += int64(len(data))
	_ = f
	return data, nil
}

// MaxTags bounds the tags ('<') of one XML part. LibreOffice, the most
// verbose writer, uses about 60 for a paragraph of a few runs: a 300-page
// report has about half a million.
const MaxTags = 3_000_000

// countTags streams a part once, counting tags, within its size limit.
func (p *pkg) countTags(part string, limit int64) error {
	rc, err := p.open(part, limit)
	if err != nil {
		return err
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	n := 0
	for {
		k, err := rc.Read(buf)
		n += bytes.Count(buf[:k], []byte("<"))
		if n > MaxTags {
			return fail(p.name, diag.MsgImportTooComplex, part)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
