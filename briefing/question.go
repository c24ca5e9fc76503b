package briefing

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionBytes is the longest question Ask accepts.
const MaxQuestionBytes = 1000

// Errors Ask returns for questions it cannot read.
var (
	// ErrQuestionTooLong is returned for a question over MaxQuestionBytes.
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d bytes", MaxQuestionBytes)
	// ErrNoWords is returned for a question with no letters or digits, such as only emoji.
	ErrNoWords = errors.New("the question has no words in it")
	// ErrNotEnglish is returned for a question written mostly in a script other than Latin.
	ErrNotEnglish = errors.New("the question is not in English; I can only answer questions in English")
	// ErrInvalidText is returned for a question that is not valid UTF-8.
	ErrInvalidText = errors.New("the question is not valid UTF-8 text")
)

// QuestionError reports a question Ask cannot read: empty, too long,
// without words, not English or not UTF-8. Its message is fit to show the
// person who asked.
type QuestionError struct {
	// Err is one of ErrEmptyQuestion, ErrQuestionTooLong, ErrNoWords,
	// ErrNotEnglish or ErrInvalidText.
	Err error
}

func (e *QuestionError) Error() string { return e.Err.Error() }

// Unwrap returns the reason.
func (e *QuestionError) Unwrap() error { return e.Err }

// answerType is what kind of answer a question wants.
type answerType uint8

const (
	// typeThing is a noun phrase: "what", "which" with a focus noun.
	typeThing answerType = iota
	// typeAgent is a person or an organisation: "who".
	typeAgent
	// typePlace is a country, city or region: "where".
	typePlace
	// typeNumber is a count or quantity: "how many", "how much".
	typeNumber
	// typeMoney is an amount of money: "how much money", "how much did it cost".
	typeMoney
	// typePercent is a percentage: "what percentage".
	typePercent
	// typeDate is a date, a day or a time: "when", "what year".
	typeDate
	// typeDuration is a length of time: "how long".
	typeDuration
	// typeReason is a cause: "why".
	typeReason
	// typeClause is a short account: "what is the deal", "how", "any progress".
	typeClause
	// typeYesNo is a yes-or-no question: "is Trump optimistic?".
	typeYesNo
	// typeDescribe is who or what someone is: "who is Steve Witkoff?".
	typeDescribe
)

var typeNames = [...]string{"THING", "AGENT", "PLACE", "NUMBER", "MONEY", "PERCENT", "DATE", "DURATION", "REASON", "CLAUSE", "YESNO", "DESCRIBE"}

func (t answerType) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "UNKNOWN"
}

// qword is a content word of a question.
type qword struct {
	text  string // as written
	lower string
	stem  string
	// proper reports a capitalised word that is not the question's first.
	proper bool
	// focus marks the noun the question asks about ("hostages" in "how many hostages").
	focus bool
}

// question is a parsed question.
type question struct {
	text  string
	kind  answerType
	words []qword
	// focus is the stem of the focus noun, when the question has one.
	focus string
	// unit is the unit a number answer should carry ("day" for "how many days").
	unit string
	// negated reports a "not" or "n't" in the question.
	negated bool
	// definition marks "what is X" questions, answered by what X is said to be.
	definition bool
	// subject marks questions whose wh-phrase is the subject ("what
	// drove residents away?"): the answer comes before the verb.
	// object marks those with an auxiliary after it ("what did Luther
	// call for?"): the answer comes after.
	subject, object bool
	// status marks "any progress?"-style questions, answered with the
	// whole clause that mentions the thing; speech marks "what did X
	// say?", answered with what was said.
	status, speech bool
	// naming marks questions for a name or term ("what is it called?");
	// example those for examples ("what are two examples of ...?").
	naming, example bool
	// quantity marks questions about a quantity without "how many"
	// ("what was the population").
	quantity bool
	// change marks questions about a rise or a fall ("how much will
	// pensions rise?"), which a percentage answers as well as an amount.
	change bool
	// age marks "how old" questions, which alone an age answers.
	age bool
	// dimension is "length" or "weight" for "how deep", "how far", "how
	// heavy" questions, which a measure in that dimension answers best.
	dimension string
	// plural marks questions for several things ("which countries",
	// "who are its customers"), which a list answers whole.
	plural bool
	// role marks "who is the NOUN" questions ("who is the chief
	// executive?", "who are its customers?"), answered by a name that
	// stands beside the noun.
	role bool
	// tense is the time the question asks about, when its auxiliary says.
	tense tense
}

