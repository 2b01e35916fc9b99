//go:build unix

package importdocx

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time, user and system, that this process has used:
// what a piece of work costs, however busy the machine is with others.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
