package briefing

import (
	"regexp"
	"strings"
)

var (
	mdImageRE    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRE     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLinkRE  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdEmphasisRE = regexp.MustCompile(`(\*\*|__|\*|_|~~|` + "`" + `)(\S(?:.*?\S)?)(\*\*|__|\*|_|~~|` + "`" + `)`)
	mdListRE     = regexp.MustCompile(`^(\s*([-*+]|\d+[.)])\s+)`)
	mdRefDefRE   = regexp.MustCompile(`^\s*\[[^\]]+\]:\s*\S+`)
)

// readMarkdown reads a Markdown article: the first heading is the
// headline, a whole-line emphasis right under it the standfirst, an
// emphasised "By ..." line the byline; links, emphasis, list markers and
// quotes are stripped to their text; code blocks, images, rules and what
// follows a closing rule ("Related: ...") are dropped.
func readMarkdown(s string) *Article {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	fm, s := frontMatter(s)
	var (
		title, standfirst string
		blocks            []string
		cur               []string
		fenced            bool
		ruled             bool
	)
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, raw := range strings.Split(s, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fenced = !fenced
			flush()
			continue
		}
		if fenced || mdRefDefRE.MatchString(line) || strings.HasPrefix(line, "<!--") {
			continue
		}
		if line == "" {
			flush()
			continue
		}
		if isRule(line) {
			flush()
			ruled = true
			continue
		}
		if ruled && len(blocks) > 0 && (strings.HasPrefix(strings.ToLower(strings.Trim(line, "*_ ")), "related") || strings.HasPrefix(strings.ToLower(strings.Trim(line, "*_ ")), "read more")) {
			continue
		}
		if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && (h == "" || h[0] == ' ') {
			flush()
			h = stripInline(strings.TrimSpace(strings.TrimRight(h, "# ")))
			if title == "" && len(blocks) == 0 {
				title = h
			} else if h != "" {
				blocks = append(blocks, h)
			}
			continue
		}
		// A whole-line emphasis right under the headline is the standfirst.
		if title != "" && standfirst == "" && len(blocks) == 0 && len(cur) == 0 && isEmphasisLine(line) && !isByline(line) {
			standfirst = stripInline(line)
			continue
		}
		line = strings.TrimLeft(line, "> ")
		line = mdListRE.ReplaceAllString(line, "")
		line = stripInline(line)
		if line != "" {
			cur = append(cur, line)
		}
	}
	flush()
	if title == "" {
		title = fm["title"]
	}
	if standfirst == "" {
		standfirst = fm["description"]
	}
	a := &Article{Title: title, Standfirst: standfirst, URL: fm["url"], Paragraphs: []string{}}
	if t, ok := parseTime(fm["date"]); ok {
		a.Published = t
	}
	if title == "" {
		b := shapeArticle(blocks)
		b.Standfirst, b.URL, b.Published = standfirst, a.URL, a.Published
		return b
	}
	for _, b := range blocks {
		if isByline(b) || publishedLine(b, a) {
			continue
		}
		if len(b) > 0 && b != "Related" {
			a.Paragraphs = append(a.Paragraphs, b)
		}
	}
	return a
}

// frontMatter reads a YAML front matter block ("---", "key: value" lines,
// "---") opening a Markdown file: its title, date, url and description.
// It returns the keys found and the text after the block.
func frontMatter(s string) (map[string]string, string) {
	if !strings.HasPrefix(s, "---\n") {
		return nil, s
	}
	end := strings.Index(s[4:], "\n---")
	if end < 0 || end > 4000 {
		return nil, s
	}
	block, rest := s[4:4+end], s[4+end+4:]
	fm := map[string]string{}
	for _, line := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch k {
		case "title", "headline":
			fm["title"] = v
		case "date", "published", "pubdate", "published_at", "publishdate":
			fm["date"] = v
		case "url", "canonical", "canonical_url", "link":
			fm["url"] = v
		case "description", "summary", "subtitle", "standfirst":
			fm["description"] = v
		}
	}
	return fm, rest
}

func isRule(line string) bool {
	if len(line) < 3 {
		return false
	}
	c := line[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	for i := 0; i < len(line); i++ {
		if line[i] != c && line[i] != ' ' {
			return false
		}
	}
	return true
}

func isEmphasisLine(line string) bool {
	return len(line) > 2 && (line[0] == '*' || line[0] == '_') && line[len(line)-1] == line[0]
}

// stripInline removes inline Markdown: images, links, emphasis and code marks.
func stripInline(s string) string {
	s = mdImageRE.ReplaceAllString(s, "")
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = mdRefLinkRE.ReplaceAllString(s, "$1")
	for range 3 {
		n := mdEmphasisRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdEmphasisRE.FindStringSubmatch(m)
			if sub[1] != sub[3] {
				return m
			}
			// Keep snake_case and a*b: the marks must sit at word edges.
			return sub[2]
		})
		if n == s {
			break
		}
		s = n
	}
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}
