package config

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// load runs Load with a configuration file holding yaml (none when empty),
// the environment env and the arguments args.
func load(t *testing.T, yaml string, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	dir := t.TempDir()
	if yaml != "" {
		path := filepath.Join(dir, "briefbot.yaml")
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append([]string{"--config", path}, args...)
	}
	getenv := func(k string) string { return env[k] }
	return Load(args, getenv, io.Discard)
}

func TestLoadDefaults(t *testing.T) {
	c, err := load(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != DefaultHTTPAddr || c.DataDir != DefaultDataDir || c.LogFormat != "text" || c.LogLevel != slog.LevelInfo {
		t.Errorf("defaults: got addr %q dir %q format %q level %v", c.HTTPAddr, c.DataDir, c.LogFormat, c.LogLevel)
	}
	if !c.API.Enabled || c.API.MaxBodyBytes != DefaultAPIMaxBody || c.API.Timeout != DefaultAPITimeout || c.ShutdownTimeout != DefaultShutdownTimeout {
		t.Errorf("defaults: got api %+v shutdown %v", c.API, c.ShutdownTimeout)
	}
	if c.DigestEmpty != "skip" || c.Slack.Enabled() || c.Discord.Enabled() {
		t.Errorf("defaults: digest_empty %q, slack %v, discord %v", c.DigestEmpty, c.Slack.Enabled(), c.Discord.Enabled())
	}
}

const fullFile = `
http_addr: 0.0.0.0:9090
data_dir: state
log_format: json
log_level: debug
shutdown_timeout: 45s
articles: [story.txt, /abs/other.md]
feeds:
  - url: https://example.com/feed.xml
    interval: 10m
  - url: http://example.org/rss
digests:
  - platform: slack
    channel: C0123456
    schedule: "0 8 * * 1-5"
    timezone: Europe/Paris
  - platform: Discord
    channel: "112233445566778899"
    schedule: "@daily"
digest_empty: line
commands:
  ask: question
  brief: summary
slack:
  admins: [U012AB3CD, W0987ZYX]
  api_url: http://127.0.0.1:9999/api/
discord:
  admins: ["112233445566778899"]
  manager_role: Editors
  guild_id: "223344556677889900"
  app_id: "334455667788990011"
api:
  enabled: false
  max_body_bytes: 8192
  timeout: 5s
`

func TestLoadFile(t *testing.T) {
	c, err := load(t, fullFile, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(c.File)
	want := Config{
		File:            c.File,
		HTTPAddr:        "0.0.0.0:9090",
		DataDir:         filepath.Join(dir, "state"),
		Articles:        []string{filepath.Join(dir, "story.txt"), "/abs/other.md"},
		LogFormat:       "json",
		LogLevel:        slog.LevelDebug,
		ShutdownTimeout: 45 * time.Second,
		Feeds: []Feed{
			{URL: "https://example.com/feed.xml", Interval: 10 * time.Minute},
			{URL: "http://example.org/rss", Interval: DefaultFeedInterval},
		},
		Digests: []Digest{
			{Platform: "slack", Channel: "C0123456", Schedule: "0 8 * * 1-5", TimeZone: "Europe/Paris"},
			{Platform: "discord", Channel: "112233445566778899", Schedule: "@daily", TimeZone: "UTC"},
		},
		DigestEmpty: "line",
		Commands:    map[string]string{"ask": "question", "brief": "summary"},
		API:         API{Enabled: false, MaxBodyBytes: 8192, Timeout: 5 * time.Second},
		Fetch:       Fetch{MaxBytes: DefaultFetchMaxBytes},
		Slack:       Slack{BotToken: "xoxb-1", Admins: []string{"U012AB3CD", "W0987ZYX"}, APIURL: "http://127.0.0.1:9999/api/"},
		Discord: Discord{Admins: []string{"112233445566778899"}, ManagerRole: "Editors",
			GuildID: "223344556677889900", AppID: "334455667788990011"},
	}
	c.origin, want.origin = nil, nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got\n%#v\nwant\n%#v", c, want)
	}
	if got := c.CommandName("ask"); got != "question" {
		t.Errorf("CommandName(ask) = %q, want question", got)
	}
	if got := c.CommandName("who"); got != "who" {
		t.Errorf("CommandName(who) = %q, want who", got)
	}
}

func TestLoadPrecedence(t *testing.T) {
	file := "http_addr: 127.0.0.1:1000\nlog_format: json\ndata_dir: /from/file\n"
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantAddr string
		wantFmt  string
		wantDir  string
	}{
		{"file over defaults", nil, nil, "127.0.0.1:1000", "json", "/from/file"},
		{"env over file", map[string]string{"BRIEFBOT_HTTP_ADDR": "127.0.0.1:2000", "BRIEFBOT_LOG_FORMAT": "text"}, nil, "127.0.0.1:2000", "text", "/from/file"},
		{"flags over env", map[string]string{"BRIEFBOT_HTTP_ADDR": "127.0.0.1:2000", "BRIEFBOT_DATA_DIR": "/from/env"},
			[]string{"--http-addr", "127.0.0.1:3000", "--data-dir", "/from/flag"}, "127.0.0.1:3000", "json", "/from/flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, file, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if c.HTTPAddr != tt.wantAddr || c.LogFormat != tt.wantFmt || c.DataDir != tt.wantDir {
				t.Errorf("got addr %q format %q dir %q, want %q %q %q", c.HTTPAddr, c.LogFormat, c.DataDir, tt.wantAddr, tt.wantFmt, tt.wantDir)
			}
		})
	}
}

