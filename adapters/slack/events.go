package slack

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/briefbot/briefbot/adapters/chat"
)

// incoming is a message the bot was asked in: a mention, a direct message,
// or a reply in a thread the bot takes part in.
type incoming struct {
	channel string
	user    string
	text    string
	ts      string
	// replyTS is the thread to answer in; empty to answer in the
	// conversation itself (a direct message outside a thread).
	replyTS string
	direct  bool
	// mention is set when the message mentions the bot: the bot then takes
	// part in its thread, and plain replies there are answered too.
	mention     bool
	clientMsgID string
}

// acceptEvent takes one Events API delivery, from HTTP or Socket Mode. A
// mention, direct message or reply in one of the bot's threads is handed to
// the workers once, however often Slack delivers it, and whether it comes as
// an app_mention, a message event or both; anything else is ignored without
// a log line. It returns errBusy or errStopped when the work could not be
// queued, so the caller leaves the delivery unacknowledged for Slack to
// retry.
func (a *Adapter) acceptEvent(ev slackevents.EventsAPIEvent, retryNum int) error {
	if ev.Type == slackevents.AppRateLimited {
		a.log.Warn("slack is rate limiting the app's events", "platform", platform)
		return nil
	}
	in, ok := a.incoming(ev.InnerEvent.Data)
	if !ok {
		return nil
	}
	eventID := ""
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
		eventID = cb.EventID
	}
	// The channel and timestamp name a message whichever event carries it:
	// an app_mention and a message event for one message share them.
	keys := []string{key("event", eventID), key("msg", in.clientMsgID), key("ts", in.channel+":"+in.ts)}
	if !a.seen.claim(keys...) {
		a.log.Debug("slack delivery already handled", "platform", platform, "event_id", eventID, "retry", retryNum)
		return nil
	}
	if err := a.enqueue(job{kind: "message", run: func(ctx context.Context) { a.answerMessage(ctx, in) }}); err != nil {
		a.seen.release(keys...)
		return err
	}
	if in.mention {
		// Replies to a mention are for the bot even before it has answered.
		a.threads.remember(in.channel, in.replyTS)
	}
	return nil
}

func key(kind, v string) string {
	if v == "" || v == ":" {
		return ""
	}
	return kind + ":" + v
}

// incoming picks the events the bot answers: mentions, direct messages from
// people, and people's replies in threads the bot takes part in. Bots, the
// bot itself, edits and other subtypes are ignored, and so are channel
// messages outside the bot's threads that do not mention it.
func (a *Adapter) incoming(data any) (incoming, bool) {
	me := a.identity.Load()
	isMe := func(user string) bool { return me != nil && user == me.UserID }
	switch e := data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" || isMe(e.User) || e.Edited != nil || e.Channel == "" {
			return incoming{}, false
		}
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp
		}
		return incoming{channel: e.Channel, user: e.User, text: a.clean(e.Text), ts: e.TimeStamp, replyTS: thread, mention: true}, true
	case *slackevents.MessageEvent:
		if e.SubType != "" || e.BotID != "" || e.User == "" || isMe(e.User) || e.Channel == "" {
			return incoming{}, false
		}
		switch e.ChannelType {
		case slackevents.ChannelTypeIM:
			return incoming{channel: e.Channel, user: e.User, text: a.clean(e.Text), ts: e.TimeStamp, replyTS: e.ThreadTimeStamp, direct: true, clientMsgID: e.ClientMsgID}, true
		case slackevents.ChannelTypeChannel, slackevents.ChannelTypeGroup:
			return a.channelMessage(e, me)
		}
	}
	return incoming{}, false
}

// channelMessage picks, from all the messages of the channels the bot is in,
// those for it: a message mentioning it (Slack sends its app_mention too;
// whichever comes first is answered), and a reply in a thread the bot takes
// part in, unless the reply is addressed to someone else. It is called for
// every message in those channels, so it decides before doing any work.
func (a *Adapter) channelMessage(e *slackevents.MessageEvent, me *identity) (incoming, bool) {
	in := incoming{channel: e.Channel, user: e.User, ts: e.TimeStamp, clientMsgID: e.ClientMsgID}
	inThread := e.ThreadTimeStamp != "" && e.ThreadTimeStamp != e.TimeStamp
	switch {
	case me != nil && mentions(e.Text, me.UserID):
		in.mention = true
		in.replyTS = e.TimeStamp
		if inThread {
			in.replyTS = e.ThreadTimeStamp
		}
	case !inThread || !a.threads.has(e.Channel, e.ThreadTimeStamp) || addressedToSomeone(e.Text):
		return incoming{}, false
	default:
		in.replyTS = e.ThreadTimeStamp
	}
	in.text = a.clean(e.Text)
	return in, true
}

