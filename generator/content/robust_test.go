package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/generator/diag"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadWithin runs Load but fails the test instead of hanging forever.
func loadWithin(t *testing.T, dir string, d time.Duration) (*Site, []diag.Problem) {
	t.Helper()
	type result struct {
		s  *Site
		ps []diag.Problem
	}
	done := make(chan result, 1)
	go func() {
		s, ps := Load(dir)
		done <- result{s, ps}
	}()
	select {
	case r := <-done:
		return r.s, r.ps
	case <-time.After(d):
		t.Fatalf("Load(%s) did not return within %s", dir, d)
		return nil, nil
	}
}

func findProblem(ps []diag.Problem, path string, msg diag.Msg) *diag.Problem {
	for i := range ps {
		if ps[i].Path == path && ps[i].Msg == msg {
			return &ps[i]
		}
	}
	return nil
}

func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "news", "a.md"), "+++\ntitle = \"a\"\ndate = 2024-01-01\n+++\n")
	// news/again → news (a loop through a folder on the path) and a link to itself.
	if err := os.Symlink(filepath.Join(dir, "news"), filepath.Join(dir, "news", "again")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "news", "self")); err != nil {
		t.Fatal(err)
	}
	s, ps := loadWithin(t, dir, 10*time.Second)
	if len(s.Pages) != 1 {
		t.Errorf("%d pages, want 1 (the loop must not read a.md twice)", len(s.Pages))
	}
	for _, name := range []string{"content/news/again", "content/news/self"} {
		if findProblem(ps, name, diag.MsgSymlinkLoop) == nil {
			t.Errorf("no loop reported for %s: %v", name, ps)
		}
	}
}

// A symbolic link out of content/ (to a file or a folder) is never read:
// the officer's site must not publish /etc/passwd or a private folder.
func TestSymlinkOutsideNotRead(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	secret := filepath.Join(root, "private")
	writeFile(t, filepath.Join(secret, "salary.md"), "+++\ntitle = \"工资表\"\n+++\n机密\n")
	writeFile(t, filepath.Join(dir, "units", "a.md"), "+++\ntitle = \"a\"\n+++\n")
	if err := os.Symlink(filepath.Join(secret, "salary.md"), filepath.Join(dir, "units", "salary.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "private")); err != nil {
		t.Fatal(err)
	}
	s, ps := loadWithin(t, dir, 10*time.Second)
	for _, p := range s.Pages {
		if p.Title == "工资表" || strings.Contains(string(p.Body), "机密") {
			t.Fatalf("read a file outside content/: %s", p.Path)
		}
	}
	for _, a := range s.Assets {
		if strings.Contains(a.Rel, "salary") {
			t.Fatalf("listed a file outside content/: %s", a.Rel)
		}
	}
	for _, name := range []string{"content/units/salary.md", "content/private"} {
		if findProblem(ps, name, diag.MsgOutsideContent) == nil {
			t.Errorf("not reported: %s in %v", name, ps)
		}
	}
}

// A link inside content/ is followed (officers share one picture folder).
func TestSymlinkInsideFollowed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "shared", "x.md"), "+++\ntitle = \"共享\"\n+++\n")
	if err := os.Symlink(filepath.Join(dir, "shared", "x.md"), filepath.Join(dir, "y.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s, ps := loadWithin(t, dir, 10*time.Second)
	if len(s.Pages) != 2 || len(ps) != 0 {
		t.Fatalf("pages %d, problems %v", len(s.Pages), ps)
	}
}

func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "news", "locked.md")
	writeFile(t, path, "+++\ntitle = \"x\"\ndate = 2024-01-01\n+++\n")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(path, 0o644)
	if _, err := os.ReadFile(path); err == nil {
		t.Skip("chmod 000 does not stop this user reading (running as root): cannot make an unreadable file")
	}
	_, ps := loadWithin(t, dir, 10*time.Second)
	p := findProblem(ps, "content/news/locked.md", diag.MsgReadFailed)
	if p == nil || p.Severity != diag.Error {
		t.Fatalf("no error for the unreadable file: %v", ps)
	}
	if msg := p.Format(diag.Chinese); !strings.HasPrefix(msg, "content/news/locked.md") {
		t.Errorf("message %q does not start with the path", msg)
	}
}

