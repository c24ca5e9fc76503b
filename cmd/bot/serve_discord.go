package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/adapters/discord"
)

// setupDiscord starts the Discord adapter when Discord credentials are
// present: the gateway with DISCORD_BOT_TOKEN, the HTTP interactions
// endpoint POST /discord/interactions with DISCORD_PUBLIC_KEY, or both.
func setupDiscord(ctx context.Context, d *deps) (component, string, error) {
	c := d.cfg.Discord
	if !c.Enabled() {
		return nil, "neither DISCORD_BOT_TOKEN nor DISCORD_PUBLIC_KEY is set", nil
	}
	a, err := discord.New(discord.Config{
		BotToken:    c.BotToken.Reveal(),
		PublicKey:   c.PublicKey,
		AppID:       c.AppID,
		APIURL:      c.APIURL,
		GuildID:     c.GuildID,
		ShardID:     c.ShardID,
		ShardCount:  c.ShardCount,
		ManagerRole: c.ManagerRole,
		Admins:      c.Admins,
	}, d.router, discord.WithLogger(d.log.With("platform", "discord")), discord.WithMetrics(d.metrics))
	if err != nil {
		return nil, "", fmt.Errorf("discord: %w", err)
	}
	if c.PublicKey != "" {
		d.mux.Handle("POST /discord/interactions", a)
	}
	// Posting digests needs the bot token; without one Post says so.
	d.posters["discord"] = a
	return a, "", nil
}
