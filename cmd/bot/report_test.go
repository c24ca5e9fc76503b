package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

const (
	sampleArticleFile = "../../briefing/testdata/gaza-ceasefire-talks.txt"
	sportArticle      = "../../briefing/testdata/articles/sport-cup-final.txt"
	pageArticle       = "../../briefing/testdata/articles/html/business-merger.html"
)

// runInProcess runs the command line in process and returns its exit code, stdout and stderr.
func runInProcess(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), env{args: args, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }})
	return code, out.String(), errOut.String()
}

// TestReportJSONShape checks the field names of "bot figures|who|brief --json",
// a contract other tools rely on.
func TestReportJSONShape(t *testing.T) {
	tests := []struct {
		cmd  string
		keys []string          // top-level keys
		item map[string]string // a list key and the fields each of its items must have
	}{
		{"figures", []string{"figures"}, map[string]string{"figures": "text value unit label sentence source"}},
		{"who", []string{"people", "organizations", "places"}, map[string]string{"people": "name role aliases mentions", "organizations": "name aliases mentions", "places": "name aliases mentions"}},
		{"brief", []string{"headline", "bullets"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			code, out, errOut := runInProcess(t, "", tt.cmd, "--article", sampleArticleFile, "--json")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			for _, k := range tt.keys {
				if _, ok := got[k]; !ok {
					t.Errorf("JSON lacks %q: %s", k, out)
				}
			}
			for list, fields := range tt.item {
				items, _ := got[list].([]any)
				if len(items) == 0 {
					t.Errorf("%s is empty", list)
					continue
				}
				first, _ := items[0].(map[string]any)
				for _, f := range strings.Fields(fields) {
					if _, ok := first[f]; !ok {
						t.Errorf("%s[0] lacks %q: %v", list, f, first)
					}
				}
			}
		})
	}
}

func TestReportSampleContent(t *testing.T) {
	_, out, _ := runInProcess(t, "", "figures", "--json")
	var figs struct {
		Figures []struct {
			Text  string  `json:"text"`
			Value float64 `json:"value"`
			Label string  `json:"label"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(out), &figs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range figs.Figures {
		if f.Value == 251 && strings.Contains(f.Label, "hostages taken on October 7, 2023") {
			found = true
		}
	}
	if !found {
		t.Errorf("the bundled sample's figures lack 251 hostages: %s", out)
	}
	_, text, _ := runInProcess(t, "", "who")
	for _, want := range []string{"People", "Steve Witkoff — Trump's Middle East envoy", "JD Vance — Vice President", "Hamas"} {
		if !strings.Contains(text, want) {
			t.Errorf("bot who lacks %q:\n%s", want, text)
		}
	}
	_, text, _ = runInProcess(t, "", "brief")
	if !strings.HasPrefix(text, "Trump and Netanyahu Discuss Gaza Ceasefire") || strings.Count(text, "•") < 3 {
		t.Errorf("bot brief:\n%s", text)
	}
}

func TestReportStdin(t *testing.T) {
	data, err := os.ReadFile(sportArticle)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runInProcess(t, string(data), "brief", "--article", "-", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var b struct {
		Headline string   `json:"headline"`
		Bullets  []string `json:"bullets"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.Headline, "Harbourside United Stun Montclair") || len(b.Bullets) < 3 {
		t.Errorf("brief from stdin = %+v", b)
	}
}

func TestReportSeveralArticles(t *testing.T) {
	code, out, errOut := runInProcess(t, "", "figures", "--article", sampleArticleFile, "--article", sportArticle, "--article", pageArticle, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var figs struct {
		Figures []struct {
			ArticleID string `json:"article_id"`
			Source    string `json:"source"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(out), &figs); err != nil {
		t.Fatal(err)
	}
	sources := map[string]bool{}
	for _, f := range figs.Figures {
		sources[f.Source] = true
	}
	if len(sources) != 3 {
		t.Errorf("figures come from %d articles, want 3: %v", len(sources), sources)
	}
	code, out, _ = runInProcess(t, "", "who", "--article", sampleArticleFile, "--article", sportArticle)
	if code != exitOK || !strings.Contains(out, "Donald Trump") || !strings.Contains(out, "Tomas Varga") {
		t.Errorf("who over two articles:\n%s", out)
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	binary := dir + "/binary.bin"
	if err := os.WriteFile(binary, []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2}, 0o600); err != nil {
		t.Fatal(err)
	}
	empty := dir + "/empty.txt"
	if err := os.WriteFile(empty, []byte("  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"figures", "--article", dir + "/missing.txt"}, exitError, "missing.txt"},
		{[]string{"who", "--article", binary}, exitError, "binary data"},
		{[]string{"brief", "--article", empty, "--json"}, exitError, "no article text"},
		{[]string{"figures", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"brief", "--bogus"}, exitUsage, "bogus"},
	}
	for _, tt := range tests {
		code, out, errOut := runInProcess(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) || (code == exitError && out != "") {
			t.Errorf("bot %v: exit %d, stdout %q, stderr %q; want exit %d and a message with %q", tt.args, code, out, errOut, tt.code, tt.msg)
		}
	}
}

// TestReportBinaryExitCode runs the built binary: a missing file exits 1
// with a message on stderr; an article on stdin is read.
func TestReportBinaryExitCode(t *testing.T) {
	bin := buildBot(t)
	cmd := exec.Command(bin, "figures", "--article", "/nonexistent/article.txt")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != exitError {
		t.Fatalf("missing file: err %v, want exit code %d", err, exitError)
	}
	if !strings.Contains(stderr.String(), "bot figures: read article: open /nonexistent/article.txt") {
		t.Errorf("stderr %q", stderr.String())
	}
	data, err := os.ReadFile(sampleArticleFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "who", "--article", "-", "--json")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), `"name": "Benjamin Netanyahu"`) {
		t.Errorf("who from stdin: %v\n%s", err, out)
	}
}
