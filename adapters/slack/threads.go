package slack

import (
	"container/list"
	"sync"
	"time"
)

// threadSet remembers the threads the bot takes part in, keyed by channel
// and thread timestamp, so that plain replies there are answered without a
// new mention. It holds at most max threads, forgetting the one used least
// recently first, and forgets a thread that has not been used for ttl. It is
// safe for concurrent use.
type threadSet struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	order *list.List // of *threadEntry, most recently used first
	byKey map[threadID]*list.Element
}

// threadID names a thread: its channel and the timestamp of its first
// message.
type threadID struct{ channel, ts string }

// threadEntry is one remembered thread and when it was last used.
type threadEntry struct {
	id   threadID
	used time.Time
}

// newThreadSet returns an empty set of at most max threads, each kept for
// ttl after it was last remembered, reading the time from now.
func newThreadSet(max int, ttl time.Duration, now func() time.Time) *threadSet {
	return &threadSet{max: max, ttl: ttl, now: now, order: list.New(), byKey: make(map[threadID]*list.Element)}
}

// remember records that the bot takes part in the thread threadTS of
// channel, or refreshes it when it is already known.
func (s *threadSet) remember(channel, threadTS string) {
	if channel == "" || threadTS == "" || s.max <= 0 {
		return
	}
	k := threadID{channel, threadTS}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.byKey[k]; ok {
		el.Value.(*threadEntry).used = now
		s.order.MoveToFront(el)
		return
	}
	s.byKey[k] = s.order.PushFront(&threadEntry{id: k, used: now})
	for back := s.order.Back(); back != nil && (s.order.Len() > s.max || now.Sub(back.Value.(*threadEntry).used) >= s.ttl); back = s.order.Back() {
		s.remove(back)
	}
}

// has reports whether the bot takes part in the thread threadTS of channel.
// Looking a thread up does not keep it alive; answering in it does.
func (s *threadSet) has(channel, threadTS string) bool {
	if channel == "" || threadTS == "" {
		return false
	}
	k := threadID{channel, threadTS}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.byKey[k]
	if !ok {
		return false
	}
	if now.Sub(el.Value.(*threadEntry).used) >= s.ttl {
		// Every thread behind it was used earlier still: all have expired.
		for el != nil {
			next := el.Next()
			s.remove(el)
			el = next
		}
		return false
	}
	return true
}

// remove forgets the thread of el; s.mu must be held.
func (s *threadSet) remove(el *list.Element) {
	delete(s.byKey, el.Value.(*threadEntry).id)
	s.order.Remove(el)
}

// len returns how many threads are remembered, expired ones included.
func (s *threadSet) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}
