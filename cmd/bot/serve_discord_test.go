package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/discord/discordtest"
)

// signedInteraction posts body to the bot's interactions endpoint, signed
// with priv at ts, and returns the status and body of the answer.
func signedInteraction(t *testing.T, addr string, priv ed25519.PrivateKey, body []byte, ts time.Time, tamper bool) (int, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(priv, append([]byte(stamp), body...))
	if tamper {
		body = bytes.Replace(body, []byte("brief"), []byte("figures"), 1)
	}
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/discord/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

func commandInteraction(id, name string, options ...map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "application_id": "424242424242424242", "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": "5", "channel_id": "4",
		"member": map[string]any{"user": map[string]any{"id": "6"}, "roles": []string{}, "permissions": "0"},
		"data":   map[string]any{"id": "7", "name": name, "type": 1, "options": options},
	})
	return b
}

func TestServeDiscordInteractions(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Follow-ups, if any, go to this stand-in for Discord's REST API.
	var restCalls atomic.Int32
	rest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		restCalls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1"}`)
	}))
	defer rest.Close()
	article, err := filepath.Abs(filepath.Join("sample", "gaza-ceasefire-talks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bot := startServe(t, []string{
		"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub),
		"DISCORD_APP_ID=424242424242424242",
		"DISCORD_API_URL=" + rest.URL,
	}, "--article", article)

	// What the engine makes of the article, to compare with the embeds.
	engine, err := loadEngine([]string{article}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ping, _ := json.Marshal(map[string]any{"id": "1", "application_id": "424242424242424242", "type": 1, "token": "t", "version": 1})

	now := time.Now()
	tests := []struct {
		name       string
		body       []byte
		ts         time.Time
		tamper     bool
		wantStatus int
		wantType   int
		wantTitle  string
	}{
		{"ping", ping, now, false, 200, 1, ""},
		{"brief", commandInteraction("11", "brief"), now, false, 200, 4, engine.Brief().Headline},
		{"ask", commandInteraction("12", "ask", map[string]any{"name": "question", "type": 3, "value": "who is mediating?"}), now, false, 200, 4, "who is mediating?"},
		{"tampered", commandInteraction("13", "brief"), now, true, 401, 0, ""},
		{"stale", commandInteraction("14", "brief"), now.Add(-10 * time.Minute), false, 401, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := signedInteraction(t, bot.Addr, priv, tt.body, tt.ts, tt.tamper)
			if status != tt.wantStatus {
				t.Fatalf("status = %d (%s), want %d", status, body, tt.wantStatus)
			}
			if tt.wantType == 0 {
				return
			}
			var resp struct {
				Type int `json:"type"`
				Data struct {
					Embeds []struct {
						Title string `json:"title"`
					} `json:"embeds"`
				} `json:"data"`
			}
			if err := json.Unmarshal(body, &resp); err != nil {
				t.Fatalf("response %s: %v", body, err)
			}
			if resp.Type != tt.wantType {
				t.Errorf("response = %s, want type %d", body, tt.wantType)
			}
			if tt.wantTitle != "" && (len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != tt.wantTitle) {
				t.Errorf("response = %s, want an embed titled %q", body, tt.wantTitle)
			}
		})
	}
	resp, err := http.Get("http://" + bot.Addr + "/discord/interactions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /discord/interactions = %d, want 405", resp.StatusCode)
	}
	if n := restCalls.Load(); n != 0 {
		t.Errorf("%d REST calls for answers that fit in the response, want 0", n)
	}
}

