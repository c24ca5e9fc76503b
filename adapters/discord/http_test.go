package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/discord/discordtest"
	"github.com/briefbot/briefbot/briefing"
)

// testNow is the clock of the HTTP tests.
var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// signer signs interactions as Discord does, with a key generated for the test.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

func (s signer) hexKey() string { return hex.EncodeToString(s.pub) }

// request returns a signed POST /discord/interactions carrying body, signed at ts.
func (s signer) request(body []byte, ts time.Time) *http.Request {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(stamp), body...))
	r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", stamp)
	r.Header.Set("Content-Type", "application/json")
	return r
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newHTTPAdapter(t *testing.T, s signer, h Handler, apiURL string, opts ...Option) *Adapter {
	t.Helper()
	a, err := New(Config{PublicKey: s.hexKey(), APIURL: apiURL}, h,
		append([]Option{WithClock(func() time.Time { return testNow }), WithBackoff(time.Millisecond), WithLogger(testLogger(t))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDiscordHTTPInteractions(t *testing.T) {
	s := newSigner(t)
	other := newSigner(t)
	engine := sampleEngine(t)
	a := newHTTPAdapter(t, s, chat.NewRouter(engine), "http://127.0.0.1:1", WithDeferAfter(time.Minute))
	ping := mustJSON(t, map[string]any{"id": "1", "application_id": discordtest.AppID, "type": 1, "token": "t", "version": 1})
	brief := mustJSON(t, interactionEvent("2", "brief"))

	tests := []struct {
		name       string
		req        func() *http.Request
		wantStatus int
		wantType   discordgo.InteractionResponseType
		wantError  string
	}{
		{"ping", func() *http.Request { return s.request(ping, testNow) }, 200, discordgo.InteractionResponsePong, ""},
		{"command", func() *http.Request { return s.request(brief, testNow.Add(-time.Minute)) }, 200, discordgo.InteractionResponseChannelMessageWithSource, ""},
		{"tampered body", func() *http.Request {
			r := s.request(ping, testNow)
			r.Body = httptestBody(bytes.Replace(ping, []byte(`"type":1`), []byte(`"type":2`), 1))
			return r
		}, 401, 0, "invalid request signature"},
		{"tampered timestamp", func() *http.Request {
			r := s.request(ping, testNow)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(testNow.Unix()+1, 10))
			return r
		}, 401, 0, "invalid request signature"},
		{"another key", func() *http.Request { return other.request(ping, testNow) }, 401, 0, "invalid request signature"},
		{"no signature", func() *http.Request {
			r := s.request(ping, testNow)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, 401, 0, "invalid request signature"},
		{"signature not hex", func() *http.Request {
			r := s.request(ping, testNow)
			r.Header.Set("X-Signature-Ed25519", "zz")
			return r
		}, 401, 0, "invalid request signature"},
		{"stale", func() *http.Request { return s.request(ping, testNow.Add(-5*time.Minute-time.Second)) }, 401, 0, "stale request timestamp"},
		{"from the future", func() *http.Request { return s.request(ping, testNow.Add(6*time.Minute)) }, 401, 0, "stale request timestamp"},
		{"timestamp not a number", func() *http.Request {
			body := ping
			sig := ed25519.Sign(s.priv, append([]byte("yesterday"), body...))
			r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
			r.Header.Set("X-Signature-Timestamp", "yesterday")
			return r
		}, 401, 0, "invalid request timestamp"},
		{"signed garbage", func() *http.Request { return s.request([]byte(`{"type":`), testNow) }, 400, 0, "malformed interaction"},
		{"signed unsupported type", func() *http.Request {
			return s.request(mustJSON(t, map[string]any{"id": "3", "type": 3, "token": "t", "data": map[string]any{"custom_id": "x"}}), testNow)
		}, 400, 0, "unsupported interaction type 3"},
		{"command without token", func() *http.Request {
			ev := interactionEvent("4", "brief")
			delete(ev, "token")
			return s.request(mustJSON(t, ev), testNow)
		}, 400, 0, "interaction without id or token"},
		{"too large", func() *http.Request {
			return s.request(append([]byte(`{"type":1,"pad":"`), bytes.Repeat([]byte("x"), maxInteractionBody)...), testNow)
		}, 413, 0, "request body too large"},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/discord/interactions", nil) }, 405, 0, "use POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			a.ServeHTTP(w, tt.req())
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d (%s), want %d", w.Code, w.Body, tt.wantStatus)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if tt.wantError != "" {
				var e struct{ Error string }
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error != tt.wantError {
					t.Errorf("body = %s, want error %q", w.Body, tt.wantError)
				}
				return
			}
			var resp discordgo.InteractionResponse
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.Type != tt.wantType {
				t.Errorf("response = %s, want type %d", w.Body, tt.wantType)
			}
			if tt.wantType == discordgo.InteractionResponseChannelMessageWithSource {
				if resp.Data == nil || len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != engine.Brief().Headline {
					t.Errorf("response = %s, want the brief's embed", w.Body)
				}
			}
		})
	}
}

func httptestBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestDiscordHTTPNotConfigured(t *testing.T) {
	a, err := New(Config{BotToken: "t"}, &stubHandler{})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	a.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader("{}")))
	if w.Code != http.StatusNotFound {
		t.Errorf("status without a public key = %d, want 404", w.Code)
	}
}

