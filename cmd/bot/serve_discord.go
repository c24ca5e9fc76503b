package main

import "context"

// setupDiscord starts the Discord adapter when Discord credentials are present.
func setupDiscord(ctx context.Context, d *deps) (component, string, error) {
	if !d.cfg.Discord.Enabled() {
		return nil, "neither DISCORD_BOT_TOKEN nor DISCORD_PUBLIC_KEY is set", nil
	}
	return nil, "the Discord adapter is not built yet", nil
}
