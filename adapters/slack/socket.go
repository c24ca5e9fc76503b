package slack

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket holds the Socket Mode connection (slack-go reconnects it) and
// handles what arrives until ctx is done or Slack refuses the app token.
func (a *Adapter) runSocket(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- a.socket.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-errc
			return nil
		case err := <-errc:
			a.connected.Store(false)
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case ev := <-a.socket.Events:
			a.socketEvent(ctx, ev)
		}
	}
}

// socketEvent handles one Socket Mode event: acknowledges deliveries once
// their work is queued, and tracks the connection.
func (a *Adapter) socketEvent(ctx context.Context, ev socketmode.Event) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("slack socket event handler panicked", "platform", platform, "type", string(ev.Type), "panic", p)
		}
	}()
	switch ev.Type {
	case socketmode.EventTypeConnecting:
		a.connected.Store(false)
		a.log.Debug("slack socket mode connecting", "platform", platform)
	case socketmode.EventTypeConnected:
		a.connected.Store(true)
		a.log.Info("slack socket mode connected", "platform", platform)
	case socketmode.EventTypeConnectionError:
		a.connected.Store(false)
		if ce, ok := ev.Data.(*slack.ConnectionErrorEvent); ok {
			a.log.Warn("slack socket mode connection failed; retrying", "platform", platform, "attempt", ce.Attempt, "wait", ce.Backoff, "err", ce.ErrorObj)
		}
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack refused the app token", "platform", platform)
	case socketmode.EventTypeErrorBadMessage, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("slack socket mode message error", "platform", platform, "type", string(ev.Type), "detail", ev.Data)
	case socketmode.EventTypeEventsAPI:
		data, ok := ev.Data.(slackevents.EventsAPIEvent)
		if !ok || ev.Request == nil {
			return
		}
		if err := a.acceptEvent(data, ev.Request.RetryAttempt); err != nil {
			a.log.Warn("slack event not accepted; left unacknowledged for Slack to retry", "platform", platform, "err", err)
			return
		}
		a.ack(ctx, ev.Request.EnvelopeID, nil)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := ev.Data.(slack.SlashCommand)
		if !ok || ev.Request == nil {
			return
		}
		envelope := ev.Request.EnvelopeID
		h, err := a.startCommand(cmd, func(m *slack.WebhookMessage) bool {
			// Slack drops Socket Mode payloads of 20KB or more; slack-go
			// refuses them, and the answer then follows via response_url.
			if err := a.ackErr(ctx, envelope, m); err != nil {
				a.log.Debug("slack answer not sent with the acknowledgement", "platform", platform, "err", err)
				a.ack(ctx, envelope, nil)
				return false
			}
			return true
		})
		if err != nil {
			a.log.Warn("slack command not accepted", "platform", platform, "command", cmd.Command, "err", err)
			a.ack(ctx, envelope, webhookMessage(message{Text: "briefbot is busy or shutting down; please try again in a moment."}, true))
			return
		}
		time.AfterFunc(a.inlineWait, func() {
			if h.expire() {
				a.ack(ctx, envelope, nil)
			}
		})
	case socketmode.EventTypeInteractive:
		cb, ok := ev.Data.(slack.InteractionCallback)
		if !ok || ev.Request == nil {
			return
		}
		if err := a.acceptInteraction(cb); err != nil {
			a.log.Warn("slack interaction not accepted", "platform", platform, "err", err)
		}
		a.ack(ctx, ev.Request.EnvelopeID, nil)
	}
}

// ack acknowledges a Socket Mode envelope, with a payload or without.
func (a *Adapter) ack(ctx context.Context, envelope string, payload any) {
	if err := a.ackErr(ctx, envelope, payload); err != nil {
		a.log.Error("slack socket mode acknowledgement failed", "platform", platform, "envelope", envelope, "err", err)
	}
}

func (a *Adapter) ackErr(ctx context.Context, envelope string, payload any) error {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.socketTimeout)
	defer cancel()
	return a.socket.AckCtx(actx, envelope, payload)
}
