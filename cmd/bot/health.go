package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/briefbot/briefbot/config"
)

// runHealth asks the "bot serve" configured by the same flags, environment
// and file whether it is alive (GET /healthz), for container health checks
// in images that have no shell or HTTP client. It exits 0 when it is.
func runHealth(ctx context.Context, e env) int {
	cfg, err := config.Load(e.args, e.getenv, e.stderr)
	if errors.Is(err, config.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "bot health: %v\n", err)
		return exitUsage
	}
	host, port, err := net.SplitHostPort(cfg.HTTPAddr)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot health: %v\n", err)
		return exitUsage
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1" // the server listens on every address; ask it on loopback
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + "/healthz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot health: %v\n", err)
		return exitError
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot health: %v\n", err)
		return exitError
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(e.stderr, "bot health: GET %s: %s\n", url, resp.Status)
		return exitError
	}
	fmt.Fprintln(e.stdout, "ok")
	return exitOK
}
