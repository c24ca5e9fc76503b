package briefing

import (
	"strconv"
	"strings"
)

// months maps month names and abbreviations to their number.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// weekdays are day names, which are dates, never people.
var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// timeZones are zone abbreviations that follow clock times.
var timeZones = map[string]bool{
	"est": true, "edt": true, "cst": true, "cdt": true, "mst": true, "mdt": true, "pst": true, "pdt": true,
	"et": true, "pt": true, "ct": true, "gmt": true, "utc": true, "bst": true, "cet": true, "cest": true,
	"eet": true, "eest": true, "ist": true, "jst": true, "aest": true, "aedt": true, "hkt": true, "sgt": true,
	"msk": true, "wib": true, "kst": true, "nzst": true, "nzdt": true, "wat": true, "eat": true, "cat": true,
}

// dayParts follow a day name ("Tuesday evening").
var dayParts = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}

// relativeDays are dates relative to the story ("yesterday").
var relativeDays = map[string]bool{"yesterday": true, "today": true, "tomorrow": true, "tonight": true}

// periods follow "last", "next" and "this" in relative dates ("last week").
var periods = map[string]bool{"week": true, "month": true, "year": true, "weekend": true, "summer": true, "winter": true, "spring": true, "autumn": true, "fall": true, "decade": true, "century": true}

// timeSpan is a date or clock time found in a token list: tokens [First, Last).
type timeSpan struct {
	First, Last int
	Kind        MentionKind
}

// scanTimes finds the dates and clock times of a sentence's tokens.
func scanTimes(toks []token) []timeSpan {
	var out []timeSpan
	for i := 0; i < len(toks); {
		if j, ok := clockAt(toks, i); ok {
			out = append(out, timeSpan{i, j, MentionTime})
			i = j
			continue
		}
		if !mayStartDate(toks[i]) {
			i++
			continue
		}
		if j, ok := dateAt(toks, i); ok {
			out = append(out, timeSpan{i, j, MentionDate})
			i = j
			continue
		}
		i++
	}
	return out
}

// mayStartDate is a cheap test that a token can open a date.
func mayStartDate(t token) bool {
	switch t.Kind {
	case tokNumber:
		return true
	case tokWord:
		if t.Cap {
			return true
		}
		switch t.Lower {
		case "yesterday", "today", "tomorrow", "tonight", "last", "next", "this", "between", "from":
			return true
		}
	}
	return false
}

// clockAt matches a clock time at i: "17:00", "17:00 EST", "9 a.m.", "9:30pm", "noon".
func clockAt(toks []token, i int) (int, bool) {
	t := toks[i]
	j := -1
	switch {
	case t.Kind == tokNumber && isClock(t.Text):
		j = i + 1
		if j < len(toks) && toks[j].isWord() && !toks[j].SpaceBefore && (toks[j].Lower == "am" || toks[j].Lower == "pm") {
			j++
		}
	case t.Kind == tokNumber && len(t.Text) <= 2 && i+1 < len(toks) && isMeridiem(toks[i+1].Lower):
		j = i + 2
	case t.Lower == "noon" || t.Lower == "midnight":
		return i + 1, true
	default:
		return 0, false
	}
	if j < len(toks) && isMeridiem(toks[j].Lower) {
		j++
	}
	if j < len(toks) && timeZones[toks[j].Lower] && toks[j].Cap {
		j++
	}
	if j+1 < len(toks) && toks[j].Lower == "local" && toks[j+1].Lower == "time" {
		j += 2
	}
	return j, true
}

func isMeridiem(s string) bool {
	return s == "a.m." || s == "p.m." || s == "am" || s == "pm" || s == "a.m" || s == "p.m"
}

// isClock reports whether a number token is a clock time ("17:00", "9:30").
func isClock(s string) bool {
	c := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			if c >= 0 {
				return false
			}
			c = i
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	if c < 1 || c > 2 || len(s)-c-1 != 2 {
		return false
	}
	h, _ := strconv.Atoi(s[:c])
	m, _ := strconv.Atoi(s[c+1:])
	return h <= 24 && m < 60
}

