package slack

import (
	"os"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/adapters/chat"
)

// TestManifestsMatchTheBot checks that the app manifests declare every
// command, event and endpoint the adapter serves.
func TestManifestsMatchTheBot(t *testing.T) {
	for _, name := range []string{"slack-manifest.yaml", "slack-manifest-http.yaml"} {
		data, err := os.ReadFile("../../deploy/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m := string(data)
		var want []string
		for _, c := range chat.NewRouter(nil, chat.WithDigests(stubDigests{})).Commands() {
			if c.Name != "help" {
				want = append(want, "- command: /"+c.Name+"\n")
			}
		}
		want = append(want, "- app_mention\n", "- message.im\n", "- app_mentions:read", "- chat:write", "- commands", "- im:history")
		if strings.Contains(name, "http") {
			want = append(want, "/slack/events\n", "/slack/commands\n", "/slack/interactions\n", "socket_mode_enabled: false")
		} else {
			want = append(want, "socket_mode_enabled: true")
		}
		for _, w := range want {
			if !strings.Contains(m, w) {
				t.Errorf("%s lacks %q", name, strings.TrimSpace(w))
			}
		}
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
