package briefing

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
	// offsets into Text.
	tokens []token
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
	add := func(text string, part Part, para int) {
		for _, sp := range sentenceSpans(text) {
			s := text[sp.Start:sp.End]
			an.Sentences = append(an.Sentences, Sentence{Text: s, Part: part, Para: para, Index: len(an.Sentences), tokens: tokenize(s)})
		}
	}
	if a.Title != "" {
		an.Sentences = append(an.Sentences, Sentence{Text: a.Title, Part: PartHeadline, Para: -1, tokens: tokenize(a.Title)})
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
	for i := range an.Sentences {
		s := &an.Sentences[i]
		s.Mentions = append(s.Mentions, findTimes(s.Text, s.tokens)...)
	}
	return an
}
