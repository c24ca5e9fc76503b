package briefing

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// AbstainThreshold is the confidence below which Ask abstains. Adapters
// say so in their own words (chat.AbstainText).
const AbstainThreshold = 0.5

// retrievalDepth is how many of the best sentences Ask reads for an answer.
const retrievalDepth = 6

// candidateDepth is how many sentences retrieval hands to the article
// prior before the best retrievalDepth are read.
const candidateDepth = 24

// articleShare is how much of the best sentence's score an article's
// coverage of the question adds to each of its sentences.
const articleShare = 0.5

// preferCoveringArticles adds to each hit's score the share of the
// question its article covers across all the hits, so that with many
// articles loaded, the story that speaks of "the merger" answers "how
// much is the merger worth?" rather than another that says "worth". It
// changes nothing when the hits come from one article.
func (x *index) preferCoveringArticles(hits []hit, groups []qgroup) []hit {
	if len(hits) < 2 {
		return hits
	}
	type artMask struct {
		art  int32
		mask uint32
	}
	var arts [candidateDepth]artMask
	n := 0
	for _, h := range hits {
		a := x.sents[h.sent].art
		k := 0
		for k < n && arts[k].art != a {
			k++
		}
		if k == n {
			arts[n] = artMask{art: a}
			n++
		}
		arts[k].mask |= h.mask
	}
	if n < 2 {
		return hits
	}
	tw := totalWeight(groups)
	top := hits[0].score
	for i := range hits {
		a := x.sents[hits[i].sent].art
		for k := 0; k < n; k++ {
			if arts[k].art == a {
				hits[i].score += articleShare * top * coverage(groups, arts[k].mask) / tw
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		switch {
		case x.better(a, b):
			return -1
		case x.better(b, a):
			return 1
		}
		return 0
	})
	return hits
}

// maxGroups caps the question words Ask looks for.
const maxGroups = 24

// indexArticle indexes the article at position i. The caller holds e.mu.
func (e *Engine) indexArticle(i int) {
	if l := e.articles[i]; l.analysis != nil {
		e.idx.addArticle(int32(i), l.analysis)
	}
}

// Ask answers a question from the loaded articles with a short answer,
// the sentence it came from and a confidence. When the articles do not
// say, the answer is abstained, its Text empty, and Suggestions offers
// questions the engine can answer.
func (e *Engine) Ask(ctx context.Context, question string) (Answer, error) {
	r, err := e.answer(ctx, question)
	if err != nil {
		return Answer{}, err
	}
	a := r.Answer
	if a.Abstained {
		a.Text, a.Sentence, a.Source, a.ArticleID = "", "", "", ""
		a.Suggestions = e.suggest(ctx, 2)
	}
	return a, nil
}

// Guess is Ask for extractive evaluation, where every question has an
// answer: when the engine would abstain, Guess still fills Text, Sentence
// and Source with its best candidate and leaves Abstained true. It offers
// no suggestions.
func (e *Engine) Guess(ctx context.Context, question string) (Answer, error) {
	r, err := e.answer(ctx, question)
	if err != nil {
		return Answer{}, err
	}
	return r.Answer, nil
}

// result is an answer with what Ask learnt on the way.
type result struct {
	Answer
	kind     answerType
	coverage float32
	// features of the confidence, for calibration tests
	focus, typed, unit bool
	span, margin       float32
	// absent and missing are the question's words found nowhere in the
	// articles, and found in them but not in or just before the evidence.
	absent, missing   int
	absentW, missingW float32
	// verbs and verbsMatched count the question's verbs and those the
	// evidence or the sentence before has.
	verbs, verbsMatched int
}

// answer finds the best answer and its confidence, abstained or not.
func (e *Engine) answer(ctx context.Context, q string) (result, error) {
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	p, err := parseQuestion(q)
	if err != nil {
		return result{}, fmt.Errorf("read question: %w", &QuestionError{Err: err})
	}
	r := result{Answer: Answer{Question: q, Abstained: true}, kind: p.kind}
	e.mu.RLock()
	defer e.mu.RUnlock()
	x := e.idx
	groups := x.groups(&p)
	var buf [candidateDepth]hit
	hits := x.search(groups, candidateDepth, buf[:0])
	hits = x.preferCoveringArticles(hits, groups)
	if len(hits) > retrievalDepth {
		hits = hits[:retrievalDepth]
	}
	if len(hits) == 0 {
		// Nothing matches: read the latest article's opening sentences,
		// so that Guess still has a best candidate. Confidence stays low.
		hits = x.opening(len(e.articles)-1, buf[:0])
		if len(hits) == 0 {
			return r, nil
		}
	}
	tw := totalWeight(groups)
	top := hits[0].score
	if top <= 0 {
		top = 1
	}
	type choice struct {
		c        candidate
		h        hit
		total    float32
		cov      float32
		v        sentView
		prevMask uint32
	}
	var best choice
	found := false
	for _, h := range hits {
		ref := x.sents[h.sent]
		an := e.articles[ref.art].analysis
		s := &an.Sentences[ref.sent]
		v := newSentView(an, s, x.termsOf(ref, s.ntok, nil), groups)
		c, ok := extract(&p, &v)
		if !ok {
			continue
		}
		h.mask |= c.answers
		cov := coverage(groups, h.mask) / tw
		var prevMask uint32
		rankCov := cov
		if h.sent > 0 && x.sents[h.sent-1].art == ref.art && !x.sents[h.sent-1].dead {
			// The sentence before often names what this one is about
			// ("It was named after ...", "The price was ...").
			pr := x.sents[h.sent-1]
			ps := &an.Sentences[pr.sent]
			pv := newSentView(an, ps, x.termsOf(pr, ps.ntok, nil), groups)
			for _, m := range pv.matched {
				if g := pv.match[m]; g < 32 {
					prevMask |= 1 << g
				}
			}
			ctxCov := coverage(groups, h.mask|prevMask) / tw
			if ref.refers {
				cov = max(cov, referCoverage*ctxCov)
			}
			rankCov = max(rankCov, contextCoverage*ctxCov)
		}
		total := h.score/top + 0.5*c.score + 0.5*max(cov, rankCov)
		if c.typed {
			total += typedBonus(p.kind)
		}
		// Exact forms weigh more in short questions ("any progress?").
		total += exactBonus*float32(v.exactMatches(&p))*(1+2/float32(max(1, len(p.words)))) + compactBonus*v.compactness()
		if p.role && p.kind == typeAgent && v.farFromMatches(c, roleReach) {
			total -= farRoleRank
		}
		if s.Part == PartHeadline {
			total -= 0.2 // title case and no verbs: poor evidence
		}
		if s.Index < 4 {
			total += leadBonus // news puts the main facts first
		}
		if !found || total > best.total {
			best, found = choice{c: c, h: h, total: total, cov: cov, v: v, prevMask: prevMask}, true
		}
	}
	if !found {
		// No answer in the matching sentences: their neighbours, unscored.
		ref := x.sents[hits[0].sent]
		for id := hits[0].sent - 2; id <= hits[0].sent+2 && !found; id++ {
			if id < 0 || int(id) >= len(x.sents) || x.sents[id].art != ref.art || x.sents[id].dead || id == hits[0].sent {
				continue
			}
			nr := x.sents[id]
			an := e.articles[nr.art].analysis
			s := &an.Sentences[nr.sent]
			v := newSentView(an, s, x.termsOf(nr, s.ntok, nil), groups)
			if c, ok := extract(&p, &v); ok {
				best, found = choice{c: c, h: hit{sent: id}, v: v}, true
			}
		}
		if !found {
			return r, nil
		}
	}
	ref := x.sents[best.h.sent]
	l := e.articles[ref.art]
	r.Text = best.c.text
	r.Sentence = best.v.s.Text
	if best.c.prev {
		// The answer names who "he" or "she" is, from the sentence before.
		r.Sentence = best.v.an.Sentences[best.v.s.Index-1].Text + " " + r.Sentence
	}
	r.Source = l.article.Title
	if r.Source == "" {
		r.Source = l.article.Source
	}
	r.ArticleID = l.article.ID
	r.coverage = best.cov
	r.focus = focusCovered(&p, groups, best.h.mask)
	r.typed, r.unit, r.span = best.c.typed, best.c.unit, best.c.score
	if len(hits) > 1 && best.h.score > 0 {
		r.margin = (best.h.score - hits[1].score) / best.h.score
	}
	for g := range groups {
		if g >= 32 || g >= len(p.words) || groups[g].weight == 0 {
			continue
		}
		w := &p.words[g]
		isVerb := !w.focus && !w.proper && isVerbForm(w.lower)
		if isVerb {
			r.verbs++
		}
		if (best.h.mask|best.prevMask)&(1<<g) != 0 {
			if isVerb {
				r.verbsMatched++
			}
			continue
		}
		if len(groups[g].terms) == 0 {
			r.absent++
			r.absentW += groups[g].weight * groups[g].idf / tw
		} else {
			r.missing++
			r.missingW += groups[g].weight * groups[g].idf / tw
		}
	}
	r.Confidence = confidence(&p, best.c, best.cov, focusCovered(&p, groups, best.h.mask), best.h.score, hits)
	r.Confidence = max(0, r.Confidence-namePenalty(&p, &best.v, best.c, best.prevMask))
	if (genericFocus[p.focus] || p.kind == typeAgent && best.v.commonNoun(best.c) || p.kind == typeNumber && p.focus != "" && !best.c.unit) && r.verbs > 0 && r.verbsMatched == 0 {
		// "How many people were killed?": with a generic noun, the verb
		// says what is counted; "11 people were flown out" does not answer.
		// "Who leads the union?": nor do "workers" the union represents.
		// "How many children died?": nor does "within 200 metres".
		r.Confidence = max(0, r.Confidence-genericVerbPenalty)
	}
	if p.tense != tenseUnknown && numericKind(p.kind) && best.v.tenseOf(&p) != tenseUnknown && best.v.tenseOf(&p) != p.tense {
		// "When will the ceasefire start?" is not answered by when the
		// war began.
		r.Confidence = max(0, r.Confidence-tensePenalty)
	}
	if p.role && p.kind == typeAgent && best.v.farFromMatches(best.c, roleReach) {
		// "Who are its customers?" — "Lindqvist said ... inventories at
		// customers": a name away from the role noun is not its holder.
		r.Confidence = max(0, r.Confidence-farRolePenalty)
	}
	if p.role && p.kind == typeAgent {
		pen := rolePenalty(&p, groups, best.h.mask|best.prevMask)
		if best.v.othersTitle(&p, best.c) {
			pen = farRolePenalty
		}
		r.Confidence = max(0, r.Confidence-pen)
	}
	if best.v.formerRole(&p) {
		// "Who will be economy minister?" — "Olazábal, a former economy
		// minister": a past holder does not answer.
		r.Confidence = max(0, r.Confidence-formerPenalty)
	}
	r.Abstained = r.Confidence < AbstainThreshold
	return r, nil
}

// roleReach is how many words may stand between a "who is the NOUN"
// answer and the question's words in its evidence.
const roleReach = 4

// farRolePenalty lowers the confidence of a "who is the NOUN" answer
// that stands away from the noun.
const farRolePenalty = 0.5

// farRoleRank is how much a "who is the NOUN" answer away from the noun
// lowers its sentence's rank.
const farRoleRank = 0.2

// rolePenalty lowers the confidence of a "who is the NOUN" answer whose
// evidence lacks the role noun ("who is the club president?" answered
// from a sentence on the club's signing) or a name that qualifies it
// ("who is Marovia's foreign minister?" answered by the Swiss one).
func rolePenalty(p *question, groups []qgroup, mask uint32) float64 {
	head := -1
	for g, w := range p.words {
		if !w.proper {
			head = g
		}
	}
	var pen float64
	for g, w := range p.words {
		if g >= 32 || g >= len(groups) || mask&(1<<g) != 0 {
			continue
		}
		switch {
		case g == head:
			pen += farRolePenalty
		case w.proper:
			pen += 0.25
		}
	}
	return min(pen, farRolePenalty)
}

// othersTitle reports whether the title before a name is qualified by a
// place the question does not give, when the question gives one: "Swiss
// Foreign Minister Claudia Weber" for "who is Marovia's foreign minister?".
func (v *sentView) othersTitle(p *question, c candidate) bool {
	named := false
	for _, w := range p.words {
		named = named || w.proper
	}
	if !named || c.prev {
		return false
	}
	for k := c.i - 1; k >= 0 && v.toks[k].Cap && v.toks[k].Kind == tokWord; k-- {
		if v.match[k] < 0 && isDemonymOrPlace(v.toks[k].Lower) {
			return true
		}
	}
	return false
}

// farFromMatches reports whether more than reach words, or a reporting
// verb or "that", separate the answer c from every question word the
// sentence holds: "She added that inventories at customers" does not
// make her a customer; "Ruiz, who became president" stays near.
func (v *sentView) farFromMatches(c candidate, reach int) bool {
	for _, m := range v.matched {
		lo, hi := m+1, c.i
		if m >= c.j {
			lo, hi = c.j, m
		}
		if m >= c.i && m < c.j || hi-lo > reach {
			continue
		}
		near := hi >= lo
		for k := lo; k < hi && near; k++ {
			if l := v.toks[k].Lower; l == "that" || reportingVerbs[l] {
				near = false
			}
		}
		if near {
			return false
		}
	}
	return true
}

// genericFocus are focus nouns a number need not be followed by ("how
// many people died": "212 dead").
var genericFocus = map[string]bool{"peopl": true, "person": true, "time": true, "individu": true}

// exactBonus rewards question words the sentence writes exactly as the
// question does, not only with the same stem.
const exactBonus = 0.08

// referCoverage is how much the question words found only in the
// sentence a pronoun refers back to count.
const referCoverage = 1.0

// contextCoverage is how much the question words found only in the
// sentence before count in ranking (not in confidence) when this one
// opens without a pronoun.
const contextCoverage = 0.85

// leadBonus favours an article's opening sentences, where news puts the
// main facts.
const leadBonus = 0.1

// compactBonus rewards sentences whose question words stand close together.
const compactBonus = 0.2

// typedBonus is how much an answer of the type asked for favours its
// sentence: much for numbers and dates, which are told apart reliably,
// less for names and phrases.
func typedBonus(k answerType) float32 {
	switch k {
	case typeNumber, typeMoney, typePercent, typeDate, typeDuration:
		return 0.6
	}
	return 0.3
}

// coverage sums the weight of the groups a sentence matched.
func coverage(groups []qgroup, mask uint32) float32 {
	var c float32
	for g := range groups {
		if g < 32 && mask&(1<<g) != 0 {
			c += groups[g].weight * groups[g].idf
		}
	}
	return c
}

// focusCovered reports whether the sentence matched the focus noun, or
// the question has none.
func focusCovered(p *question, groups []qgroup, mask uint32) bool {
	if genericFocus[p.focus] {
		return true // "how many people died": the dead need not be called people
	}
	for g := range groups {
		if g < len(p.words) && p.words[g].focus {
			return mask&(1<<g) != 0
		}
	}
	return true
}

// confidence estimates how likely the answer is right from how much of
// the question the evidence covers, whether the focus noun is there,
// whether the answer has the type asked for, and how far the evidence
// leads the next sentence.
func confidence(p *question, c candidate, cov float32, focus bool, score float32, hits []hit) float64 {
	conf := 0.1 + 0.75*float64(cov)
	if c.typed {
		conf += 0.1
	} else if p.kind != typeThing {
		conf -= 0.3
	}
	if !focus {
		conf -= 0.35
	}
	if p.kind == typeNumber && p.focus != "" && !genericFocus[p.focus] && !c.unit {
		// "How many villages": a number that does not count villages.
		conf -= 0.25
	}
	if len(hits) > 1 && score > 0 {
		margin := float64((score - hits[1].score) / score)
		conf += 0.1 * margin
	}
	if c.score < 0 {
		conf -= 0.1
	}
	if !c.typed && strictType(p.kind) {
		// An answer must be of the type asked for: a "who" question
		// answered by a phrase that names no one is no answer.
		conf = min(conf, untypedCeiling)
	}
	return min(1, max(0, conf))
}

// untypedCeiling caps the confidence of an answer that lacks the type
// its question asks for, below AbstainThreshold.
const untypedCeiling = 0.3

// strictType reports whether answers to questions of kind k must be of
// that kind: people, places, numbers, amounts and dates.
func strictType(k answerType) bool {
	switch k {
	case typeAgent, typePlace, typeNumber, typeMoney, typePercent, typeDate, typeDuration:
		return true
	}
	return false
}

// namePenalty lowers the confidence of an answer whose evidence misses a
// name the question gives, or that stands far from it: "how old is
// Olazábal?" is not answered by another person's age.
func namePenalty(p *question, v *sentView, c candidate, prevMask uint32) float64 {
	var pen float64
	for g, w := range p.words {
		if !w.proper || g >= len(v.groups) || len(v.groups[g].terms) == 0 && v.groups[g].weight == 0 {
			continue
		}
		near, found := false, false
		if g < 32 && prevMask&(1<<g) != 0 {
			near, found = true, true // named in the sentence before
		}
		for _, m := range v.matched {
			if int(v.match[m]) != g {
				continue
			}
			found = true
			if d := min(abs(m-c.i), abs(m-(c.j-1))); d <= 10 || c.prev {
				near = true
			}
		}
		switch {
		case found && !c.prev && numericKind(p.kind) && v.otherPersonNearer(c, g):
			// "How old is Olazábal?": "Acosta Ferrer, the 49-year-old
			// leader, ... defeating Olazábal": the figure is another's.
			pen += othersFigurePenalty
		case !found && numericKind(p.kind):
			pen += 0.3 // another's figure: "how many goals has Varga scored" — "Oduya has scored nine"
		case !found:
			pen += 0.15
		case !near && numericKind(p.kind) && !(p.age && c.typed):
			// An age far from the name it belongs to is still its age
			// ("Jan Berg, the painter who ..., has died aged 91") when no
			// other person stands nearer, which the case above checks.
			pen += 0.3
		case !near && p.kind != typeClause && p.kind != typeYesNo:
			pen += 0.15
		}
	}
	return min(pen, othersFigurePenalty)
}

// othersFigurePenalty is the confidence a figure loses when another
// person stands nearer it than the one the question names.
const othersFigurePenalty = 0.5

// commonNoun reports whether an answer is a common noun ("workers"),
// not a name.
func (v *sentView) commonNoun(c candidate) bool {
	return !c.prev && c.j > c.i && c.j <= len(v.toks) && !v.toks[c.j-1].Cap
}

// genericVerbPenalty lowers the confidence of a count of people whose
// evidence lacks the question's verb.
const genericVerbPenalty = 0.3

// tensePenalty lowers the confidence of an answer whose evidence puts
// the question's verb in another time: the past for "will", the future
// for "did".
const tensePenalty = 0.3

// tenseOf returns the time of the evidence's verb that matches one of
// the question's verbs: future after "will" or "would", past for a past
// form ("began", "started").
func (v *sentView) tenseOf(p *question) tense {
	for _, m := range v.matched {
		g := int(v.match[m])
		if g >= len(p.words) || p.words[g].proper || p.words[g].focus || !isVerbForm(p.words[g].lower) {
			continue
		}
		t := v.toks[m]
		if !isVerbForm(t.Lower) {
			continue // "recommendation": a noun says no time
		}
		for k := m - 1; k >= 0 && k >= m-3; k-- {
			switch v.toks[k].Lower {
			case "will", "would", "shall":
				return tenseFuture
			case "has", "have", "had", "was", "were", "is", "are", "to", "be":
				return tenseUnknown // perfect, passive or infinitive: no simple time
			}
		}
		if l, ok := irregularLemma(t.Lower); ok && l != t.Lower && !strings.HasSuffix(t.Lower, "en") {
			return tensePast // "began", "rose"
		}
		if strings.HasSuffix(t.Lower, "ed") {
			return tensePast
		}
	}
	return tenseUnknown
}

// formerPenalty lowers the confidence of an answer whose evidence
// speaks of a past holder of the role asked about.
const formerPenalty = 0.5

// pastQualifiers put a role in the past.
var pastQualifiers = map[string]bool{"former": true, "ex": true, "late": true, "outgoing": true, "then": true, "previous": true}

// formerRole reports whether the question's words in the evidence are a
// role qualified as past ("a former economy minister") while the
// question asks of no past holder.
func (v *sentView) formerRole(p *question) bool {
	if p.kind != typeAgent && p.kind != typeDescribe {
		return false
	}
	for _, t := range tokenize(p.text) {
		if pastQualifiers[strings.ToLower(t.Text)] {
			return false
		}
	}
	for _, m := range v.matched {
		if !roleWords[v.toks[m].Lower] && !referenceRoles[v.toks[m].Lower] {
			continue
		}
		k := m - 1
		for k >= 0 && (v.match[k] >= 0 || v.toks[k].Text == "-") {
			k--
		}
		if k >= 0 && pastQualifiers[v.toks[k].Lower] {
			return true
		}
	}
	return false
}

// numericKind reports whether answers of kind k are numbers or dates,
// which belong to the name nearest them.
func numericKind(k answerType) bool {
	switch k {
	case typeNumber, typeMoney, typePercent, typeDate, typeDuration:
		return true
	}
	return false
}

// otherPersonNearer reports whether group g names a person in the
// sentence and a person the question does not name stands nearer the
// answer c than every word of g: the figure is then that person's.
func (v *sentView) otherPersonNearer(c candidate, g int) bool {
	dist := func(i, j int) int {
		switch {
		case j <= c.i:
			return c.i - j + 1
		case i >= c.j:
			return i - c.j + 1
		}
		return 0
	}
	own, person := len(v.toks), false
	for _, m := range v.matched {
		if int(v.match[m]) == g {
			own = min(own, dist(m, m+1))
			person = person || v.mentionKindAt(m, m+1) == MentionPerson
		}
	}
	if !person {
		return false // "the Hungarian captain": no one named
	}
	for _, m := range v.s.Mentions {
		if m.Kind != MentionPerson {
			continue
		}
		i, j := v.tokenSpan(m.Start, m.End)
		if i >= j || v.containsMatch(i, j) {
			continue
		}
		if d := dist(i, j); d > 0 && d < own {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// groups turns a question's content words into weighted term groups:
// each word with its paraphrases, demonyms and, for an unknown word, the
// indexed words one typo away.
func (x *index) groups(p *question) []qgroup {
	var out []qgroup
	var exp []expansion
	maxIDF := x.idf(0)
	for wi := range p.words {
		if len(out) >= maxGroups {
			break
		}
		w := &p.words[wi]
		dup := false
		for _, prev := range p.words[:wi] {
			if prev.stem == w.stem {
				dup = true
			}
		}
		if dup {
			// Keep groups aligned with p.words: an empty group.
			out = append(out, qgroup{})
			continue
		}
		g := qgroup{weight: 1, idf: maxIDF}
		if w.focus {
			g.weight = 1.5
		} else if w.proper {
			g.weight = 1.3
		}
		own, ok := x.dict.lookup(w.stem)
		if ok {
			df := x.df(own)
			g.terms = append(g.terms, qterm{id: own, weight: 1, df: int32(df)})
			g.idf = x.idf(df)
		} else if w.proper || len(w.lower) >= 5 {
			if id, df, ok := x.nearTerm(w.stem, w.proper); ok {
				g.terms = append(g.terms, qterm{id: id, weight: 0.8, df: int32(df)})
				g.idf = x.idf(df)
			}
		}
		if w.proper && len(w.lower) >= 2 && len(w.lower) <= 6 && strings.ToUpper(w.text) == w.text {
			// "EU": the names it stands for.
			if id, ok := x.dict.lookup(acronymMark + w.lower); ok {
				df := x.df(id)
				g.terms = append(g.terms, qterm{id: id, weight: 0.9, df: int32(df)})
				g.acronym = w.lower
				if len(g.terms) == 1 {
					g.idf = x.idf(df)
				}
			}
		}
		exp = expand(exp[:0], w.stem)
		if place, ok := demonymPlurals(w.lower); ok {
			exp = append(exp, expansion{stem(strings.ToLower(place)), 0.9})
		}
		if w.proper {
			if d, ok := placeDemonym(w.lower); ok {
				exp = append(exp, expansion{stem(d), 0.9})
			}
		}
		for _, e := range exp {
			if id, ok := x.dict.lookup(e.stem); ok {
				df := x.df(id)
				g.terms = append(g.terms, qterm{id: id, weight: e.weight, df: int32(df)})
				if len(g.terms) == 1 {
					g.idf = x.idf(df)
				}
			}
		}
		out = append(out, g)
	}
	return out
}

// demonymPlurals is demonymPlace for a demonym in the plural too
// ("Brazilians" → "Brazil").
func demonymPlurals(lower string) (string, bool) {
	if place, ok := demonymPlace(lower); ok {
		return place, true
	}
	if strings.HasSuffix(lower, "s") && len(lower) > 4 {
		return demonymPlace(lower[:len(lower)-1])
	}
	return "", false
}

// placeDemonym returns the demonym of a place ("qatar" → "qatari").
func placeDemonym(lower string) (string, bool) {
	for i, v := range newsDemonymValues {
		if strings.EqualFold(v, lower) {
			return newsDemonymKeys[i], true
		}
	}
	for i, v := range wnDemonymsValues {
		if strings.EqualFold(v, lower) {
			return wnDemonymsKeys[i], true
		}
	}
	return "", false
}

// nearTerm finds an indexed term within one edit of s (two for long
// words), for typos in names ("Netanyahoo"); terms of three letters
// only for a name.
func (x *index) nearTerm(s string, name bool) (int32, int, bool) {
	minLen := 4
	if name {
		minLen = 3 // "Reyse" finds the stem "rey" of "Reyes"
	}
	maxD := 1
	if len(s) >= 8 {
		maxD = 2
	}
	best, bestDF := int32(-1), -1
	for i := range x.dict.len() {
		id := int32(i)
		t := x.dict.term(id)
		if d := len(t) - len(s); d > maxD || -d > maxD || len(t) < minLen || t[0] == acronymMark[0] {
			continue
		}
		if t[0] != s[0] && (len(t) < 2 || len(s) < 2 || t[1] != s[1]) {
			continue
		}
		if editDistance(s, t, maxD) <= maxD {
			if df := x.df(id); df > bestDF {
				best, bestDF = id, df
			}
		}
	}
	return best, bestDF, best >= 0
}

// editDistance is the Damerau distance (optimal string alignment: edits
// and swaps of neighbours) of a and b, or max+1 when it exceeds max.
func editDistance[A, B string | []byte](a A, b B, max int) int {
	if len(a) > 64 || len(b) > 64 {
		return max + 1
	}
	var prev2, prev, cur [65]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1) // a swap: "Reyse" for "Reyes"
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev = prev, cur
	}
	return prev[len(b)]
}

// suggest offers up to n questions the loaded articles answer, from the
// people and numbers of the latest articles.
func (e *Engine) suggest(ctx context.Context, n int) []string {
	e.mu.RLock()
	var cands []string
	for ai := len(e.articles) - 1; ai >= 0 && len(cands) < 12; ai-- {
		an := e.articles[ai].analysis
		if an == nil {
			continue
		}
		for _, pe := range an.Who.People {
			if pe.Role != "" && len(cands) < 6 {
				cands = append(cands, "Who is "+pe.Name+"?")
			}
		}
		for si := range an.Sentences {
			if an.Sentences[si].Part == PartHeadline {
				continue
			}
			cands = appendSuggestions(cands, &an.Sentences[si])
			if len(cands) >= 12 {
				break
			}
		}
	}
	e.mu.RUnlock()
	// Alternate kinds of question: a person, then a number, and so on.
	var who, other []string
	for _, q := range cands {
		if strings.HasPrefix(q, "Who is ") {
			who = append(who, q)
		} else {
			other = append(other, q)
		}
	}
	cands = cands[:0]
	for i := 0; i < len(who) || i < len(other); i++ {
		if i < len(who) {
			cands = append(cands, who[i])
		}
		if i < len(other) {
			cands = append(cands, other[i])
		}
	}
	var out []string
	for _, q := range cands {
		if len(out) == n || ctx.Err() != nil {
			break
		}
		if r, err := e.answer(ctx, q); err == nil && !r.Abstained {
			out = append(out, q)
		}
	}
	return out
}

// appendSuggestions proposes questions about a sentence: "How many
// NOUN?" for a counted noun, "Who is NAME?" for a two-word name.
func appendSuggestions(dst []string, s *Sentence) []string {
	toks := s.words()
	for i := 0; i+1 < len(toks); i++ {
		t, u := toks[i], toks[i+1]
		if t.Kind == tokWord && t.Cap && u.Kind == tokWord && u.Cap && i > 0 && !roleWords[t.Lower] && !roleWords[u.Lower] &&
			!isDemonymOrPlace(t.Lower) && !isStopword(t.Lower) && (i+2 == len(toks) || !toks[i+2].Cap) {
			q := "Who is " + t.Text + " " + u.Text + "?"
			if !containsString(dst, q) {
				dst = append(dst, q)
			}
		}
		if t.Kind == tokNumber && u.Kind == tokWord && !u.Cap && !isStopword(u.Lower) && strings.HasSuffix(u.Lower, "s") && !durationUnits[u.Lower] {
			q := "How many " + u.Lower + "?"
			if !containsString(dst, q) {
				dst = append(dst, q)
			}
		}
	}
	return dst
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
