package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

func runFigures(ctx context.Context, e env) int {
	return runReport(e, "figures", func(en *briefing.Engine) (any, chat.Reply) {
		f := en.Figures()
		if f == nil {
			f = []briefing.Figure{}
		}
		return map[string]any{"figures": f}, chat.Reply{Figures: f}
	})
}

func runWho(ctx context.Context, e env) int {
	return runReport(e, "who", func(en *briefing.Engine) (any, chat.Reply) {
		w := en.Who()
		return w, chat.Reply{Who: &w}
	})
}

func runBrief(ctx context.Context, e env) int {
	return runReport(e, "brief", func(en *briefing.Engine) (any, chat.Reply) {
		b := en.Brief()
		return b, chat.Reply{Brief: &b}
	})
}

// runReport parses "--article PATH... [--json]", loads the articles and
// prints what report makes of them, as JSON or as text.
func runReport(e env, name string, report func(*briefing.Engine) (any, chat.Reply)) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var paths articlePaths
	fs.Var(&paths, "article", "an article `file` to read, or - for stdin (repeatable; default: the bundled sample)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(e.args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "bot %s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	en, err := loadEngine(paths, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot %s: %v\n", name, err)
		return exitError
	}
	data, reply := report(en)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(data); err != nil {
			fmt.Fprintf(e.stderr, "bot %s: %v\n", name, err)
			return exitError
		}
		return exitOK
	}
	fmt.Fprintln(e.stdout, chat.RenderText(reply))
	return exitOK
}
