// Package feed turns RSS and Atom feeds and pasted URLs into stored
// articles. A Poller polls the stored feeds when they are due, with
// conditional GETs, reads each new or edited item's full text from its link
// through the article reader, and stores it: the store recognises an edited
// or re-published item as the story it already has. A feed that keeps
// failing is reported in chat once per run of failures.
//
// It is briefbot's only importer of github.com/mmcdole/gofeed. It fetches
// through any Fetcher (package fetch in production, with its address checks).
package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/fetch"
	"github.com/briefbot/briefbot/store"
)

// Defaults.
const (
	DefaultInterval         = 15 * time.Minute
	DefaultFailureThreshold = 3
	DefaultMaxItems         = 30
	// MinInterval is the shortest poll interval accepted.
	MinInterval = time.Minute
)

// Fetcher gets a URL, conditionally when validators are given.
type Fetcher interface {
	Get(ctx context.Context, url string, v fetch.Validators) (*fetch.Response, error)
}

// Store is what the poller needs of the store.
type Store interface {
	store.Feeds
	PutArticle(ctx context.Context, a *briefing.Article, now time.Time) (store.PutResult, error)
}

// Engine is what the poller needs of the briefing engine.
type Engine interface {
	Add(a *briefing.Article) (briefing.ArticleInfo, error)
}

// Notifier tells chat about a failing feed.
type Notifier func(ctx context.Context, text string) error

// Config is a feed given by configuration.
type Config struct {
	URL string
	// Interval between polls; zero takes the default.
	Interval time.Duration
}

// Poller polls feeds and adds articles from URLs. It implements chat.Sources.
type Poller struct {
	store     Store
	fetcher   Fetcher
	engine    Engine
	log       *slog.Logger
	now       func() time.Time
	notify    Notifier
	metrics   Metrics
	interval  time.Duration
	threshold int
	maxItems  int
	feeds     []Config
	parallel  int
}

var _ chat.Sources = (*Poller)(nil)

// Option configures a Poller.
type Option func(*Poller)

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(p *Poller) { p.log = l } }

// WithClock sets the clock that decides which feeds are due.
func WithClock(now func() time.Time) Option { return func(p *Poller) { p.now = now } }

// Metrics counts feed fetches by outcome: "ok", "not_modified" or "error".
type Metrics interface {
	FeedFetched(outcome string)
}

// WithMetrics sets where feed fetches are counted.
func WithMetrics(m Metrics) Option { return func(p *Poller) { p.metrics = m } }

// WithNotifier sets where failing feeds are reported.
func WithNotifier(n Notifier) Option { return func(p *Poller) { p.notify = n } }

// WithInterval sets the poll interval of feeds added from chat (default 15 min).
func WithInterval(d time.Duration) Option { return func(p *Poller) { p.interval = d } }

// WithFailureThreshold sets how many failed polls in a row get a feed
// reported (default 3).
func WithFailureThreshold(n int) Option { return func(p *Poller) { p.threshold = n } }

// WithMaxItems caps the items read from one poll of a feed (default 30).
func WithMaxItems(n int) Option { return func(p *Poller) { p.maxItems = n } }

// WithFeeds adds feeds from configuration; Configure stores them.
func WithFeeds(feeds ...Config) Option {
	return func(p *Poller) { p.feeds = append(p.feeds, feeds...) }
}

// New returns a poller storing into st, fetching through f and adding
// articles to engine.
func New(st Store, f Fetcher, engine Engine, opts ...Option) *Poller {
	p := &Poller{store: st, fetcher: f, engine: engine, log: slog.New(slog.DiscardHandler), metrics: nopMetrics{}, now: time.Now,
		interval: DefaultInterval, threshold: DefaultFailureThreshold, maxItems: DefaultMaxItems, parallel: 4}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Configure stores the feeds given by configuration.
func (p *Poller) Configure(ctx context.Context) error {
	for _, c := range p.feeds {
		if err := fetch.CheckURL(c.URL); err != nil {
			return fmt.Errorf("configured feed: %w", err)
		}
		iv := c.Interval
		if iv == 0 {
			iv = p.interval
		}
		if iv < MinInterval {
			return fmt.Errorf("configured feed %s: the interval %v is shorter than %v", c.URL, iv, MinInterval)
		}
		if _, err := p.store.AddFeed(ctx, store.Feed{URL: c.URL, Interval: iv, Added: p.now().UTC()}); err != nil {
			return fmt.Errorf("configured feed: %w", err)
		}
	}
	return nil
}

// AddURL reads the page or feed at u. A feed is stored to be polled and
// polled at once; a page becomes an article.
func (p *Poller) AddURL(ctx context.Context, u string) (briefing.ArticleInfo, error) {
	u = strings.Trim(strings.TrimSpace(u), "<>") // Slack wraps links in <>
	if i := strings.IndexByte(u, '|'); i >= 0 {
		u = u[:i] // Slack's <url|label>
	}
	if err := fetch.CheckURL(u); err != nil {
		return briefing.ArticleInfo{}, chat.Userf("I can only read http and https links: %v.", err)
	}
	resp, err := p.fetcher.Get(ctx, u, fetch.Validators{})
	if err != nil {
		p.log.Warn("add URL: fetch failed", "url", u, "err", err)
		return briefing.ArticleInfo{}, userFetchError(u, err)
	}
	if looksLikeFeed(resp) {
		if parsed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body)); err == nil {
			return p.addFeed(ctx, u, parsed)
		}
	}
	a, err := briefing.ReadArticle(resp.URL, resp.Body)
	if err != nil {
		return briefing.ArticleInfo{}, chat.Userf("I couldn't find an article at %s.", u)
	}
	if a.URL == "" {
		a.URL = resp.URL
	}
	res, err := p.Ingest(ctx, a)
	if err != nil {
		return briefing.ArticleInfo{}, err
	}
	p.log.Info("article added", "url", a.URL, "article", res.ID, "status", res.Status.String())
	return briefing.ArticleInfo{ID: res.ID, Title: a.Title, Source: a.URL, URL: a.URL, Published: a.Published, Added: p.now()}, nil
}

