package briefing

import "strings"

// stemCache remembers the stems of the word forms seen while many articles
// are indexed at once: news text repeats its vocabulary, and stemming is the
// costliest step of indexing. It is not safe for concurrent use; the
// index's owner serialises writes.
type stemCache map[string]string

// stem returns stem(lower), computed once per distinct form.
func (c stemCache) stem(lower string) string {
	if s, ok := c[lower]; ok {
		return s
	}
	s := stem(lower)
	// The key is copied so that it does not pin the text it was cut from.
	c[strings.Clone(lower)] = s
	return s
}
