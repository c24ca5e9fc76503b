package discord

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// Discord's message limits, in characters (counted as UTF-16 code units, as
// Discord does). A message over them is refused with a 400.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedsTotal = 6000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
)

// Embed colours.
const (
	colorAnswer  = 0x2e7d32
	colorAbstain = 0x9e9e9e
	colorInfo    = 0x1565c0
)

// blank is what an embed field shows where it must not be empty.
const blank = "\u200b"

// message is one Discord message within Discord's limits.
type message struct {
	Content   string                    `json:"content,omitempty"`
	Embeds    []*discordgo.MessageEmbed `json:"embeds,omitempty"`
	Ephemeral bool                      `json:"ephemeral,omitempty"`
}

// render turns a reply into the messages that carry it: embeds for engine
// results, plain content for text. Long replies are split over several
// embeds and messages, never cut short, so Discord never refuses one.
func render(r chat.Reply) []message {
	var specs []embedSpec
	switch {
	case r.Answer != nil:
		specs = []embedSpec{answerEmbed(*r.Answer)}
	case r.Figures != nil:
		specs = []embedSpec{figuresEmbed(r.Figures)}
	case r.Who != nil:
		specs = whoEmbeds(*r.Who)
	case r.Brief != nil:
		specs = []embedSpec{briefEmbed(*r.Brief, "", "")}
	case r.Digest != nil:
		specs = digestEmbeds(*r.Digest)
	default:
		return textMessages(r.Text, r.Ephemeral)
	}
	var embeds []*discordgo.MessageEmbed
	for _, s := range specs {
		embeds = append(embeds, s.build()...)
	}
	if len(embeds) == 0 {
		return textMessages(chat.RenderText(r), r.Ephemeral)
	}
	return pack(embeds, r.Ephemeral)
}

func textMessages(text string, ephemeral bool) []message {
	if strings.TrimSpace(text) == "" {
		text = "…"
	}
	var out []message
	for _, c := range split(text, maxContent) {
		out = append(out, message{Content: c, Ephemeral: ephemeral})
	}
	return out
}

// pack groups embeds into messages of at most maxEmbeds embeds and
// maxEmbedsTotal characters.
func pack(embeds []*discordgo.MessageEmbed, ephemeral bool) []message {
	var out []message
	cur, total := message{Ephemeral: ephemeral}, 0
	for _, e := range embeds {
		n := embedLen(e)
		if len(cur.Embeds) == maxEmbeds || (len(cur.Embeds) > 0 && total+n > maxEmbedsTotal) {
			out = append(out, cur)
			cur, total = message{Ephemeral: ephemeral}, 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += n
	}
	return append(out, cur)
}

// embedSpec is an embed before it is fitted to Discord's limits.
type embedSpec struct {
	title, url, description, footer string
	color                           int
	fields                          []*discordgo.MessageEmbedField
}

// build fits the spec into one or more embeds: a long description
// continues in further embeds, fields beyond 25 (or beyond the size budget)
// too, and a long field value continues in further fields. Only titles and
// footers, which are labels, are shortened.
func (s embedSpec) build() []*discordgo.MessageEmbed {
	first := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: truncate(s.title, maxTitle), URL: s.url, Color: s.color}
	out := []*discordgo.MessageEmbed{first}
	for i, d := range split(s.description, maxDescription) {
		if i > 0 {
			out = append(out, &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: s.color})
		}
		out[len(out)-1].Description = d
	}
	for _, f := range s.fields {
		for j, v := range split(orBlank(f.Value), maxFieldValue) {
			name := blank
			if j == 0 {
				name = truncate(orBlank(f.Name), maxFieldName)
			}
			field := &discordgo.MessageEmbedField{Name: name, Value: orBlank(v), Inline: f.Inline}
			last := out[len(out)-1]
			if len(last.Fields) == maxFields || embedLen(last)+fieldLen(field) > maxEmbedsTotal {
				last = &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: s.color}
				out = append(out, last)
			}
			last.Fields = append(last.Fields, field)
		}
	}
	if s.footer != "" {
		last := out[len(out)-1]
		room := min(maxFooter, maxEmbedsTotal-embedLen(last))
		if room < 64 && length(s.footer) > room {
			last = &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: s.color}
			out = append(out, last)
			room = maxFooter
		}
		last.Footer = &discordgo.MessageEmbedFooter{Text: truncate(s.footer, room)}
	}
	return out
}

