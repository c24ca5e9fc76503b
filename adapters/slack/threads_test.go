package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack/slackevents"

	"github.com/briefbot/briefbot/adapters/chat"
)

func TestThreadSet(t *testing.T) {
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	now := start
	s := newThreadSet(3, time.Hour, func() time.Time { return now })
	at := func(d time.Duration) { now = start.Add(d) }
	steps := []struct {
		at     time.Duration
		op     string // remember or has
		thread string
		want   bool
	}{
		{0, "has", "1", false},
		{0, "remember", "1", true},
		{0, "remember", "2", true},
		{0, "has", "1", true},
		{0, "has", "2", true},
		{0, "has", "3", false},
		{10 * time.Minute, "remember", "3", true},
		{20 * time.Minute, "remember", "1", true}, // refreshed: 2 is now the least recently used
		{30 * time.Minute, "remember", "4", true}, // over the size: 2 goes
		{30 * time.Minute, "has", "2", false},
		{30 * time.Minute, "has", "1", true},
		{30 * time.Minute, "has", "3", true},
		{65 * time.Minute, "has", "3", true}, // remembered at 10m; looking it up does not refresh it
		{70 * time.Minute, "has", "3", false},
		{70 * time.Minute, "has", "1", true}, // remembered at 20m
		{80 * time.Minute, "has", "1", false},
		{80 * time.Minute, "has", "4", true},
		{95 * time.Minute, "remember", "5", true}, // prunes 4, expired at 90m
	}
	for i, st := range steps {
		at(st.at)
		switch st.op {
		case "remember":
			s.remember("C1", st.thread)
		case "has":
			if got := s.has("C1", st.thread); got != st.want {
				t.Errorf("step %d at %v: has(%s) = %v, want %v", i, st.at, st.thread, got, st.want)
			}
		}
	}
	if got := s.len(); got != 1 {
		t.Errorf("holds %d threads after the others expired, want 1", got)
	}
	if s.has("C2", "5") {
		t.Error("a thread of another channel with the same timestamp counts as the bot's")
	}
	s.remember("", "6")
	s.remember("C1", "")
	if got := s.len(); got != 1 {
		t.Errorf("remembered a thread without channel or timestamp: %d threads", got)
	}
}

