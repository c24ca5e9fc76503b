package briefing

import (
	"strings"
	"testing"
)

// analyzeParagraphs reads a headline and paragraphs written for a test.
func analyzeParagraphs(title string, paragraphs ...string) *Analysis {
	return Analyze(&Article{Title: title, Source: "test", Paragraphs: paragraphs})
}

// kindOf returns "person", "organisation", "place" or "" for the entity named name.
func kindOf(an *Analysis, name string) string {
	switch {
	case findEntity(an.Who.People, name) != nil:
		return "person"
	case findEntity(an.Who.Organizations, name) != nil:
		return "organisation"
	case findEntity(an.Who.Places, name) != nil:
		return "place"
	}
	return ""
}

// TestOrganisationPatterns checks that companies the gazetteer does not
// know are told from people and places by the words around them.
func TestOrganisationPatterns(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		want       map[string]string // entity name → kind ("" for not listed)
	}{
		{
			name: "company suffix and its first word alone",
			paragraphs: []string{
				"Talvora Semiconductor trimmed its outlook on Monday.",
				"Talvora said demand for its sensors had weakened, and Talvora's stock slid in Frankfurt.",
			},
			want: map[string]string{"Talvora Semiconductor": "organisation", "Frankfurt": "place"},
		},
		{
			name: "possessive with a business noun",
			paragraphs: []string{
				"Investors sold Brindlewood after the results.",
				"Brindlewood's revenue fell for a third straight quarter, the filing showed.",
			},
			want: map[string]string{"Brindlewood": "organisation"},
		},
		{
			name: "a list with a known company",
			paragraphs: []string{
				"The parts go to Renault, Samsung and Oskarby, which together buy most of the output.",
			},
			want: map[string]string{"Renault": "organisation", "Oskarby": "organisation", "Samsung": "organisation"},
		},
		{
			name: "quoted titles of works name no one",
			paragraphs: []string{
				"Chilean director Pablo Reyes won the top prize on Friday for \"The Copper Gate\", a drama set in a mining town.",
				"The second prize went to \"Stone Bay\" by Irish director Aoife Kerr, a story of a harbour after its shipyard closes.",
			},
			want: map[string]string{"Copper Gate": "", "Stone Bay": "", "Aoife Kerr": "person", "Pablo Reyes": "person"},
		},
		{
			name: "a market leader is a company's rank",
			paragraphs: []string{
				"Smaller rivals are closing in on the industry leader, Brenlow, whose margins have halved.",
				"Brenlow said on Friday it would cut prices. Its chief executive, Ida Marsh, spoke in Leeds.",
			},
			want: map[string]string{"Brenlow": "organisation", "Ida Marsh": "person"},
		},
		{
			name: "an ordinal before a title is no given name",
			paragraphs: []string{
				"The Seventh Admiralon returns in the new season, the studio said.",
				"Fans have waited two years to see the Admiralon again.",
			},
			want: map[string]string{"Seventh Admiralon": ""},
		},
		{
			name: "analysts at a firm are not in a place",
			paragraphs: []string{
				"Strategists at Kellerhaus expect two more cuts this year.",
				"Economists at Kellerhaus said the data were weak.",
			},
			want: map[string]string{"Kellerhaus": "organisation"},
		},
		{
			name: "shares of a company and the firm before its name",
			paragraphs: []string{
				"Shares of Pellucid climbed after the deal was announced.",
				"The Oslo-based insurer Varmeland Mutual said it would bid again.",
			},
			want: map[string]string{"Pellucid": "organisation", "Varmeland Mutual": "organisation", "Oslo": "place"},
		},
		{
			name: "two organisations joined by and stay two",
			paragraphs: []string{
				"Contracts with Corvane Insurance and Halloway Logistics lifted sales.",
			},
			want: map[string]string{"Corvane Insurance": "organisation", "Halloway Logistics": "organisation", "Corvane Insurance and Halloway Logistics": ""},
		},
		{
			name: "a surname used alone makes the full name a person",
			paragraphs: []string{
				"Warehouse owner Callum Brackett Hughes was not in court.",
				"Prosecutors said Idris Fenwright set the fire before dawn.",
				"Fenwright denied the charge, and the jury heard that Fenwright had debts.",
			},
			want: map[string]string{"Idris Fenwright": "person"},
		},
		{
			name: "a title with a middle word is peeled whole",
			paragraphs: []string{
				"Chief Operating Officer Marta Ellingsen said the plant would reopen.",
			},
			want: map[string]string{"Marta Ellingsen": "person", "Operating Officer Marta Ellingsen": ""},
		},
		{
			name: "a place and its county are no person",
			paragraphs: []string{
				"Flooding closed roads across County Mayo on Sunday.",
				"Shops in Mayo stayed shut, and schools in Mayo will open late.",
			},
			want: map[string]string{"County Mayo": "place"},
		},
		{
			name: "a known maker after a company's suffix starts another name",
			paragraphs: []string{
				"The Skarvik Airways Boeing jet returned to the gate.",
				"Skarvik said nobody was hurt.",
			},
			want: map[string]string{"Skarvik Airways": "organisation", "Skarvik Airways Boeing": ""},
		},
		{
			name: "two institutions joined by and",
			paragraphs: []string{
				"Scientists from the Norwood Institute of Marine Biology and Tarrant University led the survey.",
			},
			want: map[string]string{"Norwood Institute of Marine Biology": "organisation", "Tarrant University": "organisation"},
		},
		{
			name: "a club named for its town",
			paragraphs: []string{
				"Dunmere Town sacked their coach on Sunday.",
				"Supporters blamed Dunmere's owners for the slump.",
			},
			want: map[string]string{"Dunmere Town": "organisation"},
		},
		{
			name: "a club's name stops before a nationality",
			paragraphs: []string{
				"The fee was agreed with Braga Atlético for Uruguayan defender Mateo Lanza.",
			},
			want: map[string]string{"Braga Atlético": "organisation", "Mateo Lanza": "person", "Uruguay": "place"},
		},
		{
			name: "a person who says 'it' stays a person",
			paragraphs: []string{
				"\"It was terrifying,\" said Ottilie Brandvik, who sat near the wing.",
				"Brandvik said it was the worst flight of her life.",
			},
			want: map[string]string{"Ottilie Brandvik": "person"},
		},
		{
			name: "a name listed with a person is a person",
			paragraphs: []string{
				"Climbers David Orrin, 41, and Sefa Kolbrun, 37, reached the summit at dawn.",
				"Both climbers were treated for frostbite.",
			},
			want: map[string]string{"David Orrin": "person", "Sefa Kolbrun": "person"},
		},
		{
			name: "a list after a place is no list of organisations",
			paragraphs: []string{
				"A walker was rescued at Kilbride, Interpol said.",
			},
			want: map[string]string{"Kilbride": "place"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyzeParagraphs("Test", tt.paragraphs...)
			for name, want := range tt.want {
				if got := kindOf(an, name); got != want {
					t.Errorf("%q: got %q, want %q (who: %+v)", name, got, want, an.Who)
				}
			}
		})
	}
}

