package discord

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/discord/discordtest"
	"github.com/briefbot/briefbot/briefing"
)

// postAdapter is an adapter with a bot token that posts to the fake, on a
// clock the test moves.
func postAdapter(t *testing.T, f *discordtest.Server, now *time.Time) (*Adapter, *countingMetrics) {
	t.Helper()
	m := &countingMetrics{}
	a, err := New(Config{BotToken: "test-token", APIURL: f.URL()}, &stubHandler{},
		WithMetrics(m), WithBackoff(time.Millisecond), WithClock(func() time.Time { return *now }), WithLogger(testLogger(t)))
	if err != nil {
		t.Fatal(err)
	}
	return a, m
}

func TestDiscordPostRetries(t *testing.T) {
	const path = "/api/v9/channels/400/messages"
	tests := []struct {
		name         string
		status       int
		body         string
		header       map[string]string
		wantRequests int
		wantErr      string
		wantMetrics  []string
	}{
		{"rate limited", 429, `{"message":"You are being rate limited.","retry_after":0.01,"global":false}`, map[string]string{"Retry-After": "1"}, 2, "", []string{"discord:rate_limited", "discord:ok"}},
		{"bad gateway", 502, `<html>bad gateway</html>`, nil, 2, "", []string{"discord:retry", "discord:ok"}},
		{"internal error", 500, `{"message":"Internal Server Error","code":0}`, nil, 2, "", []string{"discord:retry", "discord:ok"}},
		{"bad request", 400, `{"message":"Invalid Form Body","code":50035}`, nil, 1, "Invalid Form Body", []string{"discord:error"}},
		{"rate limited for hours", 429, `{"message":"You are being rate limited.","retry_after":7200}`, nil, 1, "rate limited for 2h0m0s", []string{"discord:rate_limited"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := discordtest.NewServer(t)
			now := testNow
			a, m := postAdapter(t, f, &now)
			f.FailNext("POST", path, tt.status, tt.body, tt.header)
			err := a.Post(context.Background(), "400", chat.Reply{Text: "digest"})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Post: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Post = %v, want an error with %q", err, tt.wantErr)
			}
			got := f.WaitRequests("POST", path, tt.wantRequests)
			if len(got) != tt.wantRequests {
				t.Errorf("%d requests, want %d", len(got), tt.wantRequests)
			}
			// A retry repeats the nonce Discord deduplicates on: never two messages.
			var nonces []string
			for _, r := range got {
				var b struct {
					Nonce        string `json:"nonce"`
					EnforceNonce bool   `json:"enforce_nonce"`
				}
				if err := json.Unmarshal(r.Body, &b); err != nil || b.Nonce == "" || !b.EnforceNonce {
					t.Fatalf("body %s: want an enforced nonce", r.Body)
				}
				nonces = append(nonces, b.Nonce)
			}
			if len(slices.Compact(nonces)) != 1 {
				t.Errorf("nonces %q differ between tries", nonces)
			}
			if got := m.outcomes(); !slices.Equal(got, tt.wantMetrics) {
				t.Errorf("metrics = %q, want %q", got, tt.wantMetrics)
			}
		})
	}
}

func TestDiscordFollowUpNotRetriedAfterServerError(t *testing.T) {
	// A follow-up cannot be deduplicated: after a 500 it may exist already.
	tests := []struct {
		status       int
		wantRequests int
	}{{500, 1}, {503, 2}, {429, 2}}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			f := discordtest.NewServer(t)
			now := testNow
			a, _ := postAdapter(t, f, &now)
			f.FailNext("POST", "/api/v9/webhooks/", tt.status, `{"message":"x","retry_after":0.01}`, nil)
			i := &discordgo.Interaction{ID: "9", AppID: discordtest.AppID, Token: "tok"}
			a.followUp(context.Background(), i, render(chat.Reply{Text: "late answer"}))
			if n := f.Count("POST", "/api/v9/webhooks/"+discordtest.AppID+"/tok"); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
		})
	}
}

