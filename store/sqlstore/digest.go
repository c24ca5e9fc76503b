package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/store"
)

// AddSubscription stores sub, or returns the one already stored with its ID.
func (s *Store) AddSubscription(ctx context.Context, sub store.Subscription) (store.Subscription, error) {
	if sub.ID == "" || sub.Platform == "" || sub.Channel == "" || sub.Spec == "" {
		return store.Subscription{}, errors.New("add subscription: id, platform, channel and spec are required")
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO subscriptions (id, platform, channel, spec, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`),
		sub.ID, sub.Platform, sub.Channel, sub.Spec, sub.TimeZone, micros(sub.Created)); err != nil {
		return store.Subscription{}, fmt.Errorf("add subscription %s: %w", sub.ID, err)
	}
	subs, err := s.subscriptions(ctx, `WHERE id = ?`, sub.ID)
	if err != nil || len(subs) == 0 {
		return store.Subscription{}, fmt.Errorf("add subscription %s: read back: %w", sub.ID, errors.Join(err, store.ErrNotFound))
	}
	return subs[0], nil
}

// Subscriptions lists a channel's subscriptions, or all when platform and channel are empty.
func (s *Store) Subscriptions(ctx context.Context, platform, channel string) ([]store.Subscription, error) {
	var subs []store.Subscription
	var err error
	if platform == "" && channel == "" {
		subs, err = s.subscriptions(ctx, ``)
	} else {
		subs, err = s.subscriptions(ctx, `WHERE platform = ? AND channel = ?`, platform, channel)
	}
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return subs, nil
}

func (s *Store) subscriptions(ctx context.Context, where string, args ...any) ([]store.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, platform, channel, spec, timezone, created_at FROM subscriptions `+where+` ORDER BY created_at, id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Subscription
	for rows.Next() {
		var sub store.Subscription
		var created int64
		if err := rows.Scan(&sub.ID, &sub.Platform, &sub.Channel, &sub.Spec, &sub.TimeZone, &created); err != nil {
			return nil, err
		}
		sub.Created = fromMicros(created)
		out = append(out, sub)
	}
	return out, rows.Err()
}

// DeleteSubscription removes a channel's subscription and its slots.
func (s *Store) DeleteSubscription(ctx context.Context, platform, channel, id string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM subscriptions WHERE id = ? AND platform = ? AND channel = ?`), id, platform, channel)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return store.ErrNotFound
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM digest_slots WHERE subscription_id = ?`), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete subscription %s: %w", id, err)
	}
	return nil
}

// ClaimSlot claims a digest slot for holder until leaseUntil.
func (s *Store) ClaimSlot(ctx context.Context, sub string, slot time.Time, holder string, now, leaseUntil time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO digest_slots (subscription_id, slot_time, state, claimed_by, lease_until, attempts)
		VALUES (?, ?, 'claimed', ?, ?, 1)
		ON CONFLICT (subscription_id, slot_time) DO UPDATE
		SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, attempts = digest_slots.attempts + 1
		WHERE digest_slots.state = 'claimed' AND digest_slots.lease_until < ?`),
		sub, micros(slot), holder, micros(leaseUntil), micros(now))
	if err != nil {
		return false, fmt.Errorf("claim slot %s at %s: %w", sub, slot.Format(time.RFC3339), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim slot %s at %s: %w", sub, slot.Format(time.RFC3339), err)
	}
	return n == 1, nil
}

// MarkPosted records that holder's digest for the slot was posted.
func (s *Store) MarkPosted(ctx context.Context, sub string, slot time.Time, holder string, postedAt, coveredUntil time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE digest_slots SET state = 'posted', posted_at = ?, covered_until = ?
		WHERE subscription_id = ? AND slot_time = ? AND claimed_by = ? AND state = 'claimed'`),
		micros(postedAt), micros(coveredUntil), sub, micros(slot), holder)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = store.ErrLeaseLost
		}
	}
	if err != nil {
		return fmt.Errorf("mark slot %s at %s posted: %w", sub, slot.Format(time.RFC3339), err)
	}
	return nil
}

// DeferSlot moves holder's lease of an unposted slot to until.
func (s *Store) DeferSlot(ctx context.Context, sub string, slot time.Time, holder string, until time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE digest_slots SET lease_until = ?
		WHERE subscription_id = ? AND slot_time = ? AND claimed_by = ? AND state = 'claimed'`), micros(until), sub, micros(slot), holder)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = store.ErrLeaseLost
		}
	}
	if err != nil {
		return fmt.Errorf("defer slot %s at %s: %w", sub, slot.Format(time.RFC3339), err)
	}
	return nil
}

// SkipSlot records a slot that will not be posted.
func (s *Store) SkipSlot(ctx context.Context, sub string, slot time.Time, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO digest_slots (subscription_id, slot_time, state, posted_at) VALUES (?, ?, 'skipped', 0)
		ON CONFLICT (subscription_id, slot_time) DO NOTHING`), sub, micros(slot))
	if err != nil {
		return false, fmt.Errorf("skip slot %s at %s: %w", sub, slot.Format(time.RFC3339), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("skip slot %s at %s: %w", sub, slot.Format(time.RFC3339), err)
	}
	return n == 1, nil
}

// LastSlot returns the latest recorded slot of sub.
func (s *Store) LastSlot(ctx context.Context, sub string) (store.Slot, bool, error) {
	return s.lastSlot(ctx, sub, ``)
}

// LastPosted returns the latest posted slot of sub.
func (s *Store) LastPosted(ctx context.Context, sub string) (store.Slot, bool, error) {
	return s.lastSlot(ctx, sub, `AND state = 'posted'`)
}

func (s *Store) lastSlot(ctx context.Context, sub, cond string) (store.Slot, bool, error) {
	var sl store.Slot
	var slot, lease, posted, covered int64
	var state string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT subscription_id, slot_time, state, claimed_by, lease_until, attempts, posted_at, covered_until
		FROM digest_slots WHERE subscription_id = ? `+cond+` ORDER BY slot_time DESC LIMIT 1`), sub).
		Scan(&sl.SubscriptionID, &slot, &state, &sl.ClaimedBy, &lease, &sl.Attempts, &posted, &covered)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Slot{}, false, nil
	}
	if err != nil {
		return store.Slot{}, false, fmt.Errorf("last slot of %s: %w", sub, err)
	}
	sl.Time, sl.State, sl.LeaseUntil = fromMicros(slot), store.SlotState(state), fromMicros(lease)
	sl.PostedAt, sl.CoveredUntil = fromMicros(posted), fromMicros(covered)
	return sl, true, nil
}
