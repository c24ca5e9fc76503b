package briefing

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
	l, err := e.prepare(a)
	if err != nil {
		return ArticleInfo{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.insert(l)
	return l.info(), nil
}

// AddAll adds many articles, as Add would one after the other, analysing
// them on every available core. It stops at the first article that has no
// text and adds none of them then.
func (e *Engine) AddAll(articles []*Article) ([]ArticleInfo, error) {
	prepared := make([]*loaded, len(articles))
	errs := make([]error, len(articles))
	workers := min(runtime.GOMAXPROCS(0), len(articles))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(articles); i = int(next.Add(1) - 1) {
				prepared[i], errs[i] = e.prepare(articles[i])
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("add article %d: %w", i, err)
		}
	}
	infos := make([]ArticleInfo, len(prepared))
	e.mu.Lock()
	defer e.mu.Unlock()
	e.idx.bulk = stemCache{}
	defer func() { e.idx.bulk = nil }()
	for i, l := range prepared {
		e.insert(l)
		infos[i] = l.info()
	}
	return infos, nil
}

// prepare checks and analyses an article, outside the engine's lock.
func (e *Engine) prepare(a *Article) (*loaded, error) {
	if a == nil || (len(a.Paragraphs) == 0 && strings.TrimSpace(a.Title) == "") {
		return nil, errors.New("add article: the article has no text")
	}
	if a.ID == "" {
		a.ID = ArticleID(a)
	}
	return &loaded{article: a, added: e.now(), analysis: Analyze(a)}, nil
}

// insert adds or replaces a prepared article and indexes it, then releases
// the tokens the analysis no longer needs; the caller holds e.mu.
func (e *Engine) insert(l *loaded) {
	id := l.article.ID
	i, ok := e.byID[id]
	if ok {
		e.articles[i] = l
	} else {
		i = len(e.articles)
		e.byID[id] = i
		e.articles = append(e.articles, l)
	}
	e.indexArticle(i)
	l.analysis.releaseTokens()
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

// Figures lists the key figures of the loaded articles, most important
// first: each article's figures in their order, taken in turns.
func (e *Engine) Figures() []Figure {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []Figure
	for rank := 0; ; rank++ {
		added := false
		for _, l := range e.articles {
			if rank < len(l.analysis.Figures) {
				f := l.analysis.Figures[rank]
				f.ArticleID = l.article.ID
				out = append(out, f)
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// Who lists the people, organisations and places of the loaded articles,
// most mentioned first; an entity named in several articles is listed once.
func (e *Engine) Who() Who {
	e.mu.RLock()
	defer e.mu.RUnlock()
	w := Who{People: []Entity{}, Organizations: []Entity{}, Places: []Entity{}}
	if len(e.articles) == 1 {
		a := e.articles[0].analysis.Who
		w.People = append(w.People, a.People...)
		w.Organizations = append(w.Organizations, a.Organizations...)
		w.Places = append(w.Places, a.Places...)
		return w
	}
	for _, l := range e.articles {
		w.People = mergeEntityLists(w.People, l.analysis.Who.People)
		w.Organizations = mergeEntityLists(w.Organizations, l.analysis.Who.Organizations)
		w.Places = mergeEntityLists(w.Places, l.analysis.Who.Places)
	}
	for _, list := range [][]Entity{w.People, w.Organizations, w.Places} {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Mentions > list[j].Mentions })
	}
	return w
}

// mergeEntityLists adds the entities of more to list, merging those with
// the same name or a name that holds the other ("Trump", "Donald Trump").
func mergeEntityLists(list, more []Entity) []Entity {
	byWord := map[string][]int{}
	index := func(i int) {
		for _, w := range strings.Fields(strings.ToLower(list[i].Name)) {
			byWord[w] = append(byWord[w], i)
		}
	}
	for i := range list {
		index(i)
	}
	for _, m := range more {
		found := -1
		first, _, _ := strings.Cut(strings.ToLower(m.Name), " ")
		last := first
		if i := strings.LastIndexByte(m.Name, ' '); i >= 0 {
			last = strings.ToLower(m.Name[i+1:])
		}
		for _, w := range []string{first, last} {
			for _, i := range byWord[w] {
				if sameEntity(list[i], m) {
					found = i
					break
				}
			}
			if found >= 0 {
				break
			}
		}
		if found < 0 {
			m.Aliases = append([]string{}, m.Aliases...)
			m.Actions = append([]string(nil), m.Actions...)
			list = append(list, m)
			index(len(list) - 1)
			continue
		}
		x := &list[found]
		x.Mentions += m.Mentions
		if x.Role == "" {
			x.Role = m.Role
		}
		for _, n := range append([]string{m.Name}, m.Aliases...) {
			if n != x.Name && !slices.Contains(x.Aliases, n) {
				x.Aliases = append(x.Aliases, n)
			}
		}
		if len(m.Name) > len(x.Name) && containsWords(m.Name, x.Name) {
			old := x.Name
			x.Name = m.Name
			x.Aliases = slices.DeleteFunc(x.Aliases, func(s string) bool { return s == m.Name })
			x.Aliases = append(x.Aliases, old)
			index(found)
		}
		for _, act := range m.Actions {
			if len(x.Actions) < 3 {
				x.Actions = append(x.Actions, act)
			}
		}
	}
	return list
}

func sameEntity(a, b Entity) bool {
	if strings.EqualFold(a.Name, b.Name) {
		return true
	}
	return containsWords(a.Name, b.Name) && strings.Contains(b.Name, " ") || containsWords(b.Name, a.Name) && strings.Contains(a.Name, " ")
}

// Brief summarises the loaded articles: the brief of the most recently
// published story or, when no article says when it was published, of the
// most central one, the story sharing the most people, organisations and
// places with the others (the last added on a tie).
func (e *Engine) Brief() Brief {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if len(e.articles) == 0 {
		return Brief{Bullets: []string{}}
	}
	best := len(e.articles) - 1
	var latest time.Time
	for i, l := range e.articles {
		if p := l.article.Published; !p.IsZero() && !p.Before(latest) {
			best, latest = i, p
		}
	}
	if latest.IsZero() && len(e.articles) > 1 {
		bestScore := -1
		for i, l := range e.articles {
			score := 0
			for j, o := range e.articles {
				if i != j {
					score += sharedEntities(l.analysis.Who, o.analysis.Who)
				}
			}
			if score >= bestScore {
				best, bestScore = i, score
			}
		}
	}
	return e.articles[best].analysis.Brief
}

func sharedEntities(a, b Who) int {
	names := map[string]bool{}
	for _, l := range [][]Entity{a.People, a.Organizations, a.Places} {
		for _, x := range l {
			names[x.Name] = true
		}
	}
	n := 0
	for _, l := range [][]Entity{b.People, b.Organizations, b.Places} {
		for _, x := range l {
			if names[x.Name] {
				n++
			}
		}
	}
	return n
}

func (l *loaded) info() ArticleInfo {
	a := l.article
	return ArticleInfo{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published, Added: l.added}
}

// ArticleID derives an article's ID from its URL, or from its title and
// text when it has none. Add gives an article without an ID this one.
func ArticleID(a *Article) string {
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
