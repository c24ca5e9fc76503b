package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
)

// platform is the name the adapter gives the chat router and metrics.
const platform = "discord"

// Defaults of the adapter's options.
const (
	// DefaultDeferAfter is how long an interaction waits for its answer
	// before it is deferred: Discord wants a first response within 3 s.
	DefaultDeferAfter = 2 * time.Second
	// followupWindow is how long an interaction token stays valid.
	followupWindow = 15 * time.Minute
	// drainTimeout bounds how long Run waits for answers in flight at shutdown.
	drainTimeout = 15 * time.Second
)

// Handler answers chat requests and lists the commands it knows. The chat
// router implements it.
type Handler interface {
	Handle(ctx context.Context, req chat.Request) (chat.Reply, error)
	Commands() []chat.Command
}

// Config is what the adapter needs to connect. The command line fills it in
// from the DISCORD_* environment variables.
type Config struct {
	// BotToken connects the gateway, registers commands and posts to
	// channels. Empty for an HTTP-interactions-only bot. Never logged.
	BotToken string
	// PublicKey is the application's hex Ed25519 public key; when set the
	// adapter serves HTTP interactions.
	PublicKey string
	// AppID is the application's ID; learnt from the gateway when empty.
	AppID string
	// APIURL is the server REST calls go to instead of https://discord.com
	// ("http://127.0.0.1:8999" or "http://127.0.0.1:8999/api/v9").
	APIURL string
	// GuildID registers the commands in one guild only (instant, for
	// development) instead of globally.
	GuildID string
	// ShardID and ShardCount shard the gateway connection of large bots.
	ShardID, ShardCount int
	// ManagerRole is the ID or name of a role whose members may manage
	// digests, besides members with the Manage Server permission.
	ManagerRole string
	// Admins are user IDs allowed to manage digests wherever they are.
	Admins []string
}

// LogValue describes the configuration without its token.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("gateway", c.BotToken != ""),
		slog.Bool("interactions_endpoint", c.PublicKey != ""),
		slog.String("app_id", c.AppID),
		slog.String("api_url", c.APIURL),
		slog.String("guild_id", c.GuildID),
		slog.Int("shard_id", c.ShardID),
		slog.Int("shard_count", c.ShardCount),
	)
}

// String describes the configuration without its token.
func (c Config) String() string { return "discord.Config" + c.LogValue().String() }

// GoString describes the configuration without its token, for %#v.
func (c Config) GoString() string { return c.String() }

// Option configures an Adapter.
type Option func(*Adapter)

// WithLogger sets the adapter's logger.
func WithLogger(l *slog.Logger) Option { return func(a *Adapter) { a.log = l } }

// WithMetrics sets where the adapter reports its calls to Discord's API.
func WithMetrics(m chat.Metrics) Option { return func(a *Adapter) { a.metrics = m } }

// WithClock sets the clock that checks the age of signed interactions and
// times the circuit breaker.
func WithClock(now func() time.Time) Option { return func(a *Adapter) { a.now = now } }

// WithDeferAfter sets how long an interaction waits for its answer before
// it is deferred and answered with a follow-up message.
func WithDeferAfter(d time.Duration) Option { return func(a *Adapter) { a.deferAfter = d } }

// WithBackoff sets the first wait before retrying a failed call to Discord;
// each further retry waits twice as long.
func WithBackoff(d time.Duration) Option { return func(a *Adapter) { a.backoff = d } }

// Adapter connects the chat router to Discord. It is an http.Handler for
// Discord's HTTP interactions, a chat.Poster for scheduled digests, and a
// long-lived component whose Run holds the gateway connection.
type Adapter struct {
	cfg        Config
	handler    Handler
	log        *slog.Logger
	metrics    chat.Metrics
	now        func() time.Time
	deferAfter time.Duration
	backoff    time.Duration

	publicKey ed25519.PublicKey
	session   *discordgo.Session
	commands  []*discordgo.ApplicationCommand
	breaker   breaker
	seen      seenSet
	roles     roleCache

	// life bounds the work that outlives one event or request: deferred
	// answers and follow-ups. Run cancels it after draining them.
	life    context.Context
	endLife context.CancelFunc
	working sync.WaitGroup
}

// New returns an adapter answering through h. It checks the configuration
// but does not connect: Run does.
func New(cfg Config, h Handler, opts ...Option) (*Adapter, error) {
	if cfg.BotToken == "" && cfg.PublicKey == "" {
		return nil, errors.New("discord: set a bot token, a public key, or both")
	}
	if h == nil {
		return nil, errors.New("discord: no handler")
	}
	a := &Adapter{
		cfg:        cfg,
		handler:    h,
		log:        slog.New(slog.DiscardHandler),
		metrics:    chat.NopMetrics{},
		now:        time.Now,
		deferAfter: DefaultDeferAfter,
		backoff:    500 * time.Millisecond,
	}
	for _, o := range opts {
		o(a)
	}
	if cfg.PublicKey != "" {
		key, err := hex.DecodeString(cfg.PublicKey)
		if err != nil || len(key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("discord public key: want %d bytes of hex, got %q", ed25519.PublicKeySize, cfg.PublicKey)
		}
		a.publicKey = ed25519.PublicKey(key)
	}
	transport, err := newTransport(cfg.APIURL, http.DefaultTransport)
	if err != nil {
		return nil, err
	}
	if cfg.ShardCount > 0 && cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord shard %d is not below the shard count %d", cfg.ShardID, cfg.ShardCount)
	}
	token := ""
	if cfg.BotToken != "" {
		token = "Bot " + strings.TrimPrefix(cfg.BotToken, "Bot ")
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Client = &http.Client{Transport: recordingTransport{transport}, Timeout: 20 * time.Second}
	// Retries are the adapter's: context-aware, bounded and counted.
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	// Minimal intents: guilds (for role names), and the messages of guilds
	// and DMs, whose text the bot sees only when it is mentioned.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.ShardCount > 0 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	s.State.TrackMembers = false
	s.State.TrackPresences = false
	s.State.TrackVoice = false
	s.State.TrackEmojis = false
	s.State.TrackStickers = false
	s.State.MaxMessageCount = 0
	a.session = s
	a.commands = commandsFor(h.Commands())
	a.life, a.endLife = context.WithCancel(context.Background())

	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { a.log.Info("discord gateway disconnected") })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { a.log.Info("discord gateway resumed") })
	s.AddHandler(a.onInteraction)
	s.AddHandler(a.onMessage)
	return a, nil
}

