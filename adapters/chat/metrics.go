package chat

import (
	"context"
	"time"
)

// Metrics is told what happens in chat, for monitoring. Platform adapters
// report their API calls through it too.
type Metrics interface {
	// ObserveQuestion records one answered command: outcome is "answered",
	// "abstained", "command" (a non-question command) or "error".
	ObserveQuestion(platform, outcome string, elapsed time.Duration)
	// CountPlatformCall records one call to a platform's API: outcome is
	// "ok", "retry", "rate_limited" or "error".
	CountPlatformCall(platform, outcome string)
}

// NopMetrics records nothing.
type NopMetrics struct{}

// ObserveQuestion does nothing.
func (NopMetrics) ObserveQuestion(platform, outcome string, elapsed time.Duration) {}

// CountPlatformCall does nothing.
func (NopMetrics) CountPlatformCall(platform, outcome string) {}

// Poster posts a message to a channel on one platform, outside any
// conversation: scheduled digests and source failure notices. Each platform
// adapter implements it.
type Poster interface {
	Post(ctx context.Context, channel string, r Reply) error
}
