package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the HTTP interactions endpoint.
const (
	// maxInteractionBody caps a request body; interactions are a few KB.
	maxInteractionBody = 1 << 20
	// maxClockSkew is how old (or how far in the future) a signed
	// request's timestamp may be.
	maxClockSkew = 5 * time.Minute
)

// ServeHTTP answers Discord's HTTP interactions (POST /discord/interactions):
// it verifies the Ed25519 signature and the timestamp's age (401 when
// either is wrong), answers a PING with a PONG, and answers application
// commands in the response, or defers them and follows up.
func (a *Adapter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.publicKey == nil {
		httpError(w, http.StatusNotFound, "discord interactions are not configured")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		httpError(w, http.StatusMethodNotAllowed, "use POST")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
	if err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			httpError(w, http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		httpError(w, http.StatusBadRequest, "cannot read request body")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, a.publicKey) {
		a.log.Debug("discord interaction refused: bad signature", "remote", r.RemoteAddr)
		httpError(w, http.StatusUnauthorized, "invalid request signature")
		return
	}
	if err := a.checkTimestamp(r.Header.Get("X-Signature-Timestamp")); err != nil {
		a.log.Debug("discord interaction refused", "remote", r.RemoteAddr, "err", err)
		httpError(w, http.StatusUnauthorized, err.Error())
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		httpError(w, http.StatusBadRequest, "malformed interaction")
		return
	}
	switch i.Type {
	case discordgo.InteractionPing:
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	case discordgo.InteractionApplicationCommand:
	default:
		httpError(w, http.StatusBadRequest, "unsupported interaction type "+strconv.Itoa(int(i.Type)))
		return
	}
	if i.ID == "" || i.Token == "" {
		httpError(w, http.StatusBadRequest, "interaction without id or token")
		return
	}
	p := a.interact(&i)
	writeJSON(w, p.first)
	if p.then == nil {
		return
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	a.working.Go(func() {
		defer a.recoverEvent("interaction follow-up")
		ctx, cancel := context.WithTimeout(a.life, followupWindow)
		defer cancel()
		p.then(ctx)
	})
}

// checkTimestamp checks a signed request's X-Signature-Timestamp (Unix
// seconds): discordgo.VerifyInteraction does not, and a replayed request
// must not be answered.
func (a *Adapter) checkTimestamp(ts string) error {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("invalid request timestamp")
	}
	age := a.now().Sub(time.Unix(sec, 0))
	if age > maxClockSkew || age < -maxClockSkew {
		return errors.New("stale request timestamp")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "cannot encode the response")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data) // the client is gone when this fails; nothing to do
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	data, _ := json.Marshal(map[string]string{"error": msg}) // a map of strings always encodes
	_, _ = w.Write(data)
}
