package deploy

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"dangjian/generator/diag"
)

// sftpTarget is a folder on a server reached over SSH.
type sftpTarget struct {
	addr   string // host:port
	user   string
	root   string // absolute path on the server
	conn   *ssh.Client
	client *sftp.Client
	posix  bool // the server renames over an existing file atomically

	mu   sync.Mutex
	dirs map[string]bool // folders known to exist

	watch *stallWatch // gives up on a server that stops answering
}

// maxGet bounds what Get reads, and what one plan reads of the manifest,
// its journals and the pending list together: a hostile server could offer
// an endless manifest, and each byte of one costs about 14 bytes once
// parsed (a 215 MB manifest of made-up paths took 3 GB and 47 s). A real
// 10,000-page site's manifest is 3.3 MB. A variable for the tests.
var maxGet = 64 << 20

// maxListed is the most names List takes from a target: a hostile server
// can answer a listing with one more page for ever (an S3 endpoint gave
// 1.2 million names in 20 s, and deploy kept asking until memory ran out).
// A 10,000-page site is about 30,000 files. A variable for the tests.
var maxListed = 2_000_000

// tooMany is List's error for a listing of over maxListed names, counted
// before any is judged: endless names a deploy ignores (../x) are no
// cheaper to wait for.
func tooMany(target string) error {
	return diag.New("", 0, diag.MsgDeployTooMany, target,
		diag.Msg{Zh: fmt.Sprintf("%d 万", maxListed/10_000), En: fmt.Sprint(maxListed)})
}

// errTooLarge is what Get says of a file over maxGet.
var errTooLarge = errors.New("larger than the limit")

// tooLarge is Get's error for name.
func tooLarge(name string) error {
	return fmt.Errorf("%s 超过 %d MB 的上限（%w）", name, maxGet>>20, errTooLarge)
}

func openSFTP(ctx context.Context, u *url.URL, c Config) (Target, error) {
	host := u.Hostname()
	if host == "" {
		return nil, diag.New("", 0, diag.MsgDeployBadTarget, u.String(), "缺少服务器地址 / no host")
	}
	port := u.Port()
	if port == "" {
		port = "22"
	}
	user := u.User.Username()
	if user == "" {
		user = c.User
	}
	root := path.Clean("/" + u.Path)
	if u.Path == "" || root == "/" {
		return nil, diag.New("", 0, diag.MsgDeployBadTarget, u.String(), "缺少服务器上的文件夹路径（如 /var/www/dangjian） / no folder path on the server")
	}
	if err := checkPlace(redact(u), root, true); err != nil {
		return nil, err
	}
	addr := net.JoinHostPort(host, port)

	knownFile := c.KnownHosts
	if knownFile == "" {
		knownFile = filepath.Join(c.Home, ".ssh", "known_hosts")
	}
	hostKeys, err := knownhosts.New(knownFile)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, diag.New("", 0, diag.MsgDeployKnownHosts, knownFile, err)
		}
		// No file: every host is unknown, and the message says how to
		// make the file.
		hostKeys = func(string, net.Addr, ssh.PublicKey) error { return &knownhosts.KeyError{} }
	}
	var refused error
	check := func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		err := hostKeys(hostname, remote, key)
		if err != nil {
			refused = hostKeyProblem(err, addr, knownFile, key)
		}
		return err
	}

	auth, err := authMethods(c)
	if err != nil {
		return nil, err
	}
	cfg := &ssh.ClientConfig{
		User:              user,
		Auth:              auth,
		HostKeyCallback:   check,
		HostKeyAlgorithms: knownAlgorithms(hostKeys, addr),
		Timeout:           20 * time.Second,
	}
	d := net.Dialer{Timeout: cfg.Timeout}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, diag.New("", 0, diag.MsgDeployConnect, addr, connectWhy(err))
	}
	// The whole of connecting is work under way: cfg.Timeout bounds only
	// ssh.Dial's dialling, and a server that accepted the connection and
	// then said nothing held deploy for ever.
	watch := newStallWatch(raw)
	raw = watch
	watch.begin()
	defer watch.busy.Add(-1)
	sc, chans, reqs, err := ssh.NewClientConn(raw, addr, cfg)
	if err != nil {
		raw.Close()
		if refused != nil {
			return nil, refused
		}
		if watch.stalled.Load() {
			return nil, diag.New("", 0, diag.MsgDeployConnect, addr, errIdle)
		}
		if strings.Contains(err.Error(), "unable to authenticate") {
			return nil, diag.New("", 0, diag.MsgDeployLogin, addr, user, err)
		}
		return nil, diag.New("", 0, diag.MsgDeployConnect, addr, connectWhy(err))
	}
	conn := ssh.NewClient(sc, chans, reqs)
	client, err := sftp.NewClient(conn, sftp.UseConcurrentWrites(true))
	if err != nil {
		conn.Close()
		if watch.stalled.Load() {
			err = errIdle
		}
		return nil, diag.New("", 0, diag.MsgDeployConnect, addr, err)
	}
	_, posix := client.HasExtension("posix-rename@openssh.com")
	t := &sftpTarget{addr: addr, user: user, root: root, conn: conn, client: client, posix: posix, dirs: map[string]bool{}, watch: watch}
	if err := t.mkdirAll(root); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// hostKeyProblem turns a refused host key into the officer's message,
