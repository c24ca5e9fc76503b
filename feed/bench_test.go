package feed_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkPollUnchanged measures a poll of a 30-item feed whose items are
// all known: parse, hash, look up, no page fetched.
func BenchmarkPollUnchanged(b *testing.B) {
	s := newSite(b)
	var items []string
	for i := range 30 {
		items = append(items, item(fmt.Sprint("g", i), fmt.Sprint("Story ", i), fmt.Sprintf("%%[1]s/s%d", i), strings.Repeat("Summary. ", 20)))
		s.pages[fmt.Sprintf("/s%d", i)] = fmt.Sprintf("Story %d\nText of story %d.", i, i)
	}
	s.feed = rss(items...)
	e := newEnv(b, s)
	f := e.addFeed(b, s.URL()+"/feed.xml")
	ctx := context.Background()
	if err := e.poller.Poll(ctx, f); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		*e.clock = e.clock.Add(time.Hour)
		if err := e.poller.Poll(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}
