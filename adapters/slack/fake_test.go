package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// fakeSlack is a Slack Web API, response-URL host and Socket Mode server on
// loopback, for the real slack-go client to talk to.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	// posts receives every chat.postMessage, chat.postEphemeral and
	// response_url delivery that succeeded.
	posts chan fakePost
	// acks receives the Socket Mode acknowledgements the bot sends.
	acks chan socketAck

	mu sync.Mutex
	// failures are replies the Web API gives before succeeding, in order.
	failures []fakeFailure
	calls    map[string]int
	sockets  []*websocket.Conn
}

// fakePost is one message the bot posted.
type fakePost struct {
	Method   string // chat.postMessage, chat.postEphemeral or response_url
	Channel  string
	User     string
	ThreadTS string
	Text     string
	Blocks   string
	// Response holds a response_url body.
	Response map[string]any
}

type fakeFailure struct {
	hang       bool // wait until the client gives up
	status     int
	retryAfter string
	slackError string
}

type socketAck struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
}

func newFakeSlack(t testing.TB) *fakeSlack {
	t.Helper()
	f := &fakeSlack{t: t, posts: make(chan fakePost, 100), acks: make(chan socketAck, 100), calls: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		f.count("auth.test")
		writeJSON(w, map[string]any{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team": "Newsroom", "team_id": "T1"})
	})
	mux.HandleFunc("POST /api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		f.count("apps.connections.open")
		if r.Header.Get("Authorization") != "Bearer xapp-test" {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/socket"})
	})
	for _, m := range []string{"chat.postMessage", "chat.postEphemeral"} {
		mux.HandleFunc("POST /api/"+m, func(w http.ResponseWriter, r *http.Request) {
			f.count(m)
			if f.fail(w, r) {
				return
			}
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			f.posts <- fakePost{Method: m, Channel: r.Form.Get("channel"), User: r.Form.Get("user"), ThreadTS: r.Form.Get("thread_ts"), Text: r.Form.Get("text"), Blocks: r.Form.Get("blocks")}
			writeJSON(w, map[string]any{"ok": true, "channel": r.Form.Get("channel"), "ts": "1700000000.000200"})
		})
	}
	mux.HandleFunc("POST /hooks/", func(w http.ResponseWriter, r *http.Request) {
		f.count("response_url")
		if f.fail(w, r) {
			return
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		text, _ := body["text"].(string)
		f.posts <- fakePost{Method: "response_url", Text: text, Response: body}
		_, _ = io.WriteString(w, "ok")
	})
	mux.HandleFunc("GET /socket", f.serveSocket)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		f.mu.Lock()
		for _, c := range f.sockets {
			_ = c.Close()
		}
		f.mu.Unlock()
		f.srv.Close()
	})
	return f
}

func (f *fakeSlack) count(method string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[method]++
}

// Calls returns how many times method was called.
func (f *fakeSlack) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// FailNext makes the next calls fail with these replies, in order.
func (f *fakeSlack) FailNext(fs ...fakeFailure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, fs...)
}

func (f *fakeSlack) fail(w http.ResponseWriter, r *http.Request) bool {
	f.mu.Lock()
	if len(f.failures) == 0 {
		f.mu.Unlock()
		return false
	}
	fl := f.failures[0]
	f.failures = f.failures[1:]
	f.mu.Unlock()
	if fl.hang {
		// The server notices a client that hangs up only once the body is read.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return true
	}
	if fl.retryAfter != "" {
		w.Header().Set("Retry-After", fl.retryAfter)
	}
	if fl.slackError != "" {
		writeJSON(w, map[string]any{"ok": false, "error": fl.slackError})
		return true
	}
	http.Error(w, http.StatusText(fl.status), fl.status)
	return true
}

