package briefing

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Part says where in an article a sentence stands.
type Part uint8

const (
	// PartBody is a sentence of the article's body.
	PartBody Part = iota
	// PartHeadline is the headline.
	PartHeadline
	// PartLede is the one-sentence summary that opens some articles.
	PartLede
	// PartStandfirst is the subheading under the headline.
	PartStandfirst
)

// MentionKind classifies a mention in a sentence.
type MentionKind uint8

const (
	// MentionPerson names a person ("Benjamin Netanyahu", "Netanyahu").
	MentionPerson MentionKind = iota + 1
	// MentionOrganization names an organisation ("Hamas", "the Qatari foreign ministry").
	MentionOrganization
	// MentionPlace names a country, city or region, or its demonym ("Gaza", "Qatari").
	MentionPlace
	// MentionNumber is a quantity ("1,200", "nine", "60-day", "$5 million").
	MentionNumber
	// MentionDate is a calendar date or day ("October 7, 2023", "Tuesday", "last week").
	MentionDate
	// MentionTime is a clock time ("17:00 EST", "9 a.m.").
	MentionTime
)

// String names the kind ("person", "number"...).
func (k MentionKind) String() string {
	switch k {
	case MentionPerson:
		return "person"
	case MentionOrganization:
		return "organization"
	case MentionPlace:
		return "place"
	case MentionNumber:
		return "number"
	case MentionDate:
		return "date"
	case MentionTime:
		return "time"
	}
	return "unknown"
}

// Mention is a span of a sentence that names something a question can ask
// for: an entity, a number, a date or a time.
type Mention struct {
	// Kind classifies the mention.
	Kind MentionKind
	// Text is the mention as written.
	Text string
	// Start and End are Text's byte offsets in the sentence.
	Start, End int
	// Name is the canonical name of an entity mention ("Donald Trump" for
	// "Trump"); for a place given by its demonym, the place ("Qatar" for "Qatari").
	Name string
	// Value and Max are a number mention's value and, for a range, upper bound.
	Value, Max float64
	// Unit is a number mention's unit ("people", "USD", "percent", "days").
	Unit string
	// Figure indexes the number's entry in Analysis.Figures, or is -1.
	Figure int
}

// Sentence is one sentence of an article with what it mentions.
type Sentence struct {
	// Text is the sentence as written.
	Text string
	// Part says whether the sentence is the headline, the lede, the standfirst or body text.
	Part Part
	// Para indexes the sentence's paragraph in Article.Paragraphs; -1 outside the body.
	Para int
	// Index is the sentence's position in Analysis.Sentences.
	Index int
	// Mentions are the entities, numbers, dates and times of the sentence, in text order.
	Mentions []Mention

	// tokens are the sentence's words, numbers and punctuation, with
	// offsets into Text, while the article is analysed; the engine releases
	// them once it has indexed the article (see words).
	tokens []token
	// ntok counts the sentence's tokens, released or not.
	ntok int
}

// words returns the sentence's tokens, tokenizing its text again when they
// were released: a query reads few sentences, and holding every token of
// every article would take ten times the memory of the text.
func (s *Sentence) words() []token {
	if s.tokens != nil || s.ntok == 0 {
		return s.tokens
	}
	return tokenize(s.Text)
}

// releaseTokens drops the sentences' tokens, which analysis needed and
// queries can rebuild (see Sentence.words).
func (an *Analysis) releaseTokens() {
	for i := range an.Sentences {
		an.Sentences[i].tokens = nil
	}
}

// Analysis is what briefing reads from one article: its sentences with
// their mentions, key figures, who's who and brief. Engine.Add computes it
// once per article; the rest of the engine reads it.
type Analysis struct {
	// Article is the analysed article.
	Article *Article
	// Sentences are the headline, the lede, the standfirst and the body's sentences, in that order.
	Sentences []Sentence
	// Figures are the story's key figures, most important first.
	Figures []Figure
	// Timeline lists the story's dates and clock times in text order.
	Timeline []Mention
	// Who lists the people, organisations and places of the story.
	Who Who
	// Brief is the story's headline and bullets.
	Brief Brief
}

