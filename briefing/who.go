package briefing

import (
	"slices"
	"sort"
	"strings"
)

// rawEntity is one entity mention found in a sentence, before aliases are merged.
type rawEntity struct {
	sent        int
	first, last int // tokens of the name
	kind        MentionKind
	name        string // the name as written (place and organisation names canonical)
	role        string
	// personal is evidence that the name is a person's: a title, a role, a
	// speech verb, a known first name.
	personal bool
	// placeHint is evidence that an unsure name is a place: "in", "near" before it.
	placeHint bool
	// unsure marks a name that may be a person, a place or an organisation.
	unsure bool
	// speaks marks a name followed by "said" or another speech verb.
	speaks bool
	// orgHint is evidence that an unsure name is an organisation: "shares
	// of X", "analysts at X", "X's revenue", "X cut its", a list of
	// organisations it belongs to.
	orgHint bool
}

// nameContext is what the whole article says about capitalised words.
type nameContext struct {
	// lowerSeen holds the words the article writes in lower case somewhere.
	lowerSeen map[string]bool
	// capMid holds the capitalised words the article uses inside sentences.
	capMid map[string]bool
}

// speechVerbs after a lone capitalised word mark it as a person.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "asserted": true, "argued": true,
	"insisted": true, "warned": true, "claimed": true, "emphasized": true, "emphasised": true,
	"stressed": true, "explained": true, "noted": true, "wrote": true, "tweeted": true, "posted": true,
	"admitted": true, "denied": true, "replied": true, "responded": true, "commented": true,
	"acknowledged": true, "recalled": true, "believes": true, "thinks": true, "hopes": true,
}

// findEntities finds the entity mentions of a sentence. lowerSeen holds the
// words the article writes in lower case somewhere, which marks a
// capitalised sentence opener as an ordinary word.
func findEntities(out []rawEntity, s *Sentence, nc *nameContext) []rawEntity {
	toks := s.tokens
	for i := 0; i < len(toks); {
		if !isNameToken(toks, i) {
			// Lower-case organisation phrases: "the Qatari foreign ministry" is
			// handled with its capitalised part below; "the health ministry" here.
			i++
			continue
		}
		j := i
		for j < len(toks) {
			// "Nordalia Airlines Airbus A321": a known name after a company's suffix starts another name.
			if j > i && isNameToken(toks, j) && orgWords[toks[j-1].Lower] && knownOrgs[toks[j].Lower] != "" {
				break
			}
			if isNameToken(toks, j) {
				j++
				continue
			}
			// "Mr. Smith", "Sen. Warren": a title abbreviation and its dot.
			if toks[j].Text == "." && !toks[j].SpaceBefore && j+1 < len(toks) && isNameToken(toks, j+1) && titleAbbreviations[toks[j-1].Lower] {
				j += 2
				continue
			}
			// "University of the Republic".
			if j+2 < len(toks) && toks[j].Lower == "of" && toks[j+1].Lower == "the" && isNameToken(toks, j+2) && runHasOrgWord(toks, i, j) {
				j += 3
				continue
			}
			// Connectors inside names: "Bank of England", "bin Salman", "Al-Thani".
			if j+1 < len(toks) && isNameToken(toks, j+1) && (toks[j].Lower == "of" || toks[j].Lower == "for" || toks[j].Lower == "and" && runHasOrgSuffix(toks, i, j) && !orgWords[toks[j-1].Lower] && !institutionAfter(toks, j+1) || toks[j].Lower == "bin" || toks[j].Lower == "al" || toks[j].Lower == "de" || toks[j].Lower == "van" || toks[j].Lower == "von" || toks[j].Lower == "da" || toks[j].Lower == "del" || toks[j].Lower == "la" || toks[j].Lower == "le" || toks[j].Lower == "ibn" || (toks[j].Text == "i" || toks[j].Text == "y") && j-i >= 2) && toks[j].SpaceBefore {
				if (toks[j].Lower == "of" || toks[j].Lower == "for") && !runHasOrgWord(toks, i, j) && !titleWords[toks[j-1].Lower] {
					break
				}
				if toks[j].Lower == "for" && demonyms[toks[j+1].Lower] != "" {
					break // "Estoril Atlético for Brazilian forward Thiago Ramalho"
				}
				j += 2
				continue
			}
			// "the Harwick Supporters' Trust": a plural possessive inside a name.
			if toks[j].Kind == tokPossessive && (toks[j].Text == "'" || toks[j].Text == "’") && j+1 < len(toks) && isNameToken(toks, j+1) && orgWords[toks[j+1].Lower] {
				j += 2
				continue
			}
			if toks[j].Text == "-" && !toks[j].SpaceBefore && j+1 < len(toks) && !toks[j+1].SpaceBefore && toks[j+1].Cap || j-i >= 2 && nameSyllableAt(toks, j) {
				j += 2
				continue
			}
			break
		}
		if quotedTitle(toks, i, j) {
			i = j
			continue
		}
		out = classifyRun(out, s, i, j, nc)
		i = j
	}
	out = listOrgs(out, s)
	return lowerOrgs(out, s)
}

