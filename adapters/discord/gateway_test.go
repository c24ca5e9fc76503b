package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/discord/discordtest"
	"github.com/briefbot/briefbot/briefing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sampleEngine is an engine with the sample article loaded.
func sampleEngine(t testing.TB) *briefing.Engine {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "gaza-ceasefire-talks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := briefing.ReadArticle("gaza-ceasefire-talks.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	e := briefing.NewEngine()
	if _, err := e.Add(a); err != nil {
		t.Fatal(err)
	}
	return e
}

// stubHandler is a Handler whose answers a test decides.
type stubHandler struct {
	commands []chat.Command
	fn       func(ctx context.Context, req chat.Request) (chat.Reply, error)

	mu   sync.Mutex
	seen []chat.Request
}

func (h *stubHandler) Handle(ctx context.Context, req chat.Request) (chat.Reply, error) {
	h.mu.Lock()
	h.seen = append(h.seen, req)
	h.mu.Unlock()
	return h.fn(ctx, req)
}

func (h *stubHandler) Commands() []chat.Command { return h.commands }

func (h *stubHandler) requests() []chat.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]chat.Request(nil), h.seen...)
}

// countingMetrics records platform call outcomes.
type countingMetrics struct {
	mu    sync.Mutex
	calls []string
}

func (m *countingMetrics) ObserveQuestion(string, string, time.Duration) {}

func (m *countingMetrics) CountPlatformCall(platform, outcome string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, platform+":"+outcome)
}

func (m *countingMetrics) outcomes() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.calls...)
}

// newGateway returns an adapter with a bot token that talks to the fake.
func newGateway(t *testing.T, f *discordtest.Server, h Handler, cfg Config, opts ...Option) *Adapter {
	t.Helper()
	cfg.BotToken = "test-token"
	cfg.APIURL = f.URL()
	a, err := New(cfg, h, append([]Option{WithBackoff(time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	a.session.LogLevel = -1 // the drops tests cause are expected
	a.log = testLogger(t)
	return a
}

// run runs a until the test ends and waits for it to connect to the fake.
func run(t *testing.T, f *discordtest.Server, a *Adapter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	f.WaitConnected(1)
}

// startGateway runs an adapter with a bot token against the fake, waits
// for it to connect, and stops it when the test ends.
func startGateway(t *testing.T, f *discordtest.Server, h Handler, cfg Config, opts ...Option) *Adapter {
	t.Helper()
	a := newGateway(t, f, h, cfg, opts...)
	run(t, f, a)
	return a
}

func interactionEvent(id, command string, options ...map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id,
		"guild_id": "500", "channel_id": "400", "version": 1,
		"member": map[string]any{"user": map[string]any{"id": "600", "username": "reader"}, "roles": []string{}, "permissions": "0"},
		"data":   map[string]any{"id": "700", "name": command, "type": 1, "options": options},
	}
}

func stringOpt(name, value string) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": value}
}

// callback decodes an interaction callback body.
func callback(t *testing.T, r discordtest.Request) discordgo.InteractionResponse {
	t.Helper()
	var resp discordgo.InteractionResponse
	if err := json.Unmarshal(r.Body, &resp); err != nil {
		t.Fatalf("callback body %s: %v", r.Body, err)
	}
	return resp
}

func TestDiscordGatewaySlashCommands(t *testing.T) {
	t.Parallel()
	engine := sampleEngine(t)
	f := discordtest.NewServer(t)
	startGateway(t, f, chat.NewRouter(engine), Config{}, WithDeferAfter(time.Minute))

	tests := []struct {
		id, command string
		options     []map[string]any
		wantTitle   string // of the first embed; empty for a text reply
		wantContent string // substring of the content of a text reply
		ephemeral   bool
	}{
		{id: "801", command: "brief", wantTitle: engine.Brief().Headline},
		{id: "802", command: "ask", options: []map[string]any{stringOpt("question", "who is mediating?")}, wantTitle: "who is mediating?"},
		{id: "803", command: "help", wantContent: "/figures", ephemeral: true},
		{id: "804", command: "nosuch", wantContent: `"nosuch"`, ephemeral: true},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			f.Dispatch("INTERACTION_CREATE", interactionEvent(tt.id, tt.command, tt.options...))
			got := f.WaitRequests("POST", "/api/v9/interactions/"+tt.id+"/tok-"+tt.id+"/callback", 1)
			resp := callback(t, got[0])
			if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
				t.Fatalf("response = %s, want type 4 with data", got[0].Body)
			}
			if tt.wantTitle != "" && (len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != tt.wantTitle) {
				t.Errorf("first embed = %s, want title %q", got[0].Body, tt.wantTitle)
			}
			if tt.wantContent != "" && !strings.Contains(resp.Data.Content, tt.wantContent) {
				t.Errorf("content = %q, want it to contain %q", resp.Data.Content, tt.wantContent)
			}
			if got := resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			if resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0 {
				t.Errorf("allowed_mentions = %+v, want no mentions parsed", resp.Data.AllowedMentions)
			}
		})
	}
	if n := f.Count("POST", "/api/v9/webhooks/"); n != 0 {
		t.Errorf("%d follow-ups for answers that were ready in time, want 0", n)
	}
}

