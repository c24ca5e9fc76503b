package feed_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/feed"
	"github.com/briefbot/briefbot/fetch"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlstore"
)

// site is a news site on httptest: a feed and article pages, all editable.
type site struct {
	mu      sync.Mutex
	srv     *httptest.Server
	feed    string // the feed body; "%s" is the site's URL
	etag    string
	pages   map[string]string
	hits    map[string]int
	handler map[string]http.HandlerFunc
}

func newSite(t testing.TB) *site {
	s := &site{pages: map[string]string{}, hits: map[string]int{}, handler: map[string]http.HandlerFunc{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	h := s.handler[r.URL.Path]
	feedBody, etag, page, isPage := s.feed, s.etag, "", false
	if p, ok := s.pages[r.URL.Path]; ok {
		page, isPage = p, true
	}
	s.mu.Unlock()
	switch {
	case h != nil:
		h(w, r)
	case r.URL.Path == "/feed.xml":
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, feedBody, s.srv.URL)
	case isPage:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(page))
	default:
		http.NotFound(w, r)
	}
}

func (s *site) set(f func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) URL() string { return s.srv.URL }

func rss(items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>%[1]s/</link>` + strings.Join(items, "") + `</channel></rss>`
}

func item(guid, title, link, desc string) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>Tue, 25 Nov 2026 07:00:00 GMT</pubDate></item>`, guid, title, link, desc)
}

type env struct {
	st      *sqlstore.Store
	engine  *briefing.Engine
	poller  *feed.Poller
	clock   *time.Time
	notices *[]string
}

// newEnv polls site through a fetcher that allows only the site's address.
func newEnv(t testing.TB, s *site, opts ...feed.Option) env {
	t.Helper()
	st, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ap := netip.MustParseAddrPort(s.srv.Listener.Addr().String())
	f := fetch.New(fetch.Options{AllowAddrPorts: []netip.AddrPort{ap}, Timeout: 300 * time.Millisecond, MaxBytes: 64 << 10})
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	var notices []string
	var mu sync.Mutex
	e := env{st: st, engine: briefing.NewEngine(), clock: &now, notices: &notices}
	base := []feed.Option{
		feed.WithClock(func() time.Time { return *e.clock }),
		feed.WithNotifier(func(ctx context.Context, text string) error {
			mu.Lock()
			defer mu.Unlock()
			notices = append(notices, text)
			return nil
		}),
	}
	e.poller = feed.New(st, f, e.engine, append(base, opts...)...)
	return e
}

func (e env) addFeed(t testing.TB, url string) store.Feed {
	t.Helper()
	f := store.Feed{URL: url, Interval: 15 * time.Minute, Added: *e.clock}
	if _, err := e.st.AddFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return e.feed(t, url)
}

func (e env) feed(t testing.TB, url string) store.Feed {
	t.Helper()
	fs, err := e.st.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("feed %s not stored", url)
	return store.Feed{}
}

