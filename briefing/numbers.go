package briefing

import (
	"math"
	"strconv"
	"strings"
)

// smallNumbers are the number words below a hundred that stand alone or end a compound.
var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

// tens are the multiples of ten written as words.
var tens = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// scales multiply what precedes them.
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"lakh": 1e5, "crore": 1e7, "dozen": 12, "dozens": 12,
}

// shortScales are abbreviations glued to or following digits ("5bn", "1.2m", "10k").
var shortScales = map[string]float64{
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}

// ordinalWords are ordinal number words.
var ordinalWords = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
	"eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6, "billionth": 1e9,
}

// fractions are fraction words after "a", "one", "two"... ("a third", "two-thirds").
var fractions = map[string]float64{
	"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
	"fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
	"ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
	"thousandth": 1000, "thousandths": 1000, "millionth": 1e6, "millionths": 1e6,
}

// unicodeFractions are single-character fractions ("½").
var unicodeFractions = map[string]float64{"½": 0.5, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

// currencyWords name currencies after a number ("dollars").
var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
	"pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "yuan": "CNY",
	"renminbi": "CNY", "rmb": "CNY", "rupee": "INR", "rupees": "INR", "roubles": "RUB", "rubles": "RUB",
	"shekels": "ILS", "shekel": "ILS", "francs": "CHF", "franc": "CHF", "pesos": "MXN", "peso": "MXN",
	"cents": "USD", "cent": "USD", "pence": "GBP", "won": "KRW", "rand": "ZAR", "naira": "NGN",
	"lira": "TRY", "reais": "BRL", "real": "BRL",
}

// dollarPrefixes name the dollar of "C$5", "A$3", "HK$10".
var dollarPrefixes = map[string]string{
	"US": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD", "NZ": "NZD", "HK": "HKD", "S": "SGD",
	"SG": "SGD", "NT": "TWD", "R": "BRL", "MX": "MXN",
}

// currencySymbols name currencies before a number ("$5").
var currencySymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}

// hedges qualify a number before it ("about", "upwards of"). Longer ones come first.
var hedges = [][]string{
	{"upwards", "of"}, {"more", "than"}, {"fewer", "than"}, {"less", "than"}, {"at", "least"},
	{"at", "most"}, {"up", "to"}, {"close", "to"}, {"as", "many", "as"}, {"as", "much", "as"},
	{"as", "few", "as"}, {"just", "over"}, {"just", "under"}, {"well", "over"}, {"in", "excess", "of"},
	{"an", "estimated"}, {"nearly"}, {"almost"}, {"about"}, {"around"}, {"approximately"},
	{"roughly"}, {"some"}, {"over"}, {"under"}, {"estimated"}, {"only"}, {"just"}, {"least"},
	{"below"}, {"above"}, {"exceeding"}, {"circa"}, {"nearly"},
}

// timeUnits are units of duration, singular, with their plural.
var timeUnits = map[string]string{
	"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
	"month": "months", "year": "years", "decade": "decades", "century": "centuries",
	"seconds": "seconds", "minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks",
	"months": "months", "years": "years", "decades": "decades", "centuries": "centuries",
}

// measureUnits are units of measurement after a number, mapped to a canonical name.
var measureUnits = map[string]string{
	"km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
	"mile": "miles", "miles": "miles", "m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
	"cm": "cm", "mm": "mm", "centimetres": "cm", "centimeters": "cm", "millimetres": "mm", "millimeters": "mm", "feet": "feet", "foot": "feet", "ft": "feet", "inches": "inches", "inch": "inches",
	"kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "g": "g", "grams": "g", "gram": "g",
	"tonnes": "tonnes", "tons": "tonnes", "tonne": "tonnes", "ton": "tonnes", "lbs": "pounds", "lb": "pounds",
	"litres": "litres", "liters": "litres", "litre": "litres", "liter": "litres", "gallons": "gallons",
	"barrels": "barrels", "acres": "acres", "hectares": "hectares", "sq": "square", "square": "square",
	"degrees": "degrees", "degree": "degrees", "mph": "mph", "kph": "km/h", "mw": "MW", "gw": "GW", "kw": "kW",
	"mb": "MB", "gb": "GB", "tb": "TB", "kb": "KB", "celsius": "degrees Celsius", "fahrenheit": "degrees Fahrenheit",
	"magnitude": "magnitude", "points": "points", "point": "points",
}