// Analyze reads an article's sentences, numbers, dates and entities and
// builds its figures, who's who and brief. It never fails: an article with
// no text gives an empty analysis.
func Analyze(a *Article) *Analysis {
	an := &Analysis{Article: a}
	size := len(a.Title) + len(a.Lede) + len(a.Standfirst)
	for _, p := range a.Paragraphs {
		size += len(p)
	}
	// One array holds the tokens of every sentence; each sentence slices it.
	all := make([]token, 0, size*2/11+16)
	an.Sentences = make([]Sentence, 0, size/120+4)
	addSentence := func(s string, part Part, para int) {
		start := len(all)
		all = appendTokens(all, s)
		an.Sentences = append(an.Sentences, Sentence{Text: s, Part: part, Para: para, Index: len(an.Sentences), tokens: all[start:len(all):len(all)], ntok: len(all) - start})
	}
	add := func(text string, part Part, para int) {
		for _, sp := range sentenceSpans(text) {
			addSentence(text[sp.Start:sp.End], part, para)
		}
	}
	if a.Title != "" {
		addSentence(a.Title, PartHeadline, -1)
	}
	if a.Lede != "" {
		add(a.Lede, PartLede, -1)
	}
	if a.Standfirst != "" {
		add(a.Standfirst, PartStandfirst, -1)
	}
	for i, p := range a.Paragraphs {
		add(p, PartBody, i)
	}
	an.analyze()
	an.compact()
	return an
}

// compact moves the sentences' mentions into one array of the exact size
// and copies the sentence list to its length, so that an analysis the
// engine keeps holds no spare capacity from growing them.
func (an *Analysis) compact() {
	n := 0
	for i := range an.Sentences {
		n += len(an.Sentences[i].Mentions)
	}
	all := make([]Mention, 0, n)
	for i := range an.Sentences {
		s := &an.Sentences[i]
		if len(s.Mentions) == 0 {
			continue
		}
		start := len(all)
		all = append(all, s.Mentions...)
		s.Mentions = all[start:len(all):len(all)]
	}
	if cap(an.Sentences) > len(an.Sentences) {
		an.Sentences = append(make([]Sentence, 0, len(an.Sentences)), an.Sentences...)
	}
}

