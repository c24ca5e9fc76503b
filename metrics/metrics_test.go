package metrics

import (
	"bufio"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var _ chat.Metrics = (*Metrics)(nil)

// scrape returns the briefbot_ lines of a Prometheus scrape of m.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	var b strings.Builder
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "briefbot_") || strings.HasPrefix(l, "# HELP briefbot_") || strings.HasPrefix(l, "# TYPE briefbot_") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestMetricsGolden(t *testing.T) {
	m := New()
	m.ObserveQuestion("slack", "answered", 40*time.Millisecond)
	m.ObserveQuestion("slack", "abstained", 200*time.Millisecond)
	m.ObserveQuestion("http", "abstained", 3*time.Second)
	m.ObserveQuestion("discord", "command", time.Millisecond)
	m.ObserveQuestion("console", "error", time.Millisecond)
	m.CountPlatformCall("slack", "ok")
	m.CountPlatformCall("slack", "rate_limited")
	m.CountPlatformCall("discord", "retry")
	m.CountPlatformCall("discord", "error")
	m.DigestPosted("slack")
	m.DigestPosted("slack")
	m.DigestFailed("discord")
	m.FeedFetched("ok")
	m.FeedFetched("not_modified")
	m.FeedFetched("error")

	got := scrape(t, m)
	golden := filepath.Join("testdata", "metrics.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("scrape differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

func TestMetricsAreSeparate(t *testing.T) {
	a, b := New(), New()
	a.DigestPosted("slack")
	if !strings.Contains(scrape(t, a), `briefbot_digests_posted_total{platform="slack"} 1`) {
		t.Error("first registry lacks its digest")
	}
	if !strings.Contains(scrape(t, b), `briefbot_digests_posted_total{platform="slack"} 0`) {
		t.Error("second registry counted the first one's digest")
	}
}

func TestMetricsServeRuntime(t *testing.T) {
	rec := httptest.NewRecorder()
	New().Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, name := range []string{"go_goroutines", "process_start_time_seconds"} {
		if !strings.Contains(rec.Body.String(), name) {
			t.Errorf("scrape lacks %s", name)
		}
	}
}
