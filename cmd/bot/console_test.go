package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunConsoleOverBundledSample(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), env{
		stdin:  strings.NewReader("/help\n/brief\n/quit\n"),
		stdout: &out, stderr: &errOut,
		getenv: func(string) string { return "" },
	})
	if code != exitOK {
		t.Fatalf("exit code %d, stderr %s", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"briefbot has read", "/figures", "/who", "Trump and Netanyahu Discuss Gaza Ceasefire"} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q:\n%s", want, got)
		}
	}
}

func TestRunUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), env{args: []string{"frobnicate"}, stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }})
	if code != exitUsage || !strings.Contains(errOut.String(), `unknown command "frobnicate"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}