// listOrgs marks the unsure names of a list ("A, B and C") as organisations
// when another member of the list is one: "Renault, Samsung and Oskarby";
// and full names as people when another member is a person: "Firefighters
// Ben Lowther, 29, and Amira Nasser, 34".
func listOrgs(out []rawEntity, s *Sentence) []rawEntity {
	toks := s.tokens
	b := len(out)
	for b > 0 && out[b-1].sent == s.Index {
		b--
	}
	for a := b; a < len(out); {
		// The members of one list: names separated by ",", "and", "or" alone.
		e := a + 1
		for e < len(out) && out[e].first > out[e-1].last && out[e].first-out[e-1].last <= 4 && listGap(toks[out[e-1].last:out[e].first]) {
			e++
		}
		// A list ends with "and" or "or": "at Lahinch, Gardai said" is none.
		if e-a >= 2 && hasAndOr(toks[out[e-2].last:out[e-1].first]) {
			org, person := false, false
			for m := a; m < e; m++ {
				org = org || out[m].kind == MentionOrganization && !out[m].unsure
				person = person || out[m].kind == MentionPerson && (!out[m].unsure || out[m].personal)
			}
			for m := a; m < e && org != person; m++ {
				if out[m].unsure && !out[m].personal && !out[m].placeHint {
					out[m].orgHint = org
					out[m].personal = person && strings.Contains(out[m].name, " ")
				}
			}
		}
		a = e
	}
	return out
}

// hasAndOr reports whether the tokens hold "and" or "or".
func hasAndOr(gap []token) bool {
	for _, t := range gap {
		if t.Lower == "and" || t.Lower == "or" {
			return true
		}
	}
	return false
}

// listGap reports whether the tokens between two names only separate list
// members: ",", "and", "or", ", and", and ages (", 29, and").
func listGap(gap []token) bool {
	for _, t := range gap {
		if t.Text != "," && t.Lower != "and" && t.Lower != "or" && t.Kind != tokNumber {
			return false
		}
	}
	return len(gap) > 0
}

// businessNouns after a possessive name mark it as a company's: "Talvora's
// stock", "the carrier's fleet".
var businessNouns = toSet(`stock shares share revenue revenues sales profit profits earnings turnover
shareholders investors owners board executives employees workforce staff customers clients fleet plant
plants factory factories subsidiary subsidiaries division unit brand products stores outlets headquarters
guidance forecast outlook results valuation market bonds debt dividend chipmakers operations`)

// businessVerbs after a name mark it as a company doing business: "Talvora
// supplies microcontrollers".
var businessVerbs = toSet(`supplies supplied manufactures manufactured employs operates ships shipped
merged forecasts guided`)

// orgPeople are lower-case nouns for people who work at an organisation:
// "analysts at X", "engineers from X".
var orgPeople = toSet(`analysts analyst economists economist strategists strategist researchers
executives executive engineers employees staff workers bankers brokers traders lawyers spokesman
spokeswoman spokesperson officials sources scientists investors`)

// orgBefore are lower-case nouns written just before a company's name:
// "the Dublin-based firm Skyline", "rival Brantex", "insurer Alder Mutual".
var orgBefore = toSet(`firm company group rival rivals insurer insurers carrier carriers airline
lender lenders bank chipmaker carmaker automaker retailer supplier suppliers startup start-up
conglomerate manufacturer maker operator provider subsidiary club clubs broker`)

// isNameToken reports whether toks[i] can be part of a name: a capitalised
// word that is not a date, time zone or number word.
func isNameToken(toks []token, i int) bool {
	t := toks[i]
	if !t.isWord() || !t.Cap {
		return false
	}
	if weekdays[t.Lower] || timeZones[t.Lower] || notOrgAcronyms[t.Lower] && t.allCaps() {
		return false
	}
	if months[t.Lower] > 0 && len(t.Lower) > 3 && (t.Lower != "may" && t.Lower != "march" || i == 0 || !toks[i-1].Cap) {
		return false // "March" the month; "Theresa May" the name
	}
	if i > 0 && toks[i-1].Text == "-" && !toks[i-1].SpaceBefore && !t.SpaceBefore && !(i > 1 && toks[i-2].Cap) {
		return false // "High-Stakes" keeps its head
	}
	return true
}

// nameSyllableAt reports whether toks[j] is a hyphen that joins the
// capitalised word before it to a short lower-case syllable, as in the
// given names "Seo-yeon", "Jong-un" or "Min-jae", rather than a
// compound modifier such as "Seoul-based", "Kremlin-backed" or "Afghan-born".
// Callers check that the word before the hyphen follows another name word.
func nameSyllableAt(toks []token, j int) bool {
	if j == 0 || j+1 >= len(toks) || toks[j].Text != "-" || toks[j].SpaceBefore || toks[j+1].SpaceBefore {
		return false
	}
	p, n := toks[j-1], toks[j+1]
	if !p.Cap || p.allCaps() || !n.isWord() || n.Cap || len(n.Lower) < 2 || len(n.Lower) > 4 {
		return false
	}
	for _, r := range n.Lower {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	if j+2 < len(toks) && toks[j+2].Text == "-" && !toks[j+2].SpaceBefore {
		return false // "Xi-led-style": a longer compound
	}
	return !compoundHeads[n.Lower] && !isVerbForm(n.Lower) && !isStopword(n.Lower) && !strings.HasSuffix(n.Lower, "ed")
}

// compoundHeads are the short words that end compound modifiers after a
// name: "Paris-born", "Kremlin-run", "US-wide".
var compoundHeads = toSet(`born run led made held hit bred era age wide free like long old year day week size type area zone bloc side only less rich poor owned`)

// institutionWords end the name of an institution that stands on its own
// after "and": "the Karlstad Institute of Public Health and Aalborg University".
var institutionWords = toSet(`university institute bank hospital college school agency company group council foundation museum`)

// institutionAfter reports whether the capitalised words from k name an
// institution of their own ("Aalborg University").
func institutionAfter(toks []token, k int) bool {
	e := k
	for e < len(toks) && isNameToken(toks, e) {
		e++
	}
	return e-k >= 2 && institutionWords[toks[e-1].Lower]
}

// runHasOrgSuffix reports whether toks[i:j] holds a word that ends organisation names ("Department").
func runHasOrgSuffix(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if orgWords[toks[k].Lower] && places[strings.ToLower(joinTokens(toks, i, j))] == "" {
			return true
		}
	}
	return false
}