func TestDiscordGatewayIdentify(t *testing.T) {
	t.Parallel()
	f := discordtest.NewServer(t)
	startGateway(t, f, chat.NewRouter(briefing.NewEngine()), Config{ShardID: 1, ShardCount: 3})
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   [2]int `json:"shard"`
	}
	err := json.Unmarshal(f.Identifies()[0], &id)
	if err != nil {
		t.Fatal(err)
	}
	wantIntents := int(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
	if id.Token != "Bot test-token" || id.Intents != wantIntents || id.Shard != [2]int{1, 3} {
		t.Errorf("identify = %+v, want token %q, intents %d (no privileged ones), shard [1 3]", id, "Bot test-token", wantIntents)
	}
	if id.Intents&int(discordgo.IntentsMessageContent|discordgo.IntentsGuildMembers|discordgo.IntentsGuildPresences) != 0 {
		t.Errorf("identify asks for privileged intents: %d", id.Intents)
	}
}

// fakeDigests is a digest service for registering /digest.
type fakeDigests struct{}

func (fakeDigests) Subscribe(ctx context.Context, s chat.Subscription) (chat.Subscription, error) {
	s.ID = "d1"
	return s, nil
}

func (fakeDigests) Subscriptions(ctx context.Context, platform, channel string) ([]chat.Subscription, error) {
	return nil, nil
}

func (fakeDigests) Unsubscribe(ctx context.Context, platform, channel, id string) error { return nil }

func (fakeDigests) SendNow(ctx context.Context, platform, channel string) error { return nil }

func TestDiscordRegisterCommands(t *testing.T) {
	tests := []struct {
		name     string
		guild    string
		router   []chat.RouterOption
		wantPath string
		golden   string
	}{
		{"global with digests", "", []chat.RouterOption{chat.WithDigests(fakeDigests{})}, "/api/v9/applications/" + discordtest.AppID + "/commands", "commands.golden.json"},
		{"guild without digests", "900", nil, "/api/v9/applications/" + discordtest.AppID + "/guilds/900/commands", "commands-nodigest.golden.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := discordtest.NewServer(t)
			startGateway(t, f, chat.NewRouter(briefing.NewEngine(), tt.router...), Config{GuildID: tt.guild})
			got := f.WaitRequests("PUT", tt.wantPath, 1)
			if n := f.Count("PUT", "/"); n != 1 {
				t.Errorf("%d command registrations, want 1", n)
			}
			var pretty any
			if err := json.Unmarshal(got[0].Body, &pretty); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.golden, pretty)
		})
	}
}