// Windows editors: a BOM and CRLF line endings load like any file, with the
// right lines in messages; GBK (old Notepad) is named as not UTF-8.
func TestLoadEncodings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "units", "crlf.md"), "\ufeff+++\r\ntitle = \"市人民医院\"\r\nmembers = 80\r\nbranches = \"五个\"\r\n+++\r\n## 概况\r\n正文\r\n")
	// "+++\ntitle = \"党建\"\n+++\n正文" in GBK.
	writeFile(t, filepath.Join(dir, "news", "gbk.md"), "+++\ntitle = \"\xb5\xb3\xbd\xa8\"\ndate = 2024-01-01\n+++\n\xd5\xfd\xce\xc4\n")
	s, ps := loadWithin(t, dir, 10*time.Second)
	var crlf *Page
	for _, p := range s.Pages {
		if p.Path == "content/units/crlf.md" {
			crlf = p
		}
	}
	if crlf == nil || crlf.Title != "市人民医院" || crlf.Unit.Members != 80 || crlf.BodyLine != 6 || strings.Contains(string(crlf.Body), "\r") {
		t.Fatalf("CRLF+BOM page: %+v", crlf)
	}
	if p := findProblem(ps, "content/units/crlf.md", diag.MsgFieldType); p == nil || p.Line != 4 {
		t.Errorf("branches error on the wrong line: %v", ps)
	}
	p := findProblem(ps, "content/news/gbk.md", diag.MsgNotUTF8)
	if p == nil || p.Severity != diag.Error {
		t.Fatalf("GBK not reported: %v", ps)
	}
	if msg := p.Format(diag.Chinese); !strings.Contains(msg, "content/news/gbk.md") || !strings.Contains(msg, "UTF-8") {
		t.Errorf("message %q", msg)
	}
	if msg := p.Format(diag.English); !strings.Contains(msg, "not UTF-8") || !strings.Contains(msg, "save it as UTF-8") {
		t.Errorf("English message %q", msg)
	}
}

// A link whose target was moved or deleted is named as such, not as a loop.
func TestSymlinkDangling(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "gone.svg"), filepath.Join(dir, "logo.svg")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, ps := loadWithin(t, dir, 10*time.Second)
	if len(ps) != 1 || ps[0].Msg != diag.MsgSymlinkDangling || ps[0].Path != "content/logo.svg" {
		t.Fatalf("problems %v", ps)
	}
}

// A page, script or server configuration dropped into content/ was copied
// to the output as it was: an .html or .xml file ran its scripts on the
// portal's address despite unsafe_html = false, and a .php, .asp or
// web.config ran on the server. Each is an error naming the file; pictures
// and attachments are still assets.
func TestActiveFilesRefused(t *testing.T) {
	dir := t.TempDir()
	refused := []string{"images/a.html", "files/b.HTM", "c.xhtml", "d.xml", "e.svgz", "f.php", "g.ASPX", "h.jsp", "i.shtml", "web.config", "j.mht", "k.hta"}
	kept := []string{"images/a.png", "images/b.svg", "files/方案.pdf", "files/表.xlsx", "files/包.zip", "files/说明.txt", "files/html.pdf"}
	for _, f := range append(append([]string{}, refused...), kept...) {
		writeFile(t, filepath.Join(dir, f), "<script>alert(1)</script>")
	}
	s, ps := loadWithin(t, dir, 10*time.Second)
	for _, f := range refused {
		p := findProblem(ps, "content/"+f, diag.MsgActiveFile)
		if p == nil || p.Severity != diag.Error {
			t.Errorf("%s: not refused (%v)", f, ps)
		}
	}
	have := map[string]bool{}
	for _, a := range s.Assets {
		have[a.Rel] = true
	}
	for _, f := range refused {
		if have[f] {
			t.Errorf("%s is an asset", f)
		}
	}
	for _, f := range kept {
		if !have[f] {
			t.Errorf("%s is not an asset", f)
		}
	}
	if len(ps) != len(refused) {
		t.Errorf("%d problems, want %d: %v", len(ps), len(refused), ps)
	}
}
