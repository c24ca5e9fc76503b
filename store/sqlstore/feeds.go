package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/store"
)

// noNUL drops NUL characters, which PostgreSQL text cannot hold.
func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "") }

// maxErrorText caps the error text kept for a failing feed.
const maxErrorText = 500

// AddFeed stores a feed to poll.
func (s *Store) AddFeed(ctx context.Context, f store.Feed) (bool, error) {
	if f.URL == "" || f.Interval <= 0 {
		return false, errors.New("add feed: a URL and a positive interval are required")
	}
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO feeds (url, title, interval_seconds, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`),
		f.URL, noNUL(f.Title), int64(f.Interval/time.Second), micros(f.Added))
	if err != nil {
		return false, fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	return n == 1, nil
}

// Feeds lists the stored feeds, oldest first.
func (s *Store) Feeds(ctx context.Context) ([]store.Feed, error) {
	out, err := s.feeds(ctx, ``)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return out, nil
}

func (s *Store) feeds(ctx context.Context, where string, args ...any) ([]store.Feed, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT url, title, interval_seconds, added_at, etag, last_modified, last_polled, last_ok, failures, last_error, reported_at
		FROM feeds `+where+` ORDER BY added_at, url`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Feed
	for rows.Next() {
		var f store.Feed
		var interval, added, polled, ok, reported int64
		if err := rows.Scan(&f.URL, &f.Title, &interval, &added, &f.ETag, &f.LastModified, &polled, &ok, &f.Failures, &f.LastError, &reported); err != nil {
			return nil, err
		}
		f.Interval = time.Duration(interval) * time.Second
		f.Added, f.LastPolled, f.LastOK, f.Reported = fromMicros(added), fromMicros(polled), fromMicros(ok), fromMicros(reported)
		out = append(out, f)
	}
	return out, rows.Err()
}

// RecordPoll records one poll of the feed at url.
func (s *Store) RecordPoll(ctx context.Context, url string, p store.Poll) (store.Feed, error) {
	var res sql.Result
	var err error
	if p.Err == nil {
		res, err = s.db.ExecContext(ctx, s.q(`UPDATE feeds SET etag = ?, last_modified = ?, title = CASE WHEN ? = '' THEN title ELSE ? END,
			last_polled = ?, last_ok = ?, failures = 0, last_error = '', reported_at = 0 WHERE url = ?`),
			p.ETag, p.LastModified, noNUL(p.Title), noNUL(p.Title), micros(p.At), micros(p.At), url)
	} else {
		msg := noNUL(p.Err.Error())
		if len(msg) > maxErrorText {
			msg = msg[:maxErrorText]
		}
		res, err = s.db.ExecContext(ctx, s.q(`UPDATE feeds SET last_polled = ?, failures = failures + 1, last_error = ? WHERE url = ?`),
			micros(p.At), msg, url)
	}
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = store.ErrNotFound
		}
	}
	if err != nil {
		return store.Feed{}, fmt.Errorf("record poll of %s: %w", url, err)
	}
	fs, err := s.feeds(ctx, `WHERE url = ?`, url)
	if err != nil || len(fs) == 0 {
		return store.Feed{}, fmt.Errorf("record poll of %s: read back: %w", url, errors.Join(err, store.ErrNotFound))
	}
	return fs[0], nil
}

// MarkFeedReported records that a failing feed was reported.
func (s *Store) MarkFeedReported(ctx context.Context, url string, at time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE feeds SET reported_at = ? WHERE url = ? AND reported_at = 0 AND failures > 0`), micros(at), url)
	if err != nil {
		return false, fmt.Errorf("mark feed %s reported: %w", url, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark feed %s reported: %w", url, err)
	}
	return n == 1, nil
}

// FeedItem returns the hash and article recorded for a feed item, or ErrNotFound.
func (s *Store) FeedItem(ctx context.Context, feedURL, key string) (hash, articleID string, err error) {
	err = s.db.QueryRowContext(ctx, s.q(`SELECT item_hash, article_id FROM feed_items WHERE feed_url = ? AND item_key = ?`), feedURL, noNUL(key)).Scan(&hash, &articleID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("feed item %s in %s: %w", key, feedURL, store.ErrNotFound)
	}
	if err != nil {
		return "", "", fmt.Errorf("feed item %s in %s: %w", key, feedURL, err)
	}
	return hash, articleID, nil
}

// PutFeedItem records a feed item's hash and article.
func (s *Store) PutFeedItem(ctx context.Context, feedURL, key, hash, articleID string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO feed_items (feed_url, item_key, item_hash, article_id, seen_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (feed_url, item_key) DO UPDATE SET item_hash = excluded.item_hash, article_id = excluded.article_id, seen_at = excluded.seen_at`),
		feedURL, noNUL(key), hash, articleID, micros(now))
	if err != nil {
		return fmt.Errorf("put feed item %s in %s: %w", key, feedURL, err)
	}
	return nil
}
