//go:build !unix

package output

import (
	"os"
	"time"
)

// lockFile does nothing where there is no flock: abandoned goes by age.
func lockFile(f *os.File) error { return nil }

// abandoned takes a marker a day old for a killed build's: no build runs
// that long.
func abandoned(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && time.Since(info.ModTime()) > 24*time.Hour
}
