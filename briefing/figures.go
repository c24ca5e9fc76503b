package briefing

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// npStop are words that end the noun phrase after a number.
var npStop = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "from": true, "for": true, "with": true, "by": true,
	"as": true, "than": true, "that": true, "which": true, "who": true, "whom": true, "whose": true,
	"while": true, "when": true, "where": true, "after": true, "before": true, "since": true, "until": true,
	"into": true, "over": true, "under": true, "about": true, "per": true, "each": true, "this": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "could": true, "should": true,
	"may": true, "might": true, "must": true, "can": true, "did": true, "do": true, "does": true,
	"it": true, "its": true, "they": true, "their": true, "he": true, "she": true, "his": true, "her": true,
	"we": true, "our": true, "you": true, "i": true, "said": true, "says": true, "say": true, "told": true,
	"remain": true, "remained": true, "remains": true, "more": true, "less": true, "most": true,
	"also": true, "not": true, "now": true, "still": true, "only": true, "just": true, "so": true,
	"alongside": true, "between": true, "among": true, "against": true, "during": true, "within": true,
	"if": true, "because": true, "through": true, "across": true, "including": true, "like": true,
	"up": true, "down": true, "out": true, "off": true, "away": true, "ago": true, "earlier": true, "later": true,
	"next": true, "last": true, "there": true, "here": true, "yet": true, "then": true, "what": true, "how": true, "why": true,
}

// participles extend a counted noun ("hostages taken", "people killed").
var participles = map[string]bool{
	"taken": true, "held": true, "killed": true, "wounded": true, "injured": true, "displaced": true,
	"arrested": true, "detained": true, "missing": true, "dead": true, "born": true, "built": true,
	"sold": true, "lost": true, "made": true, "seen": true, "given": true, "found": true, "hurt": true,
	"affected": true, "evacuated": true, "rescued": true, "released": true, "freed": true, "captured": true,
	"kidnapped": true, "abducted": true, "infected": true, "hospitalised": true, "hospitalized": true,
	"destroyed": true, "damaged": true, "raised": true, "spent": true, "cut": true, "left": true,
	"employed": true, "registered": true, "cast": true, "counted": true, "reported": true, "confirmed": true,
	"vaccinated": true, "tested": true, "recorded": true, "estimated": true, "imprisoned": true, "jailed": true,
}

// humanNouns are counted nouns for people, casualties and hostages: the figures a reader cares about most.
var humanNouns = map[string]bool{
	"people": true, "persons": true, "deaths": true, "dead": true, "killed": true, "fatalities": true,
	"casualties": true, "hostages": true, "captives": true, "prisoners": true, "detainees": true,
	"civilians": true, "soldiers": true, "troops": true, "children": true, "women": true, "men": true,
	"refugees": true, "victims": true, "injured": true, "wounded": true, "residents": true, "workers": true,
	"jobs": true, "employees": true, "staff": true, "patients": true, "cases": true, "students": true,
	"voters": true, "votes": true, "passengers": true, "migrants": true, "protesters": true, "lives": true,
	"fans": true, "spectators": true, "homes": true, "houses": true, "families": true, "individuals": true,
	"bodies": true, "survivors": true, "infections": true, "seats": true, "members": true, "users": true,
	"customers": true, "households": true, "deaths,": true, "arrests": true, "officers": true, "doctors": true,
	"nurses": true, "teachers": true, "farmers": true, "inhabitants": true, "adults": true, "babies": true,
}

// partitives count what follows them with "of" ("pieces of equipment").
var partitives = map[string]bool{
	"pieces": true, "units": true, "tonnes": true, "tons": true, "barrels": true, "bottles": true, "bags": true,
	"boxes": true, "kinds": true, "types": true, "sorts": true, "rounds": true, "doses": true, "items": true,
	"hectares": true, "acres": true, "litres": true, "gallons": true, "cases": true, "counts": true, "groups": true,
}

// genericNouns say nothing of what a number counts on their own.
var genericNouns = map[string]bool{
	"individuals": true, "people": true, "others": true, "ones": true, "times": true, "persons": true,
}

// attributionVerbs introduce who reported a number ("police said").
var attributionVerbs = map[string]bool{
	"said": true, "says": true, "reported": true, "reports": true, "estimated": true, "estimates": true,
	"told": true, "announced": true, "confirmed": true, "stated": true, "according": true,
}

// pronouns are not sources a reader can use.
var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true, "this": true,
	"that": true, "who": true, "which": true, "there": true,
}

// figureCandidate is a figure with what ranks it.
type figureCandidate struct {
	Figure
	score float64
	sent  int
	order int
}

