package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Limits of the adapter's retries.
const (
	// maxAttempts bounds the tries of one REST call.
	maxAttempts = 5
	// maxRetryAfter is the longest rate-limit wait the adapter accepts
	// before giving up on a call.
	maxRetryAfter = time.Minute
	// maxBackoff caps the wait between retries of server errors.
	maxBackoff = 30 * time.Second
)

// errCircuitOpen is returned, wrapped, for calls the breaker stops.
var errCircuitOpen = errors.New("discord calls paused after Discord refused them")

// Discord error codes the adapter reacts to.
const (
	codeAlreadyAcknowledged = 40060 // "Interaction has already been acknowledged"
)

// call makes one REST request through fn, passing it the request options
// that carry ctx. It retries 429s after retry_after and server errors with
// exponential backoff; idempotent says whether retrying after an error
// whose outcome is unknown (a 500, a broken connection) is safe. A 401
// pauses every call and a 403 pauses calls with the same key, so a revoked
// token or a lost permission does not produce a stream of invalid requests.
func (a *Adapter) call(ctx context.Context, op, key string, idempotent bool, fn func(opts ...discordgo.RequestOption) error) error {
	if err := a.breaker.allow(key, a.now()); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for attempt := 1; ; attempt++ {
		rec := &attemptRecord{}
		err := fn(discordgo.WithContext(context.WithValue(ctx, attemptKey{}, rec)))
		if err == nil {
			a.metrics.CountPlatformCall(platform, "ok")
			a.breaker.reset(key)
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			a.metrics.CountPlatformCall(platform, "error")
			return fmt.Errorf("%s: %w", op, ctxErr)
		}
		status := rec.get()
		if attempt > 1 && apiCode(err) == codeAlreadyAcknowledged {
			// An earlier try reached Discord after all.
			a.metrics.CountPlatformCall(platform, "ok")
			return nil
		}
		var wait time.Duration
		switch {
		case status == http.StatusTooManyRequests:
			a.metrics.CountPlatformCall(platform, "rate_limited")
			wait = retryAfter(err)
			if wait > maxRetryAfter {
				return fmt.Errorf("%s: rate limited for %s: %w", op, wait, err)
			}
		case status == http.StatusUnauthorized:
			a.metrics.CountPlatformCall(platform, "error")
			a.breaker.trip(globalKey, a.now())
			return fmt.Errorf("%s: Discord rejected the bot token: %w", op, err)
		case status == http.StatusForbidden:
			a.metrics.CountPlatformCall(platform, "error")
			a.breaker.trip(key, a.now())
			return fmt.Errorf("%s: Discord refused the call: %w", op, err)
		case status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout,
			idempotent && (status >= 500 || status == 0):
			// 502, 503 and 504 come from Discord's edge: the call did not
			// run. Other failures are retried only when that is safe.
			a.metrics.CountPlatformCall(platform, "retry")
			wait = min(a.backoff<<(attempt-1), maxBackoff)
		default:
			a.metrics.CountPlatformCall(platform, "error")
			return fmt.Errorf("%s: %w", op, err)
		}
		if attempt >= maxAttempts {
			return fmt.Errorf("%s: gave up after %d tries: %w", op, attempt, err)
		}
		a.log.Info("discord call failed; retrying", "op", op, "status", status, "retry_in", wait, "attempt", attempt)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: %w", op, ctx.Err())
		case <-t.C:
		}
	}
}

// retryAfter is how long a 429 asks to wait.
func retryAfter(err error) time.Duration {
	if rl, ok := errors.AsType[*discordgo.RateLimitError](err); ok && rl.RateLimit != nil && rl.TooManyRequests != nil {
		if d := rl.RetryAfter; d > 0 {
			return d
		}
	}
	return time.Second
}

// apiCode is the JSON error code of a REST error, or 0.
func apiCode(err error) int {
	if re, ok := errors.AsType[*discordgo.RESTError](err); ok && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// fatalGatewayError reports whether a gateway connection error is one that
// retrying cannot fix.
func fatalGatewayError(err error) bool {
	if ce, ok := errors.AsType[*websocket.CloseError](err); ok {
		switch ce.Code {
		case 4004, // authentication failed
			4010, // invalid shard
			4011, // sharding required
			4012, // invalid API version
			4013, // invalid intents
			4014: // disallowed intents
			return true
		}
	}
	if re, ok := errors.AsType[*discordgo.RESTError](err); ok && re.Response != nil {
		return re.Response.StatusCode == http.StatusUnauthorized || re.Response.StatusCode == http.StatusForbidden
	}
	return errors.Is(err, discordgo.ErrUnauthorized) || errors.Is(err, discordgo.ErrWSShardBounds)
}

// attemptKey carries an attemptRecord in a request's context.
type attemptKey struct{}

// attemptRecord receives the HTTP status of one try of a call: discordgo
// does not report it for every failure (a 502 becomes a plain error).
type attemptRecord struct {
	mu     sync.Mutex
	status int
}

func (r *attemptRecord) set(status int) {
	r.mu.Lock()
	r.status = status
	r.mu.Unlock()
}

func (r *attemptRecord) get() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// recordingTransport tells a request's attemptRecord the response status.
type recordingTransport struct{ base http.RoundTripper }

func (t recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if rec, ok := r.Context().Value(attemptKey{}).(*attemptRecord); ok && resp != nil {
		rec.set(resp.StatusCode)
	}
	return resp, err
}

// globalKey is the breaker key that pauses every call.
const globalKey = "*"

// breaker pauses calls Discord refused (401, 403), for a time that doubles
// with each refusal in a row, from a minute up to half an hour.
type breaker struct {
	mu      sync.Mutex
	until   map[string]time.Time
	strikes map[string]int
}

func (b *breaker) allow(key string, now time.Time) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, k := range []string{globalKey, key} {
		if until, ok := b.until[k]; ok && now.Before(until) {
			return fmt.Errorf("%w (until %s)", errCircuitOpen, until.UTC().Format(time.RFC3339))
		}
	}
	return nil
}

func (b *breaker) trip(key string, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.until == nil {
		b.until, b.strikes = map[string]time.Time{}, map[string]int{}
	}
	b.strikes[key]++
	pause := min(time.Minute<<(b.strikes[key]-1), 30*time.Minute)
	b.until[key] = now.Add(pause)
}

func (b *breaker) reset(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.until, key)
	delete(b.strikes, key)
	delete(b.strikes, globalKey)
}

func (b *breaker) tokenRejected(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	until, ok := b.until[globalKey]
	return ok && now.Before(until)
}

// seenSet remembers the IDs of the latest events handled, so an event
// delivered twice (a replay after a gateway resume) is answered once.
type seenSet struct {
	mu   sync.Mutex
	ids  map[string]struct{}
	ring [4096]string
	next int
}

// first reports whether id is new, and remembers it.
func (s *seenSet) first(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = make(map[string]struct{}, len(s.ring))
	}
	if _, ok := s.ids[id]; ok {
		return false
	}
	if old := s.ring[s.next]; old != "" {
		delete(s.ids, old)
	}
	s.ring[s.next] = id
	s.next = (s.next + 1) % len(s.ring)
	s.ids[id] = struct{}{}
	return true
}

// nonce returns a message nonce: with enforce_nonce, Discord creates one
// message however many times a request with it is retried.
func nonce(n uint64) string { return strconv.FormatUint(n, 36) }
