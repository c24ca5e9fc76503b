package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// digest handles "digest": subscribe, list, unsubscribe, send now.
func (r *Router) digest(ctx context.Context, req Request) (Reply, error) {
	fields := strings.Fields(req.Text)
	verb := ""
	if len(fields) > 0 {
		verb = strings.ToLower(fields[0])
	}
	switch verb {
	case "", "list":
		subs, err := r.digests.Subscriptions(ctx, req.Platform, req.Channel)
		if err != nil {
			return Reply{}, fmt.Errorf("list digests: %w", err)
		}
		if len(subs) == 0 {
			return Reply{Text: "This channel has no digest. Subscribe with: digest at 08:00 Europe/Paris", Ephemeral: true}, nil
		}
		var b strings.Builder
		b.WriteString("Digests for this channel:")
		for _, s := range subs {
			fmt.Fprintf(&b, "\n  %s: %s (%s)", s.ID, s.Spec, s.TimeZone)
		}
		return Reply{Text: b.String(), Ephemeral: true}, nil
	case "now":
		if err := r.digests.SendNow(ctx, req.Platform, req.Channel); err != nil {
			return Reply{}, fmt.Errorf("send digest now: %w", err)
		}
		return Reply{Text: "Sending a digest to this channel now.", Ephemeral: true}, nil
	case "off", "unsubscribe", "remove", "stop":
		if !req.CanManage {
			return Reply{}, Userf("Only channel managers can change digests.")
		}
		if len(fields) < 2 {
			return Reply{}, Userf("Say which digest to remove: digest off <id> (see digest list).")
		}
		if err := r.digests.Unsubscribe(ctx, req.Platform, req.Channel, fields[1]); err != nil {
			return Reply{}, err
		}
		return Reply{Text: "Digest " + fields[1] + " removed."}, nil
	}
	if !req.CanManage {
		return Reply{}, Userf("Only channel managers can change digests.")
	}
	if verb == "subscribe" || verb == "at" || verb == "daily" {
		fields = fields[1:]
		if len(fields) > 0 && strings.EqualFold(fields[0], "at") {
			fields = fields[1:]
		}
	}
	spec, tz, err := ParseDigestSchedule(fields)
	if err != nil {
		return Reply{}, err
	}
	s, err := r.digests.Subscribe(ctx, Subscription{Platform: req.Platform, Channel: req.Channel, Spec: spec, TimeZone: tz})
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("Subscribed: a digest at %q (%s), id %s.", s.Spec, s.TimeZone, s.ID)}, nil
}

// ParseDigestSchedule reads a schedule given in chat: a clock time ("08:00",
// "8:30") or a five-field cron spec ("0 8 * * 1-5") or a descriptor
// ("@daily"), optionally followed by an IANA time zone (default UTC). It
// returns a five-field cron spec or descriptor and the zone; the spec's
// fields are checked by the scheduler.
func ParseDigestSchedule(fields []string) (spec, tz string, err error) {
	if len(fields) == 0 {
		return "", "", Userf("Say when: digest at 08:00 Europe/Paris, or digest 0 8 * * 1-5 Europe/Paris")
	}
	tz = "UTC"
	switch {
	case strings.HasPrefix(fields[0], "@"):
		spec, fields = fields[0], fields[1:]
	case strings.Contains(fields[0], ":"):
		h, m, ok := parseClock(fields[0])
		if !ok {
			return "", "", Userf("%q is not a time of day; use HH:MM, for example 08:00.", fields[0])
		}
		spec, fields = fmt.Sprintf("%d %d * * *", m, h), fields[1:]
	default:
		if len(fields) < 5 {
			return "", "", Userf("A cron spec has five fields (minute hour day month weekday), for example 0 8 * * 1-5.")
		}
		spec, fields = strings.Join(fields[:5], " "), fields[5:]
	}
	switch len(fields) {
	case 0:
	case 1:
		tz = fields[0]
	default:
		return "", "", Userf("I didn't understand %q after the schedule; give one time zone, for example Europe/Paris.", strings.Join(fields, " "))
	}
	return spec, tz, nil
}

func parseClock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(ms) != 2 {
		return 0, 0, false
	}
	return h, m, true
}