// mentions reports whether text mentions the user with this ID, as Slack
// encodes it: <@U123> or <@U123|name>.
func mentions(text, userID string) bool {
	for i := strings.Index(text, "<@"); i >= 0; {
		rest := text[i+2:]
		if strings.HasPrefix(rest, userID) && len(rest) > len(userID) && (rest[len(userID)] == '>' || rest[len(userID)] == '|') {
			return true
		}
		j := strings.Index(rest, "<@")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// addressedToSomeone reports whether a message begins by mentioning a user
// or a group: a thread reply written to another person, not to the bot.
func addressedToSomeone(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "<@") || strings.HasPrefix(t, "<!subteam^")
}

// mentionRE matches a user mention as Slack encodes it: <@U123> or <@U123|name>.
var mentionRE = regexp.MustCompile(`<@([A-Z0-9]+)(\|[^>]*)?>`)

// clean removes mentions of the bot (or, before the bot knows its own ID,
// every leading mention) and Slack's escaping from a message's text.
func (a *Adapter) clean(text string) string {
	if me := a.identity.Load(); me != nil {
		text = mentionRE.ReplaceAllStringFunc(text, func(m string) string {
			if mentionRE.FindStringSubmatch(m)[1] == me.UserID {
				return ""
			}
			return m
		})
	} else {
		for {
			t := strings.TrimSpace(text)
			loc := mentionRE.FindStringIndex(t)
			if loc == nil || loc[0] != 0 {
				break
			}
			text = t[loc[1]:]
		}
	}
	return strings.TrimSpace(unescape(strings.Join(strings.Fields(text), " ")))
}

// answerMessage answers a mention, direct message or thread reply in its
// thread.
func (a *Adapter) answerMessage(ctx context.Context, in incoming) {
	req := chat.Request{Platform: platform, Channel: in.channel, User: in.user, Text: in.text, CanManage: a.canManage(in.user)}
	// "@briefbot /figures" runs a command: Slack allows no slash commands in threads.
	if strings.HasPrefix(in.text, "/") {
		name, rest, _ := strings.Cut(in.text[1:], " ")
		req.Command, req.Text = name, strings.TrimSpace(rest)
	}
	rep := a.handle(ctx, req)
	m := render(rep)
	var err error
	if rep.Ephemeral && !in.direct {
		err = a.postEphemeral(ctx, in.channel, in.user, in.replyTS, m)
	} else {
		err = a.postMessage(ctx, in.channel, in.replyTS, m)
	}
	if err != nil {
		a.log.Error("slack answer not delivered", "platform", platform, "channel", in.channel, "command", req.Command, "err", err)
		return
	}
	if !in.direct {
		a.threads.remember(in.channel, in.replyTS)
	}
}

// handle asks the router, logging a failure; the reply then carries an
// apology for the user.
func (a *Adapter) handle(ctx context.Context, req chat.Request) chat.Reply {
	start := time.Now()
	rep, err := a.handler.Handle(ctx, req)
	a.log.Debug("slack request answered", "platform", platform, "channel", req.Channel, "command", req.Command, "elapsed", time.Since(start))
	if err != nil {
		a.log.Error("slack request failed", "platform", platform, "channel", req.Channel, "command", req.Command, "err", err)
		if rep.Text == "" && rep.Answer == nil && rep.Figures == nil && rep.Who == nil && rep.Brief == nil && rep.Digest == nil {
			rep = chat.Reply{Text: chat.UserMessage(err), Ephemeral: true}
		}
	}
	return rep
}

// handoff gives a slash command's reply to exactly one of two deliveries:
// the acknowledgement, when the reply is ready within the inline wait, or
// the response_url afterwards.
type handoff struct {
	mu    sync.Mutex
	state int // handoffWaiting, handoffInline or handoffLate
	// inline sends the reply with the acknowledgement and reports whether
	// it went; when it did not, the reply is delivered late instead.
	inline func(*slack.WebhookMessage) bool
}

const (
	handoffWaiting = iota
	handoffInline
	handoffLate
)

// finish is called with the reply; it hands it to the acknowledgement and
// reports true, unless the acknowledgement has already gone.
func (h *handoff) finish(msg *slack.WebhookMessage) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state != handoffWaiting {
		return false
	}
	if !h.inline(msg) {
		h.state = handoffLate
		return false
	}
	h.state = handoffInline
	return true
}

