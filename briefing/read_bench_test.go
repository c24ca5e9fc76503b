package briefing

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// benchRead reads and analyses data b.N times, reporting throughput and
// the bytes allocated per byte of text.
func benchRead(b *testing.B, name string, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		a, err := ReadArticle(name, data)
		if err != nil {
			b.Fatal(err)
		}
		an := Analyze(a)
		if len(an.Figures) == 0 || len(an.Who.People) == 0 || an.Brief.Headline == "" {
			b.Fatal("empty analysis")
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	perOp := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N)
	b.ReportMetric(perOp/float64(len(data)), "allocB/textB")
}

// BenchmarkAnalyzeSample reads and analyses the sample article until its
// figures, people and brief are ready.
func BenchmarkAnalyzeSample(b *testing.B) {
	data, err := os.ReadFile("testdata/gaza-ceasefire-talks.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "gaza-ceasefire-talks.txt", data)
}

// BenchmarkAnalyzeCorpus does the same for the test corpus, one article at a time.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	paths, _ := filepath.Glob("testdata/articles/*.txt")
	var datas [][]byte
	total := 0
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range datas {
			a, err := ReadArticle("corpus", d)
			if err != nil {
				b.Fatal(err)
			}
			Analyze(a)
		}
	}
}

// BenchmarkAnalyzeLong reads one long text (the corpus twenty times over,
// about 800 kB) to show time and memory grow in proportion to the text.
func BenchmarkAnalyzeLong(b *testing.B) {
	paths, _ := filepath.Glob("testdata/articles/*.txt")
	var sb strings.Builder
	sb.WriteString("A long file of many stories\n")
	for range 20 {
		for _, p := range paths {
			d, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(d)
			sb.WriteByte('\n')
		}
	}
	benchRead(b, "long", []byte(sb.String()))
}

// BenchmarkReadHTML reads a news page through the HTML reader.
func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/articles/html/sport-cup-final.html")
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "sport-cup-final.html", data)
}

// BenchmarkTokenize measures the tokenizer alone on the sample.
func BenchmarkTokenize(b *testing.B) {
	data, err := os.ReadFile("testdata/gaza-ceasefire-talks.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		tokenize(s)
	}
}

// BenchmarkAnalyzeManyNames reads 1 MB of text naming a different person
// in every sentence, the worst case for merging aliases.
func BenchmarkAnalyzeManyNames(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Many names\n")
	first := []string{"John", "Maria", "Ahmed", "Li", "Olga", "Pedro", "Anna", "David"}
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "%s Zq%dx said the council in Brq%dv approved %d new homes on Tuesday.\n", first[i%8], i, i, i%900+10)
	}
	benchRead(b, "many-names", []byte(sb.String()))
}
