package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	e2eSlackSecret = "e2e-signing-secret-0123456789"
	e2eSlackToken  = "xoxb-e2e-token-should-never-be-logged"
)

// slackPost is a message the bot posted to the fake Slack.
type slackPost struct {
	Path, Channel, ThreadTS, Text, Blocks string
}

// fakeSlackAPI is a minimal Slack Web API on loopback: auth.test,
// chat.postMessage, chat.postEphemeral and response URLs under /hooks/.
func fakeSlackAPI(t *testing.T) (*httptest.Server, <-chan slackPost) {
	t.Helper()
	posts := make(chan slackPost, 50)
	var mu sync.Mutex
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.Header.Get("Authorization") != "Bearer "+e2eSlackToken && r.Form.Get("token") != e2eSlackToken {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team":"Newsroom"}`)
	})
	post := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		posts <- slackPost{Path: r.URL.Path, Channel: r.Form.Get("channel"), ThreadTS: r.Form.Get("thread_ts"), Text: r.Form.Get("text"), Blocks: r.Form.Get("blocks")}
		fmt.Fprint(w, `{"ok":true,"channel":"C1","ts":"1.2"}`)
	}
	mux.HandleFunc("POST /api/chat.postMessage", post)
	mux.HandleFunc("POST /api/chat.postEphemeral", post)
	mux.HandleFunc("POST /hooks/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		posts <- slackPost{Path: r.URL.Path, Text: string(body)}
		fmt.Fprint(w, "ok")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, posts
}

