// Package store defines what briefbot keeps between runs: articles (with
// every version, for "what changed"), digest subscriptions, digest slots
// (claimed before posting, so each is posted once), and feed state. It holds
// the domain types and the interfaces; implementations live in subpackages
// (sqlstore: SQLite and PostgreSQL) and must pass storetest.Run.
//
// It imports briefing and the standard library only.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// ErrNotFound is returned when the thing asked for is not stored.
var ErrNotFound = errors.New("not found")

// ErrLeaseLost is returned by MarkPosted when another claimer holds the slot.
var ErrLeaseLost = errors.New("slot lease held by another claimer")

// Article is an article as stored: its current version and bookkeeping.
type Article struct {
	Article *briefing.Article
	// Hash identifies the article's content (title and text), for dedupe.
	Hash string
	// Version counts the distinct contents stored for the article, from 1.
	Version int
	// Added is when the article was first stored.
	Added time.Time
	// Updated is when its current version was stored.
	Updated time.Time
}

// PutStatus says what PutArticle did.
type PutStatus int

// What PutArticle did with an article.
const (
	// Created: the article was new.
	Created PutStatus = iota + 1
	// Updated: an article with the same ID or URL was stored with other content.
	Updated
	// Unchanged: the same content was already stored (same ID, URL or text).
	Unchanged
)

// String names the status: "created", "updated" or "unchanged".
func (s PutStatus) String() string {
	switch s {
	case Created:
		return "created"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	}
	return "unknown"
}

// PutResult is the outcome of PutArticle.
type PutResult struct {
	// ID is the stored article's ID: the given one, or that of the article
	// the input was recognised as.
	ID      string
	Status  PutStatus
	Version int
}

// Subscription is one channel's digest schedule.
type Subscription struct {
	ID       string
	Platform string
	Channel  string
	// Spec is a five-field cron spec or a descriptor ("@daily").
	Spec string
	// TimeZone is an IANA zone name.
	TimeZone string
	Created  time.Time
}

// SlotState is the state of a digest slot.
type SlotState string

// Slot states.
const (
	SlotClaimed SlotState = "claimed"
	SlotPosted  SlotState = "posted"
	SlotSkipped SlotState = "skipped"
)

// Slot is one scheduled digest of one subscription.
type Slot struct {
	SubscriptionID string
	Time           time.Time
	State          SlotState
	ClaimedBy      string
	LeaseUntil     time.Time
	// Attempts counts the claims of the slot.
	Attempts int
	// PostedAt is when the platform accepted the digest; zero until then.
	PostedAt time.Time
	// CoveredUntil is the end of the period the posted digest covered: the
	// next digest covers what arrived after it.
	CoveredUntil time.Time
}

// Feed is an RSS or Atom feed polled for articles, with its polling state.
type Feed struct {
	URL      string
	Title    string
	Interval time.Duration
	Added    time.Time
	// ETag and LastModified are the validators of the last good response.
	ETag         string
	LastModified string
	LastPolled   time.Time
	LastOK       time.Time
	// Failures counts the polls that failed in a row.
	Failures  int
	LastError string
	// Reported is when the failing feed was reported in chat; zero when the
	// current run of failures is not reported yet.
	Reported time.Time
}

// Poll is the outcome of one poll of a feed, recorded by RecordPoll.
type Poll struct {
	At  time.Time
	Err error
	// On success: the new validators and the feed's title (empty keeps the old).
	ETag, LastModified, Title string
}

// Articles stores articles and their versions.
type Articles interface {
	// PutArticle stores a, recognising it by ID, then URL, then content,
	// then source and title within RepublishWindow: a known article with new
	// content gets a new version; the same content again is left unchanged.
	// An empty a.ID is derived from the URL or the content. now stamps the
	// version.
	PutArticle(ctx context.Context, a *briefing.Article, now time.Time) (PutResult, error)
	// Articles returns the current version of every article, oldest first.
	Articles(ctx context.Context) ([]Article, error)
	// ChangedSince returns the articles created or updated after since, oldest change first.
	ChangedSince(ctx context.Context, since time.Time) ([]Article, error)
	// ArticleAt returns the version of article id that was current at t, or ErrNotFound.
	ArticleAt(ctx context.Context, id string, t time.Time) (*briefing.Article, error)
}

// Subscriptions stores digest subscriptions.
type Subscriptions interface {
	// AddSubscription stores s; one with the same ID already stored is kept
	// and returned instead.
	AddSubscription(ctx context.Context, s Subscription) (Subscription, error)
	// Subscriptions lists the subscriptions of a channel, or every one when
	// platform and channel are empty, oldest first.
	Subscriptions(ctx context.Context, platform, channel string) ([]Subscription, error)
	// DeleteSubscription removes a channel's subscription and its slots, or
	// returns ErrNotFound.
	DeleteSubscription(ctx context.Context, platform, channel, id string) error
}

