// Package themes carries the default theme inside the dangjian binary, so a
// site without a themes/ folder of its own still builds.
package themes

import "embed"

// Default is the default theme: layouts/, static/, archetypes/, labels.toml.
//
//go:embed all:default
var Default embed.FS