// slackRequest builds a request signed as Slack signs them, at ts.
func slackRequest(t *testing.T, addr, path, contentType string, body []byte, ts time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(e2eSlackSecret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeSlackHTTP drives the built binary as Slack would over HTTP:
// signed slash commands and events, against a fake Web API.
func TestServeSlackHTTP(t *testing.T) {
	api, posts := fakeSlackAPI(t)
	article, err := filepath.Abs("sample/gaza-ceasefire-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	bot := startServe(t, []string{
		"SLACK_BOT_TOKEN=" + e2eSlackToken,
		"SLACK_SIGNING_SECRET=" + e2eSlackSecret,
		"SLACK_API_URL=" + api.URL,
	}, "--article", article)

	t.Run("slash command answered in the acknowledgement", func(t *testing.T) {
		form := url.Values{"command": {"/brief"}, "text": {""}, "channel_id": {"C1"}, "user_id": {"U1"}, "team_id": {"T1"}, "response_url": {api.URL + "/hooks/commands/1"}}
		status, body := send(t, slackRequest(t, bot.Addr, "/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()), time.Now()))
		if status != http.StatusOK {
			t.Fatalf("status %d %q", status, body)
		}
		var msg struct {
			ResponseType string            `json:"response_type"`
			Text         string            `json:"text"`
			Blocks       []json.RawMessage `json:"blocks"`
		}
		if err := json.Unmarshal([]byte(body), &msg); err != nil {
			t.Fatalf("body %q: %v", body, err)
		}
		if msg.ResponseType != "in_channel" || msg.Text == "" || len(msg.Blocks) == 0 {
			t.Errorf("reply %s, want an in-channel brief with blocks", body)
		}
	})

	t.Run("url verification", func(t *testing.T) {
		status, body := send(t, slackRequest(t, bot.Addr, "/slack/events", "application/json", []byte(`{"token":"x","challenge":"abc123","type":"url_verification"}`), time.Now()))
		if status != http.StatusOK || !strings.Contains(body, `"challenge":"abc123"`) {
			t.Errorf("status %d %q, want the challenge back", status, body)
		}
	})

	t.Run("mention answered in its thread, once", func(t *testing.T) {
		event := []byte(`{"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"EvE2E","event_time":1,
			"event":{"type":"app_mention","user":"U1","text":"<@UBOT> who is mediating?","ts":"1700000000.000100","channel":"C1","event_ts":"1700000000.000100"}}`)
		for retry := range 2 {
			req := slackRequest(t, bot.Addr, "/slack/events", "application/json", event, time.Now())
			if retry > 0 {
				req.Header.Set("X-Slack-Retry-Num", "1")
			}
			if status, body := send(t, req); status != http.StatusOK {
				t.Fatalf("status %d %q", status, body)
			}
		}
		select {
		case p := <-posts:
			if p.Path != "/api/chat.postMessage" || p.Channel != "C1" || p.ThreadTS != "1700000000.000100" || p.Blocks == "" {
				t.Errorf("posted %+v, want a Block Kit reply in thread 1700000000.000100", p)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no reply posted; logs:\n%s", bot.Logs())
		}
		// A direct message after it is answered; a second reply to the
		// mention would arrive first.
		dm := []byte(`{"token":"x","team_id":"T1","type":"event_callback","event_id":"EvE2E2","event_time":2,
			"event":{"type":"message","channel_type":"im","user":"U1","text":"brief me","ts":"1700000001.000100","channel":"D1"}}`)
		if status, body := send(t, slackRequest(t, bot.Addr, "/slack/events", "application/json", dm, time.Now())); status != http.StatusOK {
			t.Fatalf("status %d %q", status, body)
		}
		select {
		case p := <-posts:
			if p.Channel != "D1" {
				t.Errorf("posted %+v, want the answer to the direct message (the mention was answered twice?)", p)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no reply to the direct message")
		}
	})

	t.Run("follow-up in the mention's thread answered without a mention", func(t *testing.T) {
		// The thread of the mention answered above; Slack sends every
		// message of the channel, and only the reply in it is answered.
		for i, ev := range []string{
			`{"type":"message","channel_type":"channel","user":"U2","text":"lunch anyone?","ts":"1700000002.000100","channel":"C1"}`,
			`{"type":"message","channel_type":"channel","user":"U2","text":"what about in another thread?","ts":"1700000002.000200","thread_ts":"1699999999.000100","channel":"C1"}`,
			`{"type":"message","channel_type":"channel","user":"U2","text":"how many hostages?","ts":"1700000002.000300","thread_ts":"1700000000.000100","channel":"C1"}`,
		} {
			body := []byte(fmt.Sprintf(`{"token":"x","team_id":"T1","type":"event_callback","event_id":"EvE2EThread%d","event_time":3,"event":%s}`, i, ev))
			if status, resp := send(t, slackRequest(t, bot.Addr, "/slack/events", "application/json", body, time.Now())); status != http.StatusOK {
				t.Fatalf("status %d %q", status, resp)
			}
		}
		select {
		case p := <-posts:
			if p.Path != "/api/chat.postMessage" || p.Channel != "C1" || p.ThreadTS != "1700000000.000100" || !strings.Contains(p.Text, "hostage") {
				t.Errorf("posted %+v, want the answer about hostages in thread 1700000000.000100", p)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the follow-up was not answered; logs:\n%s", bot.Logs())
		}
	})

	t.Run("bad requests refused", func(t *testing.T) {
		body := []byte(`{"type":"url_verification","challenge":"x"}`)
		stale := slackRequest(t, bot.Addr, "/slack/events", "application/json", body, time.Now().Add(-10*time.Minute))
		unsigned := slackRequest(t, bot.Addr, "/slack/events", "application/json", body, time.Now())
		unsigned.Header.Del("X-Slack-Signature")
		malformed := slackRequest(t, bot.Addr, "/slack/events", "application/json", []byte(`{"type":`), time.Now())
		for name, tc := range map[string]struct {
			req  *http.Request
			want int
		}{"stale": {stale, 401}, "unsigned": {unsigned, 401}, "malformed": {malformed, 400}} {
			if status, got := send(t, tc.req); status != tc.want {
				t.Errorf("%s: status %d %q, want %d", name, status, got, tc.want)
			}
		}
	})

	resp, err := http.Get("http://" + bot.Addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz = %d", resp.StatusCode)
	}
	for _, secret := range []string{e2eSlackToken, e2eSlackSecret} {
		if strings.Contains(bot.Logs(), secret) {
			t.Errorf("the logs show a secret:\n%s", bot.Logs())
		}
	}
}

// TestServeSlackNeedsAWayIn checks that a bot token alone is refused with a
// clear message: Slack could not reach the bot.
func TestServeSlackNeedsAWayIn(t *testing.T) {
	var stderr strings.Builder
	code := run(t.Context(), env{
		args:   []string{"serve"},
		stdin:  strings.NewReader(""),
		stdout: io.Discard,
		stderr: &stderr,
		getenv: func(k string) string {
			return map[string]string{"SLACK_BOT_TOKEN": "xoxb-x", "BRIEFBOT_HTTP_ADDR": "127.0.0.1:0", "BRIEFBOT_DATA_DIR": t.TempDir()}[k]
		},
	})
	if code == exitOK || !strings.Contains(stderr.String(), "SLACK_SIGNING_SECRET") {
		t.Errorf("exit %d, stderr %q; want a failure naming SLACK_SIGNING_SECRET", code, stderr.String())
	}
}