// checkGolden compares v, as indented JSON, with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestDiscordGatewayMentionReply(t *testing.T) {
	t.Parallel()
	h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		return chat.Reply{Text: "Egypt and Qatar are mediating."}, nil
	}}
	f := discordtest.NewServer(t)
	startGateway(t, f, h, Config{})
	f.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "901", "channel_id": "400", "guild_id": "500",
		"content":  "<@" + discordtest.BotID + "> who's mediating?",
		"author":   map[string]any{"id": "600", "username": "reader"},
		"mentions": []any{map[string]any{"id": discordtest.BotID, "username": "briefbot", "bot": true}},
		"member":   map[string]any{"roles": []string{}},
	})
	got := f.WaitRequests("POST", "/api/v9/channels/400/messages", 1)
	var body struct {
		Content   string `json:"content"`
		Reference struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
		Nonce        string                            `json:"nonce"`
		EnforceNonce bool                              `json:"enforce_nonce"`
		Allowed      *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(got[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Content != "Egypt and Qatar are mediating." || body.Reference.MessageID != "901" {
		t.Errorf("reply = %s, want the answer as a reply to message 901", got[0].Body)
	}
	if body.Nonce == "" || !body.EnforceNonce || body.Allowed == nil || len(body.Allowed.Parse) != 0 {
		t.Errorf("reply = %s, want an enforced nonce and no mentions parsed", got[0].Body)
	}
	if auth := got[0].Header.Get("Authorization"); auth != "Bot test-token" {
		t.Errorf("Authorization = %q, want the bot token", auth)
	}
	reqs := h.requests()
	if len(reqs) != 1 || reqs[0].Text != "who's mediating?" || reqs[0].Command != "" || reqs[0].Platform != "discord" || reqs[0].Channel != "400" {
		t.Errorf("handler saw %+v, want one free-text question without the mention", reqs)
	}
}

func TestDiscordMessagesIgnoredOrAnswered(t *testing.T) {
	user := &discordgo.User{ID: "600"}
	bot := &discordgo.User{ID: discordtest.BotID, Bot: true}
	tests := []struct {
		name     string
		msg      discordgo.Message
		wantText string // the handler's text; "-" when the message must be ignored
		wantCmd  string
	}{
		{"mention", discordgo.Message{ID: "1", ChannelID: "4", GuildID: "5", Author: user, Content: "<@" + discordtest.BotID + "> who's mediating?", Mentions: []*discordgo.User{bot}}, "who's mediating?", ""},
		{"nickname mention", discordgo.Message{ID: "2", ChannelID: "4", GuildID: "5", Author: user, Content: "hey <@!" + discordtest.BotID + ">, what's the deal?"}, "hey , what's the deal?", ""},
		{"command after mention", discordgo.Message{ID: "3", ChannelID: "4", GuildID: "5", Author: user, Content: "<@" + discordtest.BotID + "> /figures", Mentions: []*discordgo.User{bot}}, "", "figures"},
		{"direct message", discordgo.Message{ID: "4", ChannelID: "9", Author: user, Content: "who's mediating?"}, "who's mediating?", ""},
		{"no mention in a guild", discordgo.Message{ID: "5", ChannelID: "4", GuildID: "5", Author: user, Content: "who's mediating?"}, "-", ""},
		{"another bot", discordgo.Message{ID: "6", ChannelID: "4", GuildID: "5", Author: &discordgo.User{ID: "700", Bot: true}, Content: "<@" + discordtest.BotID + "> hi", Mentions: []*discordgo.User{bot}}, "-", ""},
		{"itself", discordgo.Message{ID: "7", ChannelID: "9", Author: &discordgo.User{ID: discordtest.BotID}, Content: "an answer"}, "-", ""},
		{"a webhook", discordgo.Message{ID: "8", ChannelID: "4", GuildID: "5", WebhookID: "11", Author: user, Content: "<@" + discordtest.BotID + "> hi"}, "-", ""},
		{"no author", discordgo.Message{ID: "9", ChannelID: "4", Content: "hi"}, "-", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := discordtest.NewServer(t)
			h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) { return chat.Reply{Text: "ok"}, nil }}
			a, err := New(Config{BotToken: "t", APIURL: f.URL()}, h)
			if err != nil {
				t.Fatal(err)
			}
			a.session.State.User = &discordgo.User{ID: discordtest.BotID} // as READY leaves it
			msg := tt.msg
			a.onMessage(a.session, &discordgo.MessageCreate{Message: &msg})
			reqs := h.requests()
			if tt.wantText == "-" {
				if len(reqs) != 0 || f.Count("POST", "/") != 0 {
					t.Errorf("handled %+v and posted %d messages, want the message ignored", reqs, f.Count("POST", "/"))
				}
				return
			}
			if len(reqs) != 1 || reqs[0].Text != tt.wantText || reqs[0].Command != tt.wantCmd {
				t.Fatalf("handler saw %+v, want text %q command %q", reqs, tt.wantText, tt.wantCmd)
			}
			if n := f.Count("POST", "/api/v9/channels/"+msg.ChannelID+"/messages"); n != 1 {
				t.Errorf("%d replies posted, want 1", n)
			}
		})
	}
}

func TestDiscordGatewayDeferral(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return chat.Reply{}, ctx.Err()
		}
		return chat.Reply{Brief: &briefing.Brief{Headline: "Talks resume", Bullets: []string{"Envoys meet in Cairo."}}}, nil
	}}
	f := discordtest.NewServer(t)
	startGateway(t, f, h, Config{}, WithDeferAfter(10*time.Millisecond))
	f.Dispatch("INTERACTION_CREATE", interactionEvent("811", "brief"))
	// The handler is still blocked, so the first response can only be a deferral.
	got := f.WaitRequests("POST", "/api/v9/interactions/811/", 1)
	if resp := callback(t, got[0]); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response = %s, want type 5", got[0].Body)
	}
	if n := f.Count("POST", "/api/v9/webhooks/"); n != 0 {
		t.Fatalf("%d follow-ups before the answer was ready", n)
	}
	close(release)
	fu := f.WaitRequests("POST", "/api/v9/webhooks/"+discordtest.AppID+"/tok-811", 1)
	var params discordgo.WebhookParams
	if err := json.Unmarshal(fu[0].Body, &params); err != nil {
		t.Fatal(err)
	}
	if len(params.Embeds) != 1 || params.Embeds[0].Title != "Talks resume" {
		t.Errorf("follow-up = %s, want the brief's embed", fu[0].Body)
	}
	if n := f.Count("POST", "/api/v9/interactions/811/"); n != 1 {
		t.Errorf("%d interaction callbacks, want 1", n)
	}
}

