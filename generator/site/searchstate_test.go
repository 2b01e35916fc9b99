package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchUpdateChecked: a body edit makes the index from the previous
// one (search.Update), equal to a cold build's; the previous index is not
// used when one of its files was changed by hand, when the state file is
// another program's, or when it is an older build's than the index in the
// output.
func TestSearchUpdateChecked(t *testing.T) {
	src := incrSite(t, 40)
	pub := filepath.Join(src, "public")
	incrBuild(t, src, pub, false)
	stateFile := searchStateFile(renderKeysFile(Options{Source: src, Dest: pub}.withDefaults()))
	news := filepath.Join(src, "content/news/n00003.md")
	round := 0
	step := func(name string, wantUpdated bool) {
		t.Helper()
		round++
		editFile(t, news, func(s string) string { return s + fmt.Sprintf("\n\n第%d次增补的一段。\n", round) })
		warm := incrBuild(t, src, pub, false)
		if warm.SearchUpdated != wantUpdated || warm.SearchLinked {
			t.Errorf("%s: search updated %v, linked %v; want updated %v", name, warm.SearchUpdated, warm.SearchLinked, wantUpdated)
		}
		other := filepath.Join(t.TempDir(), "cold")
		incrBuild(t, src, other, true)
		sameTree(t, pub, other)
	}
	step("body edit", true)

	// A list changed by hand in a shard of the output.
	shard := filepath.Join(pub, "search", "t", "0.js")
	data, err := os.ReadFile(shard)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(`","`)) + 3
	if i < 3 {
		t.Fatalf("no list in %s", data)
	}
	// A last digit of a number ('#'…'O') stays one, an earlier one too.
	switch c := data[i]; {
	case c < 'P' && c != '#':
		data[i] = '#'
	case c < 'P':
		data[i] = '$'
	case c != 'P':
		data[i] = 'P'
	default:
		data[i] = 'Q'
	}
	if err := os.WriteFile(shard, data, 0o644); err != nil {
		t.Fatal(err)
	}
	step("shard changed by hand", false)

	// Another program's state (its program key differs).
	state, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(state), "\n")
	lines[1] = strings.Repeat("0", 64)
	writeState(t, stateFile, lines)
	step("another program's state", false)
	step("state back", true)

	// An older build's state beside a newer index: the doc made much
	// longer and back changes every score step twice, so that the older
	// state's average length is the new one while the index in the output
	// has the other (a stale list if the state were used).
	older, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(news)
	editFile(t, news, func(s string) string { return s + strings.Repeat("\n\n很长的补充段落，反复出现。", 400) })
	incrBuild(t, src, pub, false)
	writeFile(t, news, string(orig))
	if err := os.WriteFile(stateFile, older, 0o644); err != nil {
		t.Fatal(err)
	}
	step("older state", false)
}

// writeState writes a state file's lines with a valid checksum.
func writeState(t *testing.T, file string, lines []string) {
	t.Helper()
	var body []string
	for _, l := range lines {
		if strings.HasPrefix(l, "=") {
			break
		}
		body = append(body, l)
	}
	b := strings.Join(body, "\n")
	sum := sha256.Sum256([]byte(b))
	if err := os.WriteFile(file, fmt.Appendf(nil, "%s\n=%x\n", b, sum), 0o644); err != nil {
		t.Fatal(err)
	}
}
