package schedule

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNext(t *testing.T) {
	paris := mustLoad(t, "Europe/Paris")
	ny := mustLoad(t, "America/New_York")
	kolkata := mustLoad(t, "Asia/Kolkata")
	tests := []struct {
		spec, tz string
		from     time.Time
		want     time.Time
	}{
		{"0 8 * * *", "UTC", time.Date(2026, 11, 25, 7, 59, 0, 0, time.UTC), time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)},
		{"0 8 * * *", "UTC", time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)},
		// 08:00 in Paris is 07:00 UTC in winter, 06:00 UTC in summer.
		{"0 8 * * *", "Europe/Paris", time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), time.Date(2026, 11, 25, 8, 0, 0, 0, paris)},
		{"0 8 * * *", "Europe/Paris", time.Date(2026, 7, 1, 5, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 6, 0, 0, 0, time.UTC)},
		// Weekdays only: from Friday after the digest to Monday.
		{"0 8 * * 1-5", "Europe/Paris", time.Date(2026, 11, 27, 9, 0, 0, 0, paris), time.Date(2026, 11, 30, 8, 0, 0, 0, paris)},
		// Half-hour zone.
		{"30 9 * * *", "Asia/Kolkata", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 25, 9, 30, 0, 0, kolkata)},
		// Spring forward in Paris (29 March 2026, 02:00 → 03:00): 02:30 does
		// not exist that day, and robfig/cron skips to the next day's 02:30.
		{"30 2 * * *", "Europe/Paris", time.Date(2026, 3, 28, 12, 0, 0, 0, paris), time.Date(2026, 3, 30, 2, 30, 0, 0, paris)},
		// New York's fall back (1 November 2026): 01:30 happens twice and
		// fires once, at 01:30 EDT (05:30 UTC); the next is the day after.
		{"30 1 * * *", "America/New_York", time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		{"30 1 * * *", "America/New_York", time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC)},
		{"*/30 1 * * *", "America/New_York", time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)},
		// New York's fall back (1 November 2026): 08:00 EST is 13:00 UTC.
		{"0 8 * * *", "America/New_York", time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 1, 13, 0, 0, 0, time.UTC)},
		{"@daily", "Europe/Paris", time.Date(2026, 11, 25, 12, 0, 0, 0, paris), time.Date(2026, 11, 26, 0, 0, 0, 0, paris)},
		{"@weekly", "", time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)},
		{"0 8 1 * *", "UTC", time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		s, err := Parse(tt.spec, tt.tz)
		if err != nil {
			t.Fatalf("Parse(%q, %q): %v", tt.spec, tt.tz, err)
		}
		if got := s.Next(tt.from); !got.Equal(tt.want) {
			t.Errorf("Parse(%q, %q).Next(%v) = %v, want %v", tt.spec, tt.tz, tt.from, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec, tz, want string
	}{
		{"", "UTC", "empty"},
		{"   ", "UTC", "empty"},
		{"CRON_TZ=UTC", "", "time zone separately"},
		{"TZ=Europe/Paris 0 8 * * *", "", "time zone separately"},
		{"@every 1m", "UTC", "@every"},
		{"0 8 * * *", "Mars/Olympus", "unknown time zone"},
		{"0 8 * * *", "Local", "unknown time zone"},
		{"0 8 * * *", "../../etc/passwd", "unknown time zone"},
		{"0 8 * * *", "CRON_TZ=UTC 1", "unknown time zone"},
		{"0 8 * *", "UTC", "has 4 fields; a cron spec has five"},
		{"0 0 8 * * *", "UTC", "has 6 fields"},
		{"0 25 * * *", "UTC", "hour: 25 is outside 0-23"},
		{"0 8 * * 8", "UTC", "day of week: 8 is outside 0-6"},
		{"x y z a b", "UTC", `minute: "x" is not a number`},
		{"0 8 5-1 * *", "UTC", "day of month: range 5-1 runs backwards"},
		{"@hourlyish", "UTC", "not valid"},
		{"0 0 30 2 *", "UTC", "never fires"},
		{"* * * * *", "UTC", "more often"},
		{"*/2 8 * * *", "UTC", "more often"},
		{strings.Repeat("1,", 100) + "1 8 * * *", "UTC", "longer than"},
	}
	for _, tt := range tests {
		s, err := Parse(tt.spec, tt.tz)
		if err == nil {
			t.Errorf("Parse(%q, %q) = %v, want an error", tt.spec, tt.tz, s)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q, %q) error = %q, want it to say %q", tt.spec, tt.tz, err, tt.want)
		}
	}
}

func TestDue(t *testing.T) {
	s, err := Parse("0 8 * * *", "UTC")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		after, now time.Time
		want       time.Time
		wantMissed int
	}{
		{"not yet", day(24, 8, 0), day(25, 7, 59), time.Time{}, 0},
		{"on the minute", day(24, 8, 0), day(25, 8, 0), day(25, 8, 0), 1},
		{"a little late", day(24, 8, 0), day(25, 8, 3), day(25, 8, 0), 1},
		{"already handled", day(25, 8, 0), day(25, 9, 0), time.Time{}, 0},
		{"down three days", day(22, 8, 0), day(25, 9, 0), day(25, 8, 0), 3},
		{"down since last year", day(1, 8, 0).AddDate(-1, 0, 0), day(25, 9, 0), day(25, 8, 0), 31},
	}
	for _, tt := range tests {
		got, missed := s.Due(tt.after, tt.now)
		if !got.Equal(tt.want) || missed != tt.wantMissed {
			t.Errorf("%s: Due = %v, %d; want %v, %d", tt.name, got, missed, tt.want, tt.wantMissed)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0 8 * * 1-5", "CRON_TZ=UTC", "TZ=", "@daily", "@every 1h", "*/15 * * * *", "0 0 30 2 *", "0-59/0 * * * *", "@", "5-3 * * * *", "0 8 ? * MON"} {
		f.Add(s, "Europe/Paris")
	}
	f.Add("0 8 * * *", "CRON_TZ=UTC")
	f.Fuzz(func(t *testing.T, spec, tz string) {
		s, err := Parse(spec, tz)
		if err != nil {
			return
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if n := s.Next(from); !n.After(from) {
			t.Errorf("Parse(%q, %q).Next(%v) = %v, not after", spec, tz, from, n)
		}
	})
}

func TestRunnerRecoversAndRunsAtStart(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs, mu: &mu}, nil))
	r := NewRunner(log)
	ran, panicking := make(chan struct{}), make(chan struct{})
	if err := r.Add("panics", "@every 1h", func(ctx context.Context) {
		defer close(panicking)
		panic("boom")
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add("works", "@every 1h", func(ctx context.Context) { close(ran) }); err != nil {
		t.Fatal(err)
	}
	if err := r.Add("bad", "every hour", func(ctx context.Context) {}); err == nil {
		t.Error("Add with a bad spec succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	<-ran
	<-panicking
	cancel()
	// Run returns once the jobs it started have returned, the recovered panic logged.
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "panic") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic was not logged: %s", logs.String())
	}
}

type syncWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("0 8 * * 1-5", "Europe/Paris"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDue(b *testing.B) {
	s, err := Parse("0 8 * * 1-5", "Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for b.Loop() {
		s.Due(now.Add(-24*time.Hour), now)
	}
}
