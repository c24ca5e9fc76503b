package briefing

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		q     string
		kind  answerType
		focus string // stem of the focus noun, or ""
		words []string
	}{
		{"who's mediating?", typeAgent, "", []string{"mediat"}},
		{"What's the hostage deal?", typeClause, "", []string{"hostag", "deal"}},
		{"how many hostages were taken?", typeNumber, "hostag", []string{"hostag", "take"}},
		{"How many American soldiers were killed?", typeNumber, "soldier", []string{"american", "soldier", "kill"}},
		{"When did the war start?", typeDate, "", []string{"war", "start"}},
		{"what year did the war start?", typeDate, "", []string{"war", "start"}},
		{"Where did the meeting take place?", typePlace, "", []string{"meet", "take", "place"}},
		{"Which country is mediating?", typePlace, "", []string{"mediat"}},
		{"how long was the meeting?", typeDuration, "", []string{"meet"}},
		{"How much did the mission cost?", typeMoney, "", []string{"mission", "cost"}},
		{"what percentage of voters backed her?", typePercent, "", []string{"voter", "back"}},
		{"Why is the party holding out?", typeReason, "", []string{"parti", "hold"}},
		{"Is Trump optimistic?", typeYesNo, "", []string{"trump", "optimist"}},
		{"any progress?", typeClause, "", []string{"progress"}},
		{"who is Steve Witkoff?", typeDescribe, "", []string{"steve", "witkoff"}},
		{"who is steve witkoff", typeDescribe, "", []string{"steve", "witkoff"}},
		{"who is the president?", typeAgent, "", []string{"presid"}},
		{"WHO IS MEDIATING", typeAgent, "", []string{"mediat"}},
		{"What was the population in 1901?", typeClause, "", []string{"popul", "1901"}},
		{"how many people died in nine days?", typeNumber, "peopl", []string{"peopl", "die", "9", "day"}},
	}
	for _, tt := range tests {
		p, err := parseQuestion(tt.q)
		if err != nil {
			t.Errorf("parseQuestion(%q): %v", tt.q, err)
			continue
		}
		if p.kind != tt.kind {
			t.Errorf("parseQuestion(%q).kind = %v, want %v", tt.q, p.kind, tt.kind)
		}
		if p.focus != tt.focus {
			t.Errorf("parseQuestion(%q).focus = %q, want %q", tt.q, p.focus, tt.focus)
		}
		var got []string
		for _, w := range p.words {
			got = append(got, w.stem)
		}
		if strings.Join(got, " ") != strings.Join(tt.words, " ") {
			t.Errorf("parseQuestion(%q) words = %q, want %q", tt.q, got, tt.words)
		}
	}
}

func TestParseQuestionBadInput(t *testing.T) {
	tests := []struct {
		name string
		q    string
		want error
	}{
		{"empty", "", ErrEmptyQuestion},
		{"blank", " \t\n ", ErrEmptyQuestion},
		{"too long", strings.Repeat("how many hostages ", 6000), ErrQuestionTooLong},
		{"emoji", "🤔🤔❓", ErrNoWords},
		{"punctuation", "?!?...", ErrNoWords},
		{"other script", "停火协议是什么？", ErrNotEnglish},
		{"invalid utf-8", "who\xff\xfe?", ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseQuestion(tt.q)
			if !errors.Is(err, tt.want) {
				t.Errorf("parseQuestion(%.40q) error = %v, want %v", tt.q, err, tt.want)
			}
		})
	}
	// SQL and HTML are only words.
	for _, q := range []string{"'; DROP TABLE articles; --", "<script>alert('who')</script>", "who?<b>mediates</b>"} {
		if _, err := parseQuestion(q); err != nil {
			t.Errorf("parseQuestion(%q): %v", q, err)
		}
	}
}

func FuzzParseQuestion(f *testing.F) {
	for _, s := range []string{
		"who's mediating?", "how many hostages were taken?", "What was the score?", "Is Trump optimistic?",
		"any progress?", "how much", "what kind of", "how", "which", "who is", "", "🤔", "\xff",
		"'; DROP TABLE x; --", "<b>who</b>", "how many many many", "what's the deal with the hostages",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := parseQuestion(q)
		if err != nil {
			return
		}
		if !utf8.ValidString(q) {
			t.Fatalf("accepted invalid UTF-8 %q", q)
		}
		if int(p.kind) >= len(typeNames) {
			t.Fatalf("kind %d out of range", p.kind)
		}
		for _, w := range p.words {
			if w.stem == "" {
				t.Fatalf("empty stem in %q", q)
			}
		}
	})
}

// FuzzAsk checks that no question makes Ask panic or answer with a
// number its evidence does not hold.
func FuzzAsk(f *testing.F) {
	for _, s := range []string{"who's mediating?", "how many hostages?", "when did it start?", "Is Trump optimistic?", "what's the deal", "🤔?", "<b>who</b>", "how many many"} {
		f.Add(s)
	}
	e := sampleEngine(f)
	f.Fuzz(func(t *testing.T, q string) {
		a, err := e.Guess(context.Background(), q)
		if err != nil {
			return
		}
		for _, tok := range tokenize(a.Text) {
			if tok.Kind == tokNumber && !strings.Contains(a.Sentence, tok.Text) {
				t.Fatalf("Guess(%q) = %q: %s is not in its evidence %q", q, a.Text, tok.Text, a.Sentence)
			}
		}
	})
}
