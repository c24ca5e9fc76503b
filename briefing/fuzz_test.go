package briefing

import (
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplitSentences checks that sentence spans are in order, inside the
// text, trimmed and non-empty, and cover every non-space character.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{
		"", "U.S. President Donald Trump met Dr. Smith. It ended at 17:00 EST (21:00 GMT).",
		`"Why?" he asked... Nobody knew. About 1,200 died.`, "J. R. R. Tolkien. a.m. p.m. U.S.A. …“Yes.”",
		"...", ". . .", "?!?!", "Mr.", "“”", "A. B. C.", "\xff\xfe.", "1.2.3.4. 5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		spans := sentenceSpans(text)
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, text)
			}
			if strings.TrimSpace(text[prev:sp.Start]) != "" {
				t.Fatalf("text %q between sentences is lost", text[prev:sp.Start])
			}
			prev = sp.End
		}
		if strings.TrimSpace(text[prev:]) != "" {
			t.Fatalf("trailing text %q lost in %q", text[prev:], text)
		}
	})
}

// FuzzNumbers checks that the number reader never panics and that every
// number it reads is a span of the text with a finite value.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{
		"about 1,200 Israeli deaths and 251 hostages", "a 60-day ceasefire", "between 10 and 15", "2 to 3 million",
		"$5bn", "€2.3 billion", "C$640 million", "two hundred and fifty", "a third", "two-thirds", "21st", "-4/5",
		"10 1/2 miles", "one and a half", "ninety five", "1e10", "99999999999999999999999999999999999", "½",
		"- - - 1", "$", "US$", "minus", "twenty-", "hundred thousand million billion trillion",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range numbersIn(text) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad number span %+v in %q", m, text)
			}
			if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) || math.IsNaN(m.Max) || math.IsInf(m.Max, 0) {
				t.Fatalf("bad value %v for %q", m.Value, m.Text)
			}
		}
	})
}

// FuzzReadHTML checks that any page is read to an article or a clear
// error, and that an article read can be analysed.
func FuzzReadHTML(f *testing.F) {
	if data, err := os.ReadFile("testdata/own/rail-strike.html"); err == nil {
		f.Add(string(data))
	}
	for _, s := range []string{
		"<html><body><p>Hello there. It is 5 p.m.</p></body></html>",
		"<p>", "<script>", "<html><head><title>T</title></head><body><article><h1>T</h1><p>One. Two.</p></article></body></html>",
		"<div class=ad><p>Buy</p></div><p>Text with 1,200 people and Dr. Jane Smith, the envoy, said so.</p>",
		"<html>" + strings.Repeat("<div>", 200) + "x", "<!DOCTYPE html><meta property=article:published_time content=2026-01-02>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if !strings.HasPrefix(strings.TrimSpace(page), "<") {
			page = "<html>" + page
		}
		a, err := ReadArticle("fuzz.html", []byte(page))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for _, p := range a.Paragraphs {
			if !utf8.ValidString(p) || p == "" {
				t.Fatalf("bad paragraph %q", p)
			}
		}
		an := Analyze(a)
		if n := briefLen(an.Brief); n > maxBriefChars {
			t.Fatalf("brief of %d characters", n)
		}
	})
}

// FuzzReadArticle reads any text and analyses it, in every format.
func FuzzReadArticle(f *testing.F) {
	for _, p := range []string{"testdata/gaza-ceasefire-talks.txt", "testdata/own/central-bank-rates.md", "testdata/own/wildfire-evacuation.txt"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("# Title\n\n*Standfirst*\n\nBody with 12% and [a link](x).")
	f.Add("By Jane\nPublished: 2026-01-01\n")
	f.Fuzz(func(t *testing.T, text string) {
		a, err := ReadArticle("fuzz", []byte(text))
		if err != nil {
			return
		}
		an := Analyze(a)
		for _, s := range an.Sentences {
			for _, m := range s.Mentions {
				if m.Start < 0 || m.End > len(s.Text) || s.Text[m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v in %q", m, s.Text)
				}
			}
		}
		if n := briefLen(an.Brief); n > maxBriefChars {
			t.Fatalf("brief of %d characters", n)
		}
	})
}