// quotedTitle reports whether the capitalised run toks[i:j] fills a
// quotation, perhaps after "The" or "A": the title of a film, book or
// song ("The Quiet Harbour"), which names no person, organisation or place.
func quotedTitle(toks []token, i, j int) bool {
	k := i
	if k > 0 && (toks[k-1].Lower == "the" || toks[k-1].Lower == "a") {
		k--
	}
	if k == 0 || j >= len(toks) || j-i < 2 {
		return false
	}
	return isQuoteMark(toks[k-1].Text) && isQuoteMark(toks[j].Text)
}

// isQuoteMark reports whether s is a double quotation mark.
func isQuoteMark(s string) bool { return s == "\"" || s == "“" || s == "”" }

// portfolioHeads follow the capitalised portfolio of a title: "Mining
// Minister", "Housing Secretary". An opening word before them is part of
// the title even when the article writes it in lower case elsewhere.
var portfolioHeads = toSet(`minister secretary commissioner`)

// runHasOrgWord reports whether toks[i:j] holds a word that names organisations ("Agency", "Ministry").
func runHasOrgWord(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if orgWords[toks[k].Lower] || orgStarts[toks[k].Lower] {
			return true
		}
	}
	return false
}

// classifyRun splits a run of capitalised tokens [i, j) into a title and a
// name and decides whether the name is a person, an organisation or a place.
func classifyRun(out []rawEntity, s *Sentence, i, j int, nc *nameContext) []rawEntity {
	toks := s.tokens
	// A sentence opener that is an ordinary word: "Previously", "Amid", "Investigators".
	for i < j && (notNames[toks[i].Lower] || isOpener(toks, i) && j-i >= 2 && orgBefore[toks[i].Lower] || (isOpener(toks, i) && !(titleWords[toks[i].Lower] && j-i >= 2) && !(j-i >= 3 && portfolioHeads[toks[i+1].Lower]) && !(j-i >= 2 && nc.capMid[toks[i].Text]) && (nc.lowerSeen[toks[i].Lower] || strings.HasSuffix(toks[i].Lower, "ly") || j-i == 1 && !nc.capMid[toks[i].Text] && places[toks[i].Lower] == "" && demonyms[toks[i].Lower] == "" && knownOrgs[toks[i].Lower] == ""))) {
		i++
	}
	if i >= j {
		return out
	}
	full := s.Text[toks[i].Start:toks[j-1].End]
	lfull := strings.ToLower(full)
	if p, ok := places[lfull]; ok {
		return append(out, rawEntity{sent: s.Index, first: i, last: j, kind: MentionPlace, name: p})
	}
	if o, ok := knownOrgs[lfull]; ok && !(toks[i].Lower == "who" && toks[i].Text != "WHO") && !(lfull == "us" && toks[i].Text != "US") {
		return append(out, rawEntity{sent: s.Index, first: i, last: j, kind: MentionOrganization, name: o})
	}
	// Peel a title: qualifiers (places, demonyms) then title words ("U.S. President", "Secretary of State").
	k := i
	for k < j {
		l := toks[k].Lower
		if titleWords[l] || ((places[l] != "" || demonyms[l] != "") && k+1 < j && titleWords[toks[k+1].Lower]) {
			k++
			continue
		}
		if l == "of" && k > i && titleWords[toks[k-1].Lower] && k+2 < j {
			k += 2 // "Secretary of State"
			continue
		}
		if (l == "." && k > i && titleAbbreviations[toks[k-1].Lower]) || (l == "-" && k > i && k+1 < j && titleWords[toks[k+1].Lower]) {
			k++ // "Dr.", "Secretary-General"
			continue
		}
		break
	}
	if k == i {
		// A title inside the run: "Veltrane Chief Executive Marisa Okonkwo-Hale".
		for t := i + 1; t < j-1; t++ {
			if !titleWords[toks[t].Lower] || places[toks[t].Lower] != "" || orgWords[toks[t].Lower] {
				continue
			}
			e := t
			for e < j && titleWords[toks[e].Lower] {
				e++
			}
			if e < j && e-t >= 1 && (e-t >= 2 || roleNouns[toks[e-1].Lower] || toks[e-1].Lower == "executive") && !runHasOrgWord(toks, e, j) {
				k = e
			}
			break
		}
	}
	// "Chief Financial Officer Daniel Okafor": a title whose middle word is
	// no title word of its own.
	if k > i && k+3 < j+1 && k+1 < j && !titleWords[toks[k].Lower] && roleNouns[toks[k+1].Lower] && titleWords[toks[k+1].Lower] && j-(k+2) >= 2 && !runHasOrgWord(toks, k+2, j) {
		k += 2
	}
	hasTitle := false
	for m := i; m < k; m++ {
		if titleWords[toks[m].Lower] && places[toks[m].Lower] == "" {
			hasTitle = true
		}
	}
	if !hasTitle || runHasOrgWord(toks, k, j) && !orgStarts[toks[i].Lower] && k < j && (orgWords[toks[j-1].Lower]) {
		k = i // "Health Ministry", "Defence Department": a title word opens an organisation's name
	}
	role, academic := "", ""
	if k > i {
		role = joinTokens(toks, i, k)
		if honorifics[strings.ToLower(strings.TrimSuffix(role, "."))] {
			role = "" // "Mr.": a person, but no role
		} else if sp := strings.IndexByte(role, ' '); sp > 0 && honorifics[strings.ToLower(strings.TrimSuffix(role[:sp], "."))] {
			role = role[sp+1:] // "Mr Justice": "Justice"
		}
		if r := strings.ToLower(strings.TrimSuffix(role, ".")); r == "dr" || r == "prof" {
			academic, role = role, "" // kept only when the story gives no other role
		}
		for m := i; m < k; m++ {
			l := toks[m].Lower
			if p := places[l]; p != "" {
				out = append(out, rawEntity{sent: s.Index, first: m, last: m + 1, kind: MentionPlace, name: p})
			} else if p := demonyms[l]; p != "" {
				out = append(out, rawEntity{sent: s.Index, first: m, last: m + 1, kind: MentionPlace, name: p})
			}
		}
		if k == j {
			return out // a bare title: "the President"
		}
	}
	name := joinTokens(toks, k, j)
	lname := strings.ToLower(name)
	last := toks[j-1].Lower
	e := rawEntity{sent: s.Index, first: k, last: j, name: name, role: role, personal: k > i}
	prev := ""
	if k > 0 {
		prev = toks[k-1].Lower
	}
	if j-k > 1 && allDemonyms(toks, k, j) {
		return out // "Japanese-European"
	}
	switch {
	case places[lname] != "":
		e.kind, e.name = MentionPlace, places[lname]
	case demonyms[lname] != "":
		e.kind, e.name = MentionPlace, demonyms[lname]
	case knownOrgs[lname] != "" && role == "":
		e.kind, e.name = MentionOrganization, knownOrgs[lname]
	case role != "":
		e.kind = MentionPerson
	case j-k == 1 && (orgWords[last] || orgStarts[last]):
		return out // "the University", "the Department"
	case orgWords[last] || orgStarts[toks[k].Lower] && j-k > 1 || runHasOrgSuffix(toks, k, j) && j-k >= 2:
		e.kind = MentionOrganization
	case placeWords[last] && j-k > 1 && toks[j-1].SpaceBefore:
		// A place unless the story uses its first word alone for an
		// organisation: "Harwick Town" the club, "Halvik Airport" the place.
		e.kind, e.unsure, e.placeHint = MentionPlace, true, true
	case toks[k].allCaps() && j-k == 1:
		if len(toks[k].Text) > 5 {
			return out
		}
		e.kind = MentionOrganization
	case j-k > 4 || allDemonyms(toks, k, j):
		return out
	default:
		// A person, a place or an organisation: decided from evidence here and in the rest of the article.
		e.kind = MentionPerson
		e.unsure = true
		e.personal = firstNames[toks[k].Lower] && (j-k >= 2 || speechVerbs[nextLower(toks, j)] || nextLower(toks, j) == ",")
		if j < len(toks) && speechVerbs[toks[j].Lower] || j+1 < len(toks) && toks[j].Text == "," && speechVerbs[toks[j+1].Lower] {
			e.speaks = true
		}
		if k > 0 && speechVerbs[prev] && (j == len(toks) || toks[j].Kind == tokPunct) {
			e.speaks = true // '..., said John Smith.' but not 'he said Southern Water had changed'
		}
		if k > 0 && roleNouns[prev] && !toks[k-1].Cap {
			e.personal = true
		}
		e.orgHint = companyContext(toks, k, j)
		switch prev {
		case "in", "near", "at", "from", "across", "outside", "inside", "around", "into", "towards", "toward":
			// "analysts at Kellerhaus" work at an organisation, not a place.
			e.placeHint = !(k >= 2 && orgPeople[toks[k-2].Lower])
		case "of":
			// "parts of Sicily", "the capital of Freedonia".
			e.placeHint = k >= 2 && placeNouns[toks[k-2].Lower]
		case "and", "or", ",":
			// "Sicily and Sardinia": coordinated with a place.
			if n := len(out); n > 0 && out[n-1].sent == s.Index && out[n-1].last == k-1 && (out[n-1].kind == MentionPlace || out[n-1].placeHint) {
				e.placeHint = true
			}
		}
	}
	if e.kind == MentionPerson && e.role == "" {
		e.role = appositiveRole(toks, k, j)
		if e.role != "" {
			e.personal = true
		} else {
			e.role = academic
		}
	}
	return append(out, e)
}

