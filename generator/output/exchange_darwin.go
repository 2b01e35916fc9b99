package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one step (renamex_np RENAME_SWAP).
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return errNoExchange
	}
	return err
}
