package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func renderCases() []struct {
	name  string
	reply chat.Reply
} {
	many := make([]briefing.Figure, 600)
	for i := range many {
		many[i] = briefing.Figure{Text: strings.Repeat("9", i%7+1), Label: "a figure with a label"}
	}
	long := strings.Repeat("The mediators met again in Cairo on Monday & talked late. ", 200)
	return []struct {
		name  string
		reply chat.Reply
	}{
		{"answer", chat.Reply{Answer: &briefing.Answer{
			Question: "what's the hostage deal?",
			Text:     "the release of all 20 living hostages <in phases>",
			Sentence: "The deal provides for the release of all 20 living hostages in phases, officials said.",
			Source:   "Gaza ceasefire talks",
		}}},
		{"abstain", chat.Reply{Answer: &briefing.Answer{
			Question: "what's the weather?", Abstained: true,
			Suggestions: []string{"Who is mediating?", "How many hostages were taken?", "Where are the talks held?", "When did the talks start?", "What did Hamas say?", "A sixth suggestion is not shown"},
		}}},
		{"figures", chat.Reply{Figures: []briefing.Figure{
			{Text: "1,200", Hedge: "about", Label: "people killed on October 7, 2023", Attribution: "Israeli officials"},
			{Text: "251", Label: "hostages taken"},
			{Text: "20", Label: "living hostages still held"},
		}}},
		{"figures_many", chat.Reply{Figures: many}},
		{"who", chat.Reply{Who: &briefing.Who{
			People:        []briefing.Entity{{Name: "Steve Witkoff", Role: "Trump's Middle East envoy"}, {Name: "Khalil al-Hayya", Role: "Hamas's chief negotiator"}},
			Organizations: []briefing.Entity{{Name: "Hamas"}, {Name: "Qatar's foreign ministry", Role: "mediator"}},
			Places:        []briefing.Entity{{Name: "Sharm el-Sheikh"}},
		}}},
		{"brief", chat.Reply{Brief: &briefing.Brief{Headline: "Ceasefire talks resume in Egypt", Bullets: []string{"Negotiators met in Sharm el-Sheikh.", "The first phase covers hostage releases."}}}},
		{"digest", chat.Reply{Digest: &chat.Digest{Title: "Daily briefing, Tuesday 25 November", Stories: []chat.DigestStory{{
			Brief:   briefing.Brief{Headline: "Ceasefire talks resume", Bullets: []string{"Negotiators met."}},
			Changes: []string{"fatalities 57,500 → 58,000"},
			Source:  "Reuters", URL: "https://example.com/story?a=1&b=2",
		}}}}},
		{"text_long", chat.Reply{Text: long}},
		{"help", chat.Reply{Text: "Ask me anything about the articles I have, or use a command:\n  /ask <question> — answer a question", Ephemeral: true}},
	}
}

func TestRenderGolden(t *testing.T) {
	for _, tc := range renderCases() {
		if strings.HasSuffix(tc.name, "_many") || strings.HasSuffix(tc.name, "_long") {
			continue // too big for a readable golden file; see TestRenderLimits
		}
		t.Run(tc.name, func(t *testing.T) {
			m := render(tc.reply)
			got, err := json.MarshalIndent(map[string]any{"text": m.Text, "blocks": m.Blocks}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("render(%s) differs from %s (go test -update rewrites it)\ngot:\n%s", tc.name, path, got)
			}
		})
	}
}

