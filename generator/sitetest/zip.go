package sitetest

import (
	"archive/zip"
	"bytes"
	"testing"
)

// Zip is a zip archive of files (name → content), as a test builds a
// .docx or .xlsx by hand: Word's and Excel's files are zips of XML parts.
func Zip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
