package config

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
