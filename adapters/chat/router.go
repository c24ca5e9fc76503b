package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Handler handles one command.
type Handler func(ctx context.Context, req Request) (Reply, error)

// Command is a registered chat command.
type Command struct {
	// Name is the command's name without a slash ("figures"), as users
	// type it: a built-in command renamed with WithCommandName has its new
	// name here in the list Commands returns.
	Name string
	// Builtin is the built-in command's name, whatever users call it; empty
	// for commands registered from outside.
	Builtin string
	// Args describes the argument text for help ("<question>"); empty when none.
	Args string
	// Help says in one line what the command does.
	Help string
	// Handler answers the command.
	Handler Handler
}

// Router dispatches requests to registered commands.
type Router struct {
	engine   Engine
	log      *slog.Logger
	digests  Digests
	sources  Sources
	metrics  Metrics
	commands map[string]Command
	aliases  map[string]string
}

// RouterOption configures a Router.
type RouterOption func(*Router)

// WithLogger sets the router's logger.
func WithLogger(l *slog.Logger) RouterOption { return func(r *Router) { r.log = l } }

// WithMetrics sets where the router reports answered commands.
func WithMetrics(m Metrics) RouterOption { return func(r *Router) { r.metrics = m } }

// WithDigests enables the digest command.
func WithDigests(d Digests) RouterOption { return func(r *Router) { r.digests = d } }

// WithSources enables the add command.
func WithSources(s Sources) RouterOption { return func(r *Router) { r.sources = s } }

// WithCommandName makes name (as typed by users) run the built-in command
// builtin, for deployments whose platform already has a command of that name.
func WithCommandName(builtin, name string) RouterOption {
	return func(r *Router) { r.aliases[strings.ToLower(name)] = builtin }
}

// NewRouter returns a router with the built-in commands: ask, figures, who,
// brief, help, and digest and add when their services are given.
func NewRouter(engine Engine, opts ...RouterOption) *Router {
	r := &Router{engine: engine, log: slog.New(slog.DiscardHandler), metrics: NopMetrics{}, commands: map[string]Command{}, aliases: map[string]string{}}
	for _, o := range opts {
		o(r)
	}
	r.Register(Command{Name: "ask", Args: "<question>", Help: "answer a question from the articles, with the sentence it came from", Handler: r.ask})
	r.Register(Command{Name: "figures", Help: "the key figures of the story, each with what it counts", Handler: r.figures})
	r.Register(Command{Name: "who", Help: "who's who: the people and organisations in the story, with their roles", Handler: r.who})
	r.Register(Command{Name: "brief", Help: "a short brief of the story", Handler: r.brief})
	if r.digests != nil {
		r.Register(Command{Name: "digest", Args: "[at HH:MM | <cron spec>] [time zone] | list | off <id> | now", Help: "subscribe this channel to a scheduled digest, list or remove subscriptions, or send one now", Handler: r.digest})
	}
	if r.sources != nil {
		r.Register(Command{Name: "add", Args: "<url>", Help: "read an article or feed from a URL", Handler: r.add})
	}
	r.Register(Command{Name: "help", Help: "what I can do", Handler: r.help})
	return r
}

// Register adds or replaces a command.
func (r *Router) Register(c Command) { r.commands[c.Name] = c }

// Commands lists the registered commands by the names users type.
func (r *Router) Commands() []Command {
	renamed := map[string]string{}
	for name, builtin := range r.aliases {
		renamed[builtin] = name
	}
	out := make([]Command, 0, len(r.commands))
	for _, c := range r.commands {
		c.Builtin = c.Name
		if n, ok := renamed[c.Name]; ok {
			c.Name = n
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Handle runs the request's command, or answers it as a question when it has
// none. Errors meant for the user come back as a Reply; other errors are
// returned together with a generic apology, for the caller to log. A
// panicking handler is recovered and reported as an error.
func (r *Router) Handle(ctx context.Context, req Request) (rep Reply, err error) {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(req.Command), "/"))
	if name == "" {
		name = "ask"
	}
	if b, ok := r.aliases[name]; ok {
		name = b
	}
	cmd, ok := r.commands[name]
	if !ok {
		return Reply{Text: fmt.Sprintf("I don't know the command %q. Try help.", name), Ephemeral: true}, nil
	}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("command panicked", "command", name, "platform", req.Platform, "panic", p, "stack", string(debug.Stack()))
			rep, err = Reply{Text: UserMessage(nil), Ephemeral: true}, fmt.Errorf("command %s panicked: %v", name, p)
		}
		r.metrics.ObserveQuestion(req.Platform, outcome(rep, err), time.Since(start))
	}()
	rep, err = cmd.Handler(ctx, req)
	if err != nil {
		if _, isUser := err.(*UserError); isUser {
			return Reply{Text: err.Error(), Ephemeral: true}, nil
		}
		return Reply{Text: UserMessage(err), Ephemeral: true}, fmt.Errorf("command %s: %w", name, err)
	}
	return rep, nil
}

func (r *Router) ask(ctx context.Context, req Request) (Reply, error) {
	q := strings.TrimSpace(req.Text)
	if q == "" {
		return Reply{}, Userf("Ask me a question about the articles, for example: who is involved?")
	}
	a, err := r.engine.Ask(ctx, q)
	if qe, ok := errors.AsType[*briefing.QuestionError](err); ok {
		return Reply{}, Userf("I can't answer that: %s.", qe.Error())
	}
	if err != nil {
		return Reply{}, fmt.Errorf("answer question: %w", err)
	}
	return Reply{Answer: &a}, nil
}

func (r *Router) figures(ctx context.Context, req Request) (Reply, error) {
	f := r.engine.Figures()
	if len(f) == 0 {
		return Reply{Text: "I have no figures yet: no article I have gives numbers."}, nil
	}
	return Reply{Figures: f}, nil
}

func (r *Router) who(ctx context.Context, req Request) (Reply, error) {
	w := r.engine.Who()
	if len(w.People)+len(w.Organizations)+len(w.Places) == 0 {
		return Reply{Text: "I have nobody to list yet: no article I have names people or organisations."}, nil
	}
	return Reply{Who: &w}, nil
}

func (r *Router) brief(ctx context.Context, req Request) (Reply, error) {
	b := r.engine.Brief()
	if b.Headline == "" && len(b.Bullets) == 0 {
		return Reply{Text: "I have no articles to brief you on yet."}, nil
	}
	return Reply{Brief: &b}, nil
}

func (r *Router) help(ctx context.Context, req Request) (Reply, error) {
	var b strings.Builder
	b.WriteString("Ask me anything about the articles I have, or use a command:\n")
	for _, c := range r.Commands() {
		b.WriteString("  /" + c.Name)
		if c.Args != "" {
			b.WriteString(" " + c.Args)
		}
		b.WriteString(" — " + c.Help + "\n")
	}
	return Reply{Text: strings.TrimRight(b.String(), "\n"), Ephemeral: true}, nil
}

func (r *Router) add(ctx context.Context, req Request) (Reply, error) {
	if !req.CanManage {
		return Reply{}, Userf("Only channel managers can add sources.")
	}
	u := strings.TrimSpace(req.Text)
	if u == "" {
		return Reply{}, Userf("Give me a URL to read: add https://example.com/story")
	}
	info, err := r.sources.AddURL(ctx, u)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("Added %q (%s).", info.Title, info.Source)}, nil
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func outcome(rep Reply, err error) string {
	switch {
	case err != nil:
		return "error"
	case rep.Answer != nil && rep.Answer.Abstained:
		return "abstained"
	case rep.Answer != nil:
		return "answered"
	}
	return "command"
}
