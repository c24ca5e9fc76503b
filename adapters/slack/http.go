package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Register adds Slack's HTTP endpoints to mux: POST /slack/events (the
// Events API, url_verification included), POST /slack/commands (slash
// commands) and POST /slack/interactions (button clicks). Every request must
// carry a valid X-Slack-Signature less than five minutes old.
func (a *Adapter) Register(mux *http.ServeMux) error {
	if a.signingSecret == "" {
		return errors.New("slack adapter: no signing secret for the HTTP endpoints")
	}
	mux.Handle("POST /slack/events", a.signed(a.serveEvents))
	mux.Handle("POST /slack/commands", a.signed(a.serveCommand))
	mux.Handle("POST /slack/interactions", a.signed(a.serveInteraction))
	return nil
}

// verifySignature checks Slack's v0 request signature over body with
// slack-go's verifier, which also rejects timestamps more than five minutes
// from now.
func verifySignature(h http.Header, body []byte, secret string) error {
	sv, err := slack.NewSecretsVerifier(h, secret)
	if err != nil {
		return fmt.Errorf("verify slack signature: %w", err)
	}
	if _, err := sv.Write(body); err != nil {
		return fmt.Errorf("verify slack signature: %w", err)
	}
	if err := sv.Ensure(); err != nil {
		return fmt.Errorf("verify slack signature: %w", err)
	}
	return nil
}

// signed reads the body of a Slack request, within the size limit, checks
// its signature, recovers panics, and only then calls next.
func (a *Adapter) signed(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack request handler panicked", "platform", platform, "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.maxBodyBytes))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request body", http.StatusBadRequest)
			return
		}
		if err := verifySignature(r.Header, body, a.signingSecret); err != nil {
			a.log.Warn("slack request rejected", "platform", platform, "path", r.URL.Path, "err", err)
			http.Error(w, "invalid or missing Slack signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	})
}

func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := parseEventsAPI(body)
	if err != nil {
		http.Error(w, "malformed event: "+err.Error(), http.StatusBadRequest)
		return
	}
	if ev.Type == slackevents.URLVerification {
		v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok || v.Challenge == "" {
			http.Error(w, "url_verification without a challenge", http.StatusBadRequest)
			return
		}
		writeJSON(w, map[string]string{"challenge": v.Challenge})
		return
	}
	retry, _ := strconv.Atoi(r.Header.Get("X-Slack-Retry-Num"))
	if err := a.acceptEvent(ev, retry); err != nil {
		a.log.Warn("slack event not accepted; Slack will retry", "platform", platform, "err", err)
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy, try again", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed slash command", http.StatusBadRequest)
		return
	}
	replies := make(chan *slack.WebhookMessage, 1)
	h, err := a.startCommand(cmd, func(m *slack.WebhookMessage) bool { replies <- m; return true })
	switch {
	case errors.Is(err, errBusy), errors.Is(err, errStopped):
		a.log.Warn("slack command not accepted", "platform", platform, "command", cmd.Command, "err", err)
		http.Error(w, "briefbot is busy; please try again in a moment", http.StatusServiceUnavailable)
		return
	case err != nil:
		http.Error(w, "malformed slash command: "+err.Error(), http.StatusBadRequest)
		return
	}
	timer := time.NewTimer(a.inlineWait)
	defer timer.Stop()
	select {
	case m := <-replies:
		writeJSON(w, m)
	case <-timer.C:
		if h.expire() {
			// An empty 200 acknowledges; the answer follows via response_url.
			w.WriteHeader(http.StatusOK)
			return
		}
		writeJSON(w, <-replies)
	}
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		http.Error(w, "malformed interaction: no payload", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "malformed interaction payload", http.StatusBadRequest)
		return
	}
	switch err := a.acceptInteraction(cb); {
	case errors.Is(err, errBusy), errors.Is(err, errStopped):
		http.Error(w, "busy, try again", http.StatusServiceUnavailable)
	case err != nil:
		http.Error(w, "malformed interaction: "+err.Error(), http.StatusBadRequest)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data)
}

// parseEventsAPI parses an Events API body with slack-go. The verification
// token is not checked: requests are authenticated by their signature, or
// come over the app's own Socket Mode connection.
func parseEventsAPI(body []byte) (slackevents.EventsAPIEvent, error) {
	return slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
}
