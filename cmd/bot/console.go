package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/console"
)

func runConsole(ctx context.Context, e env) int {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var paths articlePaths
	fs.Var(&paths, "article", "an article `file` to read, or - for stdin (repeatable; default: the bundled sample)")
	if err := fs.Parse(e.args); err != nil {
		return exitUsage
	}
	en, err := loadEngine(paths, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot: %v\n", err)
		return exitError
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	router := chat.NewRouter(en, chat.WithLogger(log))
	for _, a := range en.Articles() {
		fmt.Fprintf(e.stdout, "briefbot has read %q.\n", a.Title)
	}
	fmt.Fprintln(e.stdout, "Ask a question, or type /help, /figures, /who, /brief; /quit to leave.")
	if err := console.New(router, e.stdin, e.stdout, log, "> ").Run(ctx); err != nil {
		fmt.Fprintf(e.stderr, "bot: %v\n", err)
		return exitError
	}
	return exitOK
}
