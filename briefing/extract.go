package briefing

import (
	"math"
	"slices"
	"strings"
)

// candidate is a possible short answer within a sentence.
type candidate struct {
	// text is the answer as given: a span of the sentence, or a name a
	// span stands for ("Qatar" for "Qatari").
	text string
	// i, j are the token range [i, j) of the span.
	i, j  int
	score float32
	// typed reports a span of the type the question asks for.
	typed bool
	// unit reports a number followed by the question's focus noun ("14 villages").
	unit bool
	// prev reports an answer taken from the sentence before, which a
	// pronoun opening this one refers to.
	prev bool
	// answers marks question groups the evidence speaks to without
	// their words: an antonym that answers a yes-no question.
	answers uint32
}

// sentView is a sentence prepared for extraction: its tokens and which
// question group each token matches.
type sentView struct {
	s     *Sentence
	toks  []token
	match []int8 // group index, or -1
	// matched lists the token positions that match a group.
	matched []int
	groups  []qgroup
	// an is the analysis of the sentence's article, for references
	// ("the president") and roles.
	an *Analysis
}

func newSentView(an *Analysis, s *Sentence, termIDs []int32, groups []qgroup) sentView {
	toks := s.words()
	v := sentView{s: s, toks: toks, match: make([]int8, len(toks)), groups: groups, an: an}
	for i := range v.match {
		v.match[i] = -1
		if i >= len(termIDs) || termIDs[i] < 0 {
			continue
		}
		id := termIDs[i]
	groups:
		for g := range groups {
			for _, t := range groups[g].terms {
				if t.id == id {
					v.match[i] = int8(g)
					v.matched = append(v.matched, i)
					break groups
				}
			}
		}
	}
	v.matchAcronyms()
	return v
}

// matchAcronyms marks the words of the names a question's acronym
// stands for ("European Union" for "EU").
func (v *sentView) matchAcronyms() {
	for g := range v.groups {
		acr := v.groups[g].acronym
		if acr == "" || g > 127 {
			continue
		}
		for _, m := range v.s.Mentions {
			if m.Kind != MentionOrganization && m.Kind != MentionPlace {
				continue
			}
			if a := initials(m.Text); a == "" || a[len(acronymMark):] != acr {
				continue
			}
			i, j := v.tokenSpan(m.Start, m.End)
			for k := i; k < j; k++ {
				if v.match[k] < 0 && v.toks[k].Cap {
					v.match[k] = int8(g)
					v.matched = append(v.matched, k)
				}
			}
		}
	}
	if len(v.matched) > 1 {
		slices.Sort(v.matched)
	}
}

// text returns the sentence text of tokens [i, j).
func (v *sentView) text(i, j int) string {
	return v.s.Text[v.toks[i].Start:v.toks[j-1].End]
}

// proximity scores a span [i, j) by how near it is to the matched
// question words, each weighted by its group's importance.
func (v *sentView) proximity(i, j int) float32 {
	var best [32]float32
	for _, m := range v.matched {
		var d int
		switch {
		case m < i:
			d = i - m
		case m >= j:
			d = m - j + 1
		default:
			continue
		}
		g := v.match[m]
		w := v.groups[g].weight * v.groups[g].idf * float32(math.Exp(-float64(d-1)/4))
		if g < 32 && w > best[g] {
			best[g] = w
		}
	}
	var sum float32
	for _, w := range best {
		sum += w
	}
	return sum
}

// totalWeight is the weight of all groups, for normalising proximity.
func totalWeight(groups []qgroup) float32 {
	var t float32
	for _, g := range groups {
		t += g.weight * g.idf
	}
	if t == 0 {
		return 1
	}
	return t
}

// containsMatch reports whether [i, j) holds a matched question word.
func (v *sentView) containsMatch(i, j int) bool {
	for k := i; k < j; k++ {
		if v.match[k] >= 0 {
			return true
		}
	}
	return false
}

// extract finds the best answer of the question's type in a sentence.
func extract(p *question, v *sentView) (candidate, bool) {
	if c, ok := extractTyped(p, v); ok {
		return c, true
	}
	// No answer of the type asked for: the best phrase, untyped.
	c, ok := bestOf(p, v, phraseCandidates(p, v))
	c.typed = false
	return c, ok
}

func extractTyped(p *question, v *sentView) (candidate, bool) {
	if p.quantity {
		if c, ok := bestOf(p, v, numberCandidates(p, v)); ok && (c.typed || p.kind != typeMoney && p.kind != typePercent) {
			// Any number answers "what was the population"; "what
			// will it cost" wants money.
			c.typed = true
			return c, true
		}
	}
	if p.definition {
		if c, ok := linkedClause(v); ok {
			return c, true
		}
		return candidate{}, false
	}
	switch p.kind {
	case typeNumber, typeMoney, typePercent, typeDuration:
		return bestOf(p, v, numberCandidates(p, v))
	case typeDate:
		return bestOf(p, v, dateCandidates(p, v))
	case typeAgent:
		cs := append(mentionCandidates(p, v), nameCandidates(p, v)...)
		cs = appendLists(p, v, inTextOrder(cs))
		return bestOf(p, v, append(cs, humanPhrases(p, v)...))
	case typePlace:
		cs := append(mentionCandidates(p, v), nameCandidates(p, v)...)
		return bestOf(p, v, append(cs, placePhrases(p, v)...))
	case typeDescribe:
		return describe(v)
	case typeReason:
		if c, ok := reason(v); ok {
			return c, true
		}
		c, ok := clause(p, v)
		c.typed = false // no cause given
		return c, ok
	case typeClause:
		c, ok := clause(p, v)
		if p.speech && c.score < 0.6 {
			c.typed = false // nothing said here
		}
		return c, ok
	case typeYesNo:
		return yesNo(p, v)
	}
	cs := phraseCandidates(p, v)
	if p.plural {
		cs = append(cs, namedExamples(p, v)...)
	}
	c, ok := bestOf(p, v, cs)
	return c, ok
}

