package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

type stubEngine struct{ asked []string }

func (s *stubEngine) Ask(ctx context.Context, q string) (briefing.Answer, error) {
	s.asked = append(s.asked, q)
	return briefing.Answer{Text: "an answer to " + q}, nil
}
func (s *stubEngine) Figures() []briefing.Figure { return nil }
func (s *stubEngine) Who() briefing.Who          { return briefing.Who{} }
func (s *stubEngine) Brief() briefing.Brief      { return briefing.Brief{Headline: "The headline"} }

func TestConsoleRun(t *testing.T) {
	eng := &stubEngine{}
	in := strings.NewReader("who won?\n\n/brief\n/quit\nnever read\n")
	var out bytes.Buffer
	if err := New(chat.NewRouter(eng), in, &out, nil, "> ").Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"an answer to who won?", "The headline"} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q lacks %q", got, want)
		}
	}
	if len(eng.asked) != 1 {
		t.Errorf("asked %v, want one question (blank lines skipped, nothing after /quit)", eng.asked)
	}
}

func TestConsoleLongLine(t *testing.T) {
	in := strings.NewReader(strings.Repeat("x", maxLine+10) + "\n")
	err := New(chat.NewRouter(&stubEngine{}), in, &bytes.Buffer{}, nil, "").Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("Run error = %v, want a clear too-long error", err)
	}
}
