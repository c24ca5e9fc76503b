package discord

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Identities of the fake Discord.
const (
	fakeBotID     = "100000000000000001"
	fakeAppID     = "100000000000000002"
	fakeSessionID = "fake-session"
)

// fakeDiscord is Discord on loopback: the REST API a discordgo session
// calls (GET /api/v9/gateway, command registration, interaction callbacks,
// follow-ups, channel messages, guild roles) and a websocket gateway that
// says Hello, takes Identify or Resume, sends READY or RESUMED, answers
// heartbeats, and dispatches the events a test gives it.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	requests []recorded
	failures []failure
	roles    map[string]string // role ID → name, for GET /guilds/{id}/roles

	identifies []json.RawMessage
	resumes    []json.RawMessage
	conn       *websocket.Conn
	writeMu    sync.Mutex
	seq        int64
	last       []byte // the last dispatch, replayed after a resume when replay is set
	replay     bool
}

// recorded is one REST request the fake received.
type recorded struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

// failure is a canned response for the next request matching method and path prefix.
type failure struct {
	method, prefix string
	status         int
	body           string
	header         map[string]string
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{t: t, changed: make(chan struct{}), roles: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serveHTTP))
	t.Cleanup(func() {
		f.mu.Lock()
		if f.conn != nil {
			f.conn.Close()
		}
		f.mu.Unlock()
		f.srv.Close()
	})
	return f
}

// URL is the fake's base URL, for Config.APIURL.
func (f *fakeDiscord) URL() string { return f.srv.URL }

// notify wakes waiters; f.mu must be held.
func (f *fakeDiscord) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// failNext makes the next request matching method and path prefix get status and body.
func (f *fakeDiscord) failNext(method, prefix string, status int, body string, header map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, failure{method, prefix, status, body, header})
}

// waitFor waits until cond holds over the fake's state, or fails the test after 10 s.
func (f *fakeDiscord) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ok, ch := cond(), f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("fake discord: timed out waiting for %s; requests: %s", what, f.describe())
		}
	}
}

// waitRequests waits for n requests of method to paths starting with
// prefix, and returns them.
func (f *fakeDiscord) waitRequests(method, prefix string, n int) []recorded {
	f.t.Helper()
	var got []recorded
	f.waitFor(method+" "+prefix, func() bool {
		got = f.matching(method, prefix)
		return len(got) >= n
	})
	return got
}

// matching lists the requests so far to method and path prefix; f.mu must be held.
func (f *fakeDiscord) matching(method, prefix string) []recorded {
	var out []recorded
	for _, r := range f.requests {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// count counts the requests so far to method and path prefix.
func (f *fakeDiscord) count(method, prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.matching(method, prefix))
}

func (f *fakeDiscord) describe() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, r := range f.requests {
		b.WriteString("\n  " + r.Method + " " + r.Path)
	}
	return b.String()
}

func (f *fakeDiscord) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/v9/gateway":
		writeTestJSON(w, http.StatusOK, map[string]string{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
		return
	case "/ws", "/ws/":
		f.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	var fail *failure
	for i, fl := range f.failures {
		if fl.method == r.Method && strings.HasPrefix(r.URL.Path, fl.prefix) {
			fail = &fl
			f.failures = append(f.failures[:i:i], f.failures[i+1:]...)
			break
		}
	}
	roles := make([]map[string]string, 0, len(f.roles))
	for id, name := range f.roles {
		roles = append(roles, map[string]string{"id": id, "name": name})
	}
	f.notify()
	f.mu.Unlock()

	if fail != nil {
		for k, v := range fail.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(fail.status)
		io.WriteString(w, fail.body)
		return
	}
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPut && strings.HasSuffix(p, "/commands"):
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeTestJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"})
			return
		}
		for i, c := range cmds {
			c["id"] = "2000000000000000" + string(rune('0'+i%10))
			c["application_id"] = fakeAppID
		}
		writeTestJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/interactions/") && strings.HasSuffix(p, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/webhooks/"):
		writeTestJSON(w, http.StatusOK, map[string]any{"id": "3000000000000001", "channel_id": "400", "content": ""})
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/channels/") && strings.HasSuffix(p, "/messages"):
		ch := strings.TrimSuffix(strings.TrimPrefix(p, "/api/v9/channels/"), "/messages")
		writeTestJSON(w, http.StatusOK, map[string]any{"id": "3000000000000002", "channel_id": ch})
	case r.Method == http.MethodGet && strings.HasPrefix(p, "/api/v9/guilds/") && strings.HasSuffix(p, "/roles"):
		writeTestJSON(w, http.StatusOK, roles)
	default:
		writeTestJSON(w, http.StatusNotFound, map[string]any{"code": 0, "message": "404: Not Found"})
	}
}

func writeTestJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

type gatewayPayload struct {
	Op   int             `json:"op"`
	D    json.RawMessage `json:"d,omitempty"`
	S    int64           `json:"s,omitempty"`
	T    string          `json:"t,omitempty"`
	Data any             `json:"-"`
}

func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	write := func(v any) error {
		f.writeMu.Lock()
		defer f.writeMu.Unlock()
		return conn.WriteJSON(v)
	}
	if write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}) != nil {
		return
	}
	var first gatewayPayload
	if err := conn.ReadJSON(&first); err != nil {
		return
	}
	f.mu.Lock()
	switch first.Op {
	case 2:
		f.identifies = append(f.identifies, first.D)
		f.seq++
		ready := map[string]any{
			"v": 9, "session_id": fakeSessionID,
			"user":        map[string]any{"id": fakeBotID, "username": "briefbot", "bot": true},
			"application": map[string]any{"id": fakeAppID},
			"guilds":      []any{},
		}
		err = write(map[string]any{"op": 0, "s": f.seq, "t": "READY", "d": ready})
	case 6:
		f.resumes = append(f.resumes, first.D)
		err = write(map[string]any{"op": 0, "s": f.seq, "t": "RESUMED", "d": map[string]any{}})
		if err == nil && f.replay && f.last != nil {
			f.writeMu.Lock()
			err = conn.WriteMessage(websocket.TextMessage, f.last)
			f.writeMu.Unlock()
		}
	default:
		f.mu.Unlock()
		return
	}
	if err == nil {
		f.conn = conn
	}
	f.notify()
	f.mu.Unlock()
	for {
		var p gatewayPayload
		if err := conn.ReadJSON(&p); err != nil {
			return
		}
		if p.Op == 1 {
			if write(map[string]any{"op": 11}) != nil {
				return
			}
		}
	}
}

// waitConnected waits until the gateway has seen n Identify or Resume payloads in all.
func (f *fakeDiscord) waitConnected(n int) {
	f.t.Helper()
	f.waitFor("gateway connection", func() bool { return len(f.identifies)+len(f.resumes) >= n && f.conn != nil })
}

// dispatch sends an event over the gateway.
func (f *fakeDiscord) dispatch(event string, data any) {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn == nil {
		f.t.Fatal("fake discord: dispatch without a gateway connection")
	}
	f.seq++
	msg, err := json.Marshal(map[string]any{"op": 0, "s": f.seq, "t": event, "d": data})
	if err != nil {
		f.t.Fatal(err)
	}
	f.last = msg
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	if err := f.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
		f.t.Fatalf("fake discord: dispatch %s: %v", event, err)
	}
}

// drop breaks the gateway connection without a close frame, as a network
// failure does.
func (f *fakeDiscord) drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.UnderlyingConn().Close()
		f.conn = nil
	}
}
