package briefing

import (
	"fmt"
	"os"
	"runtime"
	"testing"
)

// BenchmarkRetainedMemory reports what an engine keeps per byte of article
// text once articles are added: analysis and index together, measured as
// live heap after a collection.
func BenchmarkRetainedMemory(b *testing.B) {
	data, err := os.ReadFile("testdata/gaza-ceasefire-talks.txt")
	if err != nil {
		b.Fatal(err)
	}
	const copies = 200
	articles := make([]*Article, copies)
	text := 0
	for i := range articles {
		a, err := ReadArticle(fmt.Sprintf("copy-%d.txt", i), data)
		if err != nil {
			b.Fatal(err)
		}
		a.ID = fmt.Sprint(i)
		for _, p := range a.Paragraphs {
			text += len(p)
		}
		text += len(a.Title) + len(a.Lede) + len(a.Standfirst)
		articles[i] = a
	}
	var ratio float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		e := NewEngine()
		if _, err := e.AddAll(articles); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		ratio = float64(after.HeapAlloc-before.HeapAlloc) / float64(text)
		runtime.KeepAlive(e)
	}
	b.ReportMetric(ratio, "retained/text")
}
