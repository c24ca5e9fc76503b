// Package metrics counts what a running bot does and serves the counts to
// Prometheus. It is the only package that imports the Prometheus client
// library. Metrics implements chat.Metrics for the chat router and the
// platform adapters, and has methods for digests and feed fetches that the
// scheduler and the feed poller call through their own small interfaces.
//
// Each Metrics has its own registry: two bots in one process, or two tests,
// never share counters.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds briefbot's counters and histograms. Its methods are safe for
// concurrent use. The zero value is not usable; call New.
type Metrics struct {
	reg            *prometheus.Registry
	questions      *prometheus.CounterVec
	answerSeconds  *prometheus.HistogramVec
	abstentions    *prometheus.CounterVec
	platformCalls  *prometheus.CounterVec
	platformErrors *prometheus.CounterVec
	retries        *prometheus.CounterVec
	digestsPosted  *prometheus.CounterVec
	digestsFailed  *prometheus.CounterVec
	feedFetches    *prometheus.CounterVec
}

// Platforms are the platforms whose series exist from the start, at zero.
var Platforms = []string{"slack", "discord", "console", "http"}

// New returns Metrics registered in a new registry of its own, together with
// the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_questions_total",
			Help: "Commands and questions answered, by platform and outcome (answered, abstained, command, error).",
		}, []string{"platform", "outcome"}),
		answerSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "briefbot_answer_seconds",
			Help:    "Time to answer a command or question, by platform.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"platform"}),
		abstentions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_abstentions_total",
			Help: "Questions the articles did not answer, by platform.",
		}, []string{"platform"}),
		platformCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_platform_calls_total",
			Help: "Calls to a chat platform's API, by platform and outcome (ok, retry, rate_limited, error).",
		}, []string{"platform", "outcome"}),
		platformErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_platform_errors_total",
			Help: "Calls to a chat platform's API that failed, by platform.",
		}, []string{"platform"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_platform_retries_total",
			Help: "Calls to a chat platform's API that were retried or rate limited, by platform.",
		}, []string{"platform"}),
		digestsPosted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_digests_posted_total",
			Help: "Scheduled digests posted, by platform.",
		}, []string{"platform"}),
		digestsFailed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_digests_failed_total",
			Help: "Scheduled digests that could not be posted, by platform.",
		}, []string{"platform"}),
		feedFetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_feed_fetches_total",
			Help: "Feed fetches, by outcome (ok, not_modified, error).",
		}, []string{"outcome"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.questions, m.answerSeconds, m.abstentions,
		m.platformCalls, m.platformErrors, m.retries,
		m.digestsPosted, m.digestsFailed, m.feedFetches,
	)
	for _, p := range Platforms {
		for _, o := range []string{"answered", "abstained", "error"} {
			m.questions.WithLabelValues(p, o)
		}
		m.abstentions.WithLabelValues(p)
	}
	for _, p := range Platforms[:2] {
		m.platformErrors.WithLabelValues(p)
		m.retries.WithLabelValues(p)
		m.digestsPosted.WithLabelValues(p)
		m.digestsFailed.WithLabelValues(p)
	}
	for _, o := range []string{"ok", "error"} {
		m.feedFetches.WithLabelValues(o)
	}
	return m
}

// ObserveQuestion records one answered command: outcome is "answered",
// "abstained", "command" or "error". It implements chat.Metrics.
func (m *Metrics) ObserveQuestion(platform, outcome string, elapsed time.Duration) {
	m.questions.WithLabelValues(platform, outcome).Inc()
	m.answerSeconds.WithLabelValues(platform).Observe(elapsed.Seconds())
	if outcome == "abstained" {
		m.abstentions.WithLabelValues(platform).Inc()
	}
}

// CountPlatformCall records one call to a platform's API: outcome is "ok",
// "retry", "rate_limited" or "error". It implements chat.Metrics.
func (m *Metrics) CountPlatformCall(platform, outcome string) {
	m.platformCalls.WithLabelValues(platform, outcome).Inc()
	switch outcome {
	case "error":
		m.platformErrors.WithLabelValues(platform).Inc()
	case "retry", "rate_limited":
		m.retries.WithLabelValues(platform).Inc()
	}
}

// DigestPosted records a scheduled digest posted to platform.
func (m *Metrics) DigestPosted(platform string) { m.digestsPosted.WithLabelValues(platform).Inc() }

// DigestFailed records a scheduled digest that could not be posted to platform.
func (m *Metrics) DigestFailed(platform string) { m.digestsFailed.WithLabelValues(platform).Inc() }

// FeedFetched records one feed fetch: outcome is "ok", "not_modified" or "error".
func (m *Metrics) FeedFetched(outcome string) { m.feedFetches.WithLabelValues(outcome).Inc() }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
