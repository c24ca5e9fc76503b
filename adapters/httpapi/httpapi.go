// Package httpapi is the JSON HTTP API of briefbot, for other programs to
// ask questions and read figures, who's who and briefs:
//
//	POST /api/ask      {"question":"…"} → the answer object of "bot ask --json"
//	GET  /api/figures  {"figures":[…]}
//	GET  /api/who      {"people":[…],"organizations":[…],"places":[…]}
//	GET  /api/brief    {"headline":"…","bullets":[…]}
//
// Like the chat adapters, it goes through the chat router (as platform
// "http"), so API questions are counted and logged like chat questions.
// Errors are JSON too: {"error":"…"} with a fitting status code. It imports
// adapters/chat, briefing and the standard library.
package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// Platform is the platform name API requests carry through the router.
const Platform = "http"

// Handler answers a chat request; *chat.Router is one.
type Handler interface {
	Handle(ctx context.Context, req chat.Request) (chat.Reply, error)
}

// API serves the JSON API. Mount it at "/api/".
type API struct {
	handler Handler
	log     *slog.Logger
	token   []byte // sha256 of the bearer token; nil when none is required
	maxBody int64
	timeout time.Duration
	routes  map[string]route
}

type route struct {
	method string
	serve  func(w http.ResponseWriter, r *http.Request) (any, error)
}

// Option configures an API.
type Option func(*API)

// WithToken makes every request carry "Authorization: Bearer token".
// An empty token requires none.
func WithToken(token string) Option {
	return func(a *API) {
		if token == "" {
			a.token = nil
			return
		}
		h := sha256.Sum256([]byte(token))
		a.token = h[:]
	}
}

// WithMaxBody caps request bodies at n bytes (default 64 KiB).
func WithMaxBody(n int64) Option { return func(a *API) { a.maxBody = n } }

// WithTimeout bounds the time to answer one request (default 30 s).
func WithTimeout(d time.Duration) Option { return func(a *API) { a.timeout = d } }

// WithLogger sets the logger; errors are logged with their detail, which
// the client never sees.
func WithLogger(l *slog.Logger) Option { return func(a *API) { a.log = l } }

// New returns an API answering through h.
func New(h Handler, opts ...Option) *API {
	a := &API{handler: h, log: slog.New(slog.DiscardHandler), maxBody: 64 << 10, timeout: 30 * time.Second}
	for _, o := range opts {
		o(a)
	}
	a.routes = map[string]route{
		"/api/ask":     {http.MethodPost, a.ask},
		"/api/figures": {http.MethodGet, a.figures},
		"/api/who":     {http.MethodGet, a.who},
		"/api/brief":   {http.MethodGet, a.brief},
	}
	return a
}

// Error is an API error with the status code and message the client sees.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

func errorf(status int, format string, args ...any) error {
	return &Error{Status: status, Message: fmt.Sprintf(format, args...)}
}

// ServeHTTP routes a request under /api/.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rt, ok := a.routes[r.URL.Path]
	var (
		v   any
		err error
	)
	switch {
	case !a.authorized(r, w):
		err = errorf(http.StatusUnauthorized, "%s", a.authProblem(r))
	case !ok:
		err = errorf(http.StatusNotFound, "no endpoint %s; the endpoints are POST /api/ask, GET /api/figures, GET /api/who, GET /api/brief", r.URL.Path)
	case r.Method != rt.method && !(rt.method == http.MethodGet && r.Method == http.MethodHead):
		w.Header().Set("Allow", rt.method)
		err = errorf(http.StatusMethodNotAllowed, "%s needs %s, not %s", r.URL.Path, rt.method, r.Method)
	default:
		ctx, cancel := context.WithTimeout(r.Context(), a.timeout)
		v, err = rt.serve(w, r.WithContext(ctx))
		cancel()
	}
	status := http.StatusOK
	if err != nil {
		var ae *Error
		switch {
		case errors.As(err, &ae):
		case errors.Is(err, context.DeadlineExceeded):
			ae = &Error{Status: http.StatusGatewayTimeout, Message: "answering took too long; try again"}
		default:
			ae = &Error{Status: http.StatusInternalServerError, Message: "internal error; the server log has the detail"}
		}
		if ae.Status >= 500 {
			a.log.Error("api request failed", "path", r.URL.Path, "status", ae.Status, "err", err)
		}
		status, v = ae.Status, map[string]string{"error": ae.Message}
	}
	a.log.Debug("api request", "method", r.Method, "path", r.URL.Path, "status", status, "elapsed", time.Since(start))
	a.writeJSON(w, status, v)
}

