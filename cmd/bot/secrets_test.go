package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// secrets are credential values no output of the bot may contain.
var secrets = map[string]string{
	"SLACK_BOT_TOKEN":      "xoxb-0000-SECRETslackbot7c1e",
	"SLACK_APP_TOKEN":      "xapp-1-SECRETslackapp52d9",
	"SLACK_SIGNING_SECRET": "SECRETsigning8f742231b10e",
	"DISCORD_BOT_TOKEN":    "SECRETdiscordbot.MTIz.a9f0",
	"BRIEFBOT_API_TOKEN":   "SECRETapitoken3b7d",
}

// fakePlatform stands in for the Slack and Discord APIs: it refuses every
// call, as those services do for tokens they do not know.
func fakePlatform(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth","message":"401: Unauthorized","code":0}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// secretEnv returns the environment holding every secret; the Discord token
// comes through a *_FILE path, the others directly.
func secretEnv(t *testing.T, platformURL string) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "discord-token")
	if err := os.WriteFile(file, []byte(secrets["DISCORD_BOT_TOKEN"]+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"DISCORD_BOT_TOKEN_FILE=" + file, "SLACK_API_URL=" + platformURL + "/api/", "DISCORD_API_URL=" + platformURL,
		"BRIEFBOT_LOG_LEVEL=debug"}
	for k, v := range secrets {
		if k != "DISCORD_BOT_TOKEN" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

func checkNoSecrets(t *testing.T, what, out string) {
	t.Helper()
	for name, v := range secrets {
		if strings.Contains(out, v) || strings.Contains(out, strings.TrimPrefix(v, "xoxb-0000-")) {
			t.Errorf("%s shows %s:\n%s", what, name, out)
		}
	}
}

// TestServeNeverLogsSecrets runs the bot with every token set, at debug
// level, in both log formats, uses its API with the right and a wrong token,
// stops it, and checks that no output holds a token. A bot whose adapters
// fail against the refusing platform, and exits, is checked all the same.
func TestServeNeverLogsSecrets(t *testing.T) {
	platform := fakePlatform(t)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			env := append(secretEnv(t, platform.URL), "BRIEFBOT_LOG_FORMAT="+format)
			bot, listening := launchServe(t, env, "--article", sampleArticle(t))
			if listening && useAPI(t, "http://"+bot.Addr) {
				bot.Stop(t, syscall.SIGTERM)
			} else {
				// Adapters that fail against the refusing platform stop the bot,
				// possibly while the API is in use: its output is checked all the same.
				t.Logf("the bot exited (exit %d); checking its output", bot.Wait(t))
			}
			if strings.TrimSpace(bot.Logs()) == "" {
				t.Fatal("the bot logged nothing; the check would prove nothing")
			}
			checkNoSecrets(t, "the log", bot.Logs())
		})
	}
}

// useAPI asks the API with the right and a wrong token and reads /metrics
// and /readyz, checking that no answer holds a secret. It reports false when
// the bot stopped listening meanwhile.
func useAPI(t *testing.T, base string) bool {
	t.Helper()
	type call struct{ method, path, body, token string }
	var calls []call
	for _, tok := range []string{secrets["BRIEFBOT_API_TOKEN"], "wrong-token"} {
		calls = append(calls, call{"POST", "/api/ask", `{"question":"Who is mediating?"}`, tok}, call{"GET", "/api/figures", "", tok})
	}
	calls = append(calls, call{"GET", "/metrics", "", ""}, call{"GET", "/readyz", "", ""})
	for _, c := range calls {
		req, err := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return false
		}
		checkNoSecrets(t, c.path, string(data))
	}
	return true
}

// TestConfigErrorsNeverShowSecrets checks the messages of a bot that stops
// on a bad configuration, with every token set.
func TestConfigErrorsNeverShowSecrets(t *testing.T) {
	platform := fakePlatform(t)
	tests := []struct {
		name string
		env  []string
	}{
		{"bad setting", []string{"BRIEFBOT_LOG_FORMAT=xml", "DISCORD_SHARD_ID=x"}},
		{"secret set twice", []string{"SLACK_BOT_TOKEN_FILE=/nonexistent"}},
		{"bad database", []string{"DATABASE_URL=postgres://briefbot:" + secrets["SLACK_SIGNING_SECRET"] + "@127.0.0.1:1/x?sslmode=disable", "BRIEFBOT_HTTP_ADDR=not-an-address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runBot(t, append(secretEnv(t, platform.URL), tt.env...), "serve")
			if code != 2 {
				t.Errorf("exit code %d, want 2; stderr: %s", code, stderr)
			}
			checkNoSecrets(t, "the error output", stdout+stderr)
		})
	}
}
