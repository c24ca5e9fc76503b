package discord

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
)

// plan is how an interaction is answered: a first response, and then, for
// a deferred or long answer, follow-up messages.
type plan struct {
	first *discordgo.InteractionResponse
	// then completes the interaction after the first response is sent;
	// nil when the first response says everything.
	then func(ctx context.Context)
	// abandon releases what then would use, for a first response that
	// could not be sent.
	abandon func()
}

// interact starts answering an application command. It waits up to
// deferAfter for the answer; when the answer is late the first response is
// a deferral (type 5) and then posts the answer as follow-ups.
func (a *Adapter) interact(i *discordgo.Interaction) plan {
	ctx, cancel := context.WithTimeout(a.life, followupWindow)
	answer := a.answer(ctx, func(ctx context.Context) (chat.Request, error) { return a.request(ctx, i) })
	timer := time.NewTimer(a.deferAfter)
	defer timer.Stop()
	select {
	case rep := <-answer:
		return a.planFor(i, rep, cancel)
	case <-timer.C:
	}
	return plan{
		abandon: cancel,
		first:   &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
		then: func(ctx context.Context) {
			defer cancel()
			var rep chat.Reply
			select {
			case rep = <-answer:
			case <-ctx.Done():
				return
			}
			a.followUp(ctx, i, render(rep))
		},
	}
}

// planFor is the plan for an answer that is ready: its first message as the
// response, the others as follow-ups. done, when not nil, is called once
// the interaction is complete.
func (a *Adapter) planFor(i *discordgo.Interaction, rep chat.Reply, done context.CancelFunc) plan {
	msgs := render(rep)
	m := msgs[0]
	p := plan{first: &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         m.Content,
			Embeds:          m.Embeds,
			Flags:           flags(m),
			AllowedMentions: noMentions(),
		},
	}}
	if len(msgs) == 1 {
		if done != nil {
			done()
		}
		return p
	}
	p.abandon = done
	p.then = func(ctx context.Context) {
		if done != nil {
			defer done()
		}
		a.followUp(ctx, i, msgs[1:])
	}
	return p
}

// answer builds a request and runs the handler on it in a goroutine of its
// own, and delivers the reply. A request the user got wrong yields its
// message; a handler that fails or panics yields an apology, and the
// detail is logged.
func (a *Adapter) answer(ctx context.Context, build func(context.Context) (chat.Request, error)) <-chan chat.Reply {
	out := make(chan chat.Reply, 1)
	go func() { out <- a.reply(ctx, build) }()
	return out
}

func (a *Adapter) reply(ctx context.Context, build func(context.Context) (chat.Request, error)) (rep chat.Reply) {
	start := time.Now()
	var req chat.Request
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord handler panicked", "command", req.Command, "panic", p, "stack", string(debug.Stack()))
			rep = chat.Reply{Text: chat.UserMessage(nil), Ephemeral: true}
		}
	}()
	req, err := build(ctx)
	if err != nil {
		if _, isUser := errors.AsType[*chat.UserError](err); !isUser {
			a.log.Warn("discord request not understood", "err", err)
		}
		return chat.Reply{Text: chat.UserMessage(err), Ephemeral: true}
	}
	rep, err = a.handler.Handle(ctx, req)
	if err != nil {
		a.log.Error("discord command failed", "command", req.Command, "channel", req.Channel, "err", err)
		if rep.Answer == nil && rep.Figures == nil && rep.Who == nil && rep.Brief == nil && rep.Digest == nil && rep.Text == "" {
			rep = chat.Reply{Text: chat.UserMessage(err), Ephemeral: true}
		}
	}
	a.log.Debug("discord command answered", "command", req.Command, "channel", req.Channel, "elapsed", time.Since(start))
	return rep
}

// followUp posts msgs as follow-up messages of an interaction, in order.
func (a *Adapter) followUp(ctx context.Context, i *discordgo.Interaction, msgs []message) {
	for n, m := range msgs {
		params := &discordgo.WebhookParams{Content: m.Content, Embeds: m.Embeds, Flags: flags(m), AllowedMentions: noMentions()}
		// 502/503/504 are retried; a 500 is not, as a follow-up cannot be
		// deduplicated and a second copy is worse than a logged failure.
		err := a.call(ctx, "post follow-up", "interaction:"+i.ID, false, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.FollowupMessageCreate(i, true, params, opts...)
			return err
		})
		if err != nil {
			a.log.Error("discord follow-up not posted", "interaction_id", i.ID, "part", n+1, "of", len(msgs), "err", err)
			return
		}
	}
}

