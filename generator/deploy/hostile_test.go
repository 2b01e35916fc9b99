package deploy

import (
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"dangjian/generator/diag"
)

// hostileS3 is an S3 endpoint that answers every listing with one more
// page: the names of list(page), for ever when endless is set. It has no
// manifest, so a deploy lists it.
func hostileS3(t *testing.T, endless bool, list func(page int64) []string) (Target, *atomic.Int64) {
	var pages atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		switch {
		case r.Method == http.MethodHead:
		case r.URL.Query().Get("list-type") == "2":
			n := pages.Add(1)
			names := list(n)
			var b strings.Builder
			fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bkt</Name><Prefix></Prefix><KeyCount>%d</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>%v</IsTruncated><NextContinuationToken>t%d</NextContinuationToken>`, len(names), endless, n)
			for _, k := range names {
				fmt.Fprintf(&b, `<Contents><Key>%s</Key><Size>1</Size><ETag>"x"</ETag><LastModified>2020-01-01T00:00:00.000Z</LastModified></Contents>`, k)
			}
			b.WriteString(`</ListBucketResult>`)
			w.Write([]byte(b.String()))
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>`))
		}
	}))
	t.Cleanup(srv.Close)
	env := func(k string) string {
		return map[string]string{"AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": "secret"}[k]
	}
	tg, err := Open(context.Background(), "s3://bkt?endpoint="+strings.TrimPrefix(srv.URL, "http://")+"&path_style=true&insecure=true", Config{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tg.Close() })
	return tg, &pages
}

// A server whose listing never ends (one more page, with one more
// continuation token, for ever) made deploy list until memory ran out: it
// stops at maxListed names with a message.
func TestEndlessListingStops(t *testing.T) {
	old := maxListed
	maxListed = 5000
	t.Cleanup(func() { maxListed = old })
	tg, pages := hostileS3(t, true, func(n int64) []string {
		names := make([]string, 1000)
		for i := range names {
			names[i] = fmt.Sprintf("p%d/k%d", n, i)
		}
		return names
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, map[string]string{"index.html": "x"})
	files, err := Scan(src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = MakePlan(ctx, files, tg)
	var p diag.Problem
	if !errors.As(err, &p) || p.Msg != diag.MsgDeployTooMany {
		t.Fatalf("plan: %v after %d pages", err, pages.Load())
	}
	if n := pages.Load(); n > 10 {
		t.Errorf("%d pages read", n)
	}
}

// Names no deploy could have made are not taken from a listing: a plan
// never reads, hashes or counts them. (NUL and ESC cannot be in XML: such
// a listing is an error.)
func TestHostileListingNames(t *testing.T) {
	bad := []string{"../../x", "/etc/x", "a/../../b", "a//b", "./a", "a\\..\\b", "a\tb", strings.Repeat("x/", 600) + "y"}
	tg, _ := hostileS3(t, false, func(int64) []string { return append(bad, "ok.html") })
	got, err := tg.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name := range got {
		if name != "ok.html" && name != strings.Repeat("x/", 600)+"y" {
			t.Errorf("listing kept %q", name)
		}
	}
	if _, ok := got["ok.html"]; !ok {
		t.Errorf("listing lost ok.html: %v", got)
	}
}

// A server that sends the headers of the manifest and then a byte now and
// then, or nothing (slow loris), held deploy for ever: S3 requests had no
// timeout once the headers came. Now a request that moves no byte for
// serverIdle fails, and the deploy stops with the reason.
func TestSlowS3ServerTimesOut(t *testing.T) {
	old := serverIdle
	serverIdle = 200 * time.Millisecond
	t.Cleanup(func() { serverIdle = old })
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			return
		}
		w.Header().Set("Content-Length", "1000")
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Header().Set("ETag", `"x"`)
		w.Write([]byte("{"))
		w.(http.Flusher).Flush()
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(stop) })
	env := func(k string) string {
		return map[string]string{"AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": "secret"}[k]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tg, err := Open(ctx, "s3://bkt?endpoint="+strings.TrimPrefix(srv.URL, "http://")+"&path_style=true&insecure=true", Config{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	start := time.Now()
	_, err = tg.Get(ctx, ManifestName)
	if !errors.Is(err, errIdle) {
		t.Errorf("after %v: %v, want the idle timeout", time.Since(start), err)
	}
	if ctx.Err() != nil {
		t.Errorf("the request ran until the test's own deadline")
	}
}

// hostileSFTP is an SFTP server (in this process) whose every folder holds
// what entries(path) says, and whose every path is a folder. It answers
// the deploy's login, mkdir and stat; nothing is stored.
func hostileSFTP(t *testing.T, entries func(dir string) []os.FileInfo) Target {
	return hostileSFTPServer(t, hostileFS{entries: entries})
}

func hostileSFTPServer(t *testing.T, h hostileFS) Target {
	_, hostPriv, _ := ed25519.GenerateKey(nil)
	hostKey, err := ssh.NewSignerFromKey(hostPriv)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &ssh.ServerConfig{NoClientAuth: true}
	cfg.AddHostKey(hostKey)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				_, chans, reqs, err := ssh.NewServerConn(c, cfg)
				if err != nil {
					return
				}
				go ssh.DiscardRequests(reqs)
				for nc := range chans {
					ch, in, err := nc.Accept()
					if err != nil {
						continue
					}
					go func() {
						for r := range in {
							r.Reply(r.Type == "subsystem", nil)
							if r.Type == "subsystem" {
								srv := sftp.NewRequestServer(ch, sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h})
								go func() { srv.Serve(); srv.Close() }()
							}
						}
					}()
				}
			}()
		}
	}()
	dir := t.TempDir()
	_, userPriv, _ := ed25519.GenerateKey(nil)
	block, err := ssh.MarshalPrivateKey(userPriv, "")
	if err != nil {
		t.Fatal(err)
	}
	userKey := filepath.Join(dir, "id")
	known := filepath.Join(dir, "known_hosts")
	addr := ln.Addr().String()
	os.WriteFile(userKey, pem.EncodeToMemory(block), 0o600)
	os.WriteFile(known, []byte(knownhosts.Line([]string{knownhosts.Normalize(addr)}, hostKey.PublicKey())+"\n"), 0o600)
	tg, err := Open(context.Background(), "sftp://web@"+addr+"/www", Config{Identity: userKey, KnownHosts: known})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tg.Close() })
	return tg
}

