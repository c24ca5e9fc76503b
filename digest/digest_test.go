package digest_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
	"github.com/briefbot/briefbot/store/sqlstore/sqltest"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// poster records what is posted; fail, when set, makes a post fail.
type poster struct {
	mu    sync.Mutex
	posts []post
	fail  func(n int) error
	tries int
}

type post struct {
	channel string
	reply   chat.Reply
}

func (p *poster) Post(ctx context.Context, channel string, r chat.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tries++
	if p.fail != nil {
		if err := p.fail(p.tries); err != nil {
			return err
		}
	}
	p.posts = append(p.posts, post{channel, r})
	return nil
}

func (p *poster) Posts() []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]post(nil), p.posts...)
}

func (p *poster) setFail(f func(n int) error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fail, p.tries = f, 0
}

func posters(p chat.Poster) digest.Posters {
	return func(platform string) (chat.Poster, bool) { return p, platform == "slack" }
}

// figureAnalyzer reads "label: number" paragraphs as figures, so tests can
// check changes without depending on the engine's extractor.
func figureAnalyzer(a *briefing.Article) (briefing.Brief, []briefing.Figure) {
	var figs []briefing.Figure
	for _, p := range a.Paragraphs {
		label, num, ok := strings.Cut(p, ": ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			continue
		}
		figs = append(figs, briefing.Figure{Text: num, Value: v, Unit: "people", Label: label, ArticleID: a.ID})
	}
	return briefing.Brief{Headline: a.Title}, figs
}

func openSQLite(t testing.TB, path string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openPostgres(t *testing.T, url string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// backends opens stores that share one database: two handles on one SQLite
// file, or two connection pools on one PostgreSQL schema.
var backends = []struct {
	name string
	open func(t *testing.T) (a, b *sqlstore.Store)
}{
	{"SQLite", func(t *testing.T) (a, b *sqlstore.Store) {
		path := filepath.Join(t.TempDir(), "briefbot.db")
		return openSQLite(t, path), openSQLite(t, path)
	}},
	{"Postgres", func(t *testing.T) (a, b *sqlstore.Store) {
		u := sqltest.PostgresURL(t)
		return openPostgres(t, u), openPostgres(t, u)
	}},
}

var noSleep = digest.WithSleep(func(ctx context.Context, d time.Duration) error { return ctx.Err() })

func utc(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, time.UTC) }

func subscribe(t *testing.T, s *digest.Service, spec, tz string) chat.Subscription {
	t.Helper()
	sub, err := s.Subscribe(context.Background(), chat.Subscription{Platform: "slack", Channel: "C1", Spec: spec, TimeZone: tz})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func tick(t *testing.T, s *digest.Service) {
	t.Helper()
	if err := s.Tick(context.Background()); err != nil {
		t.Fatalf("Tick: %v", err)
	}
}

func putArticle(t *testing.T, st store.Store, url, title string, at time.Time, paras ...string) {
	t.Helper()
	if _, err := st.PutArticle(context.Background(), &briefing.Article{Title: title, Source: "Example News", URL: url, Paragraphs: paras}, at); err != nil {
		t.Fatal(err)
	}
}

// TestScheduleInZone ticks around 08:00 Paris time: one digest a day, at the right instant.
func TestScheduleInZone(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 10, 0)}
	p := &poster{}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), noSleep)
	subscribe(t, s, "0 8 * * *", "Europe/Paris")
	steps := []struct {
		now  time.Time
		want int
	}{
		{utc(24, 10, 1), 0},
		{utc(25, 6, 59), 0}, // 07:59 in Paris
		{utc(25, 7, 0), 1},  // 08:00 in Paris
		{utc(25, 7, 1), 1},
		{utc(25, 12, 0), 1},
		{utc(26, 6, 59), 1},
		{utc(26, 7, 0), 2},
		{utc(26, 7, 0), 2},
	}
	for _, step := range steps {
		clk.Set(step.now)
		tick(t, s)
		if got := len(p.Posts()); got != step.want {
			t.Fatalf("at %v: %d digests posted, want %d", step.now, got, step.want)
		}
	}
}