// tense is a question's or an evidence verb's time.
type tense uint8

const (
	tenseUnknown tense = iota
	tensePast
	tenseFuture
)

// askedChangeVerbs ask how much something rose or fell.
var askedChangeVerbs = map[string]bool{
	"raise": true, "raised": true, "rise": true, "rose": true, "risen": true, "increase": true, "increased": true,
	"cut": true, "fall": true, "fell": true, "fallen": true, "drop": true, "dropped": true, "jump": true,
	"jumped": true, "grow": true, "grew": true, "grown": true, "climb": true, "climbed": true, "decline": true,
	"declined": true, "shrink": true, "shrank": true, "gain": true, "gained": true, "lose": true,
}

// whWords maps question openers to their answer type; "what" and "which"
// depend on the noun after them.
var whTypes = map[string]answerType{
	"who": typeAgent, "whom": typeAgent, "whose": typeAgent,
	"where": typePlace, "when": typeDate, "why": typeReason,
}

// auxiliaries open yes-no questions.
var auxiliaries = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "do": true, "does": true, "did": true,
	"can": true, "could": true, "will": true, "would": true, "has": true, "have": true, "had": true,
	"should": true, "may": true, "might": true, "isn't": true, "aren't": true, "wasn't": true,
	"didn't": true, "doesn't": true, "hasn't": true, "haven't": true, "won't": true,
}

// focusTypes gives the answer type of a "what/which NOUN" question by its noun.
var focusTypes = map[string]answerType{
	"person": typeAgent, "people": typeAgent, "man": typeAgent, "woman": typeAgent, "president": typeAgent,
	"leader": typeAgent, "official": typeAgent, "minister": typeAgent, "player": typeAgent, "team": typeAgent,
	"company": typeAgent, "organization": typeAgent, "organisation": typeAgent, "group": typeAgent,
	"party": typeAgent, "agency": typeAgent, "firm": typeAgent, "body": typeAgent, "individual": typeAgent,
	"country": typePlace, "city": typePlace, "state": typePlace, "nation": typePlace, "region": typePlace,
	"town": typePlace, "place": typePlace, "continent": typePlace, "location": typePlace, "area": typePlace,
	"province": typePlace, "county": typePlace, "island": typePlace, "river": typePlace,
	"year": typeDate, "date": typeDate, "day": typeDate, "month": typeDate, "time": typeDate,
	"century": typeDate, "decade": typeDate, "era": typeDate, "period": typeDate, "hour": typeDate,
	"percentage": typePercent, "percent": typePercent, "proportion": typePercent, "share": typePercent,
	"amount": typeNumber, "number": typeNumber, "size": typeNumber, "price": typeMoney, "cost": typeMoney,
	"reason": typeReason, "cause": typeReason,
	"analyst": typeAgent, "expert": typeAgent, "witness": typeAgent, "scientist": typeAgent, "researcher": typeAgent,
	"economist": typeAgent, "lawyer": typeAgent, "prosecutor": typeAgent, "judge": typeAgent, "coach": typeAgent,
	"captain": typeAgent, "negotiator": typeAgent, "mediator": typeAgent, "regulator": typeAgent, "author": typeAgent,
	"spokesperson": typeAgent, "spokesman": typeAgent, "spokeswoman": typeAgent, "candidate": typeAgent,
	"union": typeAgent, "club": typeAgent, "side": typeAgent, "bank": typeAgent, "court": typeAgent,
	"airline": typeAgent, "government": typeAgent, "ministry": typeAgent, "department": typeAgent, "agencies": typeAgent,
}

// measureTypes gives the type of "how ADJ" questions.
var measureTypes = map[string]answerType{
	"many": typeNumber, "much": typeNumber, "long": typeDuration, "old": typeNumber, "far": typeNumber,
	"tall": typeNumber, "big": typeNumber, "large": typeNumber, "high": typeNumber, "wide": typeNumber,
	"deep": typeNumber, "heavy": typeNumber, "often": typeNumber, "fast": typeNumber, "soon": typeDate,
	"late": typeDate, "early": typeDate, "strong": typeNumber, "powerful": typeNumber, "severe": typeNumber,
}

