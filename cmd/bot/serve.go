package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/httpapi"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/metrics"
)

// component is a long-lived part of a running bot: an adapter, the
// scheduler, the feed poller. Run returns when ctx is done, after it has
// stopped taking new work and finished the work in flight (answers being
// written, digest jobs running); "bot serve" waits for that at most
// config.ShutdownTimeout.
type component interface {
	Run(ctx context.Context) error
}

// readier is a component that can say whether it is ready to serve: its
// store reachable, its platform connected. /readyz asks every component
// that implements it.
type readier interface {
	Ready(ctx context.Context) error
}

// deps is what "bot serve" wires its parts from.
type deps struct {
	cfg    config.Config
	log    *slog.Logger
	engine *briefing.Engine
	router *chat.Router
	// routerOpts are added by setups that run before the router is built.
	routerOpts []chat.RouterOption
	mux        *http.ServeMux
	// posters holds each connected platform's Poster ("slack", "discord"),
	// filled by the adapter setups, for scheduled digests to post through.
	posters map[string]chat.Poster
	// metrics counts questions (through the router), platform calls,
	// digests posted and failed, and feed fetches.
	metrics *metrics.Metrics
}

// setup builds one optional part from the configuration. It returns a nil
// component and a reason when the part is off.
type setup struct {
	name string
	fn   func(ctx context.Context, d *deps) (component, string, error)
}

// named is a running component with the name of the setup that built it.
type named struct {
	name string
	component
}

func runServe(ctx context.Context, e env) int {
	cfg, err := config.Load(e.args, e.getenv, e.stderr)
	if errors.Is(err, config.ErrHelp) {
		return exitOK
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(e.stderr, "bot serve: %s\n", line)
		}
		return exitUsage
	}
	log := newLogger(cfg, e)
	if err := serve(ctx, cfg, log, e); err != nil {
		log.Error("bot stopped", "err", err)
		return exitError
	}
	log.Info("bot stopped")
	return exitOK
}

func newLogger(cfg config.Config, e env) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// serve runs the bot until ctx is done, then shuts it down in order: it
// stops taking requests and messages, waits for answers in flight and
// running digest jobs (at most cfg.ShutdownTimeout), and returns.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, e env) error {
	engine := briefing.NewEngine()
	if err := addFiles(engine, cfg.Articles, e.stdin); err != nil {
		return err
	}
	log.Info("starting", "config_file", cfg.File, "articles", len(cfg.Articles), "feeds", len(cfg.Feeds), "digests", len(cfg.Digests))
	d := &deps{cfg: cfg, log: log, engine: engine, mux: http.NewServeMux(), posters: map[string]chat.Poster{}, metrics: metrics.New()}

	var comps []named
	start := func(setups []setup) error {
		for _, s := range setups {
			c, reason, err := s.fn(ctx, d)
			if err != nil {
				return fmt.Errorf("start %s: %w", s.name, err)
			}
			if c == nil {
				log.Info("component off", "component", s.name, "reason", reason)
				continue
			}
			log.Info("component on", "component", s.name)
			comps = append(comps, named{s.name, c})
		}
		return nil
	}
	// Services the router needs come first; adapters that use the router after.
	if err := start([]setup{{"digests", setupDigests}}); err != nil {
		return err
	}
	opts := []chat.RouterOption{chat.WithLogger(log), chat.WithMetrics(d.metrics)}
	for _, b := range config.Builtins {
		if n := cfg.CommandName(b); n != b {
			opts = append(opts, chat.WithCommandName(b, n))
		}
	}
	d.router = chat.NewRouter(engine, append(opts, d.routerOpts...)...)
	if err := start([]setup{{"slack", setupSlack}, {"discord", setupDiscord}}); err != nil {
		return err
	}

	var draining atomic.Bool
	d.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	d.mux.Handle("GET /readyz", readyHandler(comps, &draining, log))
	d.mux.Handle("GET /metrics", d.metrics.Handler())
	if cfg.API.Enabled {
		d.mux.Handle("/api/", httpapi.New(d.router,
			httpapi.WithToken(cfg.API.Token.Reveal()),
			httpapi.WithMaxBody(cfg.API.MaxBodyBytes),
			httpapi.WithTimeout(cfg.API.Timeout),
			httpapi.WithLogger(log)))
		log.Info("component on", "component", "api", "bearer_token", cfg.API.Token != "")
	} else {
		log.Info("component off", "component", "api", "reason", "api.enabled is false")
	}

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	srv := &http.Server{
		Handler:           d.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      cfg.API.Timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("http server listening", "addr", ln.Addr().String())
	if f := e.getenv("BRIEFBOT_ADDR_FILE"); f != "" {
		// Tests start the bot on port 0 and read the chosen address here.
		// Written aside and renamed, so a reader never sees half of it.
		err := os.WriteFile(f+".tmp", []byte(ln.Addr().String()), 0o600)
		if err == nil {
			err = os.Rename(f+".tmp", f)
		}
		if err != nil {
			ln.Close()
			return fmt.Errorf("write address file: %w", err)
		}
	}

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, len(comps)+1)
	for _, c := range comps {
		wg.Go(func() {
			if err := c.Run(runCtx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- fmt.Errorf("%s: %w", c.name, err)
			}
		})
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()

	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down: no new requests; finishing answers in flight and running jobs", "timeout", cfg.ShutdownTimeout)
	case runErr = <-errc:
		log.Error("component failed; shutting down", "err", runErr)
	}
	draining.Store(true)
	return errors.Join(runErr, shutdown(srv, served, cancel, &wg, cfg.ShutdownTimeout, log))
}

