package discord

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/discord/discordtest"
)

// BenchmarkInteraction measures the HTTP interaction path: signature and
// timestamp check, decoding, the router and engine over the sample article,
// rendering and the response JSON. Run with -cpu 1 for one core.
func BenchmarkInteraction(b *testing.B) {
	s := newSigner(b)
	router := chat.NewRouter(sampleEngine(b))
	a, err := New(Config{PublicKey: s.hexKey()}, router, WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		body []byte
	}{
		{"ask", mustJSON(b, interactionEvent("1", "ask", stringOpt("question", "who is mediating the ceasefire talks?")))},
		{"brief", mustJSON(b, interactionEvent("2", "brief"))},
		{"ping", mustJSON(b, map[string]any{"id": "3", "application_id": discordtest.AppID, "type": 1, "token": "t", "version": 1})},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			signed := s.request(c.body, testNow)
			sig, stamp := signed.Header.Get("X-Signature-Ed25519"), signed.Header.Get("X-Signature-Timestamp")
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(c.body))
				r.Header.Set("X-Signature-Ed25519", sig)
				r.Header.Set("X-Signature-Timestamp", stamp)
				w := httptest.NewRecorder()
				a.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "interactions/s")
		})
	}
}
