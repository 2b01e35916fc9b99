package config

import (
	"dangjian/generator/textfile"
	"os"
	"path/filepath"
	"regexp"

	"github.com/BurntSushi/toml"

	"dangjian/generator/diag"
)

// Deploy is site.toml's [deploy] section: where `dangjian deploy` sends the
// built site when no target is given on the command line. It never holds a
// secret: for object storage it names the environment variables that do.
type Deploy struct {
	Target string `toml:"target"` // a folder, file:///…, sftp://… or s3://…
	// AccessKeyEnv and SecretKeyEnv name the environment variables holding
	// the object storage's key pair; empty means AWS_ACCESS_KEY_ID and
	// AWS_SECRET_ACCESS_KEY.
	AccessKeyEnv string `toml:"access_key_env"`
	SecretKeyEnv string `toml:"secret_key_env"`
}

// envName is what access_key_env and secret_key_env may hold.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// DeployProblems checks [deploy] of the site.toml in source: the key
// settings must name environment variables, so a key pasted there by
// mistake is refused (and pointed at by line) before it is used or copied.
func DeployProblems(source string, d Deploy) []diag.Problem {
	data, _ := os.ReadFile(filepath.Join(source, FileName))
	data = textfile.UTF8(data)
	var out []diag.Problem
	for _, kv := range [][2]string{{"access_key_env", d.AccessKeyEnv}, {"secret_key_env", d.SecretKeyEnv}} {
		if kv[1] != "" && !envName.MatchString(kv[1]) {
			line := keyLine(data, toml.Key{"deploy", kv[0]})
			out = append(out, diag.New(FileName, line, diag.MsgDeployEnvName, kv[0], kv[1]))
		}
	}
	return out
}
