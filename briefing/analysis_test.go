package briefing

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// findFigure returns the first figure with the value (and unit, when given), or nil.
func findFigure(figs []Figure, value float64, unit string) *Figure {
	for i := range figs {
		if near(figs[i].Value, value) && (unit == "" || figs[i].Unit == unit) {
			return &figs[i]
		}
	}
	return nil
}

func findEntity(list []Entity, name string) *Entity {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

// TestSampleFigures checks the key figures the sample article must yield.
func TestSampleFigures(t *testing.T) {
	an := Analyze(loadTestArticle(t, "testdata/gaza-ceasefire-talks.txt"))
	tests := []struct {
		value       float64
		unit        string
		hedge       string
		label       string // a substring of the label
		attribution string // a substring of the attribution
	}{
		{60, "days", "", "ceasefire", ""},
		{10, "people", "", "living hostages", ""},
		{9, "", "", "bodies", ""},
		{1200, "people", "approximately", "Israeli deaths", ""},
		{251, "people", "", "hostages taken on October 7, 2023", ""},
		{57500, "", "upwards of", "fatalities in Gaza", "Hamas-led health ministry"},
		{4, "", "", "from four to one", ""},
		{2, "hours", "", "meeting", ""},
		{24, "hours", "", "", ""},
	}
	for _, tt := range tests {
		f := findFigure(an.Figures, tt.value, tt.unit)
		if f == nil {
			t.Errorf("no figure with value %v in %+v", tt.value, an.Figures)
			continue
		}
		if tt.unit != "" && f.Unit != tt.unit {
			t.Errorf("figure %v: unit %q, want %q", tt.value, f.Unit, tt.unit)
		}
		if f.Hedge != tt.hedge {
			t.Errorf("figure %v: hedge %q, want %q", tt.value, f.Hedge, tt.hedge)
		}
		if !strings.Contains(f.Label, tt.label) {
			t.Errorf("figure %v: label %q, want it to contain %q", tt.value, f.Label, tt.label)
		}
		if !strings.Contains(f.Attribution, tt.attribution) || tt.attribution == "" && f.Attribution != "" {
			t.Errorf("figure %v: attribution %q, want %q", tt.value, f.Attribution, tt.attribution)
		}
	}
	// Dates and clock times are the timeline, not figures.
	for _, f := range an.Figures {
		for _, bad := range []string{"2023", "17:00", "21:00", "7"} {
			if f.Text == bad {
				t.Errorf("date or time %q listed as a figure", bad)
			}
		}
	}
	var timeline []string
	for _, m := range an.Timeline {
		timeline = append(timeline, m.Text)
	}
	for _, want := range []string{"October 7, 2023", "Tuesday evening", "17:00 EST", "21:00 GMT", "Monday"} {
		if !strings.Contains(strings.Join(timeline, "|"), want) {
			t.Errorf("timeline %q lacks %q", timeline, want)
		}
	}
	// The casualty figures outrank the ordinals.
	rank := func(v float64) int {
		for i, f := range an.Figures {
			if near(f.Value, v) {
				return i
			}
		}
		return len(an.Figures)
	}
	if rank(57500) > 3 || rank(1200) > 3 || rank(251) > 4 {
		t.Errorf("casualty figures ranked low: %+v", an.Figures)
	}
	if third := rank(3); third < rank(60) {
		t.Errorf("the ordinal 'third' outranks the 60-day ceasefire")
	}
}

// TestSampleWho checks the people, organisations and places of the sample.
func TestSampleWho(t *testing.T) {
	w := Analyze(loadTestArticle(t, "testdata/gaza-ceasefire-talks.txt")).Who
	people := []struct{ name, role, alias string }{
		{"Donald Trump", "President", "Trump"},
		{"Benjamin Netanyahu", "Israeli Prime Minister", "Netanyahu"},
		{"Steve Witkoff", "Trump's Middle East envoy", ""},
		{"JD Vance", "Vice President", ""},
	}
	for _, p := range people {
		e := findEntity(w.People, p.name)
		if e == nil {
			t.Errorf("person %q missing from %+v", p.name, w.People)
			continue
		}
		if !strings.Contains(e.Role, p.role) {
			t.Errorf("%s: role %q, want %q", p.name, e.Role, p.role)
		}
		if p.alias != "" && !strings.Contains(strings.Join(e.Aliases, "|"), p.alias) {
			t.Errorf("%s: aliases %q lack %q", p.name, e.Aliases, p.alias)
		}
	}
	if len(w.People) != len(people) {
		t.Errorf("people = %+v, want exactly %d", w.People, len(people))
	}
	if e := findEntity(w.People, "Donald Trump"); e != nil && e.Mentions < 5 {
		t.Errorf("Trump mentioned %d times, want his aliases merged (at least 5)", e.Mentions)
	}
	for _, o := range []string{"Hamas", "White House", "Qatari foreign ministry"} {
		if findEntity(w.Organizations, o) == nil {
			t.Errorf("organisation %q missing from %+v", o, w.Organizations)
		}
	}
	if len(w.Organizations) != 4 {
		t.Errorf("organisations = %+v, want Hamas, the White House and the two ministries", w.Organizations)
	}
	for _, p := range []string{"Gaza", "Israel", "Qatar"} {
		if findEntity(w.Places, p) == nil {
			t.Errorf("place %q missing from %+v", p, w.Places)
		}
	}
	if e := findEntity(w.People, "Benjamin Netanyahu"); e != nil && !strings.Contains(strings.Join(e.Actions, "|"), "finish the job in Gaza") {
		t.Errorf("Netanyahu's actions %q lack his quotation", e.Actions)
	}
	if e := findEntity(w.Organizations, "Qatari foreign ministry"); e == nil || len(e.Actions) == 0 || !strings.HasPrefix(e.Actions[0], "stated that more time") {
		t.Errorf("the Qatari foreign ministry's actions: %+v", e)
	}
	if e := findEntity(w.Places, "Qatar"); e == nil || len(e.Actions) == 0 || !strings.HasPrefix(e.Actions[0], "held talks at the White House") {
		t.Errorf("Qatar's actions: %+v", e)
	}
}

// TestSampleBrief checks the sample's brief: headline, 3 to 5 bullets, the
// key numbers and people, under 1,000 characters.
func TestSampleBrief(t *testing.T) {
	b := Analyze(loadTestArticle(t, "testdata/gaza-ceasefire-talks.txt")).Brief
	if b.Headline != "Trump and Netanyahu Discuss Gaza Ceasefire in High-Stakes Talks" {
		t.Errorf("headline %q", b.Headline)
	}
	all := strings.Join(b.Bullets, "\n")
	for _, want := range []string{"ceasefire", "57,500", "Netanyahu", "Trump", "Hamas"} {
		if !strings.Contains(all, want) {
			t.Errorf("brief lacks %q:\n%s", want, all)
		}
	}
	if n := briefLen(b); n > maxBriefChars {
		t.Errorf("brief is %d characters", n)
	}
}

// TestReadSampleShape checks the plain-text shape: lede, headline, repeated headline, standfirst.
func TestReadSampleShape(t *testing.T) {
	a := loadTestArticle(t, "testdata/gaza-ceasefire-talks.txt")
	if !strings.HasPrefix(a.Lede, "In an urgent bid") {
		t.Errorf("lede %q", a.Lede)
	}
	if a.Title != "Trump and Netanyahu Discuss Gaza Ceasefire in High-Stakes Talks" {
		t.Errorf("title %q", a.Title)
	}
	if a.Standfirst != "Amid escalating tensions, Trump and Netanyahu meet again to negotiate peace in Gaza." {
		t.Errorf("standfirst %q", a.Standfirst)
	}
	if len(a.Paragraphs) != 6 || !strings.HasPrefix(a.Paragraphs[0], "US President Donald Trump") {
		t.Errorf("paragraphs %q", a.Paragraphs)
	}
}

// TestReadFormats checks the Markdown and HTML readers against the same story in text.
func TestReadFormats(t *testing.T) {
	tests := []struct {
		path, title, url, standfirst, firstPara string
		published                               time.Time
	}{
		{"testdata/articles/html/sport-cup-final.html", "Harbourside United Stun Montclair to Win First Continental Cup",
			"https://news.example/sport/harbourside-win-continental-cup", "A late header from captain Tomas Varga",
			"Harbourside United won the Continental Cup", time.Date(2026, 5, 30, 22, 41, 0, 0, time.UTC)},
		{"testdata/articles/markdown/politics-spain-budget.md", "Spain Unveils Record 2027 Budget, Raising Defence Spending by a Quarter",
			"", "Finance Minister Ana Ruiz needs", "Finance Minister Ana Ruiz presented Spain's 2027 budget", time.Time{}},
		{"testdata/own/rail-strike.html", "Rail Workers Strike Over Pay, Halting Most Trains", "https://daily.example/news/rail-strike",
			"Only one in five services", "Tens of thousands of rail workers", time.Date(2026, 3, 3, 7, 15, 0, 0, time.UTC)},
		{"testdata/own/wildfire-evacuation.txt", "Wildfire Forces 9,000 From Homes in British Columbia", "",
			"Crews battle a 240-square-kilometre blaze", "About 9,000 people were ordered to leave their homes in central British Columbia on Wednesday as", time.Time{}},
		{"testdata/own/tech-layoffs.txt", "Quillnet to Cut 1,800 Jobs as Cloud Growth Slows", "", "", "Quillnet Inc. said on Monday",
			time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		a := loadTestArticle(t, tt.path)
		if a.Title != tt.title || a.URL != tt.url || !strings.HasPrefix(a.Standfirst, tt.standfirst) || !a.Published.Equal(tt.published) {
			t.Errorf("%s: title %q url %q standfirst %q published %v", tt.path, a.Title, a.URL, a.Standfirst, a.Published)
		}
		if len(a.Paragraphs) == 0 || !strings.HasPrefix(a.Paragraphs[0], tt.firstPara) {
			t.Errorf("%s: first paragraph %q, want it to start %q", tt.path, a.Paragraphs, tt.firstPara)
		}
	}
	// Plain text with header lines.
	hdr := "Title: Port Strike Ends After Nine Days\nURL: https://example.org/port\nDate: 2026-04-02\n\nDock workers returned to work on Thursday after a nine-day strike.\nThe union said 4,200 members had voted to accept a 6% pay rise.\n"
	a, err := ReadArticle("port.txt", []byte(hdr))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Port Strike Ends After Nine Days" || a.URL != "https://example.org/port" || a.Published.Format("2006-01-02") != "2026-04-02" || len(a.Paragraphs) != 2 {
		t.Errorf("header lines: %+v", a)
	}
	// Markdown with front matter.
	md := "---\ntitle: \"Port Strike Ends After Nine Days\"\ndate: 2026-04-02\nurl: https://example.org/port\n---\n\nDock workers returned to work on Thursday after a **nine-day** strike.\n\nThe union said 4,200 members had voted to accept a 6% pay rise.\n\nShipping lines said it would take a week to clear the backlog.\n"
	a, err = ReadArticle("port.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Port Strike Ends After Nine Days" || a.URL != "https://example.org/port" || a.Published.Format("2006-01-02") != "2026-04-02" || len(a.Paragraphs) != 3 {
		t.Errorf("front matter: %+v", a)
	}
	// The HTML page keeps the text's body and nothing else.
	txt := loadTestArticle(t, "testdata/articles/sport-cup-final.txt")
	page := loadTestArticle(t, "testdata/articles/html/sport-cup-final.html")
	if len(page.Paragraphs) != len(txt.Paragraphs) {
		t.Errorf("HTML has %d paragraphs, the text %d:\n%q", len(page.Paragraphs), len(txt.Paragraphs), page.Paragraphs)
	}
}

// TestReadBadInput checks that bad input gives a clear error or an honest
// empty result, and never a panic.
func TestReadBadInput(t *testing.T) {
	big := []byte(strings.Repeat("The council met on Tuesday and approved 12 new schools. ", 400000)) // about 22 MB
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"empty", nil, "no article text"},
		{"whitespace", []byte(" \n\t\r\n  "), "no article text"},
		{"binary", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3}, "binary"},
		{"invalid utf-8", []byte("caf\xe9 au lait\n"), "UTF-8"},
		{"20 MB", big, "too large"},
		{"all scripts", []byte("<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>"), "no readable text"},
		{"empty html", []byte("<!DOCTYPE html><html><body></body></html>"), "no readable text"},
	}
	for _, tt := range tests {
		_, err := ReadArticle(tt.name, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want one saying %q", tt.name, err, tt.wantErr)
		}
	}
	_, err := ReadArticle("empty", nil)
	if !errors.Is(err, ErrNoText) {
		t.Errorf("empty input: %v is not ErrNoText", err)
	}
}

