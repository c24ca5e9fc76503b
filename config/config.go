// Package config loads briefbot's configuration for "bot serve": command-line
// flags, an optional YAML file, and environment variables. Flags override the
// environment, which overrides the file, which overrides the defaults.
// Secrets come only from the environment or from files named by *_FILE
// variables, and are held in a Secret, which never prints.
//
// It is the only package that reads flags and the environment; everything
// else receives a Config. It imports the standard library and a YAML parser.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones for digests, also in containers without zoneinfo
)

// Slack configures the Slack adapter.
type Slack struct {
	BotToken      Secret // SLACK_BOT_TOKEN (xoxb-…)
	AppToken      Secret // SLACK_APP_TOKEN (xapp-…): Socket Mode when set
	SigningSecret Secret // SLACK_SIGNING_SECRET: HTTP endpoints when set
	APIURL        string // slack.api_url, SLACK_API_URL: Slack's own when empty
	// Admins are the Slack user IDs allowed to manage digests and sources
	// in every channel (slack.admins, SLACK_ADMINS).
	Admins []string
}

// Enabled reports whether Slack credentials are present.
func (s Slack) Enabled() bool { return s.BotToken != "" }

// Discord configures the Discord adapter.
type Discord struct {
	BotToken   Secret // DISCORD_BOT_TOKEN: gateway when set
	PublicKey  string // DISCORD_PUBLIC_KEY (hex): HTTP interactions when set
	AppID      string // discord.app_id, DISCORD_APP_ID
	APIURL     string // discord.api_url, DISCORD_API_URL: Discord's own when empty
	GuildID    string // discord.guild_id, DISCORD_GUILD_ID: register commands for one guild only
	ShardID    int    // DISCORD_SHARD_ID
	ShardCount int    // DISCORD_SHARD_COUNT
	// ManagerRole is a role (name or ID) whose members may manage digests
	// and sources (discord.manager_role, DISCORD_MANAGER_ROLE).
	ManagerRole string
	// Admins are the Discord user IDs allowed to manage digests and sources
	// everywhere (discord.admins, DISCORD_ADMINS).
	Admins []string
}

// Enabled reports whether Discord credentials are present.
func (d Discord) Enabled() bool { return d.BotToken != "" || d.PublicKey != "" }

// Feed is an RSS or Atom feed polled for new articles.
type Feed struct {
	URL string
	// Interval is the time between two polls.
	Interval time.Duration
}

// Digest is a digest subscription set in the configuration file.
type Digest struct {
	Platform string // "slack" or "discord"
	Channel  string // the platform's channel ID
	// Schedule is a five-field cron spec ("0 8 * * 1-5") or a descriptor
	// ("@daily").
	Schedule string
	// TimeZone is the IANA zone the schedule is read in; "UTC" when unset.
	TimeZone string
}

// API configures the JSON HTTP API.
// Fetch says how pages and feeds are fetched, for feeds and for links
// users add in chat.
type Fetch struct {
	// Allow lists addresses fetching may reach although they are loopback,
	// private or link-local: IPs, ranges ("10.0.0.0/8") or address:port
	// pairs (fetch.allow, BRIEFBOT_FETCH_ALLOW comma-separated). Empty: none.
	Allow []string
	// MaxBytes caps one fetched page or feed (fetch.max_bytes,
	// BRIEFBOT_FETCH_MAX_BYTES).
	MaxBytes int64
}

// DefaultFetchMaxBytes is the default cap on one fetched page or feed.
const DefaultFetchMaxBytes = 5 << 20

type API struct {
	// Enabled serves /api/* (api.enabled; default true).
	Enabled bool
	// Token, when set, is the bearer token /api/* requires (BRIEFBOT_API_TOKEN).
	Token Secret
	// MaxBodyBytes caps a request body (api.max_body_bytes).
	MaxBodyBytes int64
	// Timeout bounds the answer to one request (api.timeout).
	Timeout time.Duration
}

