package main

import (
	"reflect"
	"testing"
	"time"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feed"
)

// TestConfiguredDigests checks that what the configuration says of digests,
// feeds and fetching reaches the digest service's settings.
func TestConfiguredDigests(t *testing.T) {
	cfg := config.Config{
		Digests:     []config.Digest{{Platform: "slack", Channel: "C1", Schedule: "0 8 * * 1-5", TimeZone: "Europe/Paris"}},
		Feeds:       []config.Feed{{URL: "https://news.example/feed.xml", Interval: 15 * time.Minute}},
		DigestEmpty: "line",
		Fetch:       config.Fetch{Allow: []string{"10.20.0.0/16"}, MaxBytes: 2048},
	}
	got := configuredDigests(cfg)
	want := digestSettings{
		Subscriptions:  []chat.Subscription{{Platform: "slack", Channel: "C1", Spec: "0 8 * * 1-5", TimeZone: "Europe/Paris"}},
		Feeds:          []feed.Config{{URL: "https://news.example/feed.xml", Interval: 15 * time.Minute}},
		QuietWhenEmpty: false,
		FetchAllow:     []string{"10.20.0.0/16"},
		FetchMaxBytes:  2048,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("configuredDigests = %+v, want %+v", got, want)
	}
	if s := configuredDigests(config.Config{DigestEmpty: "skip"}); !s.QuietWhenEmpty {
		t.Error("digest_empty: skip did not make empty digests quiet")
	}
}
