package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/store/sqlstore/sqltest"
)

// TestAddThenServe stores an article with "bot add", then starts "bot serve"
// on the same data directory: the engine is rebuilt from the store.
func TestAddThenServe(t *testing.T) {
	bin := buildBot(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	article := filepath.Join(dir, "story.txt")
	if err := os.WriteFile(article, []byte("Hostages freed\nTwenty hostages were freed on Monday, officials said.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "BRIEFBOT_DATA_DIR=" + data}
	add := func(args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"add"}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	for _, tt := range []struct {
		args     []string
		wantCode int
		want     string
	}{
		{[]string{article}, 0, "(created)"},
		{[]string{article}, 0, "(unchanged)"},
		{nil, 2, "give a URL or a file"},
		{[]string{filepath.Join(dir, "missing.txt")}, 1, "no such file"},
		{[]string{"http://127.0.0.1:1/story"}, 1, "private or internal"},
	} {
		out, code := add(tt.args...)
		if code != tt.wantCode || !strings.Contains(out, tt.want) {
			t.Errorf("bot add %q: exit %d, output %q; want exit %d and %q", tt.args, code, out, tt.wantCode, tt.want)
		}
	}

	// The engine is rebuilt before the bot listens, so the logs say so by now.
	logs := startServe(t, []string{"BRIEFBOT_DATA_DIR=" + data}).Logs()
	if !strings.Contains(logs, "engine rebuilt from the store") || !strings.Contains(logs, "articles=1") {
		t.Errorf("serve did not rebuild the engine with the stored article:\n%s", logs)
	}
	if !strings.Contains(logs, `msg="component on" component=digests`) {
		t.Errorf("the digests component is not on:\n%s", logs)
	}
	if _, err := os.Stat(filepath.Join(data, sqliteFile)); err != nil {
		t.Errorf("no SQLite database in the data directory: %v", err)
	}
}

// TestServePostgres starts the bot on PostgreSQL: the store is used and the
// database URL is never logged.
func TestServePostgres(t *testing.T) {
	url := sqltest.PostgresURL(t)
	logs := startServe(t, []string{"DATABASE_URL=" + url}).Logs()
	if !strings.Contains(logs, "store=postgres") {
		t.Errorf("the bot did not open PostgreSQL:\n%s", logs)
	}
	if strings.Contains(logs, url) || strings.Contains(logs, "search_path") {
		t.Errorf("the logs show the database URL:\n%s", logs)
	}
}