// nextLower returns the lower-case text of toks[j], or "" past the end.
func nextLower(toks []token, j int) string {
	if j < len(toks) {
		return toks[j].Lower
	}
	return ""
}

// companyContext reports whether the words around the name at tokens
// [k, j) say it is an organisation: "shares of X", "analysts at X", "X's
// revenue", "the firm X", "X supplies", "X cut its forecast".
func companyContext(toks []token, k, j int) bool {
	if k >= 2 {
		p, pp := toks[k-1].Lower, toks[k-2].Lower
		if (p == "of" || p == "in") && (pp == "shares" || pp == "stock" || pp == "investors" || pp == "shareholders") {
			return true
		}
		if (p == "at" || p == "from" || p == "for") && orgPeople[pp] {
			return true
		}
	}
	if k >= 1 && orgBefore[toks[k-1].Lower] && !toks[k-1].Cap {
		return true
	}
	if k >= 2 && toks[k-1].Text == "," && orgBefore[toks[k-2].Lower] {
		return true // "the airport's operator, Avinor Regional,"
	}
	if j+1 < len(toks) && toks[j].Kind == tokPossessive && businessNouns[toks[j+1].Lower] {
		return true
	}
	if j+2 < len(toks) && toks[j].Kind == tokPossessive && !toks[j+1].Cap && businessNouns[toks[j+2].Lower] {
		return true // "Quorvex's cloud unit"
	}
	if j < len(toks) && businessVerbs[toks[j].Lower] {
		return true
	}
	// "X cut its forecast": a company is "it" ("said it" is no evidence:
	// people say "it was").
	if j+1 < len(toks) && isVerbLike(toks[j].Lower) && toks[j+1].Lower == "its" {
		return true
	}
	return false
}