// numberSpan is a number found in a token list: tokens [First, Last).
type numberSpan struct {
	First, Last int
	// Value is the number; for a range, its lower bound.
	Value float64
	// Max is a range's upper bound, or 0.
	Max float64
	// Unit is the currency code, "percent", a time or measure unit, or "".
	Unit string
	// Hedge qualifies the number ("about"), when the text does.
	Hedge string
	// HedgeFirst is the first token of the hedge, or First.
	HedgeFirst int
	// Ordinal marks ordinal numbers ("third", "21st").
	Ordinal bool
	// Modifier marks numbers joined by a hyphen to the noun they modify ("60-day", "two-hour").
	Modifier bool
	// Word marks numbers written in words.
	Word bool
}

// readNumbers finds the numbers of a sentence's tokens, skipping tokens
// taken by dates and clock times.
func readNumbers(toks []token, times []timeSpan) []numberSpan {
	var out []numberSpan
	ti := 0
	for i := 0; i < len(toks); {
		for ti < len(times) && times[ti].Last <= i {
			ti++
		}
		if ti < len(times) && times[ti].First <= i {
			i = times[ti].Last
			continue
		}
		limit := len(toks)
		if ti < len(times) {
			limit = times[ti].First
		}
		if !mayStartNumber(toks, i) || isNamePart(toks, i) {
			i++
			continue
		}
		n, ok := numberAt(toks[:limit], i)
		if !ok {
			i++
			continue
		}
		if math.IsInf(n.Value, 0) || math.IsNaN(n.Value) || math.IsInf(n.Max, 0) || math.IsNaN(n.Max) {
			i = max(n.Last, i+1) // too large to be a quantity
			continue
		}
		n.HedgeFirst = n.First
		n.Hedge, n.HedgeFirst = hedgeBefore(toks, n.First)
		out = append(out, n)
		i = n.Last
	}
	return out
}

// isNamePart reports whether the number at i belongs to a name or model:
// "COVID-19", "F-16", "Boeing 737", "Apollo 11".
func isNamePart(toks []token, i int) bool {
	t := toks[i]
	if i > 0 && t.Kind == tokWord && t.Cap && !t.allCaps() && smallNumbers[t.Lower] > 0 && i+1 < len(toks) {
		// "the Fold One phone", "a Formula One driver": a number word
		// closing a name, not a count. A verb before it ("Storm Kills
		// Three in Chile") or a capital after it ("Reach Nine Of 23") are
		// the title case of a headline.
		p, n := toks[i-1], toks[i+1]
		return p.isWord() && p.Cap && !isOpener(toks, i-1) && !(isVerbForm(p.Lower) && (strings.HasSuffix(p.Lower, "s") || strings.HasSuffix(p.Lower, "ed"))) && !titleWords[p.Lower] &&
			!(n.isWord() && n.Cap) && n.Kind != tokNumber
	}
	if t.Kind != tokNumber || i == 0 {
		return false
	}
	if i+2 < len(toks) && toks[i+1].Text == "-" && toks[i+2].Kind == tokNumber {
		return false // a score after a team: "Real Montclair 3-2"
	}
	p := toks[i-1]
	if p.Text == "-" && !p.SpaceBefore && !t.SpaceBefore && i > 1 && toks[i-2].isWord() && toks[i-2].Cap {
		return true
	}
	if p.isWord() && p.Cap && !isOpener(toks, i-1) && months[strings.ToLower(p.Text)] == 0 && !titleWords[p.Lower] && isDigits(t.Text) &&
		currencyWords[p.Lower] == "" && dollarPrefixes[p.Text] == "" && !weekdays[p.Lower] {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Lower
		}
		return next != "%" && scales[next] == 0 && shortScales[next] == 0 && next != "percent" && timeUnits[next] == "" && measureUnits[next] == ""
	}
	return false
}

