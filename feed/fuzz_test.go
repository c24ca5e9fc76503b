package feed_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/feed"
	"github.com/briefbot/briefbot/fetch"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
)

// bodyFetcher serves one feed body; every other URL fails.
type bodyFetcher struct{ body []byte }

func (b bodyFetcher) Get(ctx context.Context, url string, v fetch.Validators) (*fetch.Response, error) {
	if url != "https://example.com/feed.xml" {
		return nil, errors.New("no network in this test")
	}
	return &fetch.Response{URL: url, Status: 200, Body: b.body, ContentType: "application/xml"}, nil
}

// FuzzPoll feeds arbitrary bytes to a poll: an error or articles, never a panic.
func FuzzPoll(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><link>/a</link><description>x</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content>y</content></entry></feed>`,
		`<rss><channel><item><guid></guid></item></channel></rss>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"z"}]}`,
		`<rss><channel><item><link>javascript:alert(1)</link><title>&amp;</title></item>`,
		"\xff\xfe<",
	} {
		f.Add([]byte(s))
	}
	st, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(f.TempDir(), "db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.AddFeed(ctx, store.Feed{URL: "https://example.com/feed.xml", Interval: time.Hour}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p := feed.New(st, bodyFetcher{body}, briefing.NewEngine(), feed.WithFailureThreshold(1<<30))
		_ = p.Poll(ctx, store.Feed{URL: "https://example.com/feed.xml", Interval: time.Hour}) // errors are fine; panics are not
	})
}
