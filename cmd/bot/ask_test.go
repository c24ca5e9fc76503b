package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAskBatch(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"q1","question":"how many hostages were taken?"}`,
		`{"id":"q2","question":"what colour is the sky?","context":"The sky over Lisbon was grey on Sunday. The final drew 71,480 fans."}`,
		`this line is not JSON`,
		`{"id":"q4","question":""}`,
		``,
		`{"id":"q5","question":"how many fans came?","context":"The sky over Lisbon was grey on Sunday. The final drew 71,480 fans."}`,
		`{"id":"q6","question":"🙂🙂"}`,
	}, "\n")
	code, out, stderr := runInProcess(t, in, "ask", "--batch", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		got = append(got, m)
	}
	if len(got) != 6 {
		t.Fatalf("got %d output lines, want 6 (one per non-blank input line):\n%s", len(got), out)
	}
	if got[0]["id"] != "q1" || got[0]["answer"] != "251" {
		t.Errorf("line 1 = %v, want 251", got[0])
	}
	for _, k := range []string{"id", "answer", "sentence", "source", "confidence", "abstained"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("line 1 lacks %q: %v", k, got[0])
		}
	}
	if got[2]["error"] == nil || got[3]["error"] == nil || got[5]["error"] == nil {
		t.Errorf("broken lines carry no error: %v %v %v", got[2], got[3], got[5])
	}
	if got[4]["id"] != "q5" || got[4]["answer"] != "71,480" {
		t.Errorf("line 5 = %v, want 71,480 from its context", got[4])
	}
	if !strings.Contains(stderr, "3 line(s)") {
		t.Errorf("stderr = %q, want a count of failed lines", stderr)
	}
}

func TestAskBatchUsage(t *testing.T) {
	if code, _, _ := runInProcess(t, "", "ask", "--batch", "-", "extra question"); code != exitUsage {
		t.Errorf("exit %d, want usage error", code)
	}
	if code, _, _ := runInProcess(t, "", "ask", "--batch", filepath.Join(t.TempDir(), "missing.jsonl")); code != exitError {
		t.Errorf("exit %d for a missing file, want error", code)
	}
}

func TestAskJSON(t *testing.T) {
	code, out, stderr := runInProcess(t, "", "ask", "--json", "who's", "mediating?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if a["answer"] == "" || a["sentence"] == "" {
		t.Errorf("answer = %v", a)
	}
}

// BenchmarkAskBatchXQuAD runs "bot ask --batch" over the XQuAD questions,
// analysing each context once, and reports questions a second.
func BenchmarkAskBatchXQuAD(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "eval", "xquad-en.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("XQuAD data not found beside the checkout (../shared/eval): %v", err)
	}
	n := bytes.Count(data, []byte("\n"))
	for b.Loop() {
		code := run(context.Background(), env{args: []string{"ask", "--batch", "-"}, stdin: bytes.NewReader(data), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }})
		if code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "questions/s")
}
