package briefing

import (
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
	// evidence that a lone capitalised word is a person: a title, a speech verb.
	personal bool
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
func findEntities(s *Sentence, lowerSeen map[string]bool) []rawEntity {
	toks := s.tokens
	var out []rawEntity
	for i := 0; i < len(toks); {
		if !isNameToken(toks, i) {
			// Lower-case organisation phrases: "the Qatari foreign ministry" is
			// handled with its capitalised part below; "the health ministry" here.
			i++
			continue
		}
		j := i
		for j < len(toks) {
			if isNameToken(toks, j) {
				j++
				continue
			}
			// Connectors inside names: "Bank of England", "bin Salman", "Al-Thani".
			if j+1 < len(toks) && isNameToken(toks, j+1) && (toks[j].Lower == "of" || toks[j].Lower == "bin" || toks[j].Lower == "al" || toks[j].Lower == "de" || toks[j].Lower == "van" || toks[j].Lower == "von" || toks[j].Lower == "da" || toks[j].Lower == "del" || toks[j].Lower == "la" || toks[j].Lower == "le" || toks[j].Lower == "ibn") && toks[j].SpaceBefore {
				if toks[j].Lower == "of" && !orgWords[toks[j-1].Lower] && !titleWords[toks[j-1].Lower] {
					break
				}
				j += 2
				continue
			}
			if toks[j].Text == "-" && !toks[j].SpaceBefore && j+1 < len(toks) && !toks[j+1].SpaceBefore && toks[j+1].Cap {
				j += 2
				continue
			}
			break
		}
		out = append(out, classifyRun(s, i, j, lowerSeen)...)
		i = j
	}
	out = append(out, lowerOrgs(s)...)
	return out
}

// isNameToken reports whether toks[i] can be part of a name: a capitalised
// word that is not a date, time zone or number word.
func isNameToken(toks []token, i int) bool {
	t := toks[i]
	if !t.isWord() || !t.Cap {
		return false
	}
	if weekdays[t.Lower] || timeZones[t.Lower] || (months[t.Lower] > 0 && len(t.Lower) > 3 && t.Lower != "may" && t.Lower != "march") {
		return false
	}
	if i > 0 && toks[i-1].Text == "-" && !toks[i-1].SpaceBefore && !t.SpaceBefore && !(i > 1 && toks[i-2].Cap) {
		return false // "High-Stakes" keeps its head
	}
	return true
}

// classifyRun splits a run of capitalised tokens [i, j) into a title and a
// name and decides whether the name is a person, an organisation or a place.
func classifyRun(s *Sentence, i, j int, lowerSeen map[string]bool) []rawEntity {
	toks := s.tokens
	// A sentence opener that is an ordinary word: "Previously", "Amid".
	for i < j && (notNames[toks[i].Lower] || (isOpener(toks, i) && (lowerSeen[toks[i].Lower] || strings.HasSuffix(toks[i].Lower, "ly")))) {
		i++
	}
	if i >= j {
		return nil
	}
	var out []rawEntity
	full := joinTokens(toks, i, j)
	lfull := strings.ToLower(full)
	if p, ok := places[lfull]; ok {
		return []rawEntity{{sent: s.Index, first: i, last: j, kind: MentionPlace, name: p}}
	}
	if o, ok := knownOrgs[lfull]; ok && !(toks[i].Lower == "who" && toks[i].Text != "WHO") && !(lfull == "us" && toks[i].Text != "US") {
		return []rawEntity{{sent: s.Index, first: i, last: j, kind: MentionOrganization, name: o}}
	}
	// Peel a title: qualifiers (places, demonyms) then title words.
	k := i
	for k < j {
		l := toks[k].Lower
		if titleWords[l] || ((places[l] != "" || demonyms[l] != "") && k+1 < j && titleWords[toks[k+1].Lower]) {
			k++
			continue
		}
		break
	}
	// A title needs a title word, not only qualifiers; "Israeli" alone qualifies nothing.
	hasTitle := false
	for m := i; m < k; m++ {
		if titleWords[toks[m].Lower] && places[toks[m].Lower] == "" {
			hasTitle = true
		}
	}
	if !hasTitle {
		k = i
	}
	role := ""
	if k > i {
		role = joinTokens(toks, i, k)
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
	e := rawEntity{sent: s.Index, first: k, last: j, name: name, role: role, personal: role != ""}
	switch {
	case places[lname] != "":
		e.kind, e.name = MentionPlace, places[lname]
	case demonyms[lname] != "":
		e.kind, e.name = MentionPlace, demonyms[lname]
	case knownOrgs[lname] != "" && role == "":
		e.kind, e.name = MentionOrganization, knownOrgs[lname]
	case role != "":
		e.kind = MentionPerson
	case orgWords[last] || orgWords[toks[k].Lower] && j-k > 1:
		e.kind = MentionOrganization
	case toks[k].allCaps() && j-k == 1:
		if len(toks[k].Text) <= 5 {
			e.kind = MentionOrganization
		} else {
			return out
		}
	case j-k >= 2:
		// Several capitalised words: a person unless a place word ends them.
		if places[strings.ToLower(joinTokens(toks, j-2, j))] != "" || places[strings.ToLower(toks[k].Text)] != "" && j-k == 2 && (last == "city" || last == "province" || last == "region" || last == "state" || last == "county" || last == "street" || last == "square") {
			e.kind = MentionPlace
		} else if j-k > 4 {
			return out
		} else {
			e.kind = MentionPerson
		}
	default:
		e.kind = MentionPerson // a lone word: kept only with evidence, see mergeEntities
		if j < len(toks) && speechVerbs[toks[j].Lower] {
			e.personal = true
		}
		if j+1 < len(toks) && toks[j].Text == "," && speechVerbs[toks[j+1].Lower] {
			e.personal = true
		}
		if k > 0 && speechVerbs[toks[k-1].Lower] {
			e.personal = true
		}
	}
	if e.kind == MentionPerson && e.role == "" {
		e.role = appositiveRole(toks, k, j)
		if e.role != "" {
			e.personal = true
		}
	}
	return append(out, e)
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

// appositiveRole finds a role written beside a name: "Trump's Middle East
// envoy, Steve Witkoff", "envoy Steve Witkoff", "Steve Witkoff, the US envoy,".
func appositiveRole(toks []token, k, j int) string {
	// Before: "X's Middle East envoy, NAME" or "envoy NAME".
	e := k
	if e > 0 && toks[e-1].Text == "," {
		e--
	}
	if e > 0 && roleNouns[toks[e-1].Lower] && !toks[e-1].Cap || e > 0 && e < k && roleNouns[toks[e-1].Lower] {
		b := e - 1
		for b > 0 {
			t := toks[b-1]
			if t.Kind == tokPossessive || (t.isWord() && (t.Cap || !npStop[t.Lower]) && !notNames[t.Lower] && !speechVerbs[t.Lower] && !strings.HasSuffix(t.Lower, "ed")) {
				b--
				continue
			}
			if t.Text == "-" && !t.SpaceBefore {
				b--
				continue
			}
			break
		}
		if e-b <= 7 {
			return joinTokens(toks, b, e)
		}
	}
	// After: "NAME, the US envoy," / "NAME, Hamas's political chief,".
	if j+1 < len(toks) && toks[j].Text == "," {
		b := j + 1
		for b < len(toks) && (toks[b].Lower == "the" || toks[b].Lower == "a" || toks[b].Lower == "an") {
			b++
		}
		e := b
		for e < len(toks) && e-b < 8 && (toks[e].isWord() || toks[e].Kind == tokPossessive || toks[e].Text == "-") && !(toks[e].isWord() && npStop[toks[e].Lower] && toks[e].Lower != "of") {
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

// lowerOrgs finds organisations named by a lower-case head after a
// capitalised or hyphenated qualifier: "the Qatari foreign ministry",
// "the Hamas-led health ministry".
func lowerOrgs(s *Sentence) []rawEntity {
	toks := s.tokens
	var out []rawEntity
	for h := 1; h < len(toks); h++ {
		if !orgHeads[toks[h].Lower] || toks[h].Cap {
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
			break
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

// entityGroup is one entity with all its mentions.
type entityGroup struct {
	Entity
	kind    MentionKind
	first   int // first sentence
	names   map[string]bool
	members []int // indexes into the raw mentions
}

// mergeEntities merges the raw mentions of an article into entities:
// aliases ("Trump" = "Donald Trump"), roles, mention counts. Lone words
// with no evidence of being people are dropped. It returns the groups and,
// for each raw mention, its group or -1.
func mergeEntities(raw []rawEntity) ([]*entityGroup, []int) {
	assign := make([]int, len(raw))
	for i := range assign {
		assign[i] = -1
	}
	var groups []*entityGroup
	byName := map[string]int{}
	// Longest person names first, so surnames find their full name.
	order := make([]int, len(raw))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := raw[order[a]], raw[order[b]]
		return strings.Count(ra.name, " ") > strings.Count(rb.name, " ")
	})
	newGroup := func(r rawEntity) int {
		g := &entityGroup{Entity: Entity{Name: r.name, Aliases: []string{}}, kind: r.kind, first: r.sent, names: map[string]bool{}}
		groups = append(groups, g)
		return len(groups) - 1
	}
	for _, ri := range order {
		r := raw[ri]
		key := r.kind.String() + "|" + strings.ToLower(r.name)
		if gi, ok := byName[key]; ok {
			assign[ri] = gi
			continue
		}
		gi := -1
		if r.kind == MentionPerson {
			gi = findPersonAlias(groups, r.name)
			if gi < 0 && !strings.Contains(r.name, " ") && !r.personal && r.role == "" {
				continue // a lone word with no evidence it is a person
			}
		}
		if gi < 0 {
			gi = newGroup(r)
		}
		byName[key] = gi
		assign[ri] = gi
	}
	// Lone-word mentions left unassigned may still match a person found later in order.
	for ri, r := range raw {
		if assign[ri] >= 0 || r.kind != MentionPerson {
			continue
		}
		if gi := findPersonAlias(groups, r.name); gi >= 0 {
			assign[ri] = gi
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
		g.names[r.name] = true
		if r.role != "" && (g.Role == "" || len(r.role) > len(g.Role) && !strings.Contains(r.role, g.Name)) {
			g.Role = r.role
		}
	}
	for _, g := range groups {
		for n := range g.names {
			if n != g.Name {
				g.Aliases = append(g.Aliases, n)
			}
		}
		sort.Strings(g.Aliases)
	}
	return groups, assign
}

// findPersonAlias returns the person group whose name contains name as
// whole words ("Trump" in "Donald Trump"), or -1.
func findPersonAlias(groups []*entityGroup, name string) int {
	for gi, g := range groups {
		if g.kind != MentionPerson {
			continue
		}
		if g.Name == name || containsWords(g.Name, name) {
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
func entityAction(s *Sentence, first, last int) string {
	toks := s.tokens
	j := last
	if j < len(toks) && toks[j].Kind == tokPossessive {
		return ""
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
	for n := 0; n < 3 && j < len(toks) && toks[j].isWord() && !toks[j].Cap && !npStop[toks[j].Lower] && !isVerbLike(toks[j].Lower); n++ {
		j++
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
	for e < len(toks) && words < 24 {
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
	if e-j < 2 {
		return ""
	}
	return strings.TrimSpace(s.Text[toks[j].Start:toks[e-1].End])
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
