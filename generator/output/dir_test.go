package output

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// build writes a small output into dest and commits it.
func build(t *testing.T, dest string, files ...string) {
	t.Helper()
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := d.WriteFile(f, []byte(f)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.Wait(); err != nil {
		t.Fatal(err)
	}
}

func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// Folders 755 and files 644 less the umask, as cp makes them: the output
// was mode 700, which a web server running as another user cannot read.
func TestOutputModesFollowTheUmask(t *testing.T) {
	for _, c := range []struct {
		umask     int
		dir, file os.FileMode
	}{{0o022, 0o755, 0o644}, {0o027, 0o750, 0o640}, {0o077, 0o700, 0o600}} {
		old := syscall.Umask(c.umask)
		dest := filepath.Join(t.TempDir(), "public")
		build(t, dest, "index.html", "brands/a/index.html")
		syscall.Umask(old)
		for _, p := range []string{"", "brands", "brands/a"} {
			if info, err := os.Stat(filepath.Join(dest, p)); err != nil || info.Mode().Perm() != c.dir {
				t.Errorf("umask %03o: folder %q mode %v (%v), want %v", c.umask, p, info.Mode().Perm(), err, c.dir)
			}
		}
		for _, p := range []string{"index.html", "brands/a/index.html", Marker} {
			if info, err := os.Stat(filepath.Join(dest, p)); err != nil || info.Mode().Perm() != c.file {
				t.Errorf("umask %03o: file %q mode %v (%v), want %v", c.umask, p, info.Mode().Perm(), err, c.file)
			}
		}
	}
}

// The next build removes what killed builds of the same destination left
// (a marker nobody holds), never a running build's folder, another
// destination's, or a folder that is not ours.
func TestNextBuildRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	mk := func(name string, marker bool) string {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "brands"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "brands", "index.html"), []byte("x"), 0o644)
		if marker {
			os.WriteFile(filepath.Join(dir, Marker), nil, 0o644)
		}
		return dir
	}
	mk(TempPrefix+"public-111", true)           // killed mid-write
	mk(TempPrefix+"public-222-old", true)       // killed between the renames (old format)
	other := mk(TempPrefix+"www-333", true)     // another destination's
	foreign := mk(TempPrefix+"public-x", false) // not ours: no marker, not empty
	running, err := NewDir(dest)                // a build still running
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	empty := filepath.Join(parent, TempPrefix+"public-444") // killed before its marker
	os.Mkdir(empty, 0o755)
	old := time.Now().Add(-2 * leftoverAge)
	os.Chtimes(empty, old, old)

	build(t, dest, "index.html")
	got := leftovers(t, parent)
	want := []string{filepath.Base(running.tmp), filepath.Base(foreign), filepath.Base(other)}
	if strings.Join(got, " ") != strings.Join(sorted(want), " ") {
		t.Errorf("left: %v\nwant: %v", got, sorted(want))
	}
	if err := running.WriteFile("late.html", nil); err != nil {
		t.Errorf("the running build lost its folder: %v", err)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// AbortAll (what an interrupt does) waits for the writes in flight and
// removes every unfinished folder; no write lands after it.
func TestAbortAllRemovesUnfinishedBuilds(t *testing.T) {
	parent := t.TempDir()
	d, err := NewDir(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var stop atomic.Bool
	for w := range 4 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				if d.WriteFile(filepath.Join("p", string(rune('a'+w)), strings.Repeat("x", i%7+1), "index.html"), []byte("x")) != nil {
					return
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	AbortAll()
	stop.Store(true)
	wg.Wait()
	if got := leftovers(t, parent); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
	if err := d.Commit(); err == nil {
		t.Error("an aborted build committed")
	}
}

// While builds replace the output again and again, the destination is
// always there, complete: a web server never finds it missing.
func TestCommitLeavesNoWindowWithoutOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, "index.html")
	var missing atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
				missing.Add(1)
			}
		}
	})
	for range 200 {
		build(t, dest, "index.html")
	}
	stop.Store(true)
	wg.Wait()
	if n := missing.Load(); n > 0 {
		t.Errorf("the output was missing %d times during 200 commits", n)
	}
	if got := leftovers(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left: %v", got)
	}
}

// A build killed with SIGKILL in the middle of writing (a real process:
// this test binary run again) leaves its folder; the next build removes it.
func TestKilledBuildIsCleanedByTheNext(t *testing.T) {
	if os.Getenv("DANGJIAN_OUTPUT_CHILD") != "" {
		d, err := NewDir(os.Getenv("DANGJIAN_OUTPUT_CHILD"))
		if err != nil {
			os.Exit(3)
		}
		for i := 0; ; i++ {
			d.WriteFile(filepath.Join("news", strings.Repeat("n", i%50+1), "index.html"), []byte("page"))
			if i == 100 {
				os.WriteFile(d.tmp+".ready", nil, 0o644)
			}
		}
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, "index.html")
	killWhileWriting(t, parent, "TestKilledBuildIsCleanedByTheNext", "DANGJIAN_OUTPUT_CHILD="+dest)
	if got := leftovers(t, parent); len(got) != 1 {
		t.Fatalf("after the kill: %v, want the killed build's folder", got)
	}
	build(t, dest, "index.html")
	if got := leftovers(t, parent); len(got) != 0 {
		t.Errorf("after the next build: %v", got)
	}
}

// killWhileWriting runs the test named test in a child process with env
// set, waits until it marks (a "*.ready" file beside the destination in
// parent) that it is writing, and kills it with SIGKILL.
func killWhileWriting(t *testing.T, parent, test, env string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ready, _ := filepath.Glob(filepath.Join(parent, TempPrefix+"*.ready"))
		if len(ready) > 0 {
			os.Remove(ready[0])
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	var ee *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &ee) {
		t.Fatalf("child: %v", err)
	}
}
