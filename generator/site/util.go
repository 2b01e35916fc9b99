package site

import (
	"html/template"
	"os"
)

func readFile(path string) func() ([]byte, error) {
	return func() ([]byte, error) { return os.ReadFile(path) }
}

// templateHTML marks the Markdown stage's output as safe: it escaped raw HTML
// itself unless the site allows it.
func templateHTML(b []byte) template.HTML { return template.HTML(b) }