func TestDigestContents(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), digest.WithAnalyzer(figureAnalyzer), noSleep)
	subscribe(t, s, "0 8 * * *", "UTC")

	putArticle(t, st, "https://example.com/toll", "Toll rises", utc(24, 12, 0), "fatalities: 57,500", "hostages: 48")
	putArticle(t, st, "https://example.com/talks", "Talks resume", utc(24, 13, 0), "Mediators meet in Cairo.")
	clk.Set(utc(25, 8, 0))
	tick(t, s)
	// Overnight the toll story is revised and a new one arrives; the talks story is re-published unchanged.
	putArticle(t, st, "https://example.com/toll", "Toll rises", utc(25, 12, 0), "fatalities: 58,000", "hostages: 48", "aid trucks: 600")
	putArticle(t, st, "https://example.com/talks-again", "Talks resume", utc(25, 13, 0), "Mediators meet in Cairo.")
	putArticle(t, st, "https://example.com/aid", "Aid enters", utc(25, 14, 0), "Trucks crossed at Rafah.")
	clk.Set(utc(26, 8, 0))
	tick(t, s)
	clk.Set(utc(27, 8, 0))
	tick(t, s)

	posts := p.Posts()
	if len(posts) != 3 {
		t.Fatalf("%d digests posted, want 3", len(posts))
	}
	type story struct {
		Headline string
		Changes  []string
	}
	stories := func(d *chat.Digest) []story {
		var out []story
		for _, s := range d.Stories {
			out = append(out, story{s.Brief.Headline, s.Changes})
		}
		return out
	}
	want := [][]story{
		{{"Talks resume", nil}, {"Toll rises", nil}},
		{{"Aid enters", nil}, {"Toll rises", []string{"fatalities 57,500 → 58,000", "new: aid trucks 600"}}},
		nil,
	}
	for i, p := range posts {
		if p.channel != "C1" || p.reply.Digest == nil {
			t.Fatalf("post %d = %+v, want a digest in C1", i, p)
		}
		if got := stories(p.reply.Digest); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("digest %d stories = %+v, want %+v", i+1, got, want[i])
		}
	}
	if d := posts[1].reply.Digest; !d.Since.Equal(utc(25, 8, 0)) || d.Title != "Briefing, Thursday 26 November" {
		t.Errorf("second digest: title %q, since %v", d.Title, d.Since)
	}
	if got := chat.RenderText(posts[2].reply); !strings.Contains(got, "Nothing new") {
		t.Errorf("empty digest renders %q, want a 'Nothing new' line", got)
	}
	var rendered []string
	for _, p := range posts {
		rendered = append(rendered, chat.RenderText(p.reply))
	}
	golden(t, "digests.golden", strings.Join(rendered, "\n\n-----\n\n")+"\n")
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("rendered digests differ from %s (run go test -update after checking):\n%s", path, got)
	}
}

func TestQuietWhenEmpty(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), digest.WithQuietWhenEmpty(true), digest.WithMaxStories(1), noSleep)
	sub := subscribe(t, s, "0 8 * * *", "UTC")
	clk.Set(utc(25, 8, 0))
	tick(t, s)
	if n := len(p.Posts()); n != 0 {
		t.Fatalf("%d posts with nothing new, want none", n)
	}
	if last, ok, _ := st.LastPosted(context.Background(), sub.ID); !ok || !last.Time.Equal(utc(25, 8, 0)) {
		t.Errorf("the quiet slot was not recorded: %+v", last)
	}
	putArticle(t, st, "https://example.com/a", "A", utc(25, 9, 0), "x")
	putArticle(t, st, "https://example.com/b", "B", utc(25, 10, 0), "y")
	clk.Set(utc(26, 8, 0))
	tick(t, s)
	posts := p.Posts()
	if len(posts) != 1 || len(posts[0].reply.Digest.Stories) != 1 || posts[0].reply.Digest.Stories[0].Brief.Headline != "B" ||
		!strings.Contains(posts[0].reply.Digest.Title, "1 latest of 2") {
		t.Fatalf("capped digest = %+v, want the latest story of 2", posts)
	}
}

