package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"sort"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"dangjian/generator/diag"
)

// s3Target is a bucket (and a prefix in it) of an S3-compatible store:
// Aliyun OSS, Tencent COS, Huawei OBS, MinIO, AWS S3. One PUT replaces an
// object whole, so a reader sees the old or the new version.
type s3Target struct {
	endpoint, bucket, prefix string
	client                   *minio.Client
}

func openS3(ctx context.Context, u *url.URL, c Config) (Target, error) {
	keyEnv, secretEnv := c.AccessKeyEnv, c.SecretKeyEnv
	if keyEnv == "" {
		keyEnv = "AWS_ACCESS_KEY_ID"
	}
	if secretEnv == "" {
		secretEnv = "AWS_SECRET_ACCESS_KEY"
	}
	// The address is shown in messages (and often comes from site.toml):
	// every value it may hold a key in is masked there.
	shown := redactS3(u)
	bad := func(why string) error { return diag.New("", 0, diag.MsgDeployBadTarget, shown, why) }
	bucket := u.Host
	if bucket == "" {
		return nil, bad("缺少存储桶名 / no bucket")
	}
	prefix := strings.Trim(u.Path, "/")
	if prefix != "" {
		if !safePath(prefix) {
			return nil, bad("前缀不安全 / unsafe prefix")
		}
		prefix += "/"
	}
	q := u.Query()
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		switch k {
		case "endpoint", "region", "path_style", "insecure":
		default:
			if secretLike(k) {
				return nil, diag.New("", 0, diag.MsgDeployKeyInTarget, shown, k, keyEnv, secretEnv)
			}
			return nil, bad("未知参数 " + k + " / unknown parameter " + k)
		}
	}
	endpoint := q.Get("endpoint")
	if endpoint == "" {
		return nil, bad("缺少 endpoint（如 endpoint=oss-cn-hangzhou.aliyuncs.com） / endpoint= missing")
	}
	if strings.Contains(endpoint, "@") {
		// key:secret@host, as some tools write it.
		return nil, diag.New("", 0, diag.MsgDeployKeyInTarget, shown, "endpoint", keyEnv, secretEnv)
	}
	region := q.Get("region")
	if region == "" {
		region = "us-east-1"
	}
	key, secret := c.Getenv(keyEnv), c.Getenv(secretEnv)
	if key == "" || secret == "" {
		return nil, diag.New("", 0, diag.MsgDeployNoCreds, keyEnv, secretEnv)
	}
	lookup := minio.BucketLookupAuto
	if q.Get("path_style") == "true" {
		lookup = minio.BucketLookupPath
	}
	secure := q.Get("insecure") != "true"
	base, err := minio.DefaultTransport(secure)
	if err != nil {
		return nil, bad(err.Error())
	}
	client, err := minio.New(endpoint, &minio.Options{
		Transport:    idleTransport{base: base},
		Creds:        credentials.NewStaticV4(key, secret, c.Getenv("AWS_SESSION_TOKEN")),
		Secure:       secure,
		Region:       region,
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, bad(err.Error())
	}
	ok, err := client.BucketExists(ctx, bucket)
	if err != nil {
		// A reply that is a refusal is not a network fault: say which keys to
		// check, not "check the network".
		if r := minio.ToErrorResponse(err); r.StatusCode == 401 || r.StatusCode == 403 {
			code := r.Code
			if code == "" {
				code = fmt.Sprint(r.StatusCode)
			}
			return nil, diag.New("", 0, diag.MsgDeployS3Denied, endpoint, code, keyEnv, secretEnv, bucket)
		}
		if strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
			return nil, diag.New("", 0, diag.MsgDeployS3Plain, endpoint)
		}
		return nil, diag.New("", 0, diag.MsgDeployConnect, endpoint, connectWhy(err))
	}
	if !ok {
		return nil, diag.New("", 0, diag.MsgDeployNoBucket, bucket)
	}
	return &s3Target{endpoint: endpoint, bucket: bucket, prefix: prefix, client: client}, nil
}