// TestFigureLabelPatterns checks that labels read as noun phrases and that
// numbers which count nothing are no key figures.
func TestFigureLabelPatterns(t *testing.T) {
	tests := []struct {
		name      string
		paragraph string
		text      string // the figure's text
		label     string // its label; "" when the number must not be a figure
	}{
		{"trailing preposition and verb", "Operating profit climbed to $1.3 billion in the period.", "$1.3 billion", "Operating profit"},
		{"expected amount is a forecast", "The retailer now expects sales of $12 billion for the year.", "$12 billion", "sales forecast for the year"},
		{"amount for a period", "The group reported revenue of $2.7 billion for the six months.", "$2.7 billion", "revenue for the six months"},
		{"amount knocked off", "The warning knocked about $800 million off its market value.", "$800 million", "market value knocked off"},
		{"price after a change", "The lender's stock sank 9% to $14.10 in afternoon trading.", "$14.10", "share price"},
		{"change with its subject", "The lender's stock sank 9% to $14.10 in afternoon trading.", "9%", "lender's stock fall"},
		{"change by", "Bus fares rose by 4% in March.", "4%", "Bus fares rise"},
		{"object of a verb", "Officials put the cost of repairs at 40 million pounds.", "40 million pounds", "cost of repairs"},
		{"what others expected", "Profit beat the $450 million economists had expected.", "$450 million", "economists expected"},
		{"earlier value", "Complaints reached 3,400 last year, up from 2,900 a year before.", "2,900", "(earlier)"},
		{"more likely", "Smokers were 40% more likely to need surgery than others.", "40%", "more likely to need surgery"},
		{"compound adjective counting nothing", "It was the steepest two-week slide since 2008.", "two-week", ""},
		{"one-day is no figure", "Traders braced for a one-day strike at the port.", "one-day", ""},
		{"age with no noun", "The 31-year-old joins on a free transfer.", "31-year-old", "age"},
		{"a country ending in -ly is no adverb", "Italy pledged 300 million euros to the fund.", "300 million euros", "Italy pledged"},
		{"each after the subject", "Norway and Chile each gave $40 million.", "$40 million", "Chile gave"},
		{"decade", "She moved to the coast in the 1980s with 12 relatives.", "1980", ""},
		{"a type is a name", "Patients with type 1 diabetes were excluded.", "1", ""},
		{"period of another figure", "Some 90 millimetres of rain fell in 12 hours.", "12 hours", ""},
		{"years ago is a date", "The club paid 3 million euros for him two years ago.", "two years", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyzeParagraphs("Test", tt.paragraph)
			var got *Figure
			for i := range an.Figures {
				if an.Figures[i].Text == tt.text {
					got = &an.Figures[i]
					break
				}
			}
			if tt.label == "" {
				if got != nil {
					t.Errorf("%q is a figure labelled %q, want none", tt.text, got.Label)
				}
				return
			}
			if got == nil {
				t.Fatalf("no figure %q in %+v", tt.text, an.Figures)
			}
			if !strings.Contains(got.Label, tt.label) {
				t.Errorf("%q: label %q, want %q", tt.text, got.Label, tt.label)
			}
		})
	}
}

