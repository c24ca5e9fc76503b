package briefing

import (
	"strings"
	"unicode/utf8"
)

// maxBriefChars caps a brief's headline and bullets together.
const maxBriefChars = 1000

// maxHeadlineChars caps a brief's headline.
const maxHeadlineChars = 200

// maxBulletChars caps one bullet taken from a sentence.
const maxBulletChars = 230

// openQuestionCues mark sentences about what is unresolved.
var openQuestionCues = []string{
	"no substantial progress", "not yet", "yet to", "unclear", "unresolved", "sticking point",
	"more time", "would be required", "uncertain", "undecided", "pending", "disputed", "awaiting",
	"unknown", "no agreement", "no deal", "remains to be", "has not", "have not", "did not say",
	"declined to", "will decide", "is expected", "are expected", "was expected", "could still",
	"cautioning", "warned", "questions remain", "still", "deadline", "next week", "next month",
	"investigation", "appeal", "will resume", "talks resumed", "no date", "not clear",
	"whether", "needs", "faces", "appealed", "unless", "could face", "at risk", "negotiating", "negotiations",
}

// cuesByFirstWord indexes openQuestionCues, split into words, by their first word.
var cuesByFirstWord = func() map[string][][]string {
	m := map[string][][]string{}
	for _, c := range openQuestionCues {
		w := strings.Fields(c)
		m[w[0]] = append(m[w[0]], w)
	}
	return m
}()

// cueCount counts the open-question cues in a sentence's words.
func cueCount(toks []token) int {
	n := 0
	for i, t := range toks {
		for _, cue := range cuesByFirstWord[t.Lower] {
			if i+len(cue) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(cue); k++ {
				if toks[i+k].Lower != cue[k] {
					ok = false
					break
				}
			}
			if ok {
				n++
			}
		}
	}
	return n
}

// buildBrief writes the headline and three to five bullets: what
// happened, the key numbers, who is involved, what is unresolved, and the
// most central remaining sentence when there is room.
func buildBrief(an *Analysis) Brief {
	a := an.Article
	b := Brief{Headline: shorten(strings.TrimSpace(a.Title), maxHeadlineChars), Bullets: []string{}}
	var body []*Sentence
	for i := range an.Sentences {
		if an.Sentences[i].Part == PartBody {
			body = append(body, &an.Sentences[i])
		}
	}
	used := map[int]bool{}
	// What happened: the lede, else the first body sentence.
	var lead string
	var leadSent *Sentence
	for i := range an.Sentences {
		if an.Sentences[i].Part == PartLede {
			lead, leadSent = an.Sentences[i].Text, &an.Sentences[i]
			break
		}
	}
	if lead == "" && len(body) > 0 {
		lead, leadSent = body[0].Text, body[0]
		used[body[0].Index] = true
	}
	leadWords := wordsOf(leadSent)
	if b.Headline == "" {
		if lead == "" {
			return b
		}
		b.Headline = shorten(lead, 120)
	}
	if lead != "" {
		b.Bullets = append(b.Bullets, shorten(lead, maxBulletChars))
	}
	if nums := figureBullet(an.Figures); nums != "" {
		b.Bullets = append(b.Bullets, nums)
	}
	if who := whoBullet(an.Who); who != "" {
		b.Bullets = append(b.Bullets, who)
	}
	// What is unresolved.
	best, bestScore := -1, 0
	for _, s := range body {
		if used[s.Index] || overlaps(s, leadWords) {
			continue
		}
		score := cueCount(s.tokens)
		if r, _ := utf8.DecodeRuneInString(s.Text); r == '"' || r == '“' || len(s.tokens) < 8 {
			score-- // a quotation or a fragment tells less than a reported fact
		}
		if score > bestScore {
			best, bestScore = s.Index, score
		}
	}
	if best >= 0 {
		b.Bullets = append(b.Bullets, "Open: "+shorten(an.Sentences[best].Text, maxBulletChars))
		used[best] = true
	}
	// The most central remaining sentence, when the brief is short.
	if len(b.Bullets) < 4 {
		if s := centralSentence(an, body, used, leadWords); s != nil {
			b.Bullets = append(b.Bullets, shorten(s.Text, maxBulletChars))
		}
	}
	// Keep within the length limit, dropping the last bullets first.
	for len(b.Bullets) > 1 && briefLen(b) > maxBriefChars {
		b.Bullets = b.Bullets[:len(b.Bullets)-1]
	}
	if briefLen(b) > maxBriefChars && len(b.Bullets) > 0 {
		b.Bullets[0] = shorten(b.Bullets[0], maxBriefChars-utf8.RuneCountInString(b.Headline)-10)
	}
	return b
}

