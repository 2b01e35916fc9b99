package deploy

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// SumsName is the checksum list inside a package, in the format of GNU
// sha256sum, so `sha256sum -c SHA256SUMS` verifies the unpacked folder.
const SumsName = "SHA256SUMS"

// Package writes the built folder dir as a zip at out, for handing to IT on
// a USB stick. Names are UTF-8 with the zip's UTF-8 flag set (archive/zip
// sets it for every name that is not plain ASCII), so Windows' Explorer
// shows Chinese names. The zip is written under a temporary name and
// renamed, so a failure leaves no half-written zip behind.
func Package(dir, out string) (files int, err error) {
	list, err := Scan(dir)
	if err != nil {
		return 0, err
	}
	// --output D:\备份\site.zip names a folder that may not exist yet.
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".dangjian-zip-*")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	var sums strings.Builder
	for _, f := range list {
		if f.Path == SumsName {
			continue // the build never makes one; ours replaces it
		}
		info, err := os.Stat(f.abs)
		if err != nil {
			return 0, err
		}
		hdr := &zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: info.ModTime()}
		hdr.SetMode(0o644)
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return 0, err
		}
		r, err := os.Open(f.abs)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(w, r)
		r.Close()
		if err != nil {
			return 0, err
		}
		sums.WriteString(sumLine(f.Sum, f.Path))
	}
	hdr := &zip.FileHeader{Name: SumsName, Method: zip.Deflate}
	hdr.SetMode(0o644)
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(w, sums.String()); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return 0, err
	}
	return len(list), nil
}

// sumLine is one line of sha256sum's output: hash, two spaces (text mode,
// which is binary on Linux), name. Scan admits no backslash or newline in
// names, so the escaped form is never needed.
func sumLine(sum, name string) string {
	return fmt.Sprintf("%s  %s\n", sum, name)
}