func TestMentions(t *testing.T) {
	tests := map[string]bool{
		"<@UBOT> hi":                true,
		"hi <@UBOT>":                true,
		"<@UBOT|briefbot> hi":       true,
		"<@U2> and <@UBOT>":         true,
		"<@UBOTX> hi":               false,
		"<@UBOT":                    false,
		"UBOT hi":                   false,
		"<@U2> hi":                  false,
		"":                          false,
		"<!here> <@U2|ada> <@UBOT>": true,
	}
	for text, want := range tests {
		if got := mentions(text, "UBOT"); got != want {
			t.Errorf("mentions(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestIncomingChannelMessages checks which channel messages the bot takes,
// with the thread 1700000000.000100 of C1 and of G1 known to be its own.
func TestIncomingChannelMessages(t *testing.T) {
	a, err := New(&answering{}, Config{BotToken: "xoxb-test"})
	if err != nil {
		t.Fatal(err)
	}
	a.identity.Store(&identity{UserID: "UBOT", BotID: "BBOT"})
	const thread = "1700000000.000100"
	a.threads.remember("C1", thread)
	a.threads.remember("G1", thread)
	reply := func(change func(e *slackevents.MessageEvent)) *slackevents.MessageEvent {
		e := &slackevents.MessageEvent{Type: "message", ChannelType: "channel", Channel: "C1", User: "U2", Text: "and the prisoners?", TimeStamp: "1700000050.000200", ThreadTimeStamp: thread}
		if change != nil {
			change(e)
		}
		return e
	}
	tests := []struct {
		name        string
		event       any
		want        bool
		wantReplyTS string
		wantText    string
		wantMention bool
	}{
		{name: "reply in the bot's thread", event: reply(nil), want: true, wantReplyTS: thread, wantText: "and the prisoners?"},
		{name: "reply in the bot's thread of a private channel", event: reply(func(e *slackevents.MessageEvent) { e.ChannelType, e.Channel = "group", "G1" }), want: true, wantReplyTS: thread, wantText: "and the prisoners?"},
		{name: "reply in another thread", event: reply(func(e *slackevents.MessageEvent) { e.ThreadTimeStamp = "1700000000.000999" })},
		{name: "reply in the same thread of another channel", event: reply(func(e *slackevents.MessageEvent) { e.Channel = "C2" })},
		{name: "top-level message", event: reply(func(e *slackevents.MessageEvent) { e.ThreadTimeStamp = "" })},
		{name: "thread parent", event: reply(func(e *slackevents.MessageEvent) { e.TimeStamp = thread })},
		{name: "top-level mention", event: reply(func(e *slackevents.MessageEvent) { e.ThreadTimeStamp, e.Text = "", "<@UBOT> who is mediating?" }), want: true, wantReplyTS: "1700000050.000200", wantText: "who is mediating?", wantMention: true},
		{name: "mention in another thread", event: reply(func(e *slackevents.MessageEvent) {
			e.ThreadTimeStamp, e.Text = "1600000000.000001", "<@UBOT|briefbot> and?"
		}), want: true, wantReplyTS: "1600000000.000001", wantText: "and?", wantMention: true},
		{name: "mention of a user whose ID starts like the bot's", event: reply(func(e *slackevents.MessageEvent) { e.ThreadTimeStamp, e.Text = "", "<@UBOTX> hi" })},
		{name: "reply addressed to someone else", event: reply(func(e *slackevents.MessageEvent) { e.Text = "<@U3> can you check?" })},
		{name: "reply addressed to a user group", event: reply(func(e *slackevents.MessageEvent) { e.Text = "<!subteam^S1|desk> thoughts?" })},
		{name: "reply naming someone later on", event: reply(func(e *slackevents.MessageEvent) { e.Text = "what did <@U3> say?" }), want: true, wantReplyTS: thread, wantText: "what did <@U3> say?"},
		{name: "edit", event: reply(func(e *slackevents.MessageEvent) { e.SubType = "message_changed" })},
		{name: "broadcast reply", event: reply(func(e *slackevents.MessageEvent) { e.SubType = "thread_broadcast" })},
		{name: "bot message", event: reply(func(e *slackevents.MessageEvent) { e.SubType, e.BotID, e.User = "bot_message", "B9", "" })},
		{name: "another bot's user", event: reply(func(e *slackevents.MessageEvent) { e.BotID = "B9" })},
		{name: "the bot's own answer", event: reply(func(e *slackevents.MessageEvent) { e.User, e.BotID = "UBOT", "BBOT" })},
		{name: "group DM", event: reply(func(e *slackevents.MessageEvent) { e.ChannelType = "mpim" })},
		{name: "direct message in a thread", event: reply(func(e *slackevents.MessageEvent) { e.ChannelType, e.Channel = "im", "D1" }), want: true, wantReplyTS: thread, wantText: "and the prisoners?"},
		{name: "app_mention", event: &slackevents.AppMentionEvent{Type: "app_mention", Channel: "C1", User: "U1", Text: "<@UBOT> hi", TimeStamp: "1700000099.000001"}, want: true, wantReplyTS: "1700000099.000001", wantText: "hi", wantMention: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, ok := a.incoming(tt.event)
			if ok != tt.want {
				t.Fatalf("taken = %v, want %v (%+v)", ok, tt.want, in)
			}
			if !ok {
				return
			}
			if in.replyTS != tt.wantReplyTS || in.text != tt.wantText || in.mention != tt.wantMention {
				t.Errorf("got thread %q text %q mention %v, want thread %q text %q mention %v", in.replyTS, in.text, in.mention, tt.wantReplyTS, tt.wantText, tt.wantMention)
			}
		})
	}
}

// TestChannelTrafficIsCheap checks that the message the bot ignores most,
// a top-level channel message without a mention, costs no allocation once
// parsed.
func TestChannelTrafficIsCheap(t *testing.T) {
	a, err := New(&answering{}, Config{BotToken: "xoxb-test"})
	if err != nil {
		t.Fatal(err)
	}
	a.identity.Store(&identity{UserID: "UBOT", BotID: "BBOT"})
	a.threads.remember("C07QCD4H2LN", "1700000000.000100")
	for name, e := range map[string]*slackevents.MessageEvent{
		"top-level":    {Type: "message", ChannelType: "channel", Channel: "C07QCD4H2LN", User: "U2", Text: "lunch anyone? <@U3>", TimeStamp: "1700000050.000200"},
		"other thread": {Type: "message", ChannelType: "channel", Channel: "C07QCD4H2LN", User: "U2", Text: "sure", TimeStamp: "1700000050.000300", ThreadTimeStamp: "1700000040.000100"},
	} {
		if allocs := testing.AllocsPerRun(100, func() {
			if _, ok := a.incoming(e); ok {
				t.Fatal("taken")
			}
		}); allocs > 0 {
			t.Errorf("%s: %v allocations per ignored message, want none", name, allocs)
		}
	}
}

// eventSender delivers an Events API body to the adapter as Slack would and
// returns once the adapter has acknowledged it: whatever it queued is then
// in the queue.
type eventSender func(t *testing.T, envelopeID string, body []byte)

// logRecorder is a slog handler that keeps every record.
type logRecorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (r *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *logRecorder) WithGroup(string) slog.Handler            { return r }

func (r *logRecorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.records = append(r.records, rec)
	return nil
}

// above returns the messages logged above debug level so far.
func (r *logRecorder) above() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var msgs []string
	for _, rec := range r.records {
		if rec.Level > slog.LevelDebug {
			msgs = append(msgs, rec.Message)
		}
	}
	return msgs
}

// channelEvent wraps a message event as the Events API delivers it.
func channelEvent(t *testing.T, eventID string, ev map[string]any) []byte {
	t.Helper()
	ev["type"] = "message"
	if _, ok := ev["channel_type"]; !ok {
		ev["channel_type"] = "channel"
	}
	body, err := json.Marshal(map[string]any{
		"token": "ZZZZZZWSxiZZZ2yIvs3peJ", "team_id": "T1", "api_app_id": "A1",
		"type": "event_callback", "event_id": eventID, "event_time": 1515449800, "event": ev,
	})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// TestThreadFollowUps drives a conversation through the real slack-go
// client and the fake Slack, over HTTP events and over Socket Mode: a
// mention is answered in a new thread, plain replies there are answered in
// the thread, and the rest of the channel's traffic is ignored.
func TestThreadFollowUps(t *testing.T) {
	transports := []struct {
		name  string
		start func(t *testing.T, f *fakeSlack, h Handler, opts ...Option) (*Adapter, eventSender)
	}{
		{"http", func(t *testing.T, f *fakeSlack, h Handler, opts ...Option) (*Adapter, eventSender) {
			a, base := startAdapter(t, f, h, Config{}, opts...)
			return a, func(t *testing.T, _ string, body []byte) {
				t.Helper()
				if status, resp := do(t, signedRequest(t, base, "/slack/events", body, "application/json")); status != http.StatusOK {
					t.Fatalf("status %d %q, want 200", status, resp)
				}
			}
		}},
		{"socket mode", func(t *testing.T, f *fakeSlack, h Handler, opts ...Option) (*Adapter, eventSender) {
			a, _ := startAdapter(t, f, h, Config{AppToken: "xapp-test"}, opts...)
			return a, func(t *testing.T, id string, body []byte) {
				t.Helper()
				f.SendEnvelope(id, "events_api", 0, body)
				if ack := f.WaitAck(t); ack.EnvelopeID != id {
					t.Fatalf("acked %q, want %q", ack.EnvelopeID, id)
				}
			}
		}},
	}
	const thread = "1515449522.000016" // the ts of app_mention.json
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			f := newFakeSlack(t)
			h := &answering{}
			logs := &logRecorder{}
			a, send := tr.start(t, f, h, WithWorkers(1), WithLogger(slog.New(logs)))
			// answered checks that exactly one answer to text was posted
			// in thread of channel since the last check.
			answered := func(t *testing.T, channel, thread, text string) {
				t.Helper()
				p := f.WaitPost(t)
				if p.Method != "chat.postMessage" || p.Channel != channel || p.ThreadTS != thread || !strings.Contains(p.Text, "20 living hostages") {
					t.Errorf("posted %s to %q thread %q: %q; want the answer in thread %q of %q", p.Method, p.Channel, p.ThreadTS, p.Text, thread, channel)
				}
				drain(t, a)
				f.NoMorePosts(t)
				reqs := h.Requests()
				if got := reqs[len(reqs)-1]; got.Text != text || got.Channel != channel {
					t.Errorf("asked %q in %q, want %q in %q", got.Text, got.Channel, text, channel)
				}
			}
			// ignored checks that nothing was asked, posted or logged above
			// debug level for what was sent since the last check.
			asked := 0
			ignored := func(t *testing.T, logged int) {
				t.Helper()
				drain(t, a)
				f.NoMorePosts(t)
				if n := len(h.Requests()); n != asked {
					t.Errorf("the engine was asked %d times, want %d", n, asked)
				}
				if got := logs.above(); len(got) > logged {
					t.Errorf("logged %q above debug level for ignored messages", got[logged:])
				}
			}
			logged := len(logs.above()) // the connection's own lines

			// Channel traffic the bot has no part in.
			send(t, "env-top", payload(t, "message_channel.json"))
			send(t, "env-other-thread", channelEvent(t, "EvOther", map[string]any{
				"channel": "C1", "user": "U2", "text": "and then?", "ts": "1515449100.000300", "thread_ts": "1515449000.000100",
			}))
			send(t, "env-early-reply", payload(t, "message_thread_reply.json")) // the thread has no mention yet
			ignored(t, logged)

			// A mention, as a message event and then as an app_mention: one answer.
			send(t, "env-mention-msg", payload(t, "message_mention.json"))
			send(t, "env-mention", payload(t, "app_mention.json"))
			asked++
			answered(t, "C1", thread, "what's the hostage deal? & who mediates?")

			// A plain reply in that thread.
			reply := channelEvent(t, "EvReply", map[string]any{
				"client_msg_id": "7d3f0c1e-1111-4222-8333-944455556666", "channel": "C1", "user": "U2",
				"text": "and what about the prisoners?", "ts": "1515449700.000300", "thread_ts": thread, "parent_user_id": "U1",
			})
			send(t, "env-reply", reply)
			asked++
			answered(t, "C1", thread, "and what about the prisoners?")
			// The same reply again under another event ID.
			send(t, "env-reply-again", []byte(strings.ReplaceAll(string(reply), "EvReply", "EvReplyAgain")))

			// A reply that mentions the bot, as an app_mention and then as a message event: one answer.
			send(t, "env-thread-mention", payload(t, "app_mention_thread.json"))
			send(t, "env-thread-mention-msg", channelEvent(t, "EvThreadMentionMsg", map[string]any{
				"channel": "C1", "user": "U2", "text": "<@UBOT> and how many hostages?", "ts": "1515449600.000100", "thread_ts": thread,
			}))
			asked++
			answered(t, "C1", thread, "and how many hostages?")

			// What is in the thread but not for the bot.
			logged = len(logs.above())
			send(t, "env-to-someone", channelEvent(t, "EvToSomeone", map[string]any{
				"channel": "C1", "user": "U2", "text": "<@U3> can you check this?", "ts": "1515449800.000100", "thread_ts": thread,
			}))
			send(t, "env-own", channelEvent(t, "EvOwn", map[string]any{
				"channel": "C1", "user": "UBOT", "bot_id": "BBOT", "text": "20 living hostages", "ts": "1515449800.000200", "thread_ts": thread,
			}))
			send(t, "env-edit", channelEvent(t, "EvEdit", map[string]any{
				"subtype": "message_changed", "channel": "C1", "ts": "1515449800.000300", "hidden": true,
				"message": map[string]any{"type": "message", "user": "U2", "text": "and what about the captives?", "ts": "1515449700.000300", "thread_ts": thread},
			}))
			send(t, "env-bot", channelEvent(t, "EvBot", map[string]any{
				"subtype": "bot_message", "bot_id": "B9", "channel": "C1", "text": "build passed", "ts": "1515449800.000400", "thread_ts": thread,
			}))
			send(t, "env-other-channel", channelEvent(t, "EvOtherChannel", map[string]any{
				"channel": "C2", "user": "U2", "text": "same ts, other channel", "ts": "1515449800.000500", "thread_ts": thread,
			}))
			ignored(t, logged)

			// A private channel: the mention comes first, then a plain reply.
			send(t, "env-group-mention", channelEvent(t, "EvGroupMention", map[string]any{
				"channel_type": "group", "channel": "G1", "user": "U1", "text": "<@UBOT> who is mediating?", "ts": "1515450000.000100",
			}))
			asked++
			answered(t, "G1", "1515450000.000100", "who is mediating?")
			send(t, "env-group-reply", channelEvent(t, "EvGroupReply", map[string]any{
				"channel_type": "group", "channel": "G1", "user": "U2", "text": "since when?", "ts": "1515450050.000100", "thread_ts": "1515450000.000100",
			}))
			asked++
			answered(t, "G1", "1515450000.000100", "since when?")
		})
	}
}

