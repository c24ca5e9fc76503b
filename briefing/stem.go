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
	if hasNonASCII(lower) {
		lower = foldAccents(lower)
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

// hasNonASCII reports whether s holds a byte outside ASCII.
func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// accentFolder drops the diacritics of Latin letters, so that a name
// typed without them matches ("Olazabal" ↔ "Olazábal", "Ibanez" ↔ "Ibáñez").
var accentFolder = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ā", "a", "ą", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ē", "e", "ę", "e", "ě", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ō", "o", "ő", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ñ", "n", "ń", "n", "ň", "n", "ç", "c", "ć", "c", "č", "c",
	"ś", "s", "š", "s", "ş", "s", "ș", "s", "ź", "z", "ż", "z", "ž", "z", "ł", "l",
	"ř", "r", "ť", "t", "ț", "t", "ď", "d", "ğ", "g", "ß", "ss", "æ", "ae", "œ", "oe",
)

// foldAccents returns lower without diacritics.
func foldAccents(lower string) string { return accentFolder.Replace(lower) }

// digitWords spell small numbers, which match their digits ("nine" ↔ "9").
var digitWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
}
