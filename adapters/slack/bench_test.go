package slack

import (
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// benchEngine loads the sample article the project keeps for the engine's
// tests, or the small test article when it is absent.
func benchEngine(b *testing.B) *briefing.Engine {
	data, err := os.ReadFile("../../briefing/testdata/gaza-ceasefire-talks.txt")
	if err != nil {
		return testEngine(b)
	}
	e := briefing.NewEngine()
	a, err := briefing.ReadArticle("gaza-ceasefire-talks.txt", data)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.Add(a); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkHTTPSlashCommand measures the HTTP slash-command path on
// loopback, one command at a time: sign, POST, verify the signature, parse,
// queue, ask the engine through the router, render Block Kit, and answer in
// the acknowledgement. Run with -cpu 1 for the one-core figure.
func BenchmarkHTTPSlashCommand(b *testing.B) {
	for _, bc := range []struct{ name, command, text string }{
		{"ask", "/ask", "who is mediating the talks?"},
		{"brief", "/brief", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := newFakeSlack(b)
			_, base := startAdapter(b, f, chat.NewRouter(benchEngine(b)), Config{})
			body := commandForm(bc.command, bc.text, f.srv.URL+"/hooks/commands/1")
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
			defer client.CloseIdleConnections()
			b.ReportAllocs()
			for b.Loop() {
				resp, err := client.Do(signedRequest(b, base, "/slack/commands", body, "application/x-www-form-urlencoded"))
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || n == 0 {
					b.Fatalf("status %d with %d bytes, want the answer inline", resp.StatusCode, n)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commands/s")
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, tc := range renderCases() {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				render(tc.reply)
			}
		})
	}
}
