// Package schedule parses cron schedules in a time zone and ticks jobs. It
// is briefbot's only importer of github.com/robfig/cron: everything else
// works with Schedule.Next, a pure function of time, and with Runner, which
// only ticks. It embeds the time zone database (time/tzdata) so a bare
// container knows every IANA zone.
package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones without the system's database

	"github.com/robfig/cron/v3"
)

// MaxSpecLen caps the length of a spec.
const MaxSpecLen = 120

// MinInterval is the shortest time allowed between two firings, so that a
// typo cannot make a digest post every minute.
const MinInterval = 5 * time.Minute

// lookback caps how far back Due looks for missed firings.
const lookback = 31 * 24 * time.Hour

// Schedule is a cron schedule in a time zone.
type Schedule struct {
	spec  string
	loc   *time.Location
	sched cron.Schedule
}

// Parse reads a five-field cron spec ("0 8 * * 1-5") or a descriptor
// ("@daily", "@weekly"; not "@every") in the IANA time zone tz ("" is UTC).
// Bad input gets an error saying what is wrong; it never panics.
func Parse(spec, tz string) (s *Schedule, err error) {
	spec = strings.Join(strings.Fields(spec), " ")
	switch {
	case spec == "":
		return nil, errors.New("the schedule is empty")
	case len(spec) > MaxSpecLen:
		return nil, fmt.Errorf("the schedule is longer than %d characters", MaxSpecLen)
	case strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ="):
		return nil, errors.New("give the time zone separately, not as TZ= in the schedule")
	case strings.HasPrefix(spec, "@every"):
		return nil, errors.New("@every is not a calendar schedule; use a cron spec such as 0 8 * * *")
	}
	tz = strings.TrimSpace(tz)
	if tz == "" {
		tz = "UTC"
	}
	if tz == "Local" || strings.ContainsAny(tz, " \t=") {
		return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as Europe/Paris", tz)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as Europe/Paris", tz)
	}
	defer func() {
		// The cron parser has panicked on odd input before; never let it take the bot down.
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("the schedule %q is not valid", spec)
		}
	}()
	if !strings.HasPrefix(spec, "@") {
		if err := checkFields(spec); err != nil {
			return nil, err
		}
	}
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	cs, err := parser.Parse("CRON_TZ=" + tz + " " + spec)
	if err != nil {
		return nil, fmt.Errorf("the schedule %q is not valid: %w", spec, err)
	}
	s = &Schedule{spec: spec, loc: loc, sched: cs}
	// It must fire, and not too often. Cron fields are independent sets, so
	// when the minutes allow two firings within an hour the first matching
	// hour shows it: a few firings from a fixed point suffice.
	t := s.Next(time.Date(2025, 1, 1, 0, 0, 0, 0, loc))
	if t.IsZero() {
		return nil, fmt.Errorf("the schedule %q never fires", spec)
	}
	for range 10 {
		n := s.Next(t)
		if n.IsZero() {
			break
		}
		if n.Sub(t) < MinInterval {
			return nil, fmt.Errorf("the schedule %q fires more often than every %v", spec, MinInterval)
		}
		t = n
	}
	return s, nil
}

// Next returns the first firing strictly after t, or the zero time when
// there is none within five years. A wall-clock time that happens twice
// (when clocks go back) fires once, at its first occurrence; one that does
// not happen (when clocks go forward) is skipped, as robfig/cron does.
func (s *Schedule) Next(t time.Time) time.Time {
	n := s.sched.Next(t)
	for range 4 {
		if n.IsZero() || !s.repeated(n) {
			return n
		}
		n = s.sched.Next(n)
	}
	return n
}

// repeated reports whether n's wall-clock time already happened shortly
// before, in the hour that clocks going back repeat.
func (s *Schedule) repeated(n time.Time) bool {
	const wall = "2006-01-02 15:04"
	w := n.In(s.loc).Format(wall)
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		if n.Add(-d).In(s.loc).Format(wall) == w {
			return true
		}
	}
	return false
}

// Location is the schedule's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// String returns the spec.
func (s *Schedule) String() string { return s.spec }

// Due returns the latest firing in (after, now] and how many firings that
// interval holds in all (missed counts the latest too). It looks back at
// most 31 days before now, so missed is a lower bound after longer gaps.
// latest is zero when nothing is due.
func (s *Schedule) Due(after, now time.Time) (latest time.Time, missed int) {
	if from := now.Add(-lookback); after.Before(from) {
		after = from
	}
	for t := s.Next(after); !t.IsZero() && !t.After(now); t = s.Next(t) {
		latest = t
		missed++
	}
	return latest, missed
}