// namedExamples are the lists of names that follow the question's focus
// noun, for "which NOUNs" questions: "apps such as Zipra, Movo and
// CityCab", "clubs including X and Y".
func namedExamples(p *question, v *sentView) []candidate {
	var out []candidate
	for _, c := range nameCandidates(p, v) {
		if !c.typed || !strings.Contains(c.text, ",") && !strings.Contains(c.text, " and ") && !strings.Contains(c.text, " or ") {
			continue
		}
		for k := c.i - 1; k >= 0 && k >= c.i-3; k-- {
			if v.match[k] >= 0 && isFocusGroup(p, v, int(v.match[k])) {
				c.score += 1
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// agentPosition rates a name's place for "who did it": just before a
// question word (the subject of its verb) or after "by" (the agent of a
// passive).
func (v *sentView) agentPosition(i, j int) float32 {
	var s float32
	// "Judge Robert Hallorann" for "who is the judge?".
	if i > 0 && v.match[i-1] >= 0 && (roleWords[v.toks[i-1].Lower] || referenceRoles[v.toks[i-1].Lower]) {
		s += 0.3
	}
	if i > 0 && v.toks[i-1].Lower == "by" {
		s += 0.25
	}
	for k := j; k < len(v.toks) && k < j+2; k++ {
		if v.match[k] >= 0 {
			s += 0.1
			break
		}
		if v.toks[k].Kind == tokPunct {
			break
		}
	}
	return s
}

// qualifiedTitle penalises a name whose title the question's words match
// only in part: "Vice President JD Vance" does not answer "who is the
// president?".
func (v *sentView) qualifiedTitle(i int) float32 {
	k := i - 1
	for k >= 0 && v.match[k] >= 0 {
		k--
	}
	if k < i-1 && k >= 0 {
		switch v.toks[k].Lower {
		case "vice", "deputy", "former", "acting", "assistant", "ex", "late", "interim":
			return 0.4
		}
	}
	return 0
}

// mentionKindAt returns the kind of the analysis's mention covering
// tokens [i, j), or 0.
func (v *sentView) mentionKindAt(i, j int) MentionKind {
	start, end := v.toks[i].Start, v.toks[j-1].End
	for _, m := range v.s.Mentions {
		if m.Start < end && start < m.End {
			return m.Kind
		}
	}
	return 0
}

// bestOf scores candidates by proximity to the question's words on top of
// their own score, and returns the best. Candidates of a type that
// contradicts the question's never win: a day does not answer "who".
func bestOf(p *question, v *sentView, cs []candidate) (candidate, bool) {
	best, found := candidate{}, false
	tw := totalWeight(v.groups)
	for _, c := range cs {
		if v.contradicts(p, c) {
			continue
		}
		if c.typed && v.modifiesOther(p, c) {
			// "Korsgaard's three plants" for "who leads the union":
			// a name or date that only qualifies another noun.
			c.typed = false
			c.score -= 0.3
		}
		c.score += v.proximity(c.i, c.j) / tw
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	return best, found
}

// modifiesOther reports whether candidate c only qualifies a noun the
// question does not ask about: a possessive name for "who" ("Korsgaard's
// plants"), a date before a noun for "when" ("a 2023 risk study").
func (v *sentView) modifiesOther(p *question, c candidate) bool {
	if c.prev || c.j >= len(v.toks) {
		return false
	}
	next := v.toks[c.j]
	switch p.kind {
	case typeAgent:
		if next.Kind != tokPossessive || c.j+1 >= len(v.toks) {
			return false
		}
		k := c.j + 1
		for k < len(v.toks) && k < c.j+4 && v.match[k] < 0 && v.toks[k].Kind != tokPunct {
			k++
		}
		return k == len(v.toks) || v.match[k] < 0
	case typeDate:
		if c.i == 0 || !isDeterminer(v.toks[c.i-1].Lower) || next.Kind != tokWord || next.Cap || v.match[c.j] >= 0 {
			return false
		}
		return !dateContext[next.Lower] && !isStopword(next.Lower) && !isVerbForm(next.Lower)
	}
	return false
}

// spanClass is what a span of a sentence is known to name.
type spanClass uint8

const (
	spanUnknown spanClass = iota
	// spanTemporal is a date, a day, a month, a year or a clock time.
	spanTemporal
	// spanNumeric is a bare number or quantity.
	spanNumeric
	// spanPerson is a person the analysis named.
	spanPerson
	// spanOrganization is an organisation the analysis named.
	spanOrganization
)

// classify says what the span [i, j) names, as far as its tokens and the
// analysis's mentions tell: a span all of whose words are dates, days,
// months, time zones or numbers, a date or time mention covering it, or a
// person or organisation mention covering it.
func (v *sentView) classify(i, j int) spanClass {
	if i < 0 || j > len(v.toks) || i >= j {
		return spanUnknown
	}
	start, end := v.toks[i].Start, v.toks[j-1].End
	for _, m := range v.s.Mentions {
		if m.Start > start || m.End < end {
			continue
		}
		switch m.Kind {
		case MentionDate, MentionTime:
			return spanTemporal
		case MentionPerson:
			return spanPerson
		case MentionOrganization:
			return spanOrganization
		}
	}
	temporal, numeric, words := 0, 0, 0
	for k := i; k < j; k++ {
		t := v.toks[k]
		switch {
		case t.Kind == tokNumber || isNumberTok(t):
			words++
			if yearLike(t) || strings.Contains(t.Text, ":") {
				temporal++
			} else {
				numeric++
			}
		case t.Kind == tokWord:
			words++
			if isDateTok(t) || timeZones[t.Lower] && t.Cap || dateContext[t.Lower] && !isDeterminer(t.Lower) {
				temporal++
			} else if !isDeterminer(t.Lower) && !scaleWords[t.Lower] && t.Lower != "about" && t.Lower != "some" {
				return spanUnknown
			}
		}
	}
	switch {
	case words == 0:
		return spanUnknown
	case temporal > 0:
		return spanTemporal
	case numeric > 0:
		return spanNumeric
	}
	return spanUnknown
}

// contradicts reports whether candidate c is of a kind the question rules
// out: a date or number for "who", a date, number or person for "where",
// a person or organisation for "when", a date for "how many" (unless it
// counts years or the like).
func (v *sentView) contradicts(p *question, c candidate) bool {
	switch k := v.classify(c.i, c.j); p.kind {
	case typeAgent:
		return k == spanTemporal || k == spanNumeric
	case typePlace:
		return k == spanTemporal || k == spanNumeric || k == spanPerson && !c.prev
	case typeDate, typeDuration:
		return k == spanPerson || k == spanOrganization
	case typeNumber, typeMoney, typePercent:
		if durationUnits[p.unit] {
			return false // "how many years": a year may well count
		}
		return k == spanTemporal
	}
	return false
}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3, "dozen": 12,
	"dozens": 24, "hundreds": 200, "thousands": 2000, "million": 1e6, "millions": 2e6, "billion": 1e9, "trillion": 1e12,
	"half": 0.5, "single": 1, "both": 2, "once": 1, "twice": 2, "first": 1, "second": 2, "third": 3,
}

var scaleWords = map[string]bool{"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true, "bn": true, "m": true}

var durationUnits = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true, "day": true,
	"days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true,
	"decade": true, "decades": true, "century": true, "centuries": true, "night": true, "nights": true,
}

var moneyWords = map[string]bool{
	"dollar": true, "dollars": true, "euro": true, "euros": true, "pound": true, "pounds": true, "usd": true, "yen": true, "cents": true,
	"eur": true, "gbp": true, "crown": true, "crowns": true, "krona": true, "kronor": true, "krone": true, "kroner": true,
	"franc": true, "francs": true, "rupee": true, "rupees": true, "yuan": true, "renminbi": true, "peso": true, "pesos": true,
	"real": false, "reais": true, "rand": true, "rouble": true, "roubles": true, "ruble": true, "rubles": true, "lira": true,
	"dirham": true, "dirhams": true, "riyal": true, "riyals": true, "shekel": true, "shekels": true, "zloty": true, "naira": true,
	"shilling": true, "shillings": true, "ringgit": true, "baht": true, "dinar": true, "dinars": true, "forint": true, "pence": true,
	"mark": true, "marks": true, "lei": true, "leu": true, "kuna": true, "koruna": true, "hryvnia": true, "tenge": true,
}

// currencyEnd returns the end of the currency after a number ending at
// end: "euros" in "250 million euros", "Norwegian crowns" in "412
// million Norwegian crowns"; end itself when none follows.
func currencyEnd(toks []token, end int) int {
	k := end
	if k+1 < len(toks) && toks[k].Cap {
		if _, ok := demonymPlace(toks[k].Lower); ok {
			k++
		}
	}
	if k < len(toks) && moneyWords[toks[k].Lower] {
		k++
		if k+1 < len(toks) && toks[k].Lower == "per" && toks[k+1].Kind == tokWord && !isStopword(toks[k+1].Lower) {
			k += 2 // "4 crowns per share"
		}
		return k
	}
	return end
}

// numberEnd returns the end of a number starting at i: a currency sign,
// digits or number words, a scale and a percent sign; i when no number
// starts there.
func numberEnd(toks []token, i int) int {
	k := i
	if k < len(toks) && toks[k].Kind == tokSymbol && toks[k].Text != "%" {
		k++
	}
	if k >= len(toks) || !isNumberTok(toks[k]) {
		return i
	}
	k++
	for k < len(toks) && (isNumberTok(toks[k]) || scaleWords[toks[k].Lower]) {
		k++
	}
	if k < len(toks) && (toks[k].Text == "%" || toks[k].Lower == "percent") {
		k++
	}
	return k
}

func isNumberTok(t token) bool {
	if t.Kind == tokNumber {
		return true
	}
	if t.Kind == tokWord {
		_, ok := numberWords[t.Lower]
		return ok
	}
	return false
}

// numberCandidates are the numbers of a sentence with their scale and
// unit: "$5 million", "60-day", "1,200", "nine".
func numberCandidates(p *question, v *sentView) []candidate {
	var cs []candidate
	toks := v.toks
	for i := 0; i < len(toks); i++ {
		if !isNumberTok(toks[i]) || v.match[i] >= 0 {
			continue
		}
		if toks[i].Kind == tokWord {
			switch toks[i].Lower {
			case "first", "second", "third":
				continue // ordinals rank, they do not count
			case "once", "twice", "single", "both", "half":
				if p.unit != "time" {
					continue
				}
			}
		}
		start, end := i, i+1
		if start > 0 && toks[start-1].Kind == tokSymbol && toks[start-1].Text != "%" {
			start--
			// "C$5 million", "US$3 billion": a country letter glued to the sign.
			if start > 0 && toks[start-1].Kind == tokWord && toks[start-1].End == toks[start].Start && len(toks[start-1].Text) <= 2 && toks[start-1].Cap {
				start--
			}
		}
		for end < len(toks) && (isNumberTok(toks[end]) || scaleWords[toks[end].Lower] || ((toks[end].Text == "-" || toks[end].Text == "–" || toks[end].Text == "—") && end+1 < len(toks) && isNumberTok(toks[end+1])) || toks[end].Lower == "and" && end+1 < len(toks) && isNumberTok(toks[end+1]) && numberWords[toks[end+1].Lower] > 0 && numberWords[toks[end+1].Lower] < 100) {
			end++
		}
		if end < len(toks) && (toks[end].Text == "%" || toks[end].Lower == "percent" || toks[end].Lower == "per" && end+1 < len(toks) && toks[end+1].Lower == "cent") {
			end++
		}
		if isAge(toks, i, end) && !p.age {
			i = end - 1
			continue // "a 58-year-old teacher" answers only "how old"
		}
		// "between $8.1 billion and $8.4 billion": a range is one answer.
		signed := start < i
		if start > 0 && toks[start-1].Lower == "between" && end+1 < len(toks) && toks[end].Lower == "and" {
			if e := numberEnd(toks, end+1); e > end+1 {
				start, end = start-1, e
			}
		}
		// "by 15% to 20%": two shares joined by "to" after "by" or "of".
		if start > 0 && (toks[start-1].Lower == "by" || toks[start-1].Lower == "of") && end+1 < len(toks) && toks[end].Lower == "to" && toks[end-1].Text == "%" {
			if e := numberEnd(toks, end+1); e > end+1 && toks[e-1].Text == "%" {
				end = e
			}
		}
		moneyEnd := currencyEnd(toks, end)
		if signed && moneyEnd == end && end+1 < len(toks) && toks[end].Lower == "per" && toks[end+1].Kind == tokWord && !isStopword(toks[end+1].Lower) {
			moneyEnd = end + 2 // "$38.50 per share"
		}
		c := candidate{i: start, j: moneyEnd, score: 0.3}
		// The unit: the next word or two ("10 living hostages", "60-day ceasefire").
		unitAt := end
		if unitAt < len(toks) && toks[unitAt].Text == "-" {
			unitAt++
		}
		unitMatched := false
		for k := unitAt; k < len(toks) && k < unitAt+3; k++ {
			if toks[k].Lower == "of" && k == unitAt+1 && isMeasureUnit(toks[unitAt].Lower) {
				continue // "380 millimetres of rain"
			}
			if toks[k].Kind == tokPunct && toks[k].Text != "-" || isStopword(toks[k].Lower) || clauseStarters[toks[k].Lower] {
				break
			}
			if v.match[k] >= 0 && (p.focus == "" || v.groups[v.match[k]].terms[0].id >= 0 && isFocusGroup(p, v, int(v.match[k]))) {
				unitMatched = true
			}
		}
		unit := ""
		if unitAt < len(toks) {
			unit = toks[unitAt].Lower
		}
		switch p.kind {
		case typeNumber:
			c.typed = !p.age || isAge(toks, i, end) || durationUnits[unit] || apposed(toks, start, end)
			if p.dimension != "" && unitAt == end && unitDimensions[measureUnits[unit]] == p.dimension {
				// "300 metres" for "how deep", with its unit; a modifier
				// ("a 2-metre drill") measures the thing it comes before.
				c.score++
				c.j = unitAt + 1
			}
			if !unitMatched && p.focus != "" && !isMeasureUnit(unit) {
				// "tackles (118)": the focus just before the number.
				for k := start - 1; k >= 0 && k >= start-4; k-- {
					if v.match[k] >= 0 && isFocusGroup(p, v, int(v.match[k])) {
						unitMatched = true
						break
					}
					if t := toks[k]; t.Kind == tokPunct && t.Text != "(" && t.Text != ":" || isNumberTok(t) || boundWords[t.Lower] || isVerbForm(t.Lower) {
						break // "children under five", "rain fell in 48 hours" count no children, no rain
					}
				}
			}
			if p.focus != "" {
				if unitMatched {
					// "14 villages" for "how many villages"; "people" says less.
					c.score += 2
					if genericFocus[p.focus] {
						c.score = c.score - 2 + 0.3
					}
					c.unit = true
				} else {
					c.score -= 0.3
				}
			}
			if durationUnits[unit] && p.unit != "" && !durationUnits[p.unit] && !unitMatched {
				c.score -= 0.4
			}
			if yearLike(toks[i]) {
				c.score -= 0.5
			}
			if p.change && !unitMatched {
				if end > i+1 && (toks[end-1].Text == "%" || toks[end-1].Lower == "percent" || toks[end-1].Lower == "cent") || moneyEnd > end || signed {
					c.score += 0.5 // "dropped 14%": a change is a share or an amount
				} else if end+1 < len(toks) && toks[end].Text == "-" && !isNumberTok(toks[end+1]) {
					c.typed = false // "the biggest one-day fall" says nothing of how much
					c.score -= 0.5
				}
			}
		case typeMoney:
			if signed || moneyEnd > end {
				c.typed = true
				c.score += 1
				if unitMatched {
					c.score += 0.5 // "$38.50 per share" for "how much for each share"
				}
			} else if p.change && end > i+1 && (toks[end-1].Text == "%" || toks[end-1].Lower == "percent" || toks[end-1].Lower == "cent") {
				c.typed = true // "raise the minimum wage by 12%"
				c.score += 0.8
			}
		case typePercent:
			if end > i+1 && (toks[end-1].Text == "%" || toks[end-1].Lower == "percent" || toks[end-1].Lower == "cent") {
				c.typed = true
				c.score += 1
			}
		case typeDuration:
			if durationUnits[unit] {
				c.typed = true
				c.score += 1
				// "two hours": the unit belongs to the answer.
				if unitAt == end || toks[end].Text == "-" {
					c.j = unitAt + 1
				}
			} else if start == i && i > 0 && toks[i-1].Lower == "since" && yearLike(toks[i]) {
				// "closed since 2019": how long, from when.
				c.i, c.typed = i-1, true
				c.score += 0.8
			}
		}
		if c.j > c.i {
			c.text = v.text(c.i, c.j)
			cs = append(cs, c)
		}
		i = end - 1
	}
	if p.kind == typePercent || p.change && (p.kind == typeNumber || p.kind == typeMoney) {
		cs = appendFractions(v, cs) // "cut its flow by almost a third"
	}
	return cs
}

// fractionWords are the shares a fraction names.
var fractionWords = map[string]bool{
	"half": true, "third": true, "thirds": true, "quarter": true, "quarters": true, "fifth": true, "fifths": true,
	"tenth": true, "tenths": true,
}

// fractionHedges qualify a fraction: "almost a third".
var fractionHedges = map[string]bool{"almost": true, "nearly": true, "about": true, "roughly": true, "around": true, "some": true, "over": true}

// appendFractions adds the fractions of a sentence, typed, for questions
// about a share: "roughly a third", "two-thirds", "half".
func appendFractions(v *sentView, cs []candidate) []candidate {
	toks := v.toks
	for k, t := range toks {
		if !fractionWords[t.Lower] || v.match[k] >= 0 {
			continue
		}
		i := k
		switch {
		case k > 0 && (toks[k-1].Lower == "a" || toks[k-1].Lower == "one"):
			i = k - 1
		case k > 1 && toks[k-1].Text == "-" && isNumberTok(toks[k-2]):
			i = k - 2
		case k > 0 && isNumberTok(toks[k-1]):
			i = k - 1
		case t.Lower != "half":
			continue // "third" alone is an ordinal
		}
		if i > 0 && fractionHedges[toks[i-1].Lower] {
			i-- // "almost a third": the hedge is part of the figure
		}
		cs = append(cs, candidate{text: v.text(i, k+1), i: i, j: k + 1, score: 0.9, typed: true})
	}
	return cs
}

// isAge reports whether the number toks[i:end] is someone's age: "58-year-old",
// "aged 58", "58 years old".
func isAge(toks []token, i, end int) bool {
	if i > 0 && toks[i-1].Lower == "aged" {
		return true
	}
	k := end
	if k < len(toks) && toks[k].Text == "-" {
		k++
	}
	if k+1 < len(toks) && (toks[k].Lower == "year" || toks[k].Lower == "years") {
		k++
		if toks[k].Text == "-" && k+1 < len(toks) {
			k++
		}
		return toks[k].Lower == "old"
	}
	return false
}

// apposed reports a number set off by commas after a name: "Julio
// Condori, 52, a farmer", which gives an age.
func apposed(toks []token, i, j int) bool {
	return i >= 2 && toks[i-1].Text == "," && toks[i-2].Cap && j < len(toks) && toks[j].Text == ","
}

// boundWords put a number after a noun as a bound on it, not its count.
// isMeasureUnit reports whether a word after a number is a unit of
// measurement: such a number measures, it does not count the noun
// before it ("children within 200 metres").
func isMeasureUnit(lower string) bool {
	_, ok := measureUnits[lower]
	return ok
}

var boundWords = map[string]bool{
	"under": true, "over": true, "aged": true, "than": true, "below": true, "above": true, "between": true,
}

// isFocusGroup reports whether group g holds the question's focus noun.
func isFocusGroup(p *question, v *sentView, g int) bool {
	return g < len(p.words) && p.words[g].focus
}

var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
}

var dayWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "yesterday": true, "today": true, "tomorrow": true, "tonight": true,
}

var dateContext = map[string]bool{
	"century": true, "centuries": true, "decade": true, "morning": true, "evening": true, "afternoon": true,
	"night": true, "week": true, "month": true, "year": true, "bc": true, "ad": true, "bce": true, "ce": true,
	"est": true, "gmt": true, "utc": true, "edt": true, "pst": true, "a.m.": true, "p.m.": true, "am": true, "pm": true,
	"early": true, "late": true, "mid": true, "bp": true, "spring": true, "summer": true, "autumn": true, "fall": true, "winter": true,
	"last": true, "next": true, "previous": true, "s": true, "th": true, "st": true, "nd": true, "rd": true,
}

func yearLike(t token) bool {
	if t.Kind != tokNumber || len(t.Text) != 4 {
		return false
	}
	return (t.Text[0] == '1' && t.Text[1] >= '0') || (t.Text[0] == '2' && t.Text[1] == '0')
}

func isDateTok(t token) bool {
	if t.Kind == tokWord {
		return monthWords[t.Lower] && (t.Cap || len(t.Lower) > 3) || dayWords[t.Lower]
	}
	if t.Kind == tokNumber {
		return yearLike(t) || strings.Contains(t.Text, ":")
	}
	return false
}

// dateCandidates are the dates and times of a sentence: "October 7, 2023",
// "Tuesday evening", "17:00 EST", "1990s", "the 19th century".
func dateCandidates(p *question, v *sentView) []candidate {
	var cs []candidate
	toks := v.toks
	for i := 0; i < len(toks); i++ {
		if !isDateTok(toks[i]) || v.match[i] >= 0 {
			continue
		}
		start, end := i, i+1
		// A day number before a month ("7 October") or "the 19th".
		if start > 0 && toks[start-1].Kind == tokNumber && len(toks[start-1].Text) <= 2 && monthWords[toks[i].Lower] {
			start--
		}
		for end < len(toks) {
			t := toks[end]
			switch {
			case isDateTok(t) || dateContext[t.Lower]:
				end++
				continue
			case t.Kind == tokNumber && len(t.Text) <= 2 && monthWords[toks[end-1].Lower]:
				end++
				continue
			case t.Text == "." && len(toks[end-1].Text) <= 4 && monthWords[toks[end-1].Lower] && end+1 < len(toks) && toks[end+1].Kind == tokNumber:
				end++ // "Oct. 26"
				continue
			case t.Kind == tokNumber && len(t.Text) <= 2 && toks[end-1].Text == "." && end >= 2 && monthWords[toks[end-2].Lower]:
				end++
				continue
			case t.Text == "," && end+1 < len(toks) && yearLike(toks[end+1]):
				end++
				continue
			case t.Text == "(" && end+1 < len(toks) && isDateTok(toks[end+1]):
				// "17:00 EST (21:00 GMT)": keep the first.
			}
			break
		}
		// "in the 1990s", "in 2023": trailing "s".
		cs = append(cs, candidate{text: v.text(start, end), i: start, j: end, score: 0.5 + 0.1*float32(end-start), typed: true})
		i = end - 1
	}
	for i := 0; i < len(toks); i++ {
		// "the 19th century", "two years later" are dates too.
		if toks[i].Kind == tokNumber && i+2 < len(toks) && (toks[i+2].Lower == "century") {
			cs = append(cs, candidate{text: v.text(i, i+3), i: i, j: i + 3, score: 0.5, typed: true})
		}
		// "within 48 hours", "in two weeks": how soon (not when it did).
		if p.tense != tensePast && (toks[i].Lower == "within" || toks[i].Lower == "in") && i+2 < len(toks) && isNumberTok(toks[i+1]) && v.match[i+1] < 0 && durationUnits[toks[i+2].Lower] {
			cs = append(cs, candidate{text: v.text(i, i+3), i: i, j: i + 3, score: 0.45, typed: true})
		}
		// "22,000 years ago", "13,000 BP", "two decades later".
		if isNumberTok(toks[i]) && v.match[i] < 0 {
			j := i + 1
			if j < len(toks) && durationUnits[toks[j].Lower] {
				j++
			}
			if j < len(toks) && j > i+1 && (toks[j].Lower == "ago" || toks[j].Lower == "later" || toks[j].Lower == "earlier") || j == i+1 && j < len(toks) && (toks[j].Lower == "bp" || toks[j].Lower == "bc" || toks[j].Lower == "bce") {
				cs = append(cs, candidate{text: v.text(i, j+1), i: i, j: j + 1, score: 0.55, typed: true})
			}
		}
	}
	// "between 2005 and 2010": a range of dates.
	n := len(cs)
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			c, d := cs[a], cs[b]
			if c.i < 1 || d.i != c.j+1 || d.i >= len(toks) {
				continue
			}
			if l, m := toks[c.i-1].Lower, toks[c.j].Lower; (l == "between" && m == "and") || (l == "from" && (m == "to" || m == "until")) {
				cs = append(cs, candidate{text: v.text(c.i-1, d.j), i: c.i - 1, j: d.j, score: c.score + 0.1, typed: true})
			}
		}
	}
	// "when the immune system is less active": a clause of time.
	for i := 0; i+3 < len(toks); i++ {
		if l := toks[i].Lower; (l == "when" || l == "after" || l == "before" || l == "until" || l == "once" || l == "during") && !v.containsMatch(i, i+1) {
			j := i + 1
			for j < len(toks) && toks[j].Kind != tokPunct && j < i+12 {
				j++
			}
			if j-i >= 3 && !(i+1 < len(toks) && isDateTok(toks[i+1])) {
				cs = append(cs, candidate{text: v.text(i, j), i: i, j: j, score: 0.05})
			}
		}
	}
	return cs
}

