package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

func payload(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// do sends req and returns the status and body.
func do(t testing.TB, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// answering is a handler that answers every question with the same answer
// and records the requests.
type answering struct {
	mu   sync.Mutex
	reqs []chat.Request
}

func (h *answering) Handle(ctx context.Context, req chat.Request) (chat.Reply, error) {
	h.mu.Lock()
	h.reqs = append(h.reqs, req)
	h.mu.Unlock()
	if req.Command == "figures" {
		return chat.Reply{Figures: []briefing.Figure{{Text: "251", Label: "hostages taken"}}}, nil
	}
	return chat.Reply{Answer: &briefing.Answer{Question: req.Text, Text: "20 living hostages", Sentence: "All 20 living hostages would be released.", Source: "Gaza talks"}}, nil
}

func (h *answering) Requests() []chat.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]chat.Request(nil), h.reqs...)
}

func TestHTTPEvents(t *testing.T) {
	tests := []struct {
		payload     string
		wantPost    bool
		wantChannel string
		wantThread  string
		wantText    string // what the bot was asked
	}{
		{"app_mention.json", true, "C1", "1515449522.000016", "what's the hostage deal? & who mediates?"},
		{"app_mention_thread.json", true, "C1", "1515449522.000016", "and how many hostages?"},
		{"message_im.json", true, "D1", "", "who is mediating?"},
		{"app_mention_from_bot.json", false, "", "", ""},
		{"message_im_own.json", false, "", "", ""},
		{"message_channel.json", false, "", "", ""},
		// The message event Slack sends alongside an app_mention.
		{"message_mention.json", true, "C1", "1515449522.000016", "what's the hostage deal? & who mediates?"},
		// A reply in a thread the bot never joined.
		{"message_thread_reply.json", false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.payload, func(t *testing.T) {
			f := newFakeSlack(t)
			h := &answering{}
			_, base := startAdapter(t, f, h, Config{}, WithWorkers(1))
			status, body := do(t, signedRequest(t, base, "/slack/events", payload(t, tt.payload), "application/json"))
			if status != http.StatusOK {
				t.Fatalf("status %d %q, want 200", status, body)
			}
			// A direct message after it: with one worker, whatever the
			// first delivery queued is posted first.
			sentinel := []byte(strings.ReplaceAll(strings.ReplaceAll(string(payload(t, "message_im.json")), "Ev0004", "EvSentinel"), "1355517523.000005", "1355517999.000001"))
			sentinel = []byte(strings.ReplaceAll(string(sentinel), "0c2f7e8e-2a7d-4e61-8d51-2b6f1f1e9a10", "sentinel"))
			if status, body := do(t, signedRequest(t, base, "/slack/events", sentinel, "application/json")); status != http.StatusOK {
				t.Fatalf("sentinel: status %d %q", status, body)
			}
			p := f.WaitPost(t)
			if !tt.wantPost {
				if p.Channel != "D1" || len(h.Requests()) != 1 {
					t.Fatalf("an ignored event was answered: %+v", p)
				}
				return
			}
			if p.Method != "chat.postMessage" || p.Channel != tt.wantChannel || p.ThreadTS != tt.wantThread {
				t.Errorf("posted %s to %q thread %q, want chat.postMessage to %q thread %q", p.Method, p.Channel, p.ThreadTS, tt.wantChannel, tt.wantThread)
			}
			if got := h.Requests()[0]; got.Text != tt.wantText || got.Platform != "slack" || got.Command != "" {
				t.Errorf("asked %+v, want text %q", got, tt.wantText)
			}
			if !strings.Contains(p.Blocks, `"text":"*20 living hostages*"`) || !strings.Contains(p.Blocks, "\\u003e All 20 living hostages") {
				t.Errorf("blocks lack the bold answer and quoted evidence: %s", p.Blocks)
			}
			if !strings.Contains(p.Text, "20 living hostages") {
				t.Errorf("fallback text %q lacks the answer", p.Text)
			}
			f.WaitPost(t) // the sentinel
		})
	}
}