// placeNouns before "of" make the name after it a place ("parts of Sicily").
var placeNouns = map[string]bool{
	"parts": true, "part": true, "region": true, "regions": true, "capital": true, "city": true, "town": true,
	"village": true, "province": true, "state": true, "island": true, "islands": true, "coast": true,
	"outskirts": true, "centre": true, "center": true, "north": true, "south": true, "east": true, "west": true,
	"suburbs": true, "streets": true, "people": true, "residents": true, "resident": true, "native": true, "citizens": true, "area": true,
	"areas": true, "county": true, "district": true, "port": true, "mayor": true, "governor": true,
}

// honorifics are titles that say nothing of a person's role.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "sir": true, "dame": true, "madam": true}

// allDemonyms reports whether toks[k:j] are demonyms joined by hyphens ("Japanese-European").
func allDemonyms(toks []token, k, j int) bool {
	for m := k; m < j; m++ {
		if toks[m].isWord() && demonyms[toks[m].Lower] == "" {
			return false
		}
	}
	return true
}

// isOpener reports whether toks[i] opens its sentence or a quotation.
func isOpener(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	switch toks[i-1].Text {
	case "\"", "“", "'", "‘", ":", "(", "—", "–":
		return true
	}
	return false
}

// rankingLeaders make "leader" a company's rank rather than a person's
// role: "market leader", "industry leader".
var rankingLeaders = toSet(`market industry sector segment category price technology`)

// appositiveRole finds a role written beside a name: "Trump's Middle East
// envoy, Steve Witkoff", "envoy Steve Witkoff", "Steve Witkoff, the US envoy,".
func appositiveRole(toks []token, k, j int) string {
	// Before: "X's Middle East envoy, NAME" or "envoy NAME".
	e := k
	if e > 0 && toks[e-1].Text == "," {
		e--
	}
	if e > 1 && toks[e-1].Lower == "leader" && rankingLeaders[toks[e-2].Lower] {
		e = 0 // "the market leader, Nordvik": a company's rank, not a person's role
	}
	if e > 0 && roleNouns[toks[e-1].Lower] && !toks[e-1].Cap || e > 0 && e < k && roleNouns[toks[e-1].Lower] {
		b := e - 1
		for b > 0 {
			t := toks[b-1]
			if t.Kind == tokPossessive || (t.isWord() && (t.Cap || !npStop[t.Lower]) && !notNames[t.Lower] && !speechVerbs[t.Lower] && !isPastVerb(t.Lower) && !(strings.HasSuffix(t.Lower, "ing") && toks[b].Text != "-") && !(isVerbLike(t.Lower) && !roleNouns[t.Lower] && !t.Cap && !strings.HasSuffix(t.Lower, "s'"))) {
				b--
				continue
			}
			if t.Text == "-" && !t.SpaceBefore {
				b--
				continue
			}
			if t.Kind == tokNumber && toks[b].Text == "-" && !toks[b].SpaceBefore {
				b-- // "the 22-year-old forward"
			}
			break
		}
		if e-b <= 7 {
			return joinTokens(toks, b, e)
		}
	}
	// After: "NAME, who heads the emergency department at ...," / "NAME, who is the club's captain,".
	if j+2 < len(toks) && toks[j].Text == "," && toks[j+1].Lower == "who" {
		b := j + 2
		switch toks[b].Lower {
		case "heads", "leads", "runs", "chairs", "directs", "manages", "founded", "co-founded", "coaches", "represents", "advises":
		case "is", "was":
			b++
			for b < len(toks) && (toks[b].Lower == "the" || toks[b].Lower == "a" || toks[b].Lower == "an") {
				b++
			}
		default:
			b = -1
		}
		if b > 0 && b < len(toks) {
			e := b
			for e < len(toks) && e-b < 12 && toks[e].Text != "," && toks[e].Text != "." && toks[e].Text != ";" {
				e++
			}
			if e > b && toks[j+2].Lower != "is" && toks[j+2].Lower != "was" {
				return joinTokens(toks, j+2, e) // "heads the emergency department"
			}
			if e > b && containsRoleNoun(toks[b:e]) {
				return joinTokens(toks, b, e) // "who is the club's captain": "club's captain"
			}
		}
	}
	// After: "NAME, the US envoy," / "NAME, a portfolio manager at Nordvik Asset Management,".
	if j+1 < len(toks) && toks[j].Text == "," {
		b := j + 1
		for b < len(toks) && (toks[b].Lower == "the" || toks[b].Lower == "a" || toks[b].Lower == "an") {
			b++
		}
		e := b
		for e < len(toks) && e-b < 12 {
			t := toks[e]
			if t.isWord() && npStop[t.Lower] && !roleLinks[t.Lower] || isPastVerb(t.Lower) && !t.Cap {
				break
			}
			if !t.isWord() && t.Kind != tokPossessive && t.Text != "-" && t.Kind != tokNumber {
				break
			}
			e++
		}
		if e > b && (e == len(toks) || toks[e].Text == "," || toks[e].Text == "." || toks[e].Text == ";") {
			for m := b; m < e; m++ {
				if roleNouns[toks[m].Lower] {
					return joinTokens(toks, b, e)
				}
			}
		}
	}
	return ""
}

