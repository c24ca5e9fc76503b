package httpapi

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// fakeEngine answers one question, abstains on others, fails on "boom" and
// waits for the deadline on "slow".
type fakeEngine struct{ empty bool }

func (f fakeEngine) Ask(ctx context.Context, q string) (briefing.Answer, error) {
	switch q {
	case "who mediates?":
		return briefing.Answer{Question: q, Text: "Egypt and Qatar", Sentence: "Egypt and Qatar mediate.", Source: "story", Confidence: 0.9}, nil
	case "boom":
		return briefing.Answer{}, errors.New("engine exploded with detail nobody should see")
	case "slow":
		<-ctx.Done()
		return briefing.Answer{}, ctx.Err()
	}
	return briefing.Answer{Question: q, Abstained: true}, nil
}

func (f fakeEngine) Figures() []briefing.Figure {
	if f.empty {
		return nil
	}
	return []briefing.Figure{{Text: "20", Value: 20, Unit: "people", Label: "hostages", Sentence: "20 hostages.", Source: "story"}}
}

func (f fakeEngine) Who() briefing.Who {
	if f.empty {
		return briefing.Who{}
	}
	return briefing.Who{People: []briefing.Entity{{Name: "Steve Witkoff", Role: "envoy", Aliases: []string{"Witkoff"}, Mentions: 2}}}
}

func (f fakeEngine) Brief() briefing.Brief {
	if f.empty {
		return briefing.Brief{}
	}
	return briefing.Brief{Headline: "Talks resume", Bullets: []string{"Mediators meet."}}
}

// recordingMetrics remembers the platforms and outcomes it is told of.
type recordingMetrics struct {
	mu  sync.Mutex
	got []string
}

func (m *recordingMetrics) ObserveQuestion(platform, outcome string, elapsed time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got = append(m.got, platform+" "+outcome)
}

func (m *recordingMetrics) CountPlatformCall(platform, outcome string) {}

