package slack

import "sync"

// seenSet remembers the most recent keys (event IDs, message IDs) up to a
// fixed number, forgetting the oldest first. It is safe for concurrent use.
type seenSet struct {
	mu   sync.Mutex
	keys map[string]struct{}
	ring []string
	next int
}

func newSeenSet(size int) *seenSet {
	return &seenSet{keys: make(map[string]struct{}, size), ring: make([]string, size)}
}

// claim records keys and reports true, unless any of them was already
// recorded, in which case it records nothing and reports false. Empty keys
// are ignored.
func (s *seenSet) claim(keys ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if _, ok := s.keys[k]; ok && k != "" {
			return false
		}
	}
	for _, k := range keys {
		if k == "" {
			continue
		}
		if old := s.ring[s.next]; old != "" {
			delete(s.keys, old)
		}
		s.ring[s.next] = k
		s.keys[k] = struct{}{}
		s.next = (s.next + 1) % len(s.ring)
	}
	return true
}

// release forgets keys, so that a delivery that could not be accepted is
// handled when Slack retries it.
func (s *seenSet) release(keys ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if k == "" {
			continue
		}
		delete(s.keys, k)
		for i, r := range s.ring {
			if r == k {
				s.ring[i] = ""
			}
		}
	}
}
