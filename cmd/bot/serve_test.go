package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// sampleArticle is the absolute path of the bundled sample article.
func sampleArticle(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(sampleName)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// get fetches url with an optional bearer token and returns status and body.
func get(t *testing.T, method, url, body, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp.StatusCode, string(data)
}

func TestServeHealthz(t *testing.T) {
	bot := startServe(t, nil)
	status, body := get(t, "GET", "http://"+bot.Addr+"/healthz", "", "")
	if status != http.StatusOK || !strings.Contains(body, "ok") {
		t.Fatalf("GET /healthz = %d %q, want 200 ok", status, body)
	}
	status, body = get(t, "GET", "http://"+bot.Addr+"/readyz", "", "")
	if status != http.StatusOK || !strings.Contains(body, `"status":"ready"`) {
		t.Fatalf("GET /readyz = %d %q, want 200 ready", status, body)
	}
}

// TestServeWithoutCredentials checks that a bot with no tokens says which
// adapters are off and still serves the API.
func TestServeWithoutCredentials(t *testing.T) {
	bot := startServe(t, nil, "--article", sampleArticle(t))
	for _, c := range []string{"slack", "discord"} {
		if !strings.Contains(bot.Logs(), `msg="component off" component=`+c+" reason=") {
			t.Errorf("logs do not say why %s is off:\n%s", c, bot.Logs())
		}
	}
	if status, body := get(t, "GET", "http://"+bot.Addr+"/api/brief", "", ""); status != http.StatusOK {
		t.Errorf("GET /api/brief = %d %s, want 200", status, body)
	}
}

// TestServeAPI checks that the API answers as the command line does, and
// that metrics count its questions under platform "http".
func TestServeAPI(t *testing.T) {
	article := sampleArticle(t)
	bot := startServe(t, nil, "--article", article)
	base := "http://" + bot.Addr
	const question = "Who is mediating the talks?"

	status, body := get(t, "POST", base+"/api/ask", fmt.Sprintf(`{"question":%q}`, question), "")
	want, _, code := runBot(t, nil, "ask", "--json", "--article", article, question)
	if code != 0 {
		t.Fatalf("bot ask --json exited %d", code)
	}
	if status != http.StatusOK || body != want {
		t.Errorf("POST /api/ask = %d %s\nwant 200 %s (the output of bot ask --json)", status, body, want)
	}

	status, body = get(t, "GET", base+"/api/figures", "", "")
	figuresCLI, _, _ := runBot(t, nil, "figures", "--json", "--article", article)
	var gotFigures, wantFigures struct{ Figures []briefing.Figure }
	if status != http.StatusOK || json.Unmarshal([]byte(body), &gotFigures) != nil || json.Unmarshal([]byte(figuresCLI), &wantFigures) != nil {
		t.Fatalf("GET /api/figures = %d %s; bot figures --json: %s", status, body, figuresCLI)
	}
	if len(gotFigures.Figures) != len(wantFigures.Figures) || !strings.HasPrefix(body, `{"figures":[`) {
		t.Errorf("GET /api/figures = %s, want the figures of bot figures --json: %s", body, figuresCLI)
	}

	status, body = get(t, "GET", base+"/api/brief", "", "")
	var brief briefing.Brief
	if status != http.StatusOK || json.Unmarshal([]byte(body), &brief) != nil || brief.Headline == "" {
		t.Errorf("GET /api/brief = %d %s, want 200 and a headline", status, body)
	}
	status, body = get(t, "GET", base+"/api/who", "", "")
	if status != http.StatusOK || !strings.Contains(body, `"people":[`) {
		t.Errorf("GET /api/who = %d %s, want 200 and a list of people", status, body)
	}
	status, body = get(t, "POST", base+"/api/ask", `{"question":`, "")
	if status != http.StatusBadRequest || !strings.HasPrefix(body, `{"error":"the request body is not valid JSON`) {
		t.Errorf("POST /api/ask with bad JSON = %d %s, want 400 and an error", status, body)
	}

	status, body = get(t, "GET", base+"/metrics", "", "")
	if status != http.StatusOK {
		t.Fatalf("GET /metrics = %d", status)
	}
	// The engine may answer the sample question or abstain; the metrics
	// must count whichever it did.
	var answer briefing.Answer
	if err := json.Unmarshal([]byte(want), &answer); err != nil {
		t.Fatalf("bot ask --json printed %q: %v", want, err)
	}
	outcome := "answered"
	if answer.Abstained {
		outcome = "abstained"
	}
	for _, want := range []string{
		`briefbot_questions_total{outcome="` + outcome + `",platform="http"} 1`,
		`briefbot_questions_total{outcome="command",platform="http"} 3`,
		`briefbot_answer_seconds_count{platform="http"} 4`,
		`briefbot_digests_posted_total{platform="slack"} 0`,
		`briefbot_feed_fetches_total{outcome="ok"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestServeAPIToken(t *testing.T) {
	const token = "api-token-7f3a"
	bot := startServe(t, []string{"BRIEFBOT_API_TOKEN=" + token}, "--article", sampleArticle(t))
	url := "http://" + bot.Addr + "/api/brief"
	tests := []struct {
		token string
		want  int
	}{{"", 401}, {"wrong", 401}, {token, 200}}
	for _, tt := range tests {
		if status, body := get(t, "GET", url, "", tt.token); status != tt.want {
			t.Errorf("GET /api/brief with token %q = %d %s, want %d", tt.token, status, body, tt.want)
		}
	}
	// Health and metrics stay open to probes and scrapers.
	if status, _ := get(t, "GET", "http://"+bot.Addr+"/healthz", "", ""); status != 200 {
		t.Errorf("GET /healthz = %d, want 200 without a token", status)
	}
}

func TestServeConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "briefbot.yaml")
	yaml := fmt.Sprintf("articles: [%q]\napi:\n  enabled: false\ncommands:\n  brief: summary\nlog_format: json\n", sampleArticle(t))
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	bot := startServe(t, []string{"BRIEFBOT_CONFIG=" + cfg})
	if status, body := get(t, "GET", "http://"+bot.Addr+"/api/brief", "", ""); status != http.StatusNotFound {
		t.Errorf("GET /api/brief with api.enabled false = %d %s, want 404", status, body)
	}
	if code := bot.Stop(t, syscall.SIGTERM); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(bot.Logs()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("log_format json, but a log line is not JSON: %s", line)
		}
	}
	if !strings.Contains(bot.Logs(), `"articles":1`) {
		t.Errorf("the article of the config file was not loaded: %s", bot.Logs())
	}
}

// TestServeConfigErrors checks that a bad configuration stops the bot with
// exit code 2 and a message naming the key.
func TestServeConfigErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-token")
	tests := []struct {
		name string
		yaml string
		env  []string
		want string
	}{
		{"bad yaml", "feeds: [\n", nil, `briefbot.yaml:1: not valid YAML: did not find expected node content`},
		{"unknown key", "http_addr: 127.0.0.1:0\ndigest_emtpy: skip\n", nil, `briefbot.yaml:2: digest_emtpy: unknown key; known keys here: api, articles,`},
		{"bad time zone", "digests:\n  - {platform: slack, channel: C1, schedule: \"0 8 * * *\", timezone: UTC}\n  - {platform: slack, channel: C2, schedule: \"0 9 * * *\", timezone: Europe/Paris}\n  - {platform: discord, channel: \"112233445566778899\", schedule: \"0 8 * * *\", timezone: Europe/Pariss}\n",
			nil, `bot serve: digests[2].timezone: unknown time zone "Europe/Pariss"` + "\n"},
		{"missing secret file", "", []string{"SLACK_BOT_TOKEN_FILE=" + missing}, "bot serve: SLACK_BOT_TOKEN_FILE: stat " + missing + ": no such file or directory\n"},
		{"bad env", "", []string{"BRIEFBOT_LOG_FORMAT=xml"}, "bot serve: BRIEFBOT_LOG_FORMAT: \"xml\" is neither text nor json\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"serve"}
			if tt.yaml != "" {
				cfg := filepath.Join(t.TempDir(), "briefbot.yaml")
				if err := os.WriteFile(cfg, []byte(tt.yaml), 0o600); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--config", cfg)
			}
			_, stderr, code := runBot(t, tt.env, args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.want)
			}
			if strings.Contains(stderr, "level=") {
				t.Errorf("a configuration error is a message, not a log line: %q", stderr)
			}
		})
	}
}

// TestServeShutdownFinishesRequest sends half a question, stops the bot with
// SIGTERM, and checks that the bot refuses new connections, still answers
// the question once the rest arrives, and exits 0.
func TestServeShutdownFinishesRequest(t *testing.T) {
	bot := startServe(t, nil, "--article", sampleArticle(t))
	conn, err := net.Dial("tcp", bot.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"question":"What did the mediators propose?"}`
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /api/ask HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", bot.Addr, len(body), body[:half])

	// Let the server read the headers and start the handler, which now
	// waits for the rest of the body.
	time.Sleep(200 * time.Millisecond)
	if err := bot.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	bot.WaitLog(t, "shutting down")
	refused := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", bot.Addr, time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("the bot still accepts connections after SIGTERM")
	}
	select {
	case <-bot.done:
		t.Fatalf("the bot exited with a request in flight: %s", bot.Logs())
	default:
	}

	if _, err := io.WriteString(conn, body[half:]); err != nil {
		t.Fatalf("write the rest of the body: %v", err)
	}
	if err := conn.SetReadDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read the answer: %v; logs: %s", err, bot.Logs())
	}
	defer resp.Body.Close()
	var a briefing.Answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != http.StatusOK || a.Question != "What did the mediators propose?" {
		t.Errorf("answer during shutdown = %d %+v (%v), want 200 and the answer", resp.StatusCode, a, err)
	}
	if code := bot.Wait(t); code != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0; logs: %s", code, bot.Logs())
	}
	if !strings.Contains(bot.Logs(), "shut down cleanly") {
		t.Errorf("logs do not say the bot shut down cleanly: %s", bot.Logs())
	}
}

func TestHealthCommand(t *testing.T) {
	bot := startServe(t, nil)
	_, port, err := net.SplitHostPort(bot.Addr)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		addr     string
		wantCode int
	}{
		{"127.0.0.1:" + port, 0},
		{"0.0.0.0:" + port, 0},
		{":" + port, 0},
		{"127.0.0.1:1", 1},
		{"nonsense", 2},
	}
	for _, tt := range tests {
		stdout, stderr, code := runBot(t, []string{"BRIEFBOT_HTTP_ADDR=" + tt.addr}, "health")
		if code != tt.wantCode {
			t.Errorf("bot health with BRIEFBOT_HTTP_ADDR=%s exited %d, want %d; %s%s", tt.addr, code, tt.wantCode, stdout, stderr)
		}
	}
}
