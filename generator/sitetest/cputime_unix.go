//go:build unix

package sitetest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time, user and system, that this process has used.
// A test that bounds what some work costs measures this, not the wall
// time, which on a loaded machine (a CI runner, or a shared one at a load
// of 30) is ten times longer and fails bounds the work is far inside.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
