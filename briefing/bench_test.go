package briefing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var sampleQuestions = []string{
	"what's the hostage deal?", "who's mediating?", "how many hostages were taken?", "when did the escalation begin?",
	"who is Steve Witkoff?", "Is Trump optimistic?", "how long was the meeting?", "how many American soldiers were killed?",
}

func BenchmarkAskOneArticle(b *testing.B) {
	e := sampleEngine(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := e.Guess(ctx, sampleQuestions[i%len(sampleQuestions)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// syntheticCorpus writes n news-like articles from a Zipf-distributed
// vocabulary with names and numbers, and questions over their sentences.
func syntheticCorpus(n int, seed uint64) ([]*Article, []string) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const vocab = 30000
	words := make([]string, vocab)
	syll := []string{"ka", "lo", "mi", "ren", "tor", "sa", "vel", "din", "po", "gra", "ne", "shi", "ul", "bar", "zen"}
	for i := range words {
		var sb strings.Builder
		for k := 0; k < 2+i%3; k++ {
			sb.WriteString(syll[(i/(k*7+1)+k*3)%len(syll)])
		}
		fmt.Fprintf(&sb, "%c", 'a'+rune(i%26))
		words[i] = sb.String()
	}
	zipf := rand.NewZipf(r, 1.1, 2, vocab-1)
	first := []string{"Ana", "Jonas", "Mei", "Omar", "Sofia", "Liam", "Amara", "Kenji", "Lucia", "Pavel"}
	var names []string
	for i := 0; i < 2000; i++ {
		names = append(names, first[i%len(first)]+" "+strings.ToUpper(words[(i*7919)%vocab][:1])+words[(i*7919)%vocab][1:])
	}
	var arts []*Article
	var qs []string
	for a := 0; a < n; a++ {
		art := &Article{ID: fmt.Sprintf("a%05d", a), Title: fmt.Sprintf("Report %d on %s", a, words[zipf.Uint64()])}
		for p := 0; p < 4; p++ {
			var para strings.Builder
			for s := 0; s < 3; s++ {
				var ws []string
				for k := 0; k < 18; k++ {
					ws = append(ws, words[zipf.Uint64()])
				}
				ws[3] = names[r.IntN(len(names))]
				ws[9] = fmt.Sprint(r.IntN(5000))
				sent := strings.Join(ws, " ")
				fmt.Fprintf(&para, "%s%s. ", strings.ToUpper(sent[:1]), sent[1:])
				if len(qs) < 2000 && r.IntN(20) == 0 {
					qs = append(qs, fmt.Sprintf("how many %s did %s %s?", ws[10], ws[3], ws[12]))
					qs = append(qs, fmt.Sprintf("who %s the %s %s?", ws[5], ws[6], ws[14]))
				}
			}
			art.Paragraphs = append(art.Paragraphs, strings.TrimSpace(para.String()))
		}
		arts = append(arts, art)
	}
	return arts, qs
}

// BenchmarkAsk10kArticles asks questions of an engine holding 10,000
// synthetic articles and reports the 99th percentile latency and the
// index's size against the text's.
func BenchmarkAsk10kArticles(b *testing.B) {
	arts, qs := syntheticCorpus(10000, 1)
	e := NewEngine()
	text := 0
	for _, a := range arts {
		if _, err := e.Add(a); err != nil {
			b.Fatal(err)
		}
		text += len(a.Title)
		for _, p := range a.Paragraphs {
			text += len(p)
		}
	}
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.Guess(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(e.idx.memory())/float64(text), "index/text")
	b.ReportMetric(indexRatio(b, readArticles(b, filepath.Join("testdata", "gaza-ceasefire-talks.txt"))), "index/text-sample")
	b.ReportMetric(indexRatio(b, readArticles(b, filepath.Join("testdata", "articles", "*.txt"))), "index/text-10")
}

// TestIndexMemory checks that the index stays within three times the
// size of the text it indexes, for a 2,000-article synthetic corpus and
// for small ones, where the term dictionary weighs most: the sample
// article alone and the ten test articles.
func TestIndexMemory(t *testing.T) {
	arts, _ := syntheticCorpus(2000, 2)
	corpora := []struct {
		name string
		arts []*Article
	}{
		{"2,000 synthetic articles", arts},
		{"the sample article", readArticles(t, filepath.Join("testdata", "gaza-ceasefire-talks.txt"))},
		{"the ten test articles", readArticles(t, filepath.Join("testdata", "articles", "*.txt"))},
	}
	for _, c := range corpora {
		ratio := indexRatio(t, c.arts)
		t.Logf("index of %s holds %.2f× its text", c.name, ratio)
		if ratio > 3 {
			t.Errorf("index of %s holds %.2f× its text, want at most 3×", c.name, ratio)
		}
	}
}

// readArticles reads the articles matching a glob pattern.
func readArticles(tb testing.TB, pattern string) []*Article {
	tb.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no articles match %s: %v", pattern, err)
	}
	var out []*Article
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		a, err := ReadArticle(filepath.Base(p), data)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// indexRatio loads articles into an engine and returns the size of its
// index over the size of their text.
func indexRatio(tb testing.TB, arts []*Article) float64 {
	tb.Helper()
	e := NewEngine()
	text := 0
	for _, a := range arts {
		if _, err := e.Add(a); err != nil {
			tb.Fatal(err)
		}
		text += len(a.Title)
		for _, p := range a.Paragraphs {
			text += len(p)
		}
	}
	return float64(e.idx.memory()) / float64(text)
}
