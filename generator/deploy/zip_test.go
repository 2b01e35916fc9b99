package deploy

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPackage(t *testing.T) {
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, v1)
	out := filepath.Join(t.TempDir(), "网站.zip")
	n, err := Package(src, out)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(v1) {
		t.Errorf("packed %d files, want %d", n, len(v1))
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		ascii := utf8.RuneCountInString(f.Name) == len(f.Name)
		// Bit 11: the name is UTF-8. Without it Windows reads the bytes in
		// the local code page (GBK) and shows mojibake.
		if !ascii && f.Flags&0x800 == 0 {
			t.Errorf("%s: UTF-8 flag not set", f.Name)
		}
	}
	want := []string{SumsName}
	for name := range v1 {
		want = append(want, name)
	}
	sort.Strings(want)
	sort.Strings(names)
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("zip holds\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}

	// Python's zipfile decodes a name as UTF-8 only when the flag is set
	// (cp437 otherwise), so it reading the Chinese names back checks the
	// flag as another program sees it; it also unpacks the zip for
	// sha256sum.
	unpacked := t.TempDir()
	if py, err := exec.LookPath("python3"); err == nil {
		script := `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print("\n".join(sorted(z.namelist())))
z.extractall(sys.argv[2])`
		got, err := exec.Command(py, "-c", script, out, unpacked).Output()
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != strings.Join(want, "\n") {
			t.Errorf("python3 zipfile reads the names as\n%s", got)
		}
	} else {
		if os.Getenv("CI") == "true" {
			t.Fatal("no python3 to read the zip's names")
		}
		t.Log("no python3: names not checked by zipfile")
		for _, f := range zr.File {
			p := filepath.Join(unpacked, filepath.FromSlash(f.Name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			r, _ := f.Open()
			data, _ := io.ReadAll(r)
			r.Close()
			os.WriteFile(p, data, 0o644)
		}
	}

	sums, err := exec.LookPath("sha256sum")
	if err != nil {
		missing(t, "no sha256sum")
	}
	cmd := exec.Command(sums, "-c", "--strict", SumsName)
	cmd.Dir = unpacked
	if got, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, got)
	}
	// And it notices a changed file.
	os.WriteFile(filepath.Join(unpacked, "css", "main.css"), []byte("changed"), 0o644)
	cmd = exec.Command(sums, "-c", "--quiet", SumsName)
	cmd.Dir = unpacked
	if got, err := cmd.CombinedOutput(); err == nil || !bytes.Contains(got, []byte("css/main.css")) {
		t.Errorf("sha256sum -c after a change: %v\n%s", err, got)
	}

	// The zip holds the files' bytes.
	for _, f := range zr.File {
		if f.Name == SumsName {
			continue
		}
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if string(data) != v1[f.Name] {
			t.Errorf("%s differs in the zip", f.Name)
		}
	}
}

func TestPackageRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
	out := filepath.Join(t.TempDir(), "x.zip")
	if _, err := Package(dir, out); err == nil {
		t.Fatal("packed a folder without the build's marker")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("zip written anyway")
	}
}

// --output 备份/2025/site.zip into folders that do not exist yet: they are
// made, as saving a file to a new folder is expected to, instead of the
// system's English "no such file or directory".
func TestPackageMakesItsFolder(t *testing.T) {
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, v1)
	out := filepath.Join(t.TempDir(), "备份", "2025", "网站.zip")
	if _, err := Package(src, out); err != nil {
		t.Fatal(err)
	}
	if _, err := zip.OpenReader(out); err != nil {
		t.Fatal(err)
	}
}