// authorized reports whether r carries the bearer token, when one is required.
func (a *API) authorized(r *http.Request, w http.ResponseWriter) bool {
	if a.token == nil {
		return true
	}
	scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	h := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	if strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare(h[:], a.token) == 1 {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="briefbot"`)
	return false
}

func (a *API) authProblem(r *http.Request) string {
	if r.Header.Get("Authorization") == "" {
		return "missing bearer token: send Authorization: Bearer <token>"
	}
	return "wrong bearer token"
}

// AskRequest is the body of POST /api/ask.
type AskRequest struct {
	Question string `json:"question"`
}

func (a *API) ask(w http.ResponseWriter, r *http.Request) (any, error) {
	var req AskRequest
	if err := a.decode(w, r, &req); err != nil {
		return nil, err
	}
	q := strings.TrimSpace(req.Question)
	if q == "" {
		return nil, errorf(http.StatusBadRequest, `the question is empty; send {"question":"…"}`)
	}
	rep, err := a.handle(r, "ask", q)
	if err != nil {
		return nil, err
	}
	if rep.Answer == nil {
		// The router answered with a message for the user instead.
		return nil, errorf(http.StatusBadRequest, "%s", chat.RenderText(rep))
	}
	return rep.Answer, nil
}

// figuresReply is the body of GET /api/figures, as "bot figures --json" prints it.
type figuresReply struct {
	Figures []briefing.Figure `json:"figures"`
}

func (a *API) figures(w http.ResponseWriter, r *http.Request) (any, error) {
	rep, err := a.handle(r, "figures", "")
	if err != nil {
		return nil, err
	}
	return figuresReply{Figures: nonNil(rep.Figures)}, nil
}

func (a *API) who(w http.ResponseWriter, r *http.Request) (any, error) {
	rep, err := a.handle(r, "who", "")
	if err != nil {
		return nil, err
	}
	var who briefing.Who
	if rep.Who != nil {
		who = *rep.Who
	}
	who.People, who.Organizations, who.Places = nonNil(who.People), nonNil(who.Organizations), nonNil(who.Places)
	return who, nil
}

func (a *API) brief(w http.ResponseWriter, r *http.Request) (any, error) {
	rep, err := a.handle(r, "brief", "")
	if err != nil {
		return nil, err
	}
	var b briefing.Brief
	if rep.Brief != nil {
		b = *rep.Brief
	}
	b.Bullets = nonNil(b.Bullets)
	return b, nil
}

// handle sends a command through the router as platform "http".
func (a *API) handle(r *http.Request, command, text string) (chat.Reply, error) {
	rep, err := a.handler.Handle(r.Context(), chat.Request{
		Platform: Platform, Channel: "api", User: "api", Command: command, Text: text,
	})
	if err != nil {
		return chat.Reply{}, fmt.Errorf("%s: %w", command, err)
	}
	return rep, nil
}

// decode reads a JSON request body of at most maxBody bytes into v.
func (a *API) decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return errorf(http.StatusUnsupportedMediaType, "the request body must be JSON sent with Content-Type: application/json, not %q", ct)
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, a.maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// One JSON value and nothing after it.
		_, err = dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil || !errors.As(err, new(*http.MaxBytesError)) {
			return errorf(http.StatusBadRequest, "the request body holds more than one JSON value")
		}
	}
	var (
		tooBig *http.MaxBytesError
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		return errorf(http.StatusRequestEntityTooLarge, "the request body is larger than %d bytes", a.maxBody)
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, `the request body is empty; send {"question":"…"}`)
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "the request body is not valid JSON: %v", err)
	case errors.As(err, &typ):
		return errorf(http.StatusBadRequest, "the request body's %s must be a %s", or(typ.Field, "value"), typ.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errorf(http.StatusBadRequest, "the request body has an unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return errorf(http.StatusBadRequest, "the request body is not valid: %v", err)
}

func (a *API) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		// The status is sent; this is a client gone away.
		a.log.Debug("write api response", "err", err)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
