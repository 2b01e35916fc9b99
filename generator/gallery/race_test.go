//go:build race

package gallery

// raceEnabled: the race detector makes sync.Pool drop what is put back, so
// what a run allocates says nothing about the code's own allocations.
const raceEnabled = true
