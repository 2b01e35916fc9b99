//go:build !linux && !darwin

package output

// exchange is not available: Commit moves the old folder aside first.
func exchange(a, b string) error { return errNoExchange }
