package schedule

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// cronField describes one field of a five-field cron spec.
type cronField struct {
	name     string
	min, max int
	names    []string // names for min, min+1, …
	question bool     // "?" may stand for "any"
}

var cronFields = []cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day of month", min: 1, max: 31, question: true},
	{name: "month", min: 1, max: 12, names: []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
	{name: "day of week", min: 0, max: 6, names: []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, question: true},
}

// checkFields checks a five-field spec field by field, so that a mistake
// is named precisely ("hour: 25 is outside 0-23").
func checkFields(spec string) error {
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return fmt.Errorf("the schedule has %d fields; a cron spec has five: minute hour day-of-month month day-of-week", len(fields))
	}
	for i, f := range fields {
		if err := cronFields[i].check(f); err != nil {
			return err
		}
	}
	return nil
}

func (cf cronField) check(field string) error {
	for _, part := range strings.Split(field, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Errorf("%s: step %q is not a positive number", cf.name, step)
			}
		}
		if rng == "*" || (rng == "?" && cf.question) {
			continue
		}
		lo, hi, isRange := strings.Cut(rng, "-")
		a, err := cf.value(lo)
		if err != nil {
			return err
		}
		b := a
		if isRange {
			if b, err = cf.value(hi); err != nil {
				return err
			}
			if b < a {
				return fmt.Errorf("%s: range %s runs backwards", cf.name, rng)
			}
		}
	}
	return nil
}

func (cf cronField) value(s string) (int, error) {
	if i := slices.Index(cf.names, strings.ToLower(s)); i >= 0 {
		return cf.min + i, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a number", cf.name, s)
	}
	if n < cf.min || n > cf.max {
		return 0, fmt.Errorf("%s: %d is outside %d-%d", cf.name, n, cf.min, cf.max)
	}
	return n, nil
}