func TestCatchUpAfterDowntime(t *testing.T) {
	for _, tt := range []struct {
		name      string
		restartAt time.Time
		wantPost  bool
		wantLog   string
	}{
		{"within grace, three slots missed", utc(25, 13, 0), true, "missed=3"},
		{"beyond grace", utc(25, 14, 1), false, "skipped"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
			clk := &clock{t: utc(21, 9, 0)}
			p := &poster{}
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			s := digest.New(st, posters(p), digest.WithClock(clk.Now), digest.WithLogger(log), noSleep)
			subscribe(t, s, "0 8 * * *", "UTC")
			clk.Set(utc(22, 8, 0))
			tick(t, s) // the last digest before the bot went down
			// Restarted: a new process, with its own holder name.
			s2 := digest.New(st, posters(p), digest.WithClock(clk.Now), digest.WithLogger(log), noSleep)
			clk.Set(tt.restartAt)
			tick(t, s2)
			tick(t, s2)
			want := 1
			if tt.wantPost {
				want = 2
			}
			if got := len(p.Posts()); got != want {
				t.Fatalf("%d digests posted, want %d", got, want)
			}
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("logs do not say %q:\n%s", tt.wantLog, logs.String())
			}
			if n := strings.Count(logs.String(), "skipped"); n > 1 {
				t.Errorf("the skip was logged %d times, want once", n)
			}
			// The next day goes back to normal.
			clk.Set(utc(26, 8, 0))
			tick(t, s2)
			if got := len(p.Posts()); got != want+1 {
				t.Errorf("next day: %d digests posted, want %d", got, want+1)
			}
		})
	}
}

func TestRetryWithBackoff(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	var waits []time.Duration
	sleep := digest.WithSleep(func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		clk.Set(clk.Now().Add(d))
		return nil
	})
	m := &countingMetrics{}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), sleep, digest.WithRetry(5*time.Second, 20*time.Second), digest.WithMetrics(m))
	subscribe(t, s, "0 8 * * *", "UTC")
	p.setFail(func(n int) error {
		if n <= 2 {
			return errors.New("platform unavailable")
		}
		return nil
	})
	clk.Set(utc(25, 8, 0))
	tick(t, s)
	if got := len(p.Posts()); got != 1 {
		t.Fatalf("%d digests posted after 2 failures, want 1", got)
	}
	if m.posted != 1 || m.failed != 2 {
		t.Errorf("metrics counted %d posted and %d failed, want 1 and 2", m.posted, m.failed)
	}
	if want := []time.Duration{5 * time.Second, 10 * time.Second}; !reflect.DeepEqual(waits, want) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
}

// TestRetryAcrossTicks: after the quick retries, the slot waits a minute,
// then two, then four, before a tick (of any instance) tries it again; the
// other instance does not post it meanwhile.
func TestRetryAcrossTicks(t *testing.T) {
	st1 := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	s1 := digest.New(st1, posters(p), digest.WithClock(clk.Now), digest.WithHolder("one"), noSleep)
	s2 := digest.New(st1, posters(p), digest.WithClock(clk.Now), digest.WithHolder("two"), noSleep)
	subscribe(t, s1, "0 8 * * *", "UTC")
	p.setFail(func(int) error { return errors.New("HTTP 503") })
	slot := utc(25, 8, 0)
	for _, step := range []struct {
		after     time.Duration
		s         *digest.Service
		wantTries int
	}{
		{0, s1, 3},                              // three quick tries, then a minute's wait
		{30 * time.Second, s2, 3},               // within the wait
		{61 * time.Second, s2, 6},               // another instance retries; two minutes' wait
		{3 * time.Minute, s1, 6},                // within it
		{3*time.Minute + 2*time.Second, s1, 9},  // retried; four minutes' wait
		{7*time.Minute + 3*time.Second, s2, 12}, // retried
	} {
		clk.Set(slot.Add(step.after))
		tick(t, step.s)
		p.mu.Lock()
		tries := p.tries
		p.mu.Unlock()
		if tries != step.wantTries {
			t.Fatalf("at %v: %d tries in all, want %d", step.after, tries, step.wantTries)
		}
	}
	p.setFail(nil)
	clk.Set(slot.Add(time.Hour))
	tick(t, s1)
	tick(t, s2)
	if got := len(p.Posts()); got != 1 {
		t.Errorf("%d digests posted once the platform was back, want 1", got)
	}
}