// Config is the whole configuration of a running bot.
type Config struct {
	// File is the configuration file read (--config, BRIEFBOT_CONFIG); empty for none.
	File string
	// HTTPAddr is where the HTTP server listens (http_addr, BRIEFBOT_HTTP_ADDR, --http-addr).
	HTTPAddr string
	// DataDir holds the bot's state when no database is configured
	// (data_dir, BRIEFBOT_DATA_DIR, --data-dir).
	DataDir string
	// DatabaseURL selects PostgreSQL when set (DATABASE_URL).
	DatabaseURL Secret
	// Articles are files preloaded at start (articles, --article).
	Articles []string
	// LogFormat is "text" or "json" (log_format, BRIEFBOT_LOG_FORMAT, --log-format).
	LogFormat string
	// LogLevel is the lowest level logged (log_level, BRIEFBOT_LOG_LEVEL, --log-level).
	LogLevel slog.Level
	// ShutdownTimeout bounds the wait for answers in flight and running
	// digest jobs at shutdown (shutdown_timeout, BRIEFBOT_SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration
	// Feeds are the feeds to poll (feeds).
	Feeds []Feed
	// Digests are digest subscriptions set by the operator (digests), in
	// addition to those channels make in chat.
	Digests []Digest
	// DigestEmpty says what a digest with nothing new does: "skip" posts
	// nothing, "line" posts one line saying so (digest_empty, BRIEFBOT_DIGEST_EMPTY).
	DigestEmpty string
	// Commands renames built-in commands: built-in name → name users type
	// (commands). See CommandName.
	Commands map[string]string
	API      API
	Fetch    Fetch
	Slack    Slack
	Discord  Discord

	// origin names where each setting came from ("BRIEFBOT_HTTP_ADDR",
	// "--log-format"), for error messages; a key is its own origin when absent.
	origin map[string]string
}

// Default values.
const (
	DefaultHTTPAddr        = "127.0.0.1:8080"
	DefaultDataDir         = "data"
	DefaultShutdownTimeout = 20 * time.Second
	DefaultFeedInterval    = 15 * time.Minute
	DefaultAPIMaxBody      = 64 << 10
	DefaultAPITimeout      = 30 * time.Second
)

// Builtins are the commands Commands may rename.
var Builtins = []string{"add", "ask", "brief", "digest", "figures", "help", "who"}

// ErrHelp is returned by Load when the user asked for help.
var ErrHelp = flag.ErrHelp

// CommandName returns the name users type for the built-in command builtin.
func (c Config) CommandName(builtin string) string {
	if n, ok := c.Commands[builtin]; ok {
		return n
	}
	return builtin
}

