//go:build !unix

package importdocx

import "time"

var started = time.Now()

// cpuTime is the time since the tests began where the CPU time is not at
// hand.
func cpuTime() time.Duration { return time.Since(started) }