// with the known_hosts line IT should check.
func hostKeyProblem(err error, addr, file string, key ssh.PublicKey) error {
	host, port, _ := net.SplitHostPort(addr)
	line := knownhosts.Line([]string{knownhosts.Normalize(addr)}, key)
	fp := ssh.FingerprintSHA256(key)
	var ke *knownhosts.KeyError
	var re *knownhosts.RevokedError
	switch {
	case errors.As(err, &re):
		return diag.New("", 0, diag.MsgDeployHostRevoked, addr, file)
	case errors.As(err, &ke) && len(ke.Want) > 0:
		w := ke.Want[0]
		return diag.New("", 0, diag.MsgDeployHostChanged, addr, w.Filename, w.Line, fp, knownhosts.Normalize(addr), w.Filename, line)
	default:
		kind := strings.TrimPrefix(key.Type(), "ssh-")
		if strings.HasPrefix(kind, "ecdsa") {
			kind = "ecdsa"
		}
		return diag.New("", 0, diag.MsgDeployHostUnknown, addr, file, fp, kind, file, line, port, host)
	}
}

// knownAlgorithms lists the host key types known_hosts holds for addr, so
// the server is asked for a key we can check (a server with an RSA and an
// Ed25519 key would otherwise offer one we may not know, and be refused as
// changed). Nil when none is known: any type, then refused as unknown.
func knownAlgorithms(cb ssh.HostKeyCallback, addr string) []string {
	probe, _ := ssh.NewPublicKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public())
	var remote net.Addr = &net.TCPAddr{}
	if a, err := net.ResolveTCPAddr("tcp", addr); err == nil {
		remote = a
	}
	var ke *knownhosts.KeyError
	if err := cb(addr, remote, probe); !errors.As(err, &ke) {
		return nil
	}
	var algos []string
	seen := map[string]bool{}
	add := func(a string) {
		if !seen[a] {
			seen[a] = true
			algos = append(algos, a)
		}
	}
	for _, k := range ke.Want {
		t := k.Key.Type()
		if t == ssh.KeyAlgoRSA {
			add(ssh.KeyAlgoRSASHA512)
			add(ssh.KeyAlgoRSASHA256)
		}
		add(t)
	}
	return algos
}

// authMethods picks the keys to log in with: --identity alone when given;
// otherwise the SSH agent and the usual files under ~/.ssh.
func authMethods(c Config) ([]ssh.AuthMethod, error) {
	if c.Identity != "" {
		s, err := readKey(c.Identity)
		if err != nil {
			return nil, err
		}
		return []ssh.AuthMethod{ssh.PublicKeys(s)}, nil
	}
	var methods []ssh.AuthMethod
	if sock := c.Getenv("SSH_AUTH_SOCK"); sock != "" {
		if conn, err := net.Dial("unix", sock); err == nil {
			methods = append(methods, ssh.PublicKeysCallback(agent.NewClient(conn).Signers))
		}
	}
	var signers []ssh.Signer
	var locked error
	for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
		file := filepath.Join(c.Home, ".ssh", name)
		if _, err := os.Stat(file); err != nil {
			continue
		}
		s, err := readKey(file)
		if err != nil {
			locked = err
			continue
		}
		signers = append(signers, s)
	}
	if len(signers) > 0 {
		methods = append(methods, ssh.PublicKeys(signers...))
	}
	if len(methods) == 0 {
		if locked != nil {
			return nil, locked
		}
		return nil, diag.New("", 0, diag.MsgDeployNoKey, "SFTP")
	}
	return methods, nil
}

