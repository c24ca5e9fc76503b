// Package slack connects briefbot to Slack. It receives mentions, direct
// messages, replies in the threads it takes part in, slash commands and
// button clicks over Socket Mode or over signed HTTP requests, turns them
// into platform-neutral chat requests for the router, and posts the replies
// as Block Kit messages with a plain-text fallback, in the thread they were
// asked in.
//
// It is the only package that imports github.com/slack-go/slack. It imports
// adapters/chat and briefing, never another adapter.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/adapters/chat"
)

// platform is the name of this platform in requests, logs and metrics.
const platform = "slack"

// Handler answers a chat request; *chat.Router is one.
type Handler interface {
	Handle(ctx context.Context, req chat.Request) (chat.Reply, error)
}

// Config is what the adapter needs to reach Slack.
type Config struct {
	// BotToken is the bot user's OAuth token (xoxb-…); required.
	BotToken string
	// AppToken is the app-level token (xapp-…) that turns on Socket Mode.
	AppToken string
	// SigningSecret verifies the HTTP requests Slack sends; required for
	// the HTTP endpoints.
	SigningSecret string
	// APIURL is the base URL of Slack's Web API ("http://127.0.0.1:8081"
	// or ".../api/"); empty for Slack's own. Its host is also trusted as a
	// destination for response_url deliveries.
	APIURL string
	// Admins are the Slack user IDs allowed to manage digests and sources;
	// when empty, everyone may.
	Admins []string
}

// LogValue logs the configuration with its secrets redacted.
func (c Config) LogValue() slog.Value {
	set := func(s string) string {
		if s == "" {
			return ""
		}
		return "[redacted]"
	}
	return slog.GroupValue(
		slog.String("bot_token", set(c.BotToken)),
		slog.String("app_token", set(c.AppToken)),
		slog.String("signing_secret", set(c.SigningSecret)),
		slog.String("api_url", c.APIURL),
		slog.Int("admins", len(c.Admins)),
	)
}

// Adapter is a running connection to one Slack workspace. It implements
// chat.Poster, serves Slack's HTTP requests (see Register) and, with an app
// token, holds a Socket Mode connection (see Run).
type Adapter struct {
	handler Handler
	log     *slog.Logger
	metrics chat.Metrics

	api           *slack.Client
	socket        *socketmode.Client // nil without an app token
	signingSecret string
	admins        map[string]bool
	apiURL        *url.URL // the configured Web API, nil for Slack's own
	httpClient    *http.Client

	seen *seenSet
	// threads are the threads the bot takes part in: it answers plain
	// replies there.
	threads *threadSet
	workers int
	// mu guards closed and sending on queue.
	mu      sync.RWMutex
	closed  bool
	queue   chan job
	running atomic.Bool

	identity  atomic.Pointer[identity]
	connected atomic.Bool

	inlineWait    time.Duration
	drainTimeout  time.Duration
	retry         retryPolicy
	maxBodyBytes  int64
	socketTimeout time.Duration
}

// identity is who the bot is in the workspace, learnt from auth.test.
type identity struct {
	UserID string
	BotID  string
	Team   string
}

// job is one piece of work done by the adapter's workers.
type job struct {
	kind string
	run  func(ctx context.Context)
}

// Option configures an Adapter.
type Option func(*Adapter)

// WithLogger sets the adapter's logger.
func WithLogger(l *slog.Logger) Option { return func(a *Adapter) { a.log = l } }

// WithMetrics sets where the adapter reports its calls to Slack.
func WithMetrics(m chat.Metrics) Option { return func(a *Adapter) { a.metrics = m } }

// WithHTTPClient sets the HTTP client for Slack's Web API and response URLs.
func WithHTTPClient(c *http.Client) Option { return func(a *Adapter) { a.httpClient = c } }

// WithWorkers sets how many requests are answered at once (default 4).
func WithWorkers(n int) Option {
	return func(a *Adapter) {
		if n > 0 {
			a.workers = n
		}
	}
}

// WithQueueSize sets how many accepted requests may wait for a worker
// (default 256). When the queue is full, HTTP deliveries get a 503 and
// Socket Mode deliveries are left unacknowledged, so Slack delivers them
// again later.
func WithQueueSize(n int) Option {
	return func(a *Adapter) {
		if n > 0 {
			a.queue = make(chan job, n)
		}
	}
}