// sentenceAdverbs open sentences with a capital without naming anything.
var sentenceAdverbs = map[string]bool{
	"meanwhile": true, "previously": true, "earlier": true, "later": true, "separately": true, "still": true,
	"overall": true, "instead": true, "finally": true, "first": true, "last": true, "now": true, "today": true,
	"yesterday": true, "also": true, "additionally": true, "furthermore": true, "moreover": true, "nonetheless": true,
	"nevertheless": true, "indeed": true, "officials": true, "police": true, "analysts": true, "critics": true,
}

var nameJoiners = map[string]bool{"of": true, "the": true, "de": true, "for": true, "van": true, "von": true, "al": true, "bin": true, "la": true, "le": true, "du": true, "da": true, "del": true, "&": true}

var placePrepositions = map[string]bool{"in": true, "at": true, "from": true, "near": true, "to": true, "into": true, "across": true, "outside": true, "inside": true, "within": true}

// locativePrepositions put the place after them as where something
// happens ("in", "at", "near"), not as who does it.
var locativePrepositions = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true, "within": true, "across": true}

// locativeAt reports whether mention m follows a locative preposition,
// directly or after "the".
func (v *sentView) locativeAt(m Mention) bool {
	i0, _ := v.tokenSpan(m.Start, m.End)
	return i0 > 0 && locativePrepositions[v.toks[i0-1].Lower] ||
		i0 > 1 && v.toks[i0-1].Lower == "the" && locativePrepositions[v.toks[i0-2].Lower]
}

