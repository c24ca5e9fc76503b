package slack

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack/slackevents"

	"github.com/briefbot/briefbot/adapters/chat"
)

// sleepRecorder stands in for the retry policy's sleep.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func TestPostRetries(t *testing.T) {
	tests := []struct {
		name      string
		failures  []fakeFailure
		wantErr   string
		wantCalls int
		// wantWaits bounds each wait between retries.
		wantWaits [][2]time.Duration
		wantCount map[string]int
	}{
		{name: "ok", wantCalls: 1, wantCount: map[string]int{"slack/ok": 1}},
		{
			name:      "429 honours Retry-After",
			failures:  []fakeFailure{{status: 429, retryAfter: "7"}, {status: 429, retryAfter: "2"}},
			wantCalls: 3,
			wantWaits: [][2]time.Duration{{7 * time.Second, 7700 * time.Millisecond}, {2 * time.Second, 2200 * time.Millisecond}},
			wantCount: map[string]int{"slack/rate_limited": 2, "slack/ok": 1},
		},
		{
			name:      "429 without Retry-After waits at least a second",
			failures:  []fakeFailure{{status: 429}},
			wantCalls: 2,
			wantWaits: [][2]time.Duration{{time.Second, 30 * time.Second}},
			wantCount: map[string]int{"slack/rate_limited": 1, "slack/ok": 1},
		},
		{
			name:      "5xx backs off with jitter",
			failures:  []fakeFailure{{status: 503}, {status: 502}},
			wantCalls: 3,
			wantWaits: [][2]time.Duration{{250 * time.Millisecond, 500 * time.Millisecond}, {500 * time.Millisecond, time.Second}},
			wantCount: map[string]int{"slack/retry": 2, "slack/ok": 1},
		},
		{
			name:      "timeout is retried",
			failures:  []fakeFailure{{hang: true}},
			wantCalls: 2,
			wantWaits: [][2]time.Duration{{250 * time.Millisecond, 500 * time.Millisecond}},
			wantCount: map[string]int{"slack/retry": 1, "slack/ok": 1},
		},
		{
			name:      "5xx until the attempts run out",
			failures:  []fakeFailure{{status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}},
			wantErr:   "after 4 attempts",
			wantCalls: 4,
			wantWaits: [][2]time.Duration{{250 * time.Millisecond, 500 * time.Millisecond}, {500 * time.Millisecond, time.Second}, {time.Second, 2 * time.Second}},
			wantCount: map[string]int{"slack/retry": 3, "slack/error": 1},
		},
		{
			name:      "Slack error is final",
			failures:  []fakeFailure{{slackError: "channel_not_found"}},
			wantErr:   "channel_not_found",
			wantCalls: 1,
			wantCount: map[string]int{"slack/error": 1},
		},
		{
			name:      "Retry-After too long is final",
			failures:  []fakeFailure{{status: 429, retryAfter: "3600"}},
			wantErr:   "rate limit",
			wantCalls: 1,
			wantCount: map[string]int{"slack/error": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSlack(t)
			f.FailNext(tt.failures...)
			m := &recordingMetrics{}
			a, err := New(&answering{}, Config{BotToken: "xoxb-test", APIURL: f.srv.URL}, WithMetrics(m))
			if err != nil {
				t.Fatal(err)
			}
			rec := &sleepRecorder{}
			a.retry.sleep = rec.sleep
			a.retry.timeout = 100 * time.Millisecond
			err = a.Post(context.Background(), "C1", chat.Reply{Text: "digest"})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Post: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Post = %v, want an error with %q", err, tt.wantErr)
			}
			if got := f.Calls("chat.postMessage"); got != tt.wantCalls {
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
			if len(rec.waits) != len(tt.wantWaits) {
				t.Fatalf("waited %v, want %d waits", rec.waits, len(tt.wantWaits))
			}
			for i, w := range rec.waits {
				if w < tt.wantWaits[i][0] || w > tt.wantWaits[i][1] {
					t.Errorf("wait %d = %v, want within %v", i, w, tt.wantWaits[i])
				}
			}
			for k, want := range tt.wantCount {
				if got := m.Count(k); got != want {
					t.Errorf("metric %s = %d, want %d", k, got, want)
				}
			}
			if err == nil {
				if p := f.WaitPost(t); p.Channel != "C1" || p.Text != "digest" {
					t.Errorf("posted %+v", p)
				}
			}
			f.NoMorePosts(t)
		})
	}
}

func TestPanickingHandlerDoesNotStopTheBot(t *testing.T) {
	f := newFakeSlack(t)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
		return chat.Reply{Text: "still here"}, nil
	})
	_, base := startAdapter(t, f, h, Config{}, WithWorkers(1))
	for _, p := range []string{"app_mention.json", "message_im.json"} {
		if status, body := do(t, signedRequest(t, base, "/slack/events", payload(t, p), "application/json")); status != http.StatusOK {
			t.Fatalf("%s: status %d %q", p, status, body)
		}
	}
	if p := f.WaitPost(t); p.Channel != "D1" || !strings.Contains(p.Text, "still here") {
		t.Errorf("posted %+v, want the second answer", p)
	}
}