// WithThreadMemory sets how many threads the bot remembers taking part in
// (default 10,000) and for how long after its last answer there (default
// 24h). Plain replies in a remembered thread are answered without a new
// mention; the least recently used thread is forgotten first. A size of
// zero or less, or a duration of zero or less, leaves the default.
func WithThreadMemory(size int, ttl time.Duration) Option {
	return func(a *Adapter) {
		if size > 0 {
			a.threads.max = size
		}
		if ttl > 0 {
			a.threads.ttl = ttl
		}
	}
}

// WithInlineWait sets how long a slash command's acknowledgement waits for
// the answer to include it (default 2s, inside Slack's 3s deadline); slower
// answers follow through the command's response_url.
func WithInlineWait(d time.Duration) Option { return func(a *Adapter) { a.inlineWait = d } }

// WithRetry sets how many attempts a call to Slack gets (default 4) and the
// first and longest backoff between them (default 500ms and 30s).
func WithRetry(attempts int, first, longest time.Duration) Option {
	return func(a *Adapter) {
		if attempts > 0 {
			a.retry.attempts = attempts
		}
		if first > 0 {
			a.retry.first = first
		}
		if longest > 0 {
			a.retry.longest = longest
		}
	}
}

// New returns an adapter for the workspace of cfg.BotToken answering through
// h. It makes no network call; Run connects.
func New(h Handler, cfg Config, opts ...Option) (*Adapter, error) {
	if h == nil {
		return nil, errors.New("slack adapter: no handler")
	}
	if cfg.BotToken == "" {
		return nil, errors.New("slack adapter: the bot token is empty")
	}
	a := &Adapter{
		handler:       h,
		log:           slog.New(slog.DiscardHandler),
		metrics:       chat.NopMetrics{},
		signingSecret: cfg.SigningSecret,
		admins:        map[string]bool{},
		seen:          newSeenSet(4096),
		threads:       newThreadSet(10_000, 24*time.Hour, time.Now),
		workers:       4,
		queue:         make(chan job, 256),
		inlineWait:    2 * time.Second,
		drainTimeout:  15 * time.Second,
		retry:         defaultRetryPolicy(),
		maxBodyBytes:  1 << 20,
		socketTimeout: 5 * time.Second,
		httpClient:    &http.Client{Timeout: 15 * time.Second},
	}
	for _, o := range opts {
		o(a)
	}
	for _, id := range cfg.Admins {
		if id = strings.TrimSpace(id); id != "" {
			a.admins[id] = true
		}
	}
	endpoint := slack.APIURL
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("slack adapter: the API URL %q is not an http(s) URL", cfg.APIURL)
		}
		a.apiURL = u
		endpoint = strings.TrimRight(u.String(), "/")
		if !strings.HasSuffix(endpoint, "/api") {
			endpoint += "/api"
		}
		endpoint += "/"
	}
	out := slogOutput{a.log}
	clientOpts := []slack.Option{slack.OptionAPIURL(endpoint), slack.OptionHTTPClient(a.httpClient), slack.OptionLog(out)}
	if cfg.AppToken != "" {
		clientOpts = append(clientOpts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	a.api = slack.New(cfg.BotToken, clientOpts...)
	if cfg.AppToken != "" {
		a.socket = socketmode.New(a.api, socketmode.OptionLog(out), socketmode.OptionReadLimit(a.maxBodyBytes))
	}
	return a, nil
}

// SocketMode reports whether the adapter connects over Socket Mode.
func (a *Adapter) SocketMode() bool { return a.socket != nil }

// Run starts the workers, learns the bot's identity, holds the Socket Mode
// connection when there is one, and returns when ctx is done, after the
// answers in hand are posted (or a drain timeout passes). It returns an
// error when Slack refuses the credentials.
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("slack adapter: Run called twice")
	}
	// Jobs outlive ctx so that shutdown finishes the answers in hand.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	var workers sync.WaitGroup
	for range a.workers {
		workers.Go(func() {
			for j := range a.queue {
				a.runJob(jobCtx, j)
			}
		})
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	var bg sync.WaitGroup
	bg.Go(func() {
		if err := a.identify(runCtx); err != nil {
			errc <- err
		}
	})
	if a.socket != nil {
		bg.Go(func() {
			if err := a.runSocket(runCtx); err != nil {
				errc <- err
			}
		})
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
	}
	cancel()
	bg.Wait()

	a.mu.Lock()
	a.closed = true
	close(a.queue)
	a.mu.Unlock()
	done := make(chan struct{})
	go func() { workers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(a.drainTimeout):
		a.log.Warn("slack answers still running at shutdown; cancelling them", "platform", platform, "pending", len(a.queue))
		cancelJobs()
		<-done
	}
	return runErr
}