func TestDiscordGatewayPanickingHandler(t *testing.T) {
	t.Parallel()
	h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		if req.Text == "boom" {
			panic("handler bug")
		}
		return chat.Reply{Text: "still here"}, nil
	}}
	f := discordtest.NewServer(t)
	startGateway(t, f, h, Config{}, WithDeferAfter(time.Minute))
	f.Dispatch("INTERACTION_CREATE", interactionEvent("821", "ask", stringOpt("question", "boom")))
	got := f.WaitRequests("POST", "/api/v9/interactions/821/", 1)
	if resp := callback(t, got[0]); resp.Data == nil || resp.Data.Content != chat.UserMessage(nil) {
		t.Errorf("answer to a panicking handler = %s, want the apology", got[0].Body)
	}
	f.Dispatch("INTERACTION_CREATE", interactionEvent("822", "ask", stringOpt("question", "still there?")))
	got = f.WaitRequests("POST", "/api/v9/interactions/822/", 1)
	if resp := callback(t, got[0]); resp.Data == nil || resp.Data.Content != "still here" {
		t.Errorf("answer after the panic = %s, want %q", got[0].Body, "still here")
	}
}

func TestDiscordGatewayResumeAnswersOnce(t *testing.T) {
	t.Parallel()
	h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		return chat.Reply{Text: "answer to " + req.Text}, nil
	}}
	f := discordtest.NewServer(t)
	a := newGateway(t, f, h, Config{}, WithDeferAfter(time.Minute))
	// Handle events one at a time, in order, so that once the last one is
	// answered the replayed one has been handled too.
	a.session.SyncEvents = true
	run(t, f, a)
	f.Dispatch("INTERACTION_CREATE", interactionEvent("831", "ask", stringOpt("question", "first")))
	f.WaitRequests("POST", "/api/v9/interactions/831/", 1)

	f.ReplayOnResume(true) // Discord may deliver an event again after a resume
	f.Drop()
	f.WaitConnected(2)
	resumes, identifies := len(f.Resumes()), len(f.Identifies())
	var resume struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	err := json.Unmarshal(f.Resumes()[0], &resume)
	if err != nil {
		t.Fatal(err)
	}
	if resumes != 1 || identifies != 1 || resume.SessionID != discordtest.SessionID || resume.Seq != 2 {
		t.Errorf("after a drop: %d resumes %+v and %d identifies, want one resume of %q at seq 2", resumes, resume, identifies, discordtest.SessionID)
	}
	waitReady(t, a)
	f.Dispatch("INTERACTION_CREATE", interactionEvent("832", "ask", stringOpt("question", "second")))
	f.WaitRequests("POST", "/api/v9/interactions/832/", 1)
	if n := f.Count("POST", "/api/v9/interactions/831/"); n != 1 {
		t.Errorf("interaction 831 answered %d times, want once", n)
	}
	if reqs := h.requests(); len(reqs) != 2 {
		t.Errorf("handler ran %d times, want 2: %+v", len(reqs), reqs)
	}
}

func TestDiscordReadyWithoutGateway(t *testing.T) {
	a, err := New(Config{PublicKey: strings.Repeat("ab", 32)}, &stubHandler{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Ready(context.Background()); err != nil {
		t.Errorf("Ready of an HTTP-only adapter = %v, want nil", err)
	}
	b, err := New(Config{BotToken: "t"}, &stubHandler{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Ready(context.Background()); err == nil {
		t.Error("Ready of a gateway adapter that never connected = nil, want an error")
	}
}

func TestDiscordNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"nothing", Config{}, "bot token"},
		{"short key", Config{PublicKey: "abcd"}, "public key"},
		{"not hex", Config{PublicKey: strings.Repeat("zz", 32)}, "public key"},
		{"bad api url", Config{BotToken: "t", APIURL: "ftp://x"}, "API URL"},
		{"shard out of range", Config{BotToken: "t", ShardID: 2, ShardCount: 2}, "shard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, &stubHandler{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestDiscordConfigLogValueHidesToken(t *testing.T) {
	c := Config{BotToken: "very-secret-token", AppID: "1"}
	for _, s := range []string{c.LogValue().String(), fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)} {
		if strings.Contains(s, "very-secret-token") || !strings.Contains(s, "gateway") {
			t.Errorf("%s shows the token, or not the settings", s)
		}
	}
}

// waitReady waits until a reports ready: the gateway marks itself up just
// after its first heartbeat, which the fake does not see.
func waitReady(t *testing.T, a *Adapter) {
	t.Helper()
	var err error
	for range 500 {
		if err = a.Ready(context.Background()); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("Ready: %v", err)
}

// testLogger logs to the test's log until the test ends.
func testLogger(t *testing.T) *slog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
	})
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct {
	t    *testing.T
	mu   sync.Mutex
	done bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}
