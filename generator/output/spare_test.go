package output

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// spareBuild is one build as generator/site makes it: the spare claimed,
// files written through Reuse with the previous manifest, the replaced
// output kept as the spare. It returns the new manifest and the Dir.
func spareBuild(t *testing.T, dest string, prev *Manifest, files map[string]string) (*Manifest, *Dir) {
	t.Helper()
	d, err := NewDirFrom(dest, ClaimSpare(dest))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReuse(d, prev)
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := r.WriteFile(p, []byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	d.KeepSpare(r.Previous())
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.Wait(); err != nil {
		t.Fatal(err)
	}
	return r.Manifest(), d
}

func umask() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}

// tree reads every file and symbolic link below dir but the marker, by
// slash path; a link reads as "-> target".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case info.IsDir():
			if rel != "." {
				out[rel+"/"] = ""
			}
		case rel == Marker:
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// want is files plus their folders, as tree lists them.
func want(files map[string]string) map[string]string {
	out := map[string]string{}
	for p, data := range files {
		out[p] = data
		for d := filepath.Dir(filepath.FromSlash(p)); d != "."; d = filepath.Dir(d) {
			out[filepath.ToSlash(d)+"/"] = ""
		}
	}
	return out
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s missing", what, p)
		} else if g != w {
			t.Errorf("%s: %s is %q, want %q", what, p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s should not be there", what, p)
		}
	}
}

var spareSite = map[string]string{
	"index.html":         "home",
	"news/a/index.html":  "a",
	"news/b/index.html":  "b",
	"brands/x/logo.svg":  "<svg/>",
	"search/shard-1.bin": "s1",
}

