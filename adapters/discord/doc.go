// Package discord is briefbot's Discord adapter: it registers the bot's
// application commands, answers slash commands and @mentions through the
// platform-neutral chat router, renders replies as embeds within Discord's
// size limits, and posts scheduled digests to channels.
//
// It connects two ways, alone or together: over the gateway with a bot token
// (slash commands and mentions arrive as events), and as an HTTP
// interactions endpoint verified with the application's Ed25519 public key
// (Adapter is an http.Handler). Both share one REST client that retries rate
// limits and server errors, and stops calling Discord for a while after it
// rejects the token, so a revoked token never produces a stream of invalid
// requests.
//
// It is the only package that imports discordgo. It imports adapters/chat
// and briefing's types through it, and the standard library.
package discord
