package deploy

import (
	"path/filepath"
	"strings"

	"dangjian/generator/diag"
)

// unsafePlace names the part of a target folder (on this machine or an
// SFTP server) where a web site must never go: a hidden folder (.ssh,
// .config …), a start-up folder, or a system folder. The target can come
// from site.toml, which anyone who edits the site can change, and deploy
// writes every file of static/: with target = "~/.ssh" and a file
// static/authorized_keys, or ~/.config/autostart and a .desktop file, or
// Windows' Startup folder and a .bat, one deploy let a contributor log in
// to, or run programs on, the officer's computer or the web server. ""
// when the place is fine.
func unsafePlace(dir string, slash bool) string {
	if !slash {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		// A symbolic link committed to the site's repository (deploy-here
		// → ../../.ssh) is where the files would go.
		if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
			if p := unsafePlace(real, false); p != "" {
				return p
			}
		}
		dir = filepath.ToSlash(dir)
	}
	parts := strings.Split(strings.Trim(dir, "/"), "/")
	for i, p := range parts {
		lp := strings.ToLower(p)
		switch {
		case strings.HasPrefix(p, ".") && p != "." && p != "..":
			return p
		case lp == "autostart", lp == "start menu", lp == "startup", lp == "cron.d", lp == "profile.d", lp == "sudoers.d":
			return p
		case i == 0 && (lp == "etc" || lp == "bin" || lp == "sbin" || lp == "lib" || lp == "lib64" || lp == "boot"):
			// Not /usr: /usr/share/nginx/html is a web root.
			return p
		case i == 1 && strings.HasSuffix(parts[0], ":") && (lp == "windows" || lp == "program files" || lp == "program files (x86)" || lp == "programdata"):
			return p
		}
	}
	return ""
}

// checkPlace refuses a target folder in an unsafePlace.
func checkPlace(shown, dir string, slash bool) error {
	if p := unsafePlace(dir, slash); p != "" {
		return diag.New("", 0, diag.MsgDeployUnsafePlace, shown, p)
	}
	return nil
}

// siteIndexes are the names a web site's home page has on the servers
// officers' IT departments run.
var siteIndexes = []string{"index.html", "index.htm", "default.htm", "default.html", "default.aspx", "default.asp", "index.php", "index.jsp", "index.asp", "index.shtml"}

// notASite reports a target that holds files but neither a manifest
// (checked by the caller) nor a web site's home page: deploying there
// would mix the site's files into someone's documents, a home folder or a
// system folder, replacing those of the same name. An example name is
// returned for the message.
func notASite(remote map[string]int64) (n int, example string, refuse bool) {
	for name := range remote {
		if reserved(name) {
			continue
		}
		for _, idx := range siteIndexes {
			if strings.EqualFold(name, idx) {
				return 0, "", false
			}
		}
		n++
		if example == "" || name < example {
			example = name
		}
	}
	return n, example, n > 0
}