func with(base map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for p, d := range base {
		out[p] = d
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

// Builds in a row: the replaced output becomes the spare (exactly that
// output), the next build keeps the spare's unchanged files without any
// file operation, and each output holds exactly its build's files.
func TestSpareIsThePreviousOutputAndIsReused(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	v1 := spareSite
	m, _ := spareBuild(t, dest, nil, v1)
	if _, err := os.Lstat(SpareDir(dest)); !os.IsNotExist(err) {
		t.Fatalf("a spare after the first build: %v", err)
	}
	v2 := with(v1, "news/a/index.html", "a2", "news/c/index.html", "c")
	m, _ = spareBuild(t, dest, m, v2)
	sameFiles(t, "output 2", tree(t, dest), want(v2))
	for dir, mode := range map[string]os.FileMode{dest: 0o755 &^ umask(), SpareDir(dest): 0o700} {
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v (%v), want %v", dir, st.Mode().Perm(), err, mode)
		}
	}
	spareV1 := want(v1)
	spareV1[SpareManifest] = tree(t, SpareDir(dest))[SpareManifest]
	sameFiles(t, "spare after 2", tree(t, SpareDir(dest)), spareV1)

	// v3: b removed, a changed again, c as in v2 (the spare, v1, has no
	// c: linked from the destination), the rest as in v1 (kept).
	v3 := with(v2, "news/b/index.html", "", "news/a/index.html", "a3")
	m, d := spareBuild(t, dest, m, v3)
	sameFiles(t, "output 3", tree(t, dest), want(v3))
	if got, wantKept := d.Kept(), int64(3); got != wantKept {
		t.Errorf("kept %d files of the spare, want %d (index, logo, search)", got, wantKept)
	}
	spareV2 := want(v2)
	spareV2[SpareManifest] = tree(t, SpareDir(dest))[SpareManifest]
	sameFiles(t, "spare after 3", tree(t, SpareDir(dest)), spareV2)

	v4 := with(v3, "news/b/index.html", "b4")
	_, d = spareBuild(t, dest, m, v4)
	sameFiles(t, "output 4", tree(t, dest), want(v4))
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o755&^umask() {
		t.Errorf("output made from the spare: mode %v (%v)", st.Mode().Perm(), err)
	}
	if d.Kept() == 0 {
		t.Error("nothing kept from the spare")
	}
	if got := leftovers(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
}

// Whatever is in the spare that the build does not produce is never
// published: files and folders added to the hidden spare, a symbolic link
// in place of a folder, files of pages since removed.
func TestSpareForeignFilesAreNotPublished(t *testing.T) {
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(outside, "a"), 0o755)
	os.WriteFile(filepath.Join(outside, "a", "index.html"), []byte("a"), 0o644)

	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	spare := SpareDir(dest)
	os.WriteFile(filepath.Join(spare, "foreign.html"), []byte("not ours"), 0o644)
	os.MkdirAll(filepath.Join(spare, "stray", "deep"), 0o755)
	os.WriteFile(filepath.Join(spare, "stray", "deep", "x.html"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(spare, "empty", "folder"), 0o755)
	// news/ replaced by a link to a folder outside with the same file.
	os.RemoveAll(filepath.Join(spare, "news"))
	os.Symlink(outside, filepath.Join(spare, "news"))
	os.Symlink("/etc/passwd", filepath.Join(spare, "passwd.html"))

	v := with(spareSite, "news/b/index.html", "") // a page removed
	spareBuild(t, dest, m, v)
	sameFiles(t, "output", tree(t, dest), want(v))
	if data, _ := os.ReadFile(filepath.Join(outside, "a", "index.html")); string(data) != "a" {
		t.Error("a file outside, behind a link in the spare, was written")
	}
}

// A file changed in place (it shares its inode with the spare: appending
// to public/x changes the spare's x too) is written again, not kept or
// linked; so is one changed without changing its size.
func TestSpareFileChangedInPlaceIsRewritten(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	for _, p := range []string{"index.html", "news/a/index.html"} {
		a, _ := os.Stat(filepath.Join(dest, p))
		b, _ := os.Stat(filepath.Join(SpareDir(dest), p))
		if !os.SameFile(a, b) {
			t.Fatalf("%s: the spare and the output do not share the file", p)
		}
	}
	f, _ := os.OpenFile(filepath.Join(dest, "index.html"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("<script>bad</script>")
	f.Close()
	g, _ := os.OpenFile(filepath.Join(dest, "news/a/index.html"), os.O_WRONLY, 0)
	g.WriteAt([]byte("z"), 0) // same size
	g.Close()
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(filepath.Join(dest, "news/a/index.html"), later, later)

	_, d := spareBuild(t, dest, m, spareSite)
	sameFiles(t, "output", tree(t, dest), want(spareSite))
	if d.Kept() != int64(len(spareSite)-2) {
		t.Errorf("kept %d, want %d", d.Kept(), len(spareSite)-2)
	}
}

// A build that fails leaves the destination as it was, though the spare
// it was updating shares its files: nothing is written through them.
func TestSpareAbortLeavesDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	before := tree(t, dest)

	d, err := NewDirFrom(dest, ClaimSpare(dest))
	if err != nil {
		t.Fatal(err)
	}
	if !d.spare {
		t.Fatal("the spare was not claimed")
	}
	r := NewReuse(d, m)
	for p := range spareSite {
		if err := r.WriteFile(p, []byte("changed "+p)); err != nil {
			t.Fatal(err)
		}
	}
	d.Abort()
	sameFiles(t, "output after a failed build", tree(t, dest), before)
	if got := leftovers(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
	// The next build works without the spare.
	spareBuild(t, dest, m, spareSite)
	sameFiles(t, "output", tree(t, dest), want(spareSite))
}

// A spare claimed by a build that ends before writing (content errors) is
// given back as it was; two builds never claim one spare.
func TestSpareReleasedAndClaimedOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	spare := tree(t, SpareDir(dest))

	a, b := ClaimSpare(dest), ClaimSpare(dest)
	<-a.done
	<-b.done
	if (a.err == nil) == (b.err == nil) {
		t.Fatalf("two claims of one spare: %v, %v", a.err, b.err)
	}
	a.Release()
	b.Release()
	sameFiles(t, "spare given back", tree(t, SpareDir(dest)), spare)
	_, d := spareBuild(t, dest, m, spareSite)
	if d.Kept() != int64(len(spareSite)) {
		t.Errorf("kept %d of %d after the release", d.Kept(), len(spareSite))
	}
}

// A spare folder without the marker is not ours: never claimed, never
// removed, and the replaced output is removed instead.
func TestSpareWithoutMarkerIsLeftAlone(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	os.MkdirAll(SpareDir(dest), 0o755)
	os.WriteFile(filepath.Join(SpareDir(dest), "officer.doc"), []byte("mine"), 0o644)
	_, d := spareBuild(t, dest, m, spareSite)
	if d.spare {
		t.Error("a folder without the marker was claimed")
	}
	sameFiles(t, "foreign folder", tree(t, SpareDir(dest)), map[string]string{"officer.doc": "mine"})
	sameFiles(t, "output", tree(t, dest), want(spareSite))
	if got := leftovers(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
}

// A build killed (SIGKILL) while it updates the spare leaves a temporary
// folder, never the spare: the next build removes it and publishes its
// own output, and the destination was never touched.
func TestSpareKilledUpdateIsALeftover(t *testing.T) {
	if dest := os.Getenv("DANGJIAN_SPARE_CHILD"); dest != "" {
		d, err := NewDirFrom(dest, ClaimSpare(dest))
		if err != nil || !d.spare {
			os.Exit(3)
		}
		r := NewReuse(d, nil)
		for i := 0; ; i++ {
			r.WriteFile("index.html", []byte("half-updated"))
			r.WriteFile(filepath.Join("news", strings.Repeat("n", i%50+1), "index.html"), []byte("page"))
			if i == 100 {
				os.WriteFile(d.tmp+".ready", nil, 0o644)
			}
		}
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	before := tree(t, dest)
	killWhileWriting(t, parent, "TestSpareKilledUpdateIsALeftover", "DANGJIAN_SPARE_CHILD="+dest)
	sameFiles(t, "output after the kill", tree(t, dest), before)
	if _, err := os.Lstat(SpareDir(dest)); !os.IsNotExist(err) {
		t.Fatalf("a spare after the kill: %v", err)
	}
	if got := leftovers(t, parent); len(got) != 1 {
		t.Fatalf("after the kill: %v, want the killed build's folder", got)
	}
	v := with(spareSite, "news/a/index.html", "a2")
	spareBuild(t, dest, m, v)
	sameFiles(t, "output", tree(t, dest), want(v))
	if got := leftovers(t, parent); len(got) != 0 {
		t.Errorf("after the next build: %v", got)
	}
}

// An interrupt while the site loads (the spare claimed, no Dir yet): AbortAll
// gives the spare back, and the next build keeps its files.
func TestAbortAllReleasesAClaimedSpare(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, spareSite)
	m, _ = spareBuild(t, dest, m, spareSite)
	before := tree(t, SpareDir(dest))
	s := ClaimSpare(dest)
	<-s.done
	if s.err != nil {
		t.Fatal(s.err)
	}
	AbortAll()
	sameFiles(t, "spare after the interrupt", tree(t, SpareDir(dest)), before)
	if got := leftovers(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
	if d, err := NewDirFrom(dest, s); err != nil || d.spare {
		t.Errorf("a released spare went on into a build (%v)", err)
	} else {
		d.Abort()
	}
	_, d := spareBuild(t, dest, m, spareSite)
	if d.Kept() != int64(len(spareSite)) {
		t.Errorf("kept %d of %d", d.Kept(), len(spareSite))
	}
}

// Where names differ in case only and are one file (the marker's name in
// capitals finds it), no spare is kept nor claimed: the sweep could delete
// a file the build produced under another case.
func TestNoSpareOnCaseInsensitiveFileSystems(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m, _ := spareBuild(t, dest, nil, with(spareSite, strings.ToUpper(Marker), "x"))
	spareBuild(t, dest, m, spareSite)
	if _, err := os.Lstat(SpareDir(dest)); !os.IsNotExist(err) {
		t.Errorf("a spare kept: %v", err)
	}
	// A spare that is there anyway is not claimed.
	m, _ = spareBuild(t, dest, m, spareSite)
	os.WriteFile(filepath.Join(SpareDir(dest), strings.ToUpper(Marker)), []byte("x"), 0o644)
	_, d := spareBuild(t, dest, m, spareSite)
	if d.spare {
		t.Error("a spare claimed")
	}
	sameFiles(t, "output", tree(t, dest), want(spareSite))
}