func TestDiscordHTTPDeferralAndFollowUps(t *testing.T) {
	s := newSigner(t)
	f := discordtest.NewServer(t)
	release := make(chan struct{})
	figures := make([]briefing.Figure, 60) // more than one message of embeds holds
	for i := range figures {
		figures[i] = briefing.Figure{Text: strconv.Itoa(i + 1), Label: strings.Repeat("hostages released in the first phase ", 5)}
	}
	h := &stubHandler{fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		<-release
		return chat.Reply{Figures: figures}, nil
	}}
	a := newHTTPAdapter(t, s, h, f.URL(), WithDeferAfter(10*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	w := httptest.NewRecorder()
	a.ServeHTTP(w, s.request(mustJSON(t, interactionEvent("5", "figures")), testNow))
	var resp discordgo.InteractionResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if w.Code != 200 || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("response = %d %s, want 200 with type 5", w.Code, w.Body)
	}
	close(release)
	want := len(render(chat.Reply{Figures: figures}))
	if want < 2 {
		t.Fatalf("the test's reply renders to %d message, want several", want)
	}
	got := f.WaitRequests("POST", "/api/v9/webhooks/"+discordtest.AppID+"/tok-5", want)
	var fields int
	for _, r := range got {
		var p discordgo.WebhookParams
		if err := json.Unmarshal(r.Body, &p); err != nil {
			t.Fatal(err)
		}
		checkLimits(t, message{Content: p.Content, Embeds: p.Embeds})
		for _, e := range p.Embeds {
			fields += len(e.Fields)
		}
	}
	if fields != len(figures) {
		t.Errorf("follow-ups carry %d figures, want all %d", fields, len(figures))
	}
	if n := f.Count("POST", "/api/v9/interactions/"); n != 0 {
		t.Errorf("%d REST callbacks for an interaction answered over HTTP, want 0", n)
	}
}

// FuzzInteraction feeds signed arbitrary bodies to the endpoint: whatever
// they hold, the answer is a 200 or a 4xx, never a panic or a 5xx.
func FuzzInteraction(f *testing.F) {
	for _, seed := range []string{
		`{"id":"1","type":1,"token":"t"}`,
		`{"id":"2","type":2,"token":"t","data":{"name":"ask","options":[{"name":"question","type":3,"value":"who?"}]}}`,
		`{"id":"3","type":2,"token":"t","data":{"name":"digest","options":[{"name":"subscribe","type":1,"options":[{"name":"time","type":3,"value":8}]}]}}`,
		`{"id":"4","type":2,"token":"t","data":{"name":"digest","options":[null]}}`,
		`{"id":"5","type":2,"token":"t","data":"not an object"}`,
		`{"id":"6","type":2,"token":"t","member":{"permissions":"x"},"data":{"name":"who"}}`,
		`{"id":"7","type":5,"token":"t","data":{"custom_id":"m","components":[]}}`,
		`[]`, `null`, ``,
	} {
		f.Add([]byte(seed))
	}
	s := newSigner(f)
	h := &stubHandler{commands: nil, fn: func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		return chat.Reply{Text: req.Command + " " + req.Text}, nil
	}}
	a, err := New(Config{PublicKey: s.hexKey(), APIURL: "http://127.0.0.1:1"}, h,
		WithClock(func() time.Time { return testNow }), WithDeferAfter(time.Minute))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w := httptest.NewRecorder()
		a.ServeHTTP(w, s.request(body, testNow))
		if w.Code != http.StatusOK && (w.Code < 400 || w.Code > 499) {
			t.Errorf("status %d for %q: %s", w.Code, body, w.Body)
		}
	})
}
