package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/adapters/chat"
)

// runAsk answers "bot ask [--article PATH]... [--json] QUESTION".
func runAsk(ctx context.Context, e env) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var paths articlePaths
	fs.Var(&paths, "article", "an article `file` to read, or - for stdin (repeatable; default: the bundled sample)")
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	if err := fs.Parse(e.args); err != nil {
		return exitUsage
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(e.stderr, "bot ask: give a question, for example: bot ask \"who is mediating?\"")
		return exitUsage
	}
	en, err := loadEngine(paths, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot ask: %v\n", err)
		return exitError
	}
	a, err := en.Ask(ctx, q)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot ask: %v\n", err)
		return exitError
	}
	if *asJSON {
		if err := json.NewEncoder(e.stdout).Encode(a); err != nil {
			return exitError
		}
		return exitOK
	}
	fmt.Fprintln(e.stdout, chat.RenderText(chat.Reply{Answer: &a}))
	return exitOK
}