func readKey(file string) (ssh.Signer, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, diag.New("", 0, diag.MsgDeployKeyRead, file, err)
	}
	s, err := ssh.ParsePrivateKey(data)
	var pm *ssh.PassphraseMissingError
	if errors.As(err, &pm) {
		return nil, diag.New("", 0, diag.MsgDeployKeyLocked, file, file)
	}
	if err != nil {
		return nil, diag.New("", 0, diag.MsgDeployKeyRead, file, err)
	}
	return s, nil
}

func (t *sftpTarget) String() string { return "sftp://" + t.user + "@" + t.addr + t.root }

func (t *sftpTarget) Close() error {
	t.client.Close()
	return t.conn.Close()
}

func (t *sftpTarget) full(name string) string { return path.Join(t.root, name) }

func (t *sftpTarget) Get(_ context.Context, name string) (_ []byte, err error) {
	t.watch.begin()
	defer t.watch.end(&err)
	f, err := t.client.Open(t.full(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(maxGet)+1))
	if err == nil && len(data) > maxGet {
		err = tooLarge(name)
	}
	return data, err
}

func (t *sftpTarget) List(ctx context.Context) (_ map[string]int64, err error) {
	t.watch.begin()
	defer t.watch.end(&err)
	out := map[string]int64{}
	seen := 0
	w := t.client.Walk(t.root)
	for w.Step() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Folders count too: a server can nest them for ever.
		if seen++; seen > maxListed {
			return nil, tooMany(t.String())
		}
		if err := w.Err(); err != nil {
			return nil, err
		}
		if !w.Stat().Mode().IsRegular() {
			continue
		}
		rel := strings.TrimPrefix(w.Path(), t.root+"/")
		if safePath(rel) {
			out[rel] = w.Stat().Size()
		}
	}
	return out, nil
}

func (t *sftpTarget) Hash(_ context.Context, name string) (_ string, err error) {
	t.watch.begin()
	defer t.watch.end(&err)
	f, err := t.client.Open(t.full(name))
	if err != nil {
		return "", err
	}
	defer f.Close()
	return hashReader(f)
}

func (t *sftpTarget) mkdirAll(dir string) error {
	t.mu.Lock()
	known := t.dirs[dir]
	t.mu.Unlock()
	if known || dir == "/" {
		return nil
	}
	if err := t.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	if err := t.client.Mkdir(dir); err != nil {
		// It may exist already, or another transfer made it meanwhile.
		st, serr := t.client.Stat(dir)
		if serr != nil || !st.IsDir() {
			return err
		}
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}

func (t *sftpTarget) Put(ctx context.Context, name string, body io.Reader, _ int64, _ Meta) (err error) {
	t.watch.begin()
	defer t.watch.end(&err)
	full := t.full(name)
	if err := t.mkdirAll(path.Dir(full)); err != nil {
		return err
	}
	tmp := t.full(tmpName(name))
	f, err := t.client.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	if _, err := f.ReadFrom(ctxReader{ctx, body}); err != nil {
		f.Close()
		t.client.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		t.client.Remove(tmp)
		return err
	}
	if t.posix {
		return t.client.PosixRename(tmp, full)
	}
	// Plain SFTP rename fails when the new name exists: without the
	// OpenSSH extension the old file goes first (a moment without it).
	if err := t.client.Rename(tmp, full); err != nil {
		if rerr := t.client.Remove(full); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return err
		}
		return t.client.Rename(tmp, full)
	}
	return nil
}

func (t *sftpTarget) Delete(_ context.Context, name string) (err error) {
	t.watch.begin()
	defer t.watch.end(&err)
	if err := t.client.Remove(t.full(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if t.client.RemoveDirectory(t.full(dir)) != nil {
			break
		}
		t.mu.Lock()
		delete(t.dirs, t.full(dir))
		t.mu.Unlock()
	}
	return nil
}