// analyze fills the mentions, figures, who's who and brief of sentences already split.
func (an *Analysis) analyze() {
	source := an.Article.Title
	if source == "" {
		source = an.Article.Source
	}
	// What the article says of its capitalised sentence openers: whether it
	// also writes them in lower case, or capitalised inside sentences.
	nc := &nameContext{lowerSeen: map[string]bool{}, capMid: map[string]bool{}}
	for i := range an.Sentences {
		toks := an.Sentences[i].tokens
		for k, t := range toks {
			if t.isWord() && t.Cap && isOpener(toks, k) {
				nc.lowerSeen[t.Lower] = false
				nc.capMid[t.Text] = false
			}
		}
	}
	for i := range an.Sentences {
		if an.Sentences[i].Part == PartHeadline {
			continue
		}
		toks := an.Sentences[i].tokens
		for k, t := range toks {
			if !t.isWord() {
				continue
			}
			if !t.Cap {
				if _, ok := nc.lowerSeen[t.Lower]; ok {
					nc.lowerSeen[t.Lower] = true
				}
			} else if _, ok := nc.capMid[t.Text]; ok && !isOpener(toks, k) {
				nc.capMid[t.Text] = true
			}
		}
	}
	cands := make([]figureCandidate, 0, 16)
	raw := make([]rawEntity, 0, 64)
	for i := range an.Sentences {
		s := &an.Sentences[i]
		times := scanTimes(s.tokens)
		nums := readNumbers(s.tokens, times)
		if n := len(times) + len(nums); n > 0 {
			s.Mentions = make([]Mention, 0, n)
		}
		for _, sp := range times {
			m := timeMention(s.Text, s.tokens, sp)
			s.Mentions = append(s.Mentions, m)
			an.Timeline = append(an.Timeline, m)
		}
		for _, n := range nums {
			start, end := s.tokens[n.First].Start, s.tokens[n.Last-1].End
			s.Mentions = append(s.Mentions, Mention{Kind: MentionNumber, Text: s.Text[start:end], Start: start, End: end, Value: n.Value, Max: n.Max, Unit: n.Unit, Figure: -1})
		}
		if s.Part != PartHeadline {
			cands = sentenceFigures(cands, s, nums, times, source)
			raw = findEntities(raw, s, nc)
		}
	}
	if !an.english() {
		// No people or figures read from a language the engine does not know.
		an.Timeline = nil
		for i := range an.Sentences {
			an.Sentences[i].Mentions = nil
		}
		an.Who = Who{People: []Entity{}, Organizations: []Entity{}, Places: []Entity{}}
		an.Figures = []Figure{}
		an.Brief = buildBrief(an)
		return
	}
	groups, assign := mergeEntities(raw)
	// Room for each sentence's entity mentions, in one allocation per sentence.
	extra := make([]int, len(an.Sentences))
	for ri, gi := range assign {
		if gi >= 0 {
			extra[raw[ri].sent]++
		}
	}
	for i, n := range extra {
		if n > 0 {
			an.Sentences[i].Mentions = slices.Grow(an.Sentences[i].Mentions, n+1)
		}
	}
	for ri, gi := range assign {
		if gi < 0 {
			continue
		}
		r := raw[ri]
		s := &an.Sentences[r.sent]
		start, end := s.tokens[r.first].Start, s.tokens[r.last-1].End
		s.Mentions = append(s.Mentions, Mention{Kind: groups[gi].kind, Text: s.Text[start:end], Start: start, End: end, Name: groups[gi].Name, Figure: -1})
		if len(groups[gi].Actions) < 3 && s.Part == PartBody {
			if act := entityAction(s, r.first, r.last, groups[gi].kind == MentionPlace); act != "" {
				groups[gi].Actions = append(groups[gi].Actions, act)
			}
		}
	}
	an.quoteActions(groups, raw, assign)
	an.countHeadline(groups)
	ranked := rankFigures(an, cands)
	an.Figures = make([]Figure, len(ranked))
	for i, c := range ranked {
		an.Figures[i] = c.Figure
		s := &an.Sentences[c.sent]
		for k := range s.Mentions {
			if s.Mentions[k].Kind == MentionNumber && s.Mentions[k].Text == c.Text && s.Mentions[k].Figure < 0 {
				s.Mentions[k].Figure = i
				break
			}
		}
	}
	for i := range an.Sentences {
		sortMentions(an.Sentences[i].Mentions)
	}
	an.Who = buildWho(groups)
	an.Brief = buildBrief(an)
}

// quoteActions gives people what they said in quotations: the speaker is
// the person named next to the speech verb ('"...," said Varga'), or, for
// '"...," he said', the person last named before.
func (an *Analysis) quoteActions(groups []*entityGroup, raw []rawEntity, assign []int) {
	lastPerson := make([]int, len(an.Sentences)) // per sentence, the last person named, or -1
	for i := range lastPerson {
		lastPerson[i] = -1
	}
	for ri, gi := range assign {
		if gi >= 0 && groups[gi].kind == MentionPerson {
			lastPerson[raw[ri].sent] = gi
		}
	}
	prev := -1
	for i := range an.Sentences {
		s := &an.Sentences[i]
		speaker := -1
		if s.Part == PartBody {
			switch {
			case lastPerson[i] >= 0 && speaksNear(s.tokens, false):
				speaker = lastPerson[i]
			case lastPerson[i] < 0 && prev >= 0 && speaksNear(s.tokens, true):
				speaker = prev
			}
			if speaker >= 0 && len(groups[speaker].Actions) < 4 {
				if q := quotation(s.Text); q != "" {
					groups[speaker].Actions = append(groups[speaker].Actions, "said “"+q+"”")
				}
			}
		}
		if lastPerson[i] >= 0 {
			prev = lastPerson[i]
		}
	}
}

