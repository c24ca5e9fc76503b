package briefing

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"space", "  \n ", nil},
		{"two", "It rained. Then it stopped.", []string{"It rained.", "Then it stopped."}},
		{"US mid sentence", "He made his third visit to the U.S. in Trump's term. It went well.",
			[]string{"He made his third visit to the U.S. in Trump's term.", "It went well."}},
		{"US before name", "The U.S. President spoke.", []string{"The U.S. President spoke."}},
		{"US at end", "He flew to the U.S. The talks began.", []string{"He flew to the U.S.", "The talks began."}},
		{"Dr", "Dr. Jane Smith said so. She left.", []string{"Dr. Jane Smith said so.", "She left."}},
		{"clock", "He arrived after 17:00 EST (21:00 GMT) for a meeting. It ended.",
			[]string{"He arrived after 17:00 EST (21:00 GMT) for a meeting.", "It ended."}},
		{"thousands", "About 1,200 died. Some 3.5 million fled.", []string{"About 1,200 died.", "Some 3.5 million fled."}},
		{"quote", `"We will win," he said. "We must." Then he left.`, []string{`"We will win," he said.`, `"We must."`, "Then he left."}},
		{"question in quote", `"Why?" he asked. Nobody knew.`, []string{`"Why?" he asked.`, "Nobody knew."}},
		{"curly quote", "“It is over.” The crowd cheered.", []string{"“It is over.”", "The crowd cheered."}},
		{"ellipsis mid", "We waited... and waited. Then rain.", []string{"We waited... and waited.", "Then rain."}},
		{"ellipsis end", "We waited… Nothing came.", []string{"We waited…", "Nothing came."}},
		{"initials", "J. R. R. Tolkien wrote it. Fans agree.", []string{"J. R. R. Tolkien wrote it.", "Fans agree."}},
		{"a.m.", "It began at 9 a.m. on Monday. It ended late.", []string{"It began at 9 a.m. on Monday.", "It ended late."}},
		{"no final stop", "One. Two", []string{"One.", "Two"}},
		{"lower after stop", "It cost 5 approx. dollars.", []string{"It cost 5 approx. dollars."}},
		{"exclaim", "Stop! Now.", []string{"Stop!", "Now."}},
		{"month abbrev", "On Jan. 5 it snowed. Roads shut.", []string{"On Jan. 5 it snowed.", "Roads shut."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitSentences(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Trump's envoy, Steve Witkoff.", []string{"Trump", "'s", "envoy", ",", "Steve", "Witkoff", "."}},
		{"Hamas' military", []string{"Hamas", "'", "military"}},
		{"the U.S. in 2023", []string{"the", "U.S.", "in", "2023"}},
		{"about 1,200 and 57,500.", []string{"about", "1,200", "and", "57,500", "."}},
		{"17:00 EST (21:00 GMT)", []string{"17:00", "EST", "(", "21:00", "GMT", ")"}},
		{"a two-hour, $1.5bn deal", []string{"a", "two", "-", "hour", ",", "$", "1.5", "bn", "deal"}},
		{"don't stop 10%", []string{"don't", "stop", "10", "%"}},
		{"Trump’s term", []string{"Trump", "’s", "term"}},
		{"G7 summit", []string{"G7", "summit"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in) {
			got = append(got, tok.Text)
			if tt.in[tok.Start:tok.End] != tok.Text {
				t.Errorf("tokenize(%q): token %q has offsets %d:%d", tt.in, tok.Text, tok.Start, tok.End)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
