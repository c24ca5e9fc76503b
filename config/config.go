// Package config loads briefbot's configuration for "bot serve": command-line
// flags, an optional YAML file, and environment variables that override it.
// Secrets come only from the environment or from files named by *_FILE
// variables, and are held in a Secret, which never prints.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Secret is a credential. It prints and logs as a redaction marker; call
// Reveal to use it.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString redacts the secret in %#v.
func (s Secret) GoString() string { return s.String() }

// LogValue redacts the secret in logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText redacts the secret in JSON and YAML output.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Slack configures the Slack adapter.
type Slack struct {
	BotToken      Secret // SLACK_BOT_TOKEN (xoxb-…)
	AppToken      Secret // SLACK_APP_TOKEN (xapp-…): Socket Mode when set
	SigningSecret Secret // SLACK_SIGNING_SECRET: HTTP endpoints when set
	APIURL        string // SLACK_API_URL: Slack's own when empty
	Admins        []string
}

// Enabled reports whether Slack credentials are present.
func (s Slack) Enabled() bool { return s.BotToken != "" }

// Discord configures the Discord adapter.
type Discord struct {
	BotToken    Secret // DISCORD_BOT_TOKEN: gateway when set
	PublicKey   string // DISCORD_PUBLIC_KEY (hex): HTTP interactions when set
	AppID       string // DISCORD_APP_ID
	APIURL      string // DISCORD_API_URL: Discord's own when empty
	GuildID     string // DISCORD_GUILD_ID: register commands for one guild only
	ShardID     int    // DISCORD_SHARD_ID
	ShardCount  int    // DISCORD_SHARD_COUNT
	ManagerRole string // DISCORD_MANAGER_ROLE: a role allowed to manage digests
}

// Enabled reports whether Discord credentials are present.
func (d Discord) Enabled() bool { return d.BotToken != "" || d.PublicKey != "" }

// Config is the whole configuration of a running bot.
type Config struct {
	HTTPAddr    string   // BRIEFBOT_HTTP_ADDR
	DataDir     string   // BRIEFBOT_DATA_DIR
	DatabaseURL Secret   // DATABASE_URL: PostgreSQL when set, else SQLite under DataDir
	APIToken    Secret   // BRIEFBOT_API_TOKEN: bearer token for the JSON API, optional
	Articles    []string // --article: files preloaded at start
	LogFormat   string   // --log-format: text or json
	LogLevel    slog.Level
	Slack       Slack
	Discord     Discord
}

// Default values.
const (
	DefaultHTTPAddr = "127.0.0.1:8080"
	DefaultDataDir  = "data"
)

// ErrHelp is returned by Load when the user asked for help.
var ErrHelp = flag.ErrHelp

// Load reads the configuration of "bot serve" from its arguments and the
// environment (looked up through getenv). Usage errors go to stderr.
func Load(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Func("article", "preload an article `file` (repeatable)", func(s string) error {
		c.Articles = append(c.Articles, s)
		return nil
	})
	fs.StringVar(&c.LogFormat, "log-format", "text", "log format: text or json")
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := c.LogLevel.UnmarshalText([]byte(*level)); err != nil {
		return Config{}, fmt.Errorf("--log-level: %w", err)
	}
	c.HTTPAddr = or(getenv("BRIEFBOT_HTTP_ADDR"), DefaultHTTPAddr)
	c.DataDir = or(getenv("BRIEFBOT_DATA_DIR"), DefaultDataDir)
	var errs []error
	secret := func(name string) Secret {
		v, err := readSecret(name, getenv)
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	c.DatabaseURL = secret("DATABASE_URL")
	c.APIToken = secret("BRIEFBOT_API_TOKEN")
	c.Slack = Slack{
		BotToken:      secret("SLACK_BOT_TOKEN"),
		AppToken:      secret("SLACK_APP_TOKEN"),
		SigningSecret: secret("SLACK_SIGNING_SECRET"),
		APIURL:        getenv("SLACK_API_URL"),
	}
	c.Discord = Discord{
		BotToken:    secret("DISCORD_BOT_TOKEN"),
		PublicKey:   strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
		AppID:       getenv("DISCORD_APP_ID"),
		APIURL:      getenv("DISCORD_API_URL"),
		GuildID:     getenv("DISCORD_GUILD_ID"),
		ManagerRole: getenv("DISCORD_MANAGER_ROLE"),
	}
	for name, dst := range map[string]*int{"DISCORD_SHARD_ID": &c.Discord.ShardID, "DISCORD_SHARD_COUNT": &c.Discord.ShardCount} {
		if v := getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				errs = append(errs, fmt.Errorf("%s: %q is not a non-negative whole number", name, v))
			}
			*dst = n
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	return c, c.Validate()
}

// Validate checks the configuration and names the setting at fault.
func (c Config) Validate() error {
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("--log-format: %q is neither text nor json", c.LogFormat)
	}
	if c.Discord.ShardCount > 0 && c.Discord.ShardID >= c.Discord.ShardCount {
		return fmt.Errorf("DISCORD_SHARD_ID: %d is not below DISCORD_SHARD_COUNT %d", c.Discord.ShardID, c.Discord.ShardCount)
	}
	return nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
