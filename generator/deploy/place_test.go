package deploy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dangjian/generator/diag"
)

// A target from site.toml is whatever someone who edits the site wrote:
// deploy must not put static/authorized_keys into ~/.ssh, a .desktop file
// into ~/.config/autostart or a .bat into Windows' Startup folder, nor mix
// the site into a folder of someone's files.
func TestDeployRefusesPlacesThatAreNotForASite(t *testing.T) {
	home := t.TempDir()
	for _, target := range []string{
		filepath.Join(home, ".ssh"),
		"file://" + filepath.ToSlash(filepath.Join(home, ".config", "autostart")),
		filepath.Join(home, "site", "..", ".ssh"),
		filepath.Join(home, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Startup"),
		"/etc/cron.d",
		"sftp://web@127.0.0.1:1/home/web/.ssh",
	} {
		_, err := Open(context.Background(), target, Config{Home: home})
		var p diag.Problem
		if !errors.As(err, &p) || p.Msg != diag.MsgDeployUnsafePlace {
			t.Errorf("%s: got %v, want MsgDeployUnsafePlace", target, err)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".ssh")); err == nil {
		t.Error("the refused target was made")
	}
	// A link in the site folder to an (empty) .ssh.
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	link := filepath.Join(t.TempDir(), "deploy-here")
	if err := os.Symlink(filepath.Join(home, ".ssh"), link); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), link, Config{Home: home})
	if p := (diag.Problem{}); !errors.As(err, &p) || p.Msg != diag.MsgDeployUnsafePlace {
		t.Errorf("link to .ssh: got %v, want MsgDeployUnsafePlace", err)
	}

	src := filepath.Join(t.TempDir(), "public")
	writeBuild(t, src, map[string]string{"index.html": "x", "authorized_keys": "ssh-ed25519 AAAA attacker"})
	files, err := Scan(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		there map[string]string
		ok    bool
	}{
		{"someone's folder", map[string]string{"notes.txt": "mine", "photos/a.jpg": "x"}, false},
		{"a web site", map[string]string{"index.htm": "old site", "notes.txt": "theirs"}, true},
		{"an IIS site", map[string]string{"Default.aspx": "old site"}, true},
		{"empty", nil, true},
	} {
		dir := filepath.Join(t.TempDir(), "www")
		os.MkdirAll(dir, 0o755)
		for name, body := range c.there {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
			os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
		}
		tg, err := Open(context.Background(), dir, Config{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = MakePlan(context.Background(), files, tg)
		tg.Close()
		var p diag.Problem
		refused := errors.As(err, &p) && p.Msg == diag.MsgDeployNotASite
		if refused == c.ok || !refused && err != nil {
			t.Errorf("%s: got %v, want refused %v", c.name, err, !c.ok)
		}
	}
}
