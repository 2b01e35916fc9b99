//go:build !unix

package output

import (
	"os"
	"path/filepath"
)

// statIn is lstat of name in the folder dir.
func statIn(dir *os.File, dirPath, name string) (fileStat, error) {
	info, err := os.Lstat(filepath.Join(dirPath, name))
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{regular: info.Mode().IsRegular(), size: info.Size(), mtime: info.ModTime().UnixNano()}, nil
}
