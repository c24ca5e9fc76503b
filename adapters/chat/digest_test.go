package chat

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestParseDigestSchedule(t *testing.T) {
	tests := []struct {
		in       string
		spec, tz string
		wantErr  string
	}{
		{in: "08:00 Europe/Paris", spec: "0 8 * * *", tz: "Europe/Paris"},
		{in: "7:30", spec: "30 7 * * *", tz: "UTC"},
		{in: "0 8 * * 1-5 America/New_York", spec: "0 8 * * 1-5", tz: "America/New_York"},
		{in: "@daily", spec: "@daily", tz: "UTC"},
		{in: "", wantErr: "Say when"},
		{in: "25:00", wantErr: "not a time of day"},
		{in: "8:5", wantErr: "not a time of day"},
		{in: "0 8 *", wantErr: "five fields"},
		{in: "08:00 Europe/Paris extra", wantErr: "one time zone"},
	}
	for _, tt := range tests {
		spec, tz, err := ParseDigestSchedule(strings.Fields(tt.in))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDigestSchedule(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || spec != tt.spec || tz != tt.tz {
			t.Errorf("ParseDigestSchedule(%q) = %q, %q, %v; want %q, %q", tt.in, spec, tz, err, tt.spec, tt.tz)
		}
	}
}

type fakeDigests struct {
	subs []Subscription
	sent int
	err  error
}

func (f *fakeDigests) Subscribe(ctx context.Context, s Subscription) (Subscription, error) {
	if f.err != nil {
		return Subscription{}, f.err
	}
	s.ID = "d1"
	f.subs = append(f.subs, s)
	return s, nil
}
func (f *fakeDigests) Subscriptions(ctx context.Context, platform, channel string) ([]Subscription, error) {
	return f.subs, nil
}
func (f *fakeDigests) Unsubscribe(ctx context.Context, platform, channel, id string) error {
	if len(f.subs) == 0 || f.subs[0].ID != id {
		return Userf("No digest %s in this channel.", id)
	}
	f.subs = nil
	return nil
}
func (f *fakeDigests) SendNow(ctx context.Context, platform, channel string) error {
	f.sent++
	return nil
}

func TestDigestCommand(t *testing.T) {
	d := &fakeDigests{}
	r := NewRouter(&fakeEngine{}, WithDigests(d))
	ctx := context.Background()
	say := func(text string, manage bool) string {
		t.Helper()
		rep, err := r.Handle(ctx, Request{Platform: "slack", Channel: "C1", Command: "digest", Text: text, CanManage: manage})
		if err != nil {
			t.Fatalf("digest %q: %v", text, err)
		}
		return RenderText(rep)
	}
	if got := say("at 08:00 Europe/Paris", false); !strings.Contains(got, "Only channel managers") {
		t.Errorf("non-manager subscribed: %q", got)
	}
	if got := say("at 08:00 Europe/Paris", true); !strings.Contains(got, "id d1") {
		t.Errorf("subscribe reply %q", got)
	}
	if len(d.subs) != 1 || d.subs[0].Spec != "0 8 * * *" || d.subs[0].TimeZone != "Europe/Paris" || d.subs[0].Channel != "C1" {
		t.Fatalf("subscriptions = %+v", d.subs)
	}
	if got := say("list", false); !strings.Contains(got, "d1: 0 8 * * * (Europe/Paris)") {
		t.Errorf("list reply %q", got)
	}
	if got := say("now", false); d.sent != 1 || !strings.Contains(got, "now") {
		t.Errorf("now reply %q, sent %d", got, d.sent)
	}
	if got := say("off d9", true); !strings.Contains(got, "No digest d9") {
		t.Errorf("off unknown reply %q", got)
	}
	if got := say("off d1", true); !strings.Contains(got, "removed") || len(d.subs) != 0 {
		t.Errorf("off reply %q, subs %v", got, d.subs)
	}
	d.err = errors.New("store down")
	if _, err := r.Handle(ctx, Request{Command: "digest", Text: "09:00", CanManage: true}); err == nil {
		t.Error("a store failure was not reported for the log")
	}
}
