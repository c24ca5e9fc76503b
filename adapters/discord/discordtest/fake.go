// Package discordtest is a fake Discord on loopback for tests: the REST API
// a discordgo session calls and a websocket gateway it connects to. Point a
// bot at it with DISCORD_API_URL (or the adapter's Config.APIURL); the
// session learns the gateway's address from GET /api/v9/gateway.
//
// It imports the standard library and gorilla/websocket, not discordgo, so
// that tests outside the adapter can use it.
package discordtest

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
	BotID     = "100000000000000001"
	AppID     = "100000000000000002"
	SessionID = "fake-session"
)

// Server is Discord on loopback: the REST API a discordgo session
// calls (GET /api/v9/gateway, command registration, interaction callbacks,
// follow-ups, channel messages, guild roles) and a websocket gateway that
// says Hello, takes Identify or Resume, sends READY or RESUMED, answers
// heartbeats, and dispatches the events a test gives it.
type Server struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	requests []Request
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

// Request is one REST request the fake received.
type Request struct {
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

// NewServer starts a fake Discord, closed when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	f := &Server{t: t, changed: make(chan struct{}), roles: map[string]string{}}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serveHTTP))
	f.srv.Start()
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

// URL is the fake's base URL, for DISCORD_API_URL.
func (f *Server) URL() string { return f.srv.URL }

// notify wakes waiters; f.mu must be held.
func (f *Server) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// FailNext makes the next request matching method and path prefix get
// status, body and header instead of the fake's usual answer.
func (f *Server) FailNext(method, prefix string, status int, body string, header map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, failure{method, prefix, status, body, header})
}

// SetRole gives the fake's guilds a role, for GET /guilds/{id}/roles.
func (f *Server) SetRole(id, name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.roles[id] = name
}

// ReplayOnResume makes the gateway deliver the last event again after a
// resume, as Discord may.
func (f *Server) ReplayOnResume(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replay = on
}

// WaitFor waits until cond holds, or fails the test after 10 s. cond is
// checked whenever the fake's state changes, and may call its methods.
func (f *Server) WaitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("fake discord: timed out waiting for %s; requests: %s", what, f.describe())
		}
	}
}

// WaitRequests waits for n requests of method to paths starting with
// prefix, and returns those received so far.
func (f *Server) WaitRequests(method, prefix string, n int) []Request {
	f.t.Helper()
	var got []Request
	f.WaitFor(method+" "+prefix, func() bool {
		got = f.Requests(method, prefix)
		return len(got) >= n
	})
	return got
}

// Requests lists the requests so far of method to paths starting with prefix.
func (f *Server) Requests(method, prefix string) []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Request
	for _, r := range f.requests {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// Count counts the requests so far of method to paths starting with prefix.
func (f *Server) Count(method, prefix string) int { return len(f.Requests(method, prefix)) }

// Identifies returns the Identify payloads the gateway received.
func (f *Server) Identifies() []json.RawMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]json.RawMessage(nil), f.identifies...)
}

// Resumes returns the Resume payloads the gateway received.
func (f *Server) Resumes() []json.RawMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]json.RawMessage(nil), f.resumes...)
}

func (f *Server) describe() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, r := range f.requests {
		b.WriteString("\n  " + r.Method + " " + r.Path)
	}
	return b.String()
}

func (f *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/v9/gateway":
		writeJSON(w, http.StatusOK, map[string]string{"url": "ws://" + r.Host + "/ws"})
		return
	case "/ws", "/ws/":
		f.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
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
			writeJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"})
			return
		}
		for i, c := range cmds {
			c["id"] = "2000000000000000" + string(rune('0'+i%10))
			c["application_id"] = AppID
		}
		writeJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/interactions/") && strings.HasSuffix(p, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/webhooks/"):
		writeJSON(w, http.StatusOK, map[string]any{"id": "3000000000000001", "channel_id": "400", "content": ""})
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/api/v9/channels/") && strings.HasSuffix(p, "/messages"):
		ch := strings.TrimSuffix(strings.TrimPrefix(p, "/api/v9/channels/"), "/messages")
		writeJSON(w, http.StatusOK, map[string]any{"id": "3000000000000002", "channel_id": ch})
	case r.Method == http.MethodGet && strings.HasPrefix(p, "/api/v9/guilds/") && strings.HasSuffix(p, "/roles"):
		writeJSON(w, http.StatusOK, roles)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"code": 0, "message": "404: Not Found"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
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

func (f *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
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
			"v": 9, "session_id": SessionID,
			"user":        map[string]any{"id": BotID, "username": "briefbot", "bot": true},
			"application": map[string]any{"id": AppID},
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

// WaitConnected waits until the gateway has taken n Identify or Resume
// payloads in all and holds a connection.
func (f *Server) WaitConnected(n int) {
	f.t.Helper()
	f.WaitFor("gateway connection", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return len(f.identifies)+len(f.resumes) >= n && f.conn != nil
	})
}

// Dispatch sends an event over the gateway, as an op 0 dispatch.
func (f *Server) Dispatch(event string, data any) {
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

// Drop breaks the gateway connection without a close frame, as a network
// failure does.
func (f *Server) Drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.UnderlyingConn().Close()
		f.conn = nil
	}
}
