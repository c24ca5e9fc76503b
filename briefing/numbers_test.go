package briefing

import (
	"testing"
)

func TestNumbersIn(t *testing.T) {
	type num struct {
		text  string
		value float64
		max   float64
		unit  string
	}
	tests := []struct {
		in   string
		want []num
	}{
		{"about 1,200 Israeli deaths and 251 hostages", []num{{"1,200", 1200, 0, ""}, {"251", 251, 0, ""}}},
		{"upwards of 57,500 fatalities", []num{{"57,500", 57500, 0, ""}}},
		{"a 60-day ceasefire", []num{{"60-day", 60, 0, "days"}}},
		{"their two-hour meeting", []num{{"two-hour", 2, 0, "hours"}}},
		{"within 24 hours", []num{{"24 hours", 24, 0, "hours"}}},
		{"the bodies of nine individuals", []num{{"nine", 9, 0, ""}}},
		{"twenty-five people", []num{{"twenty-five", 25, 0, ""}}},
		{"two hundred and fifty cars", []num{{"two hundred and fifty", 250, 0, ""}}},
		{"1.5 million people", []num{{"1.5 million", 1.5e6, 0, ""}}},
		{"a third of voters", []num{{"a third", 1.0 / 3, 0, ""}}},
		{"two-thirds of seats", []num{{"two-thirds", 2.0 / 3, 0, ""}}},
		{"his third visit", []num{{"third", 3, 0, ""}}},
		{"the 21st century", []num{{"21st", 21, 0, ""}}},
		{"rose 4.5% in May", []num{{"4.5%", 4.5, 0, "percent"}}},
		{"fell 3 percent", []num{{"3 percent", 3, 0, "percent"}}},
		{"a $5bn deal", []num{{"$5bn", 5e9, 0, "USD"}}},
		{"€2.3 billion", []num{{"€2.3 billion", 2.3e9, 0, "EUR"}}},
		{"£40m", []num{{"£40m", 40e6, 0, "GBP"}}},
		{"15 dollars", []num{{"15 dollars", 15, 0, "USD"}}},
		{"a Formula One driver won 3 races", []num{{"3", 3, 0, ""}}},
		{"the new Pixel Two phone costs $400", []num{{"$400", 400, 0, "USD"}}},
		{"Storm Kills Three in Chile", []num{{"Three", 3, 0, ""}}},
		{"Divers Reach Nine Trapped Miners", []num{{"Nine", 9, 0, ""}}},
		{"a loss of 3.2 trillion won in the year", []num{{"3.2 trillion won", 3.2e12, 0, "KRW"}}},
		{"tickets at 55,000 won, up from", []num{{"55,000 won", 55000, 0, "KRW"}}},
		{"of the 40 entrants, 12 won medals", []num{{"40", 40, 0, ""}, {"12", 12, 0, ""}}},
		{"some 1,400 won the ballot for tickets", []num{{"1,400", 1400, 0, ""}}},
		{"between 10 and 15 people", []num{{"between 10 and 15", 10, 15, ""}}},
		{"10-15 people", []num{{"10-15", 10, 15, ""}}},
		{"2 to 3 million people", []num{{"2 to 3 million", 2e6, 3e6, ""}}},
		{"from four issues to one", []num{{"four", 4, 0, ""}, {"one", 1, 0, ""}}},
		{"at 17:00 EST (21:00 GMT) on October 7, 2023", nil},
		{"on Tuesday, 7 October 2023, at 9 a.m.", nil},
		{"in 2023 there were 2000 cases", []num{{"2000", 2000, 0, ""}}},
		{"40 000 runners", []num{{"40 000", 40000, 0, ""}}},
		{"ninety five years", []num{{"ninety five years", 95, 0, "years"}}},
		{"a 7.8 magnitude quake", []num{{"7.8 magnitude", 7.8, 0, "magnitude"}}},
		{"a magnitude 7.4 earthquake", []num{{"7.4", 7.4, 0, "magnitude"}}},
		{"shares fell 22.4% to 302 Danish crowns", []num{{"22.4%", 22.4, 0, "percent"}, {"302", 302, 0, ""}}},
		{"a 2023 risk study and 2000 people", []num{{"2000", 2000, 0, ""}}},
		{"ran 42 km", []num{{"42 km", 42, 0, "km"}}},
	}
	for _, tt := range tests {
		got := numbersIn(tt.in)
		var g []num
		for _, m := range got {
			g = append(g, num{m.Text, m.Value, m.Max, m.Unit})
		}
		if len(g) != len(tt.want) {
			t.Errorf("numbersIn(%q) = %v, want %v", tt.in, g, tt.want)
			continue
		}
		for i := range g {
			w := tt.want[i]
			if g[i].text != w.text || !near(g[i].value, w.value) || !near(g[i].max, w.max) || g[i].unit != w.unit {
				t.Errorf("numbersIn(%q)[%d] = %v, want %v", tt.in, i, g[i], w)
			}
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*(1+b*b)
}
