package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"dangjian/generator/output"
)

// manifestFile is where Build keeps the list of the files it put in
// opt.Dest (one list per destination folder), for the next build to link
// the unchanged ones (output.Reuse).
func manifestFile(opt Options) string {
	dest, err := filepath.Abs(opt.Dest)
	if err != nil {
		dest = opt.Dest
	}
	sum := sha256.Sum256([]byte(dest))
	return filepath.Join(opt.Source, CacheDir, "output", hex.EncodeToString(sum[:12])+".manifest")
}

// saveCache runs after a successful commit: it records the new output's
// files and drops the markdown results no page of this build asked for. A
// failure only costs the next build time; a manifest that could not be
// written is removed, so no list describes an output it does not match
// (Reuse also checks each file's size and time before linking it).
func (s *Site) saveCache(r *output.Reuse) {
	file := manifestFile(s.Opt)
	if err := r.Manifest().Save(file); err != nil {
		os.Remove(file)
	}
	if s.mdCache != nil {
		s.mdCache.Prune()
	}
	if s.keys != nil {
		s.keys.save()
	}
}
