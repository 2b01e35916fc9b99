// Package dangjian is the repository root. It holds nothing but the demo
// portal, embedded so that `dangjian init --demo` works from a binary run
// anywhere: content/ and site.toml here are the one copy of the demo, which
// `go run ./cmd/dangjian build` in this folder builds as well.
package dangjian

import "embed"

// Demo is the demo portal: site.toml and content/ (with _index.md files).
//
//go:embed site.toml all:content
var Demo embed.FS