// sentenceFigures turns the numbers of one sentence into figures.
func sentenceFigures(out []figureCandidate, s *Sentence, nums []numberSpan, times []timeSpan, source string) []figureCandidate {
	toks := s.tokens
	skip := map[int]bool{}
	for ni, n := range nums {
		if skip[ni] {
			continue
		}
		text := s.Text[toks[n.First].Start:toks[n.Last-1].End]
		f := Figure{Text: text, Value: n.Value, Max: n.Max, Unit: n.Unit, Hedge: n.Hedge, Source: source, Sentence: s.Text}
		if n.Word && n.Value == 1 && !n.Modifier && n.Last < len(toks) && toks[n.Last].Lower == "of" {
			continue // "one of the most infectious diseases"
		}
		if notAFigure(toks, n) {
			continue
		}
		label, head, npEnd, first := figureLabel(s, n, times)
		f.labelFirst = first
		// A change: "from four contentious issues to one".
		if n.HedgeFirst > 0 && toks[n.HedgeFirst-1].Lower == "from" && npEnd < len(toks) && toks[npEnd].Lower == "to" && ni+1 < len(nums) && nums[ni+1].First == npEnd+1 {
			next := nums[ni+1]
			to := s.Text[toks[next.First].Start:toks[next.Last-1].End]
			verb := ""
			for k := n.HedgeFirst - 2; k >= 0 && k >= n.HedgeFirst-5; k-- {
				if toks[k].isWord() && (strings.HasSuffix(toks[k].Lower, "ed") || toks[k].Lower == "fell" || toks[k].Lower == "rose" || toks[k].Lower == "grew") {
					verb = toks[k].Text + " "
					break
				}
			}
			label = label + " (" + verb + "from " + text + " to " + to + ")"
			skip[ni+1] = true
		}
		// "1,900 incursions, up from 1,650": the earlier value of the figure before it.
		if h := n.HedgeFirst; h >= 2 && toks[h-1].Lower == "from" && (toks[h-2].Lower == "up" || toks[h-2].Lower == "down") && len(out) > 0 && out[len(out)-1].sent == s.Index {
			label = out[len(out)-1].Label + " (earlier)"
		}
		// "to 20% by 2030": a target.
		if h := n.HedgeFirst; h >= 1 && toks[h-1].Lower == "to" && n.Last+1 < len(toks) && toks[n.Last].Lower == "by" && toks[n.Last+1].Kind == tokNumber && len(toks[n.Last+1].Text) == 4 && label != "" && !strings.Contains(label, " by ") {
			label += " target by " + toks[n.Last+1].Text
		}
		// The age in "the 23-year-old signs": no noun follows.
		if n.Modifier && strings.HasSuffix(text, "-old") && (label == "" || isVerbLike(lastWord(label))) {
			label = "age"
		}
		if !hasLetter(label) {
			continue
		}
		f.Label = label
		if f.Unit == "" {
			f.Unit = unitFromHead(head, n)
		}
		f.Attribution = attribution(toks, s.Text, n.First)
		c := figureCandidate{Figure: f, sent: s.Index, order: len(out)}
		c.score = figureScore(n, head, f)
		out = append(out, c)
	}
	return out
}

// identifierWords before a number make it a name, not a count: "type 2
// diabetes", "phase 3 trial", "Category 4 storm".
var identifierWords = toSet(`type phase stage category level grade tier class article section chapter
clause division league no no. number flight route platform gate terminal runway`)

// superlatives before a compound adjective make it a comparison, not a
// count: "the biggest one-day fall", "its worst two-week run".
var superlatives = toSet(`biggest largest worst best sharpest steepest deepest heaviest highest lowest
longest shortest strongest weakest fastest slowest first`)

// notAFigure reports whether the number n is no key figure: a decade ("the
// 1990s", "in his 70s"), a name such as "type 2", or a compound adjective
// that counts nothing ("a one-day fall", "the biggest two-week drop").
func notAFigure(toks []token, n numberSpan) bool {
	if n.Last < len(toks) && toks[n.Last].Lower == "s" && !toks[n.Last].SpaceBefore {
		return true
	}
	if n.HedgeFirst > 0 && n.HedgeFirst == n.First && identifierWords[toks[n.First-1].Lower] && n.Unit == "" {
		return true
	}
	if timeUnits[n.Unit] != "" && !n.Modifier && n.Last < len(toks) && toks[n.Last].Lower == "ago" {
		return true // "three years ago" is a date
	}
	if h := n.HedgeFirst; timeUnits[n.Unit] != "" && !n.Modifier && h >= 2 && (toks[h-1].Lower == "in" || toks[h-1].Lower == "within" || toks[h-1].Lower == "over" || toks[h].Lower == "over" && n.Hedge != "") {
		// "110 millimetres in 24 hours", "$5 billion of stock over two
		// years": the period of another figure.
		for k := h - 2; k >= 0 && k >= h-7; k-- {
			if toks[k].Kind == tokNumber {
				return true
			}
		}
	}
	if n.Modifier && !n.Ordinal {
		if n.Value == 1 {
			return true
		}
		if n.HedgeFirst > 0 && superlatives[toks[n.HedgeFirst-1].Lower] {
			return true
		}
	}
	return false
}