func (p *Poller) addFeed(ctx context.Context, u string, parsed *gofeed.Feed) (briefing.ArticleInfo, error) {
	added, err := p.store.AddFeed(ctx, store.Feed{URL: u, Title: parsed.Title, Interval: p.interval, Added: p.now().UTC()})
	if err != nil {
		return briefing.ArticleInfo{}, err
	}
	if added {
		p.log.Info("feed added", "url", u)
		feeds, err := p.store.Feeds(ctx)
		if err != nil {
			return briefing.ArticleInfo{}, err
		}
		for _, f := range feeds {
			if f.URL == u {
				if err := p.Poll(ctx, f); err != nil {
					p.log.Warn("first poll of a new feed failed", "url", u, "err", err)
				}
			}
		}
	}
	title := parsed.Title
	if title == "" {
		title = u
	}
	return briefing.ArticleInfo{Title: "feed: " + title, Source: u, URL: u, Added: p.now()}, nil
}

// Ingest stores a and adds it to the engine under its stored ID.
func (p *Poller) Ingest(ctx context.Context, a *briefing.Article) (store.PutResult, error) {
	res, err := p.store.PutArticle(ctx, a, p.now().UTC())
	if err != nil {
		return store.PutResult{}, err
	}
	if res.Status != store.Unchanged {
		cp := *a
		cp.ID = res.ID
		if _, err := p.engine.Add(&cp); err != nil {
			return res, fmt.Errorf("add article %s to the engine: %w", res.ID, err)
		}
	}
	return res, nil
}

// PollDue polls the feeds whose interval has passed since their last poll.
func (p *Poller) PollDue(ctx context.Context) error {
	feeds, err := p.store.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("poll feeds: %w", err)
	}
	now := p.now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, p.parallel)
	for _, f := range feeds {
		if !f.LastPolled.IsZero() && now.Sub(f.LastPolled) < f.Interval {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := p.Poll(ctx, f); err != nil {
				p.log.Warn("feed poll failed", "url", f.URL, "err", err)
			}
		})
	}
	wg.Wait()
	return nil
}

// Poll polls one feed now and records the outcome. A failure is returned
// after it is recorded, and reported in chat once the feed has failed
// threshold times in a row.
func (p *Poller) Poll(ctx context.Context, f store.Feed) error {
	poll, err := p.poll(ctx, f)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	poll.At, poll.Err = p.now().UTC(), err
	got, rerr := p.store.RecordPoll(ctx, f.URL, poll)
	if rerr != nil {
		return errors.Join(err, rerr)
	}
	if err != nil && got.Failures >= p.threshold && got.Reported.IsZero() {
		p.report(ctx, got)
	}
	return err
}

func (p *Poller) report(ctx context.Context, f store.Feed) {
	first, err := p.store.MarkFeedReported(ctx, f.URL, p.now().UTC())
	if err != nil || !first {
		return // another instance reported it, or the store is down: the next failure retries
	}
	p.log.Warn("feed keeps failing; reporting it in chat", "url", f.URL, "failures", f.Failures, "err", f.LastError)
	if p.notify == nil {
		return
	}
	name := f.URL
	if f.Title != "" {
		name = f.Title + " (" + f.URL + ")"
	}
	text := fmt.Sprintf("The feed %s has failed %d times in a row (last error: %s). I'll keep trying; until it recovers its stories are missing from digests.",
		name, f.Failures, f.LastError)
	if err := p.notify(ctx, text); err != nil {
		p.log.Error("could not report a failing feed", "url", f.URL, "err", err)
	}
}