func briefLen(b Brief) int {
	n := utf8.RuneCountInString(b.Headline)
	for _, l := range b.Bullets {
		n += utf8.RuneCountInString(l) + 1
	}
	return n
}

// wordSet is the set of a sentence's lower-case words.
type wordSet map[string]bool

func wordsOf(s *Sentence) wordSet {
	if s == nil {
		return nil
	}
	w := make(wordSet, len(s.tokens))
	for _, t := range s.tokens {
		if t.isWord() || t.Kind == tokNumber {
			w[t.Lower] = true
		}
	}
	return w
}

// overlaps reports whether a sentence shares most of its words with the
// lead, as a first paragraph retelling the lede does.
func overlaps(s *Sentence, lead wordSet) bool {
	if len(lead) == 0 {
		return false
	}
	n, shared := 0, 0
	for _, t := range s.tokens {
		if t.isWord() || t.Kind == tokNumber {
			n++
			if lead[t.Lower] {
				shared++
			}
		}
	}
	return n > 0 && shared*2 > n
}

// figureBullet lists the top figures in words: "Key figures: about 1,200 Israeli deaths; ...".
func figureBullet(figs []Figure) string {
	var parts []string
	seen := map[float64]bool{}
	for _, f := range figs {
		if len(parts) == 4 {
			break
		}
		if f.Unit == "ordinal" || utf8.RuneCountInString(f.Label) > 60 || seen[f.Value] {
			continue
		}
		seen[f.Value] = true
		parts = append(parts, FigurePhrase(f))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Key figures: " + strings.Join(parts, "; ") + "."
}

// FigurePhrase writes a figure as a phrase a reader understands:
// "about 1,200 Israeli deaths on October 7, 2023 (according to the health ministry)".
func FigurePhrase(f Figure) string {
	p := f.Text
	if f.Hedge != "" {
		p = f.Hedge + " " + p
	}
	switch {
	case strings.Contains(f.Label, "("+f.Text) || strings.Contains(f.Label, " "+f.Text+" "):
		p = f.Label
	case f.labelFirst:
		if i := strings.Index(f.Label, " (share of "); i >= 0 {
			p = f.Label[:i] + " " + p + " (" + f.Label[i+2:]
		} else {
			p = f.Label + " " + p
		}
	case f.Label != "":
		p += " " + f.Label
	}
	if f.Attribution != "" {
		p += " (" + f.Attribution + ")"
	}
	return p
}

// whoBullet names the main people with their roles, and the main
// organisations and places.
func whoBullet(w Who) string {
	var parts []string
	for _, p := range w.People {
		if len(parts) == 3 {
			break
		}
		if p.Role != "" {
			parts = append(parts, p.Name+" ("+p.Role+")")
		} else {
			parts = append(parts, p.Name)
		}
	}
	n := 0
	for _, o := range w.Organizations {
		if n == 2 {
			break
		}
		parts = append(parts, o.Name)
		n++
	}
	n = 0
	for _, p := range w.Places {
		if n == 2 {
			break
		}
		parts = append(parts, p.Name)
		n++
	}
	if len(parts) == 0 {
		return ""
	}
	return "Involved: " + strings.Join(parts, ", ") + "."
}

// centralSentence returns the unused body sentence with the most
// entities, numbers and headline words, or nil.
func centralSentence(an *Analysis, body []*Sentence, used map[int]bool, lead wordSet) *Sentence {
	head := map[string]bool{}
	for _, s := range an.Sentences {
		if s.Part == PartHeadline {
			for _, t := range s.tokens {
				if t.isWord() && !npStop[t.Lower] && len(t.Lower) > 3 {
					head[t.Lower] = true
				}
			}
		}
	}
	var best *Sentence
	bestScore := 0.0
	for _, s := range body {
		if used[s.Index] || overlaps(s, lead) {
			continue
		}
		sc := float64(len(s.Mentions))
		for _, t := range s.tokens {
			if head[t.Lower] {
				sc += 1.5
			}
		}
		sc -= float64(s.Index) * 0.1
		if sc > bestScore {
			best, bestScore = s, sc
		}
	}
	return best
}

// shorten cuts text to at most n runes, at a clause or word boundary, with an ellipsis.
func shorten(text string, n int) string {
	if n < 10 {
		n = 10
	}
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	// Byte offset of the n-th rune.
	cut := len(text)
	count := 0
	for i := range text {
		if count == n-1 {
			cut = i
			break
		}
		count++
	}
	s := text[:cut]
	if i := strings.LastIndex(s, ", "); i > n/2 {
		return s[:i] + "…"
	}
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		return strings.TrimRight(s[:i], ",;:") + "…"
	}
	return s + "…"
}
