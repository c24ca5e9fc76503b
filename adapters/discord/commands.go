package discord

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/adapters/chat"
)

// maxDescriptionOfCommand is Discord's limit on a command's or option's description.
const maxDescriptionOfCommand = 100

// validName is what Discord accepts as a slash command or option name.
var validName = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// commandsFor describes the router's commands as Discord application
// commands: one per chat command, with the options that command reads. The
// digest command becomes subcommands (subscribe, list, unsubscribe, now).
func commandsFor(cmds []chat.Command) []*discordgo.ApplicationCommand {
	out := []*discordgo.ApplicationCommand{}
	for _, c := range cmds {
		if !validName.MatchString(c.Name) {
			continue
		}
		ac := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        c.Name,
			Description: truncate(orDefault(c.Help, c.Name), maxDescriptionOfCommand),
			Options:     []*discordgo.ApplicationCommandOption{},
		}
		switch c.Builtin {
		case "ask":
			ac.Options = append(ac.Options, stringOption("question", "What you want to know about the articles", true, 500))
		case "add":
			ac.Options = append(ac.Options, stringOption("url", "The address of an article or a feed", true, 2000))
		case "digest":
			ac.Options = digestOptions()
		default:
			if c.Args != "" {
				ac.Options = append(ac.Options, stringOption("text", truncate(c.Args, maxDescriptionOfCommand), false, 1000))
			}
		}
		out = append(out, ac)
	}
	return out
}

func stringOption(name, description string, required bool, maxLength int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: description, Required: required, MaxLength: maxLength}
}

func digestOptions() []*discordgo.ApplicationCommandOption {
	sub := func(name, description string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		if opts == nil {
			opts = []*discordgo.ApplicationCommandOption{}
		}
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: description, Options: opts}
	}
	return []*discordgo.ApplicationCommandOption{
		sub("subscribe", "Post a digest to this channel on a schedule",
			stringOption("time", "Time of day, HH:MM (for example 08:00)", false, 5),
			stringOption("timezone", "IANA time zone (for example Europe/Paris); UTC when empty", false, 64),
			stringOption("cron", "A five-field cron spec instead of a time (for example 0 8 * * 1-5)", false, 100),
		),
		sub("list", "List this channel's digests"),
		sub("unsubscribe", "Stop one of this channel's digests",
			stringOption("id", "The digest's id, as digest list shows it", true, 64),
		),
		sub("now", "Post a digest to this channel now"),
	}
}

// request turns an application command interaction into a chat request.
// A request the user got wrong comes back as a *chat.UserError.
func (a *Adapter) request(ctx context.Context, i *discordgo.Interaction) (chat.Request, error) {
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok || data.Name == "" {
		return chat.Request{}, fmt.Errorf("interaction %s has no command data", i.ID)
	}
	req := chat.Request{
		Platform:  platform,
		Channel:   i.ChannelID,
		User:      interactionUser(i),
		Command:   data.Name,
		CanManage: a.canManage(ctx, i),
	}
	// The digest command, whatever it is called here, is the one with subcommands.
	if data.Name == "digest" || (len(data.Options) > 0 && data.Options[0] != nil && data.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand) {
		text, err := digestText(data.Options)
		if err != nil {
			return chat.Request{}, err
		}
		req.Text = text
		return req, nil
	}
	var words []string
	for _, o := range data.Options {
		if s := optionString(o); s != "" {
			words = append(words, s)
		}
	}
	req.Text = strings.Join(words, " ")
	return req, nil
}