// numberStarters are the words that can open a number.
var numberStarters = func() map[string]bool {
	m := map[string]bool{"a": true, "an": true, "half": true, "minus": true, "negative": true}
	for _, t := range []map[string]float64{smallNumbers, tens, ordinalWords} {
		for w := range t {
			m[w] = true
		}
	}
	return m
}()

// mayStartNumber is a cheap test that token i can open a number, so that
// numberAt runs only where it may succeed.
func mayStartNumber(toks []token, i int) bool {
	t := toks[i]
	switch t.Kind {
	case tokNumber, tokSymbol:
		return true
	case tokWord:
		if numberStarters[t.Lower] {
			return true
		}
		// "US$5", "C$640".
		return len(t.Text) <= 3 && i+1 < len(toks) && toks[i+1].Kind == tokSymbol
	case tokPunct:
		return (t.Text == "-" || t.Text == "−") && i+1 < len(toks) && toks[i+1].Kind == tokNumber || unicodeFractions[t.Text] > 0
	}
	return false
}

// numberAt reads a number starting at token i: an optional currency
// symbol, digits or number words, a scale ("million"), and a unit, percent
// sign, currency word or range.
func numberAt(toks []token, i int) (numberSpan, bool) {
	n := numberSpan{First: i}
	j := i
	if toks[j].Kind == tokSymbol && currencySymbols[toks[j].Text] != "" {
		n.Unit = currencySymbols[toks[j].Text]
		j++
	} else if toks[j].isWord() && len(toks[j].Text) <= 3 && strings.ToUpper(toks[j].Text) == toks[j].Text && j+1 < len(toks) && toks[j+1].Kind == tokSymbol && currencySymbols[toks[j+1].Text] != "" && !toks[j+1].SpaceBefore {
		// "US$5", "A$3"
		n.Unit = currencySymbols[toks[j+1].Text]
		if c := dollarPrefixes[toks[j].Text]; c != "" && toks[j+1].Text == "$" {
			n.Unit = c
		}
		j += 2
	}
	if j >= len(toks) {
		return n, false
	}
	if j > 0 && toks[j-1].Lower == "magnitude" && toks[j].Kind == tokNumber {
		n.Unit = "magnitude"
	}
	neg := false
	if n.Unit == "" && j+1 < len(toks) && (toks[j].Lower == "minus" || toks[j].Lower == "negative" ||
		((toks[j].Text == "-" || toks[j].Text == "−") && (j == 0 || toks[j].SpaceBefore) && toks[j+1].Kind == tokNumber && (!toks[j+1].SpaceBefore || j == 0))) {
		if _, _, ok := cardinalAt(toks, j+1); ok {
			neg = true
			j++
		}
	}
	if v, ok := unicodeFractions[toks[j].Text]; ok {
		n.Value, n.Last = v, j+1
		return n, true
	}
	if n.Unit == "" && !neg {
		if v, k, ok := compoundOrdinalAt(toks, j); ok {
			n.Value, n.Last, n.Ordinal, n.Word = v, k, true, true
			return n, true
		}
		if v, k, ok := fractionAt(toks, j); ok {
			n.Value, n.Last, n.Word = v, k, true
			return n, true
		}
	}
	v, k, ok := cardinalAt(toks, j)
	if !ok {
		if n.Unit != "" {
			return n, false
		}
		if v, k, ok := ordinalAt(toks, j); ok {
			n.Value, n.Last, n.Ordinal, n.Word = v, k, true, toks[j].Kind == tokWord
			return n, true
		}
		if v, k, ok := fractionAt(toks, j); ok {
			n.Value, n.Last, n.Word = v, k, true
			return n, true
		}
		return n, false
	}
	n.Word = toks[j].Kind == tokWord
	// Fractions and mixed numbers: "3/4", "10 1/2", "one and a half".
	if toks[k-1].Kind == tokNumber && k+1 < len(toks) && toks[k].Text == "/" && !toks[k].SpaceBefore && toks[k+1].Kind == tokNumber && !toks[k+1].SpaceBefore {
		if d, ok := parseDigits(toks[k+1].Text); ok && d != 0 {
			v, k = v/d, k+2
		}
	} else if toks[k-1].Kind == tokNumber && k+3 < len(toks) && toks[k].Kind == tokNumber && toks[k+1].Text == "/" && !toks[k+1].SpaceBefore && toks[k+2].Kind == tokNumber {
		a, _ := parseDigits(toks[k].Text)
		if d, ok := parseDigits(toks[k+2].Text); ok && d != 0 && a < d {
			v, k = v+a/d, k+3
		}
	} else if k+2 < len(toks) && toks[k].Lower == "and" && (toks[k+1].Lower == "a" || toks[k+1].Lower == "an") {
		if f, k2, ok := fractionAt(toks, k+1); ok {
			v, k = v+f, k2
		}
	}
	if neg {
		v = -v
	}
	n.Value = v
	j = k
	// Ordinal digits: "21st", "3rd".
	if toks[j-1].Kind == tokNumber && j < len(toks) && !toks[j].SpaceBefore && toks[j].isWord() && isOrdinalSuffix(toks[j].Lower) {
		n.Value, n.Last, n.Ordinal = v, j+1, true
		return n, true
	}
	j = readSuffix(toks, j, &n)
	// Scores: "3-2", "2-0".
	if j+1 < len(toks) && toks[j].Text == "-" && !toks[j].SpaceBefore && toks[j-1].Kind == tokNumber && toks[j+1].Kind == tokNumber && !toks[j+1].SpaceBefore && n.Unit == "" {
		if v2, ok := parseDigits(toks[j+1].Text); ok && v2 < v && v == math.Trunc(v) && v2 == math.Trunc(v2) && (j+2 == len(toks) || toks[j+2].Text != "-") {
			n.Unit, n.Last = "score", j+2
			return n, true
		}
	}
	// Ranges: "10-15", "10 to 15", "between 10 and 15".
	if j+1 < len(toks) && isRangeJoin(toks, i, j) {
		k := j + 1
		if toks[k].Kind == tokSymbol && currencySymbols[toks[k].Text] != "" {
			k++
		}
		if k < len(toks) {
			if v2, k2, ok := cardinalAt(toks, k); ok {
				m := numberSpan{Value: v2}
				k2 = readSuffix(toks, k2, &m)
				lo := n.Value
				if raw, ok := parseDigits(toks[k].Text); ok && toks[k].Kind == tokNumber && raw != m.Value && raw > 0 && v == n.Value && v < raw {
					lo = v * (m.Value / raw) // "2 to 3 million"
				}
				compatible := n.Unit == m.Unit || m.Unit == "" && toks[j].Lower != "to" || n.Unit == "" && m.Unit != "percent"
				if m.Value > lo && compatible {
					if toks[j].Lower == "and" {
						n.First = i - 1 // "between 40 and 60"
					}
					n.Value, n.Max = lo, m.Value
					if n.Unit == "" {
						n.Unit = m.Unit
					}
					j = k2
				}
			}
		}
	}
	// Hyphenated modifier: "60-day", "two-hour", "five-year-old".
	if j+1 < len(toks) && toks[j].Text == "-" && !toks[j].SpaceBefore && !toks[j+1].SpaceBefore && toks[j+1].isWord() {
		w := toks[j+1].Lower
		if u, ok := timeUnits[w]; ok {
			n.Unit, n.Modifier = u, true
			j += 2
			if j+1 < len(toks) && toks[j].Text == "-" && toks[j+1].Lower == "old" {
				j += 2
			}
		} else if u, ok := measureUnits[w]; ok && len(w) > 2 {
			n.Unit, n.Modifier = u, true
			j += 2
		} else if w == "strong" || w == "member" || w == "point" || w == "seat" || w == "page" || w == "storey" || w == "story" || w == "mile" || w == "man" || w == "person" {
			n.Modifier = true
			n.Unit = w
			j += 2
		}
	}
	n.Last = j
	return n, true
}

