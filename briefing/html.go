package briefing

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLNodes bounds the elements of a page the reader looks at, so a
// pathological page cannot make reading slow.
const maxHTMLNodes = 200000

// clutterWords in an element's class or id mark page furniture: ads,
// cookie banners, sharing buttons, newsletter boxes, related stories.
var clutterWords = []string{
	"ad", "ads", "advert", "advertisement", "promo", "sponsor", "sponsored", "cookie", "consent",
	"newsletter", "related", "share", "social", "subscribe", "banner", "breadcrumb", "breadcrumbs",
	"byline", "sidebar", "comments", "comment", "popup", "modal", "paywall", "outbrain", "taboola",
	"recommended", "most-read", "trending", "footer", "nav", "menu", "signup", "author",
}

// readHTML reads an HTML page: metadata from the head (og:title,
// canonical link, article:published_time, a standfirst element), then the
// main text through readability, after page furniture is removed.
func readHTML(data []byte) (*Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	if n := countNodes(doc, maxHTMLNodes+1); n > maxHTMLNodes {
		return nil, fmt.Errorf("html page has more than %d nodes", maxHTMLNodes)
	}
	a := &Article{Paragraphs: []string{}}
	m := pageMeta(doc)
	a.Title, a.URL, a.Standfirst = m.title, m.url, m.standfirst
	if t, ok := parseTime(m.published); ok {
		a.Published = t
	}
	removeClutter(doc)
	var pageURL *url.URL
	if a.URL != "" {
		pageURL, _ = url.Parse(a.URL)
	}
	p := readability.NewParser()
	p.DisableJSONLD = true
	art, perr := p.ParseAndMutate(doc, pageURL)
	if perr == nil && art.Node != nil {
		a.Paragraphs = textBlocks(art.Node, nil)
		if a.Title == "" {
			a.Title = art.Title()
		}
		if a.Published.IsZero() {
			if t, err := art.PublishedTime(); err == nil {
				a.Published = t
			}
		}
	}
	if len(a.Paragraphs) == 0 {
		// readability found no main text; take the page's paragraphs.
		a.Paragraphs = textBlocks(doc, nil)
	}
	if len(a.Paragraphs) == 0 && a.Title == "" {
		return nil, errors.New("the page has no readable text")
	}
	if a.Title == "" && len(a.Paragraphs) > 0 {
		a.Title = shorten(a.Paragraphs[0], 120)
	}
	return a, nil
}

func countNodes(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= limit; c = c.NextSibling {
			count++
			walk(c)
		}
	}
	walk(n)
	return count
}

type meta struct{ title, url, published, standfirst, docTitle, h1 string }

// pageMeta reads a page's title, canonical URL, publication time and standfirst.
func pageMeta(doc *html.Node) meta {
	var m meta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := strings.TrimSpace(attr(n, "content"))
				switch prop {
				case "og:title", "twitter:title":
					if m.title == "" {
						m.title = content
					}
				case "og:url":
					if m.url == "" {
						m.url = content
					}
				case "article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date", "sailthru.date", "parsely-pub-date":
					if m.published == "" {
						m.published = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
					m.url = attr(n, "href")
				}
			case atom.Title:
				if m.docTitle == "" {
					m.docTitle = nodeText(n)
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = nodeText(n)
				}
			case atom.Time:
				if m.published == "" && attr(n, "datetime") != "" {
					m.published = attr(n, "datetime")
				}
			case atom.Script, atom.Style:
				return
			}
			if m.standfirst == "" && hasClassWord(n, "standfirst", "dek", "subtitle", "subheadline", "sub-headline", "summary", "strapline", "article-summary") {
				m.standfirst = nodeText(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m.title == "" {
		m.title = m.h1
	}
	if m.title == "" {
		m.title = m.docTitle
		for _, sep := range []string{" | ", " – ", " — ", " - "} {
			if i := strings.LastIndex(m.title, sep); i > 0 {
				m.title = m.title[:i]
				break
			}
		}
	}
	m.title = strings.Join(strings.Fields(m.title), " ")
	return m
}

// removeClutter removes scripts, styles, forms, navigation and elements
// whose class or id marks them as ads or other page furniture.
func removeClutter(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.ElementNode && isClutter(c) {
			n.RemoveChild(c)
		} else {
			removeClutter(c)
		}
		c = next
	}
}

func isClutter(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Nav, atom.Aside, atom.Footer, atom.Form,
		atom.Button, atom.Svg, atom.Template, atom.Select, atom.Input, atom.Object, atom.Embed, atom.Canvas:
		return true
	}
	if strings.EqualFold(attr(n, "role"), "dialog") || strings.EqualFold(attr(n, "role"), "navigation") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	return hasClassWord(n, clutterWords...)
}

// hasClassWord reports whether one of n's class names or its id, split at
// "-" and "_", contains one of words as a whole part ("ad-inline" has "ad").
func hasClassWord(n *html.Node, words ...string) bool {
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, name := range strings.Fields(names) {
		for _, w := range words {
			if name == w {
				return true
			}
			for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
				if part == w {
					return true
				}
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// blockAtoms are elements whose text makes one paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
	atom.Td: true, atom.Th: true,
}

// textBlocks collects the paragraphs of a subtree: the text of each block
// element, and loose text inside other elements.
func textBlocks(n *html.Node, out []string) []string {
	var loose strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(loose.String()), " "); t != "" {
			out = append(out, t)
		}
		loose.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			loose.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Figcaption || c.DataAtom == atom.Figure && c.FirstChild == nil:
		case blockAtoms[c.DataAtom] && !hasBlockChild(c):
			flush()
			if t := nodeText(c); t != "" {
				out = append(out, t)
			}
		case isInline(c):
			loose.WriteString(" " + nodeText(c) + " ")
		default:
			flush()
			out = textBlocks(c, out)
		}
	}
	flush()
	return out
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockAtoms[c.DataAtom] || c.DataAtom == atom.Div || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
			return true
		}
	}
	return false
}

func isInline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Span, atom.Small, atom.Sub, atom.Sup, atom.Abbr,
		atom.Cite, atom.Q, atom.Time, atom.Mark, atom.U, atom.S, atom.Code, atom.Br, atom.Img:
		return true
	}
	return false
}

// nodeText is the text of a subtree with white space collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
