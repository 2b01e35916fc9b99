// Command gencorpus writes a synthetic party-building portal for benchmarks
// and for trying a theme at scale:
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 -out /tmp/corpus
//
// The same -n and -seed always give the same files. -out must not already
// hold a site.toml or a content folder.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"dangjian/generator/corpus"
)

func main() {
	n := flag.Int("n", 10000, "number of content pages")
	seed := flag.Int64("seed", 1, "random seed")
	out := flag.String("out", "", "folder to write the site into (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n < 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-n 10000] [-seed 1] -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	s, err := corpus.Generate(*out, corpus.Options{Pages: *n, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d files, %.1f MB in %v\n", *out, s.Files, float64(s.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	for _, k := range []string{"news", "brand", "model", "honor", "unit", "section", "image", "config"} {
		fmt.Printf("  %-8s %6d\n", k, s.ByKind[k])
	}
}
