package content

import "dangjian/generator/diag"

// suggest returns the known key closest to key (edit distance at most 2), or
// "" when nothing is close enough to be a typo.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := diag.EditDistance(key, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}