// TestThreadJoinedByAnsweringAClick checks that a thread the bot answered
// in after a click on a suggested question is one of its threads too.
func TestThreadJoinedByAnsweringAClick(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	a, base := startAdapter(t, f, h, Config{}, WithWorkers(1))
	if a.threads.has("C1", "1548261231.000200") {
		t.Fatal("the thread is known before any answer")
	}
	body := []byte("payload=" + url.QueryEscape(string(payload(t, "block_actions.json"))))
	if status, resp := do(t, signedRequest(t, base, "/slack/interactions", body, "application/x-www-form-urlencoded")); status != http.StatusOK {
		t.Fatalf("status %d %q", status, resp)
	}
	f.WaitPost(t)
	drain(t, a)
	if !a.threads.has("C1", "1548261231.000200") {
		t.Error("the thread answered in after a click is not remembered")
	}
}

// TestReplyBeforeTheAnswerIsAnswered checks that a thread whose first
// message mentioned the bot is the bot's before its answer is posted: a
// reply written while the bot is still thinking is answered too.
func TestReplyBeforeTheAnswerIsAnswered(t *testing.T) {
	f := newFakeSlack(t)
	started := make(chan struct{}, 2)
	release := make(chan struct{})
	var mu sync.Mutex
	var asked []string
	h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		mu.Lock()
		asked = append(asked, req.Text)
		mu.Unlock()
		started <- struct{}{}
		<-release
		return chat.Reply{Text: "answer to " + req.Text}, nil
	})
	a, base := startAdapter(t, f, h, Config{}, WithWorkers(1))
	send := func(body []byte) {
		t.Helper()
		if status, resp := do(t, signedRequest(t, base, "/slack/events", body, "application/json")); status != http.StatusOK {
			t.Fatalf("status %d %q", status, resp)
		}
	}
	send(payload(t, "app_mention.json"))
	<-started
	send(payload(t, "message_thread_reply.json"))
	close(release)
	for _, want := range []string{"what's the hostage deal?", "and what about the prisoners?"} {
		if p := f.WaitPost(t); p.ThreadTS != "1515449522.000016" || !strings.Contains(p.Text, want) {
			t.Errorf("posted %q in thread %q, want the answer to %q in thread 1515449522.000016", p.Text, p.ThreadTS, want)
		}
	}
	drain(t, a)
	f.NoMorePosts(t)
}

