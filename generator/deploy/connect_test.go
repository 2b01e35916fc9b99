package deploy

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// Each way a connection fails is said in Chinese with what to check, the
// system's words kept after it for IT.
func TestConnectWhy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	_, refused := net.Dial("tcp", closed)

	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host", Name: "web.invalid", IsNotFound: true}
	}}
	_, unknown := (&net.Dialer{Resolver: r}).Dial("tcp", "web.invalid:22")

	_, timeout := (&net.Dialer{Timeout: time.Nanosecond}).Dial("tcp", "192.0.2.1:22") // TEST-NET-1: never answers

	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"refused", refused, "服务器拒绝连接"},
		{"unknown host", unknown, "找不到名为 web.invalid 的服务器"},
		{"timeout", timeout, "连接超时"},
	} {
		if c.err == nil {
			t.Fatalf("%s: the dial did not fail", c.name)
		}
		got := connectWhy(c.err)
		if !strings.HasPrefix(got, c.want) || !strings.Contains(got, c.err.Error()) {
			t.Errorf("%s: %q, want it to start with %q and keep %q", c.name, got, c.want, c.err.Error())
		}
	}
}

// What deploy prints for an SFTP server that is not there, or a port where
// something else than SSH answers.
func TestSFTPConnectMessages(t *testing.T) {
	dir := t.TempDir()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(key, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	known := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(known, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Identity: key, KnownHosts: known, Home: dir, Getenv: func(string) string { return "" }}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	_, err = Open(context.Background(), "sftp://web@"+closed+"/srv/www", cfg)
	if err == nil || !strings.Contains(err.Error(), "服务器拒绝连接") {
		t.Errorf("a closed port: %v", err)
	}

	// Something else than SSH on the port. A server that reads our greeting
	// and hangs up gives EOF; one that hangs up with it unread gives a
	// reset (what a web server usually does, and what failed CI once when
	// only EOF was recognized); one that talks on without a line end
	// overflows the version line.
	for _, c := range []struct {
		name  string
		serve func(net.Conn)
	}{
		{"hangs up after reading", func(c net.Conn) {
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
			bufio.NewReader(c).ReadString('\n') // the whole greeting
			c.Close()
		}},
		{"hangs up with the greeting unread", func(c net.Conn) {
			time.Sleep(100 * time.Millisecond) // our greeting has arrived
			c.(*net.TCPConn).SetLinger(0)      // close with a reset
			c.Close()
		}},
		{"talks on", func(c net.Conn) {
			c.Write([]byte(strings.Repeat("x", 300*1024)))
		}},
	} {
		web := rawServer(t, c.serve)
		_, err = Open(context.Background(), "sftp://web@"+web+"/srv/www", cfg)
		if err == nil || !strings.Contains(err.Error(), "不是 SFTP（SSH）服务") {
			t.Errorf("a port that is not SSH, %s: %v", c.name, err)
		}
	}
}

// rawServer accepts connections on 127.0.0.1 until the test ends and hands
// each to serve; the ones serve leaves open are closed then. It returns
// the address.
func rawServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			serve(c)
		}
	}()
	return ln.Addr().String()
}
