// Package digest posts scheduled digests to chat channels, each exactly once.
//
// A Service keeps channels' subscriptions (a cron spec in a time zone) in the
// store and, on every Tick, works out from the store which slot of each
// subscription is due: the latest firing after the last recorded slot. A due
// slot is claimed in the store (a unique key plus a lease) before anything
// is posted, and marked posted once the platform accepted it, so restarts and
// several instances sharing one database post it once. A slot missed while
// the bot was down is caught up once within the grace window, else skipped
// and logged. A post that fails is retried with backoff within the lease and
// the grace window.
//
// A digest covers what arrived since the channel's last digest: a brief per
// story, its key figures, and the figures that changed since the version the
// channel last saw. It imports the store, schedule, briefing and chat
// packages; it knows no platform.
package digest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/schedule"
	"github.com/briefbot/briefbot/store"
)

// Defaults.
const (
	DefaultGrace         = 6 * time.Hour
	DefaultLease         = 10 * time.Minute
	DefaultFirstLookback = 24 * time.Hour
	DefaultMaxStories    = 10
	DefaultRetryMin      = 5 * time.Second
	DefaultRetryMax      = 30 * time.Minute
)

// Store is what the service needs of the store.
type Store interface {
	store.Subscriptions
	store.Slots
	ChangedSince(ctx context.Context, since time.Time) ([]store.Article, error)
	ArticleAt(ctx context.Context, id string, t time.Time) (*briefing.Article, error)
}

// Posters finds the poster of a platform at post time; ok is false when
// the platform is not connected.
type Posters func(platform string) (p chat.Poster, ok bool)

// Analyzer turns an article into its brief and key figures.
type Analyzer func(a *briefing.Article) (briefing.Brief, []briefing.Figure)

// Service manages subscriptions and posts digests. It implements chat.Digests.
type Service struct {
	store      Store
	posters    Posters
	log        *slog.Logger
	metrics    Metrics
	now        func() time.Time
	sleep      func(ctx context.Context, d time.Duration) error
	analyze    Analyzer
	holder     string
	grace      time.Duration
	lease      time.Duration
	lookback   time.Duration
	maxStories int
	retryMin   time.Duration
	retryMax   time.Duration
	quiet      bool
	configured []chat.Subscription

	mu        sync.Mutex
	schedules map[[2]string]*schedule.Schedule // parsed specs by spec and zone
}

var _ chat.Digests = (*Service)(nil)

// Option configures a Service.
type Option func(*Service)

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithClock sets the clock that decides what is due.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithSleep sets how the service waits between retries (tests wait no time).
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(s *Service) { s.sleep = sleep }
}

// WithAnalyzer sets how articles become briefs and figures.
func WithAnalyzer(a Analyzer) Option { return func(s *Service) { s.analyze = a } }

// WithHolder names this instance in slot claims (default: host, process and a random suffix).
func WithHolder(h string) Option { return func(s *Service) { s.holder = h } }

// WithGrace sets how late a missed slot may still be posted (default 6 h).
func WithGrace(d time.Duration) Option { return func(s *Service) { s.grace = d } }

// WithLease sets how long a claim excludes other claimers (default 10 min).
func WithLease(d time.Duration) Option { return func(s *Service) { s.lease = d } }

// WithRetry sets the wait before the first quick retry of a failed post
// (it doubles for the next), and the longest wait between the claims that
// retry a slot once the quick retries failed (default 5 s and 30 min).
func WithRetry(min, max time.Duration) Option {
	return func(s *Service) { s.retryMin, s.retryMax = min, max }
}

// Metrics counts digests by platform.
type Metrics interface {
	DigestPosted(platform string)
	DigestFailed(platform string)
}

// WithMetrics sets where posted and failed digests are counted.
func WithMetrics(m Metrics) Option { return func(s *Service) { s.metrics = m } }

// WithQuietWhenEmpty posts nothing when nothing arrived since the last
// digest, instead of a one-line "nothing new".
func WithQuietWhenEmpty(quiet bool) Option { return func(s *Service) { s.quiet = quiet } }

// WithMaxStories caps the stories of one digest (default 10, newest first).
func WithMaxStories(n int) Option { return func(s *Service) { s.maxStories = n } }