// dateAt matches a date at i: "October 7, 2023", "7 October", "Oct. 2023",
// "Tuesday (evening)", "in 2023", "yesterday", "last week".
func dateAt(toks []token, i int) (int, bool) {
	t := toks[i]
	if t.isWord() && t.Cap {
		if m, ok := months[trimDot(t.Lower)]; ok && m > 0 && (t.Lower != "may" || nextIsDayOrYear(toks, i+1)) && (len(t.Lower) > 3 || nextIsDayOrYear(toks, i+1)) {
			j := i + 1
			if j < len(toks) && toks[j].Text == "." {
				j++
			}
			if j < len(toks) && isDayNumber(toks, j) {
				j++
				if j < len(toks) && toks[j].isWord() && !toks[j].SpaceBefore && isOrdinalSuffix(toks[j].Lower) {
					j++
				}
				if j+1 < len(toks) && toks[j].Text == "," && isYear(toks[j+1]) {
					j += 2
				} else if j < len(toks) && isYear(toks[j]) {
					j++
				}
			} else if j < len(toks) && isYear(toks[j]) {
				j++
			}
			return j, true
		}
		if weekdays[t.Lower] {
			j := i + 1
			if j < len(toks) && dayParts[toks[j].Lower] {
				j++
			}
			return j, true
		}
	}
	if t.Kind == tokNumber && isDayNumber(toks, i) && i+1 < len(toks) && toks[i+1].Cap {
		if _, ok := months[trimDot(toks[i+1].Lower)]; ok {
			j := i + 2
			if j < len(toks) && isYear(toks[j]) {
				j++
			}
			return j, true
		}
	}
	if t.Kind == tokNumber && isYear(t) && i+1 < len(toks) && toks[i+1].isWord() && toks[i+1].SpaceBefore && !toks[i+1].Cap &&
		!strings.HasSuffix(toks[i+1].Lower, "s") && timeUnits[toks[i+1].Lower] == "" && measureUnits[toks[i+1].Lower] == "" &&
		i > 0 && (toks[i-1].Kind == tokPossessive || determiners[toks[i-1].Lower]) && currencyWords[toks[i+1].Lower] == "" && scales[toks[i+1].Lower] == 0 && !npStop[toks[i+1].Lower] {
		return i + 1, true // "a 2023 risk study", "the 2027 budget"
	}
	countsSomething := i+1 < len(toks) && toks[i+1].isWord() && !toks[i+1].Cap && (strings.HasSuffix(toks[i+1].Lower, "s") || humanNouns[toks[i+1].Lower]) && toks[i+1].SpaceBefore
	if t.Kind == tokNumber && isYear(t) && i > 0 && !countsSomething {
		switch toks[i-1].Lower {
		case "in", "since", "by", "until", "of", "from", "through", "before", "after", "during", "early", "late", "mid", "and", "to", "year", "for":
			if i+1 < len(toks) && toks[i+1].isWord() && !toks[i+1].SpaceBefore && toks[i+1].Lower == "s" {
				return i + 2, true // "1990s"
			}
			return i + 1, true
		}
	}
	// "between 1650 and 1720", "from 2019 to 2023".
	if (t.Lower == "between" || t.Lower == "from") && i+3 < len(toks) && isYear(toks[i+1]) && (toks[i+2].Lower == "and" || toks[i+2].Lower == "to" || toks[i+2].Text == "-") && isYear(toks[i+3]) {
		return i + 4, true
	}
	if t.isWord() && relativeDays[t.Lower] {
		return i + 1, true
	}
	if t.isWord() && (t.Lower == "last" || t.Lower == "next" || t.Lower == "this") && i+1 < len(toks) {
		if periods[toks[i+1].Lower] || weekdays[toks[i+1].Lower] {
			return i + 2, true
		}
	}
	return 0, false
}

func trimDot(s string) string {
	if len(s) > 1 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

func nextIsDayOrYear(toks []token, j int) bool {
	if j < len(toks) && toks[j].Text == "." {
		j++
	}
	return j < len(toks) && (isDayNumber(toks, j) || isYear(toks[j]))
}

// isDayNumber reports whether toks[j] is a day of the month (1 to 31).
func isDayNumber(toks []token, j int) bool {
	t := toks[j]
	if t.Kind != tokNumber || len(t.Text) > 2 {
		return false
	}
	n, err := strconv.Atoi(t.Text)
	return err == nil && n >= 1 && n <= 31
}

// isYear reports whether t is a four-digit year between 1800 and 2100.
func isYear(t token) bool {
	if t.Kind != tokNumber || len(t.Text) != 4 {
		return false
	}
	n, err := strconv.Atoi(t.Text)
	return err == nil && n >= 1000 && n <= 2100
}

func isOrdinalSuffix(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

// timeMention makes a date or time span a mention of the sentence.
func timeMention(text string, toks []token, sp timeSpan) Mention {
	start, end := toks[sp.First].Start, toks[sp.Last-1].End
	return Mention{Kind: sp.Kind, Text: text[start:end], Start: start, End: end, Figure: -1}
}

// determiners open a noun phrase a year can modify ("the 2027 budget").
var determiners = map[string]bool{"a": true, "an": true, "the": true, "its": true, "his": true, "her": true, "their": true, "our": true, "this": true, "that": true}