// Run connects the gateway when a bot token is configured, registers the
// application commands, and serves until ctx is done. Then it closes the
// gateway and waits for answers in flight before returning.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.endLife()
	a.log.Info("discord adapter starting", "config", a.cfg)
	if a.cfg.BotToken != "" {
		if err := a.open(ctx); err != nil {
			if ctx.Err() != nil {
				return nil // stopped before the gateway came up
			}
			return err
		}
		if err := a.RegisterCommands(ctx); err != nil {
			if a.breaker.tokenRejected(a.now()) {
				a.closeGateway()
				return err
			}
			a.log.Error("discord commands not registered", "err", err)
		}
	}
	<-ctx.Done()
	// Stop intake first, then let the answers in flight finish.
	if a.cfg.BotToken != "" {
		a.closeGateway()
	}
	a.drain()
	return nil
}

func (a *Adapter) closeGateway() {
	if err := a.session.Close(); err != nil {
		a.log.Warn("close discord gateway", "err", err)
	}
}

// drain waits for deferred answers and follow-ups in flight, at most drainTimeout.
func (a *Adapter) drain() {
	done := make(chan struct{})
	go func() { a.working.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(drainTimeout):
		a.log.Warn("discord answers still in flight at shutdown; abandoning them")
	}
}

// open connects the gateway, retrying with backoff until ctx is done.
// Errors that retrying cannot fix (a rejected token, bad shard or intents)
// are returned at once.
func (a *Adapter) open(ctx context.Context) error {
	wait := time.Second
	for {
		err := a.session.Open()
		if err == nil {
			a.log.Info("discord gateway connected", "shard_id", a.session.ShardID, "shard_count", a.session.ShardCount)
			return nil
		}
		if fatalGatewayError(err) {
			a.breaker.trip(globalKey, a.now())
			return fmt.Errorf("connect discord gateway: Discord rejected the bot token or its settings (check DISCORD_BOT_TOKEN and the shard settings): %w", err)
		}
		a.log.Warn("discord gateway connection failed; retrying", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}

// Ready reports whether the adapter can answer: the token has not been
// rejected and, with a bot token, the gateway is connected.
func (a *Adapter) Ready(ctx context.Context) error {
	if a.breaker.tokenRejected(a.now()) {
		return errors.New("discord rejected the bot token")
	}
	if a.cfg.BotToken == "" {
		return nil
	}
	a.session.RLock()
	up := a.session.DataReady
	a.session.RUnlock()
	if !up {
		return errors.New("discord gateway is not connected")
	}
	return nil
}

// RegisterCommands replaces the application's commands with the router's,
// globally or in the configured guild. Run calls it after connecting.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	if a.cfg.BotToken == "" {
		return errors.New("register discord commands: no bot token")
	}
	appID := a.applicationID()
	if appID == "" {
		return errors.New("register discord commands: no application ID (set DISCORD_APP_ID)")
	}
	err := a.call(ctx, "register commands", "commands", true, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.ApplicationCommandBulkOverwrite(appID, a.cfg.GuildID, a.commands, opts...)
		return err
	})
	if err != nil {
		return err
	}
	names := make([]string, len(a.commands))
	for i, c := range a.commands {
		names[i] = c.Name
	}
	a.log.Info("discord commands registered", "commands", names, "guild_id", a.cfg.GuildID)
	return nil
}

// applicationID is the configured application ID, else the one the
// gateway's READY gave.
func (a *Adapter) applicationID() string {
	if a.cfg.AppID != "" {
		return a.cfg.AppID
	}
	st := a.session.State
	st.RLock()
	defer st.RUnlock()
	if st.Application != nil {
		return st.Application.ID
	}
	return ""
}

// selfID is the bot's user ID, from the gateway's READY.
func (a *Adapter) selfID() string {
	st := a.session.State
	st.RLock()
	defer st.RUnlock()
	if st.User != nil {
		return st.User.ID
	}
	return ""
}

// newTransport returns a transport that sends requests for discord.com to
// apiURL instead, or base unchanged when apiURL is empty.
func newTransport(apiURL string, base http.RoundTripper) (http.RoundTripper, error) {
	if apiURL == "" {
		return base, nil
	}
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord API URL %q: want http(s)://host[:port][/path]", apiURL)
	}
	prefix := strings.TrimSuffix(u.Path, "/")
	prefix = strings.TrimSuffix(prefix, "/api/v"+discordgo.APIVersion)
	prefix = strings.TrimSuffix(prefix, "/api")
	return &rewriteTransport{scheme: u.Scheme, host: u.Host, prefix: prefix, base: base}, nil
}

// rewriteTransport points discordgo, whose endpoints are fixed at
// https://discord.com, at another server.
type rewriteTransport struct {
	scheme, host, prefix string
	base                 http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" {
		return t.base.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.scheme, t.host, ""
	r.URL.Path = t.prefix + r.URL.Path
	if r.URL.RawPath != "" {
		r.URL.RawPath = t.prefix + r.URL.RawPath
	}
	return t.base.RoundTrip(r)
}
