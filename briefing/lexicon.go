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
	if v, ok := lookup(newsRelatedKeys[:], newsRelatedValues[:], s); ok {
		add(v, weightNews)
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

// newsRelatedKeys are stems of words news stories and the questions about
// them use interchangeably; newsRelatedValues lists each one's paraphrases.
// It complements WordNet, whose senses keep apart what news treats as one
// ("deal" and "agreement", "killed" and "fatalities").
var newsRelatedKeys = [...]string{
	"accord", "agre", "agreement", "arrest", "attack", "ballot", "bargain", "bomb", "broker", "captiv", "casualti", "ceasefir",
	"chief", "dead", "deal", "death", "detain", "die", "elect", "fatal", "fatality", "free", "freed", "head",
	"hostag", "injur", "kill", "leader", "mediat", "mediation", "mediator", "meet", "negoti", "optim", "optimist", "pact", "peac", "plan",
	"poll", "progress", "propos", "releas", "strike", "talk", "toll", "treati", "truce", "vote", "wound",
}

var newsRelatedValues = [...]string{
	"agreement deal pact treati", // accord
	"agreement deal accord",      // agre
	"deal accord pact propos treati",
	"detain captur custodi",
	"strike assault raid offens bomb",
	"vote elect poll",
	"deal agreement",
	"strike attack airstrik",
	"mediat negoti",
	"hostag prison",
	"dead death kill fatal injur toll",
	"truce armistic",
	"head leader",
	"death kill fatal casualti die",
	"agreement accord pact propos bargain",
	"kill dead fatal die casualti toll",
	"arrest captur custodi",
	"death kill dead fatal",
	"vote ballot poll",
	"death kill dead casualti die",
	"death kill dead casualti die",
	"releas freed",
	"releas free",
	"leader chief",
	"captiv abduct",
	"wound hurt casualti injuri",
	"death dead fatal die casualti",
	"head chief",
	"mediation mediator broker negoti",
	"mediat mediator broker",
	"mediat mediation broker",
	"talk meet",
	"talk deal",
	"optimist hope",
	"optim hope",
	"deal agreement accord",
	"ceasefir truce",
	"propos",
	"vote elect",
	"advanc breakthrough headway",
	"plan deal agreement offer",
	"free freed",
	"attack airstrik",
	"negoti meet discuss",
	"death casualti",
	"agreement accord pact",
	"ceasefir armistic",
	"ballot poll elect",
	"injur casualti hurt",
}

// newsDemonymKeys are demonyms WordNet names differently from news.
var newsDemonymKeys = [...]string{"american", "british", "emirati", "saudi", "u.s.", "uk", "us"}

var newsDemonymValues = [...]string{"United States", "Britain", "United Arab Emirates", "Saudi Arabia", "United States", "Britain", "United States"}

// isVerbForm reports whether a lower-case word is mostly used as a verb.
func isVerbForm(lower string) bool {
	i := sort.SearchStrings(wnVerbForms[:], lower)
	return i < len(wnVerbForms) && wnVerbForms[i] == lower
}
