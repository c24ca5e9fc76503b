package sqlstore_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
	"github.com/briefbot/briefbot/store/sqlstore/sqltest"
	"github.com/briefbot/briefbot/store/storetest"
)

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "briefbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func openPostgres(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlstore.OpenPostgres(context.Background(), sqltest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSQLiteStore(t *testing.T) { storetest.Run(t, openSQLite) }

func TestPostgresStore(t *testing.T) { storetest.Run(t, openPostgres) }

// TestMigrateTwice reopens a database: migrations already applied are not
// applied again.
func TestMigrateTwice(t *testing.T) {
	for _, tt := range []struct {
		name string
		open func(t *testing.T) func() (*sqlstore.Store, error)
	}{
		{"SQLite", func(t *testing.T) func() (*sqlstore.Store, error) {
			path := filepath.Join(t.TempDir(), "db")
			return func() (*sqlstore.Store, error) { return sqlstore.OpenSQLite(context.Background(), path) }
		}},
		{"Postgres", func(t *testing.T) func() (*sqlstore.Store, error) {
			u := sqltest.PostgresURL(t)
			return func() (*sqlstore.Store, error) { return sqlstore.OpenPostgres(context.Background(), u) }
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			open := tt.open(t)
			for i := range 2 {
				s, err := open()
				if err != nil {
					t.Fatalf("open #%d: %v", i+1, err)
				}
				v, err := s.SchemaVersion(context.Background())
				s.Close()
				if err != nil || v != 2 {
					t.Fatalf("open #%d: schema version %d, %v; want 2", i+1, v, err)
				}
			}
		})
	}
}

// TestPostgresBadURL checks that a connection error never shows the password.
func TestPostgresBadURL(t *testing.T) {
	const secret = "s3cr3t-pa55"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := sqlstore.OpenPostgres(ctx, "postgres://briefbot:"+secret+"@127.0.0.1:1/briefbot?connect_timeout=1")
	if err == nil {
		t.Fatal("OpenPostgres with an unreachable server succeeded")
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the password: %v", err)
	}
}