// onInteraction answers an interaction that arrived over the gateway.
func (a *Adapter) onInteraction(s *discordgo.Session, ev *discordgo.InteractionCreate) {
	a.working.Add(1)
	defer a.working.Done()
	defer a.recoverEvent("INTERACTION_CREATE")
	if ev == nil || ev.Interaction == nil || ev.Type != discordgo.InteractionApplicationCommand {
		return
	}
	i := ev.Interaction
	if !a.seen.first("i" + i.ID) {
		return
	}
	p := a.interact(i)
	ctx, cancel := context.WithTimeout(a.life, followupWindow)
	defer cancel()
	// The interaction callback is safe to retry: Discord refuses a second
	// one for the same interaction, which call treats as success.
	err := a.call(ctx, "respond to interaction", "interaction:"+i.ID, true, func(opts ...discordgo.RequestOption) error {
		return a.session.InteractionRespond(i, p.first, opts...)
	})
	if err != nil {
		a.log.Error("discord interaction not answered", "interaction_id", i.ID, "err", err)
		if p.abandon != nil {
			p.abandon()
		}
		return
	}
	if p.then != nil {
		p.then(ctx)
	}
}

// onMessage answers a message that mentions the bot, or a direct message,
// with a reply to it. Messages from bots, the bot itself included, and from
// webhooks are ignored.
func (a *Adapter) onMessage(s *discordgo.Session, ev *discordgo.MessageCreate) {
	a.working.Add(1)
	defer a.working.Done()
	defer a.recoverEvent("MESSAGE_CREATE")
	if ev == nil || ev.Message == nil || ev.Author == nil || ev.Author.Bot || ev.WebhookID != "" {
		return
	}
	self := a.selfID()
	if self == "" || ev.Author.ID == self {
		return
	}
	text, ok := mentionText(ev.Message, self)
	if !ok || !a.seen.first("m"+ev.ID) {
		return
	}
	req := chat.Request{Platform: platform, Channel: ev.ChannelID, User: ev.Author.ID, Text: text, CanManage: ev.GuildID == ""}
	if strings.HasPrefix(text, "/") {
		name, rest, _ := strings.Cut(text[1:], " ")
		req.Command, req.Text = name, strings.TrimSpace(rest)
	}
	ctx, cancel := context.WithTimeout(a.life, followupWindow)
	defer cancel()
	rep := <-a.answer(ctx, func(ctx context.Context) (chat.Request, error) {
		if !req.CanManage && ev.Member != nil {
			req.CanManage = a.messageCanManage(ctx, ev.Message)
		}
		return req, nil
	})
	rep.Ephemeral = false // a message reply is seen by all
	ref := &discordgo.MessageReference{MessageID: ev.ID, ChannelID: ev.ChannelID, GuildID: ev.GuildID, FailIfNotExists: new(false)}
	for n, m := range render(rep) {
		if n > 0 {
			ref = nil
		}
		if err := a.send(ctx, ev.ChannelID, m, ref); err != nil {
			a.log.Error("discord reply not posted", "channel", ev.ChannelID, "part", n+1, "err", err)
			return
		}
	}
}

// messageCanManage reports whether a message's author may manage digests,
// from the permissions the gateway's state knows or the manager role.
func (a *Adapter) messageCanManage(ctx context.Context, m *discordgo.Message) bool {
	if p, err := a.session.State.MessagePermissions(m); err == nil && p&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	return a.hasManagerRole(ctx, m.GuildID, m.Member.Roles)
}

// mentionText returns a message's text without the bot's mentions, and
// whether the message is for the bot: it mentions the bot or is a DM.
func mentionText(m *discordgo.Message, self string) (string, bool) {
	forBot := m.GuildID == ""
	for _, u := range m.Mentions {
		if u != nil && u.ID == self {
			forBot = true
		}
	}
	text := m.Content
	for _, tag := range []string{"<@" + self + ">", "<@!" + self + ">"} {
		if strings.Contains(text, tag) {
			forBot = true
			text = strings.ReplaceAll(text, tag, " ")
		}
	}
	return strings.Join(strings.Fields(text), " "), forBot
}