// isRangeJoin reports whether toks[j] joins two numbers into a range: a
// dash, "to", or "and" after "between".
func isRangeJoin(toks []token, i, j int) bool {
	switch toks[j].Text {
	case "-", "–", "—":
		return true
	}
	switch toks[j].Lower {
	case "to":
		return true
	case "and":
		return i > 0 && toks[i-1].Lower == "between"
	}
	return false
}

// wonIsCurrency reports whether "won" at toks[j], right after a number,
// is the Korean currency rather than the verb: after a scale word or a
// number written with a separator ("412 billion won", "87,300 won"), and
// followed by punctuation, a preposition or nothing, where the verb would
// take an object ("12,000 won the vote").
func wonIsCurrency(toks []token, j int) bool {
	if j == 0 {
		return false
	}
	p := toks[j-1]
	if _, ok := scales[p.Lower]; !ok && !(p.Kind == tokNumber && strings.ContainsAny(p.Text, ",.")) {
		return false
	}
	if j+1 == len(toks) {
		return true
	}
	nx := toks[j+1]
	return nx.Kind == tokPunct || wonFollowers[nx.Lower]
}

// wonFollowers are the words that follow an amount in won but not the verb.
var wonFollowers = toSet(`in on at for from over per to a each and or by last this next`)

// readSuffix reads what follows a number: a scale ("million", "bn"), a
// percent sign or word, a currency word, a time or measure unit.
func readSuffix(toks []token, j int, n *numberSpan) int {
	if j < len(toks) {
		w := toks[j].Lower
		if s, ok := scales[w]; ok && w != "dozen" {
			n.Value *= s
			j++
		} else if s, ok := shortScales[w]; ok && toks[j].isWord() && (!toks[j].SpaceBefore || w == "bn" || w == "mn" || w == "tn") && !(w == "m" && n.Unit == "") {
			n.Value *= s
			j++
		} else if s, ok := shortScales[w]; ok && w == "m" && !toks[j].SpaceBefore && n.Unit != "" {
			n.Value *= s
			j++
		}
	}
	if j >= len(toks) {
		return j
	}
	t := toks[j]
	switch {
	case t.Kind == tokSymbol && currencySymbols[t.Text] != "" && n.Unit == "":
		n.Unit = currencySymbols[t.Text] // "20 €"
		return j + 1
	case t.Text == "%":
		n.Unit = "percent"
		return j + 1
	case t.Lower == "percent" || t.Lower == "percentage" || t.Lower == "pct":
		n.Unit = "percent"
		if j+1 < len(toks) && (toks[j+1].Lower == "points" || toks[j+1].Lower == "point") {
			n.Unit = "percentage points"
			return j + 2
		}
		return j + 1
	case t.Lower == "per" && j+1 < len(toks) && toks[j+1].Lower == "cent":
		n.Unit = "percent"
		return j + 2
	case t.isWord() && currencyWords[t.Lower] != "" && n.Unit == "":
		if (t.Lower == "real" || t.Lower == "won" || t.Lower == "pound") && !t.SpaceBefore {
			return j
		}
		if t.Lower == "real" || t.Lower == "won" && !wonIsCurrency(toks, j) {
			return j
		}
		n.Unit = currencyWords[t.Lower]
		switch t.Lower {
		case "cents", "cent":
			n.Unit = "cents"
		case "pence":
			n.Unit = "pence"
		}
		return j + 1
	case t.isWord() && timeUnits[t.Lower] != "" && n.Unit == "":
		n.Unit = timeUnits[t.Lower]
		return j + 1
	case (t.Lower == "square" || t.Lower == "cubic") && j+1 < len(toks) && measureUnits[toks[j+1].Lower] != "" && n.Unit == "":
		n.Unit = t.Lower + " " + measureUnits[toks[j+1].Lower]
		return j + 2
	case t.isWord() && measureUnits[t.Lower] != "" && n.Unit == "" && (len(t.Lower) > 1 || !t.SpaceBefore):
		n.Unit = measureUnits[t.Lower]
		if n.Unit == "degrees" && j+1 < len(toks) {
			switch toks[j+1].Lower {
			case "celsius", "c", "centigrade":
				n.Unit = "°C"
				return j + 2
			case "fahrenheit", "f":
				n.Unit = "°F"
				return j + 2
			}
		}
		return j + 1
	}
	return j
}