// Slots records digest slots so that each is posted once.
type Slots interface {
	// ClaimSlot claims the slot of subscription sub at slot for holder until
	// leaseUntil. It succeeds when the slot is new, or claimed but unposted
	// with a lease that expired before now (whoever held it: a holder does not
	// claim twice within its own lease either).
	ClaimSlot(ctx context.Context, sub string, slot time.Time, holder string, now, leaseUntil time.Time) (bool, error)
	// MarkPosted records that holder's digest for the slot was accepted by
	// the platform, covering articles up to coveredUntil. It returns
	// ErrLeaseLost when holder does not hold the slot.
	MarkPosted(ctx context.Context, sub string, slot time.Time, holder string, postedAt, coveredUntil time.Time) error
	// DeferSlot moves the lease of holder's unposted claim to until, when
	// the slot may be claimed again to retry it.
	DeferSlot(ctx context.Context, sub string, slot time.Time, holder string, until time.Time) error
	// SkipSlot records a slot that is not to be posted (missed beyond the
	// grace window). It reports whether the slot was new.
	SkipSlot(ctx context.Context, sub string, slot time.Time, now time.Time) (bool, error)
	// LastSlot returns the latest recorded slot of sub in any state.
	LastSlot(ctx context.Context, sub string) (Slot, bool, error)
	// LastPosted returns the latest posted slot of sub.
	LastPosted(ctx context.Context, sub string) (Slot, bool, error)
}

// Feeds stores the feeds to poll and what was seen in them.
type Feeds interface {
	// AddFeed stores a feed to poll; it reports false when it was already stored.
	AddFeed(ctx context.Context, f Feed) (bool, error)
	// Feeds lists the stored feeds, oldest first.
	Feeds(ctx context.Context) ([]Feed, error)
	// RecordPoll records a poll of the feed at url and returns the feed as updated.
	RecordPoll(ctx context.Context, url string, p Poll) (Feed, error)
	// MarkFeedReported records that the feed's failures were reported; it
	// reports false when they already were.
	MarkFeedReported(ctx context.Context, url string, at time.Time) (bool, error)
	// FeedItem returns the content hash and article ID recorded for a feed item.
	FeedItem(ctx context.Context, feedURL, key string) (hash, articleID string, err error)
	// PutFeedItem records a feed item's content hash and the article it became.
	PutFeedItem(ctx context.Context, feedURL, key, hash, articleID string, now time.Time) error
}

// Store is everything briefbot keeps.
type Store interface {
	Articles
	Subscriptions
	Slots
	Feeds
	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// ContentHash identifies an article's content: its title, lede, standfirst
// and paragraphs with runs of white space collapsed.
func ContentHash(a *briefing.Article) string {
	h := sha256.New()
	for i, s := range append([]string{a.Title, a.Lede, a.Standfirst}, a.Paragraphs...) {
		if i > 0 {
			h.Write([]byte{'\n'})
		}
		h.Write([]byte(strings.Join(strings.Fields(s), " ")))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// RepublishWindow is how long after a story was first stored an article
// with its title and source, at another URL and with other text, is taken
// for the same story re-published with edits.
const RepublishWindow = 72 * time.Hour

// StoryKey identifies a story across re-publications: its source and title,
// case and white space folded. It is empty without both.
func StoryKey(a *briefing.Article) string {
	title := strings.ToLower(strings.Join(strings.Fields(a.Title), " "))
	source := strings.ToLower(strings.Join(strings.Fields(a.Source), " "))
	if title == "" || source == "" {
		return ""
	}
	return source + " | " + title
}

// Loader is what LoadEngine needs of a store.
type Loader interface {
	Articles(ctx context.Context) ([]Article, error)
}

// LoadEngine adds every stored article to e, oldest first, and returns how
// many it added. An article the engine refuses stops the load with an error.
func LoadEngine(ctx context.Context, s Loader, e *briefing.Engine) (int, error) {
	all, err := s.Articles(ctx)
	if err != nil {
		return 0, fmt.Errorf("load engine: %w", err)
	}
	for i, a := range all {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return i, fmt.Errorf("load engine: %w", err)
			}
		}
		if _, err := e.Add(a.Article); err != nil {
			return i, fmt.Errorf("load engine: article %s: %w", a.Article.ID, err)
		}
	}
	return len(all), nil
}