func TestAPI(t *testing.T) {
	tests := []struct {
		name       string
		empty      bool
		opts       []Option
		method     string
		path       string
		body       string
		header     map[string]string
		wantStatus int
		wantBody   string
	}{
		{name: "answer", method: "POST", path: "/api/ask", body: `{"question":"who mediates?"}`, wantStatus: 200,
			wantBody: `{"question":"who mediates?","answer":"Egypt and Qatar","sentence":"Egypt and Qatar mediate.","source":"story","confidence":0.9,"abstained":false}`},
		{name: "abstain", method: "POST", path: "/api/ask", body: `{"question":" what colour is the sky? "}`, header: map[string]string{"Content-Type": "application/json; charset=utf-8"}, wantStatus: 200,
			wantBody: `{"question":"what colour is the sky?","answer":"","sentence":"","source":"","confidence":0,"abstained":true}`},
		{name: "figures", method: "GET", path: "/api/figures", wantStatus: 200,
			wantBody: `{"figures":[{"text":"20","value":20,"unit":"people","label":"hostages","sentence":"20 hostages.","source":"story"}]}`},
		{name: "no figures", empty: true, method: "GET", path: "/api/figures", wantStatus: 200, wantBody: `{"figures":[]}`},
		{name: "who", method: "GET", path: "/api/who", wantStatus: 200,
			wantBody: `{"people":[{"name":"Steve Witkoff","role":"envoy","aliases":["Witkoff"],"mentions":2}],"organizations":[],"places":[]}`},
		{name: "nobody", empty: true, method: "GET", path: "/api/who", wantStatus: 200, wantBody: `{"people":[],"organizations":[],"places":[]}`},
		{name: "brief", method: "GET", path: "/api/brief", wantStatus: 200, wantBody: `{"headline":"Talks resume","bullets":["Mediators meet."]}`},
		{name: "no brief", empty: true, method: "GET", path: "/api/brief", wantStatus: 200, wantBody: `{"headline":"","bullets":[]}`},
		{name: "empty question", method: "POST", path: "/api/ask", body: `{"question":"  "}`, wantStatus: 400,
			wantBody: `{"error":"the question is empty; send {\"question\":\"…\"}"}`},
		{name: "empty body", method: "POST", path: "/api/ask", wantStatus: 400,
			wantBody: `{"error":"the request body is empty; send {\"question\":\"…\"}"}`},
		{name: "bad json", method: "POST", path: "/api/ask", body: `{"question":`, wantStatus: 400,
			wantBody: `{"error":"the request body is not valid JSON: unexpected EOF"}`},
		{name: "unknown field", method: "POST", path: "/api/ask", body: `{"q":"x"}`, wantStatus: 400,
			wantBody: `{"error":"the request body has an unknown field \"q\""}`},
		{name: "wrong type", method: "POST", path: "/api/ask", body: `{"question":7}`, wantStatus: 400,
			wantBody: `{"error":"the request body's question must be a string"}`},
		{name: "two values", method: "POST", path: "/api/ask", body: `{"question":"a"}{"question":"b"}`, wantStatus: 400,
			wantBody: `{"error":"the request body holds more than one JSON value"}`},
		{name: "too large", opts: []Option{WithMaxBody(32)}, method: "POST", path: "/api/ask", body: `{"question":"` + strings.Repeat("x", 64) + `"}`, wantStatus: 413,
			wantBody: `{"error":"the request body is larger than 32 bytes"}`},
		{name: "not json", method: "POST", path: "/api/ask", body: `question=x`, header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, wantStatus: 415,
			wantBody: `{"error":"the request body must be JSON sent with Content-Type: application/json, not \"application/x-www-form-urlencoded\""}`},
		{name: "engine error", method: "POST", path: "/api/ask", body: `{"question":"boom"}`, wantStatus: 500,
			wantBody: `{"error":"internal error; the server log has the detail"}`},
		{name: "timeout", opts: []Option{WithTimeout(20 * time.Millisecond)}, method: "POST", path: "/api/ask", body: `{"question":"slow"}`, wantStatus: 504,
			wantBody: `{"error":"answering took too long; try again"}`},
		{name: "wrong method", method: "GET", path: "/api/ask", wantStatus: 405,
			wantBody: `{"error":"/api/ask needs POST, not GET"}`},
		{name: "unknown path", method: "GET", path: "/api/nope", wantStatus: 404,
			wantBody: `{"error":"no endpoint /api/nope; the endpoints are POST /api/ask, GET /api/figures, GET /api/who, GET /api/brief"}`},
		{name: "token required", opts: []Option{WithToken("s3cret")}, method: "GET", path: "/api/brief", wantStatus: 401,
			wantBody: `{"error":"missing bearer token: send Authorization: Bearer \u003ctoken\u003e"}`},
		{name: "wrong token", opts: []Option{WithToken("s3cret")}, method: "GET", path: "/api/brief", header: map[string]string{"Authorization": "Bearer s3cre"}, wantStatus: 401,
			wantBody: `{"error":"wrong bearer token"}`},
		{name: "token before routing", opts: []Option{WithToken("s3cret")}, method: "GET", path: "/api/nope", wantStatus: 401,
			wantBody: `{"error":"missing bearer token: send Authorization: Bearer \u003ctoken\u003e"}`},
		{name: "right token", opts: []Option{WithToken("s3cret")}, method: "GET", path: "/api/brief", header: map[string]string{"Authorization": "bearer s3cret"}, wantStatus: 200,
			wantBody: `{"headline":"Talks resume","bullets":["Mediators meet."]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := New(chat.NewRouter(fakeEngine{empty: tt.empty}), tt.opts...)
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			api.ServeHTTP(rec, req)
			if got := strings.TrimSpace(rec.Body.String()); rec.Code != tt.wantStatus || got != tt.wantBody {
				t.Errorf("%s %s = %d %s\nwant %d %s", tt.method, tt.path, rec.Code, got, tt.wantStatus, tt.wantBody)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if tt.wantStatus == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if tt.wantStatus == 405 && rec.Header().Get("Allow") != "POST" {
				t.Errorf("405 with Allow %q, want POST", rec.Header().Get("Allow"))
			}
		})
	}
}

func TestAPIQuestionsReachMetricsAsHTTP(t *testing.T) {
	m := &recordingMetrics{}
	api := New(chat.NewRouter(fakeEngine{}, chat.WithMetrics(m)))
	for _, body := range []string{`{"question":"who mediates?"}`, `{"question":"why?"}`} {
		api.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/api/ask", strings.NewReader(body)))
	}
	api.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/figures", nil))
	want := "http answered,http abstained,http command"
	if got := strings.Join(m.got, ","); got != want {
		t.Errorf("metrics saw %q, want %q", got, want)
	}
}

// BenchmarkAsk measures the API's own cost per question: decoding, routing,
// metrics and encoding around an engine that answers at once.
func BenchmarkAsk(b *testing.B) {
	api := New(chat.NewRouter(fakeEngine{}, chat.WithMetrics(&recordingMetrics{})), WithToken("s3cret"))
	body := `{"question":"who mediates?"}`
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/ask", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer s3cret")
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