// poll fetches and reads the feed; the returned Poll holds the new validators.
func (p *Poller) poll(ctx context.Context, f store.Feed) (store.Poll, error) {
	resp, err := p.fetcher.Get(ctx, f.URL, fetch.Validators{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		p.metrics.FeedFetched("error")
		return store.Poll{}, err
	}
	if resp.NotModified {
		p.metrics.FeedFetched("not_modified")
		return store.Poll{ETag: resp.ETag, LastModified: resp.LastModified}, nil
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		p.metrics.FeedFetched("error")
		return store.Poll{}, fmt.Errorf("read feed %s: %w", f.URL, err)
	}
	p.metrics.FeedFetched("ok")
	items := parsed.Items
	if len(items) > p.maxItems {
		items = items[:p.maxItems]
	}
	var created, updated int
	for i := len(items) - 1; i >= 0; i-- { // oldest first, as feeds list newest first
		st, err := p.item(ctx, f.URL, parsed.Title, items[i])
		if err != nil {
			if ctx.Err() != nil {
				return store.Poll{}, ctx.Err()
			}
			p.log.Warn("feed item skipped", "feed", f.URL, "item", items[i].Link, "err", err)
			continue
		}
		switch st {
		case store.Created:
			created++
		case store.Updated:
			updated++
		}
	}
	if created+updated > 0 {
		p.log.Info("feed polled", "url", f.URL, "new", created, "updated", updated)
	}
	return store.Poll{ETag: resp.ETag, LastModified: resp.LastModified, Title: parsed.Title}, nil
}

// item stores one feed item unless it is unchanged since it was last seen.
func (p *Poller) item(ctx context.Context, feedURL, feedTitle string, it *gofeed.Item) (store.PutStatus, error) {
	link := resolve(feedURL, it.Link)
	key := it.GUID
	if key == "" {
		key = link
	}
	if key == "" {
		key = it.Title
	}
	if key == "" {
		return 0, errors.New("the item has no GUID, link or title")
	}
	hash := itemHash(it, link)
	oldHash, articleID, err := p.store.FeedItem(ctx, feedURL, key)
	switch {
	case err == nil && oldHash == hash:
		return store.Unchanged, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return 0, err
	}
	a := p.readItem(ctx, it, link)
	if a == nil {
		return 0, errors.New("the item has no text and its page could not be read")
	}
	a.ID = articleID // an edited item stays the story it was
	a.Source = feedTitle
	if a.Source == "" {
		a.Source = feedURL
	}
	res, err := p.Ingest(ctx, a)
	if err != nil {
		return 0, err
	}
	if err := p.store.PutFeedItem(ctx, feedURL, key, hash, res.ID, p.now().UTC()); err != nil {
		return 0, err
	}
	return res.Status, nil
}

// readItem reads the item's full text from its link, or falls back on the
// text the feed carries.
func (p *Poller) readItem(ctx context.Context, it *gofeed.Item, link string) *briefing.Article {
	var a *briefing.Article
	if link != "" {
		resp, err := p.fetcher.Get(ctx, link, fetch.Validators{})
		if err == nil {
			a, err = briefing.ReadArticle(resp.URL, resp.Body)
		}
		if err != nil {
			p.log.Debug("item page not read; using the feed's text", "url", link, "err", err)
		}
	}
	if a == nil {
		text := it.Content
		if strings.TrimSpace(text) == "" {
			text = it.Description
		}
		if strings.TrimSpace(it.Title) != "" {
			text = it.Title + "\n" + text
		}
		var err error
		if a, err = briefing.ReadArticle(link, []byte(text)); err != nil {
			return nil
		}
	}
	if t := strings.TrimSpace(it.Title); t != "" {
		a.Title = t
	}
	a.URL = link
	if it.PublishedParsed != nil {
		a.Published = it.PublishedParsed.UTC()
	} else if it.UpdatedParsed != nil {
		a.Published = it.UpdatedParsed.UTC()
	}
	return a
}

func itemHash(it *gofeed.Item, link string) string {
	h := sha256.New()
	for _, s := range []string{it.Title, it.Description, it.Content, it.Updated, link} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// resolve makes an item link absolute against the feed's URL; a link that
// is not http or https (javascript:, file:) is dropped.
func resolve(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := url.Parse(link)
	if err != nil {
		return ""
	}
	abs := b.ResolveReference(l).String()
	if fetch.CheckURL(abs) != nil {
		return ""
	}
	return abs
}

func looksLikeFeed(r *fetch.Response) bool {
	ct := strings.ToLower(r.ContentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") {
		return true
	}
	head := strings.ToLower(string(r.Body[:min(len(r.Body), 512)]))
	return strings.Contains(head, "<rss") || strings.Contains(head, "<feed") || strings.Contains(head, "<rdf:rdf")
}

// userFetchError is what a chat user sees when a URL cannot be read.
func userFetchError(u string, err error) error {
	var se *fetch.StatusError
	switch {
	case errors.Is(err, fetch.ErrBlocked):
		return chat.Userf("I don't read links to private or internal addresses.")
	case errors.Is(err, fetch.ErrTooLarge):
		return chat.Userf("That page is too large for me to read.")
	case errors.As(err, &se):
		return chat.Userf("I couldn't read %s: the site answered %s.", u, se.Error())
	}
	return chat.Userf("I couldn't read %s: the site did not answer in time or refused the connection.", u)
}

type nopMetrics struct{}

func (nopMetrics) FeedFetched(string) {}
