// Package sqlstore is briefbot's store on SQL: SQLite (modernc.org/sqlite,
// pure Go, the embedded default) and PostgreSQL (jackc/pgx, for several
// instances sharing one database). Both run the same SQL through
// database/sql; the few differences (placeholders, connection settings,
// locking migrations) are in a dialect. It is the only package that imports
// SQL drivers.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// Store is a store.Store on SQLite or PostgreSQL. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	postgres bool
}

var _ store.Store = (*Store)(nil)

// OpenSQLite opens (creating it if needed) the SQLite database in the file
// at path and migrates it to the current schema.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite store: %w", err)
		}
	}
	dsn := "file:" + path + "?_busy_timeout=10000&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate&_foreign_keys=1"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	return open(ctx, db, false)
}

// OpenPostgres connects to the PostgreSQL database at url (a postgres:// URL
// or a key=value string) and migrates it to the current schema. Errors never
// contain the URL, which may hold a password.
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, errors.New("open postgres store: the database URL is not valid")
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return open(ctx, db, true)
}

func open(ctx context.Context, db *sql.DB, postgres bool) (*Store, error) {
	s := &Store{db: db, postgres: postgres}
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string {
	if s.postgres {
		return "postgres"
	}
	return "sqlite"
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s store: %w", s.Dialect(), err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// SchemaVersion returns the number of migrations applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate %s store: %w", s.Dialect(), err)
	}
	for i, m := range migrations {
		version := i + 1
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if s.postgres {
				// Instances starting together migrate one after the other.
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7245501)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), version, micros(time.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s store to version %d: %w", s.Dialect(), version, err)
		}
	}
	return nil
}

// q rewrites the ? placeholders of query for the database.
func (s *Store) q(query string) string {
	if !s.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback() // the error that matters is fn's
		return err
	}
	return tx.Commit()
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// PutArticle stores a, recognising it by ID, URL, then content.
func (s *Store) PutArticle(ctx context.Context, a *briefing.Article, now time.Time) (store.PutResult, error) {
	if a == nil {
		return store.PutResult{}, errors.New("put article: no article")
	}
	cp := *a
	if cp.ID == "" {
		cp.ID = briefing.ArticleID(&cp)
	}
	hash := store.ContentHash(&cp)
	var res store.PutResult
	var err error
	// Two writers racing on one new URL: the loser's insert violates the
	// unique index and its second attempt finds the winner's row.
	for attempt := 0; attempt < 3; attempt++ {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			var e error
			res, e = s.putArticle(ctx, tx, &cp, hash, now)
			return e
		})
		if err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return store.PutResult{}, fmt.Errorf("put article %s: %w", cp.ID, err)
	}
	return res, nil
}

func (s *Store) putArticle(ctx context.Context, tx *sql.Tx, a *briefing.Article, hash string, now time.Time) (store.PutResult, error) {
	var id, oldHash, oldURL string
	var version int
	find := func(where string, arg any) error {
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, content_hash, url, version FROM articles WHERE `+where+` LIMIT 1`), arg).
			Scan(&id, &oldHash, &oldURL, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	if err := find(`id = ?`, a.ID); err != nil {
		return store.PutResult{}, err
	}
	if id == "" && a.URL != "" {
		if err := find(`url = ? AND url <> ''`, a.URL); err != nil {
			return store.PutResult{}, err
		}
	}
	sameContent := false
	if id == "" {
		if err := find(`content_hash = ?`, hash); err != nil {
			return store.PutResult{}, err
		}
		sameContent = id != ""
	}
	story := store.StoryKey(a)
	if id == "" && story != "" {
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id, content_hash, url, version FROM articles WHERE story_key = ? AND added_at >= ? ORDER BY added_at DESC LIMIT 1`),
			story, micros(now.Add(-store.RepublishWindow))).Scan(&id, &oldHash, &oldURL, &version); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if sameContent || (id != "" && oldHash == hash) {
		return store.PutResult{ID: id, Status: store.Unchanged, Version: version}, nil
	}
	if id == "" {
		data, err := json.Marshal(a)
		if err != nil {
			return store.PutResult{}, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO articles (id, url, content_hash, version, data, added_at, updated_at, story_key) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`),
			a.ID, a.URL, hash, string(data), micros(now), micros(now), story); err != nil {
			return store.PutResult{}, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_versions (article_id, version, content_hash, data, created_at) VALUES (?, 1, ?, ?, ?)`),
			a.ID, hash, string(data), micros(now)); err != nil {
			return store.PutResult{}, err
		}
		return store.PutResult{ID: a.ID, Status: store.Created, Version: 1}, nil
	}
	// A new version of a known article: it keeps its ID, and its URL unless it had none.
	a.ID = id
	url := oldURL
	if url == "" {
		url = a.URL
	}
	a.URL = url
	data, err := json.Marshal(a)
	if err != nil {
		return store.PutResult{}, err
	}
	version++
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET url = ?, content_hash = ?, version = ?, data = ?, updated_at = ?,
		story_key = CASE WHEN ? = '' THEN story_key ELSE ? END WHERE id = ?`),
		url, hash, version, string(data), micros(now), story, story, id); err != nil {
		return store.PutResult{}, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_versions (article_id, version, content_hash, data, created_at) VALUES (?, ?, ?, ?, ?)`),
		id, version, hash, string(data), micros(now)); err != nil {
		return store.PutResult{}, err
	}
	return store.PutResult{ID: id, Status: store.Updated, Version: version}, nil
}

// Articles returns the current version of every article, oldest first.
func (s *Store) Articles(ctx context.Context) ([]store.Article, error) {
	out, err := s.articles(ctx, `SELECT data, content_hash, version, added_at, updated_at FROM articles ORDER BY added_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// ChangedSince returns the articles created or updated after since.
func (s *Store) ChangedSince(ctx context.Context, since time.Time) ([]store.Article, error) {
	out, err := s.articles(ctx, `SELECT data, content_hash, version, added_at, updated_at FROM articles WHERE updated_at > ? ORDER BY updated_at, id`, micros(since))
	if err != nil {
		return nil, fmt.Errorf("list articles changed since %s: %w", since.Format(time.RFC3339), err)
	}
	return out, nil
}

func (s *Store) articles(ctx context.Context, query string, args ...any) ([]store.Article, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Article
	for rows.Next() {
		var data string
		var added, updated int64
		var sa store.Article
		if err := rows.Scan(&data, &sa.Hash, &sa.Version, &added, &updated); err != nil {
			return nil, err
		}
		sa.Article = new(briefing.Article)
		if err := json.Unmarshal([]byte(data), sa.Article); err != nil {
			return nil, fmt.Errorf("decode stored article: %w", err)
		}
		sa.Added, sa.Updated = fromMicros(added), fromMicros(updated)
		out = append(out, sa)
	}
	return out, rows.Err()
}

// ArticleAt returns the version of article id that was current at t.
func (s *Store) ArticleAt(ctx context.Context, id string, t time.Time) (*briefing.Article, error) {
	var data string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT data FROM article_versions WHERE article_id = ? AND created_at <= ? ORDER BY version DESC LIMIT 1`), id, micros(t)).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s at %s: %w", id, t.Format(time.RFC3339), store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %s at %s: %w", id, t.Format(time.RFC3339), err)
	}
	a := new(briefing.Article)
	if err := json.Unmarshal([]byte(data), a); err != nil {
		return nil, fmt.Errorf("decode stored article %s: %w", id, err)
	}
	return a, nil
}