// Ready reports whether the adapter knows who it is in the workspace and,
// in Socket Mode, holds a connection.
func (a *Adapter) Ready(ctx context.Context) error {
	if a.identity.Load() == nil {
		return errors.New("slack: not yet authenticated (auth.test)")
	}
	if a.socket != nil && !a.connected.Load() {
		return errors.New("slack: the Socket Mode connection is not open")
	}
	return nil
}

// identify calls auth.test until it succeeds, Slack refuses the token, or
// ctx is done.
func (a *Adapter) identify(ctx context.Context) error {
	for {
		var res *slack.AuthTestResponse
		err := a.call(ctx, "auth.test", func(ctx context.Context) error {
			var err error
			res, err = a.api.AuthTestContext(ctx)
			return err
		})
		if err == nil {
			a.identity.Store(&identity{UserID: res.UserID, BotID: res.BotID, Team: res.Team})
			a.log.Info("slack authenticated", "platform", platform, "team", res.Team, "bot_user", res.UserID, "socket_mode", a.socket != nil)
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		if isAuthError(err) {
			return fmt.Errorf("slack refused the bot token: %w", err)
		}
		a.log.Error("slack auth.test failed; trying again", "platform", platform, "err", err)
		if err := a.retry.sleep(ctx, a.retry.longest); err != nil {
			return nil
		}
	}
}

func isAuthError(err error) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired":
			return true
		}
	}
	return false
}

// enqueue hands work to the workers without waiting.
func (a *Adapter) enqueue(j job) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.closed {
		return errStopped
	}
	select {
	case a.queue <- j:
		return nil
	default:
		return errBusy
	}
}

var (
	errBusy    = errors.New("slack adapter: too many requests waiting")
	errStopped = errors.New("slack adapter: shutting down")
)

// runJob runs one job; a panic is logged, not fatal.
func (a *Adapter) runJob(ctx context.Context, j job) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("slack job panicked", "platform", platform, "job", j.kind, "panic", p)
		}
	}()
	j.run(ctx)
}

// canManage reports whether a Slack user may manage the bot's settings.
func (a *Adapter) canManage(user string) bool {
	return len(a.admins) == 0 || a.admins[user]
}

// Post posts a reply to a channel outside any conversation, such as a
// scheduled digest. It retries on rate limits and server errors.
func (a *Adapter) Post(ctx context.Context, channel string, r chat.Reply) error {
	if channel == "" {
		return errors.New("slack post: no channel")
	}
	return a.postMessage(ctx, channel, "", render(r))
}

// postMessage posts m to channel, in the thread threadTS when set.
func (a *Adapter) postMessage(ctx context.Context, channel, threadTS string, m message) error {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return a.call(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// postEphemeral shows m to user only, in channel.
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, threadTS string, m message) error {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return a.call(ctx, "chat.postEphemeral", func(ctx context.Context) error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}

// respond delivers m through a command's response_url, which must point at
// Slack (or the configured API server).
func (a *Adapter) respond(ctx context.Context, responseURL string, m message, ephemeral bool) error {
	if !a.trustedResponseURL(responseURL) {
		return fmt.Errorf("response_url %q is not a Slack address", redactURL(responseURL))
	}
	msg := webhookMessage(m, ephemeral)
	return a.call(ctx, "response_url", func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, responseURL, a.httpClient, msg)
	})
}

func webhookMessage(m message, ephemeral bool) *slack.WebhookMessage {
	msg := &slack.WebhookMessage{Text: m.Text, ResponseType: slack.ResponseTypeInChannel}
	if len(m.Blocks) > 0 {
		msg.Blocks = &slack.Blocks{BlockSet: m.Blocks}
	}
	if ephemeral {
		msg.ResponseType = slack.ResponseTypeEphemeral
	}
	return msg
}

// trustedResponseURL reports whether raw is a response URL the bot may POST
// to: Slack's hooks host over HTTPS, or the configured API server.
func (a *Adapter) trustedResponseURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Opaque != "" {
		return false
	}
	if u.Scheme == "https" && u.Host == "hooks.slack.com" {
		return true
	}
	return a.apiURL != nil && u.Scheme == a.apiURL.Scheme && strings.EqualFold(u.Host, a.apiURL.Host)
}

// redactURL keeps a URL's scheme and host only: response URLs carry tokens.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

// slogOutput passes slack-go's log lines to slog at debug level.
type slogOutput struct{ log *slog.Logger }

// Output logs s.
func (o slogOutput) Output(_ int, s string) error {
	o.log.Debug(strings.TrimSpace(s), "platform", platform, "source", "slack-go")
	return nil
}