// unitFromHead names what a number with no written unit counts: "ordinal"
// for ordinals, else the counted noun ("hostages").
func unitFromHead(head string, n numberSpan) string {
	switch {
	case n.Ordinal:
		return "ordinal"
	case n.Value > 0 && n.Value < 1:
		return "fraction"
	case humanNouns[head] && head != "cases" && head != "votes" && head != "seats" && head != "jobs" && head != "homes" && head != "houses":
		return "people"
	}
	return head
}

// figureLabel builds the words that say what number n counts: the noun
// phrase after it with its participle and place ("hostages taken on
// October 7, 2023", "fatalities in Gaza"), or, when the noun phrase is
// empty or generic, the phrase before it. It returns the label, the
// counted noun and the token index after the noun phrase.
func figureLabel(s *Sentence, n numberSpan, times []timeSpan) (label, head string, npEnd int, before bool) {
	toks := s.tokens
	j := n.Last
	if j < len(toks) && toks[j].Lower == "of" && (n.Unit != "" || n.Value < 1 || scales[toks[n.Last-1].Lower] > 0) {
		j++ // "40% of voters", "a third of seats", "$5bn of aid"
		for j < len(toks) && (toks[j].Lower == "the" || toks[j].Lower == "all" || toks[j].Lower == "its" || toks[j].Lower == "their") {
			j++
		}
	}
	start := j
	for j < len(toks) && j-start < 5 {
		t := toks[j]
		if t.Text == "-" && !t.SpaceBefore && j+1 < len(toks) && !toks[j+1].SpaceBefore && toks[j+1].isWord() && j > start {
			j += 2 // "Hamas-led", "closed-door"
			continue
		}
		if t.Kind == tokPossessive && j > start && j+1 < len(toks) && toks[j+1].isWord() {
			j++ // "the firm's annual revenue"
			continue
		}
		if !t.isWord() || npStop[t.Lower] || participles[t.Lower] || strings.HasSuffix(t.Lower, "ly") {
			break
		}
		if timeZones[t.Lower] || months[t.Lower] > 0 {
			break
		}
		if j == start && (smallNumbers[t.Lower] > 0 || tens[t.Lower] > 0) {
			break // "4 million euros three years ago": another number
		}
		if j > start && t.Cap && !toks[j-1].Cap {
			break // a name after the noun: "forward Jamal Oduya"
		}
		if j > start && isPastVerb(t.Lower) || j == start && isPastVerb(t.Lower) && !participles[t.Lower] && !(j+1 < len(toks) && toks[j+1].isWord() && !toks[j+1].Cap && !npStop[toks[j+1].Lower] && !isPastVerb(toks[j+1].Lower)) {
			break // "earthquake struck", "71,480 watched"; but "6,971 unpermitted discharges"
		}
		head = t.Lower
		j++
		if strings.HasSuffix(t.Lower, "s") && len(t.Lower) > 3 && n.Value != 1 && !strings.HasSuffix(t.Lower, "ss") && !(j < len(toks) && toks[j].isWord() && !npStop[toks[j].Lower] && !participles[toks[j].Lower] && strings.HasSuffix(toks[j].Lower, "s")) {
			break // a plural head ends the phrase: "Israeli deaths"
		}
	}
	// Partitives: "40 pieces of heavy equipment", "300 tonnes of grain".
	if j > start && j+1 < len(toks) && toks[j].Lower == "of" && partitives[head] {
		k := j + 1
		for k < len(toks) && k-j <= 3 && toks[k].isWord() && !npStop[toks[k].Lower] && !isPastVerb(toks[k].Lower) {
			k++
		}
		if k > j+1 {
			j = k
		}
	}
	npEnd = j
	np := ""
	if j > start {
		np = joinTokens(toks, start, j)
	}
	// A participle and what follows it: "taken", "killed in the attack".
	if np != "" && j < len(toks) && participles[toks[j].Lower] {
		k := j + 1
		k = prepPhraseEnd(toks, k)
		np = joinTokens(toks, start, k)
		npEnd = k
		if k == j+1 && len(times) > 0 && humanNouns[head] {
			if d := dateBefore(s, times, n.First); d != "" {
				np += " on " + d
			}
		}
	} else if np != "" && j < len(toks) && (toks[j].Lower == "in" || toks[j].Lower == "across" || toks[j].Lower == "from") && !n.Modifier {
		// A place: "fatalities in Gaza".
		k := prepPhraseEnd(toks, j)
		if k > j+1 && toks[j+1].Cap {
			np = joinTokens(toks, start, k)
			npEnd = k
		}
	}
	if n.Modifier {
		if np == "" {
			return "", "", npEnd, false
		}
		return np, head, npEnd, false
	}
	if np == "" && j+1 < len(toks) && (toks[j].Lower == "more" || toks[j].Lower == "less") && !npStop[toks[j+1].Lower] && !periodNouns[toks[j+1].Lower] {
		// "36% more likely to develop the disease".
		k := j + 1
		for k < len(toks) && k-j < 7 && (toks[k].isWord() && toks[k].Lower != "than" && !clauseWords[toks[k].Lower] || toks[k].Kind == tokNumber) {
			k++
		}
		return joinTokens(toks, j, k), "", k, false
	}
	if np == "" && n.Unit != "" && j+1 < len(toks) && toks[j].Lower == "off" {
		// "wiping $3 billion off its market value": "market value wiped off".
		k := j + 1
		for k < len(toks) && (determiners[toks[k].Lower] || toks[k].Lower == "its" || toks[k].Lower == "their") {
			k++
		}
		e := k
		for e < len(toks) && e-k < 3 && toks[e].isWord() && !npStop[toks[e].Lower] {
			e++
		}
		if e > k {
			label = joinTokens(toks, k, e)
			if v := n.HedgeFirst - 1; v >= 0 && toks[v].isWord() && (strings.HasSuffix(toks[v].Lower, "ing") || isPastVerb(toks[v].Lower)) {
				label += " " + pastTense(toks[v].Lower) + " off"
			}
			return label, "", e, false
		}
	}
	if np == "" || genericNouns[np] || n.Unit == "score" {
		if np == "" && n.Unit != "" && n.Unit != "score" && j+1 < len(toks) && toks[j].Lower == "on" && n.HedgeFirst > 0 && keepVerbs[lastWord(tidyBefore(toks, n))] {
			// "spent 240 million pounds on players": "spent on players".
			if k := prepPhraseEnd(toks, j); k > j+1 {
				return tidyBefore(toks, n) + " " + joinTokens(toks, j, k), "", k, true
			}
		}
		if np == "" && n.Unit != "" && n.Unit != "score" && j+1 < len(toks) && (toks[j].Lower == "in" || toks[j].Lower == "for") {
			// "$61 billion in aid", "$5 million for schools"; but "revenue of
			// $4 billion for the year" and "14% in morning trading" or "in
			// Oslo" count what the words before them say.
			if k := prepPhraseEnd(toks, j); k > j+1 {
				before := tidyBefore(toks, n)
				switch {
				case toks[j].Lower == "for" && periodNouns[toks[k-1].Lower] && before != "":
					return before + " " + joinTokens(toks, j, k), "", k, true // "revenue forecast for the year"
				case toks[j].Lower == "in" && (toks[j+1].Cap || marketNouns[toks[k-1].Lower]) && before != "":
					return before, "", k, true
				case toks[j].Lower == "in" && periodNouns[toks[k-1].Lower] && before != "":
					return before + " " + joinTokens(toks, j, k), "", k, true // "operating margins in the first quarter"
				case toks[j].Lower == "in" && (isPastVerb(toks[k-1].Lower) || strings.HasSuffix(toks[k-1].Lower, "ied")) && k-1 > j+1:
					return joinTokens(toks, j+1, k-1), "", k, false // "in bonuses tied to": "bonuses"

				case toks[j].Lower == "for":
					return joinTokens(toks, j, k), "", k, false // "for the Pentagon"
				}
				return joinTokens(toks, j+1, k), "", k, false // "in aid": "aid"
			}
		}
		if np == "" && n.Unit != "score" {
			if b := tidyBefore(toks, n); b != "" {
				return b, "", npEnd, true
			}
		}
		if b := phraseBefore(toks, n.HedgeFirst); b != "" && !(genericNouns[np] && !strings.Contains(b, " ")) {
			if genericNouns[np] {
				return b, np, npEnd, true // "the gang of at least four people": people
			}
			return b, "", npEnd, true
		}
		return np, head, npEnd, false
	}
	// "the $4.3 billion analysts had expected": what someone expected.
	if k := npEnd; n.Unit != "" && k+1 < len(toks) && (toks[k].Lower == "had" || toks[k].Lower == "have") && expectVerbs[toks[k+1].Lower] || k < len(toks) && n.Unit != "" && expectVerbs[toks[k].Lower] && toks[k].Lower != "forecast" {
		return np + " expected", head, npEnd, false
	}
	if n.Unit == "percent" && n.Last < len(toks) && toks[n.Last].Lower == "of" && !humanNouns[head] {
		// "cut the deficit to 2.6% of gross domestic product".
		if b := phraseBefore(toks, n.HedgeFirst); b != "" {
			return b + " (share of " + np + ")", head, npEnd, true
		}
		return "share of " + np, head, npEnd, false
	}
	return np, head, npEnd, false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if isLetter(r) {
			return true
		}
	}
	return false
}