// quotation returns the first quoted passage of a sentence, shortened, or "".
func quotation(text string) string {
	open := strings.IndexAny(text, "\"“”")
	if open < 0 {
		return ""
	}
	_, n := utf8.DecodeRuneInString(text[open:])
	rest := text[open+n:]
	end := strings.IndexAny(rest, "\"”")
	var q string
	switch {
	case end >= 0:
		q = rest[:end]
	case open > 0:
		q = text[:open] // the end of a quotation that began in the sentence before
	default:
		return ""
	}
	q = strings.TrimRight(strings.TrimSpace(q), ",")
	if countWords(q) < 4 {
		return ""
	}
	return shorten(q, 160)
}

// speaksNear reports whether a sentence has a speech verb next to a name
// or, with pronoun set, next to "he", "she" or "they".
func speaksNear(toks []token, pronoun bool) bool {
	for i, t := range toks {
		if !speechVerbs[t.Lower] {
			continue
		}
		for _, k := range []int{i - 1, i + 1} {
			if k < 0 || k >= len(toks) {
				continue
			}
			w := toks[k]
			if pronoun && (w.Lower == "he" || w.Lower == "she") || !pronoun && w.Cap && k > 0 {
				return true
			}
		}
	}
	return false
}

// englishWords are frequent English function words.
var englishWords = toSet(`the of and to in a is that for on with was said as by at it from has have were be are an this
will would which their its he she they not but or after who been had more than`)

// english reports whether the article reads as English: at least one word
// in twelve is a frequent English function word. Short texts pass.
func (an *Analysis) english() bool {
	words, hits := 0, 0
	for _, s := range an.Sentences {
		for _, t := range s.tokens {
			if t.isWord() {
				words++
				if englishWords[t.Lower] {
					hits++
				}
			}
		}
	}
	return words < 20 || hits*12 >= words
}

// countHeadline counts the headline's mentions of entities found in the
// body; a title-cased headline is not searched for new names.
func (an *Analysis) countHeadline(groups []*entityGroup) {
	for i := range an.Sentences {
		s := &an.Sentences[i]
		if s.Part != PartHeadline {
			continue
		}
		for _, g := range groups {
			names := append([]string{g.Name}, g.Aliases...)
			for _, n := range names {
				if at := indexWords(s.Text, n); at >= 0 {
					g.Mentions++
					s.Mentions = append(s.Mentions, Mention{Kind: g.kind, Text: n, Start: at, End: at + len(n), Name: g.Name, Figure: -1})
					break
				}
			}
		}
	}
}

// indexWords finds word as whole words in text, or returns -1.
func indexWords(text, word string) int {
	off := 0
	for {
		i := strings.Index(text[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(word)
		if (i == 0 || !isLetterByteAt(text, i-1) && text[i-1] != '-') && (end == len(text) || !isLetterByteAt(text, end)) {
			return i
		}
		off = i + 1
	}
}

func sortMentions(ms []Mention) {
	slices.SortStableFunc(ms, func(a, b Mention) int { return a.Start - b.Start })
}

// buildWho orders entities by how often the story mentions them, then by first mention.
func buildWho(groups []*entityGroup) Who {
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].Mentions != groups[j].Mentions {
			return groups[i].Mentions > groups[j].Mentions
		}
		return groups[i].first < groups[j].first
	})
	var np, no, nl int
	for _, g := range groups {
		switch g.kind {
		case MentionPerson:
			np++
		case MentionOrganization:
			no++
		case MentionPlace:
			nl++
		}
	}
	w := Who{People: make([]Entity, 0, np), Organizations: make([]Entity, 0, no), Places: make([]Entity, 0, nl)}
	for _, g := range groups {
		switch g.kind {
		case MentionPerson:
			w.People = append(w.People, g.Entity)
		case MentionOrganization:
			w.Organizations = append(w.Organizations, g.Entity)
		case MentionPlace:
			w.Places = append(w.Places, g.Entity)
		}
	}
	return w
}
