// Package storetest is the test suite every store.Store implementation must
// pass. An implementation's tests call Run with a function that opens an
// empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// Open returns a new, empty store; the suite closes it.
type Open func(t *testing.T) store.Store

// t0 is the suite's reference time.
var t0 = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

// Run runs the suite against the stores open returns.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Ping", testPing},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticleDedupe", testArticleDedupe},
		{"ArticleVersions", testArticleVersions},
		{"ArticleRepublishWindow", testArticleRepublishWindow},
		{"Subscriptions", testSubscriptions},
		{"SlotClaims", testSlotClaims},
		{"SlotClaimRace", testSlotClaimRace},
		{"SlotSkip", testSlotSkip},
		{"Feeds", testFeeds},
		{"FeedItems", testFeedItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

func testPing(t *testing.T, s store.Store) {
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func article(url, title string, paras ...string) *briefing.Article {
	return &briefing.Article{Title: title, Source: "test", URL: url, Paragraphs: paras}
}

func mustPut(t *testing.T, s store.Store, a *briefing.Article, now time.Time) store.PutResult {
	t.Helper()
	r, err := s.PutArticle(context.Background(), a, now)
	if err != nil {
		t.Fatalf("PutArticle(%q): %v", a.Title, err)
	}
	return r
}

func testArticleRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	want := &briefing.Article{
		ID: "a1", Title: "Talks resume", Source: "Example News", URL: "https://example.com/talks",
		Published: time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC), Lede: "Talks resumed on Monday.",
		Standfirst: "Mediators meet in Cairo", Paragraphs: []string{"One — “quoted” 57,500.", "Two, with ünïcode."},
	}
	r := mustPut(t, s, want, t0)
	if r.ID != "a1" || r.Status != store.Created || r.Version != 1 {
		t.Fatalf("PutArticle = %+v, want a1 created version 1", r)
	}
	got, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("Articles returned %d articles, want 1", len(got))
	}
	if !reflect.DeepEqual(got[0].Article, want) {
		t.Errorf("stored article = %+v\nwant %+v", got[0].Article, want)
	}
	if !got[0].Added.Equal(t0) || !got[0].Updated.Equal(t0) || got[0].Version != 1 || got[0].Hash != store.ContentHash(want) {
		t.Errorf("bookkeeping = added %v updated %v version %d hash %q", got[0].Added, got[0].Updated, got[0].Version, got[0].Hash)
	}
	// An article without an ID gets the derived one.
	r = mustPut(t, s, article("https://example.com/other", "Other"), t0)
	if want := briefing.ArticleID(article("https://example.com/other", "Other")); r.ID != want {
		t.Errorf("derived ID = %q, want %q", r.ID, want)
	}
	if _, err := s.PutArticle(ctx, nil, t0); err == nil {
		t.Error("PutArticle(nil) succeeded, want an error")
	}
}

func testArticleDedupe(t *testing.T, s store.Store) {
	first := mustPut(t, s, article("https://example.com/a", "Ceasefire talks", "57,500 killed."), t0)
	tests := []struct {
		name        string
		a           *briefing.Article
		wantStatus  store.PutStatus
		wantSameID  bool
		wantVersion int
	}{
		{"same article again", article("https://example.com/a", "Ceasefire talks", "57,500 killed."), store.Unchanged, true, 1},
		{"white space differs only", article("https://example.com/a", "Ceasefire  talks", " 57,500 killed. "), store.Unchanged, true, 1},
		{"republished at another URL", article("https://example.com/b", "Ceasefire talks", "57,500 killed."), store.Unchanged, true, 1},
		{"edited at the same URL", article("https://example.com/a", "Ceasefire talks", "58,000 killed."), store.Updated, true, 2},
		{"edited again, other ID given", &briefing.Article{ID: "zzz", URL: "https://example.com/a", Title: "Ceasefire talks", Paragraphs: []string{"58,100 killed."}}, store.Updated, true, 3},
		{"a different story", article("https://example.com/c", "Hostages freed", "Twenty freed."), store.Created, false, 1},
		{"re-published with edits at another URL", article("https://example.com/d", "Ceasefire  Talks", "58,200 killed."), store.Updated, true, 4},
		{"same title from another source", &briefing.Article{Title: "Ceasefire talks", Source: "other", URL: "https://other.example/a", Paragraphs: []string{"Elsewhere."}}, store.Created, false, 1},
	}
	for i, tt := range tests {
		r := mustPut(t, s, tt.a, t0.Add(time.Duration(i+1)*time.Minute))
		if r.Status != tt.wantStatus || (r.ID == first.ID) != tt.wantSameID || r.Version != tt.wantVersion {
			t.Errorf("%s: PutArticle = %+v, want status %v, same ID %v, version %d", tt.name, r, tt.wantStatus, tt.wantSameID, tt.wantVersion)
		}
	}
	all, err := s.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("stored %d articles, want 3", len(all))
	}
	if all[0].Article.ID != first.ID || all[0].Article.Paragraphs[0] != "58,200 killed." || all[0].Article.URL != "https://example.com/a" {
		t.Errorf("first article after edits = %+v, want ID %s with the last edit", all[0].Article, first.ID)
	}
}