func TestHTTPRetriedDeliveryAnsweredOnce(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	a, base := startAdapter(t, f, h, Config{}, WithWorkers(1))
	mention := payload(t, "app_mention.json")
	for retry := range 3 {
		req := signedRequest(t, base, "/slack/events", mention, "application/json")
		if retry > 0 {
			req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
			req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if status, body := do(t, req); status != http.StatusOK {
			t.Fatalf("delivery %d: status %d %q", retry, status, body)
		}
	}
	// The same message under another event ID (Slack sent it as a
	// message event too) is a duplicate as well.
	again := strings.ReplaceAll(string(mention), "Ev0001", "Ev0099")
	if status, _ := do(t, signedRequest(t, base, "/slack/events", []byte(again), "application/json")); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	f.WaitPost(t)
	drain(t, a)
	f.NoMorePosts(t)
	if n := len(h.Requests()); n != 1 {
		t.Errorf("handler ran %d times, want 1", n)
	}
}

// drain waits until the adapter has run what it queued before: it queues
// one marker per worker, each holding its worker until all are held, so
// every earlier job has finished.
func drain(t testing.TB, a *Adapter) {
	t.Helper()
	var held sync.WaitGroup
	release := make(chan struct{})
	for range a.workers {
		held.Add(1)
		if err := a.enqueue(job{kind: "marker", run: func(context.Context) { held.Done(); <-release }}); err != nil {
			t.Fatal(err)
		}
	}
	held.Wait()
	close(release)
}

func TestHTTPURLVerification(t *testing.T) {
	f := newFakeSlack(t)
	_, base := startAdapter(t, f, &answering{}, Config{})
	status, body := do(t, signedRequest(t, base, "/slack/events", payload(t, "url_verification.json"), "application/json"))
	var got struct{ Challenge string }
	if err := json.Unmarshal([]byte(body), &got); err != nil || status != http.StatusOK {
		t.Fatalf("status %d body %q: %v", status, body, err)
	}
	if want := "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"; got.Challenge != want {
		t.Errorf("challenge %q, want %q", got.Challenge, want)
	}
}

func TestHTTPBadRequests(t *testing.T) {
	f := newFakeSlack(t)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		calls.Add(1)
		return chat.Reply{Text: "ok"}, nil
	})
	a, base := startAdapter(t, f, h, Config{})
	mention := payload(t, "app_mention.json")
	big := []byte(`{"type":"event_callback","event":{"type":"app_mention","text":"` + strings.Repeat("a", 2<<20) + `"}}`)
	tests := []struct {
		name   string
		path   string
		body   []byte
		ctype  string
		mutate func(*http.Request)
		want   int
	}{
		{"no signature", "/slack/events", mention, "application/json", func(r *http.Request) { r.Header.Del("X-Slack-Signature") }, 401},
		{"no timestamp", "/slack/events", mention, "application/json", func(r *http.Request) { r.Header.Del("X-Slack-Request-Timestamp") }, 401},
		{"wrong signature", "/slack/events", mention, "application/json", func(r *http.Request) {
			r.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
		}, 401},
		{"garbage signature", "/slack/events", mention, "application/json", func(r *http.Request) { r.Header.Set("X-Slack-Signature", "v0=zz") }, 401},
		{"signed with another secret", "/slack/events", mention, "application/json", func(r *http.Request) { sign(r, mention, "another-secret", time.Now()) }, 401},
		{"stale", "/slack/events", mention, "application/json", func(r *http.Request) { sign(r, mention, testSecret, time.Now().Add(-6*time.Minute)) }, 401},
		{"from the future", "/slack/events", mention, "application/json", func(r *http.Request) { sign(r, mention, testSecret, time.Now().Add(6*time.Minute)) }, 401},
		{"command, unsigned", "/slack/commands", commandForm("/ask", "hi", ""), "application/x-www-form-urlencoded", func(r *http.Request) { r.Header.Del("X-Slack-Signature") }, 401},
		{"interaction, unsigned", "/slack/interactions", []byte("payload=%7B%7D"), "application/x-www-form-urlencoded", func(r *http.Request) { r.Header.Del("X-Slack-Signature") }, 401},
		{"malformed JSON", "/slack/events", []byte(`{"type":"event_callback","event":`), "application/json", nil, 400},
		{"not JSON", "/slack/events", []byte(`hello`), "application/json", nil, 400},
		{"challenge missing", "/slack/events", []byte(`{"type":"url_verification"}`), "application/json", nil, 400},
		{"oversized", "/slack/events", big, "application/json", nil, 413},
		{"command without command", "/slack/commands", []byte("channel_id=C1&user_id=U1&text=hi"), "application/x-www-form-urlencoded", nil, 400},
		{"command, bad form", "/slack/commands", []byte("%zz"), "application/x-www-form-urlencoded", nil, 400},
		{"interaction without payload", "/slack/interactions", []byte("a=b"), "application/x-www-form-urlencoded", nil, 400},
		{"interaction, bad JSON", "/slack/interactions", []byte("payload=" + url.QueryEscape("{nope")), "application/x-www-form-urlencoded", nil, 400},
		{"interaction without channel", "/slack/interactions", []byte("payload=" + url.QueryEscape(`{"type":"block_actions","actions":[{"action_id":"ask_suggestion_0","block_id":"suggestions","type":"button","value":"q"}]}`)), "application/x-www-form-urlencoded", nil, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := signedRequest(t, base, tt.path, tt.body, tt.ctype)
			if tt.mutate != nil {
				tt.mutate(req)
			}
			if status, body := do(t, req); status != tt.want {
				t.Errorf("status %d %q, want %d", status, body, tt.want)
			}
		})
	}
	drain(t, a)
	if n := calls.Load(); n != 0 {
		t.Errorf("the handler ran %d times for bad requests", n)
	}
	f.NoMorePosts(t)
}

