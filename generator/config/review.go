package config

// Review is site.toml's [review] section, read by the publication review
// (dangjian review):
//
//	[review]
//	update_days = { news = 14, notices = 180 }
//
// update_days gives, per section folder under content/, how many days may
// pass without a new page before the review warns (stale-section).
type Review struct {
	UpdateDays map[string]int `toml:"update_days"`
}