func answerEmbed(a briefing.Answer) embedSpec {
	if a.Abstained {
		var b strings.Builder
		b.WriteString(chat.AbstainText)
		if len(a.Suggestions) > 0 {
			b.WriteString("\n\nYou could ask:")
			for _, s := range a.Suggestions {
				b.WriteString("\n• " + s)
			}
		}
		return embedSpec{title: a.Question, description: b.String(), color: colorAbstain}
	}
	var b strings.Builder
	b.WriteString("**" + strings.TrimSpace(a.Text) + "**")
	if s := strings.TrimSpace(a.Sentence); s != "" {
		b.WriteString("\n\n> " + strings.ReplaceAll(s, "\n", "\n> "))
	}
	footer := ""
	if a.Source != "" {
		footer = "Source: " + a.Source
	}
	return embedSpec{title: a.Question, description: b.String(), footer: footer, color: colorAnswer}
}

func figuresEmbed(figs []briefing.Figure) embedSpec {
	s := embedSpec{title: "Key figures", color: colorInfo}
	for _, f := range figs {
		value := f.Label
		if value == "" {
			value = f.Sentence
		}
		if f.Attribution != "" {
			value += " (" + f.Attribution + ")"
		}
		name := chat.FigureText(f)
		if strings.TrimSpace(name) == "" {
			name = "—"
		}
		s.fields = append(s.fields, &discordgo.MessageEmbedField{Name: name, Value: value})
	}
	return s
}

func whoEmbeds(w briefing.Who) []embedSpec {
	var out []embedSpec
	for _, g := range chat.WhoGroups(w) {
		s := embedSpec{title: g.Title, color: colorInfo}
		for _, e := range g.Entities {
			value := e.Role
			if value == "" {
				value = "mentioned " + strconv.Itoa(e.Mentions) + " times"
				if e.Mentions == 1 {
					value = "mentioned once"
				}
			}
			s.fields = append(s.fields, &discordgo.MessageEmbedField{Name: e.Name, Value: value})
		}
		out = append(out, s)
	}
	return out
}

func briefEmbed(b briefing.Brief, url, footer string) embedSpec {
	var d strings.Builder
	for _, l := range b.Bullets {
		d.WriteString("• " + l + "\n")
	}
	s := embedSpec{title: b.Headline, url: url, description: strings.TrimRight(d.String(), "\n"), footer: footer, color: colorInfo}
	if length(b.Headline) > maxTitle {
		// A headline too long for a title leads the description instead.
		s.title, s.description = "", "**"+b.Headline+"**\n"+s.description
	}
	return s
}

func digestEmbeds(d chat.Digest) []embedSpec {
	head := embedSpec{title: d.Title, color: colorInfo}
	if len(d.Stories) == 0 {
		head.description = "Nothing new since the last digest."
	}
	out := []embedSpec{head}
	for _, st := range d.Stories {
		s := briefEmbed(st.Brief, st.URL, st.Source)
		for _, c := range st.Changes {
			s.description += "\nChanged: " + c
		}
		s.description = strings.TrimLeft(s.description, "\n")
		out = append(out, s)
	}
	return out
}

// length counts characters as Discord does: in UTF-16 code units.
func length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func embedLen(e *discordgo.MessageEmbed) int {
	n := length(e.Title) + length(e.Description)
	if e.Footer != nil {
		n += length(e.Footer.Text)
	}
	if e.Author != nil {
		n += length(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += fieldLen(f)
	}
	return n
}

func fieldLen(f *discordgo.MessageEmbedField) int { return length(f.Name) + length(f.Value) }

func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return blank
	}
	return s
}

// truncate shortens s to at most n characters, ending it with "…" when cut.
func truncate(s string, n int) string {
	if length(s) <= n {
		return s
	}
	return strings.TrimRightFunc(prefix(s, n-1), isSpace) + "…"
}

// prefix is the longest prefix of s of at most n characters.
func prefix(s string, n int) string {
	used := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if w < 0 {
			w = 1
		}
		if used+w > n {
			return s[:i]
		}
		used += w
	}
	return s
}

// split cuts s into pieces of at most n characters, at a line break where
// it can, else at a space, else anywhere between two characters.
func split(s string, n int) []string {
	var out []string
	for length(s) > n {
		p := prefix(s, n)
		cut := strings.LastIndexByte(p, '\n')
		if cut < len(p)/2 {
			if sp := strings.LastIndexByte(p, ' '); sp > cut {
				cut = sp
			}
		}
		if cut <= 0 {
			cut = len(p)
			if cut == 0 { // n smaller than one character: never loop forever
				_, cut = utf8.DecodeRuneInString(s)
			}
		}
		if piece := strings.TrimRightFunc(s[:cut], isSpace); piece != "" {
			out = append(out, piece)
		}
		s = strings.TrimLeftFunc(s[cut:], isSpace)
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }
