package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowComponent finishes its work for a while after its context is done.
type slowComponent struct {
	finish   time.Duration // how long the work in flight takes once asked to stop
	finished atomic.Bool
}

func (c *slowComponent) Run(ctx context.Context) error {
	<-ctx.Done()
	time.Sleep(c.finish)
	c.finished.Store(true)
	return ctx.Err()
}

// stuckComponent never stops.
type stuckComponent struct{ release chan struct{} }

func (c stuckComponent) Run(ctx context.Context) error {
	<-c.release
	return nil
}

func TestShutdownWaitsForComponentsAndRequests(t *testing.T) {
	tests := []struct {
		name      string
		comp      component
		timeout   time.Duration
		wantErr   string
		requestOK bool
	}{
		{"finishes in time", &slowComponent{finish: 100 * time.Millisecond}, 5 * time.Second, "", true},
		{"stuck component", stuckComponent{release: make(chan struct{})}, 300 * time.Millisecond, "components still running after 300ms", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A request in flight that takes 150 ms.
			started := make(chan struct{})
			handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				close(started)
				time.Sleep(150 * time.Millisecond)
				io.WriteString(w, "done")
			})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			srv := &http.Server{Handler: handler}
			served := make(chan struct{})
			go func() { defer close(served); srv.Serve(ln) }()

			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			wg.Go(func() { tt.comp.Run(ctx) })

			var body string
			var reqErr error
			reqDone := make(chan struct{})
			go func() {
				defer close(reqDone)
				resp, err := http.Get("http://" + ln.Addr().String())
				if err != nil {
					reqErr = err
					return
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				body = string(b)
			}()
			<-started
			err = shutdown(srv, served, cancel, &wg, tt.timeout, slog.New(slog.DiscardHandler))
			<-reqDone
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("shutdown = %v, want error %q", err, tt.wantErr)
			}
			if reqErr != nil || body != "done" {
				t.Errorf("request in flight = %q, %v; want it finished", body, reqErr)
			}
			if c, ok := tt.comp.(*slowComponent); ok && !c.finished.Load() {
				t.Error("shutdown returned before the component finished its work")
			}
			if c, ok := tt.comp.(stuckComponent); ok {
				close(c.release)
				wg.Wait()
			}
		})
	}
}

// readyComponent reports a fixed readiness.
type readyComponent struct{ err error }

func (readyComponent) Run(ctx context.Context) error     { <-ctx.Done(); return nil }
func (c readyComponent) Ready(ctx context.Context) error { return c.err }

func TestReadyz(t *testing.T) {
	notReady := readyComponent{err: errors.New("dial tcp db:5432: connection refused")}
	tests := []struct {
		name     string
		comps    []named
		draining bool
		want     int
		wantBody string
	}{
		{"nothing to check", nil, false, 200, `{"status":"ready","components":{}}`},
		{"all ready", []named{{"digests", readyComponent{}}, {"slack", &slowComponent{}}}, false, 200, `{"status":"ready","components":{"digests":"ok"}}`},
		{"one not ready", []named{{"digests", readyComponent{}}, {"discord", notReady}}, false, 503, `{"status":"not ready","components":{"digests":"ok","discord":"not ready"}}`},
		{"shutting down", []named{{"digests", readyComponent{}}}, true, 503, `{"status":"shutting down","components":{"digests":"ok"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var draining atomic.Bool
			draining.Store(tt.draining)
			var logs strings.Builder
			h := readyHandler(tt.comps, &draining, slog.New(slog.NewTextHandler(&logs, nil)))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
			if got := strings.TrimSpace(rec.Body.String()); rec.Code != tt.want || got != tt.wantBody {
				t.Errorf("GET /readyz = %d %s, want %d %s", rec.Code, got, tt.want, tt.wantBody)
			}
			if strings.Contains(rec.Body.String(), "connection refused") {
				t.Error("/readyz shows the failure's detail to the client")
			}
			if tt.want == 503 && !tt.draining && !strings.Contains(logs.String(), "connection refused") {
				t.Errorf("the log lacks the failure's detail: %s", logs.String())
			}
		})
	}
}