func containsRoleNoun(toks []token) bool {
	for _, t := range toks {
		if roleNouns[t.Lower] {
			return true
		}
	}
	return false
}

// roleLinks may join the words of a role: "head of global health", "manager at Nordvik".
var roleLinks = map[string]bool{"of": true, "at": true, "for": true, "on": true, "in": true, "the": true, "and": true}

// lowerOrgs finds organisations named by a lower-case head after a
// capitalised or hyphenated qualifier: "the Qatari foreign ministry",
// "the Hamas-led health ministry".
func lowerOrgs(out []rawEntity, s *Sentence) []rawEntity {
	toks := s.tokens
	for h := 1; h < len(toks); h++ {
		if !orgHeads[toks[h].Lower] || toks[h].Cap || modifiesNoun(toks, h) {
			continue
		}
		b := h
		for b > 0 && h-b < 4 {
			t := toks[b-1]
			if t.isWord() && !npStop[t.Lower] && !t.Cap && !strings.HasSuffix(t.Lower, "ed") || t.Lower == "led" || t.Lower == "backed" || t.Lower == "run" {
				b--
				continue
			}
			if t.Text == "-" && !t.SpaceBefore {
				b--
				continue
			}
			if t.isWord() && t.Cap && (demonyms[t.Lower] != "" || places[t.Lower] != "" || knownOrgs[t.Lower] != "") {
				b--
				continue
			}
			if t.Kind == tokPossessive && b >= 2 && toks[b-2].Cap {
				// "Italy's health ministry", "the European Union's executive commission".
				c := b - 2
				for c > 0 && b-1-c < 3 && toks[c-1].Cap && toks[c-1].isWord() {
					c--
				}
				for ; c < b-1; c++ {
					if n := strings.ToLower(joinTokens(toks, c, b-1)); places[n] != "" || knownOrgs[n] != "" {
						break
					}
				}
				if c < b-1 {
					b = c
					continue
				}
			}
			break
		}
		// The name starts at its capitalised qualifier: "destroy Hamas' military" is not a name.
		for b < h && !toks[b].Cap {
			b++
		}
		qualified := false
		for m := b; m < h; m++ {
			if toks[m].Cap || toks[m].Lower == "led" || toks[m].Lower == "backed" {
				qualified = true
			}
		}
		if !qualified || b == h {
			continue
		}
		out = append(out, rawEntity{sent: s.Index, first: b, last: h + 1, kind: MentionOrganization, name: joinTokens(toks, b, h+1)})
	}
	return out
}

// modifiesNoun reports whether the word at h modifies a noun after it
// rather than heading its phrase: "military objectives", "military and
// government capabilities".
func modifiesNoun(toks []token, h int) bool {
	k := h + 1
	if k+1 < len(toks) && (toks[k].Lower == "and" || toks[k].Lower == "or") {
		k += 2
	}
	if k >= len(toks) || !toks[k].isWord() || toks[k].Cap {
		return false
	}
	w := toks[k].Lower
	return !npStop[w] && !isPastVerb(w) && !speechVerbs[w] && !actionAux[w] && !strings.HasSuffix(w, "ly")
}

// entityGroup is one entity with all its mentions.
type entityGroup struct {
	Entity
	kind    MentionKind
	first   int      // first sentence
	names   []string // the forms the story uses, once each
	members []int    // indexes into the raw mentions
}

