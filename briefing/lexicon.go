package briefing

import (
	"sort"
	"strings"
)

//go:generate go run ./internal/lexgen -wordnet /usr/share/wordnet -out lexicon_wordnet.go

// irregularLemma returns the lemma of an irregular inflection ("took" →
// "take"), from WordNet's exception lists.
func irregularLemma(lower string) (string, bool) {
	return lookup(wnIrregularKeys[:], wnIrregularValues[:], lower)
}

// demonymPlace returns the place a demonym or place adjective names
// ("qatari" → "Qatar").
func demonymPlace(lower string) (string, bool) {
	if p, ok := lookup(newsDemonymKeys[:], newsDemonymValues[:], lower); ok {
		return p, true
	}
	return lookup(wnDemonymsKeys[:], wnDemonymsValues[:], lower)
}

func lookup(keys, values []string, k string) (string, bool) {
	i := sort.SearchStrings(keys, k)
	if i < len(keys) && keys[i] == k {
		return values[i], true
	}
	return "", false
}

// relation weights: how much a match through a related word counts
// against a match of the word itself.
const (
	weightNews     = 0.9
	weightDerived  = 0.85
	weightSynonym  = 0.3
	maxExpansions  = 12
	minStemForWide = 3
)

// expansion is a stem related to a question word, with its weight.
type expansion struct {
	stem   string
	weight float32
}

// expand appends to dst the stems related to stem s: the news paraphrase
// groups first ("deal" ↔ "agreement"), then WordNet derivations
// ("mediate" ↔ "mediator") and synonyms of frequent senses.
func expand(dst []expansion, s string) []expansion {
	seen := func(x string) bool {
		if x == s {
			return true
		}
		for _, e := range dst {
			if e.stem == x {
				return true
			}
		}
		return false
	}
	add := func(list string, w float32) {
		for list != "" && len(dst) < maxExpansions {
			var x string
			x, list, _ = strings.Cut(list, " ")
			if x != "" && !seen(x) {
				dst = append(dst, expansion{x, w})
			}
		}
	}
	for _, g := range newsGroups {
		if containsWord(g, s) {
			add(g, weightNews)
		}
	}
	if len(s) < minStemForWide {
		return dst
	}
	if v, ok := lookup(wnDerivedKeys[:], wnDerivedValues[:], s); ok {
		add(v, weightDerived)
	}
	if v, ok := lookup(wnSynonymsKeys[:], wnSynonymsValues[:], s); ok {
		add(v, weightSynonym)
	}
	return dst
}

// isStopword reports whether a lower-case word carries no content for
// retrieval: function words, question words and chat filler.
func isStopword(lower string) bool {
	i := sort.SearchStrings(stopwords[:], lower)
	return i < len(stopwords) && stopwords[i] == lower
}

// stopwords is sorted.
var stopwords = [...]string{
	"a", "about", "above", "actually", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anybody", "anyone", "anything", "are", "aren't", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "couldn't",
	"did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
	"each", "else", "ever",
	"few", "for", "from", "further",
	"get", "gets", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "hers", "herself", "hey", "hi", "him", "himself", "his", "how",
	"i", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
	"just", "kind", "know", "let", "lot",
	"me", "more", "most", "much", "my", "myself",
	"no", "nor", "not", "now",
	"of", "off", "ok", "okay", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
	"please", "pls", "really",
	"same", "she", "should", "so", "some", "such",
	"tell", "than", "thanks", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "this", "those", "through", "to", "too",
	"under", "until", "up", "us",
	"very",
	"want", "was", "wasn't", "we", "were", "weren't", "what", "what's", "whats", "when", "where", "which", "while", "who", "who's", "whom", "whose", "why", "will", "with", "won't", "would", "wouldn't",
	"ya", "yeah", "you", "your", "yours", "yourself",
}

// newsGroups are stems of words news stories and the questions about
// them use interchangeably. They complement WordNet, whose senses keep
// apart what news treats as one ("deal" and "agreement", "killed" and
// "fatalities").
var newsGroups = [...]string{
	"deal agreement agre accord pact propos treati bargain",
	"kill dead death die fatal casualti toll",
	"injur injuri wound hurt",
	"free freed releas",
	"mediat mediation mediator broker",
	"hostag captiv abduct",
	"ceasefir truce armistic",
	"talk negoti discuss meet",
	"attack strike assault raid airstrik offens",
	"arrest detain captur custodi",
	"vote ballot elect poll",
	"leader chief head",
	"optim optimist hope hopeful",
	"progress advanc breakthrough headway",
	"quak earthquak tremor",
	"evacu flee displac",
	"win won winner victori victor",
	"beat defeat overcam",
	"lose lost",
	"old oldest age elder",
	"tall height",
	"far distanc",
	"cost price fee",
	"compani firm group",
	"buy acquir acquisit takeov purchas",
	"job worker employe staff",
	"run lead head manag",
	"merger merg combin",
	"trial studi",
	"drug medicin pill treatment",
	"verdict convict guilti",
	"sentenc jail prison",
	"budget spend",
	"quarter q3",
	"spacecraft lander probe",
	"miss unaccount disappear",
	"destroy flatten raze collaps demolish",
	"hous home dwell",
	"damag destroy",
	"rescuer rescu",
	"goal score",
	"investor sharehold",
	"prosecutor prosecut",
	"witness testifi testimoni",
	"sentenc jail prison",
	"start begin began begun launch",
	"war conflict hostil violenc fight",
	"end finish conclud",
	"meet met meet visit",
	"boss chief ceo head",
	"countri nation state",
	"citi town",
	"elect vote poll",
	"attend attendanc crowd spectat",
	"deep depth",
	"heavi weigh weight mass",
	"strong strength magnitud",
	"tall height",
	"long length",
	"wide width",
	"high height altitud elev",
	"fall drop declin slump plung tumbl slide slip sink",
	"rise climb jump gain grow increas surg soar",
	"cut reduc lower trim slash",
	"sale revenu turnov",
	"forecast outlook guidanc estim",
	"custom client buyer suppli",
	"save cut",
	"child kid youngster",
	"land landfal ashor",
}

// newsDemonymKeys are demonyms WordNet names differently from news.
var newsDemonymKeys = [...]string{"american", "british", "emirati", "saudi", "u.s.", "uk", "us"}

var newsDemonymValues = [...]string{"United States", "Britain", "United Arab Emirates", "Saudi Arabia", "United States", "Britain", "United States"}

// isVerbForm reports whether a lower-case word is mostly used as a verb.
func isVerbForm(lower string) bool {
	i := sort.SearchStrings(wnVerbForms[:], lower)
	return i < len(wnVerbForms) && wnVerbForms[i] == lower
}

// containsWord reports whether the space-separated list holds w.
func containsWord(list, w string) bool {
	for list != "" {
		var x string
		x, list, _ = strings.Cut(list, " ")
		if x == w {
			return true
		}
	}
	return false
}