// WithSubscriptions adds subscriptions from configuration. Configure stores
// them; their IDs derive from platform, channel, spec and zone, so they are
// stored once however often the bot starts.
func WithSubscriptions(subs ...chat.Subscription) Option {
	return func(s *Service) { s.configured = append(s.configured, subs...) }
}

// New returns a service over st that posts through posters.
func New(st Store, posters Posters, opts ...Option) *Service {
	s := &Service{
		store: st, posters: posters,
		log:      slog.New(slog.DiscardHandler),
		metrics:  nopMetrics{},
		now:      time.Now,
		sleep:    sleepCtx,
		analyze:  AnalyzeWithEngine,
		grace:    DefaultGrace,
		lease:    DefaultLease,
		lookback: DefaultFirstLookback, maxStories: DefaultMaxStories,
		retryMin: DefaultRetryMin, retryMax: DefaultRetryMax,
	}
	for _, o := range opts {
		o(s)
	}
	if s.holder == "" {
		s.holder = defaultHolder()
	}
	s.schedules = map[[2]string]*schedule.Schedule{}
	return s
}

// schedule parses a subscription's schedule once.
func (s *Service) schedule(spec, tz string) (*schedule.Schedule, error) {
	k := [2]string{spec, tz}
	s.mu.Lock()
	sched, ok := s.schedules[k]
	s.mu.Unlock()
	if ok {
		return sched, nil
	}
	sched, err := schedule.Parse(spec, tz)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.schedules[k] = sched
	s.mu.Unlock()
	return sched, nil
}

// Configure stores the subscriptions given by configuration. A bad spec or
// zone is an error naming it.
func (s *Service) Configure(ctx context.Context) error {
	for _, c := range s.configured {
		if c.Platform == "" || c.Channel == "" {
			return fmt.Errorf("configured digest %q: platform and channel are required", c.Spec)
		}
		if _, err := schedule.Parse(c.Spec, c.TimeZone); err != nil {
			return fmt.Errorf("configured digest for %s channel %s: %w", c.Platform, c.Channel, err)
		}
		h := sha256.Sum256([]byte(strings.Join([]string{c.Platform, c.Channel, c.Spec, c.TimeZone}, "\x00")))
		sub := store.Subscription{ID: "cfg" + hex.EncodeToString(h[:])[:8], Platform: c.Platform, Channel: c.Channel,
			Spec: c.Spec, TimeZone: zoneOrUTC(c.TimeZone), Created: s.now().UTC()}
		if _, err := s.store.AddSubscription(ctx, sub); err != nil {
			return fmt.Errorf("configured digest: %w", err)
		}
	}
	return nil
}

// Subscribe adds a channel's subscription after checking its schedule.
func (s *Service) Subscribe(ctx context.Context, c chat.Subscription) (chat.Subscription, error) {
	if _, err := schedule.Parse(c.Spec, c.TimeZone); err != nil {
		return chat.Subscription{}, chat.Userf("I can't use that schedule: %v.", err)
	}
	sub := store.Subscription{ID: newID(), Platform: c.Platform, Channel: c.Channel, Spec: c.Spec,
		TimeZone: zoneOrUTC(c.TimeZone), Created: s.now().UTC()}
	got, err := s.store.AddSubscription(ctx, sub)
	if err != nil {
		return chat.Subscription{}, fmt.Errorf("subscribe: %w", err)
	}
	s.log.Info("digest subscribed", "platform", got.Platform, "channel", got.Channel, "subscription", got.ID, "spec", got.Spec, "timezone", got.TimeZone)
	return toChat(got), nil
}

// Subscriptions lists a channel's subscriptions.
func (s *Service) Subscriptions(ctx context.Context, platform, channel string) ([]chat.Subscription, error) {
	subs, err := s.store.Subscriptions(ctx, platform, channel)
	if err != nil {
		return nil, err
	}
	out := make([]chat.Subscription, 0, len(subs))
	for _, sub := range subs {
		out = append(out, toChat(sub))
	}
	return out, nil
}

// Unsubscribe removes a channel's subscription.
func (s *Service) Unsubscribe(ctx context.Context, platform, channel, id string) error {
	err := s.store.DeleteSubscription(ctx, platform, channel, id)
	if errors.Is(err, store.ErrNotFound) {
		return chat.Userf("This channel has no digest %q (see digest list).", id)
	}
	return err
}

