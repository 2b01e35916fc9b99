// Package archetype makes a new content file from the archetype of its kind:
// the site's archetypes/<kind>.md if it has one, else the theme's. The file is
// a draft dated today, and an existing file is never overwritten.
package archetype

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"dangjian/generator/config"
	"dangjian/generator/content"
	"dangjian/generator/diag"
	"dangjian/generator/theme"
)

// Kinds are the kinds `dangjian new` makes, in the order the usage lists them.
var Kinds = []content.Kind{content.KindUnit, content.KindBrand, content.KindModel, content.KindHonor, content.KindNews}

// Options are the new command's arguments.
type Options struct {
	Source string
	Kind   string // unit | brand | model | honor | news
	Name   string // becomes the file name (spaces → "-") and the title
	Now    time.Time
}

// Data is what an archetype template sees.
type Data struct {
	// Title is the name as given, escaped for a TOML basic string, so an
	// archetype writes title = "{{ .Title }}".
	Title string
	// Date is today as a TOML local date (2025-06-30), written unquoted.
	Date string
	// Slug is the file name without .md: what other pages write in unit = "…".
	Slug string
	Kind string
	// Unit is UnitPlaceholder: new never picks a unit for the officer.
	Unit string
	// Logo is a logo that every site has (the theme's emblem), so that a
	// draft previews with one; left in a published page it is an error.
	Logo string
	// Year is this year, for year fields.
	Year int
}

// DefaultLogo is the theme's emblem, a placeholder logo that always exists.
const DefaultLogo = content.PlaceholderLogo

// UnitPlaceholder is what a new brand or model site names as its unit: a
// placeholder, never a unit of the site. Guessing one would credit the page,
// and its figures, to a unit the officer did not choose; the placeholder is
// an error once the page is published, so it cannot be forgotten.
const UnitPlaceholder = "请填写所属单位（单位的文件名、全称或简称）"

// ErrUsage marks mistakes in the command line (unknown kind, unusable
// name), which the CLI reports with exit status 2.
var ErrUsage = errors.New("usage")

// Problem is an error that carries a message from the catalogue.
type Problem struct {
	diag.Problem
	Usage bool
}

func (p *Problem) Error() string { return p.Problem.Error() }

// Unwrap lets errors.Is(err, ErrUsage) tell usage mistakes apart.
func (p *Problem) Unwrap() error {
	if p.Usage {
		return ErrUsage
	}
	return nil
}

func usage(msg diag.Msg, args ...any) error {
	return &Problem{Problem: diag.New("", 0, msg, args...), Usage: true}
}

func fail(path string, msg diag.Msg, args ...any) error {
	return &Problem{Problem: diag.New(path, 0, msg, args...)}
}

// New writes the file and returns its path relative to opt.Source
// (content/brands/红色引擎.md).
func New(opt Options) (string, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	kind := content.Kind(opt.Kind)
	folder := content.FolderOfKind(kind)
	if folder == "" || kind == content.KindPage {
		return "", usage(diag.MsgNewKind, opt.Kind)
	}
	slug, ok := FileName(opt.Name)
	switch {
	case ok && WindowsReserved(slug):
		return "", usage(diag.MsgNewNameWindows, opt.Name)
	case !ok && strings.TrimSpace(opt.Name) != "" && utf8.ValidString(opt.Name):
		return "", usage(diag.MsgNewNameChars, opt.Name)
	case !ok:
		return "", usage(diag.MsgNewName, opt.Name)
	}
	// A mistyped --source must not grow a new site tree somewhere.
	if info, err := os.Stat(opt.Source); err != nil || !info.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return "", fail(opt.Source, diag.MsgReadFailed, err)
	}
	rel := path.Join("content", folder, slug+".md")
	abs := filepath.Join(opt.Source, filepath.FromSlash(rel))
	if _, err := os.Lstat(abs); err == nil {
		return "", fail("", diag.MsgNewExists, rel)
	}

	cfg, _ := config.Load(opt.Source) // a missing or broken site.toml still has a theme: the default
	th, err := theme.Open(opt.Source, cfg.Theme)
	if err != nil {
		th, err = theme.Open(opt.Source, "default")
		if err != nil {
			return "", err
		}
	}
	arch, ok := th.Lookup("archetypes", string(kind)+".md")
	if !ok {
		return "", fail("", diag.MsgNoArchetype, string(kind)+".md")
	}
	src, err := arch.Read()
	if err != nil {
		return "", fail(arch.Source, diag.MsgReadFailed, err)
	}
	title := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(opt.Name), ".md"))
	data := Data{Title: tomlEscape(title), Date: opt.Now.Format("2006-01-02"), Slug: slug, Kind: string(kind),
		Unit: UnitPlaceholder, Logo: DefaultLogo, Year: opt.Now.Year()}
	out, err := Execute(arch.Source, src, data)
	if err != nil {
		return "", err
	}
	// What the archetype made must read back as a page of its kind, or the
	// officer's first build fails on a file they have not touched yet.
	if _, probs := content.Parse(path.Join(folder, slug+".md"), out); hasErrors(probs) {
		return "", fail(arch.Source, diag.MsgArchetypeBad, arch.Source, probs[0].Format(diag.Chinese))
	}

	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", fail(rel, diag.MsgReadFailed, err)
	}
	// O_EXCL: never overwrite, even a file that appeared since the check above.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fail("", diag.MsgNewExists, rel)
	}
	if err != nil {
		return "", fail(rel, diag.MsgReadFailed, err)
	}
	if _, err := f.Write(out); err != nil {
		f.Close()
		os.Remove(abs)
		return "", fail(rel, diag.MsgReadFailed, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(abs)
		return "", fail(rel, diag.MsgReadFailed, err)
	}
	return rel, nil
}