func TestDiscordBreakerStopsInvalidRequests(t *testing.T) {
	f := discordtest.NewServer(t)
	now := testNow
	a, _ := postAdapter(t, f, &now)
	ctx := context.Background()

	// A 403 pauses posting to that channel only.
	f.FailNext("POST", "/api/v9/channels/400/", 403, `{"message":"Missing Permissions","code":50013}`, nil)
	if err := a.Post(ctx, "400", chat.Reply{Text: "a"}); err == nil {
		t.Fatal("Post to a forbidden channel succeeded")
	}
	if err := a.Post(ctx, "400", chat.Reply{Text: "b"}); !errors.Is(err, errCircuitOpen) {
		t.Errorf("second Post to the forbidden channel = %v, want the breaker's error", err)
	}
	if err := a.Post(ctx, "401", chat.Reply{Text: "c"}); err != nil {
		t.Errorf("Post to another channel = %v, want it to go through", err)
	}

	// A 401 pauses everything, and readiness says why.
	f.FailNext("POST", "/api/v9/channels/402/", 401, `{"message":"401: Unauthorized","code":0}`, nil)
	if err := a.Post(ctx, "402", chat.Reply{Text: "d"}); err == nil || !strings.Contains(err.Error(), "rejected the bot token") {
		t.Fatalf("Post with a revoked token = %v", err)
	}
	before := f.Count("POST", "/")
	for range 100 {
		if err := a.Post(ctx, "401", chat.Reply{Text: "e"}); !errors.Is(err, errCircuitOpen) {
			t.Fatalf("Post while the token is rejected = %v, want the breaker's error", err)
		}
	}
	if n := f.Count("POST", "/") - before; n != 0 {
		t.Errorf("%d requests sent with a rejected token, want 0", n)
	}
	if err := a.Ready(ctx); err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Errorf("Ready = %v, want the token rejection", err)
	}

	// After the pause one request tries again; success closes the breaker.
	now = now.Add(2 * time.Minute)
	if err := a.Post(ctx, "401", chat.Reply{Text: "f"}); err != nil {
		t.Errorf("Post after the pause = %v", err)
	}
}

func TestDiscordBreakerPauseGrows(t *testing.T) {
	var b breaker
	now := testNow
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 30 * time.Minute, 30 * time.Minute} {
		b.trip("k", now)
		if b.allow("k", now.Add(want-time.Second)) == nil || b.allow("k", now.Add(want)) != nil {
			t.Errorf("strike %d: want a pause of %s", i+1, want)
		}
	}
	b.reset("k")
	if err := b.allow("k", now); err != nil {
		t.Errorf("after reset: %v", err)
	}
}

func TestDiscordCallStopsWithContext(t *testing.T) {
	f := discordtest.NewServer(t)
	now := testNow
	a, _ := postAdapter(t, f, &now)
	f.FailNext("POST", "/api/v9/channels/400/", 429, `{"message":"slow down","retry_after":30}`, nil)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Post(ctx, "400", chat.Reply{Text: "a"}) }()
	f.WaitRequests("POST", "/api/v9/channels/400/", 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("Post cancelled while waiting out a rate limit = %v, want context.Canceled", err)
	}
}

func TestDiscordPostNeedsToken(t *testing.T) {
	a, err := New(Config{PublicKey: strings.Repeat("ab", 32)}, &stubHandler{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Post(context.Background(), "400", chat.Reply{Text: "x"}); err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
		t.Errorf("Post without a token = %v, want an error naming DISCORD_BOT_TOKEN", err)
	}
}

func TestDiscordPostToForumStartsThread(t *testing.T) {
	f := discordtest.NewServer(t)
	now := testNow
	a, _ := postAdapter(t, f, &now)
	f.FailNext("POST", "/api/v9/channels/450/messages", 400, `{"message":"Cannot send messages in a non-text channel","code":50008}`, nil)
	f.FailNext("POST", "/api/v9/channels/450/threads", 201, `{"id":"451","type":11,"parent_id":"450"}`, nil)
	stories := make([]chat.DigestStory, 12) // more embeds than one message holds
	for i := range stories {
		stories[i] = chat.DigestStory{Brief: briefing.Brief{Headline: "Story " + strconv.Itoa(i)}}
	}
	if err := a.Post(context.Background(), "450", chat.Reply{Digest: &chat.Digest{Title: "Daily briefing", Stories: stories}}); err != nil {
		t.Fatalf("Post to a forum: %v", err)
	}
	threads := f.WaitRequests("POST", "/api/v9/channels/450/threads", 1)
	var start struct {
		Name    string `json:"name"`
		Message struct {
			Embeds []json.RawMessage `json:"embeds"`
		} `json:"message"`
	}
	if err := json.Unmarshal(threads[0].Body, &start); err != nil {
		t.Fatal(err)
	}
	if start.Name != "Daily briefing" || len(start.Message.Embeds) == 0 {
		t.Errorf("thread start = %s, want a thread named after the digest with its first message", threads[0].Body)
	}
	if n := f.Count("POST", "/api/v9/channels/451/messages"); n != 1 {
		t.Errorf("%d further messages in the thread, want 1", n)
	}
	if n := f.Count("POST", "/api/v9/channels/450/"); n != 2 {
		t.Errorf("%d posts to the forum itself, want 2 (the refused message and the thread)", n)
	}
}