func TestHTTPSlashCommandInline(t *testing.T) {
	f := newFakeSlack(t)
	router := chat.NewRouter(testEngine(t), chat.WithCommandName("ask", "briefbot-ask"))
	_, base := startAdapter(t, f, router, Config{})
	tests := []struct {
		command, text string
		wantType      string
		wantIn        string
	}{
		{"/brief", "", "in_channel", "Talks continue in Cairo"},
		{"/briefbot-ask", "who is mediating?", "in_channel", "I couldn't find that"},
		{"/ask", "", "ephemeral", "Ask me a question"},
		{"/help", "", "ephemeral", "/figures"},
		{"/nonsense", "", "ephemeral", "I don't know the command"},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			status, body := do(t, signedRequest(t, base, "/slack/commands", commandForm(tt.command, tt.text, f.srv.URL+"/hooks/1"), "application/x-www-form-urlencoded"))
			if status != http.StatusOK {
				t.Fatalf("status %d %q", status, body)
			}
			var got struct {
				ResponseType string          `json:"response_type"`
				Text         string          `json:"text"`
				Blocks       json.RawMessage `json:"blocks"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("response %q: %v", body, err)
			}
			if got.ResponseType != tt.wantType || !strings.Contains(got.Text, tt.wantIn) || len(got.Blocks) == 0 {
				t.Errorf("response %s, want %s with %q and blocks", body, tt.wantType, tt.wantIn)
			}
		})
	}
	f.NoMorePosts(t)
}

func TestHTTPSlashCommandLate(t *testing.T) {
	tests := []struct {
		name        string
		responseURL func(f *fakeSlack) string
		ephemeral   bool
		wantMethod  string
		wantType    string
	}{
		{"through response_url", func(f *fakeSlack) string { return f.srv.URL + "/hooks/commands/T1/1/abc" }, false, "response_url", "in_channel"},
		{"ephemeral through response_url", func(f *fakeSlack) string { return f.srv.URL + "/hooks/commands/T1/1/abc" }, true, "response_url", "ephemeral"},
		{"forged response_url", func(f *fakeSlack) string { return "http://169.254.169.254/hooks/latest" }, false, "chat.postMessage", ""},
		{"forged host on Slack's domain", func(f *fakeSlack) string { return "https://hooks.slack.com.evil.example/x" }, true, "chat.postEphemeral", ""},
		{"no response_url", func(f *fakeSlack) string { return "" }, false, "chat.postMessage", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSlack(t)
			release := make(chan struct{})
			h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
				<-release
				return chat.Reply{Text: "slow answer", Ephemeral: tt.ephemeral}, nil
			})
			_, base := startAdapter(t, f, h, Config{}, WithInlineWait(20*time.Millisecond))
			status, body := do(t, signedRequest(t, base, "/slack/commands", commandForm("/ask", "slow?", tt.responseURL(f)), "application/x-www-form-urlencoded"))
			close(release)
			if status != http.StatusOK || body != "" {
				t.Fatalf("ack %d %q, want an empty 200", status, body)
			}
			p := f.WaitPost(t)
			if p.Method != tt.wantMethod || !strings.Contains(p.Text, "slow answer") {
				t.Fatalf("delivered %+v, want %s with the answer", p, tt.wantMethod)
			}
			if tt.wantType != "" && p.Response["response_type"] != tt.wantType {
				t.Errorf("response_type %v, want %s", p.Response["response_type"], tt.wantType)
			}
			if p.Method != "response_url" && p.Channel != "C1" {
				t.Errorf("posted to %q, want C1", p.Channel)
			}
		})
	}
}

func TestHTTPInteractionAsksSuggestion(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	_, base := startAdapter(t, f, h, Config{})
	body := []byte("payload=" + url.QueryEscape(string(payload(t, "block_actions.json"))))
	if status, resp := do(t, signedRequest(t, base, "/slack/interactions", body, "application/x-www-form-urlencoded")); status != http.StatusOK {
		t.Fatalf("status %d %q", status, resp)
	}
	p := f.WaitPost(t)
	if p.Channel != "C1" || p.ThreadTS != "1548261231.000200" {
		t.Errorf("posted to %q thread %q, want C1 thread 1548261231.000200", p.Channel, p.ThreadTS)
	}
	if got := h.Requests(); len(got) != 1 || got[0].Command != "ask" || got[0].Text != "Who is mediating?" {
		t.Errorf("asked %+v", got)
	}
}

func TestHTTPMentionRunsCommand(t *testing.T) {
	f := newFakeSlack(t)
	_, base := startAdapter(t, f, chat.NewRouter(testEngine(t)), Config{})
	tests := []struct {
		text       string
		wantMethod string
		wantIn     string
	}{
		{"<@UBOT> /help", "chat.postEphemeral", "/figures"},
		{"<@UBOT> /brief", "chat.postMessage", "Talks continue in Cairo"},
		{"<@UBOT>", "chat.postEphemeral", "Ask me a question"},
	}
	for i, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ts := "1700000000.00000" + strconv.Itoa(i)
			ev := map[string]any{"type": "event_callback", "event_id": "EvCmd" + strconv.Itoa(i), "event": map[string]any{
				"type": "app_mention", "user": "U1", "text": tt.text, "ts": ts, "thread_ts": "1699999999.000001", "channel": "C1",
			}}
			body, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			if status, resp := do(t, signedRequest(t, base, "/slack/events", body, "application/json")); status != http.StatusOK {
				t.Fatalf("status %d %q", status, resp)
			}
			p := f.WaitPost(t)
			if p.Method != tt.wantMethod || p.ThreadTS != "1699999999.000001" || !strings.Contains(p.Text, tt.wantIn) {
				t.Errorf("posted %+v, want %s in the thread with %q", p, tt.wantMethod, tt.wantIn)
			}
			if p.Method == "chat.postEphemeral" && p.User != "U1" {
				t.Errorf("ephemeral reply to %q, want U1", p.User)
			}
		})
	}
}
