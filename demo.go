// Package dangjian is the repository root. It holds nothing but the demo
// portal, embedded so that `dangjian init --demo` works from a binary run
// anywhere: content/, site.toml and review/ (the site's own word list, which
// dates the local renaming of 卫生计生委) here are the one copy of the demo,
// which `go run ./cmd/dangjian build` in this folder builds as well.
package dangjian

import "embed"

// Demo is the demo portal: site.toml, content/ (with _index.md files) and
// review/.
//
//go:embed site.toml all:content review
var Demo embed.FS
