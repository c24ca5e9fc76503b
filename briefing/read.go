package briefing

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrNoText is returned when an input holds no readable article text.
var ErrNoText = errors.New("no article text")

// ReadArticle reads an article from data, recognising plain text, Markdown
// and HTML. source names where the data came from (a file name or URL).
func ReadArticle(source string, data []byte) (*Article, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("read article %s: not UTF-8 text", source)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("read article %s: %w", source, ErrNoText)
	}
	a := &Article{Source: source, Title: lines[0], Paragraphs: lines[1:]}
	return a, nil
}
