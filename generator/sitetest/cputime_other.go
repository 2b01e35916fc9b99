//go:build !unix

package sitetest

import "time"

var started = time.Now()

// CPUTime is the time since the tests began where the CPU time is not at
// hand.
func CPUTime() time.Duration { return time.Since(started) }
