package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
	"github.com/briefbot/briefbot/store/sqlstore/sqltest"
)

// benchArticle is a news-sized article: a title and eight paragraphs.
func benchArticle(i int) *briefing.Article {
	paras := make([]string, 8)
	for j := range paras {
		paras[j] = fmt.Sprintf("Paragraph %d of story %d: officials said on Tuesday that %d people had been displaced, %s", j, i, i*37+j, strings.Repeat("with more words of reporting ", 6))
	}
	return &briefing.Article{Title: fmt.Sprintf("Story %d", i), Source: "bench", URL: fmt.Sprintf("https://example.com/story/%d", i),
		Published: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), Paragraphs: paras}
}

func benchStores(b *testing.B) map[string]func(b *testing.B) *sqlstore.Store {
	return map[string]func(b *testing.B) *sqlstore.Store{
		"SQLite": func(b *testing.B) *sqlstore.Store {
			s, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		},
		"Postgres": func(b *testing.B) *sqlstore.Store {
			s, err := sqlstore.OpenPostgres(context.Background(), sqltest.PostgresURL(b))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		},
	}
}

// BenchmarkRebuildEngine10k measures a start: 10,000 stored articles read
// and added to a new engine.
func BenchmarkRebuildEngine10k(b *testing.B) {
	for _, name := range []string{"SQLite", "Postgres"} {
		b.Run(name, func(b *testing.B) {
			s := benchStores(b)[name](b)
			ctx := context.Background()
			now := time.Now()
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for w := range 4 {
				wg.Go(func() {
					for i := w; i < 10000; i += 4 {
						if _, err := s.PutArticle(ctx, benchArticle(i), now); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				n, err := store.LoadEngine(ctx, s, briefing.NewEngine())
				if err != nil || n != 10000 {
					b.Fatalf("LoadEngine = %d, %v", n, err)
				}
			}
		})
	}
}

// BenchmarkPutArticle measures storing a new article.
func BenchmarkPutArticle(b *testing.B) {
	for _, name := range []string{"SQLite", "Postgres"} {
		b.Run(name, func(b *testing.B) {
			s := benchStores(b)[name](b)
			ctx := context.Background()
			i := 0
			for b.Loop() {
				if _, err := s.PutArticle(ctx, benchArticle(i), time.Now()); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkClaimAndPost measures claiming a digest slot and marking it posted.
func BenchmarkClaimAndPost(b *testing.B) {
	for _, name := range []string{"SQLite", "Postgres"} {
		b.Run(name, func(b *testing.B) {
			s := benchStores(b)[name](b)
			ctx := context.Background()
			t0 := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
			i := 0
			for b.Loop() {
				slot := t0.Add(time.Duration(i) * time.Minute)
				ok, err := s.ClaimSlot(ctx, "sub", slot, "me", slot, slot.Add(time.Minute))
				if err != nil || !ok {
					b.Fatalf("ClaimSlot = %v, %v", ok, err)
				}
				if err := s.MarkPosted(ctx, "sub", slot, "me", slot, slot); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