// cardinalAt reads a cardinal number at j: digits ("1,200", "3.5"), or
// number words ("twenty-five", "two hundred and fifty", "a million",
// "1.5 million"). It returns the value and the index after it.
func cardinalAt(toks []token, j int) (float64, int, bool) {
	t := toks[j]
	if t.Kind == tokNumber {
		if strings.IndexByte(t.Text, ':') >= 0 {
			return 0, j, false
		}
		v, ok := parseDigits(t.Text)
		if !ok {
			return 0, j, false
		}
		k := j + 1
		// "40 000": groups of three digits separated by a space.
		for k < len(toks) && toks[k].Kind == tokNumber && len(toks[k].Text) == 3 && toks[k-1].Kind == tokNumber && len(toks[k-1].Text) <= 3 && v < 1000 && isDigits(toks[k].Text) && isDigits(toks[k-1].Text) && k == j+1 {
			v = v*1000 + mustAtoi(toks[k].Text)
			k++
		}
		// "1.5 million", "3 dozen".
		if k < len(toks) && toks[k].Lower == "dozen" {
			v *= 12
			k++
		}
		if k < len(toks) && scales[toks[k].Lower] > 0 && toks[k].Lower != "dozen" {
			v *= scales[toks[k].Lower]
			k++
			for k < len(toks) && scales[toks[k].Lower] > v && toks[k].Lower != "dozen" {
				v *= scales[toks[k].Lower]
				k++
			}
		}
		return v, k, true
	}
	if !t.isWord() {
		return 0, j, false
	}
	// "a million", "a hundred", "a dozen".
	if (t.Lower == "a" || t.Lower == "an") && j+1 < len(toks) {
		if s, ok := scales[toks[j+1].Lower]; ok {
			v, k := s, j+2
			for k < len(toks) && scales[toks[k].Lower] > v {
				v *= scales[toks[k].Lower]
				k++
			}
			return v, k, true
		}
		return 0, j, false
	}
	return wordsAt(toks, j)
}