// recoverEvent keeps a panic in an event handler from ending the process:
// discordgo runs each handler in its own goroutine.
func (a *Adapter) recoverEvent(event string) {
	if p := recover(); p != nil {
		a.log.Error("discord event handler panicked", "event", event, "panic", p, "stack", string(debug.Stack()))
	}
}

// Post posts a reply to a channel, outside any conversation: scheduled
// digests and notices. It needs a bot token. In a forum channel, where
// messages live in threads, it starts a thread named after the reply.
func (a *Adapter) Post(ctx context.Context, channel string, r chat.Reply) error {
	if a.cfg.BotToken == "" {
		return errors.New("post to discord: no bot token (set DISCORD_BOT_TOKEN)")
	}
	if channel == "" {
		return errors.New("post to discord: no channel")
	}
	r.Ephemeral = false
	msgs := render(r)
	target := channel
	var err error
	if a.isForum(channel) {
		target, err = a.startThread(ctx, channel, threadName(r), msgs[0])
	} else if err = a.send(ctx, channel, msgs[0], nil); err != nil && forumRefusal(err) {
		target, err = a.startThread(ctx, channel, threadName(r), msgs[0])
	}
	if err != nil {
		return fmt.Errorf("post to discord channel %s: %w", channel, err)
	}
	for n, m := range msgs[1:] {
		if err := a.send(ctx, target, m, nil); err != nil {
			return fmt.Errorf("post to discord channel %s (part %d): %w", target, n+2, err)
		}
	}
	return nil
}

// isForum reports whether the gateway's state knows channel as a forum or
// media channel.
func (a *Adapter) isForum(channel string) bool {
	c, err := a.session.State.Channel(channel)
	return err == nil && (c.Type == discordgo.ChannelTypeGuildForum || c.Type == discordgo.ChannelTypeGuildMedia)
}

// forumRefusal reports whether Discord refused a message because the
// channel takes threads only.
func forumRefusal(err error) bool {
	switch apiCode(err) {
	case 50008, // cannot send messages in a non-text channel
		220001: // forum posts need a thread name
		return true
	}
	return false
}

// startThread starts a forum thread with m as its first message and
// returns the thread's channel ID. It is not retried after an error whose
// outcome is unknown: a second thread is worse than a logged failure.
func (a *Adapter) startThread(ctx context.Context, forum, name string, m message) (string, error) {
	var th *discordgo.Channel
	err := a.call(ctx, "start forum thread", "channel:"+forum, false, func(opts ...discordgo.RequestOption) error {
		var err error
		th, err = a.session.ForumThreadStartComplex(forum, &discordgo.ThreadStart{Name: name},
			&discordgo.MessageSend{Content: m.Content, Embeds: m.Embeds, AllowedMentions: noMentions()}, opts...)
		return err
	})
	if err != nil {
		return "", err
	}
	if th == nil || th.ID == "" {
		return "", errors.New("start forum thread: Discord returned no thread")
	}
	return th.ID, nil
}

// threadName names the forum thread a reply starts: its title, at most
// 100 characters.
func threadName(r chat.Reply) string {
	name := ""
	switch {
	case r.Digest != nil:
		name = r.Digest.Title
	case r.Brief != nil:
		name = r.Brief.Headline
	case r.Answer != nil:
		name = r.Answer.Question
	}
	if strings.TrimSpace(name) == "" {
		name, _, _ = strings.Cut(strings.TrimSpace(chat.RenderText(r)), "\n")
	}
	if strings.TrimSpace(name) == "" {
		name = "briefbot"
	}
	return truncate(name, 100)
}

// messageSend is a channel message with a nonce Discord enforces, so a
// retried post never makes a second message.
type messageSend struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// send posts one message to a channel, as a reply to ref when not nil.
func (a *Adapter) send(ctx context.Context, channel string, m message, ref *discordgo.MessageReference) error {
	body := messageSend{
		MessageSend: &discordgo.MessageSend{
			Content:         m.Content,
			Embeds:          m.Embeds,
			Reference:       ref,
			AllowedMentions: noMentions(),
		},
		Nonce:        nonce(rand.Uint64()),
		EnforceNonce: true,
	}
	endpoint := discordgo.EndpointChannelMessages(channel)
	return a.call(ctx, "post message", "channel:"+channel, true, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.RequestWithBucketID("POST", endpoint, body, endpoint, opts...)
		return err
	})
}

func flags(m message) discordgo.MessageFlags {
	if m.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// noMentions keeps text quoted from articles ("@everyone") from pinging anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
