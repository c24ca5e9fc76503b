package chat

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// fakeEngine answers from fixed results and records questions.
type fakeEngine struct {
	answer  briefing.Answer
	err     error
	figures []briefing.Figure
	who     briefing.Who
	brief   briefing.Brief
	asked   []string
	panics  bool
}

func (f *fakeEngine) Ask(ctx context.Context, q string) (briefing.Answer, error) {
	if f.panics {
		panic("boom")
	}
	f.asked = append(f.asked, q)
	return f.answer, f.err
}
func (f *fakeEngine) Figures() []briefing.Figure { return f.figures }
func (f *fakeEngine) Who() briefing.Who          { return f.who }
func (f *fakeEngine) Brief() briefing.Brief      { return f.brief }

type recordingMetrics struct{ outcomes []string }

func (m *recordingMetrics) ObserveQuestion(platform, outcome string, elapsed time.Duration) {
	m.outcomes = append(m.outcomes, platform+":"+outcome)
}
func (m *recordingMetrics) CountPlatformCall(platform, outcome string) {}

func TestRouterHandle(t *testing.T) {
	eng := &fakeEngine{
		answer:  briefing.Answer{Text: "Qatar", Sentence: "A Qatari delegation held talks.", Source: "Talks", Confidence: 0.8},
		figures: []briefing.Figure{{Text: "251", Hedge: "", Label: "hostages taken"}},
		who:     briefing.Who{People: []briefing.Entity{{Name: "Ana Ruiz", Role: "Finance Minister"}}},
		brief:   briefing.Brief{Headline: "Talks resume", Bullets: []string{"One issue remains."}},
	}
	r := NewRouter(eng)
	tests := []struct {
		name    string
		req     Request
		want    string // substring of the rendered reply
		wantErr bool
	}{
		{"free text is a question", Request{Text: "who is mediating?"}, "Qatar", false},
		{"ask command", Request{Command: "ask", Text: "who?"}, "“A Qatari delegation held talks.”", false},
		{"slash and case are ignored", Request{Command: "/Figures"}, "251 — hostages taken", false},
		{"who", Request{Command: "who"}, "Ana Ruiz — Finance Minister", false},
		{"brief", Request{Command: "brief"}, "• One issue remains.", false},
		{"help lists commands", Request{Command: "help"}, "/figures", false},
		{"unknown command", Request{Command: "weather"}, `I don't know the command "weather"`, false},
		{"empty question", Request{Command: "ask", Text: "  "}, "Ask me a question", false},
		{"digest without service", Request{Command: "digest"}, `I don't know the command "digest"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := r.Handle(context.Background(), tt.req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Handle error = %v, want error %v", err, tt.wantErr)
			}
			if got := RenderText(rep); !strings.Contains(got, tt.want) {
				t.Errorf("reply = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestRouterErrorsAndPanics(t *testing.T) {
	m := &recordingMetrics{}
	eng := &fakeEngine{err: errors.New("index corrupt: secret detail")}
	r := NewRouter(eng, WithMetrics(m))
	rep, err := r.Handle(context.Background(), Request{Platform: "slack", Text: "why?"})
	if err == nil || !strings.Contains(err.Error(), "secret detail") {
		t.Fatalf("error = %v, want the engine's error for the log", err)
	}
	if strings.Contains(RenderText(rep), "secret detail") || !rep.Ephemeral {
		t.Errorf("user reply %q leaks the internal error or is not ephemeral", RenderText(rep))
	}

	eng.panics = true
	rep, err = r.Handle(context.Background(), Request{Platform: "discord", Text: "why?"})
	if err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("error = %v, want a recovered panic", err)
	}
	if RenderText(rep) == "" {
		t.Error("a panicking command got no reply")
	}
	want := []string{"slack:error", "discord:error"}
	if strings.Join(m.outcomes, ",") != strings.Join(want, ",") {
		t.Errorf("metrics outcomes = %v, want %v", m.outcomes, want)
	}
}

func TestRouterMetricsOutcomes(t *testing.T) {
	m := &recordingMetrics{}
	eng := &fakeEngine{answer: briefing.Answer{Abstained: true, Suggestions: []string{"Who is involved?"}}}
	r := NewRouter(eng, WithMetrics(m))
	rep, _ := r.Handle(context.Background(), Request{Platform: "http", Text: "how many soldiers?"})
	if got := RenderText(rep); !strings.Contains(got, AbstainText) || !strings.Contains(got, "Who is involved?") {
		t.Errorf("abstention rendered as %q", got)
	}
	r.Handle(context.Background(), Request{Platform: "http", Command: "brief"})
	want := "http:abstained,http:command"
	if got := strings.Join(m.outcomes, ","); got != want {
		t.Errorf("outcomes = %s, want %s", got, want)
	}
}

func TestWithCommandName(t *testing.T) {
	eng := &fakeEngine{brief: briefing.Brief{Headline: "H"}}
	r := NewRouter(eng, WithCommandName("brief", "summary"))
	rep, err := r.Handle(context.Background(), Request{Command: "summary"})
	if err != nil || rep.Brief == nil {
		t.Fatalf("renamed command: reply %+v, err %v", rep, err)
	}
	var found bool
	for _, c := range r.Commands() {
		if c.Builtin == "brief" {
			found = true
			if c.Name != "summary" {
				t.Errorf("Commands lists brief as %q, want the name users type, summary", c.Name)
			}
		}
	}
	if !found {
		t.Error("Commands does not list the brief command")
	}
}

func TestRouterUnreadableQuestion(t *testing.T) {
	eng := &fakeEngine{err: fmt.Errorf("read question: %w", &briefing.QuestionError{Err: briefing.ErrNoWords})}
	r := NewRouter(eng)
	rep, _ := r.Handle(context.Background(), Request{Platform: "console", Text: "🙂🙂"})
	if got := RenderText(rep); !strings.Contains(got, "no words") {
		t.Errorf("reply = %q, want it to say the question has no words", got)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short enough", 20, "short enough"},
		{"met on Tuesday evening for talks", 20, "met on Tuesday…"},
		{"averyveryverylongwordwithoutspaces", 10, "averyve…"},
		{"crème brûlée crème", 9, "crème…"},
	}
	for _, tt := range tests {
		got := Shorten(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if len(got) > tt.max && got != tt.in {
			t.Errorf("Shorten(%q, %d) = %q is %d bytes, over the limit", tt.in, tt.max, got, len(got))
		}
	}
}