// contractions expands chat contractions before parsing.
var contractions = strings.NewReplacer(
	"’", "'", "‘", "'", "“", "\"", "”", "\"",
	"who's", "who is", "what's", "what is", "whats ", "what is ", "where's", "where is", "when's", "when is",
	"how's", "how is", "why's", "why is", "that's", "that is", "there's", "there is", "it's", "it is",
	"how'd", "how did", "who'd", "who would", "wanna", "want to", "gonna", "going to",
	"Who's", "Who is", "What's", "What is", "Whats ", "What is ", "Where's", "Where is", "When's", "When is",
	"How's", "How is", "Why's", "Why is", "WHO'S", "WHO IS", "WHAT'S", "WHAT IS",
)

// parseQuestion reads a question: its answer type, focus noun and content words.
func parseQuestion(q string) (question, error) {
	if !utf8.ValidString(q) {
		return question{}, ErrInvalidText
	}
	if len(q) > MaxQuestionBytes {
		return question{}, ErrQuestionTooLong
	}
	if strings.TrimSpace(q) == "" {
		return question{}, ErrEmptyQuestion
	}
	latin, other := 0, 0
	for _, r := range q {
		switch {
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		case unicode.IsLetter(r):
			other++
		case unicode.IsDigit(r):
			latin++
		}
	}
	if latin+other == 0 {
		return question{}, ErrNoWords
	}
	if other > latin {
		return question{}, ErrNotEnglish
	}
	text := q
	if upper, lower := caseCounts(text); upper > 3 && lower == 0 {
		text = strings.ToLower(text) // "WHO IS MEDIATING": shouting says nothing of names
	}
	text = contractions.Replace(text)
	text = expandRoleAcronyms(text)
	toks := tokenize(text)
	p := question{text: q, kind: typeThing}
	// words are the word and number tokens in lower case.
	type w struct {
		t     token
		lower string
	}
	var ws []w
	for _, t := range toks {
		if t.Kind == tokWord || t.Kind == tokNumber {
			ws = append(ws, w{t, strings.ToLower(t.Text)})
		}
	}
	if len(ws) == 0 {
		return question{}, ErrNoWords
	}
	for i := 0; i+1 < len(ws); i++ {
		if v, ok := phrasalVerbs[ws[i].lower+" "+ws[i+1].lower]; ok {
			ws[i].lower = v // "go up" → "rise"; the particle is a stopword
		}
	}
	// Find the question word: the first wh-word, or a "how" phrase.
	kindAt, skip := -1, 0
	for i, x := range ws {
		l := x.lower
		if k, ok := whTypes[l]; ok {
			p.kind, kindAt, skip = k, i, 1
			break
		}
		if l == "how" {
			kindAt, skip = i, 1
			p.kind = typeClause
			if i+1 < len(ws) {
				if k, ok := measureTypes[ws[i+1].lower]; ok {
					p.kind, skip = k, 2
				}
			}
			break
		}
		if l == "what" || l == "which" {
			kindAt, skip = i, 1
			p.kind = typeThing
			break
		}
	}
	if kindAt < 0 {
		first := ws[0].lower
		switch {
		case auxiliaries[first]:
			p.kind = typeYesNo
			skip = 1
			kindAt = 0
		case first == "any" || first == "anything" || first == "news" || first == "update" || first == "updates":
			p.kind = typeClause
			p.status = true
		case first == "name" || first == "list" || first == "tell" || first == "explain" || first == "describe":
			p.kind = typeClause
		default:
			p.kind = typeThing
		}
	}
	if kindAt < 0 {
		kindAt = 0
	}
	// The noun after "what", "which", "how many": the focus.
	rest := ws[kindAt+skip:]
	focusAt := -1
	switch {
	case p.kind == typeThing || (p.kind == typeNumber && (ws[kindAt+1].lower == "many" || ws[kindAt+1].lower == "much")):
		if len(rest) > 0 && !auxiliaries[rest[0].lower] && !isStopword(rest[0].lower) {
			// "what year", "which country", "how many hostages", "what kind of deal"
			j := 0
			if len(rest) > 2 && (rest[0].lower == "kind" || rest[0].lower == "type" || rest[0].lower == "sort") && rest[1].lower == "of" {
				j = 2
			}
			// Take the noun: the last word of a short run before a verb or preposition.
			k := j
			for k+1 < len(rest) && k-j < 2 && !auxiliaries[rest[k+1].lower] && !isStopword(rest[k+1].lower) && looksNoun(rest[k+1].lower) &&
				!(focusTypes[singular(rest[k].lower)] == typeAgent && !rest[k+1].t.Cap && focusTypes[singular(rest[k+1].lower)] == typeThing) { // "which analyst works
				k++
			}
			focusAt = kindAt + skip + k
			noun := singular(ws[focusAt].lower)
			if p.kind == typeThing {
				if t, ok := focusTypes[noun]; ok {
					p.kind = t
				} else if isHumanNoun(ws[focusAt].lower) && !ws[focusAt].t.Cap {
					p.kind = typeAgent // "which analyst", "which regulators"
				}
			} else {
				p.unit = noun
				if noun == "money" || noun == "dollar" || noun == "cost" {
					p.kind = typeMoney
				}
			}
		}
		if p.kind == typeNumber && ws[kindAt+1].lower == "much" && focusAt < 0 {
			for _, x := range rest {
				if x.lower == "cost" || x.lower == "pay" || x.lower == "paid" || x.lower == "spend" || x.lower == "spent" || x.lower == "worth" || x.lower == "money" ||
					x.lower == "earn" || x.lower == "earned" || x.lower == "earns" || x.lower == "save" || x.lower == "saved" || x.lower == "charge" || x.lower == "charged" {
					p.kind = typeMoney
				}
			}
		}
	}
	if focusAt >= 0 && ws[focusAt].lower != "people" && singular(ws[focusAt].lower) != ws[focusAt].lower && !ws[focusAt].t.Cap {
		p.plural = true // "which countries", "how many villages"
	}
	if kindAt+1 < len(ws) && (p.kind == typeAgent || p.kind == typeThing) && (ws[kindAt+1].lower == "are" || ws[kindAt+1].lower == "were") {
		p.plural = true // "who are its customers?"
	}
	if p.kind == typeAgent && kindAt+2 < len(ws) && (ws[kindAt+1].lower == "is" || ws[kindAt+1].lower == "are" || ws[kindAt+1].lower == "was" || ws[kindAt+1].lower == "were") {
		p.role = len(ws)-kindAt-2 <= 5 // "who was the oldest quarterback to play in a Super Bowl?" asks more
		for _, x := range ws[kindAt+2:] {
			if strings.HasSuffix(x.lower, "ed") || strings.HasSuffix(x.lower, "ing") || strings.HasSuffix(x.lower, "en") && isVerbForm(x.lower) {
				p.role = false // "who was arrested?", "who is mediating?"
			}
		}
	}
	// "what is X" / "what was X" with no focus: a definition or account.
	if p.kind == typeThing && focusAt < 0 && len(rest) > 0 && (rest[0].lower == "is" || rest[0].lower == "are" || rest[0].lower == "was" || rest[0].lower == "were") {
		p.kind = typeClause
		p.definition = true
	}
	if p.kind == typeThing || p.definition {
		for _, x := range rest {
			if quantityNouns[x.lower] {
				p.quantity = true
			}
		}
	}
	// "what happened", "what did X do/say"
	if p.kind == typeThing && focusAt < 0 {
		for _, x := range rest {
			if x.lower == "happened" || x.lower == "happen" || x.lower == "happens" || x.lower == "happening" || x.lower == "say" || x.lower == "said" {
				p.kind = typeClause
			}
			if x.lower == "say" || x.lower == "said" || x.lower == "says" || x.lower == "tell" || x.lower == "told" {
				p.speech = true
			}
		}
	}
	// "what is Okonkwo-Hale's job": describe her.
	if p.definition && len(rest) >= 3 && askedRoleNouns[rest[len(rest)-1].lower] {
		for _, x := range rest[1 : len(rest)-1] {
			if x.t.Cap {
				p.kind, p.definition = typeDescribe, false
				ws = ws[:len(ws)-1] // the role noun is not in the evidence
				break
			}
		}
	}
	// "who is X" with a name: describe X.
	if p.kind == typeAgent && len(rest) >= 2 && (rest[0].lower == "is" || rest[0].lower == "was") {
		allCap, nameLike := true, true
		for _, x := range rest[1:] {
			if !x.t.Cap && !isStopword(x.lower) {
				allCap = false
			}
			// "who is steve witkoff" typed in lower case still names someone;
			// "who is the president", "who is mediating" do not.
			if isStopword(x.lower) || isVerbForm(x.lower) || strings.HasSuffix(x.lower, "ing") || roleWords[x.lower] || referenceRoles[x.lower] {
				nameLike = false
			}
		}
		if (allCap || nameLike) && len(rest) <= 4 {
			p.kind = typeDescribe
		}
	}
	if after := kindAt + skip; after < len(ws) && (p.kind == typeThing || p.kind == typeAgent || p.definition) {
		k := after
		if focusAt >= 0 {
			k = focusAt + 1
		}
		if k < len(ws) {
			switch l := ws[k].lower; {
			case l == "did" || l == "does" || l == "do" || l == "will" || l == "would" || l == "can" || l == "could" || l == "should" || l == "has" || l == "have" || l == "had":
				p.object = true
			case isVerbForm(l) && !auxiliaries[l]:
				p.subject = true
			}
		}
	}
	// "what was the attendance", "how big is the budget", "what share of
	// the vote": the noun says which kind of number.
	if p.kind == typeThing || p.kind == typeNumber || p.definition {
		for k, x := range rest {
			switch {
			case percentNouns[x.lower] && (x.lower != "share" || k+1 < len(rest) && rest[k+1].lower == "of"):
				// "what share of the vote", not "each share".
				p.kind, p.quantity = typePercent, true
			case moneyNouns[x.lower] && (p.kind != typePercent || k > 0 && percentNouns[rest[k-1].lower]):
				// "share price": the head noun, last, says which kind.
				p.kind, p.quantity = typeMoney, true
			}
		}
	}
	for i, x := range ws {
		if askedChangeVerbs[x.lower] {
			p.change = true
		}
		if x.lower == "age" || x.lower == "old" && i > 0 && ws[i-1].lower == "how" {
			p.age = true
		}
		switch {
		case x.lower == "will" || x.lower == "going" && i+1 < len(ws) && ws[i+1].lower == "to":
			p.tense = tenseFuture
		case (x.lower == "did" || x.lower == "was" || x.lower == "were") && p.tense == 0:
			p.tense = tensePast
		}
		switch x.lower {
		case "called", "name", "named", "term", "known", "referred", "nickname", "acronym", "stand":
			p.naming = true
		case "example", "examples", "instance":
			p.example = true
		}
	}
	// "how old", "how tall": the measure is a word to look for too.
	if skip == 2 && kindAt+1 < len(ws) {
		switch m := ws[kindAt+1].lower; m {
		case "old", "tall", "far", "high", "deep", "wide", "heavy", "strong":
			p.words = append(p.words, qword{text: ws[kindAt+1].t.Text, lower: m, stem: stem(m)})
		}
		p.dimension = questionDimensions[ws[kindAt+1].lower]
	}
	for i, x := range ws {
		if x.lower == "not" || x.lower == "never" || strings.HasSuffix(x.lower, "n't") {
			p.negated = true
		}
		if i >= kindAt && i < kindAt+skip {
			continue
		}
		if isStopword(x.lower) || questionFiller[x.lower] {
			continue
		}
		if i == focusAt && p.kind != typeThing && (p.kind != typeNumber && p.kind != typeMoney) {
			// "what year", "which country": the noun names the type, not a term.
			if _, ok := focusTypes[singular(x.lower)]; ok {
				continue
			}
		}
		qw := qword{text: x.t.Text, lower: x.lower, stem: stem(x.lower), proper: x.t.Cap && i > 0, focus: i == focusAt}
		if qw.stem == "" {
			continue
		}
		if qw.focus {
			p.focus = qw.stem
		}
		p.words = append(p.words, qw)
	}
	return p, nil
}

