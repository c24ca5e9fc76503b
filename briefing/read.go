package briefing

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoText is returned when an input holds no readable article text.
var ErrNoText = errors.New("no article text")

// ErrTooLarge is returned for inputs larger than MaxArticleBytes.
var ErrTooLarge = errors.New("article too large")

// MaxArticleBytes is the largest input ReadArticle accepts. News articles
// are tens of kilobytes; anything this large is not one.
const MaxArticleBytes = 4 << 20

// Format is the markup an article is written in.
type Format uint8

const (
	// FormatText is plain text, one paragraph a line or paragraphs separated by blank lines.
	FormatText Format = iota
	// FormatMarkdown is Markdown.
	FormatMarkdown
	// FormatHTML is an HTML page.
	FormatHTML
)

// String names the format.
func (f Format) String() string {
	switch f {
	case FormatMarkdown:
		return "markdown"
	case FormatHTML:
		return "html"
	}
	return "text"
}

// ReadArticle reads an article from data, recognising plain text, Markdown
// and HTML (see SniffFormat). source names where the data came from (a file
// name or URL). Inputs that are empty, binary, not UTF-8 or larger than
// MaxArticleBytes give an error.
func ReadArticle(source string, data []byte) (*Article, error) {
	if err := checkInput(data); err != nil {
		return nil, fmt.Errorf("read article %s: %w", source, err)
	}
	var (
		a   *Article
		err error
	)
	switch SniffFormat(data) {
	case FormatHTML:
		a, err = readHTML(data)
	case FormatMarkdown:
		a = readMarkdown(string(data))
	default:
		a = readText(string(data))
	}
	if err != nil {
		return nil, fmt.Errorf("read article %s: %w", source, err)
	}
	a.Source = source
	finishArticle(a)
	if len(a.Paragraphs) == 0 && a.Title == "" {
		return nil, fmt.Errorf("read article %s: %w", source, ErrNoText)
	}
	return a, nil
}

// checkInput rejects what cannot be an article: nothing, binary data, invalid UTF-8, too much.
func checkInput(data []byte) error {
	if len(data) > MaxArticleBytes {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), MaxArticleBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrNoText
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("binary data, not text")
	}
	if !utf8.Valid(data) {
		return errors.New("not UTF-8 text")
	}
	control := 0
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	if control > len(data)/100+2 {
		return errors.New("binary data, not text")
	}
	return nil
}

// SniffFormat guesses an input's format: HTML when it opens with a tag
// and holds HTML elements, Markdown when it has Markdown headings, links
// or emphasis lines, else plain text.
func SniffFormat(data []byte) Format {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\ufeff"))
	if len(trimmed) > 0 && trimmed[0] == '<' {
		l := bytes.ToLower(head)
		for _, tag := range []string{"<html", "<!doctype html", "<body", "<head", "<p>", "<p ", "<div", "<article", "<h1", "<script", "<title"} {
			if bytes.Contains(l, []byte(tag)) {
				return FormatHTML
			}
		}
	}
	score := 0
	for rest := head; len(rest) > 0; {
		var raw []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			raw, rest = rest[:i], rest[i+1:]
		} else {
			raw, rest = rest, nil
		}
		line := string(bytes.TrimSpace(raw)) // a short line: converted on the stack when small
		switch {
		case strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### "):
			score += 2
		case strings.Contains(line, "](") && strings.Contains(line, "["):
			score++
		case strings.HasPrefix(line, "**") || len(line) > 2 && (line[0] == '*' || line[0] == '_') && line[len(line)-1] == line[0]:
			score++
		case line == "---" || line == "***":
			score++
		}
	}
	if score >= 2 || bytes.HasPrefix(data, []byte("---\n")) && bytes.Contains(head[4:], []byte("\n---")) {
		return FormatMarkdown
	}
	return FormatText
}

// readText reads plain text: paragraphs are lines, or blocks separated by
// blank lines whose wrapped lines are joined. The first lines give the lede,
// headline, repeated headline and standfirst, see shapeArticle.
func readText(s string) *Article {
	return shapeArticle(textParagraphs(s))
}