// isPastVerb reports whether w looks like a verb in the past tense.
func isPastVerb(w string) bool {
	switch w {
	case "struck", "hit", "won", "lost", "fell", "rose", "grew", "met", "made", "took", "gave", "came", "went",
		"ran", "saw", "found", "left", "sent", "paid", "sold", "bought", "built", "held", "led", "told", "said",
		"fled", "began", "became", "spent", "brought", "fought", "sought", "thought", "felt", "kept", "set", "cut",
		"put", "shot", "stood", "caught", "drew", "flew", "wrote", "spoke", "broke", "chose", "rode", "swept":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
}

// prepPhraseEnd returns the end of a short prepositional phrase at k
// ("in Gaza", "on the border", "in the attack"), or k when there is none.
func prepPhraseEnd(toks []token, k int) int {
	if k >= len(toks) {
		return k
	}
	switch toks[k].Lower {
	case "in", "on", "at", "from", "across", "during", "by", "for":
	default:
		return k
	}
	e := k + 1
	if e < len(toks) && (toks[e].Lower == "the" || toks[e].Lower == "a") {
		e++
	}
	words := 0
	for e < len(toks) && words < 3 && toks[e].isWord() && !npStop[toks[e].Lower] {
		e++
		words++
		if e+1 < len(toks) && toks[e].Text == "-" && !toks[e].SpaceBefore {
			e += 2
		}
	}
	if words == 0 {
		return k
	}
	return e
}

// sharedWords counts the distinct words of list that label holds as whole words, ignoring case.
func sharedWords(label string, list []string) int {
	n := 0
	for _, w := range list {
		for rest := label; rest != ""; {
			i := strings.IndexByte(rest, ' ')
			word := rest
			if i >= 0 {
				word, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if strings.EqualFold(strings.Trim(word, "(),"), w) {
				n++
				break
			}
		}
	}
	return n
}

// clauseWords end the phrase before a number.
var clauseWords = map[string]bool{
	"that": true, "which": true, "who": true, "while": true, "but": true, "and": true, "or": true,
	"when": true, "as": true, "because": true, "although": true, "though": true, "said": true, "says": true,
	"with": true, "if": true, "than": true, "where": true,
}

// phraseBefore returns the words before a number, up to a determiner,
// punctuation or a clause break, for numbers whose own noun says nothing:
// "the deceased bodies of [nine]" gives "deceased bodies"; "their second
// meeting within [24 hours]" gives "second meeting within"; "Defence
// spending will rise to [€24.8 billion]" gives all of it but the number.
func phraseBefore(toks []token, i int) string {
	end := i
	if end > 0 && toks[end-1].Lower == "of" {
		end--
	}
	b := end
	for b > 0 && end-b < 6 {
		t := toks[b-1]
		if weekdays[t.Lower] || months[t.Lower] > 0 && t.Cap {
			break // "on Sunday after the storm brought gusts of"
		}
		if t.isWord() && !clauseWords[t.Lower] && !determiners[t.Lower] && !pronouns[t.Lower] && !numberStarters[t.Lower] && scales[t.Lower] == 0 && shortScales[t.Lower] == 0 || t.Kind == tokPossessive || t.Text == "-" && !t.SpaceBefore {
			b--
			continue
		}
		break
	}
	if b >= end || end-b == 1 && npStop[toks[b].Lower] {
		return ""
	}
	// "will have annual revenue" reads as "annual revenue".
	k := b
	for k < end && leadingVerbs[toks[k].Lower] {
		k++
	}
	if k+1 < end && k > b && !npStop[toks[k].Lower] && !isPastVerb(toks[k].Lower) {
		b = k
	}
	return joinTokens(toks, b, end)
}

// periodNouns end a "for" phrase that dates an amount: "for the year".
var periodNouns = toSet(`year years quarter quarters month months period season half week weeks decade`)

// marketNouns end an "in" phrase that says where a price moved, not what it counts: "in morning trading".
var marketNouns = toSet(`trading trade session dealings deals market markets`)

// changeVerbs say that the number after them is a rise or a fall.
var changeVerbs = map[string]string{
	"rose": "rise", "gained": "rise", "grew": "rise", "climbed": "rise", "jumped": "rise", "surged": "rise",
	"increased": "rise", "rallied": "rise", "soared": "rise", "advanced": "rise", "fell": "fall", "dropped": "fall",
	"slid": "fall", "slumped": "fall", "declined": "fall", "decreased": "fall", "sank": "fall", "tumbled": "fall",
	"plunged": "fall", "lost": "fall", "shed": "fall", "dipped": "fall", "weakened": "fall", "strengthened": "rise",
}

// expectVerbs turn the amount after them into a forecast: "expects revenue of".
var expectVerbs = toSet(`expects expected forecasts forecast predicts predicted projects projected sees estimates anticipates`)

// trailingWords end a phrase before a number without belonging to the noun
// it names: prepositions, particles and adverbs ("market value to").
var trailingWords = toSet(`to by for at in of on with from up down into than off about around here there now
only just also still even within after before over under since until during per as via against so far
already what the a an its their each all both`)

// leadingPreps open a phrase before a number without belonging to it: "in some areas".
var leadingPreps = toSet(`in on at to of for from by with into over under about as and or but than after the a an most`)

// baseVerbs of change and level end a phrase before a number without
// saying what it counts: "will rise to", "could reach".
var baseVerbs = toSet(`rise fall grow go climb drop increase decrease reach hit top total exceed stand stay
remain risen fallen grown gone`)

// keepVerbs say what an amount does and stay in its label: "the cuts would
// save", "the plans would cost".
var keepVerbs = toSet(`save saved saves cost costs receive received spend spent pay paid raise raised
take took lend lent borrow borrowed`)

// objectStops cannot open the object of a verb: "had lost all", "planned every".
var objectStops = toSet(`all every each some any both to more less most no none`)

// tidyBefore returns what the words before number n say it counts, as a
// noun phrase: "Net income rose to" gives "Net income", "the company now
// expects revenue of" gives "revenue forecast", "the stock dropped" gives
// "stock fall", "put insured losses at" gives "insured losses". A number
// after a change ("dropped 14% to $62.30") takes the changed noun; a price
// of stock or shares is a "share price". It returns "" when nothing useful
// is left.
func tidyBefore(toks []token, n numberSpan) string {
	i := n.HedgeFirst
	// "dropped 14% to $62.30": the level after a change.
	level := false
	if i >= 2 && toks[i-1].Lower == "to" && toks[i-2].Kind == tokNumber || i >= 3 && toks[i-1].Lower == "to" && toks[i-2].Text == "%" && toks[i-3].Kind == tokNumber {
		k := i - 2
		for k > 0 && (toks[k].Kind == tokNumber || toks[k].Text == "%" || currencySymbols[toks[k].Text] != "" || scales[toks[k].Lower] > 0 || hedgeWord(toks[k].Lower)) {
			k--
		}
		i, level = k+1, true
	}
	end := i
	for end > 0 && i-end < 3 && toks[end-1].isWord() && trailingWords[toks[end-1].Lower] {
		end--
	}
	change := ""
	if end > 0 && !level && end == i || end > 0 && !level && end == i-1 && toks[i-1].Lower == "by" {
		change = changeVerbs[toks[end-1].Lower]
	}
	if !level && end == i-1 && (toks[i-1].Lower == "up" || toks[i-1].Lower == "down") {
		change = "rise" // "shares up 11%"
		if toks[i-1].Lower == "down" {
			change = "fall"
		}
	}
	b := end
	for b > 0 && end-b < 7 {
		t := toks[b-1]
		if weekdays[t.Lower] || months[t.Lower] > 0 && t.Cap {
			break
		}
		if t.isWord() && !clauseWords[t.Lower] && !determiners[t.Lower] && !pronouns[t.Lower] && !numberStarters[t.Lower] && scales[t.Lower] == 0 && shortScales[t.Lower] == 0 && !speechVerbs[t.Lower] || t.Kind == tokPossessive || t.Text == "-" && !t.SpaceBefore && b >= 2 && toks[b-2].Kind != tokNumber {
			b--
			continue
		}
		if t.Lower == "the" && b >= 2 && (toks[b-2].Lower == "in" || toks[b-2].Lower == "of") {
			b-- // "shares in the company"
			continue
		}
		break
	}
	for k := b; k+1 < end; k++ {
		if toks[k].Text == "-" && (toks[k+1].Lower == "old" || toks[k+1].Lower == "olds") {
			b = k + 2 // "12-year-olds in some areas": the ages are another number's
		}
	}
	for b < end && (leadingPreps[toks[b].Lower] || leadingVerbs[toks[b].Lower] && b+1 < end && !leadingPreps[toks[b+1].Lower] || toks[b].Text == "-") {
		if toks[b].Text == "-" && b > 0 && toks[b-1].isWord() && !toks[b].SpaceBefore {
			b-- // "first-quarter net income", "one-off payment"
			break
		}
		b++ // "will have annual revenue", "in some areas"
	}
	// Drop trailing verbs, adverbs and prepositions: "Net income rose to",
	// "has so far recovered"; but "the cuts would save" keeps its verb.
	e := end
	forecast := false
	if e-b >= 2 && toks[e-2].Lower == "to" {
		return joinTokens(toks, b, e) // "the cuts are expected to save"
	}
	verb := "" // the verb next to the number, kept after a bare name: "Italy pledged"
	for e > b && !keepVerbs[toks[e-1].Lower] {
		w := toks[e-1].Lower
		if verb == "" && isPastVerb(w) && changeVerbs[w] == "" && !expectVerbs[w] && !leadingVerbs[w] {
			verb = toks[e-1].Text
		}
		if isPastVerb(w) && !participlesOfNouns[w] || leadingVerbs[w] || expectVerbs[w] || changeVerbs[w] != "" || baseVerbs[w] || trailingWords[w] || strings.HasSuffix(w, "ly") && len(w) > 4 && !toks[e-1].Cap || strings.HasSuffix(w, "ing") && e-1 > b && leadingVerbs[toks[e-2].Lower] {
			e--
			continue
		}
		break
	}
	// The object of a verb inside: "put insured losses", "expects revenue".
	for k := b + 1; k < e; k++ {
		w := toks[k-1].Lower
		if (isPastVerb(w) && !participlesOfNouns[w] || expectVerbs[w] || businessVerbs[w]) && toks[k].isWord() && !npStop[toks[k].Lower] && !objectStops[toks[k].Lower] && !leadingVerbs[toks[k].Lower] && (!isPastVerb(toks[k].Lower) || k+1 < e) {
			forecast = forecast || expectVerbs[w]
			b = k
			break
		}
	}
	if e <= b && end == i && end-b == 1 && b > 1 && determiners[toks[b-1].Lower] && !level {
		// "spent a combined 1.4 billion": what stands before the determiner.
		return tidyBefore(toks, numberSpan{First: b - 1, Last: n.Last, HedgeFirst: b - 1, Unit: n.Unit})
	}
	if e <= b || e-b == 1 && npStop[toks[b].Lower] {
		return ""
	}
	label := joinTokens(toks, b, e)
	head := toks[e-1].Lower
	if verb != "" && change == "" && !forecast && !level && allCapitalised(toks[b:e]) {
		return label + " " + verb // "Italy pledged", not "Italy"
	}
	switch {
	case level && (head == "stock" || head == "shares" || toks[b].Lower == "shares" || toks[b].Lower == "stock") && n.Unit != "" && n.Unit != "percent":
		label = "share price"
	case forecast:
		label += " forecast"
	case change != "":
		label += " " + change
	}
	return label
}

// allCapitalised reports whether every word of toks is capitalised: a bare name.
func allCapitalised(toks []token) bool {
	for _, t := range toks {
		if t.isWord() && !t.Cap && t.Lower != "and" && t.Lower != "of" {
			return false
		}
	}
	return true
}

// participlesOfNouns end in "-ed" but name things: "the unemployed".
var participlesOfNouns = toSet(`unemployed deceased wounded injured displaced`)

// hedgeWord reports whether w qualifies a number ("about", "nearly").
func hedgeWord(w string) bool {
	switch w {
	case "about", "around", "nearly", "almost", "roughly", "some", "approximately", "over", "under", "more", "than", "less", "at", "least", "up", "to", "just":
		return true
	}
	return false
}

// pastTense turns "wiping" into "wiped"; other words are returned as they are.
func pastTense(w string) string {
	stem, ok := strings.CutSuffix(w, "ing")
	if !ok || len(stem) < 2 {
		return w
	}
	if n := len(stem); stem[n-1] == stem[n-2] && stem[n-1] != 'l' && stem[n-1] != 's' {
		stem = stem[:n-1] // "cutting" → "cutt" → "cut"
		if stem == "cut" || stem == "put" || stem == "set" {
			return stem
		}
	}
	return stem + "ed"
}

// leadingVerbs open a phrase before a number without saying what it counts.
var leadingVerbs = map[string]bool{
	"will": true, "would": true, "has": true, "have": true, "had": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "been": true, "could": true, "can": true, "may": true, "might": true, "to": true,
	"include": true, "includes": true, "reach": true, "reached": true, "receive": true, "received": true,
	"cost": true, "costs": true, "raise": true, "raised": true, "save": true, "saved": true, "expected": true,
	"expects": true, "posted": true, "reported": true, "recorded": true, "total": true, "totalled": true,
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return strings.ToLower(s[i+1:])
	}
	return strings.ToLower(s)
}

// dateBefore returns the last date written before token i in the same
// clause, so that "began on October 7, 2023, with an attack that killed
// 1,200" dates the 1,200; a clause break (";", "while", "but") stops it.
func dateBefore(s *Sentence, times []timeSpan, i int) string {
	toks := s.tokens
	for ti := len(times) - 1; ti >= 0; ti-- {
		t := times[ti]
		if t.Last > i || t.Kind != MentionDate {
			continue
		}
		for k := t.Last; k < i; k++ {
			switch toks[k].Lower {
			case ";", "while", "but", "whereas", "although", "though":
				return ""
			}
		}
		if weekdays[toks[t.First].Lower] || relativeDays[toks[t.First].Lower] {
			return ""
		}
		return s.Text[toks[t.First].Start:toks[t.Last-1].End]
	}
	return ""
}

// attribution finds who a sentence says reported the number at token
// num: "according to X" or "X said", in the number's clause.
func attribution(toks []token, text string, num int) string {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Lower == "according" && toks[i+1].Lower == "to" && !clauseBreak(toks, min(i, num), max(i, num)) {
			k := i + 2
			e := k
			for e < len(toks) && toks[e].Text != "," && toks[e].Text != "." && toks[e].Text != ";" && e-k < 12 {
				e++
			}
			// Drop "figures from", "data from", "the territory's".
			for m := e - 1; m > k; m-- {
				if toks[m].Lower == "from" || toks[m].Lower == "by" || toks[m].Kind == tokPossessive && !toks[m-1].Cap {
					k = m + 1
					break
				}
			}
			for k < e && (toks[k].Lower == "the" || toks[k].Lower == "a") {
				k++
			}
			if k < e {
				return text[toks[k].Start:toks[e-1].End]
			}
		}
	}
	for i := 1; i < len(toks); i++ {
		if !attributionVerbs[toks[i].Lower] || toks[i].Lower == "according" || clauseBreak(toks, min(i, num), max(i, num)) {
			continue
		}
		// "..., police said." or "The ministry said ...": the subject before the verb.
		e := i
		k := e - 1
		for k >= 0 && e-k <= 5 && toks[k].isWord() && !npStop[toks[k].Lower] || k >= 0 && e-k <= 5 && toks[k].Kind == tokPossessive {
			k--
		}
		k++
		for k < e && (toks[k].Lower == "the" || toks[k].Lower == "a") {
			k++
		}
		if k < e && !pronouns[toks[k].Lower] && credibleSource(toks[k:e]) {
			if k == 0 || toks[k-1].Text == "," || toks[k-1].Lower == "the" {
				return text[toks[k].Start:toks[e-1].End]
			}
		}
	}
	return ""
}

