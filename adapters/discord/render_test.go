package discord

import (
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// checkLimits fails the test when m breaks one of Discord's message limits.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if m.Content == "" && len(m.Embeds) == 0 {
		t.Error("an empty message")
	}
	if n := length(m.Content); n > maxContent {
		t.Errorf("content of %d characters, limit %d", n, maxContent)
	}
	if len(m.Embeds) > maxEmbeds {
		t.Errorf("%d embeds, limit %d", len(m.Embeds), maxEmbeds)
	}
	total := 0
	for i, e := range m.Embeds {
		total += embedLen(e)
		if n := length(e.Title); n > maxTitle {
			t.Errorf("embed %d: title of %d characters", i, n)
		}
		if n := length(e.Description); n > maxDescription {
			t.Errorf("embed %d: description of %d characters", i, n)
		}
		if e.Footer != nil && length(e.Footer.Text) > maxFooter {
			t.Errorf("embed %d: footer of %d characters", i, length(e.Footer.Text))
		}
		if len(e.Fields) > maxFields {
			t.Errorf("embed %d: %d fields", i, len(e.Fields))
		}
		for j, f := range e.Fields {
			if f.Name == "" || f.Value == "" || length(f.Name) > maxFieldName || length(f.Value) > maxFieldValue {
				t.Errorf("embed %d field %d: name %d and value %d characters (non-empty, at most %d and %d)", i, j, length(f.Name), length(f.Value), maxFieldName, maxFieldValue)
			}
		}
		if e.Title == "" && e.Description == "" && len(e.Fields) == 0 && e.Footer == nil {
			t.Errorf("embed %d is empty", i)
		}
	}
	if total > maxEmbedsTotal {
		t.Errorf("embeds of %d characters in all, limit %d", total, maxEmbedsTotal)
	}
}

// renderCases are replies with their golden file names.
func renderCases() []struct {
	name string
	rep  chat.Reply
} {
	many := make([]briefing.Figure, 30)
	for i := range many {
		many[i] = briefing.Figure{Text: strconv.Itoa((i + 1) * 10), Label: "people counted in group " + strconv.Itoa(i+1)}
	}
	return []struct {
		name string
		rep  chat.Reply
	}{
		{"answer", chat.Reply{Answer: &briefing.Answer{
			Question: "who is mediating?", Text: "Egypt and Qatar",
			Sentence: "Egypt and Qatar have been mediating between Israel and Hamas.", Source: "Trump and Netanyahu Discuss Gaza Ceasefire", Confidence: 0.8,
		}}},
		{"abstain", chat.Reply{Answer: &briefing.Answer{Question: "what is the weather?", Abstained: true, Suggestions: []string{"who is mediating?", "how many hostages remain?"}}}},
		{"figures", chat.Reply{Figures: []briefing.Figure{
			{Text: "24", Unit: "hours", Label: "hours between the two meetings"},
			{Text: "57,000", Hedge: "more than", Unit: "people", Label: "Palestinians killed in Gaza", Attribution: "Gaza's health ministry"},
			{Text: "50", Unit: "people", Sentence: "About 50 hostages remain in Gaza."},
		}}},
		{"figures-30", chat.Reply{Figures: many}},
		{"who", chat.Reply{Who: &briefing.Who{
			People:        []briefing.Entity{{Name: "Donald Trump", Role: "U.S. President", Mentions: 4}, {Name: "Steve Witkoff", Mentions: 1}},
			Organizations: []briefing.Entity{{Name: "Hamas", Mentions: 3}},
		}}},
		{"brief", chat.Reply{Brief: &briefing.Brief{Headline: "Trump and Netanyahu Discuss Gaza Ceasefire in High-Stakes Talks", Bullets: []string{"They met twice within 24 hours.", "Qatar and Egypt mediate."}}}},
		{"digest", chat.Reply{Digest: &chat.Digest{Title: "Daily briefing, Wednesday 25 November", Stories: []chat.DigestStory{{
			Brief: briefing.Brief{Headline: "Ceasefire talks resume", Bullets: []string{"Envoys meet in Doha."}}, Changes: []string{"hostages remaining 50 → 49"},
			Source: "Example News", URL: "https://example.com/story",
		}}}}},
		{"digest-empty", chat.Reply{Digest: &chat.Digest{Title: "Daily briefing, Thursday 26 November"}}},
		{"text-ephemeral", chat.Reply{Text: "Only channel managers can change digests.", Ephemeral: true}},
	}
}

