package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/fetch"
	"github.com/briefbot/briefbot/schedule"
)

var (
	commandName  = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	slackUserID  = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	snowflake    = regexp.MustCompile(`^[0-9]{15,21}$`)
	hexPublicKey = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
)

// Validate checks the configuration. Each problem is reported on its own
// line, starting with the key, flag or environment variable at fault.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", c.name(key), fmt.Sprintf(format, args...)))
	}
	if err := checkAddr(c.HTTPAddr); err != nil {
		bad("http_addr", "%v", err)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("data_dir", "is empty")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log_format", "%q is neither text nor json", c.LogFormat)
	}
	if c.ShutdownTimeout <= 0 {
		bad("shutdown_timeout", "%v is not a positive duration", c.ShutdownTimeout)
	}
	for i, a := range c.Articles {
		if strings.TrimSpace(a) == "" {
			bad(fmt.Sprintf("articles[%d]", i), "is empty")
		}
	}
	seen := map[string]int{}
	for i, f := range c.Feeds {
		key := fmt.Sprintf("feeds[%d]", i)
		if err := checkURL(f.URL); err != nil {
			bad(key+".url", "%v", err)
		} else if j, ok := seen[f.URL]; ok {
			bad(key+".url", "%q is already feeds[%d]", f.URL, j)
		} else {
			seen[f.URL] = i
		}
		if f.Interval < time.Minute {
			bad(key+".interval", "%v is shorter than the shortest interval, 1m", f.Interval)
		}
	}
	for i, d := range c.Digests {
		key := fmt.Sprintf("digests[%d]", i)
		if d.Platform != "slack" && d.Platform != "discord" {
			bad(key+".platform", "%q is neither slack nor discord", d.Platform)
		}
		if d.Channel == "" {
			bad(key+".channel", "is empty; give the channel's ID")
		}
		if err := checkSchedule(d.Schedule); err != nil {
			bad(key+".schedule", "%v", err)
		}
		if _, err := loadZone(d.TimeZone); err != nil {
			bad(key+".timezone", "%v", err)
		}
	}
	if c.DigestEmpty != "skip" && c.DigestEmpty != "line" {
		bad("digest_empty", "%q is neither skip nor line", c.DigestEmpty)
	}
	names := map[string]string{}
	for _, b := range Builtins {
		names[c.CommandName(b)] = b
	}
	for _, b := range sortedKeys(c.Commands) {
		n := c.Commands[b]
		key := "commands." + b
		switch {
		case !slices.Contains(Builtins, b):
			bad(key, "no built-in command is called %q; the commands are %s", b, strings.Join(Builtins, ", "))
		case !commandName.MatchString(n):
			bad(key, "%q is not a command name: use 1 to 32 lowercase letters, digits, - or _", n)
		case names[n] != b:
			bad(key, "%q is already the name of the %s command", n, names[n])
		}
	}
	for i, id := range c.Slack.Admins {
		if !slackUserID.MatchString(id) {
			bad(fmt.Sprintf("slack.admins[%d]", i), "%q is not a Slack user ID (like U012AB3CD)", id)
		}
	}
	if c.Slack.APIURL != "" {
		if err := checkURL(c.Slack.APIURL); err != nil {
			bad("slack.api_url", "%v", err)
		}
	}
	for i, id := range c.Discord.Admins {
		if !snowflake.MatchString(id) {
			bad(fmt.Sprintf("discord.admins[%d]", i), "%q is not a Discord user ID (a number of 15 to 21 digits)", id)
		}
	}
	for _, kv := range [][2]string{{"discord.app_id", c.Discord.AppID}, {"discord.guild_id", c.Discord.GuildID}} {
		if kv[1] != "" && !snowflake.MatchString(kv[1]) {
			bad(kv[0], "%q is not a Discord ID (a number of 15 to 21 digits)", kv[1])
		}
	}
	if c.Discord.APIURL != "" {
		if err := checkURL(c.Discord.APIURL); err != nil {
			bad("discord.api_url", "%v", err)
		}
	}
	if c.Discord.PublicKey != "" && !hexPublicKey.MatchString(c.Discord.PublicKey) {
		errs = append(errs, errors.New("DISCORD_PUBLIC_KEY: not 64 hexadecimal digits; copy it from the application's General Information page"))
	}
	if c.Discord.ShardCount > 0 && c.Discord.ShardID >= c.Discord.ShardCount {
		errs = append(errs, fmt.Errorf("DISCORD_SHARD_ID: %d is not below DISCORD_SHARD_COUNT %d", c.Discord.ShardID, c.Discord.ShardCount))
	}
	if c.API.MaxBodyBytes < 1<<10 || c.API.MaxBodyBytes > 16<<20 {
		bad("api.max_body_bytes", "%d is outside 1024 to 16777216", c.API.MaxBodyBytes)
	}
	if c.API.Timeout <= 0 {
		bad("api.timeout", "%v is not a positive duration", c.API.Timeout)
	}
	for i, a := range c.Fetch.Allow {
		if _, _, err := fetch.ParseAllow(a); err != nil {
			bad(fmt.Sprintf("%s[%d]", c.name("fetch.allow"), i), "%v", err)
		}
	}
	if c.Fetch.MaxBytes < 1<<10 || c.Fetch.MaxBytes > 1<<30 {
		bad("fetch.max_bytes", "%d is outside 1024 to 1073741824", c.Fetch.MaxBytes)
	}
	return errors.Join(errs...)
}

func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port (like 127.0.0.1:8080 or :8080)", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q has no valid port number", addr)
	}
	return nil
}

func checkURL(s string) error {
	if s == "" {
		return errors.New("is empty")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", s)
	}
	return nil
}

// loadZone loads an IANA time zone, with an error that quotes the name.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// checkSchedule checks a five-field cron spec or descriptor with the
// scheduler's own parser, so a bad schedule fails at start and not when the
// scheduler loads it. The time zone is checked on its own.
func checkSchedule(spec string) error {
	if strings.TrimSpace(spec) == "" {
		return errors.New(`is empty; give a cron spec like "0 8 * * 1-5"`)
	}
	if _, err := schedule.Parse(spec, "UTC"); err != nil {
		return fmt.Errorf("%q: %w", spec, err)
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
