//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// statIn is lstat of name in the open folder dir, relative to its
// descriptor: the spare's walk stats 39,000 files, and a full path's
// lookup from the root cost more than the stat itself.
func statIn(dir *os.File, dirPath, name string) (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return fileStat{}, &os.PathError{Op: "lstat", Path: dirPath + "/" + name, Err: err}
	}
	return fileStat{
		regular: st.Mode&unix.S_IFMT == unix.S_IFREG,
		size:    st.Size,
		mtime:   st.Mtim.Sec*1e9 + st.Mtim.Nsec,
	}, nil
}
