package main

import "context"

// setupSlack starts the Slack adapter when Slack credentials are present.
func setupSlack(ctx context.Context, d *deps) (component, string, error) {
	if !d.cfg.Slack.Enabled() {
		return nil, "SLACK_BOT_TOKEN is not set", nil
	}
	return nil, "the Slack adapter is not built yet", nil
}
