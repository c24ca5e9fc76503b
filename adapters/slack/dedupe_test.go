package slack

import "testing"

func TestSeenSet(t *testing.T) {
	s := newSeenSet(3)
	steps := []struct {
		op   string // claim or release
		keys []string
		want bool
	}{
		{"claim", []string{"event:1", "ts:C1:1"}, true},
		{"claim", []string{"event:1"}, false},
		{"claim", []string{"event:2", "ts:C1:1"}, false}, // same message, other event ID
		{"claim", []string{"event:3", ""}, true},         // empty keys are ignored
		{"claim", []string{"event:4"}, true},             // evicts event:1, the oldest
		{"claim", []string{"event:1"}, true},
		{"release", []string{"event:4"}, true},
		{"claim", []string{"event:4"}, true},
	}
	for i, st := range steps {
		if st.op == "release" {
			s.release(st.keys...)
			continue
		}
		if got := s.claim(st.keys...); got != st.want {
			t.Errorf("step %d: claim(%q) = %v, want %v", i, st.keys, got, st.want)
		}
	}
	if len(s.keys) > 3 {
		t.Errorf("the set holds %d keys, more than its size 3", len(s.keys))
	}
}