// placeMentionAt reports whether the analysis found a place at tokens [i, j).
func (v *sentView) placeMentionAt(i, j int) bool {
	for _, m := range v.s.Mentions {
		if m.Kind != MentionPlace {
			continue
		}
		if mi, mj := v.tokenSpan(m.Start, m.End); mi < j && i < mj {
			return true
		}
	}
	return false
}

// nameCandidates are runs of capitalised words: people, organisations and
// places. A demonym stands for its place ("Qatari" → "Qatar").
func nameCandidates(p *question, v *sentView) []candidate {
	if v.s.Part == PartHeadline {
		return nil // headlines capitalise every word
	}
	var cs []candidate
	toks := v.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != tokWord || !t.Cap || v.match[i] >= 0 || isStopword(t.Lower) && !isAcronym(t.Text) {
			continue // "WHO" and "US" name something; "Who" and "Us" do not
		}
		if i == 0 && (isStopword(t.Lower) && !isAcronym(t.Text) || clauseStarters[t.Lower] || isVerbForm(t.Lower) || sentenceAdverbs[t.Lower]) {
			continue
		}
		if monthWords[t.Lower] || dayWords[t.Lower] {
			continue
		}
		if i > 0 && toks[i-1].Cap && toks[i-1].Kind == tokWord && v.match[i-1] >= 0 && int(v.match[i-1]) < len(p.words) && p.words[v.match[i-1]].proper &&
			toks[i-1].End == toks[i].Start-1 && !isDemonymOrPlace(toks[i-1].Lower) && !roleWords[toks[i-1].Lower] {
			// "FC" of "Castellmar FC" when the question names Castellmar:
			// the rest of the question's name, not another.
			for i+1 < len(toks) && toks[i+1].Cap && toks[i+1].Kind == tokWord {
				i++
			}
			continue
		}
		end := i + 1
		for end < len(toks) {
			u := toks[end]
			if u.Kind == tokWord && u.Cap && v.match[end] < 0 {
				end++
				continue
			}
			if u.Kind == tokWord && nameJoiners[u.Lower] && end+1 < len(toks) && toks[end+1].Cap && v.match[end+1] < 0 {
				end += 2
				continue
			}
			if u.Text == "-" && end+1 < len(toks) && (toks[end+1].Cap || end-i >= 2 && nameSyllableAt(toks, end)) {
				end += 2
				continue
			}
			if u.Text == "." && len(toks[end-1].Text) == 1 && end+1 < len(toks) && toks[end+1].Cap {
				end++ // "Michael E. Mann"
				continue
			}
			if u.Kind == tokNumber && end+1 < len(toks) && toks[end+1].Cap && v.match[end+1] < 0 {
				end += 2 // "Level 3 Communications"
				continue
			}
			break
		}
		if p.kind != typePlace && end < len(toks) && toks[end].Kind == tokWord && toks[end].Cap && v.match[end] >= 0 && int(v.match[end]) < len(p.words) && !p.words[v.match[end]].proper {
			// "Grand" of "Grand Jury Prize" when the question asks about a
			// jury in lower case: the head of a name, not an answer.
			i = end
			continue
		}
		onlyTitles := true
		for k := i; k < end; k++ {
			if !roleWords[toks[k].Lower] {
				onlyTitles = false
			}
		}
		if onlyTitles {
			i = end - 1
			continue // "Vice" of "Vice President": a title, not a name
		}
		if p.kind == typeAgent && i > 0 && locativePrepositions[toks[i-1].Lower] && v.placeMentionAt(i, end) {
			i = end - 1
			continue // "students in Uppsala": where something happens does not do it
		}
		c := candidate{i: i, j: end, text: v.text(i, end), score: 0.2, typed: true}
		if i == 0 && end == 1 {
			c.score -= 0.3 // a capital opening the sentence may name nothing
		}
		if end-i == 1 {
			if place, ok := demonymPlace(t.Lower); ok {
				switch {
				case p.kind == typePlace:
					c.text = place
					c.score += 0.3
				case end < len(toks) && agentNouns[toks[end].Lower]:
					c.j = end + 1 // "Turkish forces"
					c.text = v.text(i, c.j)
				case p.kind == typeAgent:
					i = end - 1
					continue // "German plants": a demonym acts only through its people
				}
			}
		}
		if p.kind == typePlace {
			if i > 0 && placePrepositions[toks[i-1].Lower] {
				c.score += 0.4
			}
			if k := v.mentionKindAt(i, end); k == MentionPerson {
				c.score -= 0.4
			}
		} else {
			c.score += v.agentPosition(i, end) - v.qualifiedTitle(i)
			if end-i >= 2 {
				c.score += 0.15
			}
			if i > 0 && placePrepositions[toks[i-1].Lower] {
				c.score -= 0.15
			}
		}
		cs = append(cs, c)
		i = end - 1
	}
	return appendLists(p, v, cs)
}

