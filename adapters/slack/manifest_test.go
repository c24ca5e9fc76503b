package slack

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/adapters/chat"
)

// TestManifestsMatchTheBot checks that the app manifests declare every
// command, event, scope and endpoint the adapter serves: without
// message.channels and channels:history, say, Slack would never send the
// thread replies the bot answers.
func TestManifestsMatchTheBot(t *testing.T) {
	for _, name := range []string{"slack-manifest.yaml", "slack-manifest-http.yaml"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../../deploy/" + name)
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				Features struct {
					SlashCommands []struct {
						Command string `yaml:"command"`
						URL     string `yaml:"url"`
					} `yaml:"slash_commands"`
				} `yaml:"features"`
				OAuth struct {
					Scopes struct {
						Bot []string `yaml:"bot"`
					} `yaml:"scopes"`
				} `yaml:"oauth_config"`
				Settings struct {
					Events struct {
						RequestURL string   `yaml:"request_url"`
						BotEvents  []string `yaml:"bot_events"`
					} `yaml:"event_subscriptions"`
					Interactivity struct {
						Enabled    bool   `yaml:"is_enabled"`
						RequestURL string `yaml:"request_url"`
					} `yaml:"interactivity"`
					SocketMode bool `yaml:"socket_mode_enabled"`
				} `yaml:"settings"`
			}
			if err := yaml.Unmarshal(data, &m); err != nil {
				t.Fatalf("parse: %v", err)
			}
			commands := map[string]string{}
			for _, c := range m.Features.SlashCommands {
				commands[c.Command] = c.URL
			}
			httpMode := strings.Contains(name, "http")
			for _, c := range chat.NewRouter(nil, chat.WithDigests(stubDigests{})).Commands() {
				if c.Name == "help" {
					continue
				}
				url, ok := commands["/"+c.Name]
				switch {
				case !ok:
					t.Errorf("no command /%s", c.Name)
				case httpMode && !strings.HasSuffix(url, "/slack/commands"):
					t.Errorf("/%s posts to %q, want .../slack/commands", c.Name, url)
				}
			}
			has := func(what string, list []string, want ...string) {
				t.Helper()
				for _, w := range want {
					if !slices.Contains(list, w) {
						t.Errorf("%s lack %q (have %q)", what, w, list)
					}
				}
			}
			has("bot events", m.Settings.Events.BotEvents, "app_mention", "message.channels", "message.groups", "message.im")
			has("bot scopes", m.OAuth.Scopes.Bot, "app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history")
			if !m.Settings.Interactivity.Enabled {
				t.Error("interactivity is off: suggested questions could not be clicked")
			}
			if m.Settings.SocketMode == httpMode {
				t.Errorf("socket_mode_enabled: %v", m.Settings.SocketMode)
			}
			if httpMode && (!strings.HasSuffix(m.Settings.Events.RequestURL, "/slack/events") || !strings.HasSuffix(m.Settings.Interactivity.RequestURL, "/slack/interactions")) {
				t.Errorf("request URLs %q and %q, want .../slack/events and .../slack/interactions", m.Settings.Events.RequestURL, m.Settings.Interactivity.RequestURL)
			}
		})
	}
}

func TestCommandName(t *testing.T) {
	for in, want := range map[string]string{"/ask": "ask", "/Figures": "figures", "/briefbot-who": "who", "/briefbot-": "briefbot-", " /brief ": "brief", "/other": "other"} {
		if got := commandName(in); got != want {
			t.Errorf("commandName(%q) = %q, want %q", in, got, want)
		}
	}
}

// stubDigests turns the router's digest command on; it is never called.
type stubDigests struct{ chat.Digests }
