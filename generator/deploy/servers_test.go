package deploy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"dangjian/generator/diag"
	"dangjian/generator/sitetest"
)

// missing skips a test whose server cannot be found, except in CI
// (CI=true), where .ci/run installs it and its absence is a failure.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// startServer starts the server that command(port) makes on a free port
// of 127.0.0.1, stopped at the end of the test, and returns its address
// once that process listens there. freePort's port is free only as it
// closes it: another test may take it before the server binds it, and
// then the server exits and a test talked to the other one (and hung).
// So the listening socket must be the server's own, and a server that
// could not bind is started again on another port.
func startServer(t *testing.T, command func(port string) *exec.Cmd) string {
	t.Helper()
retry:
	for attempt := 1; ; attempt++ {
		port := freePort(t)
		addr := "127.0.0.1:" + port
		logs := &sitetest.SyncBuffer{}
		cmd := command(port)
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			cmd.Process.Kill()
			<-exited
		})
		deadline := time.Now().Add(20 * time.Second)
		for !listensOn(cmd.Process.Pid, port) {
			select {
			case <-exited:
				if attempt < 5 {
					t.Logf("server on %s exited (port taken?), trying another port:\n%s", addr, logs)
					continue retry
				}
				t.Fatalf("server on %s exited:\n%s", addr, logs)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("server on %s did not start:\n%s", addr, logs)
			}
			time.Sleep(50 * time.Millisecond)
		}
		return addr
	}
}

// listensOn reports whether process pid holds a socket listening on
// 127.0.0.1:port (or on all addresses), from Linux's /proc; elsewhere,
// whether anything accepts connections there.
func listensOn(pid int, port string) bool {
	tcp, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	}
	p, _ := strconv.Atoi(port)
	inodes := map[string]bool{}
	for _, line := range strings.Split(string(tcp), "\n")[1:] {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
		f := strings.Fields(line)
		if len(f) < 10 || f[3] != "0A" { // LISTEN
			continue
		}
		if a, b, _ := strings.Cut(f[1], ":"); b == fmt.Sprintf("%04X", p) && (a == "0100007F" || a == "7F000001" || a == "00000000") { // 127.0.0.1 in either byte order, or any
			inodes["socket:["+f[9]+"]"] = true
		}
	}
	fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", pid))
	for _, fd := range fds {
		if link, err := os.Readlink(fd); err == nil && inodes[link] {
			return true
		}
	}
	return false
}

// sshd is a running OpenSSH server for a test.
type sshd struct {
	addr       string
	root       string // the folder deploys go to
	userKey    string // private key file
	knownHosts string // a known_hosts file with the server's real key
	user       string
}