// TestPlatformDownThenBack: retries stop before the lease ends; a later
// tick, once the platform is back, posts the slot once.
func TestPlatformDownThenBack(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	sleep := digest.WithSleep(func(ctx context.Context, d time.Duration) error { clk.Set(clk.Now().Add(d)); return nil })
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), sleep)
	subscribe(t, s, "0 8 * * *", "UTC")
	p.setFail(func(int) error { return errors.New("HTTP 503") })
	clk.Set(utc(25, 8, 0))
	tick(t, s)
	if clk.Now().After(utc(25, 8, 5)) {
		t.Errorf("retries within one tick ran until %v", clk.Now())
	}
	p.setFail(nil)
	clk.Set(utc(25, 9, 0))
	tick(t, s)
	tick(t, s)
	if got := len(p.Posts()); got != 1 {
		t.Fatalf("%d digests posted once the platform was back, want 1", got)
	}
}

// TestExactlyOnceTwoSchedulers runs two instances on one database, ticking
// at the same moments: every slot is posted once.
func TestExactlyOnceTwoSchedulers(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st1, st2 := b.open(t)
			clk := &clock{t: utc(20, 9, 0)}
			p := &poster{}
			s1 := digest.New(st1, posters(p), digest.WithClock(clk.Now), digest.WithHolder("one"), noSleep)
			s2 := digest.New(st2, posters(p), digest.WithClock(clk.Now), digest.WithHolder("two"), noSleep)
			subscribe(t, s1, "0 8 * * *", "UTC")
			subscribe(t, s2, "30 8 * * *", "Europe/Paris")
			for day := 21; day <= 25; day++ {
				for _, at := range []time.Time{utc(day, 7, 30), utc(day, 8, 0), utc(day, 8, 1)} {
					clk.Set(at)
					var wg sync.WaitGroup
					for _, s := range []*digest.Service{s1, s2, s1, s2} {
						wg.Go(func() {
							if err := s.Tick(context.Background()); err != nil {
								t.Errorf("Tick: %v", err)
							}
						})
					}
					wg.Wait()
				}
			}
			if got := len(p.Posts()); got != 10 {
				t.Errorf("%d digests posted for 10 slots, want 10", got)
			}
		})
	}
}

// TestExactlyOnceCrashBetweenClaimAndPost: an instance claims a slot and
// dies before posting. Nobody posts while its lease holds; after it, the
// restarted bot posts the slot once.
func TestExactlyOnceCrashBetweenClaimAndPost(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st1, st2 := b.open(t)
			clk := &clock{t: utc(24, 9, 0)}
			p := &poster{}
			crashed := digest.New(st1, posters(p), digest.WithClock(clk.Now), digest.WithHolder("crashed"), noSleep)
			sub := subscribe(t, crashed, "0 8 * * *", "UTC")
			slot := utc(25, 8, 0)
			// What the crashed instance did before dying: claim, no post.
			if ok, err := st1.ClaimSlot(context.Background(), sub.ID, slot, "crashed", slot, slot.Add(digest.DefaultLease)); err != nil || !ok {
				t.Fatalf("ClaimSlot = %v, %v", ok, err)
			}
			restarted := digest.New(st2, posters(p), digest.WithClock(clk.Now), digest.WithHolder("restarted"), noSleep)
			for _, step := range []struct {
				now  time.Time
				want int
			}{
				{slot.Add(time.Minute), 0},
				{slot.Add(digest.DefaultLease - time.Second), 0},
				{slot.Add(digest.DefaultLease + time.Minute), 1},
				{slot.Add(digest.DefaultLease + 2*time.Minute), 1},
				{slot.Add(3 * time.Hour), 1},
			} {
				clk.Set(step.now)
				tick(t, restarted)
				if got := len(p.Posts()); got != step.want {
					t.Fatalf("at %v: %d posted, want %d", step.now, got, step.want)
				}
			}
			last, ok, err := st2.LastPosted(context.Background(), sub.ID)
			if err != nil || !ok || last.ClaimedBy != "restarted" || !last.Time.Equal(slot) {
				t.Errorf("LastPosted = %+v, %v, %v; want the slot posted by the restarted bot", last, ok, err)
			}
		})
	}
}

