package deploy

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/generator/diag"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

const (
	testAccessKey = "dangjian-test-access"
	testSecretKey = "dangjian-test-secret-0123456789"
)

// versitygwBin finds versitygw on PATH or where `go install` puts it.
func versitygwBin() string {
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// startS3 starts the Versity S3 gateway on 127.0.0.1 over a posix folder
// and returns its address and a client.
func startS3(t *testing.T) (string, *minio.Client) {
	t.Helper()
	bin := versitygwBin()
	if bin == "" {
		missing(t, "no versitygw (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0)")
	}
	dir := t.TempDir()
	addr := startServer(t, func(port string) *exec.Cmd {
		cmd := exec.Command(bin, "--access", testAccessKey, "--secret", testSecretKey, "--port", "127.0.0.1:"+port, "--quiet", "posix", dir)
		cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY_ID=", "ROOT_SECRET_ACCESS_KEY=")
		return cmd
	})
	client, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(testAccessKey, testSecretKey, ""), Region: "us-east-1", BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Fatal(err)
	}
	return addr, client
}

func s3Env(k string) string {
	switch k {
	case "AWS_ACCESS_KEY_ID":
		return testAccessKey
	case "AWS_SECRET_ACCESS_KEY":
		return testSecretKey
	}
	return ""
}

func TestS3Target(t *testing.T) {
	addr, client := startS3(t)
	ctx := context.Background()
	n := 0
	openBucket := func(t *testing.T, prefix string) Target {
		n++
		bucket := "site" + strings.Repeat("x", n) // a bucket per test
		if err := client.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
			t.Fatal(err)
		}
		tg, err := Open(ctx, "s3://"+bucket+prefix+"?endpoint="+addr+"&region=us-east-1&path_style=true&insecure=true", Config{Getenv: s3Env})
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}
	runTargetTests(t, func(t *testing.T, name string) Target { return openBucket(t, "") })

	t.Run("under a prefix", func(t *testing.T) {
		runTargetTests(t, func(t *testing.T, name string) Target { return openBucket(t, "/dangjian/"+name) })
	})

	t.Run("content type and cache control", func(t *testing.T) {
		tg := openBucket(t, "/www")
		src := filepath.Join(t.TempDir(), "public")
		writeBuild(t, src, v1)
		deployOnce(t, src, tg)
		bucket := tg.(*s3Target).bucket
		for _, c := range []struct{ name, ctype, cache string }{
			{"index.html", "text/html; charset=utf-8", "no-cache"},
			{"新闻/党建活动/index.html", "text/html; charset=utf-8", "no-cache"},
			{"css/main.css", "text/css; charset=utf-8", "public, max-age=3600"},
			{"css/app.0123abcd.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
			{"js/search.js", "text/javascript; charset=utf-8", "public, max-age=3600"},
			{"img/emblem.svg", "image/svg+xml", "public, max-age=3600"},
			{"stats.json", "application/json", "no-cache"},
		} {
			info, err := client.StatObject(ctx, bucket, "www/"+c.name, minio.StatObjectOptions{})
			if err != nil {
				t.Fatal(c.name, err)
			}
			if info.ContentType != c.ctype {
				t.Errorf("%s: Content-Type %q, want %q", c.name, info.ContentType, c.ctype)
			}
			if got := info.Metadata.Get("Cache-Control"); got != c.cache {
				t.Errorf("%s: Cache-Control %q, want %q", c.name, got, c.cache)
			}
		}
	})

	t.Run("wrong key and plain http", func(t *testing.T) {
		if err := client.MakeBucket(ctx, "keys", minio.MakeBucketOptions{}); err != nil {
			t.Fatal(err)
		}
		wrong := func(k string) string {
			if k == "AWS_SECRET_ACCESS_KEY" {
				return "not-the-secret"
			}
			return s3Env(k)
		}
		_, err := Open(ctx, "s3://keys?endpoint="+addr+"&path_style=true&insecure=true", Config{Getenv: wrong})
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployS3Denied || !strings.Contains(err.Error(), "AWS_SECRET_ACCESS_KEY") {
			t.Errorf("a wrong secret key: %v", err)
		}
		_, err = Open(ctx, "s3://keys?endpoint="+addr+"&path_style=true", Config{Getenv: s3Env})
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployS3Plain {
			t.Errorf("https to a plain http store: %v", err)
		}
	})

	t.Run("missing credentials and bucket", func(t *testing.T) {
		_, err := Open(ctx, "s3://nope?endpoint="+addr+"&insecure=true&path_style=true", Config{Getenv: func(string) string { return "" }, AccessKeyEnv: "OSS_ID", SecretKeyEnv: "OSS_SECRET"})
		if err == nil || !strings.Contains(err.Error(), "OSS_ID") || !strings.Contains(err.Error(), "OSS_SECRET") {
			t.Errorf("no credentials: %v", err)
		}
		_, err = Open(ctx, "s3://nope?endpoint="+addr+"&insecure=true&path_style=true", Config{Getenv: s3Env})
		if err == nil || !strings.Contains(err.Error(), "存储桶") {
			t.Errorf("missing bucket: %v", err)
		}
	})
}

// A key written into an s3:// address (as other tools take it) is refused
// without being shown: the address is printed in messages and often kept
// in site.toml. Before, the whole address was printed back.
func TestS3KeysInTheAddressAreNotShown(t *testing.T) {
	env := func(k string) string {
		if k == "AWS_ACCESS_KEY_ID" || k == "AWS_SECRET_ACCESS_KEY" {
			return "set"
		}
		return ""
	}
	for _, c := range []struct{ addr, want string }{
		{"s3://bkt/site?endpoint=127.0.0.1:1&secret_access_key=SECRETxyz&access_key_id=AKIAxyz",
			`"s3://bkt/site?endpoint=127.0.0.1:1&secret_access_key=***&access_key_id=***" 中不能写对象存储的密钥（access_key_id）`},
		{"s3://bkt?endpoint=AKIA:SECRETxyz@127.0.0.1:1", `"s3://bkt?endpoint=***@127.0.0.1:1" 中不能写对象存储的密钥（endpoint）`},
		{"s3://bkt?endpoint=AKIA:SECRETxyz%40127.0.0.1:1", `(endpoint)`},
		{"s3://bkt?endpoint=h&X-Amz-Signature=SECRETxyz", `（X-Amz-Signature）`},
		{"s3://bkt?endpoint=h&regoin=SECRETxyz", `"s3://bkt?endpoint=h&regoin=***" 无法识别：未知参数 regoin`},
	} {
		_, err := Open(context.Background(), c.addr, Config{Getenv: env})
		if err == nil {
			t.Fatalf("%s: accepted", c.addr)
		}
		zh, en := err.Error(), ""
		if p, ok := err.(diag.Problem); ok {
			zh, en = p.Format(diag.Chinese), p.Format(diag.English)
		}
		if strings.Contains(zh+en, "SECRETxyz") || strings.Contains(zh+en, "AKIA") {
			t.Errorf("%s: the key is shown: %s", c.addr, zh)
		}
		if !strings.Contains(zh, c.want) && !strings.Contains(en, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.addr, zh, c.want)
		}
	}
}