// digestText translates /digest's subcommands into the router's digest
// syntax ("subscribe at 08:00 Europe/Paris", "list", "off ID", "now").
func digestText(opts []*discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	if len(opts) == 0 || opts[0] == nil {
		return "list", nil
	}
	sub := opts[0]
	get := func(name string) string {
		for _, o := range sub.Options {
			if o != nil && o.Name == name {
				return strings.TrimSpace(optionString(o))
			}
		}
		return ""
	}
	switch sub.Name {
	case "list":
		return "list", nil
	case "now":
		return "now", nil
	case "unsubscribe":
		id := get("id")
		if id == "" || strings.ContainsAny(id, " \t\n") {
			return "", chat.Userf("Give the id of the digest to stop, as /digest list shows it.")
		}
		return "off " + id, nil
	case "subscribe":
		at, cron, tz := get("time"), get("cron"), get("timezone")
		var when string
		switch {
		case at != "" && cron != "":
			return "", chat.Userf("Give a time or a cron spec, not both.")
		case at != "":
			when = "at " + at
		case cron != "":
			when = cron
		default:
			return "", chat.Userf("Say when: a time such as 08:00, or a cron spec such as 0 8 * * 1-5.")
		}
		if strings.ContainsAny(tz, " \t\n") {
			return "", chat.Userf("%q is not a time zone name; use one such as Europe/Paris.", tz)
		}
		return strings.TrimSpace("subscribe " + when + " " + tz), nil
	}
	return "", chat.Userf("I don't know /digest %s.", sub.Name)
}

// optionString is an option's value as text, whatever its JSON type.
func optionString(o *discordgo.ApplicationCommandInteractionDataOption) string {
	if o == nil {
		return ""
	}
	switch v := o.Value.(type) {
	case string:
		return v
	case float64, bool:
		return fmt.Sprint(v)
	}
	return ""
}

func interactionUser(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// canManage reports whether the interaction's user may change the
// channel's digests: a member with Manage Server (or Administrator), a
// member with the configured manager role, or the user of a DM.
func (a *Adapter) canManage(ctx context.Context, i *discordgo.Interaction) bool {
	if i.Member == nil {
		return i.GuildID == "" && i.User != nil
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	if i.Member.User != nil && slices.Contains(a.cfg.Admins, i.Member.User.ID) {
		return true
	}
	return a.hasManagerRole(ctx, i.GuildID, i.Member.Roles)
}

// hasManagerRole reports whether one of roles is the configured manager
// role, given by ID or by name. Names are looked up in the gateway's state,
// else through the REST API when there is a bot token.
func (a *Adapter) hasManagerRole(ctx context.Context, guildID string, roles []string) bool {
	want := strings.TrimSpace(a.cfg.ManagerRole)
	if want == "" || len(roles) == 0 {
		return false
	}
	for _, r := range roles {
		if r == want {
			return true
		}
	}
	if guildID == "" {
		return false
	}
	var unknown bool
	for _, r := range roles {
		role, err := a.session.State.Role(guildID, r)
		if err != nil {
			unknown = true
			continue
		}
		if strings.EqualFold(role.Name, want) {
			return true
		}
	}
	if !unknown || a.cfg.BotToken == "" {
		return false
	}
	all, err := a.guildRoles(ctx, guildID)
	if err != nil {
		a.log.Warn("look up discord roles", "guild_id", guildID, "err", err)
		return false
	}
	for _, role := range all {
		if strings.EqualFold(role.Name, want) {
			for _, r := range roles {
				if r == role.ID {
					return true
				}
			}
		}
	}
	return false
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// roleCacheTTL is how long a guild's roles, fetched to match the manager
// role by name, are reused.
const roleCacheTTL = 5 * time.Minute

// roleCache holds the roles of guilds fetched through the REST API.
type roleCache struct {
	mu     sync.Mutex
	guilds map[string]cachedRoles
}

type cachedRoles struct {
	roles   []*discordgo.Role
	fetched time.Time
}

// guildRoles lists a guild's roles, from the cache when it is fresh. The
// lookup gets a second at most: it runs before an interaction is answered.
func (a *Adapter) guildRoles(ctx context.Context, guildID string) ([]*discordgo.Role, error) {
	now := a.now()
	a.roles.mu.Lock()
	c, ok := a.roles.guilds[guildID]
	a.roles.mu.Unlock()
	if ok && now.Sub(c.fetched) < roleCacheTTL {
		return c.roles, nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var roles []*discordgo.Role
	err := a.call(ctx, "list guild roles", "guild:"+guildID, true, func(opts ...discordgo.RequestOption) error {
		var err error
		roles, err = a.session.GuildRoles(guildID, opts...)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.roles.mu.Lock()
	defer a.roles.mu.Unlock()
	if a.roles.guilds == nil || len(a.roles.guilds) > 10000 {
		a.roles.guilds = map[string]cachedRoles{}
	}
	a.roles.guilds[guildID] = cachedRoles{roles: roles, fetched: now}
	return roles, nil
}
