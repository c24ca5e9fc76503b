package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
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
	code   int // the exit code, once done is closed
}

// Logs returns what the bot has logged so far.
func (b *servedBot) Logs() string { return b.stderr.String() }

// Stop sends sig to the bot and returns its exit code, failing the test if
// it has not exited within 30 seconds.
func (b *servedBot) Stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	if err := b.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal bot: %v", err)
	}
	return b.Wait(t)
}

// Wait returns the bot's exit code once it has exited, failing the test if
// that takes more than 30 seconds.
func (b *servedBot) Wait(t *testing.T) int {
	t.Helper()
	select {
	case <-b.done:
		return b.code
	case <-time.After(30 * time.Second):
		t.Fatalf("bot did not exit within 30s: %s", b.Logs())
		return -1
	}
}

// WaitLog waits until the bot has logged a line containing s.
func (b *servedBot) WaitLog(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(b.Logs(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("bot did not log %q within 30s: %s", s, b.Logs())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// runBot runs the built binary with args and the given extra environment
// to completion and returns its standard output, standard error and exit code.
func runBot(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	bin := buildBot(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "BRIEFBOT_HTTP_ADDR=127.0.0.1:0",
		"BRIEFBOT_DATA_DIR=" + filepath.Join(dir, "data")}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("bot %v did not exit within 30s: %s", args, errOut.String())
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("run bot: %v", err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// startServe starts the built binary as "bot serve args..." on a free
// loopback port with the given extra environment, waits until it listens,
// and stops it when the test ends.
func startServe(t *testing.T, env []string, args ...string) *servedBot {
	t.Helper()
	b, ok := launchServe(t, env, args...)
	if !ok {
		t.Fatalf("bot exited before listening: %s", b.Logs())
	}
	return b
}

// launchServe is startServe for a bot that may exit before it listens; ok
// says whether it listens.
func launchServe(t *testing.T, env []string, args ...string) (b *servedBot, ok bool) {
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
	b = &servedBot{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stderr = b.stderr
	cmd.Stdout = b.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start bot: %v", err)
	}
	go func() {
		// The exit code says how it ended; Wait's error adds nothing.
		_ = cmd.Wait()
		b.code = cmd.ProcessState.ExitCode()
		close(b.done)
	}()
	t.Cleanup(func() {
		select {
		case <-b.done:
			return
		default:
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
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
			return b, true
		}
		select {
		case <-b.done:
			return b, false
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