// isAcronym reports whether a word is written in capitals, two letters
// or more: "WHO", "US".
func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// inTextOrder sorts candidates by position and drops those overlapping
// an earlier one, keeping the better scored of two at the same place.
func inTextOrder(cs []candidate) []candidate {
	slices.SortStableFunc(cs, func(a, b candidate) int { return a.i - b.i })
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 && c.i < out[n-1].j {
			if c.score > out[n-1].score {
				out[n-1] = c
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// appendLists adds, for names listed together ("Grissom, White, and
// Chaffee"), the whole list as one more candidate, preferred when the
// question asks for several things.
func appendLists(p *question, v *sentView, cs []candidate) []candidate {
	n := len(cs)
	for a := 0; a < n; a++ {
		b := a
		for b+1 < n && joinsList(v, cs[b].j, cs[b+1].i) {
			b++
		}
		// Two items make a list only with "and" or "or" between them;
		// "Thomas Achterberg, Genorex's head" and "Lisbon, Portugal" are none.
		if b == a+1 && !endsList(v, cs[a].j, cs[b].i) {
			b = a
		}
		if b > a {
			c := candidate{i: cs[a].i, j: cs[b].j, score: cs[a].score + 0.05, typed: true}
			if p.plural {
				c.score = max(c.score, cs[b].score) + listBonus
			}
			c.text = v.text(c.i, c.j)
			cs = append(cs, c)
			a = b
		}
	}
	return cs
}

// listBonus prefers a whole list for a question about several things.
const listBonus = 0.8

// endsList reports whether tokens [i, j) join the last two items of a
// list: "and", ", and", "or".
func endsList(v *sentView, i, j int) bool {
	for k := i; k < j; k++ {
		if l := v.toks[k].Lower; l == "and" || l == "or" {
			return true
		}
	}
	return false
}

// joinsList reports whether tokens [i, j) join two list items: ",", "and",
// ", and", "or", perhaps with the next item's role ("and goalkeeper").
func joinsList(v *sentView, i, j int) bool {
	if j-i < 1 || j-i > 3 {
		return false
	}
	joined := false
	for k := i; k < j; k++ {
		switch l := v.toks[k].Lower; {
		case l == "," || l == "and" || l == "or":
			joined = true
		case joined && !v.toks[k].Cap && (isHumanNoun(l) || roleWords[l]):
			// "midfielder Jonas Brandt and goalkeeper Rui Matos"
		default:
			return false
		}
	}
	return joined
}

// humanPhrases are the phrases of a sentence whose last word names
// people without a name: "stratigraphers", "an attorney", "two Japanese
// research teams".
func humanPhrases(p *question, v *sentView) []candidate {
	if p.role && !p.plural {
		return nil // "who was her supervisor?" wants a name, not "students"
	}
	var out []candidate
	for _, c := range phraseCandidates(p, v) {
		last := v.toks[c.j-1]
		if last.Cap || last.Kind != tokWord || !isHumanNoun(last.Lower) {
			continue
		}
		c.score -= humanPhrasePenalty
		c.typed = true
		out = append(out, c)
	}
	return out
}

// placePhrases are the phrases after "in", "at", "near" and the like:
// "nursing homes", "the altitude chamber".
func placePhrases(p *question, v *sentView) []candidate {
	var out []candidate
	for _, c := range phraseCandidates(p, v) {
		k := c.i - 1
		for k >= 0 && isDeterminer(v.toks[k].Lower) {
			k--
		}
		if k < 0 || !placePrepositions[v.toks[k].Lower] || v.toks[c.i].Kind == tokNumber {
			continue
		}
		if c.j < len(v.toks) && v.match[c.j] >= 0 && v.toks[c.j].Kind == tokWord {
			continue // "a large study": a modifier of the question's own word
		}
		c.score -= placePhrasePenalty
		c.typed = true
		out = append(out, c)
	}
	return out
}

// placePhrasePenalty puts common-noun answers to "where" behind names.
const placePhrasePenalty = 0.2

// humanPhrasePenalty puts common-noun answers to "who" behind names.
const humanPhrasePenalty = 0.15

// isHumanNoun guesses whether a lower-case noun names people.
func isHumanNoun(l string) bool {
	if agentNouns[l] || humanNouns[l] {
		return true
	}
	for _, suf := range [...]string{"ers", "ors", "ists", "ians", "ants", "ents", "er", "or", "ist", "ian"} {
		if strings.HasSuffix(l, suf) && len(l) > len(suf)+3 && !isVerbForm(l) {
			return true
		}
	}
	return false
}

// agentNouns are nouns a demonym before them turns into an actor: "a
// Qatari delegation" is Qatar acting.
var agentNouns = map[string]bool{
	"delegation": true, "delegations": true, "officials": true, "official": true, "government": true,
	"ministry": true, "forces": true, "troops": true, "team": true, "negotiators": true, "mediators": true,
	"authorities": true, "diplomats": true, "envoy": true, "side": true, "army": true, "military": true,
	"leaders": true, "leadership": true, "president": true, "minister": true, "police": true,
}

// mentionCandidates are the people, organisations and places the
// analysis found in the sentence, with their canonical names.
func mentionCandidates(p *question, v *sentView) []candidate {
	if v.s.Part == PartHeadline {
		return nil
	}
	var cs []candidate
	for _, m := range v.s.Mentions {
		var kindBonus float32
		switch m.Kind {
		case MentionPerson, MentionOrganization:
			if p.kind == typeAgent {
				kindBonus = 0.35
			}
		case MentionPlace:
			if p.kind == typePlace {
				kindBonus = 0.35
			}
		default:
			continue
		}
		switch {
		case p.kind == typeAgent && m.Kind == MentionPlace && v.locativeAt(m):
			continue // "students in Uppsala": where something happens does not do it
		case p.kind == typePlace && m.Kind == MentionPerson:
			continue // "where" is not a person
		case p.kind == typePlace && m.Kind == MentionOrganization:
			// "at the White House": a building or body standing for a place.
			if i0, _ := v.tokenSpan(m.Start, m.End); !(i0 > 0 && placePrepositions[v.toks[i0-1].Lower] || i0 > 1 && v.toks[i0-1].Lower == "the" && placePrepositions[v.toks[i0-2].Lower]) {
				continue
			}
			kindBonus = 0.25
		}
		i, j := v.tokenSpan(m.Start, m.End)
		if i >= j || v.containsMatch(i, j) {
			continue
		}
		// "Michael E. Mann": the analysis may stop at an initial.
		for j+1 < len(v.toks) && v.toks[j].Text == "." && len(v.toks[j-1].Text) == 1 && v.toks[j+1].Cap && v.match[j+1] < 0 {
			j += 2
			for j < len(v.toks) && v.toks[j].Cap && v.toks[j].Kind == tokWord && v.match[j] < 0 {
				j++
			}
		}
		if p.kind == typeAgent && m.Kind == MentionPlace && m.Name != "" && m.Name != m.Text && j-i == 1 && (j == len(v.toks) || !agentNouns[v.toks[j].Lower]) {
			continue // "German plants": a demonym acts only through its people
		}
		if m.Kind != MentionPlace || m.Name == m.Text {
			m.Text = v.text(i, j)
		}
		c := candidate{i: i, j: j, text: m.Text, score: 0.2 + kindBonus, typed: true}
		if m.Kind == MentionPlace && m.Name != "" && m.Name != m.Text && j-i == 1 {
			// A demonym acting: "a Qatari delegation ... the country's
			// mediating role" is Qatar; otherwise "Turkish forces".
			c.text = m.Name
			if p.kind == typeAgent && j < len(v.toks) && agentNouns[v.toks[j].Lower] {
				c.score += 0.45
				c.text = v.text(i, j+1)
				c.j = j + 1
				for k := j; k+1 < len(v.toks); k++ {
					if v.toks[k].Lower == "the" && (v.toks[k+1].Lower == "country" || v.toks[k+1].Lower == "nation" || v.toks[k+1].Lower == "emirate" || v.toks[k+1].Lower == "kingdom") {
						c.score += 0.3
						c.text = m.Name
						break
					}
				}
			}
		}
		if p.kind == typeAgent && i > 0 && placePrepositions[v.toks[i-1].Lower] {
			c.score -= 0.25 // "at the White House": a place here
		}
		if p.kind == typeAgent && i > 1 && v.toks[i-1].Lower == "the" && placePrepositions[v.toks[i-2].Lower] {
			c.score -= 0.25
		}
		if p.kind == typePlace && i > 0 && placePrepositions[v.toks[i-1].Lower] {
			c.score += 0.2
		}
		if p.kind == typeAgent {
			c.score += v.agentPosition(c.i, c.j) - v.qualifiedTitle(c.i)
		}
		cs = append(cs, c)
	}
	if p.kind == typeAgent {
		cs = append(cs, roleReferences(v)...)
		if c, ok := pronounReference(v); ok {
			cs = append(cs, c)
		}
	}
	return cs
}

// pronounReference answers "who" from the sentence before when this one
// opens with "He" or "She": the first person named there.
func pronounReference(v *sentView) (candidate, bool) {
	if v.an == nil || len(v.toks) == 0 || v.s.Index == 0 {
		return candidate{}, false
	}
	switch v.toks[0].Lower {
	case "he", "she":
	default:
		return candidate{}, false
	}
	prev := &v.an.Sentences[v.s.Index-1]
	if prev.Part != v.s.Part || prev.Para != v.s.Para {
		return candidate{}, false
	}
	for _, m := range prev.Mentions {
		if m.Kind == MentionPerson {
			return candidate{i: 0, j: 1, text: m.Text, score: 0.45, typed: true, prev: true}, true
		}
	}
	return candidate{}, false
}

// referenceRoles are roles a story refers to a person by once named: "the
// president" is the article's president.
var referenceRoles = map[string]bool{
	"president": true, "minister": true, "envoy": true, "chancellor": true, "premier": true, "king": true,
	"queen": true, "ceo": true, "executive": true, "coach": true, "mayor": true, "governor": true,
	"judge": true, "senator": true, "ambassador": true, "prosecutor": true, "spokesman": true,
	"spokeswoman": true, "captain": true, "manager": true, "chairman": true, "chairwoman": true, "founder": true,
}

// roleReferences resolves "the president" and the like to the person of
// the article with that role.
func roleReferences(v *sentView) []candidate {
	if v.an == nil {
		return nil
	}
	var cs []candidate
	toks := v.toks
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].Lower != "the" {
			continue
		}
		end := k + 1
		for end < len(toks) && end < k+3 && toks[end].Kind == tokWord && (referenceRoles[toks[end].Lower] || roleWords[toks[end].Lower]) {
			end++
		}
		if end == k+1 || !referenceRoles[toks[end-1].Lower] || (end < len(toks) && toks[end].Cap) || v.containsMatch(k, end) {
			continue
		}
		role := strings.ToLower(v.text(k+1, end))
		name := ""
		for _, pe := range v.an.Who.People {
			r := strings.ToLower(pe.Role)
			if r == "" || !strings.HasSuffix(r, role) || (!strings.Contains(role, "vice") && strings.Contains(r, "vice")) {
				continue
			}
			if name != "" {
				name = "" // two people with the role: ambiguous
				break
			}
			name = pe.Name
		}
		if name != "" {
			cs = append(cs, candidate{i: k, j: end, text: name, score: 0.5, typed: true})
		}
	}
	return cs
}

// tokenSpan converts a byte range of the sentence into a token range.
func (v *sentView) tokenSpan(start, end int) (int, int) {
	i, j := -1, -1
	for k, t := range v.toks {
		if i < 0 && t.End > start {
			i = k
		}
		if t.Start < end {
			j = k + 1
		}
	}
	if i < 0 || j < 0 {
		return 0, 0
	}
	return i, j
}

var roleWords = map[string]bool{
	"president": true, "vice": true, "prime": true, "minister": true, "secretary": true, "envoy": true,
	"chancellor": true, "king": true, "queen": true, "prince": true, "princess": true, "general": true,
	"senator": true, "sen.": true, "governor": true, "ambassador": true, "director": true, "ceo": true,
	"chairman": true, "chairwoman": true, "chair": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "mayor": true, "foreign": true, "defense": true, "defence": true, "state": true,
	"chief": true, "head": true, "leader": true, "commander": true, "judge": true, "justice": true,
	"pope": true, "representative": true, "rep.": true, "speaker": true, "deputy": true, "former": true,
	"special": true, "middle": true, "east": true, "coach": true, "founder": true, "executive": true,
}

// describe says who someone is from an appositive or a title before the
// name: "Trump's Middle East envoy, Steve Witkoff" or "Israeli Prime
// Minister Benjamin Netanyahu".
func describe(v *sentView) (candidate, bool) {
	toks := v.toks
	if len(v.matched) == 0 {
		return candidate{}, false
	}
	first, last := v.matched[0], v.matched[0]
	for _, m := range v.matched {
		if m < first {
			first = m
		}
		if m > last {
			last = m
		}
	}
	// Extend the name left over first names ("Steve" before "Witkoff").
	for first > 0 && toks[first-1].Cap && toks[first-1].Kind == tokWord && !roleWords[toks[first-1].Lower] && !isDemonymOrPlace(toks[first-1].Lower) {
		first--
	}
	// "<description>, Name"
	if first >= 2 && toks[first-1].Text == "," {
		k := first - 1
		for k > 0 && toks[k-1].Kind != tokPunct && !isClauseWord(toks[k-1].Lower) {
			k--
		}
		if first-1-k >= 1 && first-1-k <= 8 && v.looksRole(k, first-1) {
			return candidate{text: v.text(k, first-1), i: k, j: first - 1, score: 1, typed: true}, true
		}
	}
	// "Name, <description>,"
	if last+2 < len(toks) && toks[last+1].Text == "," {
		k := last + 2
		for k < len(toks) && toks[k].Kind != tokPunct {
			k++
		}
		if k-(last+2) >= 1 && k-(last+2) <= 10 && !isClauseWord(toks[last+2].Lower) && v.looksRole(last+2, k) {
			return candidate{text: v.text(last+2, k), i: last + 2, j: k, score: 1, typed: true}, true
		}
	}
	// "Title Name"
	k := first
	for k > 0 && (roleWords[toks[k-1].Lower] || isDemonymOrPlace(toks[k-1].Lower) || toks[k-1].Kind == tokPossessive || (toks[k-1].Cap && k-1 > 0 && toks[k].Kind == tokPossessive)) {
		k--
	}
	for k < first && toks[k].Kind != tokWord {
		k++
	}
	if k < first {
		return candidate{text: v.text(k, first), i: k, j: first, score: 0.8, typed: true}, true
	}
	// The role the analysis found elsewhere in the article.
	if v.an != nil {
		name := strings.ToLower(v.text(first, last+1))
		for _, pe := range v.an.Who.People {
			if pe.Role == "" {
				continue
			}
			if strings.Contains(strings.ToLower(pe.Name), name) || containsString(pe.Aliases, v.text(first, last+1)) {
				return candidate{text: pe.Role, i: first, j: last + 1, score: 0.6, typed: true}, true
			}
		}
	}
	return candidate{}, false
}

// looksRole reports whether tokens [i, j) can describe a person: they
// name a role, an organisation or whose the person is.
func (v *sentView) looksRole(i, j int) bool {
	for k := i; k < j; k++ {
		t := v.toks[k]
		if roleWords[t.Lower] || referenceRoles[t.Lower] || t.Kind == tokPossessive || (t.Cap && k > i) || strings.HasSuffix(t.Lower, "ist") || strings.HasSuffix(t.Lower, "er") || strings.HasSuffix(t.Lower, "or") {
			return true
		}
	}
	return false
}

func isDemonymOrPlace(l string) bool {
	_, ok := demonymPlace(l)
	return ok || l == "u.s." || l == "us" || l == "uk"
}

// clauseWords start a clause or a verb phrase; descriptions stop at them.
func isClauseWord(l string) bool {
	switch l {
	case "after", "before", "when", "while", "that", "which", "who", "and", "but", "said", "says", "as", "because", "if", "since", "with", "by", "on", "in", "at", "for":
		return true
	}
	return false
}

var reasonMarkers = []string{"because of", "because", "due to", "owing to", "as a result of", "in order to", "so that", "since", "amid", "after", "following", "for fear", "to"}

// reason answers "why" with the clause after a causal marker.
func reason(v *sentView) (candidate, bool) {
	toks := v.toks
	for _, m := range reasonMarkers {
		words := strings.Fields(m)
		for i := 0; i+len(words) <= len(toks); i++ {
			ok := true
			for k, w := range words {
				if toks[i+k].Lower != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			start := i + len(words)
			end := start
			for end < len(toks) && !(toks[end].Kind == tokPunct && toks[end].Text != "-" && toks[end].Text != "'") {
				end++
			}
			if end-start < 2 {
				continue
			}
			if m == "to" && (len(v.matched) == 0 || i < v.matched[0] || !isVerbForm(toks[start].Lower) || toks[start].Cap) {
				continue // "to" gives a purpose only before a verb
			}
			text := v.text(i, end)
			if m == "to" || m == "in order to" || m == "so that" {
				text = v.text(i, end)
			}
			return candidate{text: text, i: i, j: end, score: 0.6, typed: true}, true
		}
	}
	return candidate{}, false
}

var verbLinks = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "would": true, "will": true,
	"could": true, "may": true, "might": true, "expected": true, "set": true, "likely": true,
	"involve": true, "involves": true, "include": true, "includes": true, "including": true, "means": true,
	"has": true, "have": true, "had": true, "calls": true, "call": true, "called": true, "reportedly": true,
	"aims": true, "aimed": true, "seeks": true, "requires": true, "require": true, "proposes": true, "envisages": true,
}

// clause compresses a sentence into the part that answers: after the
// question's matched words and a linking verb ("The proposed agreement is
// expected to involve the release of ..." → "the release of ..."), or the
// sentence without its attribution.
func clause(p *question, v *sentView) (candidate, bool) {
	toks := v.toks
	n := len(toks)
	for n > 0 && toks[n-1].Kind == tokPunct && (toks[n-1].Text == "." || toks[n-1].Text == "!" || toks[n-1].Text == "?") {
		n--
	}
	if n == 0 {
		return candidate{}, false
	}
	if p.speech {
		if c, ok := speech(v, n); ok {
			return c, true
		}
	}
	if !p.status {
		if c, ok := linkedClause(v); ok {
			return c, true
		}
	}
	start := 0
	// Drop a leading "However," or "As negotiations resumed on Tuesday,".
	for k := 0; k < n && k < 12; k++ {
		if toks[k].Text == "," {
			if !v.containsMatch(0, k) || k <= 2 {
				start = k + 1
			}
			break
		}
	}
	end := n
	for k := start; k < n; k++ {
		if toks[k].Text == "," && k+1 < n && (toks[k+1].Lower == "according" || toks[k+1].Lower == "said") {
			end = k
			break
		}
	}
	if start >= end {
		start = 0
	}
	end = trimClause(toks, start, end)
	return candidate{text: v.text(start, end), i: start, j: end, score: 0.4, typed: true}, true
}

var negations = map[string]bool{
	"no": true, "not": true, "never": true, "n't": true, "nothing": true, "none": true, "neither": true,
	"nor": true, "without": true, "denied": true, "rejected": true, "refused": true, "lacks": true,
	"lack": true, "lacked": true, "lacking": true, "failed": true, "fails": true, "unable": true,
}

// antonyms are stems whose meeting, one in the question and the other in
// the evidence, turns a yes into a no ("Is this their first meeting?" —
// "their second meeting").
var antonyms = [...][2]string{
	{"first", "second"}, {"first", "third"}, {"second", "third"}, {"includ", "exclud"}, {"win", "lost"},
	{"won", "lost"}, {"win", "defeat"}, {"rise", "fell"}, {"rose", "fell"}, {"increas", "decreas"},
	{"increas", "cut"}, {"open", "close"}, {"accept", "reject"}, {"approv", "reject"}, {"over", "unfinish"}, {"over", "ongo"}, {"over", "continu"}, {"over", "remain"},
	{"finish", "unfinish"}, {"end", "continu"}, {"alive", "dead"}, {"guilti", "acquit"}, {"success", "fail"},
	{"optimist", "pessimist"}, {"agre", "disagre"}, {"major", "minor"},
}

var reportingVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "stated": true, "indicated": true, "announced": true,
	"emphasized": true, "emphasised": true, "asserted": true, "added": true, "warned": true, "revealed": true,
	"commented": true, "noted": true, "highlighted": true, "suggested": true, "argued": true, "insisted": true,
	"claimed": true, "explained": true, "cautioned": true, "stressed": true, "acknowledged": true, "confirmed": true,
}

