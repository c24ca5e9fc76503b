package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token.
type tokenKind uint8

const (
	// tokWord is a run of letters, with inner apostrophes ("don't") and
	// inner dots of abbreviations ("U.S.", "a.m.").
	tokWord tokenKind = iota
	// tokNumber is a run of digits with inner separators ("1,200", "1.5", "17:00").
	tokNumber
	// tokPossessive is the possessive ending "'s" or a lone "'" after a word ending in s.
	tokPossessive
	// tokSymbol is a currency or percent sign ("$", "€", "£", "%").
	tokSymbol
	// tokPunct is any other single punctuation character.
	tokPunct
)

// token is one word, number or punctuation mark of a text. Text slices the
// tokenized string, so tokens cost no allocation beyond the slice holding
// them (and Lower, for words with capitals).
type token struct {
	// Text is the token as written.
	Text string
	// Lower is Text in lower case; it shares Text's memory when Text has no capitals.
	Lower string
	// Start and End are Text's byte offsets in the tokenized string.
	Start, End int
	// Kind classifies the token.
	Kind tokenKind
	// Cap reports whether the token starts with an upper-case letter.
	Cap bool
	// SpaceBefore reports whether white space (or the start of the text) precedes the token.
	SpaceBefore bool
}

// isWord reports whether t is a word.
func (t token) isWord() bool { return t.Kind == tokWord }

// is reports whether t is the punctuation or word s, ignoring case.
func (t token) is(s string) bool { return t.Lower == s }

// allCaps reports whether a word of two or more letters is written in capitals ("NATO").
func (t token) allCaps() bool {
	if t.Kind != tokWord || len(t.Text) < 2 {
		return false
	}
	letters := 0
	for _, r := range t.Text {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// tokenize splits s into tokens. It never fails: invalid UTF-8 bytes
// become single punctuation tokens.
func tokenize(s string) []token {
	return appendTokens(make([]token, 0, len(s)*2/11+4), s) // news text runs five to six bytes a token
}

// appendTokens appends the tokens of s to toks.
func appendTokens(toks []token, s string) []token {
	space := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xa0 || (r > 0x7f && unicode.IsSpace(r)):
			space = true
			i += size
			continue
		case isLetter(r):
			j := scanWord(s, i)
			toks = append(toks, newToken(s, i, j, tokWord, space))
			i = j
		case r >= '0' && r <= '9':
			j := scanNumber(s, i)
			toks = append(toks, newToken(s, i, j, tokNumber, space))
			i = j
		case isApostrophe(r) && !space && len(toks) > 0 && toks[len(toks)-1].Kind == tokWord:
			// Possessive: "Trump's", "Hamas'".
			j := i + size
			if j < len(s) && (s[j] == 's' || s[j] == 'S') && (j+1 == len(s) || !isLetterByteAt(s, j+1)) {
				toks = append(toks, newToken(s, i, j+1, tokPossessive, false))
				i = j + 1
			} else if prev := toks[len(toks)-1].Lower; strings.HasSuffix(prev, "s") && (j == len(s) || !isLetterByteAt(s, j)) {
				toks = append(toks, newToken(s, i, j, tokPossessive, false))
				i = j
			} else {
				toks = append(toks, newToken(s, i, j, tokPunct, false))
				i = j
			}
		case r == '$' || r == '€' || r == '£' || r == '¥' || r == '%' || r == '₹':
			toks = append(toks, newToken(s, i, i+size, tokSymbol, space))
			i += size
		default:
			toks = append(toks, newToken(s, i, i+size, tokPunct, space))
			i += size
		}
		space = false
	}
	return toks
}

func newToken(s string, start, end int, kind tokenKind, space bool) token {
	text := s[start:end]
	t := token{Text: text, Lower: text, Start: start, End: end, Kind: kind, SpaceBefore: space}
	if kind == tokWord {
		r, _ := utf8.DecodeRuneInString(text)
		t.Cap = unicode.IsUpper(r)
		if hasUpper(text) {
			t.Lower = strings.ToLower(text)
		}
	}
	return t
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.IsUpper(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isLetterByteAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isLetter(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord returns the end of the word starting at i: letters, digits glued
// to letters ("G7", "COVID-19" stays split at the hyphen), inner
// apostrophes ("don't", "O'Brien" but not the possessive "'s"), and inner
// dots of abbreviations written with single letters ("U.S.", "a.m.").
func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case isLetter(r) || (r >= '0' && r <= '9' && j > i):
			j += size
		case isApostrophe(r) && j+size < len(s) && isLetterByteAt(s, j+size):
			// Inner apostrophe, unless it starts a possessive "'s".
			k := j + size
			if (s[k] == 's' || s[k] == 'S') && (k+1 == len(s) || !isLetterByteAt(s, k+1)) {
				return j
			}
			j = k
		case r == '.' && j+1 < len(s) && isLetterByteAt(s, j+1) && isInitialRun(s, i, j):
			// "U.S", "a.m": a dot between single letters.
			k := j + 1
			_, n := utf8.DecodeRuneInString(s[k:])
			if k+n < len(s) && isLetterByteAt(s, k+n) {
				return j // "U.Sx": the next part is not a single letter.
			}
			j = k + n
			if j < len(s) && s[j] == '.' {
				j++ // the final dot of "U.S."
			}
		default:
			return j
		}
	}
	return j
}

// isInitialRun reports whether s[i:j] is one letter, or single letters joined by dots.
func isInitialRun(s string, i, j int) bool {
	letters := 0
	for _, r := range s[i:j] {
		if r == '.' {
			letters = 0
			continue
		}
		letters++
		if letters > 1 {
			return false
		}
	}
	return true
}

// scanNumber returns the end of the number starting at i: digits with inner
// ",", "." or ":" separators each followed by a digit ("1,200", "3.5", "17:00").
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case c >= '0' && c <= '9':
			j++
		case (c == ',' || c == '.' || c == ':') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9':
			j++
		default:
			return j
		}
	}
	return j
}
