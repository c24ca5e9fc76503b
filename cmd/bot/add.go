package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feed"
	"github.com/briefbot/briefbot/fetch"
)

// runAdd stores articles for "bot serve": "bot add URL|PATH...". A URL is
// fetched (a feed is stored to be polled, and polled once); a PATH is read
// as a file ("-" for stdin). The store is the one "bot serve" uses:
// PostgreSQL when DATABASE_URL is set, else SQLite under BRIEFBOT_DATA_DIR.
// A running bot picks the articles up within a minute.
func runAdd(ctx context.Context, e env) int {
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: bot add URL|PATH...\n\nStores articles (files, web pages) and feeds for \"bot serve\".")
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "bot add: give a URL or a file, for example: bot add https://example.com/story")
		return exitUsage
	}
	cfg, err := config.Load(nil, e.getenv, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot add: %v\n", err)
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot add: %v\n", err)
		return exitError
	}
	defer st.Close()
	fetcher, err := newFetcher(configuredDigests(cfg))
	if err != nil {
		fmt.Fprintf(e.stderr, "bot add: %v\n", err)
		return exitError
	}
	poller := feed.New(st, fetcher, briefing.NewEngine(), feed.WithLogger(log))
	code := exitOK
	for _, arg := range fs.Args() {
		if err := addOne(ctx, poller, arg, e.stdin, e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "bot add %s: %v\n", arg, err)
			code = exitError
		}
	}
	return code
}

func addOne(ctx context.Context, p *feed.Poller, arg string, stdin io.Reader, stdout io.Writer) error {
	if fetch.CheckURL(arg) == nil {
		info, err := p.AddURL(ctx, arg)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %q from %s\n", info.Title, info.Source)
		return nil
	}
	data, err := readInput(arg, stdin)
	if err != nil {
		return err
	}
	a, err := briefing.ReadArticle(arg, data)
	if err != nil {
		return err
	}
	res, err := p.Ingest(ctx, a)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %q as %s (%s)\n", a.Title, res.ID, res.Status)
	return nil
}