// TestFigureTargetAndDeterminers checks a target year and that a label keeps
// words such as "earlier" that belong to its noun.
func TestFigureTargetAndDeterminers(t *testing.T) {
	an := analyzeParagraphs("Test", "The plan aims to lift the region's share of wind power to 45% by 2035, down from an earlier goal of 50%.")
	for _, want := range []struct{ text, label string }{{"45%", "share of wind power target by 2035"}, {"50%", "earlier goal"}} {
		var got string
		for _, f := range an.Figures {
			if f.Text == want.text {
				got = f.Label
			}
		}
		if !strings.Contains(got, want.label) {
			t.Errorf("%s: label %q, want %q", want.text, got, want.label)
		}
	}
}

// TestFigureSpendingAndPeriods checks what money is spent on, an amount
// after "a combined", and a period that belongs to another figure.
func TestFigureSpendingAndPeriods(t *testing.T) {
	an := analyzeParagraphs("Test",
		"The city spent 12 million euros on flood barriers last year.",
		"The three airports handled a combined 9 million passengers.",
		"The board will return $2 billion to investors over three years.")
	labels := map[string]string{}
	for _, f := range an.Figures {
		labels[f.Text] = f.Label
	}
	if got := labels["12 million euros"]; !strings.HasSuffix(got, "spent on flood barriers") {
		t.Errorf("12 million euros: label %q, want %q", got, "spent on flood barriers")
	}
	if got := labels["9 million"]; got == "" || got == "combined" {
		t.Errorf("9 million: label %q, want more than %q", got, "combined")
	}
	if got, ok := labels["three years"]; ok {
		t.Errorf("three years is a figure labelled %q, want none", got)
	}
}

// TestPortfolioTitles checks that a portfolio the article also writes in
// lower case stays in the title when it opens a sentence or follows a quote.
func TestPortfolioTitles(t *testing.T) {
	tests := []struct {
		paragraphs []string
		name, role string
	}{
		{[]string{"Income from farming has shrunk for a decade.", "\"We will not give up,\" Farming Minister Tove Alm told reporters."}, "Tove Alm", "Farming Minister"},
		{[]string{"The cost of housing rose again in May.", "Housing Secretary Neil Crane said more homes would be built."}, "Neil Crane", "Housing Secretary"},
	}
	for _, tt := range tests {
		an := analyzeParagraphs("Test", tt.paragraphs...)
		e := findEntity(an.Who.People, tt.name)
		if e == nil || e.Role != tt.role {
			t.Errorf("%q: got %+v, want role %q", tt.name, e, tt.role)
		}
	}
}

// TestHyphenatedGivenNames checks that a given name written as two
// syllables joined by a hyphen stays whole ("Kim Hye-rin"), while a
// compound modifier after a name ("Seoul-based", "Weber-led") is not
// taken into it.
func TestHyphenatedGivenNames(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		want       map[string]string // entity name → kind ("" for not listed)
	}{
		{
			name:       "Korean given name after a title",
			paragraphs: []string{"Finance Minister Choi Dong-hwan said the budget would grow.", "Choi spoke in Sejong."},
			want:       map[string]string{"Choi Dong-hwan": "person", "Choi Dong": ""},
		},
		{
			name:       "given name after a role and a comma",
			paragraphs: []string{"The plan was drafted by the bank's governor, Lee Soo-ah, who said rates would hold."},
			want:       map[string]string{"Lee Soo-ah": "person"},
		},
		{
			name:       "compound modifiers are not syllables",
			paragraphs: []string{"The Seoul-based shipbuilder Tarnell Marine said Jonas Weber-led talks had stalled.", "Tarnell Marine makes ferries."},
			want:       map[string]string{"Seoul": "place", "Jonas Weber-led": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyzeParagraphs("Test", tt.paragraphs...)
			for name, kind := range tt.want {
				if got := kindOf(an, name); got != kind {
					t.Errorf("%q: got %q, want %q", name, got, kind)
				}
			}
		})
	}
}