// testArticleRepublishWindow: the same title and source with other text at
// another URL is the same story only within RepublishWindow.
func testArticleRepublishWindow(t *testing.T, s store.Store) {
	first := mustPut(t, s, article("https://example.com/a", "Weekly roundup", "Week one."), t0)
	for _, tt := range []struct {
		name       string
		url        string
		at         time.Time
		wantStatus store.PutStatus
	}{
		{"within the window", "https://example.com/b", t0.Add(store.RepublishWindow - time.Hour), store.Updated},
		{"after the window", "https://example.com/c", t0.Add(store.RepublishWindow + time.Hour), store.Created},
	} {
		r := mustPut(t, s, article(tt.url, "Weekly roundup", "Text "+tt.name), tt.at)
		if r.Status != tt.wantStatus || (r.ID == first.ID) != (tt.wantStatus == store.Updated) {
			t.Errorf("%s: PutArticle = %+v, want %v", tt.name, r, tt.wantStatus)
		}
	}
	if got := store.StoryKey(&briefing.Article{Title: "x"}); got != "" {
		t.Errorf("StoryKey without a source = %q, want empty", got)
	}
}

func testArticleVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := mustPut(t, s, article("https://example.com/a", "Toll", "57,500 killed."), t0).ID
	mustPut(t, s, article("https://example.com/b", "Other", "Unrelated."), t0.Add(time.Hour))
	mustPut(t, s, article("https://example.com/a", "Toll", "58,000 killed."), t0.Add(2*time.Hour))

	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{t0, "57,500 killed."},
		{t0.Add(90 * time.Minute), "57,500 killed."},
		{t0.Add(2 * time.Hour), "58,000 killed."},
		{t0.Add(48 * time.Hour), "58,000 killed."},
	} {
		a, err := s.ArticleAt(ctx, id, tt.at)
		if err != nil {
			t.Fatalf("ArticleAt(%v): %v", tt.at, err)
		}
		if a.Paragraphs[0] != tt.want {
			t.Errorf("ArticleAt(%v) = %q, want %q", tt.at, a.Paragraphs[0], tt.want)
		}
	}
	if _, err := s.ArticleAt(ctx, id, t0.Add(-time.Second)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleAt before it was stored: err = %v, want ErrNotFound", err)
	}
	if _, err := s.ArticleAt(ctx, "missing", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleAt(missing): err = %v, want ErrNotFound", err)
	}

	for _, tt := range []struct {
		since time.Time
		want  []string
	}{
		{time.Time{}, []string{"Other", "Toll"}},
		{t0, []string{"Other", "Toll"}},
		{t0.Add(time.Hour), []string{"Toll"}},
		{t0.Add(2 * time.Hour), nil},
	} {
		got, err := s.ChangedSince(ctx, tt.since)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range got {
			titles = append(titles, a.Article.Title)
		}
		if !reflect.DeepEqual(titles, tt.want) {
			t.Errorf("ChangedSince(%v) = %q, want %q", tt.since, titles, tt.want)
		}
	}
}