// sourceNouns are lower-case nouns that can report a number ("officials said").
var sourceNouns = map[string]bool{
	"police": true, "officials": true, "authorities": true, "researchers": true, "scientists": true,
	"experts": true, "analysts": true, "data": true, "figures": true, "statistics": true, "survey": true,
	"report": true, "study": true, "organisers": true, "organizers": true, "prosecutors": true, "doctors": true,
	"rescuers": true, "medics": true, "witnesses": true, "company": true, "government": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "economists": true, "estimates": true,
}

// credibleSource reports whether a phrase can be the source of a number:
// a name, an organisation or an official noun, not "the new drug".
func credibleSource(toks []token) bool {
	for _, t := range toks {
		if t.Cap || orgHeads[t.Lower] || sourceNouns[t.Lower] || roleNouns[t.Lower] {
			return true
		}
	}
	return false
}

// clauseBreak reports whether a clause boundary lies between tokens i and j:
// a semicolon, or "while", "whereas", "but" after a comma.
func clauseBreak(toks []token, i, j int) bool {
	for k := i; k < j && k < len(toks); k++ {
		switch toks[k].Lower {
		case ";", "whereas":
			return true
		case "while", "but", "although", "though":
			if k > 0 && toks[k-1].Text == "," {
				return true
			}
		}
	}
	return false
}

