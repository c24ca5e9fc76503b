// Package chat routes platform-neutral chat commands to the briefing engine
// and renders engine results as plain text. Platform adapters (Slack,
// Discord, console) turn their events into a Request, call Router.Handle, and
// render the Reply in their own format. It imports briefing and the standard
// library only; no platform library.
package chat

import (
	"context"
	"errors"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Engine is what the router needs of the briefing engine.
type Engine interface {
	Ask(ctx context.Context, question string) (briefing.Answer, error)
	Figures() []briefing.Figure
	Who() briefing.Who
	Brief() briefing.Brief
}

// Request is one chat command or message, whatever the platform.
type Request struct {
	// Platform is "slack", "discord", "console" or "http".
	Platform string
	// Channel identifies the conversation the request came from.
	Channel string
	// User identifies who asked.
	User string
	// Command is the command's name without a slash ("ask", "figures");
	// empty for a free-text message, which is answered as a question.
	Command string
	// Text is the command's argument text, or the message.
	Text string
	// CanManage is true when the user may change the channel's settings
	// (digest subscriptions, adding sources).
	CanManage bool
}

// Reply is a platform-neutral result. Exactly one of Answer, Figures, Who,
// Brief, Digest and Text is set.
type Reply struct {
	Answer  *briefing.Answer
	Figures []briefing.Figure
	Who     *briefing.Who
	Brief   *briefing.Brief
	Digest  *Digest
	Text    string
	// Ephemeral asks for a reply only the asker sees, where the platform can.
	Ephemeral bool
}

// Digest is a scheduled summary of what arrived since a channel's last digest.
type Digest struct {
	// Title heads the digest ("Daily briefing, Tuesday 25 November").
	Title string
	// Stories are the stories that are new or changed since the last digest.
	Stories []DigestStory
	// Since is when the previous digest was posted; zero for the first.
	Since time.Time
}

// DigestStory is one story in a digest.
type DigestStory struct {
	Brief   briefing.Brief
	Figures []briefing.Figure
	// Changes describe revised or new figures ("fatalities 57,500 → 58,000").
	Changes []string
	// Source is where the story came from (title, URL).
	Source string
	URL    string
}

// Subscription is one channel's digest schedule.
type Subscription struct {
	ID       string `json:"id"`
	Platform string `json:"platform"`
	Channel  string `json:"channel"`
	// Spec is a five-field cron spec ("0 8 * * 1-5").
	Spec string `json:"spec"`
	// TimeZone is an IANA time zone name ("Europe/Paris").
	TimeZone string    `json:"timezone"`
	Created  time.Time `json:"created,omitzero"`
}

// Digests manages the digest subscriptions of channels.
type Digests interface {
	Subscribe(ctx context.Context, s Subscription) (Subscription, error)
	Subscriptions(ctx context.Context, platform, channel string) ([]Subscription, error)
	Unsubscribe(ctx context.Context, platform, channel, id string) error
	SendNow(ctx context.Context, platform, channel string) error
}

// Sources adds articles from a URL given in chat.
type Sources interface {
	AddURL(ctx context.Context, url string) (briefing.ArticleInfo, error)
}

// UserError is an error whose message is meant for the user who asked.
type UserError struct{ Message string }

func (e *UserError) Error() string { return e.Message }

// Userf returns a UserError with a formatted message.
func Userf(format string, args ...any) error {
	return &UserError{Message: sprintf(format, args...)}
}

// UserMessage returns the message a user should see for err: a UserError's
// own message, or a generic apology for anything else.
func UserMessage(err error) string {
	if ue, ok := errors.AsType[*UserError](err); ok {
		return ue.Message
	}
	return "Sorry, something went wrong while answering. Please try again."
}