// speech returns what a sentence reports someone said: a quotation, or
// the clause after "said that".
func speech(v *sentView, n int) (candidate, bool) {
	toks := v.toks
	// A quotation: the text between the first pair of quotes.
	open := -1
	for k := 0; k < n; k++ {
		switch t := toks[k].Text; {
		case (t == "\"" || t == "“") && open < 0:
			open = k
		case (t == "\"" || t == "”") && open >= 0 && k-open > 3:
			return candidate{text: v.text(open+1, k), i: open + 1, j: k, score: 0.6, typed: true}, true
		}
	}
	for k := 0; k+2 < n; k++ {
		if reportingVerbs[toks[k].Lower] && toks[k+1].Lower == "that" {
			end := n
			for j := k + 2; j < n; j++ {
				if toks[j].Text == ";" {
					end = j
					break
				}
			}
			return candidate{text: v.text(k+2, end), i: k + 2, j: end, score: 0.6, typed: true}, true
		}
	}
	return candidate{}, false
}

// maxClauseWords caps a clause answer; a longer one is cut at a comma.
const maxClauseWords = 16

// trimClause shortens the clause toks[i:j] to the last comma, bracket or
// relative pronoun before maxClauseWords, keeping answers short enough
// to read at a glance; the evidence sentence has the rest.
func trimClause(toks []token, i, j int) int {
	if j-i <= maxClauseWords {
		return j
	}
	for k := i + maxClauseWords; k > i+3; k-- {
		if toks[k].Text == "," || toks[k].Text == "(" || toks[k].Text == ";" || toks[k].Lower == "which" || toks[k].Lower == "who" {
			return k
		}
	}
	return j
}

