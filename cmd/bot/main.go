// Command bot is briefbot: a chat bot that reads news articles and answers
// questions about them. With no arguments it opens a console chat over a
// bundled sample article; "bot serve" runs the Slack and Discord adapters,
// digests and the HTTP API; "bot figures|who|brief|ask" answer from the
// command line.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// env is what a subcommand may use of the process.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type subcommand struct {
	summary string
	run     func(ctx context.Context, e env) int
}

func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"console": {"chat in the terminal (the default)", runConsole},
		"figures": {"list the key figures of articles", runFigures},
		"who":     {"list the people, organisations and places of articles", runWho},
		"brief":   {"brief the story of articles", runBrief},
		"ask":     {"answer a question, or a batch of them, from articles", runAsk},
		"serve":   {"run the chat adapters, digests and HTTP API", runServe},
		"health":  {"check that a running \"bot serve\" is alive (for container health checks)", runHealth},
		"add":     {"store articles and feeds (URL or file) for serve", runAdd},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal starts a graceful shutdown, a second one
		// gets the default behaviour: the process ends at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, env{args: os.Args[1:], stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e env) int {
	name := "console"
	if len(e.args) > 0 && (len(e.args[0]) == 0 || e.args[0][0] != '-') {
		name, e.args = e.args[0], e.args[1:]
	}
	cmds := subcommands()
	if name == "help" {
		usage(e.stdout, cmds)
		return exitOK
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(e.stderr, "bot: unknown command %q\n", name)
		usage(e.stderr, cmds)
		return exitUsage
	}
	return cmd.run(ctx, e)
}

func usage(w io.Writer, cmds map[string]subcommand) {
	fmt.Fprintln(w, "usage: bot [command] [flags]")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "Run \"bot COMMAND -h\" for a command's flags.")
}