func TestDiscordRenderGolden(t *testing.T) {
	for _, tt := range renderCases() {
		t.Run(tt.name, func(t *testing.T) {
			msgs := render(tt.rep)
			for _, m := range msgs {
				checkLimits(t, m)
			}
			checkGolden(t, "render/"+tt.name+".golden.json", msgs)
		})
	}
}

func TestDiscordRenderLimits(t *testing.T) {
	long := func(unit string, n int) string { return strings.Repeat(unit, n) }
	figures := make([]briefing.Figure, 200)
	for i := range figures {
		figures[i] = briefing.Figure{Text: long("9", 300), Label: long("label words ", 200), Hedge: "about"}
	}
	people := make([]briefing.Entity, 80)
	for i := range people {
		people[i] = briefing.Entity{Name: "Person " + strconv.Itoa(i), Role: long("envoy ", 300)}
	}
	bullets := make([]string, 100)
	for i := range bullets {
		bullets[i] = long("a long bullet ", 30)
	}
	tests := []struct {
		name     string
		rep      chat.Reply
		wantText []string // pieces of text that must all arrive, in order
	}{
		{"long text", chat.Reply{Text: long("word ", 3000)}, nil},
		{"text without spaces", chat.Reply{Text: long("x", 5001)}, nil},
		{"emoji text", chat.Reply{Text: long("🙂", 2500)}, nil},
		{"whitespace text", chat.Reply{Text: "  \n "}, nil},
		{"long answer", chat.Reply{Answer: &briefing.Answer{Question: long("why ", 100), Text: long("because ", 400), Sentence: long("evidence ", 1000), Source: long("s", 3000)}}, []string{"because", "evidence"}},
		{"many big figures", chat.Reply{Figures: figures}, nil},
		{"many people", chat.Reply{Who: &briefing.Who{People: people}}, nil},
		{"long brief", chat.Reply{Brief: &briefing.Brief{Headline: long("headline ", 40), Bullets: bullets}}, []string{"headline", "a long bullet"}},
		{"empty figure", chat.Reply{Figures: []briefing.Figure{{}}}, nil},
		{"nothing", chat.Reply{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := render(tt.rep)
			if len(msgs) == 0 {
				t.Fatal("no message")
			}
			var all strings.Builder
			for _, m := range msgs {
				checkLimits(t, m)
				all.WriteString(m.Content)
				for _, e := range m.Embeds {
					all.WriteString(e.Title + e.Description)
					for _, f := range e.Fields {
						all.WriteString(f.Value)
					}
				}
			}
			if tt.rep.Text != "" && strings.TrimSpace(tt.rep.Text) != "" {
				// Text is split, never cut: every character arrives.
				if got, want := strings.Join(strings.Fields(all.String()), ""), strings.Join(strings.Fields(tt.rep.Text), ""); got != want {
					t.Errorf("split text lost characters: got %d, want %d", len(got), len(want))
				}
			}
			if tt.rep.Figures != nil {
				n := 0
				for _, m := range msgs {
					for _, e := range m.Embeds {
						for _, f := range e.Fields {
							if f.Name != blank {
								n++
							}
						}
					}
				}
				if n != len(tt.rep.Figures) {
					t.Errorf("%d figures rendered, want %d", n, len(tt.rep.Figures))
				}
			}
			for _, w := range tt.wantText {
				if !strings.Contains(all.String(), w) {
					t.Errorf("rendered text lacks %q", w)
				}
			}
		})
	}
}

func TestDiscordSplit(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"", 10, []string{""}},
		{"short", 10, []string{"short"}},
		{"one two three", 8, []string{"one two", "three"}},
		{"line one\nline two", 12, []string{"line one", "line two"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"🙂🙂🙂", 4, []string{"🙂🙂", "🙂"}}, // two UTF-16 units each
		{"🙂", 1, []string{"🙂"}},         // never loops forever
	}
	for _, tt := range tests {
		got := split(tt.in, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