// linkedClause finds the question's words followed by a linking verb
// and returns what follows: "The proposed agreement is expected to
// involve the release of ..." → "the release of ...".
func linkedClause(v *sentView) (candidate, bool) {
	toks := v.toks
	n := len(toks)
	for n > 0 && toks[n-1].Kind == tokPunct && (toks[n-1].Text == "." || toks[n-1].Text == "!" || toks[n-1].Text == "?") {
		n--
	}
	for _, m := range v.matched {
		k := m + 1
		for k < n && (v.match[k] >= 0 || (toks[k].Kind == tokWord && !verbLinks[toks[k].Lower] && toks[k].Cap)) {
			k++
		}
		links := 0
		for k < n && (verbLinks[toks[k].Lower] || links > 0 && toks[k].Lower == "to") {
			k++
			links++
		}
		if links == 0 || n-k < 2 {
			continue
		}
		end := n
		// Stop at a trailing attribution (", according to ...", ", he said")
		// or at a second clause.
		for j := k; j < n; j++ {
			if toks[j].Text == "," && j+1 < n && (toks[j+1].Lower == "according" || toks[j+1].Lower == "said" || toks[j+1].Lower == "officials" || toks[j+1].Lower == "while" || toks[j+1].Lower == "but" || toks[j+1].Lower == "which") || toks[j].Text == ";" {
				end = j
				break
			}
		}
		if end-k < 1 {
			continue
		}
		end = trimClause(toks, k, end)
		return candidate{text: v.text(k, end), i: k, j: end, score: 0.7, typed: true}, true
	}
	return candidate{}, false
}

