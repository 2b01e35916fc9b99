package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// folder is a target on a mounted disk, a USB stick or a web root on this
// machine. All access goes through os.Root, so no name (nor a symbolic link
// planted at the target) can reach outside the folder.
type folder struct {
	dir  string
	root *os.Root
}

func openFolder(dir string) (Target, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &folder{dir: dir, root: root}, nil
}

func (t *folder) String() string { return t.dir }
func (t *folder) Close() error   { return t.root.Close() }

func (t *folder) Get(_ context.Context, name string) ([]byte, error) {
	f, err := t.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(maxGet)+1))
	if err == nil && len(data) > maxGet {
		err = tooLarge(name)
	}
	return data, err
}

func (t *folder) List(_ context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	err := fs.WalkDir(t.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			out[p] = info.Size()
		}
		return nil
	})
	return out, err
}

func (t *folder) Hash(_ context.Context, name string) (string, error) {
	f, err := t.root.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return hashReader(f)
}

// tmpName is the name a file is written under before the rename. It is the
// same for every attempt, so an interrupted deploy leaves at most one
// temporary file per path, which the next attempt overwrites.
func tmpName(name string) string {
	return path.Join(path.Dir(name), tmpPrefix+path.Base(name))
}

func (t *folder) Put(ctx context.Context, name string, body io.Reader, _ int64, _ Meta) error {
	if dir := path.Dir(name); dir != "." {
		if err := t.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := tmpName(name)
	f, err := t.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, ctxReader{ctx, body}); err != nil {
		f.Close()
		t.root.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		t.root.Remove(tmp)
		return err
	}
	return t.root.Rename(tmp, name)
}

func (t *folder) Delete(_ context.Context, name string) error {
	if err := t.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// Remove the folders the file leaves empty (a deleted page's own
	// folder); Remove fails on a folder that still holds something.
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if t.root.Remove(dir) != nil {
			break
		}
	}
	return nil
}

// ctxReader stops a copy when the deploy is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