func TestServeDiscordRejectedToken(t *testing.T) {
	const token = "MTIzNDU2Nzg5.secret-part.do-not-log"
	var gatewayCalls atomic.Int32
	rest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v9/gateway" {
			gatewayCalls.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"401: Unauthorized","code":0}`)
	}))
	defer rest.Close()
	// The bot stops at once, so it is run to completion rather than served.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	cmd := exec.CommandContext(ctx, buildBot(t), "serve")
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir,
		"BRIEFBOT_HTTP_ADDR=127.0.0.1:0", "BRIEFBOT_DATA_DIR=" + filepath.Join(dir, "data"),
		"DISCORD_BOT_TOKEN=" + token, "DISCORD_API_URL=" + rest.URL, "DISCORD_APP_ID=424242424242424242",
	}
	out, err := cmd.CombinedOutput()
	logs := string(out)
	if ctx.Err() != nil {
		t.Fatalf("the bot kept running with a rejected token: %s", logs)
	}
	if ee, ok := errors.AsType[*exec.ExitError](err); !ok || ee.ExitCode() != exitError {
		t.Errorf("exit = %v, want status %d", err, exitError)
	}
	if !strings.Contains(logs, "Discord rejected the bot token") {
		t.Errorf("logs do not say Discord rejected the token:\n%s", logs)
	}
	if strings.Contains(logs, "secret-part") {
		t.Errorf("logs show the bot token:\n%s", logs)
	}
	if n := gatewayCalls.Load(); n != 1 {
		t.Errorf("%d gateway requests with a rejected token, want 1", n)
	}
}

func TestServeDiscordGateway(t *testing.T) {
	const token = "MTIzNDU2Nzg5.gateway-secret.do-not-log"
	f := discordtest.NewServer(t)
	article, err := filepath.Abs(filepath.Join("sample", "gaza-ceasefire-talks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bot := startServe(t, []string{
		"DISCORD_BOT_TOKEN=" + token,
		"DISCORD_API_URL=" + f.URL(),
		"DISCORD_GUILD_ID=900900900900900900",
	}, "--article", article)
	f.WaitConnected(1)

	// Commands are registered in the guild, for the application READY named.
	reg := f.WaitRequests("PUT", "/api/v9/applications/"+discordtest.AppID+"/guilds/900900900900900900/commands", 1)
	var cmds []struct{ Name string }
	if err := json.Unmarshal(reg[0].Body, &cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "add ask brief digest figures help who" {
		t.Errorf("registered %q, want add ask brief digest figures help who", got)
	}

	// A slash command is answered through the interaction callback.
	var interaction map[string]any
	if err := json.Unmarshal(commandInteraction("21", "brief"), &interaction); err != nil {
		t.Fatal(err)
	}
	f.Dispatch("INTERACTION_CREATE", interaction)
	cb := f.WaitRequests("POST", "/api/v9/interactions/21/tok-21/callback", 1)
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Embeds []struct{ Title string } `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(cb[0].Body, &resp); err != nil {
		t.Fatal(err)
	}
	engine, err := loadEngine([]string{article}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != 4 || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != engine.Brief().Headline {
		t.Errorf("callback = %s, want the brief as an embed", cb[0].Body)
	}

	// A mention is answered with a reply to it.
	f.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "31", "channel_id": "4", "guild_id": "5",
		"content":  "<@" + discordtest.BotID + "> who's mediating?",
		"author":   map[string]any{"id": "6", "username": "reader"},
		"mentions": []any{map[string]any{"id": discordtest.BotID, "bot": true}},
	})
	msg := f.WaitRequests("POST", "/api/v9/channels/4/messages", 1)
	var reply struct {
		Reference struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
		Embeds []struct{ Title string } `json:"embeds"`
	}
	if err := json.Unmarshal(msg[0].Body, &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Reference.MessageID != "31" || len(reply.Embeds) == 0 || reply.Embeds[0].Title != "who's mediating?" {
		t.Errorf("reply = %s, want an answer embed replying to message 31", msg[0].Body)
	}
	if auth := msg[0].Header.Get("Authorization"); auth != "Bot "+token {
		t.Errorf("Authorization = %q, want the bot token", auth)
	}
	if logs := bot.Logs(); strings.Contains(logs, "gateway-secret") {
		t.Errorf("logs show the bot token:\n%s", logs)
	}
}