type hostileFS struct {
	entries func(string) []os.FileInfo
	read    io.ReaderAt // what every file reads as; none when nil
}

func (h hostileFS) Fileread(*sftp.Request) (io.ReaderAt, error) {
	if h.read == nil {
		return nil, os.ErrNotExist
	}
	return h.read, nil
}
func (hostileFS) Filewrite(*sftp.Request) (io.WriterAt, error) { return nil, os.ErrPermission }
func (hostileFS) Filecmd(*sftp.Request) error                  { return nil }
func (h hostileFS) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	if r.Method == "List" {
		return listerAt(h.entries(r.Filepath)), nil
	}
	return listerAt{fakeInfo{name: path.Base(r.Filepath), dir: true}}, nil
}

type listerAt []os.FileInfo

func (l listerAt) ListAt(out []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[off:])
	if off+int64(n) >= int64(len(l)) {
		return n, io.EOF
	}
	return n, nil
}

type fakeInfo struct {
	name string
	dir  bool
}

func (f fakeInfo) Name() string { return f.name }
func (f fakeInfo) Size() int64  { return 1 }
func (f fakeInfo) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (fakeInfo) ModTime() time.Time { return time.Time{} }
func (f fakeInfo) IsDir() bool      { return f.dir }
func (fakeInfo) Sys() any           { return nil }

// An SFTP server whose folders nest for ever (each holds a folder "d"),
// holding no file, kept deploy walking for ever: nothing counted, nothing
// stopped it. Folders now count towards maxListed. Names a deploy could
// not have made (../x, /etc/x, names with a backslash or a newline) never
// name a file outside the target.
func TestHostileSFTPListing(t *testing.T) {
	old := maxListed
	maxListed = 500
	t.Cleanup(func() { maxListed = old })
	tg := hostileSFTP(t, func(string) []os.FileInfo { return []os.FileInfo{fakeInfo{name: "d", dir: true}} })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := tg.List(ctx)
	var p diag.Problem
	if !errors.As(err, &p) || p.Msg != diag.MsgDeployTooMany {
		t.Fatalf("endless folders: %v", err)
	}

	tg = hostileSFTP(t, func(dir string) []os.FileInfo {
		if dir != "/www" {
			return nil
		}
		var out []os.FileInfo
		for _, n := range []string{"../../x", "a/../../b", "/etc/x", "a\\..\\b", "a\nb", "..", ".", "ok.html"} {
			out = append(out, fakeInfo{name: n})
		}
		return out
	})
	got, err := tg.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// pkg/sftp keeps only the last element of a name the server sends
	// (../../x is x, inside the target), and List drops the rest.
	want := map[string]int64{"ok.html": 1, "x": 1, "b": 1}
	if !maps.Equal(got, want) {
		t.Errorf("listing %v, want %v", got, want)
	}
}

// stuck is a file whose reads never return (until the test ends).
type stuck chan struct{}

func (s stuck) ReadAt([]byte, int64) (int, error) {
	<-s
	return 0, io.EOF
}

// A server that stops answering held deploy for ever: one that accepted
// the connection and said nothing (cfg.Timeout bounds only ssh.Dial's
// dialling), and one that opened the manifest and then sent no byte of it.
// Both now fail after serverIdle without a byte.
func TestSilentSFTPServerTimesOut(t *testing.T) {
	old := serverIdle
	serverIdle = 200 * time.Millisecond
	t.Cleanup(func() { serverIdle = old })

	silent := rawServer(t, func(net.Conn) {}) // accepts, never speaks
	dir := t.TempDir()
	_, userPriv, _ := ed25519.GenerateKey(nil)
	block, _ := ssh.MarshalPrivateKey(userPriv, "")
	os.WriteFile(filepath.Join(dir, "id"), pem.EncodeToMemory(block), 0o600)
	done := make(chan error, 1)
	go func() {
		_, err := Open(context.Background(), "sftp://web@"+silent+"/www", Config{Identity: filepath.Join(dir, "id"), KnownHosts: filepath.Join(dir, "none")})
		done <- err
	}()
	select {
	case err := <-done:
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployConnect || !strings.Contains(p.Format(diag.Chinese), "没有传送任何数据") {
			t.Errorf("silent server: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("connecting to a silent server did not give up")
	}

	s := make(stuck)
	defer close(s)
	tg := hostileSFTPServer(t, hostileFS{entries: func(string) []os.FileInfo { return nil }, read: s})
	go func() {
		_, err := tg.Get(context.Background(), ManifestName)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errIdle) {
			t.Errorf("stuck manifest: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("reading a manifest the server never sends did not give up")
	}
}
