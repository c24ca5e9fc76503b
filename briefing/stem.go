package briefing

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// stem reduces a lower-case word to the stem the index and the questions
// share: irregular forms first become their lemma ("took" → "take",
// "children" → "child"), then the Snowball English stemmer strips
// suffixes ("mediating" → "mediat"). Numbers lose their thousands
// separators ("1,200" → "1200").
func stem(lower string) string {
	if lower == "" {
		return ""
	}
	if c := lower[0]; c >= '0' && c <= '9' {
		if strings.IndexByte(lower, ',') >= 0 {
			return strings.ReplaceAll(lower, ",", "")
		}
		return lower
	}
	if strings.IndexByte(lower, '.') >= 0 {
		// "u.s." → "us": abbreviations match their dotless spelling.
		return strings.ReplaceAll(lower, ".", "")
	}
	if strings.ContainsAny(lower, "'’") {
		lower = strings.NewReplacer("’", "", "'", "").Replace(lower)
	}
	if d, ok := digitWords[lower]; ok {
		return d
	}
	if l, ok := irregularLemma(lower); ok {
		lower = l
	}
	if len(lower) <= 3 {
		return lower
	}
	return english.Stem(lower, true)
}

// digitWords spell small numbers, which match their digits ("nine" ↔ "9").
var digitWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
}
