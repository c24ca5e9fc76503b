package briefing

import (
	"slices"
	"testing"
)

// TestLexiconTables checks that the binary-searched tables are sorted
// and their keys and values line up.
func TestLexiconTables(t *testing.T) {
	sorted := map[string][]string{
		"stopwords": stopwords[:], "newsDemonymKeys": newsDemonymKeys[:], "wnIrregularKeys": wnIrregularKeys[:],
		"wnDerivedKeys": wnDerivedKeys[:], "wnSynonymsKeys": wnSynonymsKeys[:], "wnDemonymsKeys": wnDemonymsKeys[:],
		"wnVerbForms": wnVerbForms[:],
	}
	for name, keys := range sorted {
		if !slices.IsSorted(keys) {
			t.Errorf("%s is not sorted", name)
		}
	}
	if len(newsDemonymKeys) != len(newsDemonymValues) {
		t.Errorf("newsDemonymKeys and newsDemonymValues differ in length")
	}
}

func TestStemAndExpand(t *testing.T) {
	tests := []struct {
		a, b string // words that must meet through stemming or expansion
	}{
		{"mediating", "mediator"},
		{"deal", "agreement"},
		{"killed", "fatalities"},
		{"freed", "released"},
		{"took", "taken"},
		{"nine", "9"},
		{"1,200", "1200"},
		{"U.S.", "us"},
		{"optimistic", "optimism"},
		{"hurt", "injured"},
	}
	for _, tt := range tests {
		sa, sb := stem(lower(tt.a)), stem(lower(tt.b))
		if sa == sb {
			continue
		}
		found := false
		for _, e := range expand(nil, sa) {
			if e.stem == sb {
				found = true
			}
		}
		if !found {
			t.Errorf("%q (%s) does not reach %q (%s)", tt.a, sa, tt.b, sb)
		}
	}
	if p, ok := demonymPlace("qatari"); !ok || p != "Qatar" {
		t.Errorf("demonymPlace(qatari) = %q, %v", p, ok)
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
