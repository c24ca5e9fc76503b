package briefing

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testArticles lists every article the golden tests read: the sample, the
// corpus in all its formats and the articles of testdata/own.
func testArticles(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{
		"testdata/gaza-ceasefire-talks.txt",
		"testdata/articles/*.txt",
		"testdata/articles/html/*.html",
		"testdata/articles/markdown/*.md",
		"testdata/own/*.txt",
		"testdata/own/*.md",
		"testdata/own/*.html",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 16 {
		t.Fatalf("found %d test articles, want at least 16", len(paths))
	}
	return paths
}

// goldenReport is what a golden file records of one article.
type goldenReport struct {
	Title      string    `json:"title"`
	URL        string    `json:"url,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	Lede       string    `json:"lede,omitempty"`
	Standfirst string    `json:"standfirst,omitempty"`
	Paragraphs int       `json:"paragraphs"`
	Sentences  int       `json:"sentences"`
	Figures    []Figure  `json:"figures"`
	Timeline   []string  `json:"timeline"`
	Who        Who       `json:"who"`
	Brief      Brief     `json:"brief"`
}

func loadTestArticle(t *testing.T, path string) *Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ReadArticle(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("ReadArticle(%s): %v", path, err)
	}
	return a
}

// TestGolden compares figures, who's who and the brief of every test
// article with its golden file. Run with -update to rewrite them after a
// change that improves them; review the diff.
func TestGolden(t *testing.T) {
	for _, path := range testArticles(t) {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "." + strings.TrimPrefix(filepath.Ext(path), ".")
		t.Run(name, func(t *testing.T) {
			a := loadTestArticle(t, path)
			an := Analyze(a)
			r := goldenReport{Title: a.Title, URL: a.URL, Published: a.Published, Lede: a.Lede, Standfirst: a.Standfirst,
				Paragraphs: len(a.Paragraphs), Sentences: len(an.Sentences), Figures: an.Figures, Who: an.Who, Brief: an.Brief, Timeline: []string{}}
			for _, m := range an.Timeline {
				r.Timeline = append(r.Timeline, m.Text)
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./briefing -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("analysis of %s differs from %s; run with -update and review the diff", path, golden)
			}
		})
	}
}

// TestInvariants checks what must hold for any article, whatever the golden files say.
func TestInvariants(t *testing.T) {
	for _, path := range testArticles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			a := loadTestArticle(t, path)
			if a.Title == "" || len(a.Paragraphs) < 3 {
				t.Errorf("title %q, %d paragraphs; want a title and the body", a.Title, len(a.Paragraphs))
			}
			for _, p := range a.Paragraphs {
				if sameText(p, a.Title) || (a.Standfirst != "" && sameText(p, a.Standfirst)) {
					t.Errorf("paragraph repeats the headline or standfirst: %q", p)
				}
				for _, junk := range []string{"cookie", "Advertisement", "Related stories", "function(", "gtag("} {
					if strings.Contains(p, junk) {
						t.Errorf("paragraph holds page furniture %q: %q", junk, p)
					}
				}
			}
			an := Analyze(a)
			b := an.Brief
			if n := len(b.Bullets); n < 3 || n > 5 {
				t.Errorf("brief has %d bullets, want 3 to 5: %q", n, b.Bullets)
			}
			if n := briefLen(b); n > maxBriefChars {
				t.Errorf("brief is %d characters, want at most %d", n, maxBriefChars)
			}
			if len(an.Figures) < 3 {
				t.Errorf("%d figures, want at least 3", len(an.Figures))
			}
			for _, f := range an.Figures {
				if f.Label == "" || f.Sentence == "" || !strings.Contains(f.Sentence, f.Text) {
					t.Errorf("figure %+v lacks a label or its sentence", f)
				}
				if f.Unit != "percent" && isYear(token{Kind: tokNumber, Text: f.Text}) && f.Label != "" && strings.HasPrefix(f.Label, "in ") {
					t.Errorf("a year read as a figure: %+v", f)
				}
			}
			if len(an.Who.People) == 0 {
				t.Errorf("no people found")
			}
			for _, list := range [][]Entity{an.Who.People, an.Who.Organizations, an.Who.Places} {
				for _, e := range list {
					if r, _ := utf8.DecodeRuneInString(e.Name); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
						t.Errorf("entity name %q does not start with a capital", e.Name)
					}
				}
			}
			for _, p := range an.Who.People {
				l := strings.ToLower(p.Name)
				if weekdays[l] || months[l] > 0 || timeZones[l] || notNames[l] || l == "white house" {
					t.Errorf("false person %q", p.Name)
				}
				if utf8.RuneCountInString(p.Name) < 3 {
					t.Errorf("person name too short: %q", p.Name)
				}
			}
		})
	}
}
