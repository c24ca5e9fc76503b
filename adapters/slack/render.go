package slack

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// Slack's message limits (see the Block Kit reference). The fallback text is
// kept well under the 4,000 characters Slack shows in full.
const (
	maxFallback    = 3900
	maxBlocks      = 50
	maxSectionText = 3000
	maxFields      = 10
	maxFieldText   = 2000
	maxHeaderText  = 150
	maxContextText = 2000
	maxButtons     = 5
	maxButtonText  = 75
	maxButtonValue = 2000
)

// suggestionAction prefixes the action_id of the buttons that ask a
// suggested question.
const suggestionAction = "ask_suggestion"

// message is a reply rendered for Slack: Block Kit blocks and the plain-text
// fallback that notifications and old clients show.
type message struct {
	Text   string
	Blocks []slack.Block
}

// render turns a platform-neutral reply into a Slack message within Slack's
// limits. Long content is split across blocks, or trimmed at a word boundary
// with a visible "…" and a note saying how much was left out.
func render(r chat.Reply) message {
	b := &blockList{}
	switch {
	case r.Answer != nil:
		renderAnswer(b, *r.Answer)
	case r.Figures != nil:
		renderFigures(b, r.Figures)
	case r.Who != nil:
		renderWho(b, *r.Who)
	case r.Brief != nil:
		renderBrief(b, *r.Brief)
	case r.Digest != nil:
		renderDigest(b, *r.Digest)
	default:
		b.text(escape(r.Text))
	}
	return message{Text: truncate(escape(chat.RenderText(r)), maxFallback), Blocks: b.blocks}
}

// blockList collects blocks, keeping room for a closing note.
type blockList struct {
	blocks []slack.Block
}

// room reports how many more blocks fit, keeping one for a closing note.
func (b *blockList) room() int { return maxBlocks - 1 - len(b.blocks) }

func (b *blockList) add(bl ...slack.Block) { b.blocks = append(b.blocks, bl...) }

// text adds mrkdwn text as one or more sections, split at paragraph or word
// boundaries; what does not fit is noted, not dropped silently.
func (b *blockList) text(s string) {
	chunks := split(strings.TrimSpace(s), maxSectionText)
	for i, c := range chunks {
		if b.room() <= 0 {
			b.note(fmt.Sprintf("_…%d more characters not shown._", charsIn(chunks[i:])))
			return
		}
		b.add(section(c))
	}
}

func (b *blockList) header(s string) {
	b.add(slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, truncate(s, maxHeaderText), false, false)))
}

func (b *blockList) note(s string) {
	b.add(slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, truncate(s, maxContextText), false, false)))
}

// fields adds field sections, ten fields a section.
func (b *blockList) fields(list []string, noun string) {
	for i := 0; i < len(list); i += maxFields {
		if b.room() <= 0 {
			b.note(fmt.Sprintf("_…and %d more %s._", len(list)-i, noun))
			return
		}
		var objs []*slack.TextBlockObject
		for _, f := range list[i:min(i+maxFields, len(list))] {
			objs = append(objs, slack.NewTextBlockObject(slack.MarkdownType, truncate(f, maxFieldText), false, false))
		}
		b.add(slack.NewSectionBlock(nil, objs, nil))
	}
}

func section(s string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, s, false, false), nil, nil)
}

func renderAnswer(b *blockList, a briefing.Answer) {
	if a.Abstained {
		b.text(escape(chat.AbstainText))
		if len(a.Suggestions) == 0 {
			return
		}
		b.text("You could ask:")
		var buttons []slack.BlockElement
		for i, s := range a.Suggestions[:min(len(a.Suggestions), maxButtons)] {
			label := slack.NewTextBlockObject(slack.PlainTextType, truncate(s, maxButtonText), false, false)
			buttons = append(buttons, slack.NewButtonBlockElement(suggestionAction+"_"+strconv.Itoa(i), truncate(s, maxButtonValue), label))
		}
		b.add(slack.NewActionBlock("suggestions", buttons...))
		return
	}
	b.text("*" + escape(strings.TrimSpace(a.Text)) + "*")
	if a.Sentence != "" {
		b.text(quote(escape(a.Sentence)))
	}
	if a.Source != "" {
		b.note("Source: " + escape(a.Source))
	}
}