// figureScore ranks a figure by what it counts, its size, its hedge and attribution.
func figureScore(n numberSpan, head string, f Figure) float64 {
	sc := 0.0
	switch {
	case humanNouns[head] || f.Unit == "people":
		sc += 3
	case currencySymbols["$"] == f.Unit || strings.ContainsAny(f.Unit, "EG") && len(f.Unit) == 3:
		sc += 2.5
	case f.Unit == "percent" || f.Unit == "percentage points":
		sc += 2
	case timeUnits[f.Unit] != "" && n.Modifier:
		sc += 1.5
	}
	if v := math.Abs(f.Value); v > 1 {
		sc += math.Min(math.Log10(v), 7) * 0.5
	}
	if f.Hedge != "" {
		sc += 0.5
	}
	if f.Attribution != "" {
		sc += 0.7
	}
	if n.Ordinal {
		sc -= 2.5
	}
	if f.Value == 1 && !n.Modifier {
		sc -= 1.5
	}
	return sc
}

// rankFigures orders one article's figure candidates by importance:
// their own score, numbers the headline or lede repeats, words shared with
// the headline, and position. Figures repeated in the lede are kept once.
func rankFigures(an *Analysis, cands []figureCandidate) []figureCandidate {
	var headWords, top []string
	for _, s := range an.Sentences {
		if s.Part == PartHeadline || s.Part == PartLede || s.Part == PartStandfirst {
			for _, t := range s.tokens {
				if t.isWord() && len(t.Lower) > 3 && !npStop[t.Lower] && !slices.Contains(headWords, t.Lower) {
					headWords = append(headWords, t.Lower)
				}
			}
			top = append(top, s.Text)
		}
	}
	nSent := len(an.Sentences)
	// Keep one figure per value and label; the lede's copy boosts the body's.
	type key struct {
		v     float64
		unit  string
		label string
	}
	kept := make([]figureCandidate, 0, len(cands))
	var keys []key
	for _, c := range cands {
		part := an.Sentences[c.sent].Part
		c.score += float64(sharedWords(c.Label, headWords))
		for _, t := range top {
			if strings.Contains(t, c.Text) && part == PartBody {
				c.score += 2
				break
			}
		}
		if nSent > 0 {
			c.score += 1.5 * (1 - float64(c.sent)/float64(nSent))
		}
		k := key{c.Value, c.Unit, c.Label}
		if i := slices.IndexFunc(keys, func(o key) bool { return o.v == k.v && o.unit == k.unit && strings.EqualFold(o.label, k.label) }); i >= 0 {
			if c.score > kept[i].score {
				kept[i].score = c.score
			}
			continue
		}
		if part != PartBody {
			// Numbers outside the body count only when the body lacks them.
			dup := false
			for _, o := range cands {
				if an.Sentences[o.sent].Part == PartBody && o.Value == c.Value {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		keys = append(keys, k)
		kept = append(kept, c)
	}
	slices.SortStableFunc(kept, func(a, b figureCandidate) int { return cmp.Compare(b.score, a.score) })
	return kept
}