func testSubscriptions(t *testing.T, s store.Store) {
	ctx := context.Background()
	subs := []store.Subscription{
		{ID: "s1", Platform: "slack", Channel: "C1", Spec: "0 8 * * 1-5", TimeZone: "Europe/Paris", Created: t0},
		{ID: "s2", Platform: "slack", Channel: "C1", Spec: "@daily", TimeZone: "UTC", Created: t0.Add(time.Minute)},
		{ID: "s3", Platform: "discord", Channel: "D1", Spec: "30 7 * * *", TimeZone: "America/New_York", Created: t0.Add(2 * time.Minute)},
	}
	for _, sub := range subs {
		got, err := s.AddSubscription(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		if got != sub {
			t.Errorf("AddSubscription = %+v, want %+v", got, sub)
		}
	}
	again := subs[0]
	again.Spec = "0 9 * * *"
	if got, err := s.AddSubscription(ctx, again); err != nil || got != subs[0] {
		t.Errorf("AddSubscription with a stored ID = %+v, %v; want the stored one %+v", got, err, subs[0])
	}
	if _, err := s.AddSubscription(ctx, store.Subscription{ID: "bad"}); err == nil {
		t.Error("AddSubscription without platform, channel and spec succeeded")
	}
	for _, tt := range []struct {
		platform, channel string
		want              []store.Subscription
	}{
		{"slack", "C1", subs[:2]},
		{"discord", "D1", subs[2:]},
		{"discord", "C1", nil},
		{"", "", subs},
	} {
		got, err := s.Subscriptions(ctx, tt.platform, tt.channel)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Subscriptions(%q, %q) = %+v, want %+v", tt.platform, tt.channel, got, tt.want)
		}
	}
	if _, err := s.ClaimSlot(ctx, "s1", t0, "a", t0, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSubscription(ctx, "discord", "D1", "s1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteSubscription from another channel: err = %v, want ErrNotFound", err)
	}
	if err := s.DeleteSubscription(ctx, "slack", "C1", "s1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSubscription(ctx, "slack", "C1", "s1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second DeleteSubscription: err = %v, want ErrNotFound", err)
	}
	if _, ok, err := s.LastSlot(ctx, "s1"); err != nil || ok {
		t.Errorf("slots of a deleted subscription remain (ok=%v, err=%v)", ok, err)
	}
}

func testSlotClaims(t *testing.T, s store.Store) {
	ctx := context.Background()
	slot := t0
	lease := 10 * time.Minute
	steps := []struct {
		name   string
		holder string
		now    time.Time
		want   bool
	}{
		{"first claim", "a", t0, true},
		{"another holder within the lease", "b", t0.Add(time.Minute), false},
		{"the holder again within its lease", "a", t0.Add(2 * time.Minute), false},
		{"another holder at the lease's end", "b", t0.Add(lease), false},
		{"another holder after the lease", "b", t0.Add(13 * time.Minute), true},
	}
	for _, st := range steps {
		got, err := s.ClaimSlot(ctx, "sub", slot, st.holder, st.now, st.now.Add(lease))
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: ClaimSlot = %v, want %v", st.name, got, st.want)
		}
	}
	if err := s.DeferSlot(ctx, "sub", slot, "a", t0.Add(time.Hour)); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("DeferSlot by the holder that lost the lease: err = %v, want ErrLeaseLost", err)
	}
	// b fails to post and defers the slot by a minute: nobody claims it before.
	if err := s.DeferSlot(ctx, "sub", slot, "b", t0.Add(14*time.Minute)); err != nil {
		t.Fatalf("DeferSlot: %v", err)
	}
	for _, st := range []struct {
		holder string
		now    time.Time
		want   bool
	}{{"c", t0.Add(13*time.Minute + 30*time.Second), false}, {"b", t0.Add(14*time.Minute + time.Second), true}} {
		if got, err := s.ClaimSlot(ctx, "sub", slot, st.holder, st.now, st.now.Add(lease)); err != nil || got != st.want {
			t.Errorf("ClaimSlot(%s) at %v after DeferSlot = %v, %v; want %v", st.holder, st.now, got, err, st.want)
		}
	}
	if err := s.MarkPosted(ctx, "sub", slot, "a", t0.Add(14*time.Minute), t0.Add(14*time.Minute)); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("MarkPosted by the holder that lost the lease: err = %v, want ErrLeaseLost", err)
	}
	if _, ok, _ := s.LastPosted(ctx, "sub"); ok {
		t.Error("LastPosted found a slot before any was posted")
	}
	covered := t0.Add(14 * time.Minute)
	if err := s.MarkPosted(ctx, "sub", slot, "b", t0.Add(15*time.Minute), covered); err != nil {
		t.Fatalf("MarkPosted: %v", err)
	}
	if err := s.MarkPosted(ctx, "sub", slot, "b", t0.Add(15*time.Minute), covered); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("MarkPosted twice: err = %v, want ErrLeaseLost", err)
	}
	for _, h := range []string{"a", "b", "c"} {
		if got, err := s.ClaimSlot(ctx, "sub", slot, h, t0.Add(time.Hour), t0.Add(time.Hour+lease)); err != nil || got {
			t.Errorf("ClaimSlot(%s) of a posted slot = %v, %v; want false", h, got, err)
		}
	}
	last, ok, err := s.LastPosted(ctx, "sub")
	if err != nil || !ok {
		t.Fatalf("LastPosted = %v, %v", ok, err)
	}
	want := store.Slot{SubscriptionID: "sub", Time: slot, State: store.SlotPosted, ClaimedBy: "b", LeaseUntil: t0.Add(14*time.Minute + time.Second + lease),
		Attempts: 3, PostedAt: t0.Add(15 * time.Minute), CoveredUntil: covered}
	if !reflect.DeepEqual(last, want) {
		t.Errorf("LastPosted = %+v\nwant %+v", last, want)
	}
	// A later slot is the last one, and not posted.
	if ok, err := s.ClaimSlot(ctx, "sub", slot.Add(24*time.Hour), "a", t0.Add(24*time.Hour), t0.Add(24*time.Hour+lease)); err != nil || !ok {
		t.Fatalf("claim the next slot: %v, %v", ok, err)
	}
	if l, _, _ := s.LastSlot(ctx, "sub"); !l.Time.Equal(slot.Add(24*time.Hour)) || l.State != store.SlotClaimed {
		t.Errorf("LastSlot = %+v, want the claimed next slot", l)
	}
	if l, _, _ := s.LastPosted(ctx, "sub"); !l.Time.Equal(slot) {
		t.Errorf("LastPosted after a new claim = %v, want %v", l.Time, slot)
	}
	if _, ok, err := s.LastSlot(ctx, "other"); err != nil || ok {
		t.Errorf("LastSlot(other) = %v, %v; want none", ok, err)
	}
}