// wordsAt reads a number written in words.
func wordsAt(toks []token, j int) (float64, int, bool) {
	var total, cur float64
	k := j
	seen := false
	for k < len(toks) {
		w := toks[k].Lower
		if v, ok := smallNumbers[w]; ok {
			if seen && math.Mod(cur, 100) >= 20 && math.Mod(cur, 10) == 0 && v < 10 && v > 0 {
				cur += v // "ninety five"
			} else if seen && cur != 0 && math.Mod(cur, 100) != 0 {
				break
			} else {
				cur += v
			}
		} else if v, ok := tens[w]; ok {
			if seen && math.Mod(cur, 100) != 0 {
				break
			}
			cur += v
			if k+2 < len(toks) && toks[k+1].Text == "-" && !toks[k+1].SpaceBefore {
				if u, ok := smallNumbers[toks[k+2].Lower]; ok && u > 0 && u < 10 {
					cur += u
					k += 2
				}
			}
		} else if s, ok := scales[w]; ok && seen {
			if s == 100 {
				cur *= 100
			} else if s == 12 {
				cur *= 12
			} else {
				total += cur * s
				cur = 0
			}
		} else if w == "and" && seen && k+1 < len(toks) && (smallNumbers[toks[k+1].Lower] > 0 || tens[toks[k+1].Lower] > 0) && (math.Mod(cur, 100) == 0 && cur > 0 || total > 0 && cur == 0) {
			// "two hundred and fifty"
		} else {
			break
		}
		seen = true
		k++
	}
	if !seen {
		return 0, j, false
	}
	// Do not end on "and".
	for k > j && toks[k-1].Lower == "and" {
		k--
	}
	return total + cur, k, true
}

// ordinalAt reads an ordinal in words at j ("third", "twenty-first", "one hundred twenty fifth").
func ordinalAt(toks []token, j int) (float64, int, bool) {
	if v, ok := ordinalWords[toks[j].Lower]; ok {
		return v, j + 1, true
	}
	// "twenty-first"
	if tv, ok := tens[toks[j].Lower]; ok && j+2 < len(toks) && toks[j+1].Text == "-" {
		if v, ok := ordinalWords[toks[j+2].Lower]; ok && v < 10 {
			return tv + v, j + 3, true
		}
	}
	return 0, j, false
}