func TestSubscribeErrors(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	s := digest.New(st, posters(&poster{}))
	ctx := context.Background()
	for _, tt := range []struct{ spec, tz, want string }{
		{"0 8 * * *", "Mars/Olympus", "unknown time zone"},
		{"* * * * *", "UTC", "more often"},
		{"CRON_TZ=UTC", "", "time zone separately"},
	} {
		_, err := s.Subscribe(ctx, chat.Subscription{Platform: "slack", Channel: "C1", Spec: tt.spec, TimeZone: tt.tz})
		var ue *chat.UserError
		if !errors.As(err, &ue) || !strings.Contains(ue.Message, tt.want) {
			t.Errorf("Subscribe(%q, %q) = %v, want a user error saying %q", tt.spec, tt.tz, err, tt.want)
		}
	}
	err := s.Unsubscribe(ctx, "slack", "C1", "nope")
	var ue *chat.UserError
	if !errors.As(err, &ue) {
		t.Errorf("Unsubscribe(unknown) = %v, want a user error", err)
	}
}

func TestConfiguredSubscriptions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	conf := []chat.Subscription{{Platform: "slack", Channel: "C1", Spec: "0 8 * * 1-5", TimeZone: "Europe/Paris"}, {Platform: "discord", Channel: "D1", Spec: "@daily"}}
	for range 2 { // a second start stores nothing new
		s := digest.New(openSQLite(t, path), posters(&poster{}), digest.WithSubscriptions(conf...))
		if err := s.Configure(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	subs, err := openSQLite(t, path).Subscriptions(context.Background(), "", "")
	if err != nil || len(subs) != 2 || subs[1].TimeZone != "UTC" {
		t.Fatalf("configured subscriptions = %+v, %v", subs, err)
	}
	bad := digest.New(openSQLite(t, path), posters(&poster{}), digest.WithSubscriptions(chat.Subscription{Platform: "slack", Channel: "C1", Spec: "0 8 * *"}))
	if err := bad.Configure(context.Background()); err == nil || !strings.Contains(err.Error(), "C1") {
		t.Errorf("Configure with a bad spec = %v, want an error naming the channel", err)
	}
}

func TestSendNowAndAnnounce(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	p := &poster{}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now))
	subscribe(t, s, "0 8 * * *", "UTC")
	subscribe(t, s, "0 18 * * *", "UTC") // same channel twice
	putArticle(t, st, "https://example.com/a", "A", utc(24, 8, 0), "x")
	if err := s.SendNow(context.Background(), "slack", "C1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Announce(context.Background(), "The feed X keeps failing."); err != nil {
		t.Fatal(err)
	}
	posts := p.Posts()
	if len(posts) != 2 || posts[0].reply.Digest == nil || len(posts[0].reply.Digest.Stories) != 1 || posts[1].reply.Text == "" {
		t.Fatalf("posts = %+v, want a digest with one story and one notice", posts)
	}
	if err := s.SendNow(context.Background(), "discord", "D1"); err == nil {
		t.Error("SendNow to an unconnected platform succeeded")
	}
}

