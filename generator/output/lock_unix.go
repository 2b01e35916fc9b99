//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// canSpare: a spare output can be claimed safely (its marker locked).
const canSpare = true

// lockFile takes an exclusive lock on f for as long as it stays open; the
// system drops it when the process ends, however it ends.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// abandoned reports a temporary folder's marker that no running build
// holds: the build that made it was killed.
func abandoned(f *os.File) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		return true
	}
	return !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EINTR)
}