// textParagraphs splits text into paragraphs. Text hard-wrapped at a
// fixed width has paragraphs separated by blank lines, and their lines are
// joined; otherwise a line is a paragraph, unless it breaks off mid-sentence
// and the next line continues in lower case.
func textParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	wrapped := isHardWrapped(lines)
	var paras []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			paras = append(paras, cur.String())
			cur.Reset()
		}
	}
	for i, line := range lines {
		line = normalizeSpace(line)
		if line == "" {
			flush()
			continue
		}
		if i+1 < len(lines) && (wrapped > 0 && utf8.RuneCountInString(line)*4 >= wrapped*3 || continuesLine(line, strings.TrimSpace(lines[i+1]))) {
			if cur.Len() > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(line)
			continue
		}
		if cur.Len() == 0 {
			paras = append(paras, line) // a whole paragraph on one line: no copy
			continue
		}
		cur.WriteByte(' ')
		cur.WriteString(line)
		flush()
	}
	flush()
	return paras
}

// isHardWrapped returns the width text is wrapped at, or 0 when it is not
// wrapped: wrapped text has blank lines between blocks, and most lines of
// similar, moderate length. Lines shorter than three quarters of the width
// end their paragraph.
func isHardWrapped(lines []string) int {
	var n, short, blank, multi, run, width int
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			run = 0
			continue
		}
		run++
		if run == 2 {
			multi++
		}
		n++
		if c := utf8.RuneCountInString(l); c <= 100 {
			short++
			width = max(width, c)
		}
	}
	if n >= 6 && blank >= 2 && multi >= 2 && short*10 >= n*9 {
		return width
	}
	return 0
}

// continuesLine reports whether next continues the paragraph of a line broken mid-sentence.
func continuesLine(line, next string) bool {
	if next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?\"”:…", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first)
}

// shapeArticle recognises the shape of a text article: an optional
// one-sentence lede on line 1 with the headline on line 2, or the headline
// on line 1; a repeated headline and a standfirst after it; bylines and
// "Published:" lines.
func shapeArticle(lines []string) *Article {
	a := &Article{Paragraphs: []string{}}
	// Header lines: "Title: ...", "URL: ...", "Published: ...".
	for len(lines) > 0 && headerLine(lines[0], a) {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return a
	}
	if a.Title != "" {
		lines = append([]string{a.Title}, lines...)
	}
	i := 0
	switch {
	case len(lines) >= 2 && isFullSentence(lines[0]) && isHeadline(lines[1]):
		a.Lede, a.Title, i = lines[0], lines[1], 2
	case isHeadline(lines[0]):
		a.Title, i = lines[0], 1
	default:
		// No headline: the first sentence stands in for one; the text stays in the body.
		first := lines[0]
		if sp := sentenceSpans(first); len(sp) > 0 {
			first = first[sp[0].Start:sp[0].End]
		}
		a.Title = shorten(first, 120)
	}
	repeated := false
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case sameText(l, a.Title) || (a.Lede != "" && sameText(l, a.Lede) && i > 0):
			repeated = repeated || sameText(l, a.Title)
			continue
		case isByline(l):
			continue
		case publishedLine(l, a):
			continue
		case repeated && a.Standfirst == "" && len(a.Paragraphs) == 0 && i+1 < len(lines) && len(sentenceSpans(l)) == 1 && utf8.RuneCountInString(l) < 260:
			a.Standfirst = l
			continue
		}
		a.Paragraphs = append(a.Paragraphs, l)
	}
	return a
}

// headerLine reads a "Key: value" header line opening a text article
// into a and reports whether it was one.
func headerLine(l string, a *Article) bool {
	k, v, ok := strings.Cut(l, ":")
	if !ok || len(k) > 12 {
		return false
	}
	v = strings.TrimSpace(v)
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "title", "headline":
		a.Title = v
	case "url", "link", "canonical":
		a.URL = v
	case "source":
		if strings.HasPrefix(v, "http") {
			a.URL = v
		}
	case "author", "by", "byline":
	case "published", "date", "updated":
		t, ok := parseTime(v)
		if !ok {
			return false
		}
		a.Published = t
	default:
		return false
	}
	return v != ""
}