// Load reads the configuration of "bot serve" from its arguments, the
// environment (looked up through getenv) and the configuration file they
// name. Usage errors go to stderr. The error names each key at fault.
func Load(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var articles []string
	fs.Func("article", "preload an article `file` (repeatable; added to the file's articles)", func(s string) error {
		articles = append(articles, s)
		return nil
	})
	flags := map[string]*string{
		"config":     fs.String("config", "", "read the configuration `file` (YAML; default $BRIEFBOT_CONFIG)"),
		"http-addr":  fs.String("http-addr", "", "listen on `host:port` (default "+DefaultHTTPAddr+")"),
		"data-dir":   fs.String("data-dir", "", "keep state in `dir` (default "+DefaultDataDir+")"),
		"log-format": fs.String("log-format", "", "log format: text or json (default text)"),
		"log-level":  fs.String("log-level", "", "log level: debug, info, warn or error (default info)"),
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	c := Config{origin: map[string]string{}}
	var f file
	c.File = getenv("BRIEFBOT_CONFIG")
	if set["config"] {
		c.File = *flags["config"]
	}
	if c.File != "" {
		var err error
		if f, err = readFile(c.File); err != nil {
			return Config{}, err
		}
	}
	var errs []error
	// pick returns a setting's value by precedence, and records its origin.
	pick := func(key, fromFile, env, flagName string) string {
		if flagName != "" && set[flagName] {
			c.origin[key] = "--" + flagName
			return *flags[flagName]
		}
		if env != "" {
			if v := getenv(env); v != "" {
				c.origin[key] = env
				return v
			}
		}
		return fromFile
	}
	// fromFile resolves a path given in the file against the file's directory.
	fromFile := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(filepath.Dir(c.File), p)
	}

	c.HTTPAddr = or(pick("http_addr", f.HTTPAddr, "BRIEFBOT_HTTP_ADDR", "http-addr"), DefaultHTTPAddr)
	c.DataDir = or(pick("data_dir", fromFile(f.DataDir), "BRIEFBOT_DATA_DIR", "data-dir"), DefaultDataDir)
	c.LogFormat = or(pick("log_format", f.LogFormat, "BRIEFBOT_LOG_FORMAT", "log-format"), "text")
	if lv := or(pick("log_level", f.LogLevel, "BRIEFBOT_LOG_LEVEL", "log-level"), "info"); c.LogLevel.UnmarshalText([]byte(lv)) != nil {
		errs = append(errs, fmt.Errorf("%s: %q is not a level; use debug, info, warn or error", c.name("log_level"), lv))
	}
	c.ShutdownTimeout = c.duration(&errs, "shutdown_timeout", pick("shutdown_timeout", f.ShutdownTimeout, "BRIEFBOT_SHUTDOWN_TIMEOUT", ""), DefaultShutdownTimeout)
	c.DigestEmpty = or(pick("digest_empty", f.DigestEmpty, "BRIEFBOT_DIGEST_EMPTY", ""), "skip")
	for _, a := range f.Articles {
		c.Articles = append(c.Articles, fromFile(a))
	}
	c.Articles = append(c.Articles, articles...)
	for i, ff := range f.Feeds {
		key := fmt.Sprintf("feeds[%d].interval", i)
		c.Feeds = append(c.Feeds, Feed{URL: strings.TrimSpace(ff.URL), Interval: c.duration(&errs, key, ff.Interval, DefaultFeedInterval)})
	}
	for _, d := range f.Digests {
		c.Digests = append(c.Digests, Digest{
			Platform: strings.ToLower(strings.TrimSpace(d.Platform)),
			Channel:  strings.TrimSpace(d.Channel),
			Schedule: strings.TrimSpace(d.Schedule),
			TimeZone: or(strings.TrimSpace(d.TimeZone), "UTC"),
		})
	}
	c.Commands = map[string]string{}
	for k, v := range f.Commands {
		c.Commands[k] = strings.TrimPrefix(strings.TrimSpace(v), "/")
	}

	c.API.Enabled = true
	if v := f.API.Enabled; v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("api.enabled: %q is neither true nor false", v))
		}
		c.API.Enabled = b
	}
	c.API.MaxBodyBytes = DefaultAPIMaxBody
	if v := f.API.MaxBodyBytes; v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("api.max_body_bytes: %q is not a whole number of bytes", v))
		}
		c.API.MaxBodyBytes = n
	}
	c.API.Timeout = c.duration(&errs, "api.timeout", f.API.Timeout, DefaultAPITimeout)

	c.Fetch.Allow = f.Fetch.Allow
	if v := getenv("BRIEFBOT_FETCH_ALLOW"); v != "" {
		c.Fetch.Allow, c.origin["fetch.allow"] = splitList(v), "BRIEFBOT_FETCH_ALLOW"
	}
	c.Fetch.MaxBytes = DefaultFetchMaxBytes
	if v := pick("fetch.max_bytes", f.Fetch.MaxBytes, "BRIEFBOT_FETCH_MAX_BYTES", ""); v != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not a whole number of bytes", c.name("fetch.max_bytes"), v))
		}
		c.Fetch.MaxBytes = n
	}

	secret := func(name string) Secret {
		v, err := readSecret(name, getenv)
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	c.DatabaseURL = secret("DATABASE_URL")
	c.API.Token = secret("BRIEFBOT_API_TOKEN")
	c.Slack = Slack{
		BotToken:      secret("SLACK_BOT_TOKEN"),
		AppToken:      secret("SLACK_APP_TOKEN"),
		SigningSecret: secret("SLACK_SIGNING_SECRET"),
		APIURL:        pick("slack.api_url", f.Slack.APIURL, "SLACK_API_URL", ""),
		Admins:        f.Slack.Admins,
	}
	if v := getenv("SLACK_ADMINS"); v != "" {
		c.Slack.Admins, c.origin["slack.admins"] = splitList(v), "SLACK_ADMINS"
	}
	c.Discord = Discord{
		BotToken:    secret("DISCORD_BOT_TOKEN"),
		PublicKey:   strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
		AppID:       strings.TrimSpace(pick("discord.app_id", f.Discord.AppID, "DISCORD_APP_ID", "")),
		APIURL:      pick("discord.api_url", f.Discord.APIURL, "DISCORD_API_URL", ""),
		GuildID:     strings.TrimSpace(pick("discord.guild_id", f.Discord.GuildID, "DISCORD_GUILD_ID", "")),
		ManagerRole: strings.TrimSpace(pick("discord.manager_role", f.Discord.ManagerRole, "DISCORD_MANAGER_ROLE", "")),
		Admins:      f.Discord.Admins,
	}
	if v := getenv("DISCORD_ADMINS"); v != "" {
		c.Discord.Admins, c.origin["discord.admins"] = splitList(v), "DISCORD_ADMINS"
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

// name returns how the user set key: a flag, an environment variable, or
// the file's key itself.
func (c Config) name(key string) string {
	if n, ok := c.origin[key]; ok {
		return n
	}
	return key
}

// duration parses a duration setting; empty gives def.
func (c Config) duration(errs *[]error, key, v string, def time.Duration) time.Duration {
	if v = strings.TrimSpace(v); v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %q is not a duration; write it like 90s, 15m or 2h", c.name(key), v))
		return def
	}
	return d
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
