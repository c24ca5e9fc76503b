package slack

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/slack-go/slack"
)

// retryPolicy says how calls to Slack are retried.
type retryPolicy struct {
	attempts int           // attempts in all, the first included
	first    time.Duration // backoff before the second attempt
	longest  time.Duration // cap on a backoff
	// maxRetryAfter is the longest Retry-After honoured; a longer one
	// fails the call rather than holding a worker.
	maxRetryAfter time.Duration
	// timeout bounds one attempt.
	timeout time.Duration
	// sleep waits d or until ctx is done; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

func defaultRetryPolicy() retryPolicy {
	return retryPolicy{attempts: 4, first: 500 * time.Millisecond, longest: 30 * time.Second, maxRetryAfter: 2 * time.Minute, timeout: 10 * time.Second, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// backoff is the wait before attempt n+1 (n from 1): exponential from
// first, capped at longest, with up to half of it as random jitter.
func (p retryPolicy) backoff(n int) time.Duration {
	d := p.first << min(n-1, 20)
	if d <= 0 || d > p.longest {
		d = p.longest
	}
	return d/2 + rand.N(d/2+1)
}

// call runs fn, one of the adapter's Slack API calls, retrying rate limits
// (after Retry-After), server errors, timeouts and refused connections with
// backoff, up to the policy's attempts. Every attempt is counted in the
// metrics; the final error is returned wrapped with the method's name.
func (a *Adapter) call(ctx context.Context, method string, fn func(ctx context.Context) error) error {
	p := a.retry
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, p.timeout)
		err := fn(actx)
		timedOut := actx.Err() != nil && ctx.Err() == nil
		cancel()
		if err == nil {
			a.metrics.CountPlatformCall(platform, "ok")
			return nil
		}
		if ctx.Err() != nil {
			a.metrics.CountPlatformCall(platform, "error")
			return &callError{method: method, err: err}
		}
		wait, retryable, outcome := p.classify(err, timedOut, attempt)
		if !retryable || attempt >= p.attempts {
			a.metrics.CountPlatformCall(platform, "error")
			return &callError{method: method, attempts: attempt, err: err}
		}
		a.metrics.CountPlatformCall(platform, outcome)
		a.log.Warn("slack call failed; retrying", "platform", platform, "method", method, "attempt", attempt, "wait", wait, "err", err)
		if err := p.sleep(ctx, wait); err != nil {
			return &callError{method: method, attempts: attempt, err: err}
		}
	}
}

// classify says whether err is worth another attempt, after how long, and
// how to count it ("rate_limited" or "retry").
func (p retryPolicy) classify(err error, timedOut bool, attempt int) (time.Duration, bool, string) {
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		wait := max(rl.RetryAfter, time.Second)
		if wait > p.maxRetryAfter {
			return 0, false, ""
		}
		return wait + rand.N(wait/10+1), true, "rate_limited"
	}
	if sc, ok := errors.AsType[slack.StatusCodeError](err); ok {
		if sc.Code == http.StatusTooManyRequests {
			// A 429 without Retry-After: wait at least a second.
			return max(p.backoff(attempt), time.Second), true, "rate_limited"
		}
		if sc.Code >= 500 {
			return p.backoff(attempt), true, "retry"
		}
		return 0, false, ""
	}
	if se, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		switch se.Err {
		case "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return p.backoff(attempt), true, "retry"
		}
		return 0, false, ""
	}
	if timedOut || errors.Is(err, context.DeadlineExceeded) {
		return p.backoff(attempt), true, "retry"
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return p.backoff(attempt), true, "retry"
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || strings.Contains(err.Error(), "connection reset") {
		return p.backoff(attempt), true, "retry"
	}
	return 0, false, ""
}

// callError is a Slack call that failed for good.
type callError struct {
	method   string
	attempts int
	err      error
}

func (e *callError) Error() string {
	if e.attempts > 1 {
		return fmt.Sprintf("slack %s (after %d attempts): %v", e.method, e.attempts, e.err)
	}
	return "slack " + e.method + ": " + e.err.Error()
}

func (e *callError) Unwrap() error { return e.err }