// TestRenderLimits checks every rendered case against Slack's limits, after
// a round trip through slack-go's own Block Kit decoding.
func TestRenderLimits(t *testing.T) {
	for _, tc := range renderCases() {
		t.Run(tc.name, func(t *testing.T) {
			m := render(tc.reply)
			if n := utf8.RuneCountInString(m.Text); n > 4000 || n == 0 {
				t.Errorf("fallback text has %d characters, want 1..4000", n)
			}
			if len(m.Blocks) > maxBlocks || len(m.Blocks) == 0 {
				t.Errorf("%d blocks, want 1..%d", len(m.Blocks), maxBlocks)
			}
			data, err := json.Marshal(slack.Blocks{BlockSet: m.Blocks})
			if err != nil {
				t.Fatal(err)
			}
			var back slack.Blocks
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatalf("slack-go cannot decode the blocks: %v", err)
			}
			for i, b := range back.BlockSet {
				switch b := b.(type) {
				case *slack.SectionBlock:
					if b.Text != nil && utf8.RuneCountInString(b.Text.Text) > maxSectionText {
						t.Errorf("block %d: section text of %d characters", i, utf8.RuneCountInString(b.Text.Text))
					}
					if len(b.Fields) > maxFields {
						t.Errorf("block %d: %d fields", i, len(b.Fields))
					}
					for _, f := range b.Fields {
						if utf8.RuneCountInString(f.Text) > maxFieldText {
							t.Errorf("block %d: field of %d characters", i, utf8.RuneCountInString(f.Text))
						}
					}
					if b.Text == nil && len(b.Fields) == 0 {
						t.Errorf("block %d: empty section", i)
					}
				case *slack.HeaderBlock:
					if utf8.RuneCountInString(b.Text.Text) > maxHeaderText {
						t.Errorf("block %d: header of %d characters", i, utf8.RuneCountInString(b.Text.Text))
					}
				case *slack.ActionBlock:
					if len(b.Elements.ElementSet) > maxButtons {
						t.Errorf("block %d: %d buttons", i, len(b.Elements.ElementSet))
					}
				}
			}
		})
	}
}

func TestRenderManyFiguresSaysHowManyAreLeftOut(t *testing.T) {
	figs := make([]briefing.Figure, 600)
	for i := range figs {
		figs[i] = briefing.Figure{Text: "1", Label: "x"}
	}
	m := render(chat.Reply{Figures: figs})
	shown := 0
	for _, b := range m.Blocks {
		if s, ok := b.(*slack.SectionBlock); ok {
			shown += len(s.Fields)
		}
	}
	last, ok := m.Blocks[len(m.Blocks)-1].(*slack.ContextBlock)
	if !ok {
		t.Fatalf("last block is %T, want a context note", m.Blocks[len(m.Blocks)-1])
	}
	note := last.ContextElements.Elements[0].(*slack.TextBlockObject).Text
	if want := fmt.Sprintf("…and %d more figures", 600-shown); !strings.Contains(note, want) {
		t.Errorf("note %q does not say %q", note, want)
	}
}

func TestRenderLongTextKeepsEverything(t *testing.T) {
	long := strings.Repeat("word ", 2000) // 10,000 characters: four sections
	m := render(chat.Reply{Text: long})
	var joined []string
	for _, b := range m.Blocks {
		joined = append(joined, b.(*slack.SectionBlock).Text.Text)
	}
	if got, want := strings.Join(joined, " "), strings.TrimSpace(long); got != want {
		t.Errorf("split lost text: got %d characters, want %d", len(got), len(want))
	}
	if !strings.HasSuffix(m.Text, "…") {
		t.Errorf("trimmed fallback text does not end with …: %q", m.Text[len(m.Text)-20:])
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"supercalifragilistic", 10, "supercali…"},
		{"fish &amp; chips", 9, "fish…"},
		{"ünïcödé wörds hérè", 12, "ünïcödé…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.max); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if got := truncate(tt.in, tt.max); utf8.RuneCountInString(got) > tt.max {
			t.Errorf("truncate(%q, %d) = %q is too long", tt.in, tt.max, got)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string
	}{
		{"", 5, []string{""}},
		{"one two three", 20, []string{"one two three"}},
		{"one two three", 8, []string{"one two", "three"}},
		{"line one\nline two", 12, []string{"line one", "line two"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a &amp; b", 6, []string{"a", "&amp;", "b"}},
		{"abc&amp;def", 6, []string{"abc", "&amp;d", "ef"}},
	}
	for _, tt := range tests {
		got := split(tt.in, tt.max)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"a < b & c > d": "a &lt; b &amp; c &gt; d", "plain": "plain"} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
		if got := unescape(escape(in)); got != in {
			t.Errorf("unescape(escape(%q)) = %q", in, got)
		}
	}
}
