package briefing

import "time"

// Article is one news story as read from a file, a web page, a feed item or chat.
type Article struct {
	// ID identifies the article; Engine.Add derives one from URL or content when empty.
	ID string `json:"id"`
	// Title is the headline.
	Title string `json:"title"`
	// Source names where the article came from: a file name, a URL or a feed.
	Source string `json:"source"`
	// URL is the article's canonical address, when known.
	URL string `json:"url,omitempty"`
	// Published is when the story was published; zero when unknown.
	Published time.Time `json:"published,omitzero"`
	// Lede is the one-sentence summary that opens some articles, when present.
	Lede string `json:"lede,omitempty"`
	// Standfirst is the subheading under the headline, when present.
	Standfirst string `json:"standfirst,omitempty"`
	// Paragraphs holds the body text, one paragraph an element, with
	// repeated headlines and standfirsts removed.
	Paragraphs []string `json:"paragraphs"`
}

// ArticleInfo describes a loaded article without its text.
type ArticleInfo struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Added     time.Time `json:"added"`
}