// SendNow posts a digest of what arrived since the channel's last digest
// right away. It is a preview: the next scheduled digest still covers the
// same period.
func (s *Service) SendNow(ctx context.Context, platform, channel string) error {
	subs, err := s.store.Subscriptions(ctx, platform, channel)
	if err != nil {
		return err
	}
	now := s.now()
	since := now.Add(-s.lookback)
	var prev time.Time
	loc := time.UTC
	for _, sub := range subs {
		if last, ok, err := s.store.LastPosted(ctx, sub.ID); err != nil {
			return err
		} else if ok && last.CoveredUntil.After(prev) {
			prev = last.CoveredUntil
		}
		if l, err := time.LoadLocation(sub.TimeZone); err == nil {
			loc = l
		}
	}
	if !prev.IsZero() {
		since = prev
	}
	d, err := s.Build(ctx, since, now, prev, loc)
	if err != nil {
		return err
	}
	p, ok := s.posters(platform)
	if !ok {
		return chat.Userf("I can't post to %s right now.", platform)
	}
	return p.Post(ctx, channel, chat.Reply{Digest: &d})
}

// Announce posts a notice to every channel that has a digest, once each.
// It returns the first error after trying every channel.
func (s *Service) Announce(ctx context.Context, text string) error {
	subs, err := s.store.Subscriptions(ctx, "", "")
	if err != nil {
		return err
	}
	seen := map[[2]string]bool{}
	var errs []error
	for _, sub := range subs {
		k := [2]string{sub.Platform, sub.Channel}
		if seen[k] {
			continue
		}
		seen[k] = true
		p, ok := s.posters(sub.Platform)
		if !ok {
			continue
		}
		if err := p.Post(ctx, sub.Channel, chat.Reply{Text: text}); err != nil {
			errs = append(errs, fmt.Errorf("announce in %s channel %s: %w", sub.Platform, sub.Channel, err))
		}
	}
	return errors.Join(errs...)
}

// quickRetries is how many times a failed post is retried at once, before
// the slot is left for a later tick (of any instance).
const quickRetries = 2

// postTimeout bounds one post to a platform.
const postTimeout = time.Minute

// markTimeout bounds recording a posted slot, which outlives shutdown.
const markTimeout = 15 * time.Second

// tickParallel caps the subscriptions handled at once.
const tickParallel = 8

