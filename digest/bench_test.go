package digest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/digest"
)

// BenchmarkTickIdle measures the every-minute tick with 100 subscriptions
// and nothing due: the cost the scheduler pays most of the time.
func BenchmarkTickIdle(b *testing.B) {
	st := openSQLite(b, filepath.Join(b.TempDir(), "db"))
	clk := &clock{t: utc(24, 9, 0)}
	s := digest.New(st, posters(&poster{}), digest.WithClock(clk.Now))
	for i := range 100 {
		if _, err := s.Subscribe(context.Background(), chat.Subscription{Platform: "slack", Channel: fmt.Sprint("C", i), Spec: "0 8 * * *", TimeZone: "Europe/Paris"}); err != nil {
			b.Fatal(err)
		}
	}
	clk.Set(utc(24, 12, 0))
	for b.Loop() {
		if err := s.Tick(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures building a digest from 200 changed articles.
func BenchmarkBuild(b *testing.B) {
	st := openSQLite(b, filepath.Join(b.TempDir(), "db"))
	s := digest.New(st, posters(&poster{}), digest.WithAnalyzer(figureAnalyzer))
	for i := range 200 {
		if _, err := st.PutArticle(context.Background(), benchArticle(i, "fatalities: 57,500"), utc(24, 10, 0)); err != nil {
			b.Fatal(err)
		}
		if _, err := st.PutArticle(context.Background(), benchArticle(i, "fatalities: 58,000"), utc(24, 12, 0)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		d, err := s.Build(context.Background(), utc(24, 11, 0), utc(24, 13, 0), utc(24, 11, 0), time.UTC)
		if err != nil || len(d.Stories) != digest.DefaultMaxStories {
			b.Fatalf("Build = %d stories, %v", len(d.Stories), err)
		}
	}
}

func benchArticle(i int, figure string) *briefing.Article {
	return &briefing.Article{Title: fmt.Sprint("Story ", i), Source: "bench", URL: fmt.Sprint("https://example.com/", i),
		Paragraphs: []string{"Officials gave new numbers on Tuesday.", figure, "hostages: 48"}}
}