// expire is called when the inline wait is over; it reports true when the
// acknowledgement must go without the reply, which will follow.
func (h *handoff) expire() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state != handoffWaiting {
		return false
	}
	h.state = handoffLate
	return true
}

// startCommand queues a slash command. inline receives the reply if it is
// ready before the handoff expires; otherwise it is delivered through the
// command's response_url, or chat.postMessage when it has none.
func (a *Adapter) startCommand(cmd slack.SlashCommand, inline func(*slack.WebhookMessage) bool) (*handoff, error) {
	if cmd.Command == "" || cmd.ChannelID == "" || cmd.UserID == "" {
		return nil, errors.New("slash command without command, channel or user")
	}
	h := &handoff{inline: inline}
	req := chat.Request{
		Platform:  platform,
		Channel:   cmd.ChannelID,
		User:      cmd.UserID,
		Command:   commandName(cmd.Command),
		Text:      strings.TrimSpace(unescape(cmd.Text)),
		CanManage: a.canManage(cmd.UserID),
	}
	err := a.enqueue(job{kind: "command", run: func(ctx context.Context) {
		rep := a.handle(ctx, req)
		m := render(rep)
		if h.finish(webhookMessage(m, rep.Ephemeral)) {
			return
		}
		if err := a.deliverLate(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, "", m, rep.Ephemeral); err != nil {
			a.log.Error("slack command answer not delivered", "platform", platform, "channel", cmd.ChannelID, "command", req.Command, "err", err)
		}
	}})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// deliverLate posts a reply that missed its acknowledgement: through the
// response URL when Slack gave a trustworthy one, else through the Web API.
func (a *Adapter) deliverLate(ctx context.Context, responseURL, channel, user, threadTS string, m message, ephemeral bool) error {
	if responseURL != "" {
		if a.trustedResponseURL(responseURL) {
			return a.respond(ctx, responseURL, m, ephemeral)
		}
		a.log.Warn("slack response_url is not a Slack address; posting through the Web API", "platform", platform, "url", redactURL(responseURL))
	}
	if ephemeral {
		return a.postEphemeral(ctx, channel, user, threadTS, m)
	}
	return a.postMessage(ctx, channel, threadTS, m)
}

// acceptInteraction takes a click on a suggested question and queues its
// answer, posted in the thread of the message clicked.
func (a *Adapter) acceptInteraction(cb slack.InteractionCallback) error {
	if cb.Type != slack.InteractionTypeBlockActions {
		return nil
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || !strings.HasPrefix(act.ActionID, suggestionAction) || strings.TrimSpace(act.Value) == "" {
			continue
		}
		channel := cb.Container.ChannelID
		if channel == "" {
			channel = cb.Channel.ID
		}
		thread := cb.Container.ThreadTs
		if thread == "" {
			thread = cb.Container.MessageTs
		}
		if channel == "" || cb.User.ID == "" {
			return errors.New("block action without channel or user")
		}
		if !a.seen.claim(key("action", cb.User.ID+":"+act.ActionTs+":"+act.ActionID)) {
			return nil
		}
		req := chat.Request{Platform: platform, Channel: channel, User: cb.User.ID, Command: "ask", Text: act.Value, CanManage: a.canManage(cb.User.ID)}
		ephemeral := cb.Container.IsEphemeral
		responseURL := cb.ResponseURL
		return a.enqueue(job{kind: "action", run: func(ctx context.Context) {
			rep := a.handle(ctx, req)
			m := render(rep)
			var err error
			if ephemeral {
				// An ephemeral message has no thread to answer in.
				err = a.deliverLate(ctx, responseURL, channel, req.User, "", m, true)
			} else if err = a.postMessage(ctx, channel, thread, m); err == nil {
				a.threads.remember(channel, thread)
			}
			if err != nil {
				a.log.Error("slack answer not delivered", "platform", platform, "channel", channel, "command", "ask", "err", err)
			}
		}})
	}
	return nil
}

// commandPrefix may precede a slash command's name in workspaces where the
// plain name is taken: /briefbot-who runs who.
const commandPrefix = "briefbot-"

// commandName turns a Slack slash command ("/ask", "/briefbot-ask") into the
// router's command name ("ask"). Names the router does not know pass
// through, for its aliases (chat.WithCommandName) and its help.
func commandName(slash string) string {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(slash), "/"))
	if rest, ok := strings.CutPrefix(name, commandPrefix); ok && rest != "" {
		return rest
	}
	return name
}