func renderFigures(b *blockList, figs []briefing.Figure) {
	b.header("Key figures")
	list := make([]string, 0, len(figs))
	for _, f := range figs {
		s := "*" + escape(chat.FigureText(f)) + "*\n" + escape(f.Label)
		if f.Attribution != "" {
			s += " _(" + escape(f.Attribution) + ")_"
		}
		list = append(list, s)
	}
	b.fields(list, "figures")
}

func renderWho(b *blockList, w briefing.Who) {
	b.header("Who's who")
	for _, g := range chat.WhoGroups(w) {
		if b.room() <= 1 {
			b.note("_…more not shown._")
			return
		}
		b.add(section("*" + g.Title + "*"))
		list := make([]string, 0, len(g.Entities))
		for _, e := range g.Entities {
			s := "*" + escape(e.Name) + "*"
			if e.Role != "" {
				s += "\n" + escape(e.Role)
			}
			list = append(list, s)
		}
		b.fields(list, strings.ToLower(g.Title))
	}
}

func renderBrief(b *blockList, br briefing.Brief) {
	if br.Headline != "" {
		b.header(br.Headline)
	}
	if len(br.Bullets) > 0 {
		b.text(bullets(br.Bullets))
	}
}

func renderDigest(b *blockList, d chat.Digest) {
	b.header(d.Title)
	if len(d.Stories) == 0 {
		b.text("Nothing new since the last digest.")
		return
	}
	for i, s := range d.Stories {
		// A story needs a divider, its text and its source line.
		if b.room() < 3 {
			b.note(fmt.Sprintf("_…and %d more stories._", len(d.Stories)-i))
			return
		}
		b.add(slack.NewDividerBlock())
		var t strings.Builder
		t.WriteString("*" + escape(s.Brief.Headline) + "*")
		if len(s.Brief.Bullets) > 0 {
			t.WriteString("\n" + bullets(s.Brief.Bullets))
		}
		for _, c := range s.Changes {
			t.WriteString("\nChanged: " + escape(c))
		}
		b.add(section(truncate(t.String(), maxSectionText)))
		switch {
		case s.URL != "" && s.Source != "":
			b.note("<" + escape(s.URL) + "|" + escape(s.Source) + ">")
		case s.URL != "":
			b.note(escape(s.URL))
		case s.Source != "":
			b.note(escape(s.Source))
		}
	}
}

func bullets(list []string) string {
	var t strings.Builder
	for i, l := range list {
		if i > 0 {
			t.WriteByte('\n')
		}
		t.WriteString("• " + escape(l))
	}
	return t.String()
}

// quote formats s as a mrkdwn block quote.
func quote(s string) string {
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}

// escape escapes the three characters Slack's mrkdwn reserves.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// unescape reverses escape on text that Slack sends.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// truncate shortens s to at most max characters, cutting at a word boundary
// when there is one in the last third, never inside an &entity;, and ending
// with "…" so the reader sees that text was left out.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := byteOffset(s, max-1)
	head := s[:cut]
	if i := strings.LastIndexAny(head, " \n\t"); i > len(head)*2/3 {
		head = head[:i]
	}
	if i := strings.LastIndexByte(head, '&'); i >= 0 && !strings.Contains(head[i:], ";") {
		head = head[:i]
	}
	return strings.TrimRight(head, " \n\t") + "…"
}

// split cuts s into chunks of at most max characters, preferring line
// breaks, then spaces; no text is lost.
func split(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) > max {
		cut := byteOffset(s, max)
		head := s[:cut]
		i := strings.LastIndexByte(head, '\n')
		if i < len(head)/2 {
			i = strings.LastIndexByte(head, ' ')
		}
		if i <= 0 {
			i = cut
			if j := strings.LastIndexByte(head, '&'); j > 0 && !strings.Contains(head[j:], ";") {
				i = j
			}
		}
		out = append(out, strings.TrimRight(s[:i], " \n"))
		s = strings.TrimLeft(s[i:], " \n")
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

// byteOffset returns the byte offset of the n-th rune of s.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func charsIn(list []string) int {
	n := 0
	for _, s := range list {
		n += utf8.RuneCountInString(s)
	}
	return n
}
