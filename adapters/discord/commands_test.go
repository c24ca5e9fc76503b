package discord

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/adapters/discord/discordtest"
)

func sub(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	return []*discordgo.ApplicationCommandInteractionDataOption{{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}
}

func str(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

func TestDiscordDigestText(t *testing.T) {
	tests := []struct {
		name     string
		opts     []*discordgo.ApplicationCommandInteractionDataOption
		want     string
		userErr  bool
		parsesTo string // the router's parse of the text, for subscriptions
	}{
		{"no subcommand", nil, "list", false, ""},
		{"list", sub("list"), "list", false, ""},
		{"now", sub("now"), "now", false, ""},
		{"unsubscribe", sub("unsubscribe", str("id", "d1")), "off d1", false, ""},
		{"unsubscribe without id", sub("unsubscribe"), "", true, ""},
		{"unsubscribe two words", sub("unsubscribe", str("id", "d1 d2")), "", true, ""},
		{"time and zone", sub("subscribe", str("time", "08:00"), str("timezone", "Europe/Paris")), "subscribe at 08:00 Europe/Paris", false, "0 8 * * * Europe/Paris"},
		{"time only", sub("subscribe", str("time", "7:30")), "subscribe at 7:30", false, "30 7 * * * UTC"},
		{"cron and zone", sub("subscribe", str("cron", "0 8 * * 1-5"), str("timezone", "America/New_York")), "subscribe 0 8 * * 1-5 America/New_York", false, "0 8 * * 1-5 America/New_York"},
		{"descriptor", sub("subscribe", str("cron", "@daily")), "subscribe @daily", false, "@daily UTC"},
		{"both", sub("subscribe", str("time", "08:00"), str("cron", "0 8 * * *")), "", true, ""},
		{"neither", sub("subscribe", str("timezone", "UTC")), "", true, ""},
		{"zone with a space", sub("subscribe", str("time", "08:00"), str("timezone", "Europe Paris")), "", true, ""},
		{"unknown", sub("pause"), "", true, ""},
		{"nil option", []*discordgo.ApplicationCommandInteractionDataOption{nil}, "list", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := digestText(tt.opts)
			if tt.userErr {
				if _, ok := errors.AsType[*chat.UserError](err); !ok {
					t.Fatalf("digestText = %q, %v; want a user error", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("digestText = %q, %v; want %q", got, err, tt.want)
			}
			if tt.parsesTo != "" {
				fields := strings.Fields(got)[1:] // what the router reads after "subscribe"
				if fields[0] == "at" {
					fields = fields[1:]
				}
				spec, tz, err := chat.ParseDigestSchedule(fields)
				if err != nil || spec+" "+tz != tt.parsesTo {
					t.Errorf("the router reads %q as %q %q (%v), want %q", got, spec, tz, err, tt.parsesTo)
				}
			}
		})
	}
}

func TestDiscordCanManage(t *testing.T) {
	f := discordtest.NewServer(t)
	f.SetRole("77", "Editors")
	f.SetRole("78", "Readers")
	member := func(perms int64, roles ...string) *discordgo.Member {
		return &discordgo.Member{User: &discordgo.User{ID: "600"}, Permissions: perms, Roles: roles}
	}
	tests := []struct {
		name  string
		role  string // ManagerRole
		token bool
		i     discordgo.Interaction
		want  bool
	}{
		{"plain member", "", true, discordgo.Interaction{GuildID: "500", Member: member(discordgo.PermissionSendMessages)}, false},
		{"manage server", "", true, discordgo.Interaction{GuildID: "500", Member: member(discordgo.PermissionManageGuild)}, true},
		{"administrator", "", true, discordgo.Interaction{GuildID: "500", Member: member(discordgo.PermissionAdministrator)}, true},
		{"role by id", "77", true, discordgo.Interaction{GuildID: "500", Member: member(0, "77")}, true},
		{"other role by id", "77", true, discordgo.Interaction{GuildID: "500", Member: member(0, "78")}, false},
		{"role by name", "editors", true, discordgo.Interaction{GuildID: "500", Member: member(0, "78", "77")}, true},
		{"role name not held", "Editors", true, discordgo.Interaction{GuildID: "500", Member: member(0, "78")}, false},
		{"role by name without a token", "Editors", false, discordgo.Interaction{GuildID: "500", Member: member(0, "77")}, false},
		{"direct message", "", true, discordgo.Interaction{User: &discordgo.User{ID: "600"}}, true},
		{"nobody", "", true, discordgo.Interaction{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{PublicKey: strings.Repeat("00", 32), APIURL: f.URL(), ManagerRole: tt.role}
			if tt.token {
				cfg.BotToken = "t"
			}
			a, err := New(cfg, &stubHandler{})
			if err != nil {
				t.Fatal(err)
			}
			if got := a.canManage(context.Background(), &tt.i); got != tt.want {
				t.Errorf("canManage = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiscordRequestFromInteraction(t *testing.T) {
	a, err := New(Config{BotToken: "t"}, &stubHandler{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		i       discordgo.Interaction
		want    chat.Request
		wantErr bool
	}{
		{"ask", discordgo.Interaction{ID: "1", ChannelID: "4", User: &discordgo.User{ID: "6"}, Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{str("question", "who?")}}},
			chat.Request{Platform: "discord", Channel: "4", User: "6", Command: "ask", Text: "who?", CanManage: true}, false},
		{"odd option types", discordgo.Interaction{ID: "2", ChannelID: "4", Member: &discordgo.Member{User: &discordgo.User{ID: "6"}}, GuildID: "5", Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "n", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(3)}, {Name: "x", Type: discordgo.ApplicationCommandOptionString, Value: []any{}}, nil}}},
			chat.Request{Platform: "discord", Channel: "4", User: "6", Command: "ask", Text: "3"}, false},
		{"digest", discordgo.Interaction{ID: "3", ChannelID: "4", GuildID: "5", Member: &discordgo.Member{User: &discordgo.User{ID: "6"}, Permissions: discordgo.PermissionManageGuild}, Data: discordgo.ApplicationCommandInteractionData{Name: "digest", Options: sub("now")}},
			chat.Request{Platform: "discord", Channel: "4", User: "6", Command: "digest", Text: "now", CanManage: true}, false},
		{"no data", discordgo.Interaction{ID: "4"}, chat.Request{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.request(context.Background(), &tt.i)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("request = %+v, %v; want %+v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestDiscordRoleNamesCached(t *testing.T) {
	f := discordtest.NewServer(t)
	f.SetRole("77", "Editors")
	now := testNow
	a, err := New(Config{BotToken: "t", APIURL: f.URL(), ManagerRole: "Editors"}, &stubHandler{}, WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	i := &discordgo.Interaction{GuildID: "500", Member: &discordgo.Member{Roles: []string{"77"}}}
	for range 3 {
		if !a.canManage(context.Background(), i) {
			t.Fatal("a member with the Editors role cannot manage")
		}
	}
	if n := f.Count("GET", "/api/v9/guilds/500/roles"); n != 1 {
		t.Errorf("%d role lookups within the cache's lifetime, want 1", n)
	}
	now = now.Add(roleCacheTTL)
	a.canManage(context.Background(), i)
	if n := f.Count("GET", "/api/v9/guilds/500/roles"); n != 2 {
		t.Errorf("%d role lookups after the cache expired, want 2", n)
	}
}