func TestShutdownFinishesAnswersInHand(t *testing.T) {
	f := newFakeSlack(t)
	started := make(chan struct{})
	release := make(chan struct{})
	h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		close(started)
		<-release
		return chat.Reply{Text: "late but delivered"}, nil
	})
	a, err := New(h, Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	waitReady(t, a)
	if err := a.acceptEvent(mustParse(t, "message_im.json"), 0); err != nil {
		t.Fatal(err)
	}
	<-started
	cancel()
	if err := a.acceptEvent(mustParse(t, "app_mention.json"), 0); err == nil {
		// Intake may still be open for a moment; then it is answered too.
		t.Log("accepted during shutdown")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if p := f.WaitPost(t); !strings.Contains(p.Text, "late but delivered") {
		t.Errorf("posted %+v", p)
	}
	if err := a.acceptEvent(mustParse(t, "app_mention_thread.json"), 0); !errors.Is(err, errStopped) {
		t.Errorf("accept after Run returned = %v, want errStopped", err)
	}
}

func TestQueueFullLeavesDeliveryForRetry(t *testing.T) {
	f := newFakeSlack(t)
	a, err := New(&answering{}, Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: f.srv.URL}, WithQueueSize(1))
	if err != nil {
		t.Fatal(err)
	}
	// No Run: nothing drains the queue.
	if err := a.acceptEvent(mustParse(t, "message_im.json"), 0); err != nil {
		t.Fatal(err)
	}
	if err := a.acceptEvent(mustParse(t, "app_mention.json"), 0); !errors.Is(err, errBusy) {
		t.Fatalf("accept with a full queue = %v, want errBusy", err)
	}
	<-a.queue
	// The refused delivery was not remembered: its retry is accepted.
	if err := a.acceptEvent(mustParse(t, "app_mention.json"), 1); err != nil {
		t.Fatalf("retry after the queue drained: %v", err)
	}
	if len(a.queue) != 1 {
		t.Errorf("queue holds %d jobs, want 1", len(a.queue))
	}
}

func TestCanManage(t *testing.T) {
	tests := []struct {
		admins []string
		user   string
		want   bool
	}{
		{nil, "U1", true},
		{[]string{"U1", " U2 "}, "U2", true},
		{[]string{"U1"}, "U3", false},
	}
	for _, tt := range tests {
		a, err := New(&answering{}, Config{BotToken: "xoxb-test", Admins: tt.admins})
		if err != nil {
			t.Fatal(err)
		}
		if got := a.canManage(tt.user); got != tt.want {
			t.Errorf("admins %q: canManage(%s) = %v, want %v", tt.admins, tt.user, got, tt.want)
		}
	}
}

func TestTrustedResponseURL(t *testing.T) {
	a, err := New(&answering{}, Config{BotToken: "xoxb-test", APIURL: "http://127.0.0.1:9999"})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{
		"https://hooks.slack.com/commands/T1/1/abc":   true,
		"http://127.0.0.1:9999/hooks/1":               true,
		"http://hooks.slack.com/commands/T1/1/abc":    false,
		"https://hooks.slack.com.evil.example/x":      false,
		"https://evil.example/hooks.slack.com":        false,
		"https://user:pw@hooks.slack.com/commands/x":  false,
		"http://127.0.0.1:9998/hooks/1":               false,
		"https://hooks.slack.com:8443/commands/T1/1/": false,
		"":            false,
		"::not a url": false,
	}
	for u, want := range tests {
		if got := a.trustedResponseURL(u); got != want {
			t.Errorf("trustedResponseURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no bot token", Config{}},
		{"API URL not http", Config{BotToken: "x", APIURL: "ftp://example.com"}},
		{"API URL without host", Config{BotToken: "x", APIURL: "http://"}},
	}
	for _, tt := range tests {
		if _, err := New(&answering{}, tt.cfg); err == nil {
			t.Errorf("%s: New succeeded", tt.name)
		}
	}
	a, err := New(&answering{}, Config{BotToken: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Register(http.NewServeMux()); err == nil {
		t.Error("Register without a signing secret succeeded")
	}
}

func TestConfigLogValueRedacts(t *testing.T) {
	cfg := Config{BotToken: "xoxb-secret-1", AppToken: "xapp-secret-2", SigningSecret: "secret-3", APIURL: "http://x"}
	got := cfg.LogValue().String()
	for _, s := range []string{"xoxb-secret-1", "xapp-secret-2", "secret-3"} {
		if strings.Contains(got, s) {
			t.Errorf("log value %q shows a secret", got)
		}
	}
}

func mustParse(t *testing.T, name string) slackevents.EventsAPIEvent {
	t.Helper()
	ev, err := parseEventsAPI(payload(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestAPIURLForms(t *testing.T) {
	f := newFakeSlack(t)
	for _, u := range []string{f.srv.URL, f.srv.URL + "/", f.srv.URL + "/api", f.srv.URL + "/api/"} {
		a, err := New(&answering{}, Config{BotToken: "xoxb-test", APIURL: u})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Post(context.Background(), "C1", chat.Reply{Text: "hello"}); err != nil {
			t.Errorf("API URL %q: %v", u, err)
			continue
		}
		f.WaitPost(t)
	}
}