// questionDimensions are the dimensions "how deep", "how heavy" ask for.
var questionDimensions = map[string]string{
	"tall": "length", "far": "length", "high": "length", "deep": "length", "wide": "length",
	"heavy": "weight",
}

// unitDimensions are the dimensions of canonical measure units.
var unitDimensions = map[string]string{
	"km": "length", "miles": "length", "m": "length", "cm": "length", "mm": "length", "feet": "length", "inches": "length",
	"kg": "weight", "g": "weight", "tonnes": "weight", "pounds": "weight",
}

// phrasalVerbs are chat phrasal verbs and the word news writes instead.
var phrasalVerbs = map[string]string{
	"go up": "rise", "goes up": "rise", "went up": "rise", "gone up": "rise", "going up": "rise",
	"go down": "fall", "goes down": "fall", "went down": "fall", "gone down": "fall", "going down": "fall",
	"bring in": "introduce", "brought in": "introduce", "put in": "introduce",
	"lay off": "cut", "laid off": "cut", "step down": "resign", "stepped down": "resign",
}

// roleAcronyms spells out the acronyms of roles, which news stories
// write in full before a name ("Chief Executive Maria Lindqvist") and
// chat questions abbreviate ("who is the CEO?").
var roleAcronyms = map[string]string{
	"ceo": "chief executive", "cfo": "chief financial officer", "coo": "chief operating officer",
	"cto": "chief technology officer", "cio": "chief information officer", "pm": "prime minister",
	"vp": "vice president",
}

