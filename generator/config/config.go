// Package config reads site.toml into a typed Config.
package config

// Config is a site's site.toml.
type Config struct {
	Title       string            `toml:"title"`
	Description string            `toml:"description"`
	BaseURL     string            `toml:"baseURL"`
	Language    string            `toml:"language"` // zh-CN
	Theme       string            `toml:"theme"`    // folder under themes/
	Paginate    int               `toml:"paginate"` // list items per page
	UnsafeHTML  bool              `toml:"unsafe_html"`
	Copyright   string            `toml:"copyright"`
	Menu        []MenuItem        `toml:"menu"`
	Labels      map[string]string `toml:"labels"` // overrides of the theme's translation table
	Params      map[string]any    `toml:"params"`
	Review      Review            `toml:"review"` // publication review settings
	Footer      Footer            `toml:"footer"` // compliance marks (footer.go)
	Deploy      Deploy            `toml:"deploy"`
}

// MenuItem is one entry of the header navigation.
type MenuItem struct {
	Name   string `toml:"name"`
	URL    string `toml:"url"` // site-relative, e.g. /brands/
	Weight int    `toml:"weight"`
}