// TestForeignLanguage checks that an article in another language gives an
// honest result: read, but with no invented people or figures.
func TestForeignLanguage(t *testing.T) {
	text := "Le gouvernement annonce un nouveau budget\n" +
		"Le gouvernement a présenté mercredi un budget de 512 milliards d'euros pour l'année prochaine.\n" +
		"La ministre des Finances a déclaré que le déficit serait réduit à 2,6 % du produit intérieur brut.\n" +
		"Les partis d'opposition ont critiqué le projet, qui doit encore être voté par le parlement.\n"
	a, err := ReadArticle("fr.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	an := Analyze(a)
	if len(an.Who.People) != 0 || len(an.Figures) != 0 {
		t.Errorf("foreign article: people %+v, figures %+v; want none", an.Who.People, an.Figures)
	}
	if an.Brief.Headline == "" || len(an.Brief.Bullets) == 0 {
		t.Errorf("foreign article: brief %+v; want its headline and first sentence", an.Brief)
	}
}

// TestEngine checks Engine.Add, Figures, Who and Brief over several articles.
func TestEngine(t *testing.T) {
	e := NewEngine(WithClock(func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }))
	if b := e.Brief(); b.Headline != "" || len(b.Bullets) != 0 {
		t.Errorf("empty engine brief = %+v", b)
	}
	for _, p := range []string{"testdata/gaza-ceasefire-talks.txt", "testdata/articles/sport-cup-final.txt", "testdata/own/rail-strike.html"} {
		if _, err := e.Add(loadTestArticle(t, p)); err != nil {
			t.Fatal(err)
		}
	}
	figs := e.Figures()
	ids := map[string]bool{}
	for _, f := range figs[:3] {
		ids[f.ArticleID] = true
	}
	if len(ids) != 3 {
		t.Errorf("the top three figures come from %d articles, want one from each", len(ids))
	}
	w := e.Who()
	if findEntity(w.People, "Donald Trump") == nil || findEntity(w.People, "Tomas Varga") == nil || findEntity(w.People, "Helen Marsh") == nil {
		t.Errorf("who over three articles lacks someone: %+v", w.People)
	}
	// An entity named in two articles is listed once, its mentions summed.
	before := findEntity(w.People, "Donald Trump").Mentions
	extra, err := ReadArticle("extra.txt", []byte("Trump Speaks on Talks\nDonald Trump said on Friday that the talks would continue. Trump added that he was hopeful.\nThe talks resume next week in Doha.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Add(extra); err != nil {
		t.Fatal(err)
	}
	w = e.Who()
	n := 0
	for _, p := range w.People {
		if strings.Contains(p.Name, "Trump") {
			n++
			if p.Mentions <= before {
				t.Errorf("Trump's mentions %d, want more than %d", p.Mentions, before)
			}
		}
	}
	if n != 1 {
		t.Errorf("Trump listed %d times over two articles: %+v", n, w.People)
	}
	// The rail strike is the only article with a publication time, so it is the latest.
	if b := e.Brief(); !strings.HasPrefix(b.Headline, "Rail Workers Strike") {
		t.Errorf("brief headline %q, want the most recent story", b.Headline)
	}
}

func TestAnalyzeSentenceMentions(t *testing.T) {
	an := Analyze(loadTestArticle(t, "testdata/gaza-ceasefire-talks.txt"))
	kinds := map[MentionKind]int{}
	for _, s := range an.Sentences {
		for _, m := range s.Mentions {
			if s.Text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q has offsets %d:%d in %q", m.Text, m.Start, m.End, s.Text)
			}
			kinds[m.Kind]++
		}
	}
	for _, k := range []MentionKind{MentionPerson, MentionOrganization, MentionPlace, MentionNumber, MentionDate, MentionTime} {
		if kinds[k] == 0 {
			t.Errorf("no %s mentions", k)
		}
	}
	if _, err := os.Stat("testdata/gaza-ceasefire-talks.txt"); err != nil {
		t.Fatal(err)
	}
}