// testSlotClaimRace claims one slot from many goroutines at once: exactly one wins.
func testSlotClaimRace(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	wins := make(chan string, n)
	errs := make(chan error, n)
	for i := range n {
		holder := fmt.Sprintf("holder-%d", i)
		wg.Go(func() {
			ok, err := s.ClaimSlot(ctx, "race", t0, holder, t0, t0.Add(time.Minute))
			if err != nil {
				errs <- err
			}
			if ok {
				wins <- holder
			}
		})
	}
	wg.Wait()
	close(wins)
	close(errs)
	for err := range errs {
		t.Errorf("ClaimSlot: %v", err)
	}
	var winners []string
	for w := range wins {
		winners = append(winners, w)
	}
	if len(winners) != 1 {
		t.Errorf("%d claimers won one slot (%v), want exactly 1", len(winners), winners)
	}
}

func testSlotSkip(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		do   func() (bool, error)
		want bool
	}{
		{"skip a new slot", func() (bool, error) { return s.SkipSlot(ctx, "sub", t0, t0) }, true},
		{"skip it again", func() (bool, error) { return s.SkipSlot(ctx, "sub", t0, t0) }, false},
		{"claim a skipped slot", func() (bool, error) { return s.ClaimSlot(ctx, "sub", t0, "a", t0.Add(time.Hour), t0.Add(2*time.Hour)) }, false},
		{"claim another slot", func() (bool, error) { return s.ClaimSlot(ctx, "sub", t0.Add(time.Hour), "a", t0, t0.Add(time.Minute)) }, true},
		{"skip a claimed slot", func() (bool, error) { return s.SkipSlot(ctx, "sub", t0.Add(time.Hour), t0) }, false},
	} {
		got, err := tt.do()
		if err != nil || got != tt.want {
			t.Errorf("%s = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	l, ok, err := s.LastSlot(ctx, "sub")
	if err != nil || !ok || !l.Time.Equal(t0.Add(time.Hour)) || l.State != store.SlotClaimed {
		t.Errorf("LastSlot = %+v, %v, %v", l, ok, err)
	}
}

func testFeeds(t *testing.T, s store.Store) {
	ctx := context.Background()
	const u = "https://example.com/feed.xml"
	if ok, err := s.AddFeed(ctx, store.Feed{URL: u, Interval: 15 * time.Minute, Added: t0}); err != nil || !ok {
		t.Fatalf("AddFeed = %v, %v", ok, err)
	}
	if ok, err := s.AddFeed(ctx, store.Feed{URL: u, Interval: time.Minute, Added: t0}); err != nil || ok {
		t.Errorf("AddFeed again = %v, %v; want false", ok, err)
	}
	if _, err := s.AddFeed(ctx, store.Feed{URL: "https://example.com/x"}); err == nil {
		t.Error("AddFeed without an interval succeeded")
	}
	if ok, err := s.MarkFeedReported(ctx, u, t0); err != nil || ok {
		t.Errorf("MarkFeedReported of a healthy feed = %v, %v; want false", ok, err)
	}
	f, err := s.RecordPoll(ctx, u, store.Poll{At: t0, ETag: `"v1"`, LastModified: "Tue, 25 Nov 2026 08:00:00 GMT", Title: "Example"})
	if err != nil {
		t.Fatal(err)
	}
	want := store.Feed{URL: u, Title: "Example", Interval: 15 * time.Minute, Added: t0, ETag: `"v1"`, LastModified: "Tue, 25 Nov 2026 08:00:00 GMT", LastPolled: t0, LastOK: t0}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("after a good poll: %+v\nwant %+v", f, want)
	}
	for i := 1; i <= 3; i++ {
		f, err = s.RecordPoll(ctx, u, store.Poll{At: t0.Add(time.Duration(i) * time.Hour), Err: errors.New("HTTP 404\x00")})
		if err != nil {
			t.Fatal(err)
		}
		if f.Failures != i || f.LastError != "HTTP 404" || f.ETag != `"v1"` || !f.LastOK.Equal(t0) {
			t.Errorf("after %d failures: %+v", i, f)
		}
	}
	if ok, err := s.MarkFeedReported(ctx, u, t0.Add(3*time.Hour)); err != nil || !ok {
		t.Errorf("MarkFeedReported = %v, %v; want true", ok, err)
	}
	if ok, err := s.MarkFeedReported(ctx, u, t0.Add(4*time.Hour)); err != nil || ok {
		t.Errorf("MarkFeedReported twice = %v, %v; want false", ok, err)
	}
	f, err = s.RecordPoll(ctx, u, store.Poll{At: t0.Add(5 * time.Hour), ETag: `"v2"`})
	if err != nil {
		t.Fatal(err)
	}
	if f.Failures != 0 || !f.Reported.IsZero() || f.LastError != "" || f.Title != "Example" || f.ETag != `"v2"` {
		t.Errorf("a good poll after failures did not reset them: %+v", f)
	}
	if _, err := s.RecordPoll(ctx, "https://example.com/unknown", store.Poll{At: t0}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordPoll of an unknown feed: err = %v, want ErrNotFound", err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 1 || fs[0].URL != u {
		t.Errorf("Feeds = %+v, %v", fs, err)
	}
}

func testFeedItems(t *testing.T, s store.Store) {
	ctx := context.Background()
	const u = "https://example.com/feed.xml"
	if _, _, err := s.FeedItem(ctx, u, "guid-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FeedItem of an unseen item: err = %v, want ErrNotFound", err)
	}
	// Feeds carry arbitrary text: NUL characters must not break a store.
	if err := s.PutFeedItem(ctx, u, "guid\x00nul", "h0", "a0", t0); err != nil {
		t.Errorf("PutFeedItem with a NUL in the key: %v", err)
	}
	if h, _, err := s.FeedItem(ctx, u, "guid\x00nul"); err != nil || h != "h0" {
		t.Errorf("FeedItem with a NUL in the key = %q, %v", h, err)
	}
	if err := s.PutFeedItem(ctx, u, "guid-1", "h1", "a1", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFeedItem(ctx, u, "guid-1", "h2", "a1", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if h, id, err := s.FeedItem(ctx, u, "guid-1"); err != nil || h != "h2" || id != "a1" {
		t.Errorf("FeedItem = %q, %q, %v; want h2, a1", h, id, err)
	}
	if _, _, err := s.FeedItem(ctx, "https://example.com/other.xml", "guid-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FeedItem of another feed: err = %v, want ErrNotFound", err)
	}
}