func (e env) articles(t *testing.T) []store.Article {
	t.Helper()
	all, err := e.st.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestPollGoodFeed(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) {
		s.etag = `"v1"`
		s.feed = rss(item("g1", "Toll rises", "%[1]s/toll", "Short summary."), item("g2", "Talks resume", "/talks", "Talks summary."),
			item("g0", "Bad link", "javascript:alert(1)", "Text of an item whose link is not http."))
		s.pages["/toll"] = "Toll rises\nThe toll rose to 57,500 on Monday, officials said."
		s.pages["/talks"] = "Talks resume\nMediators met in Cairo on Tuesday."
	})
	e := newEnv(t, s)
	f := e.addFeed(t, s.URL()+"/feed.xml")
	ctx := context.Background()
	if err := e.poller.Poll(ctx, f); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	all := e.articles(t)
	if len(all) != 3 {
		t.Fatalf("%d articles stored, want 3", len(all))
	}
	for _, a := range all {
		if strings.HasPrefix(a.Article.URL, "javascript:") {
			t.Errorf("an article kept the link %q", a.Article.URL)
		}
	}
	// Full text from the page; title from the feed; relative link resolved.
	if a := byURL(t, all, s.URL()+"/talks").Article; a.Title != "Talks resume" || a.URL != s.URL()+"/talks" || a.Source != "Example News" ||
		len(a.Paragraphs) == 0 || a.Paragraphs[0] != "Mediators met in Cairo on Tuesday." || a.Published.IsZero() {
		t.Errorf("first article = %+v", a)
	}
	if n := len(e.engine.Articles()); n != 3 {
		t.Errorf("engine has %d articles, want 3", n)
	}
	if got := e.feed(t, f.URL); got.ETag != `"v1"` || got.Title != "Example News" || got.Failures != 0 {
		t.Errorf("feed state = %+v", got)
	}

	// 304: nothing fetched but the feed.
	pages := s.Hits("/toll")
	if err := e.poller.Poll(ctx, e.feed(t, f.URL)); err != nil {
		t.Fatalf("Poll (304): %v", err)
	}
	if s.Hits("/toll") != pages || s.Hits("/feed.xml") != 2 {
		t.Errorf("after a 304: page hits %d → %d, feed hits %d", pages, s.Hits("/toll"), s.Hits("/feed.xml"))
	}

	// The toll item is edited, and the talks story is re-published under a new GUID and link.
	s.set(func(s *site) {
		s.etag = `"v2"`
		s.feed = rss(item("g1", "Toll rises", "%[1]s/toll", "Updated summary."), item("g3", "Talks resume", "/talks-2", "Talks summary."), item("g2", "Talks resume", "/talks", "Talks summary."),
			item("g0", "Bad link", "javascript:alert(1)", "Text of an item whose link is not http."))
		s.pages["/toll"] = "Toll rises\nThe toll rose to 58,000 on Tuesday, officials said."
		s.pages["/talks-2"] = s.pages["/talks"]
	})
	*e.clock = e.clock.Add(time.Hour)
	if err := e.poller.Poll(ctx, e.feed(t, f.URL)); err != nil {
		t.Fatalf("Poll (edited): %v", err)
	}
	all = e.articles(t)
	if len(all) != 3 {
		t.Fatalf("%d articles after an edit and a re-publication, want 3", len(all))
	}
	if a := byURL(t, all, s.URL()+"/toll"); a.Version != 2 || a.Article.Paragraphs[0] != "The toll rose to 58,000 on Tuesday, officials said." {
		t.Errorf("edited article = version %d, %q", a.Version, a.Article.Paragraphs)
	}
	if s.Hits("/talks") != 1 {
		t.Errorf("the unchanged item's page was fetched %d times, want 1", s.Hits("/talks"))
	}
}

func byURL(t *testing.T, all []store.Article, url string) store.Article {
	t.Helper()
	for _, a := range all {
		if a.Article.URL == url {
			return a
		}
	}
	t.Fatalf("no article from %s", url)
	return store.Article{}
}

func TestPollAtom(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) {
		s.handler["/atom.xml"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2026-11-25T07:00:00Z</updated>
<entry><id>urn:1</id><title>Aid enters</title><link href="%s/missing"/><updated>2026-11-25T07:00:00Z</updated><content type="html">Trucks crossed at Rafah on Tuesday.</content></entry></feed>`, s.srv.URL)
		}
	})
	e := newEnv(t, s)
	if err := e.poller.Poll(context.Background(), e.addFeed(t, s.URL()+"/atom.xml")); err != nil {
		t.Fatal(err)
	}
	all := e.articles(t)
	// The page 404s: the feed's own text stands in.
	if len(all) != 1 || all[0].Article.Title != "Aid enters" || !strings.Contains(strings.Join(all[0].Article.Paragraphs, " "), "Trucks crossed") {
		t.Fatalf("articles = %+v", all)
	}
}

func TestPollFailures(t *testing.T) {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(rss())) }))
	defer internal.Close()
	release := make(chan struct{})
	defer close(release)
	s := newSite(t)
	s.set(func(s *site) {
		s.handler["/broken.xml"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>unclosed`))
		}
		s.handler["/500.xml"] = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) }
		s.handler["/404.xml"] = http.NotFound
		s.handler["/slow.xml"] = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
		s.handler["/huge.xml"] = func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 65<<10)) }
		s.handler["/redirect.xml"] = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, internal.URL+"/feed.xml", http.StatusFound)
		}
		s.handler["/html"] = func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html><body>not a feed</body></html>")) }
	})
	for _, tt := range []struct {
		path string
		want string
		is   error
	}{
		{"/broken.xml", "read feed", nil},
		{"/500.xml", "HTTP 500", nil},
		{"/404.xml", "HTTP 404", nil},
		{"/slow.xml", "Timeout", nil},
		{"/huge.xml", "", fetch.ErrTooLarge},
		{"/redirect.xml", "127.0.0.1", fetch.ErrBlocked},
		{"/html", "read feed", nil},
	} {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			e := newEnv(t, s)
			f := e.addFeed(t, s.URL()+tt.path)
			err := e.poller.Poll(context.Background(), f)
			if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Fatalf("Poll = %v, want an error saying %q", err, tt.want)
			}
			if got := e.feed(t, f.URL); got.Failures != 1 || got.LastError == "" {
				t.Errorf("feed state after a failure = %+v", got)
			}
			if len(e.articles(t)) != 0 {
				t.Error("a failed poll stored articles")
			}
		})
	}
}

