package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// eventPayload is the Events API body inside a Socket Mode envelope.
func eventPayload(t *testing.T, name string) []byte {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(payload(t, name), &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSocketModeMentionRepliesInThreadOnce(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	a, _ := startAdapter(t, f, h, Config{AppToken: "xapp-test"}, WithWorkers(1))
	if !a.SocketMode() {
		t.Fatal("not in Socket Mode with an app token")
	}
	mention := eventPayload(t, "app_mention.json")
	f.SendEnvelope("env-1", "events_api", 0, mention)
	if ack := f.WaitAck(t); ack.EnvelopeID != "env-1" {
		t.Fatalf("acked %q, want env-1", ack.EnvelopeID)
	}
	p := f.WaitPost(t)
	if p.Channel != "C1" || p.ThreadTS != "1515449522.000016" || !strings.Contains(p.Blocks, "*20 living hostages*") {
		t.Fatalf("posted %+v, want the answer in thread 1515449522.000016 of C1", p)
	}
	// Slack redelivers the event after a missed acknowledgement.
	f.SendEnvelope("env-2", "events_api", 1, mention)
	if ack := f.WaitAck(t); ack.EnvelopeID != "env-2" {
		t.Fatalf("acked %q, want env-2", ack.EnvelopeID)
	}
	drain(t, a)
	f.NoMorePosts(t)
	if n := len(h.Requests()); n != 1 {
		t.Errorf("answered %d times, want 1", n)
	}
	if got := f.Calls("apps.connections.open"); got != 1 {
		t.Errorf("apps.connections.open called %d times, want 1", got)
	}
}

func TestSocketModeSlashCommandAckCarriesAnswer(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	_, _ = startAdapter(t, f, h, Config{AppToken: "xapp-test"})
	cmd, err := json.Marshal(map[string]string{
		"token": "x", "team_id": "T1", "team_domain": "newsroom", "channel_id": "C1", "channel_name": "news",
		"user_id": "U1", "user_name": "ada", "command": "/figures", "text": "", "api_app_id": "A1",
		"response_url": f.srv.URL + "/hooks/commands/1", "trigger_id": "1.2.3",
	})
	if err != nil {
		t.Fatal(err)
	}
	f.SendEnvelope("env-cmd", "slash_commands", 0, cmd)
	ack := f.WaitAck(t)
	if ack.EnvelopeID != "env-cmd" {
		t.Fatalf("acked %q", ack.EnvelopeID)
	}
	var msg slack.WebhookMessage
	if err := json.Unmarshal(ack.Payload, &msg); err != nil {
		t.Fatalf("ack payload %s: %v", ack.Payload, err)
	}
	if msg.ResponseType != "in_channel" || !strings.Contains(msg.Text, "251") || msg.Blocks == nil || len(msg.Blocks.BlockSet) == 0 {
		t.Errorf("ack payload %s, want the figures in the channel", ack.Payload)
	}
	if got := h.Requests(); len(got) != 1 || got[0].Command != "figures" || got[0].Channel != "C1" {
		t.Errorf("handled %+v", got)
	}
	f.NoMorePosts(t)
}

func TestSocketModeInteraction(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	_, _ = startAdapter(t, f, h, Config{AppToken: "xapp-test"})
	f.SendEnvelope("env-act", "interactive", 0, payload(t, "block_actions.json"))
	if ack := f.WaitAck(t); ack.EnvelopeID != "env-act" {
		t.Fatalf("acked %q", ack.EnvelopeID)
	}
	if p := f.WaitPost(t); p.ThreadTS != "1548261231.000200" {
		t.Errorf("posted %+v, want the thread of the clicked message", p)
	}
}

func TestSocketModeRefusedAppToken(t *testing.T) {
	f := newFakeSlack(t)
	a, err := New(&answering{}, Config{BotToken: "xoxb-test", AppToken: "xapp-wrong", APIURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	err = a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("Run = %v, want an invalid_auth error", err)
	}
}

func TestSocketModeLargeAnswerFollowsThroughResponseURL(t *testing.T) {
	f := newFakeSlack(t)
	figs := make([]briefing.Figure, 400)
	for i := range figs {
		figs[i] = briefing.Figure{Text: "1,200", Label: strings.Repeat("a long label ", 10)}
	}
	h := handlerFunc(func(ctx context.Context, req chat.Request) (chat.Reply, error) {
		return chat.Reply{Figures: figs}, nil
	})
	_, _ = startAdapter(t, f, h, Config{AppToken: "xapp-test"})
	cmd, _ := json.Marshal(map[string]string{"command": "/figures", "channel_id": "C1", "user_id": "U1", "response_url": f.srv.URL + "/hooks/commands/2"})
	f.SendEnvelope("env-big", "slash_commands", 0, cmd)
	ack := f.WaitAck(t)
	if ack.EnvelopeID != "env-big" || (len(ack.Payload) > 0 && string(ack.Payload) != "null") {
		t.Fatalf("ack %q with payload %d bytes, want an empty ack (Slack drops payloads of 20KB)", ack.EnvelopeID, len(ack.Payload))
	}
	p := f.WaitPost(t)
	if p.Method != "response_url" || p.Response["blocks"] == nil {
		t.Fatalf("delivered %s, want the figures through response_url", p.Method)
	}
	f.NoMorePosts(t)
}

func TestSocketModeSurvivesMalformedEnvelopes(t *testing.T) {
	f := newFakeSlack(t)
	h := &answering{}
	_, _ = startAdapter(t, f, h, Config{AppToken: "xapp-test"})
	for _, bad := range []string{
		`{"type":"events_api","envelope_id":"bad-1","payload":{"type":"event_callback","event":"not an object"}}`,
		`{"type":"slash_commands","envelope_id":"bad-2","payload":"nope"}`,
		`{"type":"mystery","envelope_id":"bad-3"}`,
		`not json at all`,
		`{"type":"events_api","envelope_id":"bad-4","payload":{"type":"event_callback","event_id":"EvX","event":{"type":"app_mention","user":"U1","text":"no channel","ts":"1.1"}}}`,
	} {
		if err := f.SendRaw([]byte(bad)); err != nil {
			t.Fatal(err)
		}
	}
	f.SendEnvelope("good", "events_api", 0, eventPayload(t, "message_im.json"))
	for {
		ack := f.WaitAck(t)
		if ack.EnvelopeID == "good" {
			break
		}
		if ack.EnvelopeID != "bad-4" {
			t.Errorf("acked %q", ack.EnvelopeID)
		}
	}
	if p := f.WaitPost(t); p.Channel != "D1" {
		t.Errorf("posted %+v, want the answer to the good message", p)
	}
	if got := f.Calls("apps.connections.open"); got != 1 {
		t.Errorf("reconnected: apps.connections.open called %d times", got)
	}
}

func TestSocketModeOversizedMessageReconnects(t *testing.T) {
	f := newFakeSlack(t)
	a, _ := startAdapter(t, f, &answering{}, Config{AppToken: "xapp-test"})
	huge := `{"type":"events_api","envelope_id":"huge","payload":{"type":"event_callback","event":{"type":"app_mention","text":"` + strings.Repeat("a", 2<<20) + `"}}}`
	// The client hangs up part way; the write may fail.
	_ = f.SendRaw([]byte(huge))
	deadline := time.Now().Add(10 * time.Second)
	for f.Sockets() < 2 || a.Ready(context.Background()) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("no reconnection after an oversized message: %d connections", f.Calls("apps.connections.open"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	f.SendEnvelope("after", "events_api", 0, eventPayload(t, "message_im.json"))
	if ack := f.WaitAck(t); ack.EnvelopeID != "after" {
		t.Errorf("acked %q, want after (the oversized message must not be acknowledged)", ack.EnvelopeID)
	}
	if p := f.WaitPost(t); p.Channel != "D1" {
		t.Errorf("posted %+v", p)
	}
}
