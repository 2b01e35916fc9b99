package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// v1 is the first build of the test site: pages (one under a Chinese
// path), assets of each type and a feed.
var v1 = map[string]string{
	"index.html":                   `<link rel="stylesheet" href="/css/main.css"><h1>首页</h1>`,
	"news/a/index.html":            "<h1>动态 A</h1>",
	"news/b/index.html":            "<h1>动态 B</h1>",
	"新闻/党建活动/index.html":           "<h1>党建活动</h1>",
	"css/main.css":                 "body{color:#333}",
	"css/app.0123abcd.css":         "h1{color:red}",
	"js/search.js":                 "console.log(1)",
	"img/emblem.svg":               `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"images/单位/标识.svg":             `<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`,
	"stats.json":                   `{"pages":4}`,
	"index.xml":                    "<rss/>",
	"search/d/0.js":                "var d=[]",
	"big/blob.bin":                 strings.Repeat("0123456789", 40000),
	"gallery/status/示范/index.html": "<h1>示范</h1>",
}

// writeBuild writes files as a built folder, with the build's marker.
func writeBuild(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	os.RemoveAll(dir)
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, output.Marker), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// contents reads every file a target holds, except dangjian's own.
func contents(t *testing.T, tg Target) map[string]string {
	t.Helper()
	ctx := context.Background()
	list, err := tg.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name := range list {
		if reserved(name) {
			continue
		}
		data, err := tg.Get(ctx, name)
		if err != nil {
			t.Fatal(name, err)
		}
		out[name] = string(data)
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != v {
			diffs = append(diffs, "differs "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra "+k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("target differs from the build: %v", diffs)
	}
}

func deployOnce(t *testing.T, dir string, tg Target) (*Plan, Result) {
	t.Helper()
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := MakePlan(ctx, files, tg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(ctx, p, tg, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

func uploaded(p *Plan) []string {
	var out []string
	for _, f := range p.Upload {
		out = append(out, f.Path)
	}
	sort.Strings(out)
	return out
}

// failing lets the first n uploads through, then fails, as a dropped
// connection would.
type failing struct {
	Target
	n int
}

var errDropped = errors.New("connection dropped")

func (f *failing) Put(ctx context.Context, name string, body io.Reader, size int64, m Meta) error {
	if name != PendingName {
		if f.n == 0 {
			return errDropped
		}
		f.n--
	}
	return f.Target.Put(ctx, name, body, size, m)
}

// runTargetTests runs the tests every target must pass. open gives a fresh,
// empty target each time it is called with a new name.
func runTargetTests(t *testing.T, open func(t *testing.T, name string) Target) {
	t.Run("deploy, again, edit and delete", func(t *testing.T) {
		tg := open(t, "cycle")
		dir := filepath.Join(t.TempDir(), "public")
		writeBuild(t, dir, v1)

		p, res := deployOnce(t, dir, tg)
		if len(p.Upload) != len(v1) || res.Uploaded != len(v1) || p.Unchanged != 0 || len(p.Delete) != 0 {
			t.Fatalf("first deploy: upload %d (sent %d), unchanged %d, delete %d; want %d, 0, 0", len(p.Upload), res.Uploaded, p.Unchanged, len(p.Delete), len(v1))
		}
		sameFiles(t, contents(t, tg), v1)

		p, res = deployOnce(t, dir, tg)
		if len(p.Upload) != 0 || res.Uploaded != 0 || len(p.Delete) != 0 || p.Unchanged != len(v1) {
			t.Fatalf("second deploy sent %v, deleted %v; want nothing", uploaded(p), p.Delete)
		}

		v2 := copyMap(v1)
		v2["news/a/index.html"] = "<h1>动态 A（更正）</h1>"
		v2["新闻/党建活动/index.html"] = "<h1>党建活动（更新）</h1>"
		delete(v2, "news/b/index.html")
		delete(v2, "images/单位/标识.svg")
		writeBuild(t, dir, v2)
		p, res = deployOnce(t, dir, tg)
		if got, want := strings.Join(uploaded(p), ","), "news/a/index.html,新闻/党建活动/index.html"; got != want {
			t.Errorf("edit sent %s, want %s", got, want)
		}
		if got, want := strings.Join(p.Delete, ","), "images/单位/标识.svg,news/b/index.html"; got != want {
			t.Errorf("edit deleted %s, want %s", got, want)
		}
		if res.Uploaded != 2 || res.Deleted != 2 || p.Unchanged != len(v2)-2 {
			t.Errorf("edit: result %+v, unchanged %d", res, p.Unchanged)
		}
		sameFiles(t, contents(t, tg), v2)
	})

	t.Run("interrupted deploy is completed by the next", func(t *testing.T) {
		tg := open(t, "interrupted")
		dir := filepath.Join(t.TempDir(), "public")
		writeBuild(t, dir, v1)
		deployOnce(t, dir, tg)

		v2 := map[string]string{}
		for k, v := range v1 {
			v2[k] = v + " v2"
		}
		v2["news/c/index.html"] = "<h1>new</h1>"
		delete(v2, "news/b/index.html")
		writeBuild(t, dir, v2)
		files, err := Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		p, err := MakePlan(ctx, files, tg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Apply(ctx, p, &failing{Target: tg, n: 5}, Options{Workers: 1}); !errors.Is(err, errDropped) {
			t.Fatalf("interrupted deploy: err %v", err)
		}
		// Each file is the old or the new version, never anything else.
		got := contents(t, tg)
		var newer int
		for name, body := range got {
			switch body {
			case v1[name]:
			case v2[name]:
				newer++
			default:
				t.Errorf("%s is neither version: %q", name, body)
			}
		}
		if newer != 5 {
			t.Errorf("%d files new after 5 uploads", newer)
		}

		// The officer reverts one of the files already sent, rebuilds and
		// deploys: the manifest still has that file's old hash, but the
		// target has the new bytes; the next deploy must notice.
		first := p.Upload[0].Path
		v3 := copyMap(v2)
		v3[first] = v1[first]
		writeBuild(t, dir, v3)
		p, _ = deployOnce(t, dir, tg)
		if len(p.Upload) == 0 || uploaded(p)[0] == "" {
			t.Fatal("nothing sent after an interrupted deploy")
		}
		sameFiles(t, contents(t, tg), v3)
		if _, err := tg.Get(ctx, PendingName); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("pending record left after a complete deploy: %v", err)
		}
		p, _ = deployOnce(t, dir, tg)
		if len(p.Upload)+len(p.Delete) != 0 {
			t.Errorf("deploy after completion sent %v deleted %v", uploaded(p), p.Delete)
		}
	})

	t.Run("small deploys go to journals", func(t *testing.T) {
		tg := open(t, "journal")
		ctx := context.Background()
		dir := filepath.Join(t.TempDir(), "public")
		site := copyMap(v1)
		for i := 0; i < 30; i++ {
			site[fmt.Sprintf("news/n%03d/index.html", i)] = fmt.Sprintf("<h1>动态 %d</h1>", i)
		}
		writeBuild(t, dir, site)
		deployOnce(t, dir, tg)
		base, err := tg.Get(ctx, ManifestName)
		if err != nil {
			t.Fatal(err)
		}
		for round := 1; round <= maxJournals+2; round++ {
			name := fmt.Sprintf("news/n%03d/index.html", round)
			site[name] += fmt.Sprintf(" 更正 %d", round)
			gone := fmt.Sprintf("news/n%03d/index.html", 15+round)
			delete(site, gone)
			writeBuild(t, dir, site)
			p, _ := deployOnce(t, dir, tg)
			if got := strings.Join(uploaded(p), ","); got != name || strings.Join(p.Delete, ",") != gone {
				t.Fatalf("round %d sent %s, deleted %v; want %s, %s", round, got, p.Delete, name, gone)
			}
			if round >= maxJournals {
				sameFiles(t, contents(t, tg), site)
			}
			now, err := tg.Get(ctx, ManifestName)
			if err != nil {
				t.Fatal(err)
			}
			// The manifest is rewritten only when the journals are full.
			if rewritten := string(now) != string(base); rewritten != (round == maxJournals+1) {
				t.Errorf("round %d: manifest rewritten %v", round, rewritten)
			}
			base = now
			p, _ = deployOnce(t, dir, tg)
			if len(p.Upload)+len(p.Delete) != 0 {
				t.Fatalf("round %d: deploy again sent %v, deleted %v", round, uploaded(p), p.Delete)
			}
		}
		// Journals of the generation before the rewrite are gone; the
		// current generation has one.
		list, _ := tg.List(ctx)
		var journals []string
		for name := range list {
			if strings.HasPrefix(name, journalPrefix) {
				journals = append(journals, name)
			}
		}
		if len(journals) != 1 {
			t.Errorf("journals at the target: %v", journals)
		}

		// A damaged journal: nothing is trusted, everything checked by hash.
		if err := tg.Put(ctx, journals[0], strings.NewReader("{"), 1, Meta{}); err != nil {
			t.Fatal(err)
		}
		site["index.html"] += " v3"
		writeBuild(t, dir, site)
		p, _ := deployOnce(t, dir, tg)
		if got := strings.Join(uploaded(p), ","); got != "index.html" || len(p.Warnings) != 1 {
			t.Errorf("after a damaged journal sent %s, warnings %v", got, p.Warnings)
		}
		sameFiles(t, contents(t, tg), site)
	})

	t.Run("no manifest: compare by hash, leave foreign files", func(t *testing.T) {
		tg := open(t, "nomanifest")
		ctx := context.Background()
		// Someone copied part of the site by hand, plus a file of theirs.
		for _, name := range []string{"index.html", "css/main.css", "新闻/党建活动/index.html"} {
			if err := tg.Put(ctx, name, strings.NewReader(v1[name]), int64(len(v1[name])), Meta{}); err != nil {
				t.Fatal(err)
			}
		}
		stale := "<h1>old</h1>"
		for name, body := range map[string]string{"news/a/index.html": stale, "其他/备案.txt": "不是本网站的文件"} {
			if err := tg.Put(ctx, name, strings.NewReader(body), int64(len(body)), Meta{}); err != nil {
				t.Fatal(err)
			}
		}
		dir := filepath.Join(t.TempDir(), "public")
		writeBuild(t, dir, v1)
		p, _ := deployOnce(t, dir, tg)
		if p.Unchanged != 3 || len(p.Upload) != len(v1)-3 || p.Foreign != 1 || len(p.Delete) != 0 {
			t.Fatalf("unchanged %d, upload %d, foreign %d, delete %v; want 3, %d, 1, none", p.Unchanged, len(p.Upload), p.Foreign, p.Delete, len(v1)-3)
		}
		want := copyMap(v1)
		want["其他/备案.txt"] = "不是本网站的文件"
		sameFiles(t, contents(t, tg), want)
	})
}

func TestFolderTarget(t *testing.T) {
	runTargetTests(t, func(t *testing.T, name string) Target {
		tg, err := Open(context.Background(), filepath.Join(t.TempDir(), name), Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { tg.Close() })
		return tg
	})
}

func TestFileURLTarget(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "网站")
	tg, err := Open(context.Background(), "file://"+filepath.ToSlash(dir), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, v1)
	deployOnce(t, src, tg)
	if _, err := os.Stat(filepath.Join(dir, "新闻", "党建活动", "index.html")); err != nil {
		t.Fatal(err)
	}
}

// A hostile or damaged target can write anything into the manifest; paths
// leaving the root must neither be deleted nor written.
func TestHostileManifest(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "site")
	outside := filepath.Join(base, "keep.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	m := `{"generator":"dangjian","version":1,"files":{"../keep.txt":{"size":4,"sha256":"x"},"/etc/hostname":{"size":1,"sha256":"x"},"a/../../keep.txt":{"size":1,"sha256":"x"},"news\\..\\..\\keep.txt":{"size":1,"sha256":"x"}}}`
	if err := os.WriteFile(filepath.Join(root, ManifestName), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	pend := `{"paths":["../keep.txt","ok/../../keep.txt"]}`
	if err := os.WriteFile(filepath.Join(root, PendingName), []byte(pend), 0o644); err != nil {
		t.Fatal(err)
	}
	// A symbolic link planted at the target pointing outside it.
	if err := os.Symlink(base, filepath.Join(root, "news")); err != nil {
		t.Fatal(err)
	}
	tg, err := Open(context.Background(), root, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, map[string]string{"index.html": "x", "news/a/index.html": "y"})
	files, err := Scan(src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := MakePlan(context.Background(), files, tg)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Delete) != 0 {
		t.Errorf("plan deletes %v", p.Delete)
	}
	if len(p.Warnings) != 6 {
		t.Errorf("%d warnings, want 6: %v", len(p.Warnings), p.Warnings)
	}
	_, err = Apply(context.Background(), p, tg, Options{})
	if err == nil {
		t.Error("writing through a symbolic link that leaves the target succeeded")
	}
	if data, err := os.ReadFile(outside); err != nil || string(data) != "keep" {
		t.Errorf("file outside the target: %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(base, "a")); err == nil {
		t.Error("a file was written outside the target")
	}
}

func TestScanRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
	_, err := Scan(dir)
	var p diag.Problem
	if !errors.As(err, &p) || p.Msg != diag.MsgDeployNotBuilt {
		t.Fatalf("Scan of a folder without the marker: %v", err)
	}
	_, err = Scan(filepath.Join(dir, "missing"))
	if !errors.As(err, &p) || p.Msg != diag.MsgDeployNoBuild {
		t.Fatalf("Scan of a missing folder: %v", err)
	}
}

// A folder built with drafts (build --drafts, for looking at on the
// officer's computer) is refused by deploy and package alike, naming them.
func TestDraftsBuildRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	writeBuild(t, dir, map[string]string{"index.html": "x", output.DraftsNote: "content/news/a.md\ncontent/brands/b.md\n"})
	for name, try := range map[string]func() error{
		"deploy":  func() error { _, err := Scan(dir); return err },
		"package": func() error { _, err := Package(dir, filepath.Join(t.TempDir(), "site.zip")); return err },
	} {
		err := try()
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployDrafts {
			t.Fatalf("%s of a drafts build: %v", name, err)
		}
		if got := p.Format(diag.Chinese); !strings.Contains(got, "含 2 篇草稿（content/news/a.md、content/brands/b.md）") {
			t.Errorf("%s: %s", name, got)
		}
	}
	os.Remove(filepath.Join(dir, output.DraftsNote))
	if _, err := Scan(dir); err != nil {
		t.Errorf("the same folder without drafts: %v", err)
	}
}

func TestSafePath(t *testing.T) {
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{"index.html", true},
		{"新闻/党建活动/index.html", true},
		{"tags/三会一课/page/2/index.html", true},
		{"", false},
		{"..", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/./b", false},
		{"/etc/passwd", false},
		{"a//b", false},
		{"a/", false},
		{`a\..\b`, false},
		{"a\nb", false},
		{"a\x00b", false},
		{"\xff.html", false},
	} {
		if got := safePath(c.path); got != c.ok {
			t.Errorf("safePath(%q) = %v, want %v", c.path, got, c.ok)
		}
	}
}

func TestHeaders(t *testing.T) {
	for _, c := range []struct{ name, ctype, cache string }{
		{"index.html", "text/html; charset=utf-8", cachePage},
		{"css/main.css", "text/css; charset=utf-8", cacheDefault},
		{"css/main.0123abcd.css", "text/css; charset=utf-8", cacheImmutable},
		{"js/search.js", "text/javascript; charset=utf-8", cacheDefault},
		{"img/emblem.svg", "image/svg+xml", cacheDefault},
		{"stats.json", "application/json", cachePage},
		{"index.xml", "application/xml; charset=utf-8", cachePage},
		{"big/blob.bin", "application/octet-stream", cacheDefault},
	} {
		if got := ContentType(c.name); got != c.ctype {
			t.Errorf("ContentType(%s) = %s, want %s", c.name, got, c.ctype)
		}
		if got := CacheControl(c.name); got != c.cache {
			t.Errorf("CacheControl(%s) = %s, want %s", c.name, got, c.cache)
		}
	}
}

// Assets go before the pages that use them, feeds after the pages they list.
func TestUploadOrder(t *testing.T) {
	tg, err := Open(context.Background(), t.TempDir(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, v1)
	files, _ := Scan(src)
	p, err := MakePlan(context.Background(), files, tg)
	if err != nil {
		t.Fatal(err)
	}
	last := 0
	for _, f := range p.Upload {
		if ph := phase(f.Path); ph < last {
			t.Fatalf("%s (phase %d) after phase %d: %v", f.Path, ph, last, uploaded(p))
		} else {
			last = ph
		}
	}
	if last != 2 {
		t.Fatal("no feed in the plan")
	}
}

func TestProgress(t *testing.T) {
	tg, err := Open(context.Background(), t.TempDir(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, v1)
	files, _ := Scan(src)
	p, _ := MakePlan(context.Background(), files, tg)
	var calls []Progress
	slow := slowTarget{Target: tg}
	_, err = Apply(context.Background(), p, slow, Options{Workers: 1, ProgressEvery: 1, OnProgress: func(p Progress) { calls = append(calls, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 {
		t.Fatal("no progress reported")
	}
	for _, c := range calls {
		if c.TotalFiles != len(v1) || c.TotalBytes != p.UploadBytes || c.Files > c.TotalFiles {
			t.Fatalf("progress %+v", c)
		}
	}
}

type slowTarget struct{ Target }

func (s slowTarget) Put(ctx context.Context, name string, body io.Reader, size int64, m Meta) error {
	time.Sleep(time.Millisecond) // let the ticker run
	return s.Target.Put(ctx, name, body, size, m)
}

// A tampered manifest costs a bounded amount to read: the manifest, its
// journals and the pending list together are read up to maxGet, over it
// the deploy checks each file by hash (as for a manifest that is not one)
// instead of failing or parsing gigabytes, and a manifest of a million
// unsafe paths gives a few warnings, not a million lines.
func TestHostileManifestIsBounded(t *testing.T) {
	old := maxGet
	maxGet = 8 << 10
	t.Cleanup(func() { maxGet = old })

	const gen = "0123456789abcdef"
	entries := func(n int, prefix string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"%s%d":{"size":1,"sha256":"x"}`, prefix, i)
		}
		return b.String()
	}
	cases := []struct {
		name    string
		files   map[string]string
		bad     string // the file named by the bad-manifest warning
		unsafe  int    // unsafe-path warnings
		more    bool   // the "N more" warning
		deletes int
		listed  int // maxListed for the case; 0: as it is
	}{
		// Paths are counted as they are decoded, all files together, up
		// to maxListed: a 64 MB manifest of 5.6 million made-up paths
		// took 1.5 GB and two minutes to plan.
		{name: "manifest naming more paths than a target holds", listed: 50,
			files: map[string]string{ManifestName: `{"generator":"dangjian","version":1,"files":{` + entries(51, "old/") + `}}`},
			bad:   ManifestName},
		{name: "manifest naming as many paths as a target holds", listed: 50,
			files:   map[string]string{ManifestName: `{"generator":"dangjian","version":1,"files":{` + entries(50, "old/") + `}}`},
			deletes: 50},
		{name: "journal deletions over the count", listed: 50,
			files: map[string]string{
				ManifestName:        `{"generator":"dangjian","version":1,"gen":"` + gen + `","files":{` + entries(30, "old/") + `}}`,
				journalName(gen, 1): `{"generator":"dangjian","del":["` + strings.Repeat(`a","`, 20) + `b"]}`,
			},
			bad: journalName(gen, 1)},
		{name: "pending list over the count", listed: 50,
			files: map[string]string{
				ManifestName: `{"generator":"dangjian","version":1,"files":{"old/a":{"size":1,"sha256":"x"}}}`,
				PendingName:  `{"paths":["` + strings.Repeat(`a","`, 49) + `b"]}`,
			},
			bad: PendingName, deletes: 1},
		{name: "many unsafe paths",
			files:  map[string]string{ManifestName: `{"generator":"dangjian","version":1,"files":{` + entries(100, "../") + `}}`},
			unsafe: maxUnsafeShown, more: true},
		{name: "manifest over the limit",
			files: map[string]string{ManifestName: `{"generator":"dangjian","version":1,"files":{` + entries(400, "old/") + `}}`},
			bad:   ManifestName},
		{name: "journals over the limit together",
			files: map[string]string{
				ManifestName:        `{"generator":"dangjian","version":1,"gen":"` + gen + `","files":{` + entries(100, "old/") + `}}`,
				journalName(gen, 1): `{"generator":"dangjian","set":{` + entries(100, "j1/") + `}}`,
				journalName(gen, 2): `{"generator":"dangjian","set":{` + entries(100, "j2/") + `}}`,
			},
			bad: journalName(gen, 2)},
		{name: "pending list over the limit",
			files: map[string]string{
				ManifestName: `{"generator":"dangjian","version":1,"files":{"old/a":{"size":1,"sha256":"x"}}}`,
				PendingName:  `{"paths":["` + strings.Repeat("x", 9<<10) + `"]}`,
			},
			bad: PendingName, deletes: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.listed > 0 {
				old := maxListed
				maxListed = c.listed
				t.Cleanup(func() { maxListed = old })
			}
			root := t.TempDir()
			for name, data := range c.files {
				if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			tg, err := Open(context.Background(), root, Config{})
			if err != nil {
				t.Fatal(err)
			}
			defer tg.Close()
			src := filepath.Join(t.TempDir(), "public")
			writeBuild(t, src, map[string]string{"index.html": "x"})
			files, err := Scan(src)
			if err != nil {
				t.Fatal(err)
			}
			p, err := MakePlan(context.Background(), files, tg)
			if err != nil {
				t.Fatalf("plan failed: %v", err)
			}
			bad, unsafe, more := "", 0, false
			for _, w := range p.Warnings {
				switch w.Msg {
				case diag.MsgDeployBadManifest:
					bad = w.Args[0].(string)
				case diag.MsgDeployUnsafePath:
					unsafe++
				case diag.MsgDeployUnsafeMore:
					more = true
				}
			}
			if bad != c.bad || unsafe != c.unsafe || more != c.more || len(p.Delete) != c.deletes {
				t.Errorf("bad manifest %q, %d unsafe, more %v, deletes %v; want %q, %d, %v, %d\n%v",
					bad, unsafe, more, p.Delete, c.bad, c.unsafe, c.more, c.deletes, p.Warnings)
			}
			if len(p.Upload) != 1 {
				t.Errorf("uploads %v", uploaded(p))
			}
		})
	}
}
