package slack

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/adapters/chat"
)

// Slack's documented signing example ("Verifying requests from Slack").
const (
	exampleBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	exampleSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	exampleTimestamp = "1531420618"
	exampleSig       = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

var exampleTime = time.Unix(1531420618, 0)

func exampleHeader() http.Header {
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", exampleTimestamp)
	h.Set("X-Slack-Signature", exampleSig)
	return h
}

// TestVerifySignatureSlackExample checks Slack's own example under a fake
// clock set around its timestamp, with the verifier slack-go provides.
func TestVerifySignatureSlackExample(t *testing.T) {
	tests := []struct {
		name   string
		now    time.Duration // from the example's timestamp
		header func(http.Header)
		body   string
		secret string
		want   error
	}{
		{name: "at the timestamp", want: nil},
		{name: "4m59s later", now: 299 * time.Second, want: nil},
		{name: "4m59s earlier", now: -299 * time.Second, want: nil},
		{name: "5m01s later", now: 301 * time.Second, want: slack.ErrExpiredTimestamp},
		{name: "5m01s earlier", now: -301 * time.Second, want: slack.ErrExpiredTimestamp},
		{name: "a day later", now: 24 * time.Hour, want: slack.ErrExpiredTimestamp},
		{name: "wrong secret", secret: "0000000000000000000000000000000a", want: slack.ErrInvalidSignature},
		{name: "tampered body", body: strings.Replace(exampleBody, "text=", "text=rm", 1), want: slack.ErrInvalidSignature},
		{name: "signature of another timestamp", header: func(h http.Header) { h.Set("X-Slack-Request-Timestamp", "1531420619") }, now: time.Second, want: slack.ErrInvalidSignature},
		{name: "no signature", header: func(h http.Header) { h.Del("X-Slack-Signature") }, want: slack.ErrMissingHeaders},
		{name: "no timestamp", header: func(h http.Header) { h.Del("X-Slack-Request-Timestamp") }, want: slack.ErrMissingHeaders},
		{name: "no v0= prefix", header: func(h http.Header) { h.Set("X-Slack-Signature", strings.TrimPrefix(exampleSig, "v0=")) }, want: slack.ErrInvalidSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				time.Sleep(time.Until(exampleTime.Add(tt.now)))
				h := exampleHeader()
				if tt.header != nil {
					tt.header(h)
				}
				body, secret := exampleBody, exampleSecret
				if tt.body != "" {
					body = tt.body
				}
				if tt.secret != "" {
					secret = tt.secret
				}
				err := verifySignature(h, []byte(body), secret)
				if tt.want == nil && err != nil {
					t.Fatalf("verifySignature: %v, want success", err)
				}
				if tt.want != nil && !errors.Is(err, tt.want) {
					t.Fatalf("verifySignature: %v, want %v", err, tt.want)
				}
			})
		})
	}
}

// TestCommandEndpointSlackExample sends Slack's example request to the
// command endpoint under a fake clock: accepted and queued when fresh,
// refused with 401 and no work done when stale.
func TestCommandEndpointSlackExample(t *testing.T) {
	tests := []struct {
		name       string
		now        time.Duration
		wantStatus int
		wantQueued int
	}{
		{"fresh", 10 * time.Second, http.StatusOK, 1},
		{"stale", 5*time.Minute + time.Second, http.StatusUnauthorized, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				called := false
				h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
					called = true
					return chat.Reply{}, nil
				})
				a, err := New(h, Config{BotToken: "xoxb-test", SigningSecret: exampleSecret})
				if err != nil {
					t.Fatal(err)
				}
				mux := http.NewServeMux()
				if err := a.Register(mux); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Until(exampleTime.Add(tt.now)))
				req := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(exampleBody))
				req.Header = exampleHeader()
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				rec := httptest.NewRecorder()
				// No worker runs: the acknowledgement must not wait for one
				// beyond the inline wait.
				mux.ServeHTTP(rec, req)
				if rec.Code != tt.wantStatus {
					t.Errorf("status %d, want %d (%s)", rec.Code, tt.wantStatus, rec.Body)
				}
				if got := len(a.queue); got != tt.wantQueued {
					t.Errorf("%d jobs queued, want %d", got, tt.wantQueued)
				}
				if called {
					t.Error("the handler ran inside the request")
				}
			})
		})
	}
}