// expandRoleAcronyms spells out the role acronyms of a question. "PM"
// and the other two-letter ones only in capitals, and none after a
// number, so "5 pm" and "5 PM" stay times.
func expandRoleAcronyms(text string) string {
	var b strings.Builder
	last, start := 0, 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z') {
			continue
		}
		if w := text[start:i]; len(w) >= 2 && len(w) <= 3 {
			if full, ok := roleAcronyms[strings.ToLower(w)]; ok && (len(w) == 3 || strings.ToUpper(w) == w) && !afterNumber(text[:start]) {
				b.WriteString(text[last:start])
				b.WriteString(full)
				last = i
			}
		}
		start = i + 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// afterNumber reports whether s ends with a digit, perhaps before spaces.
func afterNumber(s string) bool {
	s = strings.TrimRight(s, " ")
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// askedRoleNouns ask what someone does: "what is her job?".
var askedRoleNouns = map[string]bool{"job": true, "role": true, "position": true, "title": true, "occupation": true, "profession": true, "post": true}

// percentNouns are nouns whose value is usually a percentage.
var percentNouns = map[string]bool{
	"percentage": true, "share": true, "proportion": true, "turnout": true, "rate": true, "premium": true,
	"majority": false, "inflation": true, "unemployment": true,
}

// moneyNouns are nouns whose value is usually an amount of money.
var moneyNouns = map[string]bool{
	"budget": true, "cost": true, "price": true, "bail": true, "fine": true, "salary": true, "revenue": true,
	"profit": true, "loss": true, "fee": true, "fees": true, "wage": true, "spending": true, "debt": true,
	"deficit": false, "valuation": true, "worth": true, "funding": true, "aid": true, "pledge": true,
	"dividend": true, "payout": true,
}

// caseCounts counts the upper- and lower-case letters of s.
func caseCounts(s string) (upper, lower int) {
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper, lower
}

// quantityNouns are nouns whose value is a number.
var quantityNouns = map[string]bool{
	"population": true, "total": true, "amount": true, "number": true, "size": true, "count": true,
	"price": true, "cost": true, "budget": true, "salary": true, "revenue": true, "area": true,
	"length": true, "height": true, "weight": true, "distance": true, "temperature": true, "score": true,
	"speed": true, "rate": true, "toll": true, "value": true, "capacity": true, "attendance": true,
	"crowd": true, "magnitude": true, "depth": true, "turnout": true,
}

// questionFiller are words of chat questions that name no content.
var questionFiller = map[string]bool{
	"happen": true, "happened": true, "happening": true, "going": true, "say": true, "says": true,
	"said": true, "think": true, "mean": true, "means": true, "exactly": true, "currently": true,
	"news": true, "update": true, "updates": true, "story": true, "article": true, "articles": true,
	"latest": true, "name": true, "called": true, "many": true, "much": true, "long": true,
	"one": true, "ones": true, "thing": true, "things": true, "stuff": true, "explain": true,
	"describe": true, "list": true, "give": true, "anyway": true, "guys": true, "folks": true,
}

// looksNoun guesses whether a lower-case word after a noun continues a noun phrase.
func looksNoun(l string) bool {
	if strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ly") {
		return false
	}
	switch l {
	case "were", "was", "did", "does", "do", "is", "are", "has", "have", "had":
		return false
	}
	if lemma, ok := irregularLemma(l); ok && lemma != l && isVerbForm(l) && !strings.HasSuffix(l, "s") {
		return false // "lost", "won", "took": a past tense ends the noun
	}
	return true
}

// singular makes a plural noun singular for the focus tables.
func singular(l string) string {
	switch {
	case l == "people":
		return "people"
	case strings.HasSuffix(l, "ies") && len(l) > 4:
		return l[:len(l)-3] + "y"
	case strings.HasSuffix(l, "ss"):
		return l
	case strings.HasSuffix(l, "s") && len(l) > 3:
		return l[:len(l)-1]
	}
	return l
}