// isFullSentence reports whether a line is one sentence ending in a full stop, as a lede is.
func isFullSentence(l string) bool {
	last, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?\"”", last) && countWords(l) >= 8 && len(sentenceSpans(l)) == 1
}

// countWords counts the space-separated words of s.
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// isHeadline reports whether a line looks like a headline: short, with no closing full stop.
func isHeadline(l string) bool {
	n := countWords(l)
	if n == 0 || n > 25 || utf8.RuneCountInString(l) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	return last != '.' && last != ',' && last != ';'
}

// sameText reports whether a and b are the same text, ignoring case and
// runs of white space. It allocates nothing.
func sameText(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	i, j := 0, 0
	for {
		i, j = skipSpace(a, i), skipSpace(b, j)
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		i, j = i+na, j+nb
		// A run of spaces in one must meet a run in the other.
		sa := i < len(a) && isSpaceByte(a, i)
		sb := j < len(b) && isSpaceByte(b, j)
		if sa != sb {
			return false
		}
	}
}

func isSpaceByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// normalizeSpace trims s and collapses its runs of white space to single
// spaces, returning s itself when it needs no change.
func normalizeSpace(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
		i += n
	}
	if clean && !prevSpace {
		return s
	}
	if clean && s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

var bylineRE = regexp.MustCompile(`^(?i:by)\s+\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}(\s*(,|\||·|and|&).*)?$`)

// isByline reports whether a line is a byline ("By Jane Smith, Madrid").
func isByline(l string) bool {
	return len(l) < 160 && bylineRE.MatchString(strings.Trim(l, "*_ "))
}

// publishedLine reads a "Published: 2026-05-30" line into a.Published.
func publishedLine(l string, a *Article) bool {
	lower := strings.ToLower(l)
	for _, p := range []string{"published:", "published on", "published", "updated:", "date:"} {
		if strings.HasPrefix(lower, p) && len(l) < 80 {
			if t, ok := parseTime(strings.TrimSpace(l[len(p):])); ok {
				if a.Published.IsZero() {
					a.Published = t
				}
				return true
			}
		}
	}
	return false
}

// timeLayouts are the date layouts of metadata and "Published:" lines.
var timeLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "January 2, 2006 15:04 MST", "January 2, 2006", "Jan 2, 2006", "2 January 2006",
	"2 Jan 2006", "Monday, January 2, 2006", "Mon, 2 Jan 2006",
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// datelineRE matches a wire dateline opening the first paragraph: "LISBON (Wire) - ".
var datelineRE = regexp.MustCompile(`^\**[\p{Lu}][\p{Lu}\s.'’-]{1,40}(,\s*[\p{L}\d. ]{2,30})?\s*(\([^)]{1,30}\))?\**\s*[-–—]\s+`)

// finishArticle tidies an article whatever its format: white space, the
// dateline of the first paragraph, a standfirst or lede repeated in the body.
func finishArticle(a *Article) {
	a.Title = normalizeSpace(a.Title)
	a.Lede = normalizeSpace(a.Lede)
	a.Standfirst = normalizeSpace(a.Standfirst)
	out := a.Paragraphs[:0]
	for _, p := range a.Paragraphs {
		p = normalizeSpace(p)
		if p == "" || sameText(p, a.Title) || sameText(p, a.Standfirst) || sameText(p, a.Lede) {
			continue
		}
		out = append(out, p)
	}
	a.Paragraphs = out
	if len(a.Paragraphs) > 0 {
		if loc := datelineRE.FindStringIndex(a.Paragraphs[0]); loc != nil && loc[1] < len(a.Paragraphs[0]) {
			a.Paragraphs[0] = a.Paragraphs[0][loc[1]:]
		}
	}
}