// Execute runs an archetype template and makes sure the result is a draft
// with a title and a date, whatever a site's own archetype left out.
func Execute(name string, src []byte, data Data) ([]byte, error) {
	tpl, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fail(name, diag.MsgTemplate, err.Error())
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, data); err != nil {
		return nil, fail(name, diag.MsgTemplate, err.Error())
	}
	return ensureFront(b.Bytes(), data), nil
}

// ensureFront adds title, date and draft = true to the front matter when
// the archetype does not set them (a site's archetype may be a bare body).
func ensureFront(out []byte, data Data) []byte {
	text := strings.ReplaceAll(string(out), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	front, body, ok := "", text, false
	if strings.HasPrefix(text, "+++\n") {
		if end := strings.Index(text[4:], "\n+++"); end >= 0 {
			front, body, ok = text[4:4+end+1], strings.TrimPrefix(text[4+end+4:], "\n"), true
		}
	}
	if !ok && strings.HasPrefix(text, "+++") {
		return out // an unclosed front matter: Parse reports it
	}
	var add []string
	for _, kv := range [][2]string{{"title", fmt.Sprintf("%q", data.Title)}, {"date", data.Date}, {"draft", "true"}} {
		if kv[0] == "date" && data.Kind == string(content.KindUnit) {
			continue // a unit is not news: it has no date, and sorts by weight
		}
		if !hasKey(front, kv[0]) {
			add = append(add, kv[0]+" = "+kv[1])
		}
	}
	if len(add) == 0 {
		return out
	}
	return []byte("+++\n" + strings.Join(add, "\n") + "\n" + front + "+++\n" + body)
}

func hasKey(front, key string) bool {
	for _, line := range strings.Split(front, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			return false // keys of [[honors]] tables are not the page's
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == key {
			return true
		}
	}
	return false
}

// FileName turns a name as typed into a file name without .md: spaces
// become "-" (so the URL has none to encode); Chinese stays as it is.
// Characters no file system or URL takes are refused.
func FileName(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if !utf8.ValidString(name) {
		return "", false // a GBK terminal: the name would not survive as UTF-8
	}
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		name = name[:len(name)-3]
	}
	name = strings.Join(strings.Fields(name), "-")
	// A leading dot hides the file; Windows cannot have a trailing one.
	if name == "" || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || name == "_index" {
		return "", false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|#%`, r) {
			return "", false
		}
	}
	return name, true
}

// WindowsReserved reports a name Windows keeps for devices, in any case
// and with any extension: CON, PRN, AUX, NUL, COM0–9, LPT0–9 (and the
// superscript-digit forms COM¹ …). Windows cannot open such a file, nor
// the page's folder in the output.
func WindowsReserved(name string) bool {
	base := strings.ToUpper(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.TrimRight(base, " ")
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) >= 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		switch base[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

// tomlEscape escapes text for the inside of a TOML basic string.
func tomlEscape(s string) string {
	q := fmt.Sprintf("%q", s) // Go's escapes for \ " and controls are valid TOML
	return q[1 : len(q)-1]
}

func hasErrors(ps []diag.Problem) bool {
	for _, p := range ps {
		if p.Severity == diag.Error {
			return true
		}
	}
	return false
}
