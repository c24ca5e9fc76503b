package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServeHealthz(t *testing.T) {
	bot := startServe(t, nil)
	resp, err := http.Get("http://" + bot.Addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "ok") {
		t.Fatalf("GET /healthz = %d %q, want 200 ok", resp.StatusCode, body)
	}
}