// Tick posts the digests that are due now, and waits for them.
func (s *Service) Tick(ctx context.Context) error {
	subs, err := s.store.Subscriptions(ctx, "", "")
	if err != nil {
		return fmt.Errorf("digest tick: %w", err)
	}
	now := s.now()
	var wg sync.WaitGroup
	errs := make([]error, len(subs))
	sem := make(chan struct{}, tickParallel)
	for i, sub := range subs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = s.tickOne(ctx, sub, now)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// tickOne posts sub's due slot, if any.
func (s *Service) tickOne(ctx context.Context, sub store.Subscription, now time.Time) error {
	log := s.log.With("platform", sub.Platform, "channel", sub.Channel, "subscription", sub.ID)
	sched, err := s.schedule(sub.Spec, sub.TimeZone)
	if err != nil {
		log.Error("digest schedule is not valid", "spec", sub.Spec, "timezone", sub.TimeZone, "err", err)
		return nil
	}
	last, hasLast, err := s.store.LastSlot(ctx, sub.ID)
	if err != nil {
		return err
	}
	after := sub.Created
	if hasLast {
		after = last.Time
	}
	slot, missed := sched.Due(after, now)
	switch {
	case !slot.IsZero() && now.Sub(slot) > s.grace:
		if ok, err := s.store.SkipSlot(ctx, sub.ID, slot, now); err != nil {
			return err
		} else if ok {
			log.Warn("digest missed beyond the grace window; skipped", "slot", slot, "missed", missed, "grace", s.grace)
		}
		return nil
	case !slot.IsZero():
		if missed > 1 {
			log.Info("catching up missed digests with one", "slot", slot, "missed", missed)
		}
	case hasLast && last.State == store.SlotClaimed && now.Sub(last.Time) <= s.grace:
		// A claimed slot not posted yet: its claimer crashed or the platform
		// is down. Retry it once its lease is free.
		slot = last.Time
	default:
		return nil
	}
	return s.post(ctx, log, sub, sched, slot)
}

// post claims the slot and posts its digest, retrying within lease and grace.
func (s *Service) post(ctx context.Context, log *slog.Logger, sub store.Subscription, sched *schedule.Schedule, slot time.Time) error {
	now := s.now()
	ok, err := s.store.ClaimSlot(ctx, sub.ID, slot, s.holder, now, now.Add(s.lease))
	if err != nil || !ok {
		return err
	}
	log = log.With("slot", slot)
	wait := s.retryMin
	for attempt := 1; ; attempt++ {
		// A post ends well within the lease, or another instance could take
		// the slot over and post it too.
		pctx, cancel := context.WithTimeout(ctx, min(postTimeout, s.lease/2))
		until, err := s.deliver(pctx, sub, sched)
		cancel()
		if err == nil {
			return s.markPosted(ctx, log, sub, slot, until)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if attempt > quickRetries {
			return s.deferSlot(ctx, log, sub, slot, err)
		}
		log.Warn("digest post failed; retrying", "attempt", attempt, "wait", wait, "err", err)
		if err := s.sleep(ctx, wait); err != nil {
			return err
		}
		wait *= 2
	}
}

// deferSlot lets any instance retry a slot that failed to post, after a
// wait that doubles with each claim of the slot, from a minute up to the
// longest retry wait. The grace window ends the retries.
func (s *Service) deferSlot(ctx context.Context, log *slog.Logger, sub store.Subscription, slot time.Time, cause error) error {
	attempts := 1
	if last, ok, err := s.store.LastSlot(ctx, sub.ID); err == nil && ok && last.Time.Equal(slot) {
		attempts = max(last.Attempts, 1)
	}
	wait := s.retryMax
	if attempts < 16 {
		wait = min(time.Minute<<(attempts-1), s.retryMax)
	}
	retryAt := s.now().Add(wait)
	if err := s.store.DeferSlot(ctx, sub.ID, slot, s.holder, retryAt); err != nil {
		return errors.Join(cause, err)
	}
	if retryAt.After(slot.Add(s.grace)) {
		log.Error("digest not posted within its grace window; giving up", "claims", attempts, "err", cause)
		return nil
	}
	log.Error("digest not posted; will retry", "claims", attempts, "retry_at", retryAt, "err", cause)
	return nil
}

// markPosted records a posted slot, retrying a few times: the digest is out,
// so it must not be posted again. It goes on when shutdown cancels ctx.
func (s *Service) markPosted(ctx context.Context, log *slog.Logger, sub store.Subscription, slot, until time.Time) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			if e := s.sleep(ctx, s.retryMin); e != nil {
				return e
			}
		}
		err = s.store.MarkPosted(ctx, sub.ID, slot, s.holder, s.now(), until)
		switch {
		case err == nil:
			log.Info("digest posted")
			return nil
		case errors.Is(err, store.ErrLeaseLost):
			log.Error("digest posted after its lease was taken over; it may have been posted twice", "err", err)
			return nil
		}
	}
	log.Error("digest posted but not recorded; it may be posted again", "err", err)
	return err
}

// deliver builds the digest due for sub and posts it. It returns the end
// of the period the digest covered.
func (s *Service) deliver(ctx context.Context, sub store.Subscription, sched *schedule.Schedule) (time.Time, error) {
	p, ok := s.posters(sub.Platform)
	if !ok {
		return time.Time{}, fmt.Errorf("no %s connection to post to", sub.Platform)
	}
	var prev time.Time
	since := sub.Created.Add(-s.lookback)
	if last, ok, err := s.store.LastPosted(ctx, sub.ID); err != nil {
		return time.Time{}, err
	} else if ok {
		prev, since = last.CoveredUntil, last.CoveredUntil
	}
	until := s.now()
	d, err := s.Build(ctx, since, until, prev, sched.Location())
	if err != nil {
		return time.Time{}, err
	}
	if len(d.Stories) > 0 || !s.quiet {
		if err := p.Post(ctx, sub.Channel, chat.Reply{Digest: &d}); err != nil {
			s.metrics.DigestFailed(sub.Platform)
			return time.Time{}, fmt.Errorf("post digest to %s channel %s: %w", sub.Platform, sub.Channel, err)
		}
		s.metrics.DigestPosted(sub.Platform)
	}
	return until, nil
}