// compoundOrdinalAt reads an ordinal that ends a number in words:
// "twenty-fifth", "one hundred twenty fifth", "two hundredth".
func compoundOrdinalAt(toks []token, j int) (float64, int, bool) {
	v, k, ok := wordsAt(toks, j)
	if !ok {
		return 0, j, false
	}
	if k < len(toks) && toks[k].Text == "-" && !toks[k].SpaceBefore {
		k++
	}
	if k >= len(toks) {
		return 0, j, false
	}
	o, ok := ordinalWords[toks[k].Lower]
	switch {
	case !ok:
		return 0, j, false
	case o < 10 && math.Mod(v, 100) >= 20 && math.Mod(v, 10) == 0:
		return v + o, k + 1, true
	case o >= 100 && v < o && v > 0 && (smallNumbers[toks[k-1].Lower] > 0 || tens[toks[k-1].Lower] > 0):
		return v * o, k + 1, true
	case o < 100 && math.Mod(v, 100) == 0 && v >= 100:
		return v + o, k + 1, true
	}
	return 0, j, false
}

// fractionAt reads "a third", "two-thirds", "three quarters", "half".
func fractionAt(toks []token, j int) (float64, int, bool) {
	w := toks[j].Lower
	var num float64
	k := j + 1
	switch {
	case w == "a" || w == "an" || w == "one":
		num = 1
	case smallNumbers[w] > 0:
		num = smallNumbers[w]
	case w == "half":
		if j > 0 && toks[j-1].Lower == "and" {
			return 0, j, false
		}
		return 0.5, j + 1, true
	default:
		return 0, j, false
	}
	if k < len(toks) && toks[k].Text == "-" {
		k++
	}
	if k >= len(toks) {
		return 0, j, false
	}
	d, ok := fractions[toks[k].Lower]
	if !ok || (num == 1 && strings.HasSuffix(toks[k].Lower, "s")) || (num > 1 && !strings.HasSuffix(toks[k].Lower, "s") && toks[k].Lower != "half") {
		return 0, j, false
	}
	if w == "a" || w == "an" {
		// "a quarter of", "a third of": only with "of" after, or at the end.
		if k+1 < len(toks) && toks[k+1].isWord() && toks[k+1].Lower != "of" {
			return 0, j, false
		}
	}
	return num / d, k + 1, true
}

// hedgeBefore returns the hedge written before token i and its first token.
func hedgeBefore(toks []token, i int) (string, int) {
	for _, h := range hedges {
		if len(h) > i {
			continue
		}
		ok := true
		for k, w := range h {
			if toks[i-len(h)+k].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			if len(h) == 1 && (h[0] == "least" || h[0] == "just" || h[0] == "only") && i >= 2 && toks[i-2].Lower == "at" {
				continue
			}
			first := i - len(h)
			return joinTokens(toks, first, i), first
		}
	}
	return "", i
}

// joinTokens returns the words of toks[first:last] joined as written, with single spaces.
func joinTokens(toks []token, first, last int) string {
	var b strings.Builder
	for k := first; k < last; k++ {
		if k > first && toks[k].SpaceBefore {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].Text)
	}
	return b.String()
}

// parseDigits parses "1,200", "57,500", "3.5", "1.200.000".
func parseDigits(s string) (float64, bool) {
	commas := strings.Count(s, ",")
	dots := strings.Count(s, ".")
	clean := s
	switch {
	case commas > 0 && dots <= 1:
		clean = strings.ReplaceAll(s, ",", "")
	case dots > 1 && commas == 0:
		clean = strings.ReplaceAll(s, ".", "")
	case commas > 0 && dots > 1:
		clean = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func mustAtoi(s string) float64 {
	v, _ := strconv.Atoi(s)
	return float64(v)
}

// numbersIn reads the numbers of a text, for tests and tools: each with
// its text, value, upper bound and unit.
func numbersIn(text string) []Mention {
	toks := tokenize(text)
	times := scanTimes(toks)
	var out []Mention
	for _, n := range readNumbers(toks, times) {
		start, end := toks[n.First].Start, toks[n.Last-1].End
		out = append(out, Mention{Kind: MentionNumber, Text: text[start:end], Start: start, End: end, Value: n.Value, Max: n.Max, Unit: n.Unit, Figure: -1})
	}
	return out
}
