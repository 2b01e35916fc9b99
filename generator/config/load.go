package config

import (
	"bytes"
	"dangjian/generator/textfile"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dangjian/generator/diag"
)

// FileName is the configuration file at the root of a site.
const FileName = "site.toml"

// Defaults fill what site.toml leaves out.
func Defaults() Config {
	return Config{
		Title:    "党建工作网",
		BaseURL:  "/",
		Language: "zh-CN",
		Theme:    "default",
		Paginate: 10,
	}
}

// Load reads <source>/site.toml. Every problem comes back as a diag.Problem
// naming site.toml and the line: bad TOML, wrong types and unknown keys (a
// misspelt key silently dropped is a setting the officer thinks is on).
func Load(source string) (Config, []diag.Problem) {
	data, err := os.ReadFile(filepath.Join(source, FileName))
	if errors.Is(err, os.ErrNotExist) {
		return Defaults(), []diag.Problem{diag.New(FileName, 0, diag.MsgConfigMissing)}
	}
	if err != nil {
		return Defaults(), []diag.Problem{diag.New(FileName, 0, diag.MsgReadFailed, err)}
	}
	return Parse(data)
}

// Parse decodes site.toml's bytes.
func Parse(data []byte) (Config, []diag.Problem) {
	data = textfile.UTF8(data) // Notepad's "Unicode"
	// Saved as "ANSI" (GBK): the decoder called the first Chinese
	// character an invisible control character, to be deleted.
	if !utf8.Valid(data) {
		line, col := textfile.InvalidAt(data)
		return Defaults(), []diag.Problem{diag.New(FileName, line, diag.MsgNotUTF8, col)}
	}
	// Notepad and WPS save CRLF. The decoder counts a string cut by "\r"
	// on the line before, and the usual-slip reader then sees the wrong
	// line: a title closed with Word's ” got "文本缺少结束的半角双引号" at
	// the line above it. Content pages are read the same way (content.Parse).
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	// The decoder skips a byte-order mark, but the slip reader would copy
	// it, invisible, into the line it tells the officer to write.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cfg := Defaults()
	md, err := DecodeTOML(string(data), &cfg)
	if err != nil {
		return Defaults(), []diag.Problem{TOMLProblemSrc(FileName, 0, err, data)}
	}
	var problems []diag.Problem
	for _, key := range md.Undecoded() {
		// params is free-form by design; everything else must be known.
		if len(key) > 0 && key[0] == "params" {
			continue
		}
		line := keyLine(data, key)
		if did := suggestSetting(key); did != "" {
			problems = append(problems, diag.New(FileName, line, diag.MsgConfigUnknownDid, key.String(), did))
			continue
		}
		problems = append(problems, diag.New(FileName, line, diag.MsgConfigUnknown, key.String()))
	}
	problems = append(problems, checkURLs(&cfg, data)...)
	sort.SliceStable(cfg.Menu, func(i, j int) bool { return cfg.Menu[i].Weight < cfg.Menu[j].Weight })
	if cfg.Paginate <= 0 {
		cfg.Paginate = 10
	}
	if cfg.Theme == "" {
		cfg.Theme = "default"
	}
	return cfg, problems
}

// TOMLProblem turns a toml decode error into a problem at the right file line;
// lineOffset is added to the decoder's line (front matter starts below line 1).
func TOMLProblem(path string, lineOffset int, err error) diag.Problem {
	return TOMLProblemSrc(path, lineOffset, err, nil)
}

// keyLine finds the line where the last part of a dotted key is written, a
// good-enough position for an unknown key (toml.MetaData has no positions for
// undecoded keys).
func keyLine(data []byte, key toml.Key) int {
	last := key[len(key)-1]
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, last) {
			rest := strings.TrimSpace(t[len(last):])
			if strings.HasPrefix(rest, "=") {
				return i + 1
			}
		}
		if t == "["+key.String()+"]" || t == "[["+key.String()+"]]" {
			return i + 1
		}
	}
	return 0
}
