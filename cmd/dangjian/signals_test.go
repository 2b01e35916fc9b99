package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dangjian/generator/output"
	"dangjian/generator/sitetest"
)

// TestHelperCommand is not a test: it is the child process of the tests
// below, this test binary run again as `dangjian ARGS…`.
func TestHelperCommand(t *testing.T) {
	args := os.Getenv("DANGJIAN_HELPER_ARGS")
	if args == "" {
		t.Skip("only run as a child process")
	}
	os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

// startBuild starts `dangjian build` in a child process on a site whose
// static/ holds a named pipe: the build writes its pages, then blocks
// reading the pipe, so the test can interrupt it in the middle of writing.
func startBuild(t *testing.T) (cmd *exec.Cmd, dir, parent string, stderr *strings.Builder) {
	t.Helper()
	dir = writeSite(t, sitetest.Minimal)
	if code, _, errs := runCLI(t, "zh_CN.UTF-8", "build", "--source", dir); code != exitOK {
		t.Fatalf("first build: %d %s", code, errs)
	}
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "static", "pipe"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	cmd = exec.Command(os.Args[0], "-test.run=^TestHelperCommand$")
	cmd.Env = append(os.Environ(), "DANGJIAN_HELPER_ARGS=build\x1f--source\x1f"+dir, "LANG=zh_CN.UTF-8", "LC_ALL=")
	stderr = &strings.Builder{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	// Wait until the pages are written into the temporary folder.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, output.TempPrefix+"public-*", "index.html")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the build never wrote its pages; stderr:\n%s", stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return cmd, dir, dir, stderr
}

func tempFolders(t *testing.T, parent string) []string {
	m, err := filepath.Glob(filepath.Join(parent, output.TempPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Ctrl-C (and SIGTERM) in the middle of a build removes its temporary
// folder before the process exits; the previous output stays.
func TestInterruptedBuildRemovesItsFolder(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd, dir, parent, stderr := startBuild(t)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
			t.Errorf("%v: exit %v, want %d", sig, err, 128+int(sig))
		}
		if got := tempFolders(t, parent); len(got) != 0 {
			t.Errorf("%v: left %v", sig, got)
		}
		if !strings.Contains(stderr.String(), "已中断：临时文件夹已删除") {
			t.Errorf("%v: stderr %q", sig, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
			t.Errorf("%v: the previous output is gone: %v", sig, err)
		}
	}
}

// A build killed with SIGKILL cannot clean up; the next build does.
func TestKilledBuildLeftoversRemovedByNextBuild(t *testing.T) {
	cmd, dir, parent, _ := startBuild(t)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if got := tempFolders(t, parent); len(got) != 1 {
		t.Fatalf("after SIGKILL: %v, want the killed build's folder", got)
	}
	os.Remove(filepath.Join(dir, "static", "pipe"))
	if code, _, errs := runCLI(t, "zh_CN.UTF-8", "build", "--source", dir); code != exitOK {
		t.Fatalf("next build: %d %s", code, errs)
	}
	if got := tempFolders(t, parent); len(got) != 0 {
		t.Errorf("after the next build: %v", got)
	}
}
