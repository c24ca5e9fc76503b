package chat

import (
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/briefing"
)

// AbstainText is what the bot says when the articles do not answer a question.
const AbstainText = "I couldn't find that in the articles I have."

// RenderText renders a reply as plain text for terminals and as the fallback
// text of richer platform messages.
func RenderText(r Reply) string {
	var b strings.Builder
	switch {
	case r.Answer != nil:
		writeAnswer(&b, *r.Answer)
	case r.Figures != nil:
		b.WriteString("Key figures\n")
		for _, f := range r.Figures {
			fmt.Fprintf(&b, "• %s — %s\n", FigureText(f), f.Label)
		}
	case r.Who != nil:
		writeWho(&b, *r.Who)
	case r.Brief != nil:
		writeBrief(&b, *r.Brief)
	case r.Digest != nil:
		writeDigest(&b, *r.Digest)
	default:
		b.WriteString(r.Text)
	}
	return strings.TrimRight(b.String(), "\n")
}

// FigureText is a figure as a reader sees it: its hedge and its text ("about 1,200").
func FigureText(f briefing.Figure) string {
	if f.Hedge != "" {
		return f.Hedge + " " + f.Text
	}
	return f.Text
}

// EntityLine is an entity as one line of who's who: "Name — role".
func EntityLine(e briefing.Entity) string {
	if e.Role != "" {
		return e.Name + " — " + e.Role
	}
	return e.Name
}

func writeAnswer(b *strings.Builder, a briefing.Answer) {
	if a.Abstained {
		b.WriteString(AbstainText + "\n")
		if len(a.Suggestions) > 0 {
			b.WriteString("You could ask:\n")
			for _, s := range a.Suggestions {
				b.WriteString("  • " + s + "\n")
			}
		}
		return
	}
	b.WriteString(a.Text + "\n")
	if a.Sentence != "" {
		b.WriteString("  “" + a.Sentence + "”\n")
	}
	if a.Source != "" {
		b.WriteString("  — " + a.Source + "\n")
	}
}

// WhoGroup is one non-empty group of who's who, titled for readers.
type WhoGroup struct {
	Title    string
	Entities []briefing.Entity
}

// WhoGroups lists who's who as titled groups (people, organisations,
// places), leaving out empty ones.
func WhoGroups(w briefing.Who) []WhoGroup {
	var out []WhoGroup
	for _, g := range []WhoGroup{{"People", w.People}, {"Organisations", w.Organizations}, {"Places", w.Places}} {
		if len(g.Entities) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func writeWho(b *strings.Builder, w briefing.Who) {
	for _, g := range WhoGroups(w) {
		b.WriteString(g.Title + "\n")
		for _, e := range g.Entities {
			b.WriteString("• " + EntityLine(e) + "\n")
		}
	}
}

func writeBrief(b *strings.Builder, br briefing.Brief) {
	b.WriteString(br.Headline + "\n")
	for _, l := range br.Bullets {
		b.WriteString("• " + l + "\n")
	}
}

func writeDigest(b *strings.Builder, d Digest) {
	b.WriteString(d.Title + "\n")
	if len(d.Stories) == 0 {
		b.WriteString("Nothing new since the last digest.\n")
		return
	}
	for _, s := range d.Stories {
		b.WriteString("\n")
		writeBrief(b, s.Brief)
		for _, c := range s.Changes {
			b.WriteString("  Changed: " + c + "\n")
		}
		if s.Source != "" {
			b.WriteString("  — " + s.Source + "\n")
		}
	}
}