// startSSHD starts Debian's OpenSSH server on 127.0.0.1 with a throw-away
// host key and user key, for the current user, and stops it at the end.
func startSSHD(t *testing.T) *sshd {
	t.Helper()
	bin := "/usr/sbin/sshd"
	if _, err := os.Stat(bin); err != nil {
		missing(t, "no OpenSSH server at %s (apt-get install openssh-server)", bin)
	}
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		missing(t, "no ssh-keygen")
	}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, k := range []string{"host", "user"} {
		out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", k, "-f", filepath.Join(dir, k)).CombinedOutput()
		if err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	pub, err := os.ReadFile(filepath.Join(dir, "user.pub"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "authorized_keys"), pub, 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// sshd refuses to start without its privilege separation folder.
		os.MkdirAll("/run/sshd", 0o755)
	}
	cfgFile := filepath.Join(dir, "sshd_config")
	addr := startServer(t, func(port string) *exec.Cmd {
		cfg := fmt.Sprintf(`Port %s
ListenAddress 127.0.0.1
HostKey %s
PidFile %s
AuthorizedKeysFile %s
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowUsers %s
Subsystem sftp internal-sftp
LogLevel ERROR
`, port, filepath.Join(dir, "host"), filepath.Join(dir, "sshd.pid"), filepath.Join(dir, "authorized_keys"), u.Username)
		if err := os.WriteFile(cfgFile, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		return exec.Command(bin, "-D", "-e", "-f", cfgFile)
	})

	hostPub, err := os.ReadFile(filepath.Join(dir, "host.pub"))
	if err != nil {
		t.Fatal(err)
	}
	key, _, _, _, err := ssh.ParseAuthorizedKey(hostPub)
	if err != nil {
		t.Fatal(err)
	}
	known := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(known, []byte(knownhosts.Line([]string{knownhosts.Normalize(addr)}, key)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &sshd{addr: addr, root: filepath.Join(dir, "www"), userKey: filepath.Join(dir, "user"), knownHosts: known, user: u.Username}
}

func (s *sshd) url(sub string) string {
	return "sftp://" + s.user + "@" + s.addr + filepath.ToSlash(filepath.Join(s.root, sub))
}

func TestSFTPTarget(t *testing.T) {
	s := startSSHD(t)
	runTargetTests(t, func(t *testing.T, name string) Target {
		tg, err := Open(context.Background(), s.url(name), Config{Identity: s.userKey, KnownHosts: s.knownHosts})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { tg.Close() })
		return tg
	})

	// What the deploy leaves is the built folder, byte for byte, on disk.
	t.Run("files on the server", func(t *testing.T) {
		tg, err := Open(context.Background(), s.url("disk"), Config{Identity: s.userKey, KnownHosts: s.knownHosts})
		if err != nil {
			t.Fatal(err)
		}
		defer tg.Close()
		src := filepath.Join(t.TempDir(), "public")
		writeBuild(t, src, v1)
		deployOnce(t, src, tg)
		for name, body := range v1 {
			got, err := os.ReadFile(filepath.Join(s.root, "disk", filepath.FromSlash(name)))
			if err != nil || string(got) != body {
				t.Errorf("%s on the server: %q, %v", name, got, err)
			}
		}
	})

	t.Run("unknown host key refused", func(t *testing.T) {
		empty := filepath.Join(t.TempDir(), "known_hosts")
		os.WriteFile(empty, nil, 0o600)
		for _, file := range []string{empty, filepath.Join(t.TempDir(), "absent")} {
			_, err := Open(context.Background(), s.url("refused"), Config{Identity: s.userKey, KnownHosts: file})
			var p diag.Problem
			if !errors.As(err, &p) || p.Msg != diag.MsgDeployHostUnknown {
				t.Fatalf("unknown host (%s): %v", file, err)
			}
			msg := p.Format(diag.Chinese)
			// The message carries the line for IT to check and add.
			hostPub, _ := os.ReadFile(s.knownHosts)
			if !strings.Contains(msg, strings.TrimSpace(string(hostPub))) || !strings.Contains(msg, "ssh-keyscan") {
				t.Errorf("message lacks the known_hosts line or ssh-keyscan:\n%s", msg)
			}
		}
		if _, err := os.Stat(filepath.Join(s.root, "refused")); err == nil {
			t.Error("the folder was made on a refused server")
		}
	})

	t.Run("changed host key refused", func(t *testing.T) {
		dir := t.TempDir()
		out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "other")).CombinedOutput()
		if err != nil {
			t.Fatalf("%v %s", err, out)
		}
		pub, _ := os.ReadFile(filepath.Join(dir, "other.pub"))
		key, _, _, _, err := ssh.ParseAuthorizedKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "known_hosts")
		os.WriteFile(file, []byte("# IT's list\n"+knownhosts.Line([]string{knownhosts.Normalize(s.addr)}, key)+"\n"), 0o600)
		_, err = Open(context.Background(), s.url("refused"), Config{Identity: s.userKey, KnownHosts: file})
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployHostChanged {
			t.Fatalf("changed host key: %v", err)
		}
		if msg := p.Format(diag.Chinese); !strings.Contains(msg, "第 2 行") || !strings.Contains(msg, "ssh-keygen -R") {
			t.Errorf("message:\n%s", msg)
		}
	})

	t.Run("wrong user key refused", func(t *testing.T) {
		dir := t.TempDir()
		exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "k")).Run()
		_, err := Open(context.Background(), s.url("x"), Config{Identity: filepath.Join(dir, "k"), KnownHosts: s.knownHosts})
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployLogin {
			t.Fatalf("wrong key: %v", err)
		}
	})

	t.Run("key with a passphrase", func(t *testing.T) {
		dir := t.TempDir()
		exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", filepath.Join(dir, "k")).Run()
		_, err := Open(context.Background(), s.url("x"), Config{Identity: filepath.Join(dir, "k"), KnownHosts: s.knownHosts})
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployKeyLocked {
			t.Fatalf("locked key: %v", err)
		}
	})
}
