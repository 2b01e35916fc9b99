package deploy

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"dangjian/generator/diag"
)

// Target is where a site is deployed: a folder, an SFTP server or an S3
// bucket. Names are slash-separated paths relative to the target's root,
// already checked by safePath.
type Target interface {
	// Get returns a small file's bytes (the manifest); fs.ErrNotExist when
	// it is not there.
	Get(ctx context.Context, name string) ([]byte, error)
	// List returns every file under the root with its size; used only when
	// there is no manifest.
	List(ctx context.Context) (map[string]int64, error)
	// Hash returns the hex SHA-256 of a file at the target; fs.ErrNotExist
	// when it is not there.
	Hash(ctx context.Context, name string) (string, error)
	// Put replaces a file whole: a reader of the target sees the old bytes
	// or the new ones, never a mix or a half-written file.
	Put(ctx context.Context, name string, body io.Reader, size int64, m Meta) error
	// Delete removes a file (and folders it leaves empty); nil when it is
	// already gone.
	Delete(ctx context.Context, name string) error
	// String names the target for messages, without any secret.
	String() string
	Close() error
}

// Config is what opening a target may need besides its address.
type Config struct {
	Identity   string // SSH private key file; "" tries the agent, then ~/.ssh
	KnownHosts string // SSH known_hosts file; "" means ~/.ssh/known_hosts
	// AccessKeyEnv and SecretKeyEnv name the variables holding the object
	// store's keys; "" means AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
	AccessKeyEnv, SecretKeyEnv string
	Getenv                     func(string) string
	Home                       string // the user's home folder, for ~/.ssh
	User                       string // login name when an SFTP address has none
}

// Open connects to the target an address names. A plain path or file://
// URL is a folder; sftp:// and s3:// are remote.
func Open(ctx context.Context, addr string, c Config) (Target, error) {
	if c.Getenv == nil {
		c.Getenv = func(string) string { return "" }
	}
	scheme, _, found := strings.Cut(addr, "://")
	if !found {
		if err := checkPlace(addr, addr, false); err != nil {
			return nil, err
		}
		return openFolder(addr)
	}
	u, err := url.Parse(addr)
	if err != nil {
		return nil, diag.New("", 0, diag.MsgDeployBadTarget, addr, err.Error())
	}
	if _, has := u.User.Password(); has {
		return nil, diag.New("", 0, diag.MsgDeployPassword, redact(u))
	}
	switch strings.ToLower(scheme) {
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, diag.New("", 0, diag.MsgDeployBadTarget, addr, "file:// 地址只能指本机文件夹 / file:// must name a local folder")
		}
		if err := checkPlace(addr, filepath.FromSlash(u.Path), false); err != nil {
			return nil, err
		}
		return openFolder(filepath.FromSlash(u.Path))
	case "sftp":
		return openSFTP(ctx, u, c)
	case "s3":
		return openS3(ctx, u, c)
	}
	return nil, diag.New("", 0, diag.MsgDeployBadTarget, addr, "不支持 "+scheme+":// / unsupported scheme "+scheme)
}

func redact(u *url.URL) string {
	v := *u
	if v.User != nil {
		v.User = url.User(v.User.Username())
	}
	return v.String()
}

// IsFolder reports whether addr names a folder target, and which.
func IsFolder(addr string) (string, bool) {
	scheme, _, found := strings.Cut(addr, "://")
	if !found {
		return addr, true
	}
	if strings.EqualFold(scheme, "file") {
		if u, err := url.Parse(addr); err == nil {
			return filepath.FromSlash(u.Path), true
		}
	}
	return "", false
}
