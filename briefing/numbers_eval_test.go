package briefing

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
)

// numbersEvalPath is the shared number-extraction evaluation set, beside the project checkout.
const numbersEvalPath = "../../shared/eval/numbers.jsonl"

// numbersEvalFloor is the share of evaluation spans the number reader must read right.
const numbersEvalFloor = 0.70

type evalSpan struct {
	Text  string  `json:"text"`
	Type  string  `json:"type"`
	Value *string `json:"value"`
	Start int     `json:"start"`
	End   int     `json:"end"`
}

// TestNumbersEval reads the shared number cases and reports the share of
// gold numbers whose value the reader finds in the right place.
func TestNumbersEval(t *testing.T) {
	f, err := os.Open(numbersEvalPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipping: %s is absent (shared evaluation data sits beside the project checkout)", numbersEvalPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byType := map[string][2]int{}
	var hit, total int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var c struct {
			Text  string     `json:"text"`
			Spans []evalSpan `json:"spans"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("bad case: %v", err)
		}
		got := numbersIn(c.Text)
		for _, s := range c.Spans {
			lo, hi, ok := goldValue(s)
			if !ok {
				continue
			}
			total++
			bt := byType[s.Type]
			bt[1]++
			if matchGold(got, c.Text, s, lo, hi) {
				hit++
				bt[0]++
			} else if testing.Verbose() && os.Getenv("NUMBERS_EVAL_MISSES") != "" {
				t.Logf("miss %s %q in %q; got %v", s.Type, s.Text, c.Text, got)
			}
			byType[s.Type] = bt
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	acc := float64(hit) / float64(total)
	t.Logf("numbers.jsonl: %d of %d numeric spans read right (%.1f%%)", hit, total, 100*acc)
	for typ, bt := range byType {
		t.Logf("  %-18s %3d/%3d", typ, bt[0], bt[1])
	}
	if acc < numbersEvalFloor {
		t.Errorf("accuracy %.3f is below the floor %.2f", acc, numbersEvalFloor)
	}
}

// goldValue parses a gold value: "5", "20%", "[1000,5000)", "(,170)".
// Relative ordinals ("current+1") and missing values are skipped.
func goldValue(s evalSpan) (lo, hi float64, ok bool) {
	if s.Value == nil {
		return 0, 0, false
	}
	v := strings.TrimSuffix(*s.Value, "%")
	if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "(") {
		parts := strings.Split(strings.Trim(v, "[]()"), ",")
		if len(parts) != 2 {
			return 0, 0, false
		}
		a, errA := strconv.ParseFloat(parts[0], 64)
		b, errB := strconv.ParseFloat(parts[1], 64)
		switch {
		case errA == nil && errB == nil:
			return a, b, true
		case errA == nil:
			return a, a, true
		case errB == nil:
			return b, b, true
		}
		return 0, 0, false
	}
	a, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, 0, false
	}
	return a, a, true
}

// matchGold reports whether one of got overlaps the gold span and has its value.
func matchGold(got []Mention, text string, s evalSpan, lo, hi float64) bool {
	for _, m := range got {
		if m.End <= s.Start || m.Start > s.End {
			continue
		}
		switch {
		case lo == hi && (closeTo(m.Value, lo) || (m.Max != 0 && closeTo(m.Max, lo))):
			return true
		case lo != hi && closeTo(m.Value, lo) && closeTo(m.Max, hi):
			return true
		}
	}
	return false
}

func closeTo(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	if b < 0 {
		b = -b
	}
	return d <= 1e-3*(1+b)
}
