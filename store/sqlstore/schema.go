package sqlstore

// migrations are the schema's versions, applied in order and recorded in
// schema_migrations. Never edit one that has shipped: add a new one. The SQL
// is common to SQLite and PostgreSQL; times are Unix microseconds (0 = none).
var migrations = []string{
	// 1: articles, subscriptions, slots, feeds.
	`CREATE TABLE articles (
		id TEXT PRIMARY KEY,
		url TEXT NOT NULL DEFAULT '',
		content_hash TEXT NOT NULL,
		version INTEGER NOT NULL,
		data TEXT NOT NULL,
		added_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url <> '';
	CREATE INDEX articles_hash ON articles (content_hash);
	CREATE INDEX articles_updated ON articles (updated_at);
	CREATE INDEX articles_added ON articles (added_at, id);
	CREATE TABLE article_versions (
		article_id TEXT NOT NULL,
		version INTEGER NOT NULL,
		content_hash TEXT NOT NULL,
		data TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (article_id, version)
	);
	CREATE TABLE subscriptions (
		id TEXT PRIMARY KEY,
		platform TEXT NOT NULL,
		channel TEXT NOT NULL,
		spec TEXT NOT NULL,
		timezone TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX subscriptions_channel ON subscriptions (platform, channel);
	CREATE TABLE digest_slots (
		subscription_id TEXT NOT NULL,
		slot_time BIGINT NOT NULL,
		state TEXT NOT NULL,
		claimed_by TEXT NOT NULL DEFAULT '',
		lease_until BIGINT NOT NULL DEFAULT 0,
		attempts INTEGER NOT NULL DEFAULT 0,
		posted_at BIGINT NOT NULL DEFAULT 0,
		covered_until BIGINT NOT NULL DEFAULT 0,
		PRIMARY KEY (subscription_id, slot_time)
	);
	CREATE TABLE feeds (
		url TEXT PRIMARY KEY,
		title TEXT NOT NULL DEFAULT '',
		interval_seconds BIGINT NOT NULL,
		added_at BIGINT NOT NULL,
		etag TEXT NOT NULL DEFAULT '',
		last_modified TEXT NOT NULL DEFAULT '',
		last_polled BIGINT NOT NULL DEFAULT 0,
		last_ok BIGINT NOT NULL DEFAULT 0,
		failures INTEGER NOT NULL DEFAULT 0,
		last_error TEXT NOT NULL DEFAULT '',
		reported_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE TABLE feed_items (
		feed_url TEXT NOT NULL,
		item_key TEXT NOT NULL,
		item_hash TEXT NOT NULL,
		article_id TEXT NOT NULL,
		seen_at BIGINT NOT NULL,
		PRIMARY KEY (feed_url, item_key)
	);`,
	// 2: a story re-published at a new URL with edits is found by its title and source.
	`ALTER TABLE articles ADD COLUMN story_key TEXT NOT NULL DEFAULT '';
	CREATE INDEX articles_story ON articles (story_key, added_at);`,
}