func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	upgrader := websocket.Upgrader{CheckOrigin: func(r *http.Request) bool {
		// slack-go dials with Slack's own origin.
		return r.Header.Get("Origin") == "https://api.slack.com"
	}}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	f.mu.Lock()
	err = conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"debug_info":{"host":"fake"},"connection_info":{"app_id":"A1"}}`))
	f.sockets = append(f.sockets, conn)
	f.mu.Unlock()
	if err != nil {
		return
	}
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var ack socketAck
		if json.Unmarshal(data, &ack) == nil {
			f.acks <- ack
		}
	}
}

// SendRaw writes msg to the newest Socket Mode connection.
func (f *fakeSlack) SendRaw(msg []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sockets) == 0 {
		return errors.New("no socket mode connection")
	}
	return f.sockets[len(f.sockets)-1].WriteMessage(websocket.TextMessage, msg)
}

// Sockets returns how many Socket Mode connections were opened.
func (f *fakeSlack) Sockets() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sockets)
}

// SendEnvelope sends a Socket Mode envelope of type typ around payload.
func (f *fakeSlack) SendEnvelope(id, typ string, retry int, payload []byte) {
	env := map[string]any{"envelope_id": id, "type": typ, "payload": json.RawMessage(payload), "accepts_response_payload": typ == "slash_commands", "retry_attempt": retry}
	data, err := json.Marshal(env)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.SendRaw(data); err != nil {
		f.t.Fatalf("send envelope: %v", err)
	}
}

// WaitPost waits for the next post.
func (f *fakeSlack) WaitPost(t *testing.T) fakePost {
	t.Helper()
	select {
	case p := <-f.posts:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("no post within 10s")
		return fakePost{}
	}
}

// NoMorePosts checks that nothing else is posted before the adapter has
// drained its work.
func (f *fakeSlack) NoMorePosts(t *testing.T) {
	t.Helper()
	select {
	case p := <-f.posts:
		t.Fatalf("unexpected extra post: %+v", p)
	default:
	}
}

// WaitAck waits for the next Socket Mode acknowledgement.
func (f *fakeSlack) WaitAck(t *testing.T) socketAck {
	t.Helper()
	select {
	case a := <-f.acks:
		return a
	case <-time.After(10 * time.Second):
		t.Fatal("no socket mode ack within 10s")
		return socketAck{}
	}
}

// testSecret is the signing secret of the tests' adapters.
const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// sign signs body as Slack would at ts.
func sign(req *http.Request, body []byte, secret string, ts time.Time) {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}

// signedRequest builds a signed POST of body to path.
func signedRequest(t testing.TB, base, path string, body []byte, contentType string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	sign(req, body, testSecret, time.Now())
	return req
}

// commandForm is a slash command as Slack posts it.
func commandForm(command, text, responseURL string) []byte {
	v := url.Values{
		"token": {"gIkuvaNzQIHg97ATvDxqgjtO"}, "team_id": {"T1"}, "team_domain": {"newsroom"},
		"channel_id": {"C1"}, "channel_name": {"news"}, "user_id": {"U1"}, "user_name": {"ada"},
		"command": {command}, "text": {text}, "response_url": {responseURL}, "trigger_id": {"13345224609.738474920.8088930838d88f008e0"},
	}
	return []byte(v.Encode())
}

// testEngine is an engine with the sample article.
func testEngine(t testing.TB) *briefing.Engine {
	t.Helper()
	e := briefing.NewEngine()
	data := []byte("Talks continue in Cairo\nMediators met on Monday.\nAbout 1,200 people were taken hostage, officials said.")
	a, err := briefing.ReadArticle("sample.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Add(a); err != nil {
		t.Fatal(err)
	}
	return e
}

// handlerFunc adapts a function to Handler.
type handlerFunc func(ctx context.Context, req chat.Request) (chat.Reply, error)

func (f handlerFunc) Handle(ctx context.Context, req chat.Request) (chat.Reply, error) {
	return f(ctx, req)
}

// recordingMetrics counts platform calls by outcome.
type recordingMetrics struct {
	mu    sync.Mutex
	calls map[string]int
}

func (m *recordingMetrics) ObserveQuestion(string, string, time.Duration) {}

func (m *recordingMetrics) CountPlatformCall(p, outcome string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.calls == nil {
		m.calls = map[string]int{}
	}
	m.calls[p+"/"+outcome]++
}

func (m *recordingMetrics) Count(key string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[key]
}

// startAdapter runs an adapter against f until the test ends, with its HTTP
// endpoints on a loopback server whose URL it returns.
func startAdapter(t testing.TB, f *fakeSlack, h Handler, cfg Config, opts ...Option) (*Adapter, string) {
	t.Helper()
	if cfg.BotToken == "" {
		cfg.BotToken = "xoxb-test"
	}
	if cfg.SigningSecret == "" {
		cfg.SigningSecret = testSecret
	}
	cfg.APIURL = f.srv.URL
	a, err := New(h, cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	if err := a.Register(mux); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mux)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	waitReady(t, a)
	return a, srv.URL
}

func waitReady(t testing.TB, a *Adapter) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for a.Ready(context.Background()) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("adapter not ready: %v", a.Ready(context.Background()))
		}
		time.Sleep(5 * time.Millisecond)
	}
}