// shutdown stops the HTTP server and the components together: the server
// closes its listener and waits for requests in flight; the components,
// their context cancelled, stop intake and finish their work. It waits for
// both at most timeout.
func shutdown(srv *http.Server, served <-chan struct{}, cancel context.CancelFunc, comps *sync.WaitGroup, timeout time.Duration, log *slog.Logger) error {
	start := time.Now()
	ctx, stop := context.WithTimeout(context.Background(), timeout)
	defer stop()
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Shutdown(ctx) }()
	cancel()
	compsDone := make(chan struct{})
	go func() { comps.Wait(); close(compsDone) }()

	var errs []error
	if err := <-httpDone; err != nil {
		errs = append(errs, fmt.Errorf("http requests still running after %v: %w", timeout, err))
		srv.Close()
	}
	<-served
	select {
	case <-compsDone:
	case <-ctx.Done():
		errs = append(errs, fmt.Errorf("components still running after %v", timeout))
	}
	if len(errs) == 0 {
		log.Info("shut down cleanly", "elapsed", time.Since(start).Round(time.Millisecond))
	}
	return errors.Join(errs...)
}

// readyHandler answers /readyz: 200 when every component that can tell is
// ready, 503 otherwise or while shutting down. Details of a failure go to
// the log, not to the unauthenticated client.
func readyHandler(comps []named, draining *atomic.Bool, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		status := map[string]string{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, c := range comps {
			rc, ok := c.component.(readier)
			if !ok {
				continue
			}
			wg.Go(func() {
				s := "ok"
				if err := rc.Ready(ctx); err != nil {
					log.Warn("not ready", "component", c.name, "err", err)
					s = "not ready"
				}
				mu.Lock()
				status[c.name] = s
				mu.Unlock()
			})
		}
		wg.Wait()
		code, overall := http.StatusOK, "ready"
		for _, s := range status {
			if s != "ok" {
				code, overall = http.StatusServiceUnavailable, "not ready"
			}
		}
		if draining.Load() {
			code, overall = http.StatusServiceUnavailable, "shutting down"
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		body := struct {
			Status     string            `json:"status"`
			Components map[string]string `json:"components"`
		}{overall, status}
		if err := json.NewEncoder(w).Encode(body); err != nil {
			log.Debug("write readyz", "err", err)
		}
	})
}