// redactS3 is an s3:// address as messages may show it: the values of the
// parameters other than endpoint, region, path_style and insecure, and
// anything before an "@" in the endpoint, are masked.
func redactS3(u *url.URL) string {
	v := *u
	if u.User != nil {
		v.User = url.User(u.User.Username())
	}
	parts := strings.Split(u.RawQuery, "&")
	for i, part := range parts {
		k, val, _ := strings.Cut(part, "=")
		name, _ := url.QueryUnescape(k)
		dec, err := url.QueryUnescape(val)
		switch {
		case name == "region" || name == "path_style" || name == "insecure":
		case name == "endpoint" && err == nil && !strings.Contains(dec, "@"):
		case name == "endpoint" && err == nil:
			parts[i] = k + "=***" + dec[strings.LastIndexByte(dec, '@'):]
		case val != "":
			parts[i] = k + "=***"
		}
	}
	v.RawQuery = strings.Join(parts, "&")
	return v.String()
}

// secretLike reports a parameter name that looks like it holds a key
// (secret_access_key=, AccessKeyId=, token=, password= …).
func secretLike(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"key", "secret", "token", "pass", "sig", "cred", "auth"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func (t *s3Target) String() string {
	return "s3://" + t.bucket + "/" + t.prefix + " (" + t.endpoint + ")"
}
func (t *s3Target) Close() error { return nil }

func notFound(err error) error {
	if minio.ToErrorResponse(err).Code == "NoSuchKey" || minio.ToErrorResponse(err).StatusCode == 404 {
		return fmt.Errorf("%w: %v", fs.ErrNotExist, err)
	}
	return err
}

func (t *s3Target) Get(ctx context.Context, name string) ([]byte, error) {
	obj, err := t.client.GetObject(ctx, t.bucket, t.prefix+name, minio.GetObjectOptions{})
	if err != nil {
		return nil, notFound(err)
	}
	defer obj.Close()
	data, err := io.ReadAll(io.LimitReader(obj, int64(maxGet)+1))
	if err != nil {
		return nil, notFound(err)
	}
	if len(data) > maxGet {
		return nil, tooLarge(name)
	}
	return data, nil
}

func (t *s3Target) List(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	seen := 0
	for obj := range t.client.ListObjects(ctx, t.bucket, minio.ListObjectsOptions{Prefix: t.prefix, Recursive: true}) {
		if obj.Err != nil {
			return nil, obj.Err
		}
		if seen++; seen > maxListed {
			return nil, tooMany(t.String())
		}
		rel := strings.TrimPrefix(obj.Key, t.prefix)
		if safePath(rel) {
			out[rel] = obj.Size
		}
	}
	return out, nil
}

// Hash reads the SHA-256 a deploy stored in the object's metadata; for an
// object put there by other means it downloads and hashes it.
func (t *s3Target) Hash(ctx context.Context, name string) (string, error) {
	info, err := t.client.StatObject(ctx, t.bucket, t.prefix+name, minio.StatObjectOptions{})
	if err != nil {
		return "", notFound(err)
	}
	if sum := info.Metadata.Get("X-Amz-Meta-Sha256"); len(sum) == 64 {
		return sum, nil
	}
	obj, err := t.client.GetObject(ctx, t.bucket, t.prefix+name, minio.GetObjectOptions{})
	if err != nil {
		return "", notFound(err)
	}
	defer obj.Close()
	return hashReader(obj)
}

func (t *s3Target) Put(ctx context.Context, name string, body io.Reader, size int64, m Meta) error {
	opt := minio.PutObjectOptions{ContentType: m.ContentType, CacheControl: m.CacheControl}
	if m.SHA256 != "" {
		opt.UserMetadata = map[string]string{"sha256": m.SHA256}
	}
	_, err := t.client.PutObject(ctx, t.bucket, t.prefix+name, body, size, opt)
	return err
}

func (t *s3Target) Delete(ctx context.Context, name string) error {
	err := t.client.RemoveObject(ctx, t.bucket, t.prefix+name, minio.RemoveObjectOptions{})
	if err != nil && errors.Is(notFound(err), fs.ErrNotExist) {
		return nil
	}
	return err
}
