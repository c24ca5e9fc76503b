package main

import (
	"context"
	"errors"

	"github.com/briefbot/briefbot/adapters/slack"
)

// setupSlack starts the Slack adapter when Slack credentials are present:
// Socket Mode with SLACK_APP_TOKEN, the signed HTTP endpoints under /slack/
// with SLACK_SIGNING_SECRET, or both. It registers the adapter as the
// "slack" poster for digests.
func setupSlack(ctx context.Context, d *deps) (component, string, error) {
	c := d.cfg.Slack
	if !c.Enabled() {
		return nil, "SLACK_BOT_TOKEN is not set", nil
	}
	if c.AppToken == "" && c.SigningSecret == "" {
		return nil, "", errors.New("SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP events) is, so Slack could not reach the bot")
	}
	a, err := slack.New(d.router, slack.Config{
		BotToken:      c.BotToken.Reveal(),
		AppToken:      c.AppToken.Reveal(),
		SigningSecret: c.SigningSecret.Reveal(),
		APIURL:        c.APIURL,
		Admins:        c.Admins,
	}, slack.WithLogger(d.log.With("component", "slack")), slack.WithMetrics(d.metrics))
	if err != nil {
		return nil, "", err
	}
	if c.SigningSecret != "" {
		if err := a.Register(d.mux); err != nil {
			return nil, "", err
		}
	}
	d.posters["slack"] = a
	d.log.Info("slack adapter configured", "platform", "slack", "socket_mode", a.SocketMode(), "http_events", c.SigningSecret != "", "admins", len(c.Admins))
	return a, "", nil
}