func TestLoadConfigFromEnv(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("log_format: json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(nil, func(k string) string { return map[string]string{"BRIEFBOT_CONFIG": path}[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.File != path || c.LogFormat != "json" {
		t.Errorf("got file %q format %q, want %q json", c.File, c.LogFormat, path)
	}
}

func TestLoadErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	tests := []struct {
		name string
		yaml string
		env  map[string]string
		args []string
		want string // the whole error when it ends in "$", else a part of it
	}{
		{"bad yaml", "feeds: [url: x\n", nil, nil, "briefbot.yaml:1: not valid YAML: did not find expected ',' or ']'"},
		{"tab yaml", "http_addr:\n\t- x\n", nil, nil, "briefbot.yaml:2: not valid YAML: found character that cannot start any token"},
		{"unknown key", "log_format: json\nlog_fromat: text\n", nil, nil,
			"briefbot.yaml:2: log_fromat: unknown key; known keys here: api, articles, commands, data_dir, digest_empty, digests, discord, feeds, fetch, http_addr, log_format, log_level, shutdown_timeout, slack$"},
		{"unknown nested key", "feeds:\n  - url: https://a.example/\n  - url: https://b.example/\n    intervall: 5m\n", nil, nil,
			"briefbot.yaml:4: feeds[1].intervall: unknown key; known keys here: interval, url$"},
		{"secret in file", "slack:\n  bot_token: xoxb-leak\n", nil, nil,
			"briefbot.yaml:2: slack.bot_token: secrets are not read from the config file; set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE in the environment$"},
		{"list for a value", "data_dir: [a, b]\n", nil, nil, "briefbot.yaml:1: data_dir: want a single value, got a list$"},
		{"value for a list", "feeds: https://a.example/\n", nil, nil, `briefbot.yaml:1: feeds: want a list, got "https://a.example/"$`},
		{"bad time zone", digests("Europe/Paris", "UTC", "Europe/Pariss"), nil, nil, `digests[2].timezone: unknown time zone "Europe/Pariss"$`},
		{"bad schedule", "digests:\n  - {platform: slack, channel: C1, schedule: \"0 25 * * *\"}\n", nil, nil,
			`digests[0].schedule: "0 25 * * *": hour: 25 is outside 0-23$`},
		{"short schedule", "digests:\n  - {platform: slack, channel: C1, schedule: \"0 8 * *\"}\n", nil, nil,
			`digests[0].schedule: "0 8 * *": the schedule has 4 fields; a cron spec has five: minute hour day-of-month month day-of-week$`},
		{"zone in schedule", "digests:\n  - {platform: slack, channel: C1, schedule: \"CRON_TZ=UTC\"}\n", nil, nil,
			`digests[0].schedule: "CRON_TZ=UTC": give the time zone separately, not as TZ= in the schedule$`},
		{"bad platform", "digests:\n  - {platform: teams, channel: C1, schedule: \"@daily\"}\n", nil, nil,
			`digests[0].platform: "teams" is neither slack nor discord$`},
		{"bad feed url", "feeds:\n  - url: https://a.example/\n  - url: ftp://b.example/\n", nil, nil,
			`feeds[1].url: "ftp://b.example/" is not an http or https URL$`},
		{"duplicate feed", "feeds:\n  - url: https://a.example/\n  - url: https://a.example/\n", nil, nil,
			`feeds[1].url: "https://a.example/" is already feeds[0]$`},
		{"bad interval", "feeds:\n  - url: https://a.example/\n    interval: 15\n", nil, nil,
			`feeds[0].interval: "15" is not a duration; write it like 90s, 15m or 2h$`},
		{"short interval", "feeds:\n  - url: https://a.example/\n    interval: 10s\n", nil, nil,
			`feeds[0].interval: 10s is shorter than the shortest interval, 1m$`},
		{"unknown command", "commands:\n  asc: question\n", nil, nil,
			`commands.asc: no built-in command is called "asc"; the commands are add, ask, brief, digest, figures, help, who$`},
		{"command clash", "commands:\n  brief: who\n", nil, nil, `commands.brief: "who" is already the name of the who command$`},
		{"bad command name", "commands:\n  ask: Ask Me\n", nil, nil, `commands.ask: "Ask Me" is not a command name`},
		{"bad slack admin", "slack:\n  admins: [bob]\n", nil, nil, `slack.admins[0]: "bob" is not a Slack user ID (like U012AB3CD)$`},
		{"bad digest_empty", "digest_empty: always\n", nil, nil, `digest_empty: "always" is neither skip nor line$`},
		{"bad api flag", "api:\n  enabled: yes please\n", nil, nil, `api.enabled: "yes please" is neither true nor false$`},
		{"bad log format from env", "", map[string]string{"BRIEFBOT_LOG_FORMAT": "xml"}, nil, `BRIEFBOT_LOG_FORMAT: "xml" is neither text nor json$`},
		{"bad log level from flag", "", nil, []string{"--log-level", "loud"}, `--log-level: "loud" is not a level; use debug, info, warn or error$`},
		{"bad addr", "http_addr: localhost\n", nil, nil, `http_addr: "localhost" is not host:port (like 127.0.0.1:8080 or :8080)$`},
		{"missing secret file", "", map[string]string{"SLACK_BOT_TOKEN_FILE": missing}, nil, "SLACK_BOT_TOKEN_FILE: stat " + missing + ": no such file or directory$"},
		{"secret twice", "", map[string]string{"DISCORD_BOT_TOKEN": "x", "DISCORD_BOT_TOKEN_FILE": missing}, nil, "DISCORD_BOT_TOKEN and DISCORD_BOT_TOKEN_FILE are both set; set one$"},
		{"missing config file", "", nil, []string{"--config", missing}, "config file: stat " + missing + ": no such file or directory$"},
		{"shard", "", map[string]string{"DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, nil, "DISCORD_SHARD_ID: 2 is not below DISCORD_SHARD_COUNT 2$"},
		{"extra argument", "", nil, []string{"extra"}, `unexpected argument "extra"$`},
		{"bad fetch allow", "fetch:\n  allow: [10.0.0.0/8, intranet]\n", nil, nil, `fetch.allow[1]: `},
		{"bad fetch allow from env", "", map[string]string{"BRIEFBOT_FETCH_ALLOW": "127.0.0.1:8081, nope"}, nil, `BRIEFBOT_FETCH_ALLOW[1]: `},
		{"fetch cap not a number", "fetch:\n  max_bytes: 5MB\n", nil, nil, `fetch.max_bytes: "5MB" is not a whole number of bytes`},
		{"fetch cap too small", "", map[string]string{"BRIEFBOT_FETCH_MAX_BYTES": "10"}, nil, `BRIEFBOT_FETCH_MAX_BYTES: 10 is outside 1024 to 1073741824$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.yaml, tt.env, tt.args...)
			if err == nil {
				t.Fatalf("Load succeeded, want error %q", tt.want)
			}
			got := err.Error()
			if want, whole := strings.CutSuffix(tt.want, "$"); whole {
				if !strings.HasSuffix(got, want) || strings.Count(got, "\n") > 0 {
					t.Errorf("error = %q, want one error ending %q", got, want)
				}
			} else if !strings.Contains(got, want) {
				t.Errorf("error = %q, want it to contain %q", got, want)
			}
		})
	}
}

func digests(zones ...string) string {
	var b strings.Builder
	b.WriteString("digests:\n")
	for i, z := range zones {
		fmt.Fprintf(&b, "  - platform: slack\n    channel: C%d\n    schedule: \"0 8 * * *\"\n    timezone: %s\n", i, z)
	}
	return b.String()
}

func TestLoadReportsEveryProblem(t *testing.T) {
	_, err := load(t, "log_format: xml\ndigest_empty: maybe\nfeeds:\n  - url: nope\n", nil)
	if err == nil {
		t.Fatal("Load succeeded, want errors")
	}
	want := `log_format: "xml" is neither text nor json
feeds[0].url: "nope" is not an http or https URL
digest_empty: "maybe" is neither skip nor line`
	if err.Error() != want {
		t.Errorf("error =\n%s\nwant\n%s", err, want)
	}
}

func TestSecretsFromFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "token")
	if err := os.WriteFile(path, []byte("xoxb-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := load(t, "", map[string]string{"SLACK_BOT_TOKEN_FILE": path, "BRIEFBOT_API_TOKEN": "  api-secret "})
	if err != nil {
		t.Fatal(err)
	}
	if c.Slack.BotToken.Reveal() != "xoxb-from-file" || c.API.Token.Reveal() != "api-secret" {
		t.Errorf("got slack token %q, api token %q", c.Slack.BotToken.Reveal(), c.API.Token.Reveal())
	}
}

func TestSecretNeverPrints(t *testing.T) {
	const token = "xoxb-very-secret-value"
	c := Config{Slack: Slack{BotToken: token}, API: API{Token: token}, DatabaseURL: "postgres://u:" + token + "@h/db"}
	var logs strings.Builder
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "config", c, "token", c.Slack.BotToken)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "config", c, "token", c.Slack.BotToken)
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"%v":   fmt.Sprintf("%v", c),
		"%+v":  fmt.Sprintf("%+v", c),
		"%#v":  fmt.Sprintf("%#v", c),
		"%s":   fmt.Sprintf("%s", c.Slack.BotToken),
		"%q":   fmt.Sprintf("%q", c.API.Token),
		"json": string(js),
		"logs": logs.String(),
		"err":  fmt.Errorf("connect: %v", c.DatabaseURL).Error(),
	}
	for name, out := range outputs {
		if strings.Contains(out, "very-secret") {
			t.Errorf("%s output shows the secret: %s", name, out)
		}
		if !strings.Contains(out, "[redacted]") {
			t.Errorf("%s output has no redaction marker: %s", name, out)
		}
	}
}

// TestExampleFile keeps the example configuration in the repository valid.
func TestExampleFile(t *testing.T) {
	path := filepath.Join("..", "briefbot.example.yaml")
	c, err := Load([]string{"--config", path}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(c.Feeds) == 0 || len(c.Digests) == 0 || c.CommandName("brief") == "brief" {
		t.Errorf("%s no longer shows feeds, digests and a renamed command: %+v", path, c)
	}
	for _, a := range c.Articles {
		if _, err := os.Stat(a); err != nil {
			t.Errorf("%s: article %v", path, err)
		}
	}
}

func TestFetchSettings(t *testing.T) {
	c, err := load(t, "fetch:\n  allow: [\"10.20.0.0/16\"]\n  max_bytes: \"2048\"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Fetch.Allow) != 1 || c.Fetch.Allow[0] != "10.20.0.0/16" || c.Fetch.MaxBytes != 2048 {
		t.Errorf("fetch = %+v, want the file's allow-list and cap", c.Fetch)
	}
	c, err = load(t, "fetch:\n  allow: [\"10.20.0.0/16\"]\n", map[string]string{"BRIEFBOT_FETCH_ALLOW": "127.0.0.1:8081,192.168.1.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Fetch.Allow, " ") != "127.0.0.1:8081 192.168.1.0/24" || c.Fetch.MaxBytes != DefaultFetchMaxBytes {
		t.Errorf("fetch = %+v, want the environment's allow-list over the file's, and the default cap", c.Fetch)
	}
}
