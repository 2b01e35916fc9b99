//go:build !unix

package output

import (
	"os"
	"time"
)

// canSpare: without locks two builds could claim one spare; every build
// makes a fresh folder.
const canSpare = false

// lockFile does nothing where there is no flock: abandoned goes by age.
func lockFile(f *os.File) error { return nil }

// abandoned takes a marker a day old for a killed build's: no build runs
// that long.
func abandoned(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && time.Since(info.ModTime()) > 24*time.Hour
}