func TestFailingFeedReportedOnce(t *testing.T) {
	s := newSite(t)
	var down bool
	s.set(func(s *site) {
		s.feed = rss()
		s.handler["/flaky.xml"] = func(w http.ResponseWriter, r *http.Request) {
			if down {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, rss(), "")
		}
	})
	e := newEnv(t, s, feed.WithFailureThreshold(3))
	u := s.URL() + "/flaky.xml"
	e.addFeed(t, u)
	ctx := context.Background()
	poll := func(isDown bool) {
		s.set(func(*site) { down = isDown })
		_ = e.poller.Poll(ctx, e.feed(t, u)) // failures are what this test is about
	}
	for range 5 {
		poll(true)
	}
	if len(*e.notices) != 1 || !strings.Contains((*e.notices)[0], "failed 3 times") || !strings.Contains((*e.notices)[0], "404") {
		t.Fatalf("notices after 5 failures = %q, want one saying it failed 3 times", *e.notices)
	}
	poll(false)
	for range 3 {
		poll(true)
	}
	if len(*e.notices) != 2 {
		t.Errorf("a new run of failures after a recovery gave %d notices in all, want 2", len(*e.notices))
	}
}

func TestPollDue(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) { s.feed = rss() })
	e := newEnv(t, s)
	e.addFeed(t, s.URL()+"/feed.xml")
	ctx := context.Background()
	start := *e.clock
	for _, step := range []struct {
		after time.Duration
		want  int
	}{{0, 1}, {time.Minute, 1}, {14 * time.Minute, 1}, {15 * time.Minute, 2}, {20 * time.Minute, 2}, {31 * time.Minute, 3}} {
		*e.clock = start.Add(step.after)
		if err := e.poller.PollDue(ctx); err != nil {
			t.Fatal(err)
		}
		if got := s.Hits("/feed.xml"); got != step.want {
			t.Errorf("after %v: %d polls, want %d", step.after, got, step.want)
		}
	}
}

func TestAddURL(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rss(item("g1", "Toll rises", "%[1]s/toll", "Summary."))
		s.pages["/toll"] = "Toll rises\nThe toll rose to 57,500."
		s.pages["/story"] = "Hostages freed\nTwenty hostages were freed on Monday."
	})
	e := newEnv(t, s)
	ctx := context.Background()

	info, err := e.poller.AddURL(ctx, "<"+s.URL()+"/story>")
	if err != nil || info.Title != "Hostages freed" || info.ID == "" {
		t.Fatalf("AddURL(page) = %+v, %v", info, err)
	}
	info, err = e.poller.AddURL(ctx, s.URL()+"/feed.xml")
	if err != nil || !strings.Contains(info.Title, "Example News") {
		t.Fatalf("AddURL(feed) = %+v, %v", info, err)
	}
	if fs, _ := e.st.Feeds(ctx); len(fs) != 1 || fs[0].LastPolled.IsZero() {
		t.Errorf("feeds after AddURL(feed) = %+v, want one, polled", fs)
	}
	if n := len(e.articles(t)); n != 2 {
		t.Errorf("%d articles, want the page and the feed's item", n)
	}
	for _, tt := range []struct{ url, want string }{
		{"file:///etc/passwd", "http and https"},
		{"http://127.0.0.1:1/", "private or internal"},
		{"http://169.254.169.254/latest/meta-data/", "private or internal"},
		{s.URL() + "/nope", "404"},
	} {
		_, err := e.poller.AddURL(ctx, tt.url)
		ue, ok := errors.AsType[*chat.UserError](err)
		if !ok || !strings.Contains(ue.Message, tt.want) {
			t.Errorf("AddURL(%s) = %v, want a user error saying %q", tt.url, err, tt.want)
		}
	}
}

func TestConfigure(t *testing.T) {
	s := newSite(t)
	e := newEnv(t, s, feed.WithFeeds(feed.Config{URL: "https://example.com/a.xml"}, feed.Config{URL: "https://example.com/b.xml", Interval: time.Hour}))
	for range 2 {
		if err := e.poller.Configure(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := e.st.Feeds(context.Background())
	if err != nil || len(fs) != 2 || fs[0].Interval != feed.DefaultInterval || fs[1].Interval != time.Hour {
		t.Fatalf("configured feeds = %+v, %v", fs, err)
	}
	for _, bad := range []feed.Config{{URL: "ftp://example.com/x"}, {URL: "https://example.com/c.xml", Interval: time.Second}} {
		e := newEnv(t, s, feed.WithFeeds(bad))
		if err := e.poller.Configure(context.Background()); err == nil {
			t.Errorf("Configure(%+v) succeeded", bad)
		}
	}
}
