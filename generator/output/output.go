// Package output is where a build's files go: a folder on disk that is swapped
// in atomically (build), or memory (serve). Paths are slash-separated and
// relative to the site root, e.g. "brands/a/index.html".
package output

// Writer receives the files of a build. Implementations are safe for
// concurrent use: pages are rendered in parallel. Like io.Writer's Write,
// WriteFile does not keep data once it returns: the caller may make its
// next file in the same buffer. An implementation that keeps the bytes
// (Memory) copies them.
type Writer interface {
	WriteFile(path string, data []byte) error
}
