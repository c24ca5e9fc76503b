package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feed"
	"github.com/briefbot/briefbot/fetch"
	"github.com/briefbot/briefbot/schedule"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
)

// sqliteFile is the SQLite database's name under the data directory.
const sqliteFile = "briefbot.db"

// digestSettings are the digests, feeds and fetch rules given by
// configuration, as plain values.
type digestSettings struct {
	// Subscriptions are digest schedules for channels, stored at start.
	Subscriptions []chat.Subscription
	// Feeds are RSS or Atom feeds polled at their interval.
	Feeds []feed.Config
	// Grace is how late a missed digest may still be posted (0: 6 h).
	Grace time.Duration
	// QuietWhenEmpty posts nothing, rather than one line, when nothing is new.
	QuietWhenEmpty bool
	// FetchAllow lists addresses fetching may reach despite being private:
	// IPs, ranges (10.0.0.0/8) or address:port pairs.
	FetchAllow []string
	// FetchMaxBytes caps one fetched page or feed (0: 5 MB).
	FetchMaxBytes int64
}

// configuredDigests returns the digest settings in cfg. Configuration keys
// for digests, feeds and fetching are read here.
func configuredDigests(cfg config.Config) digestSettings {
	s := digestSettings{QuietWhenEmpty: cfg.DigestEmpty != "line", FetchAllow: cfg.Fetch.Allow, FetchMaxBytes: cfg.Fetch.MaxBytes}
	for _, d := range cfg.Digests {
		s.Subscriptions = append(s.Subscriptions, chat.Subscription{Platform: d.Platform, Channel: d.Channel, Spec: d.Schedule, TimeZone: d.TimeZone})
	}
	for _, f := range cfg.Feeds {
		s.Feeds = append(s.Feeds, feed.Config{URL: f.URL, Interval: f.Interval})
	}
	return s
}

// openStore opens PostgreSQL when DATABASE_URL is set, else the SQLite file
// under the data directory.
func openStore(ctx context.Context, cfg config.Config, log *slog.Logger) (*sqlstore.Store, error) {
	if cfg.DatabaseURL != "" {
		st, err := sqlstore.OpenPostgres(ctx, cfg.DatabaseURL.Reveal())
		if err != nil {
			return nil, err
		}
		log.Info("store opened", "store", "postgres")
		return st, nil
	}
	path := filepath.Join(cfg.DataDir, sqliteFile)
	st, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		return nil, err
	}
	log.Info("store opened", "store", "sqlite", "path", path)
	return st, nil
}

// newFetcher returns the fetcher of pages and feeds under the settings' rules.
func newFetcher(s digestSettings) (*fetch.Client, error) {
	opt := fetch.Options{MaxBytes: s.FetchMaxBytes}
	for _, a := range s.FetchAllow {
		p, ap, err := fetch.ParseAllow(a)
		if err != nil {
			return nil, fmt.Errorf("fetch allow-list: %w", err)
		}
		if p.IsValid() {
			opt.AllowPrefixes = append(opt.AllowPrefixes, p)
		} else {
			opt.AllowAddrPorts = append(opt.AllowAddrPorts, ap)
		}
	}
	return fetch.New(opt), nil
}

// setupDigests opens the store, rebuilds the engine from it, gives the
// router the digest and add commands, and returns the component that ticks
// digests, feed polls and the engine's sync with the store.
func setupDigests(ctx context.Context, d *deps) (component, string, error) {
	settings := configuredDigests(d.cfg)
	log := d.log.With("component", "digests")
	st, err := openStore(ctx, d.cfg, log)
	if err != nil {
		return nil, "", err
	}
	c, err := newDigests(ctx, d, st, settings, log)
	if err != nil {
		st.Close()
		return nil, "", err
	}
	return c, "", nil
}

func newDigests(ctx context.Context, d *deps, st *sqlstore.Store, settings digestSettings, log *slog.Logger) (*digests, error) {
	start := time.Now()
	n, err := store.LoadEngine(ctx, st, d.engine)
	if err != nil {
		return nil, err
	}
	log.Info("engine rebuilt from the store", "articles", n, "elapsed", time.Since(start))

	fetcher, err := newFetcher(settings)
	if err != nil {
		return nil, err
	}
	// Adapters register their posters after this setup: look them up at post time.
	posters := func(platform string) (chat.Poster, bool) {
		p, ok := d.posters[platform]
		return p, ok && p != nil
	}
	svc := digest.New(st, posters, digest.WithLogger(log), digest.WithSubscriptions(settings.Subscriptions...),
		digest.WithQuietWhenEmpty(settings.QuietWhenEmpty), digest.WithGrace(or(settings.Grace, digest.DefaultGrace)), digest.WithMetrics(d.metrics))
	if err := svc.Configure(ctx); err != nil {
		return nil, err
	}
	poller := feed.New(st, fetcher, d.engine, feed.WithLogger(log), feed.WithFeeds(settings.Feeds...), feed.WithNotifier(svc.Announce), feed.WithMetrics(d.metrics))
	if err := poller.Configure(ctx); err != nil {
		return nil, err
	}
	d.routerOpts = append(d.routerOpts, chat.WithDigests(svc), chat.WithSources(poller))

	c := &digests{store: st, runner: schedule.NewRunner(log), log: log, engine: d.engine, synced: start}
	jobs := []struct {
		name string
		fn   func(ctx context.Context) error
	}{
		{"digests", svc.Tick},
		{"feeds", poller.PollDue},
		{"sync", c.sync},
	}
	for _, j := range jobs {
		err := c.runner.Add(j.name, "* * * * *", func(ctx context.Context) {
			if err := j.fn(ctx); err != nil && ctx.Err() == nil {
				log.Error("scheduled job failed", "job", j.name, "err", err)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// digests is the running scheduler: digests, feed polls and engine sync,
// each ticked every minute.
type digests struct {
	store  *sqlstore.Store
	runner *schedule.Runner
	log    *slog.Logger
	engine *briefing.Engine
	synced time.Time
}

// Run ticks the jobs until ctx is done, then closes the store.
func (c *digests) Run(ctx context.Context) error {
	defer c.store.Close()
	return c.runner.Run(ctx)
}

// Ready reports whether the store answers.
func (c *digests) Ready(ctx context.Context) error { return c.store.Ping(ctx) }

// syncOverlap re-reads a little before the last sync, for clock skew
// between instances sharing a database.
const syncOverlap = 2 * time.Minute

// sync adds to the engine the articles other instances or "bot add" stored.
func (c *digests) sync(ctx context.Context) error {
	now := time.Now()
	changed, err := c.store.ChangedSince(ctx, c.synced.Add(-syncOverlap))
	if err != nil {
		return err
	}
	for _, a := range changed {
		if _, err := c.engine.Add(a.Article); err != nil {
			c.log.Warn("stored article not added to the engine", "article", a.Article.ID, "err", err)
		}
	}
	c.synced = now
	return nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