// yesNo answers a yes-no question with "Yes" or "No" and the clause that
// says so.
func yesNo(p *question, v *sentView) (candidate, bool) {
	neg := false
	for _, t := range v.toks {
		if negations[t.Lower] || strings.HasSuffix(t.Lower, "n't") {
			neg = true
		}
	}
	c, ok := clause(p, v)
	if !ok {
		return c, false
	}
	// An antonym of a question word in the evidence contradicts it.
	var qstems []string
	for _, t := range tokenize(p.text) {
		if t.Kind == tokWord {
			qstems = append(qstems, stem(strings.ToLower(t.Text)))
		}
	}
	for _, t := range v.toks {
		if t.Kind != tokWord {
			continue
		}
		st := stem(t.Lower)
		for _, pair := range antonyms {
			for k := 0; k < 2; k++ {
				if st != pair[1-k] {
					continue
				}
				for _, w := range qstems {
					if w == pair[k] {
						neg = !neg
					}
				}
				for g, w := range p.words {
					if w.stem == pair[k] && g < 32 {
						c.answers |= 1 << g // "second meeting" speaks to "first meeting"
					}
				}
			}
		}
	}
	ans := "Yes"
	if neg != p.negated {
		ans = "No"
	}
	c.text = ans
	return c, true
}

// phraseCandidates are the noun-phrase-like chunks of a sentence that
// hold no question word, for "what" and "which" questions: runs of
// determiners, adjectives, nouns, names and numbers between function
// words, verbs, punctuation and the question's own words, and two such
// chunks joined by "of" or "and".
func phraseCandidates(p *question, v *sentView) []candidate {
	toks := v.toks
	type chunk struct{ i, j int }
	var chunks []chunk
	start := -1
	for k := 0; k <= len(toks); k++ {
		brk := k == len(toks) || breaksChunk(v, k)
		if brk {
			if start >= 0 {
				i, j := start, k
				for i < j && (isDeterminer(toks[i].Lower) || toks[i].Kind == tokPossessive || toks[i].Text == "-") {
					i++
				}
				for j > i && (toks[j-1].Text == "-" || isDeterminer(toks[j-1].Lower)) {
					j--
				}
				if j > i {
					// Keep a leading determiner out of the answer but in the phrase.
					chunks = append(chunks, chunk{i, j})
				}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = k
		}
	}
	var cs []candidate
	// "Which conjecture ...": "Polignac's conjecture", "State Route 99".
	if p.focus != "" {
		for _, m := range v.matched {
			if !isFocusGroup(p, v, int(v.match[m])) {
				continue
			}
			a, b := m, m+1
			for a > 0 && m-a < 3 && v.match[a-1] < 0 && !breaksChunk(v, a-1) && !isDeterminer(toks[a-1].Lower) && toks[a-1].Text != "-" {
				a--
			}
			for b < len(toks) && v.match[b] < 0 && (toks[b].Cap || toks[b].Kind == tokNumber) {
				b++
			}
			// "theorem of arithmetic"
			if b+1 < len(toks) && toks[b].Lower == "of" && v.match[b+1] < 0 && !breaksChunk(v, b+1) {
				e := b + 1
				for e < len(toks) && e < b+4 && v.match[e] < 0 && !breaksChunk(v, e) {
					e++
				}
				b = e
			}
			for a < m && (toks[a].Kind == tokPossessive || toks[a].Kind == tokPunct) {
				a++
			}
			if a < m || b > m+1 {
				cs = append(cs, candidate{i: a, j: b, text: v.text(a, b), score: focusPhraseScore + phraseScore(p, v, a, b)})
			}
		}
	}
	add := func(i, j int, bonus float32) {
		c := candidate{i: i, j: j, text: v.text(i, j), score: bonus}
		c.score += phraseScore(p, v, i, j)
		cs = append(cs, c)
	}
	for n, c := range chunks {
		add(c.i, c.j, 0)
		if n+1 < len(chunks) {
			d := chunks[n+1]
			gap := d.i - c.j
			if gap >= 1 && gap <= 2 && (toks[c.j].Lower == "of" || toks[c.j].Lower == "and" || toks[c.j].Lower == "or") && !v.containsMatch(c.j, d.i) {
				add(c.i, d.j, 0)
			}
		}
	}
	return cs
}

// focusPhraseScore is the head start of a phrase built around the
// question's focus noun ("Brocard's conjecture" for "what conjecture").
const focusPhraseScore = 0.6

// breaksChunk reports whether token k ends a noun-phrase chunk.
func breaksChunk(v *sentView, k int) bool {
	t := v.toks[k]
	if v.match[k] >= 0 {
		return true
	}
	switch t.Kind {
	case tokPunct:
		return t.Text != "-" && t.Text != "&"
	case tokPossessive, tokSymbol, tokNumber:
		return false
	}
	if isDeterminer(t.Lower) {
		return false
	}
	if isStopword(t.Lower) || clauseStarters[t.Lower] {
		return true
	}
	if !t.Cap && isVerbForm(t.Lower) {
		// A participle after a determiner modifies a noun: "the proposed agreement".
		if k > 0 && isDeterminer(v.toks[k-1].Lower) {
			return false
		}
		return true
	}
	return false
}

// clauseStarters are words outside the stopword list that never sit in a noun phrase.
var clauseStarters = map[string]bool{
	"although": true, "though": true, "however": true, "whereas": true, "unless": true, "within": true,
	"without": true, "upon": true, "among": true, "amongst": true, "toward": true, "towards": true,
	"across": true, "along": true, "around": true, "behind": true, "beyond": true, "despite": true,
	"like": true, "via": true, "per": true, "since": true, "onto": true, "throughout": true, "whether": true,
	"thus": true, "therefore": true, "which": true, "whose": true, "whom": true, "yet": true, "already": true,
	"often": true, "usually": true, "later": true, "soon": true, "still": true, "even": true, "instead": true,
	"rather": true, "mostly": true, "largely": true, "mainly": true, "well": true, "including": true,
	"according": true, "being": true, "became": true, "become": true, "becomes": true, "known": true,
}

func isDeterminer(l string) bool {
	switch l {
	case "the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those":
		return true
	}
	return false
}

// phraseScore rates a chunk: short phrases, names and numbers next to
// the question's words are likelier answers.
func phraseScore(p *question, v *sentView, i, j int) float32 {
	toks := v.toks
	n := j - i
	var s float32
	switch {
	case n == 1:
		s -= 0.15
	case n > 4:
		s -= 0.02 * float32(n-4)
	}
	caps := 0
	for k := i; k < j; k++ {
		if toks[k].Cap && k > 0 {
			caps++
		}
	}
	if caps > 0 {
		s += 0.05
	}
	// "What is X called?": the phrase after "called", "known as" or in
	// brackets. "What are examples of X?": the phrase after "such as".
	if i > 0 {
		prev := toks[i-1].Lower
		prev2 := ""
		if i > 1 {
			prev2 = toks[i-2].Lower
		}
		if p.naming && (prev == "called" || prev == "named" || prev == "termed" || prev == "as" && (prev2 == "known" || prev2 == "referred") || prev == "(" || prev == "\"" || prev == "“") {
			s += 0.25
		}
		if p.example && (prev == "as" && prev2 == "such" || prev == "including" || prev == "like" || prev == "e.g.") {
			s += 0.25
		}
	}
	// Where the question puts its wh-phrase: before the verb or after.
	if p.subject || p.object {
		left, right := 0, 0
		for _, m := range v.matched {
			if m < i {
				left++
			} else if m >= j {
				right++
			}
		}
		if p.subject && right > left || p.object && left > right {
			s += 0.25
		}
	}
	// Right before or after a question word: an apposition or an object.
	if i > 0 && v.match[i-1] >= 0 {
		s += 0.15
	}
	if j < len(toks) && v.match[j] >= 0 {
		s += 0.05
	}
	return s
}

// bigrams counts the question words that follow another question word in
// the sentence, a sign the sentence words things as the question does.
func (v *sentView) bigrams() int {
	n := 0
	for k, m := range v.matched {
		if k > 0 && v.matched[k-1] == m-1 && v.match[m-1] != v.match[m] {
			n++
		}
	}
	return min(n, 4)
}

// exactMatches counts the sentence's words that match a question word
// letter for letter, once per question word.
func (v *sentView) exactMatches(p *question) int {
	n := 0
	var seen uint32
	for _, m := range v.matched {
		g := int(v.match[m])
		if g >= len(p.words) || g >= 32 || seen&(1<<g) != 0 {
			continue
		}
		if v.toks[m].Lower == p.words[g].lower {
			seen |= 1 << g
			n++
		}
	}
	return n
}

// compactness is the share of the stretch between the first and last
// question word that question words fill, when two or more match.
func (v *sentView) compactness() float32 {
	if len(v.matched) < 2 {
		return 0
	}
	first, last := v.matched[0], v.matched[len(v.matched)-1]
	var seen uint32
	n := 0
	for _, m := range v.matched {
		if g := v.match[m]; g < 32 && seen&(1<<g) == 0 {
			seen |= 1 << g
			n++
		}
	}
	if n < 2 {
		return 0
	}
	return float32(n) / float32(last-first+1)
}
