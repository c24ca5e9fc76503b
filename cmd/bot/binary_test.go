package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	builtBot  string
	buildErr  error
)

// buildBot builds the bot binary once per test run and returns its path.
func buildBot(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "briefbot-test-")
		if err != nil {
			buildErr = err
			return
		}
		builtBot = filepath.Join(dir, "bot")
		out, err := exec.Command("go", "build", "-o", builtBot, ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{out: string(out), err: err}
		}
	})
	if buildErr != nil {
		t.Fatalf("build bot: %v", buildErr)
	}
	return builtBot
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// servedBot is a "bot serve" process started by a test.
type servedBot struct {
	Addr   string // host:port of its HTTP server
	cmd    *exec.Cmd
	stderr *lockedBuffer
	done   chan struct{}
}

// Logs returns what the bot has logged so far.
func (b *servedBot) Logs() string { return b.stderr.String() }

// startServe starts the built binary as "bot serve args..." on a free
// loopback port with the given extra environment, waits until it listens,
// and stops it when the test ends.
func startServe(t *testing.T, env []string, args ...string) *servedBot {
	t.Helper()
	bin := buildBot(t)
	dir := t.TempDir()
	addrFile := filepath.Join(dir, "addr")
	cmd := exec.Command(bin, append([]string{"serve"}, args...)...)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"BRIEFBOT_HTTP_ADDR=127.0.0.1:0",
		"BRIEFBOT_DATA_DIR=" + filepath.Join(dir, "data"),
		"BRIEFBOT_ADDR_FILE=" + addrFile,
	}, env...)
	b := &servedBot{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stderr = b.stderr
	cmd.Stdout = b.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start bot: %v", err)
	}
	go func() { _ = cmd.Wait(); close(b.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-b.done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-b.done
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		if data, err := os.ReadFile(addrFile); err == nil && len(data) > 0 {
			b.Addr = strings.TrimSpace(string(data))
			return b
		}
		select {
		case <-b.done:
			t.Fatalf("bot exited before listening: %s", b.Logs())
		case <-ctx.Done():
			t.Fatalf("bot did not listen within 30s: %s", b.Logs())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// lockedBuffer is a bytes buffer safe for a process to write while a test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
