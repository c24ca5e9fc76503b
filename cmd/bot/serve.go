package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
)

// component is a long-lived part of a running bot: an adapter, the
// scheduler, the feed poller. Run returns when ctx is done.
type component interface {
	Run(ctx context.Context) error
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
}

// setup builds one optional part from the configuration. It returns a nil
// component and a reason when the part is off.
type setup struct {
	name string
	fn   func(ctx context.Context, d *deps) (component, string, error)
}

func runServe(ctx context.Context, e env) int {
	cfg, err := config.Load(e.args, e.getenv, e.stderr)
	if errors.Is(err, config.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "bot serve: %v\n", err)
		return exitUsage
	}
	log := newLogger(cfg, e)
	if err := serve(ctx, cfg, log, e); err != nil {
		log.Error("bot stopped", "err", err)
		return exitError
	}
	return exitOK
}

func newLogger(cfg config.Config, e env) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, e env) error {
	engine := briefing.NewEngine()
	for _, p := range cfg.Articles {
		data, err := readInput(p, e.stdin)
		if err != nil {
			return err
		}
		a, err := briefing.ReadArticle(p, data)
		if err != nil {
			return err
		}
		if _, err := engine.Add(a); err != nil {
			return fmt.Errorf("add %s: %w", p, err)
		}
	}
	d := &deps{cfg: cfg, log: log, engine: engine, mux: http.NewServeMux(), posters: map[string]chat.Poster{}}
	d.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})

	var comps []component
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
			comps = append(comps, c)
		}
		return nil
	}
	// Services the router needs come first; adapters that use the router after.
	if err := start([]setup{{"digests", setupDigests}}); err != nil {
		return err
	}
	d.router = chat.NewRouter(engine, append([]chat.RouterOption{chat.WithLogger(log)}, d.routerOpts...)...)
	if err := start([]setup{{"slack", setupSlack}, {"discord", setupDiscord}}); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	srv := &http.Server{Handler: d.mux, ReadHeaderTimeout: 10 * time.Second}
	log.Info("http server listening", "addr", ln.Addr().String())
	if f := e.getenv("BRIEFBOT_ADDR_FILE"); f != "" {
		// Tests start the bot on port 0 and read the chosen address here.
		if err := os.WriteFile(f, []byte(ln.Addr().String()), 0o600); err != nil {
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
				errc <- err
			}
		})
	}
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	})
	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case runErr = <-errc:
		log.Error("component failed; shutting down", "err", runErr)
	}
	shutCtx, shutCancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer shutCancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	cancel()
	wg.Wait()
	return runErr
}