// Build makes the digest of what arrived in (since, until]: newest first, a
// brief and figures per story, and the figures that changed since the
// version current at since. prev is the previous digest's time (zero for
// none); loc dates the title.
func (s *Service) Build(ctx context.Context, since, until, prev time.Time, loc *time.Location) (chat.Digest, error) {
	changed, err := s.store.ChangedSince(ctx, since)
	if err != nil {
		return chat.Digest{}, fmt.Errorf("build digest: %w", err)
	}
	var fresh []store.Article
	for _, a := range changed {
		if !a.Updated.After(until) {
			fresh = append(fresh, a)
		}
	}
	d := chat.Digest{Title: "Briefing, " + until.In(loc).Format("Monday 2 January"), Since: prev}
	total := len(fresh)
	for i := len(fresh) - 1; i >= 0 && len(d.Stories) < s.maxStories; i-- {
		a := fresh[i].Article
		brief, figs := s.analyze(a)
		story := chat.DigestStory{Brief: brief, Figures: figs, Source: a.Source, URL: a.URL}
		if story.Source == "" {
			story.Source = a.URL
		}
		old, err := s.store.ArticleAt(ctx, a.ID, since)
		switch {
		case errors.Is(err, store.ErrNotFound):
			// New since the last digest.
		case err != nil:
			return chat.Digest{}, fmt.Errorf("build digest: %w", err)
		default:
			_, oldFigs := s.analyze(old)
			story.Changes = Changes(oldFigs, figs)
			if len(story.Changes) == 0 {
				story.Changes = []string{"the story was revised"}
			}
		}
		d.Stories = append(d.Stories, story)
	}
	if total > len(d.Stories) {
		d.Title += fmt.Sprintf(" (the %d latest of %d stories)", len(d.Stories), total)
	}
	return d, nil
}

// maxChanges caps the changes listed for one story.
const maxChanges = 5

// Changes describes the figures of now that are new or differ from before,
// matched by label and unit: "fatalities 57,500 → 58,000", "new: hostages freed 20".
func Changes(before, now []briefing.Figure) []string {
	key := func(f briefing.Figure) string { return strings.ToLower(strings.TrimSpace(f.Label)) + "\x00" + f.Unit }
	old := make(map[string]briefing.Figure, len(before))
	for _, f := range before {
		if _, dup := old[key(f)]; !dup {
			old[key(f)] = f
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range now {
		k := key(f)
		if seen[k] || len(out) == maxChanges {
			continue
		}
		seen[k] = true
		o, had := old[k]
		switch {
		case !had:
			out = append(out, "new: "+strings.TrimSpace(f.Label+" "+chat.FigureText(f)))
		case o.Value != f.Value || o.Max != f.Max || o.Text != f.Text || o.Hedge != f.Hedge:
			out = append(out, strings.TrimSpace(f.Label+" "+chat.FigureText(o)+" → "+chat.FigureText(f)))
		}
	}
	return out
}

// AnalyzeWithEngine briefs an article and lists its figures with the
// briefing engine's analysis.
func AnalyzeWithEngine(a *briefing.Article) (briefing.Brief, []briefing.Figure) {
	an := briefing.Analyze(a)
	b := an.Brief
	if b.Headline == "" {
		b.Headline = a.Title
	}
	figs := make([]briefing.Figure, len(an.Figures))
	for i, f := range an.Figures {
		f.ArticleID = a.ID
		figs[i] = f
	}
	return b, figs
}

func toChat(s store.Subscription) chat.Subscription {
	return chat.Subscription{ID: s.ID, Platform: s.Platform, Channel: s.Channel, Spec: s.Spec, TimeZone: s.TimeZone, Created: s.Created}
}

func zoneOrUTC(tz string) string {
	if tz = strings.TrimSpace(tz); tz == "" {
		return "UTC"
	}
	return tz
}

func newID() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

func defaultHolder() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), newID())
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

type nopMetrics struct{}

func (nopMetrics) DigestPosted(string) {}
func (nopMetrics) DigestFailed(string) {}
