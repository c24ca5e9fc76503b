package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [Start, End) of a text.
type span struct{ Start, End int }

// abbreviations end with a dot that does not end a sentence when a word follows.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "capt": true, "sgt": true,
	"maj": true, "cpl": true, "adm": true, "cmdr": true, "rev": true, "hon": true, "pres": true, "supt": true,
	"insp": true, "det": true, "fr": true, "mt": true, "ft": true, "messrs": true, "mme": true, "mlle": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "bros": true, "plc": true, "llc": true,
	"vs": true, "v": true, "etc": true, "approx": true, "no": true, "nos": true, "vol": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"ave": true, "blvd": true, "rd": true, "dept": true, "univ": true, "est": true, "cf": true, "al": true,
}

// titleAbbreviations always precede a name, so even a capital after them does not start a sentence.
var titleAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "maj": true, "cpl": true, "adm": true,
	"cmdr": true, "rev": true, "hon": true, "pres": true, "supt": true, "insp": true, "det": true, "fr": true,
	"mt": true, "st": true, "no": true, "nos": true, "vs": true, "v": true, "messrs": true, "mme": true, "mlle": true,
}

// sentenceOpeners are words that, capitalised after a dotted abbreviation
// such as "U.S.", suggest a new sentence rather than a name.
var sentenceOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"i": true, "this": true, "that": true, "these": true, "those": true, "there": true, "but": true,
	"and": true, "in": true, "on": true, "at": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "as": true, "after": true, "before": true, "when": true, "while": true, "if": true,
	"however": true, "meanwhile": true, "officials": true, "yet": true, "so": true, "for": true,
}

// splitSentences splits a paragraph into sentences, trimmed of surrounding space.
func splitSentences(text string) []string {
	spans := sentenceSpans(text)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

// sentenceSpans returns the byte ranges of the sentences of a paragraph.
// A sentence ends at ".", "!", "?" or an ellipsis, with any closing quotes
// and brackets, when white space and a capital, digit or opening quote
// follow. Abbreviations ("Dr.", "U.S."), initials ("J. R."), decimals and
// times ("1.5", "17:00") do not end sentences.
func sentenceSpans(text string) []span {
	var spans []span
	start := skipSpace(text, 0)
	n := len(text)
	for i := start; i < n; {
		c := text[i]
		end := -1
		switch {
		case c == '.' || c == '!' || c == '?':
			j := i + 1
			for j < n && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			if c == '.' && j-i == 1 && !dotEndsSentence(text, start, i) {
				i = j
				continue
			}
			end = j
		case c == 0xe2 && strings.HasPrefix(text[i:], "…"):
			end = i + len("…")
		default:
			i++
			continue
		}
		// Take closing quotes and brackets.
		for end < n {
			r, size := utf8.DecodeRuneInString(text[end:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' || r == '»' {
				end += size
				continue
			}
			break
		}
		next := skipSpace(text, end)
		if next == end && end < n {
			i = end // no space after: "3.5", "Yahoo!com"
			continue
		}
		if next < n && !startsSentence(text, next) {
			i = end
			continue
		}
		spans = append(spans, span{start, trimRightSpace(text, end)})
		start = next
		i = next
	}
	if start < n {
		if e := trimRightSpace(text, n); e > start {
			spans = append(spans, span{start, e})
		}
	}
	return spans
}

// startsSentence reports whether the text at i can open a sentence: a
// capital, a digit or an opening quote or bracket. After "!" or "?" a
// lower-case word continues the sentence ("Why?" he asked) as well.
func startsSentence(text string, i int) bool {
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case unicode.IsUpper(r), r >= '0' && r <= '9':
		return true
	case r == '"' || r == '“' || r == '\'' || r == '‘' || r == '(' || r == '[' || r == '«':
		if i+size < len(text) {
			r2, _ := utf8.DecodeRuneInString(text[i+size:])
			return unicode.IsUpper(r2) || (r2 >= '0' && r2 <= '9')
		}
	case unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r):
		return true // scripts without case
	}
	return false
}

// dotEndsSentence decides whether the "." at i (in a sentence starting at
// start) can end a sentence, given the word before it.
func dotEndsSentence(text string, start, i int) bool {
	// The word before the dot.
	j := i
	for j > start {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isLetter(r) && r != '.' && !(r >= '0' && r <= '9') {
			break
		}
		j -= size
	}
	word := text[j:i]
	if word == "" {
		return true
	}
	if word[0] >= '0' && word[0] <= '9' {
		return true // "in 2023." — decimals never reach here (no space after the dot)
	}
	lw := strings.ToLower(strings.Trim(word, "."))
	next := skipSpace(text, i+1)
	if strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
		// "U.S.", "a.m.", an initial "J.": a sentence only when a typical opener follows.
		if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(rune(word[0])) {
			return false // an initial
		}
		return next < len(text) && sentenceOpeners[strings.ToLower(nextWord(text, next))]
	}
	if titleAbbreviations[lw] {
		return false
	}
	if abbreviations[lw] {
		// "Apple Inc. The company": a sentence when a typical opener follows.
		return next < len(text) && sentenceOpeners[strings.ToLower(nextWord(text, next))]
	}
	return true
}

func nextWord(text string, i int) string {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isLetter(r) {
			break
		}
		j += size
	}
	return text[i:j]
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func trimRightSpace(text string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}