// mergeEntities merges the raw mentions of an article into entities:
// aliases ("Trump" = "Donald Trump"), roles, mention counts. Names that
// might be people, places or organisations are decided by the evidence of
// all their mentions; lone words with no evidence are dropped. It returns
// the groups and, for each raw mention, its group or -1.
func mergeEntities(raw []rawEntity) ([]*entityGroup, []int) {
	assign := make([]int, len(raw))
	for i := range assign {
		assign[i] = -1
	}
	var groups []*entityGroup
	byName := map[string]int{}
	byWord := map[string][]int{} // the groups whose name has a word, in creation order
	// Longest names first, so surnames find their full name.
	order := make([]int, len(raw))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return strings.Count(raw[order[a]].name, " ") > strings.Count(raw[order[b]].name, " ")
	})
	group := func(kind MentionKind, name string, sent int) int {
		key := kind.String() + "|" + strings.ToLower(name)
		if gi, ok := byName[key]; ok {
			return gi
		}
		groups = append(groups, &entityGroup{Entity: Entity{Name: name, Aliases: []string{}}, kind: kind, first: sent})
		byName[key] = len(groups) - 1
		for _, w := range strings.Fields(name) {
			if l := byWord[w]; len(l) == 0 || l[len(l)-1] != len(groups)-1 {
				byWord[w] = append(l, len(groups)-1)
			}
		}
		return len(groups) - 1
	}
	// Evidence about unsure names, gathered over all their mentions.
	type evidence struct{ personal, speaks, place, org, count int }
	ev := map[string]*evidence{}
	for _, r := range raw {
		if !r.unsure {
			continue
		}
		e := ev[r.name]
		if e == nil {
			e = &evidence{}
			ev[r.name] = e
		}
		e.count++
		if r.personal {
			e.personal++
		}
		if r.speaks {
			e.speaks++
		}
		if r.placeHint {
			e.place++
		}
		if r.orgHint {
			e.org++
		}
	}
	// A surname said to speak is evidence for the full name: "Brekke said"
	// for "Jonas Brekke", unless the word also names an organisation.
	orgWordsSeen := map[string]bool{}
	for _, r := range raw {
		if !r.unsure && r.kind == MentionOrganization {
			for _, w := range strings.Fields(r.name) {
				orgWordsSeen[w] = true
			}
		}
	}
	// A two- or three-word name written once in full whose last word the
	// story also uses alone is a person named by surname ("Darren Pryce" ...
	// "Pryce"); one whose
	// first word it uses alone is an organisation ("Quorvex Systems" ...
	// "Quorvex"), as is a lone word some mention of a longer name says is one.
	var orgFirst []string
	for name, e := range ev {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 || strings.Count(name, " ") > 2 {
			continue
		}
		first, _, _ := strings.Cut(name, " ")
		if lone := ev[first]; lone != nil && ev[name[i+1:]] == nil && e.personal == 0 && lone.personal == 0 && (lone.count >= 2 || lone.org > 0) && !firstNames[strings.ToLower(first)] {
			orgFirst = append(orgFirst, name, first)
		}
	}
	for _, name := range orgFirst {
		ev[name].org++
	}
	for name, e := range ev {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 || strings.Count(name, " ") > 2 {
			continue
		}
		last := name[i+1:]
		if first, _, _ := strings.Cut(name, " "); ordinalWords[strings.ToLower(first)] != 0 {
			continue // "Eleventh Doctor": an ordinal makes a title, not a given name
		}
		if lone := ev[last]; lone != nil && !orgWordsSeen[last] && lone.org == 0 && lone.place*2 < lone.count && (lone.personal+lone.speaks > 0 || e.org == 0 && e.count == 1) {
			e.personal++
		}
	}
	var deferred []int
	orgLike := func(r rawEntity) bool {
		e := ev[r.name]
		return r.unsure && e.org > 0 && e.personal == 0
	}
	for _, ri := range order {
		r := raw[ri]
		if r.kind == MentionPerson && !orgLike(r) {
			if gi := findAlias(groups, byWord, r.name, MentionPerson); gi >= 0 {
				assign[ri] = gi
				continue
			}
		}
		if r.unsure {
			deferred = append(deferred, ri)
			continue
		}
		assign[ri] = group(r.kind, r.name, r.sent)
	}
	for _, ri := range deferred {
		r := raw[ri]
		if gi := findAlias(groups, byWord, r.name, MentionPerson); gi >= 0 && !orgLike(r) {
			assign[ri] = gi
			continue
		}
		e := ev[r.name]
		multi := strings.Contains(r.name, " ")
		if !multi || orgLike(r) {
			if gi := findAlias(groups, byWord, r.name, MentionOrganization); gi >= 0 {
				assign[ri] = gi // "Genorex" for "Genorex AG"
				continue
			}
		}
		switch {
		case e.org > 0 && e.personal == 0:
			assign[ri] = group(MentionOrganization, r.name, r.sent)
		case e.personal > 0 || e.speaks > 0 && multi:
			assign[ri] = group(MentionPerson, r.name, r.sent)
		case e.speaks > 0 && e.place == 0:
			// A lone word that speaks but never appears with a given name is,
			// in news writing, an organisation: "Ofwat said".
			assign[ri] = group(MentionOrganization, r.name, r.sent)
		case e.place > 0 && e.place*2 >= e.count:
			assign[ri] = group(MentionPlace, r.name, r.sent)
		case multi && e.count >= 2:
			assign[ri] = group(MentionOrganization, r.name, r.sent)
		}
	}
	for ri, gi := range assign {
		if gi < 0 {
			continue
		}
		g := groups[gi]
		r := raw[ri]
		g.Mentions++
		g.members = append(g.members, ri)
		if r.sent < g.first {
			g.first = r.sent
		}
		if !slices.Contains(g.names, r.name) {
			g.names = append(g.names, r.name)
		}
		if r.role != "" && (g.Role == "" || len(r.role) > len(g.Role) && !strings.Contains(r.role, g.Name)) {
			g.Role = r.role
		}
	}
	for _, g := range groups {
		for _, n := range g.names {
			if n != g.Name {
				g.Aliases = append(g.Aliases, n)
			}
		}
		sort.Strings(g.Aliases)
	}
	return groups, assign
}

// findAlias returns the first group of the kind whose name contains name
// as whole words ("Trump" in "Donald Trump"), or -1. byWord indexes the
// groups by the words of their names.
func findAlias(groups []*entityGroup, byWord map[string][]int, name string, kind MentionKind) int {
	first, _, _ := strings.Cut(name, " ")
	for _, gi := range byWord[first] {
		if g := groups[gi]; g.kind == kind && containsWords(g.Name, name) {
			return gi
		}
	}
	return -1
}