// TestThreadForgottenADayAfterTheLastAnswer checks that each answer in a
// thread keeps it the bot's for another day, and that a thread left quiet
// for longer needs a new mention.
func TestThreadForgottenADayAfterTheLastAnswer(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	var clock atomic.Int64
	clock.Store(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	a, base := startAdapter(t, f, h, Config{}, WithWorkers(1), WithThreadMemory(100, 24*time.Hour))
	a.threads.now = func() time.Time { return time.Unix(0, clock.Load()) }
	send := func(body []byte) {
		t.Helper()
		if status, resp := do(t, signedRequest(t, base, "/slack/events", body, "application/json")); status != http.StatusOK {
			t.Fatalf("status %d %q", status, resp)
		}
		drain(t, a)
	}
	reply := func(n int) []byte {
		ts := fmt.Sprintf("1515449700.%06d", n)
		return channelEvent(t, "EvLater"+ts, map[string]any{"channel": "C1", "user": "U2", "text": "and now?", "ts": ts, "thread_ts": "1515449522.000016"})
	}
	send(payload(t, "app_mention.json"))
	f.WaitPost(t)
	clock.Add(int64(23 * time.Hour))
	send(reply(1))
	f.WaitPost(t)
	clock.Add(int64(23 * time.Hour)) // 46h after the mention, 23h after the last answer
	send(reply(2))
	f.WaitPost(t)
	clock.Add(int64(25 * time.Hour))
	send(reply(3))
	f.NoMorePosts(t)
	if n := len(h.Requests()); n != 3 {
		t.Errorf("answered %d messages, want 3", n)
	}
}