func TestChanges(t *testing.T) {
	f := func(label, text string, v float64) briefing.Figure {
		return briefing.Figure{Label: label, Text: text, Value: v, Unit: "people"}
	}
	for _, tt := range []struct {
		name        string
		before, now []briefing.Figure
		want        []string
	}{
		{"none", nil, nil, nil},
		{"same", []briefing.Figure{f("fatalities", "57,500", 57500)}, []briefing.Figure{f("fatalities", "57,500", 57500)}, nil},
		{"revised", []briefing.Figure{f("fatalities", "57,500", 57500)}, []briefing.Figure{f("Fatalities", "58,000", 58000)}, []string{"Fatalities 57,500 → 58,000"}},
		{"new", nil, []briefing.Figure{f("hostages", "48", 48)}, []string{"new: hostages 48"}},
		{"hedged", []briefing.Figure{f("displaced", "1.9 million", 1.9e6)}, []briefing.Figure{{Label: "displaced", Text: "1.9 million", Value: 1.9e6, Unit: "people", Hedge: "about"}}, []string{"displaced 1.9 million → about 1.9 million"}},
		{"removed figures are not changes", []briefing.Figure{f("a", "1", 1)}, nil, nil},
	} {
		if got := digest.Changes(tt.before, tt.now); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Changes = %q, want %q", tt.name, got, tt.want)
		}
	}
	var many []briefing.Figure
	for i := range 20 {
		many = append(many, f(fmt.Sprint("label ", i), "1", 1))
	}
	if got := digest.Changes(nil, many); len(got) != 5 {
		t.Errorf("Changes of 20 new figures lists %d, want 5", len(got))
	}
}

// cancelingPoster accepts a post and then shuts the bot down.
type cancelingPoster struct {
	poster
	cancel context.CancelFunc
}

func (p *cancelingPoster) Post(ctx context.Context, channel string, r chat.Reply) error {
	err := p.poster.Post(ctx, channel, r)
	p.cancel()
	return err
}

// TestExactlyOnceShutdownAfterPost: shutdown right after the platform
// accepted a digest still records it, so the restarted bot does not repost.
func TestExactlyOnceShutdownAfterPost(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	ctx, cancel := context.WithCancel(context.Background())
	p := &cancelingPoster{cancel: cancel}
	s := digest.New(st, posters(p), digest.WithClock(clk.Now), noSleep)
	sub := subscribe(t, s, "0 8 * * *", "UTC")
	clk.Set(utc(25, 8, 0))
	_ = s.Tick(ctx) // canceled mid-tick, on purpose
	if _, ok, err := st.LastPosted(context.Background(), sub.ID); err != nil || !ok {
		t.Fatalf("the accepted digest was not recorded (ok=%v, err=%v)", ok, err)
	}
	restarted := digest.New(st, posters(p), digest.WithClock(clk.Now), noSleep)
	clk.Set(utc(25, 9, 0))
	tick(t, restarted)
	if got := len(p.Posts()); got != 1 {
		t.Errorf("%d digests posted, want 1", got)
	}
}

type countingMetrics struct{ posted, failed int }

func (m *countingMetrics) DigestPosted(platform string) { m.posted++ }
func (m *countingMetrics) DigestFailed(platform string) { m.failed++ }

// TestChangesOfARevisedArticle reads a story and its revision with the real
// analysis: a revised toll is reported as a change, unchanged figures are not.
func TestChangesOfARevisedArticle(t *testing.T) {
	data, err := os.ReadFile("../briefing/testdata/gaza-ceasefire-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	read := func(text string) *briefing.Article {
		a, err := briefing.ReadArticle("talks.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	_, before := digest.AnalyzeWithEngine(read(string(data)))
	_, after := digest.AnalyzeWithEngine(read(strings.Replace(string(data), "57,500", "58,000", 1)))
	got := digest.Changes(before, after)
	if len(got) != 1 || !strings.Contains(got[0], "57,500 → ") || !strings.Contains(got[0], "58,000") || !strings.Contains(got[0], "fatalities") {
		t.Errorf("Changes = %q, want one change of the fatalities from 57,500 to 58,000", got)
	}
}