// containsWords reports whether short appears in long as a run of whole words.
func containsWords(long, short string) bool {
	i := strings.Index(long, short)
	for i >= 0 {
		end := i + len(short)
		if (i == 0 || long[i-1] == ' ') && (end == len(long) || long[end] == ' ') {
			return true
		}
		n := strings.Index(long[i+1:], short)
		if n < 0 {
			break
		}
		i += 1 + n
	}
	return false
}

// actionVerbsAux may start an action although they end noun phrases.
var actionAux = map[string]bool{
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"will": true, "would": true, "could": true, "said": true, "says": true, "told": true, "did": true,
}

// entityAction returns what a sentence says the entity mentioned at
// tokens [first, last) said or did, or "": the clause that follows the
// mention when it starts with a verb ("arrived at the White House...").
func entityAction(s *Sentence, first, last int, place bool) string {
	toks := s.tokens
	j := last
	if j < len(toks) && toks[j].Kind == tokPossessive {
		return ""
	}
	// Another subject joined by "and": "Donald Trump and Israeli Prime Minister Benjamin Netanyahu met".
	if !place && j+1 < len(toks) && toks[j].Lower == "and" && toks[j+1].Cap {
		k := j + 1
		for k < len(toks) && k-j < 9 && (toks[k].Cap || toks[k].Kind == tokPossessive || toks[k].Text == "." || toks[k].Text == "-") {
			k++
		}
		j = k
	}
	// Skip an apposition: ", the US envoy,".
	if j < len(toks) && toks[j].Text == "," {
		k := j + 1
		for k < len(toks) && k-j < 10 && toks[k].Text != "," {
			k++
		}
		if k < len(toks) && toks[k].Text == "," && k-j < 10 {
			j = k + 1
		} else {
			return ""
		}
	}
	// Skip the rest of a noun phrase: "Qatari [delegation] held", "[foreign ministry] stated".
	np := j
	for n := 0; n < 3 && j < len(toks) && toks[j].isWord() && !toks[j].Cap && !npStop[toks[j].Lower] && !isVerbLike(toks[j].Lower); n++ {
		j++
	}
	if place && (j == np || !groupNouns[toks[j-1].Lower]) {
		return "" // a place acts only through a group: "a Qatari delegation held talks"
	}
	if j >= len(toks) || !toks[j].isWord() || toks[j].Cap {
		return ""
	}
	// Adverbs before the verb: "later commented".
	k := j
	for k < len(toks) && strings.HasSuffix(toks[k].Lower, "ly") || k < len(toks) && (toks[k].Lower == "later" || toks[k].Lower == "also" || toks[k].Lower == "then") {
		k++
	}
	if k >= len(toks) || !(isVerbLike(toks[k].Lower) || actionAux[toks[k].Lower]) {
		return ""
	}
	e := j
	words := 0
	const maxWords = 32
	for e < len(toks) && words < maxWords {
		t := toks[e]
		if t.Text == ";" || t.Text == "." && e == len(toks)-1 {
			break
		}
		if t.Text == "," && e+1 < len(toks) && (toks[e+1].Lower == "which" || toks[e+1].Lower == "while" || toks[e+1].Lower == "but" || toks[e+1].Lower == "although" || toks[e+1].Lower == "as" || toks[e+1].Lower == "after" || toks[e+1].Lower == "according") {
			break
		}
		if t.isWord() || t.Kind == tokNumber {
			words++
		}
		e++
	}
	for e > j && (toks[e-1].Kind == tokPunct && toks[e-1].Text != ")" && toks[e-1].Text != "\"" && toks[e-1].Text != "”") {
		e--
	}
	if e-j < 3 {
		return "" // "told reporters" says nothing
	}
	if words == maxWords && e < len(toks)-1 {
		// Cut at the last comma, or mark the cut.
		for c := e - 1; c > j+12; c-- {
			if toks[c].Text == "," {
				return strings.TrimSpace(s.Text[toks[j].Start:toks[c-1].End])
			}
		}
		return strings.TrimSpace(s.Text[toks[j].Start:toks[e-1].End]) + "…"
	}
	return strings.TrimSpace(s.Text[toks[j].Start:toks[e-1].End])
}

// groupNouns let a place act through people: "a Qatari delegation held talks".
var groupNouns = map[string]bool{
	"delegation": true, "officials": true, "government": true, "forces": true, "troops": true, "source": true,
	"sources": true, "ministry": true, "police": true, "army": true, "authorities": true, "team": true,
	"side": true, "delegates": true, "negotiators": true, "leaders": true, "diplomats": true, "military": true,
	"navy": true, "envoy": true, "embassy": true, "regulators": true, "prosecutors": true, "voters": true,
}

// isVerbLike guesses whether a lower-case word is a verb in the past or
// third person ("met", "arrived", "says") or a speech verb.
func isVerbLike(w string) bool {
	if speechVerbs[w] || actionAux[w] {
		return true
	}
	switch w {
	case "met", "held", "made", "took", "led", "won", "lost", "gave", "went", "came", "saw", "left",
		"began", "became", "ran", "sent", "spoke", "wrote", "hit", "set", "put", "struck", "fled", "fell",
		"rose", "paid", "sold", "bought", "built", "brought", "sought", "fought", "told", "met.", "beat":
		return true
	}
	if len(w) > 4 && strings.HasSuffix(w, "ed") {
		return true
	}
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") && !strings.HasSuffix(w, "ics") {
		return true
	}
	return false
}
