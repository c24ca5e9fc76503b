package briefing

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"unsafe"
)

// BM25 parameters for sentence retrieval. Sentences are short and of
// similar length, so length normalisation is mild.
const (
	bm25K1 = 1.2
	bm25B  = 0.5
	// neighbourShare is how much of the previous sentence's score a
	// sentence inherits (half as much from the next).
	neighbourShare = 0.2
	// referShare replaces it for a sentence opening with a pronoun.
	referShare = 0.5
)

// openingPronouns open sentences that refer back to the one before.
var openingPronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "this": true, "these": true, "its": true,
	"his": true, "her": true, "their": true, "there": true,
}

// opensWithPronoun reports whether a pronoun stands among the first few
// words of a sentence ("It was ...", "As such, it made ...").
func opensWithPronoun(toks []token) bool {
	words := 0
	for _, t := range toks {
		if t.Kind != tokWord {
			continue
		}
		if openingPronouns[t.Lower] {
			return true
		}
		if words++; words == 4 {
			break
		}
	}
	return false
}

// posting is one sentence a term occurs in, with how often.
type posting struct {
	sent int32
	tf   uint16
}

// sentRef locates an indexed sentence.
type sentRef struct {
	// art indexes Engine.articles; sent indexes the article's Analysis.Sentences.
	art, sent int32
	// tok is where the sentence's token term ids start in index.tokTerms.
	tok int32
	// words is the sentence's number of indexed words.
	words uint16
	dead  bool
	// refers reports a sentence opening with a pronoun ("He", "It"),
	// which continues the sentence before.
	refers bool
}

// index is an inverted index from stemmed terms to the sentences of every
// loaded article, scored with BM25. It is guarded by the Engine's lock.
type index struct {
	terms    map[string]int32
	postings [][]posting
	sents    []sentRef
	// tokTerms holds, for every token of every sentence, its term id or -1.
	tokTerms []int32
	// byArticle holds each article's first sentence and count, for replacing it.
	byArticle map[int32][2]int32
	// published holds each article's publication time (Unix seconds), or 0.
	published []int64
	live      int
	totalLen  int64
	scratch   sync.Pool // *scoreScratch
}

func newIndex() *index {
	return &index{terms: map[string]int32{}, byArticle: map[int32][2]int32{}}
}

// addArticle indexes the sentences of an analysed article stored at
// position art, replacing what was indexed there before.
func (x *index) addArticle(art int32, an *Analysis) {
	for int(art) >= len(x.published) {
		x.published = append(x.published, 0)
	}
	if a := an.Article; a != nil && !a.Published.IsZero() {
		x.published[art] = a.Published.Unix()
	}
	if old, ok := x.byArticle[art]; ok {
		for i := old[0]; i < old[0]+old[1]; i++ {
			s := &x.sents[i]
			if !s.dead {
				s.dead = true
				x.live--
				x.totalLen -= int64(s.words)
			}
		}
	}
	first := int32(len(x.sents))
	for si := range an.Sentences {
		s := &an.Sentences[si]
		id := int32(len(x.sents))
		tok := int32(len(x.tokTerms))
		n := 0
		for _, t := range s.tokens {
			x.tokTerms = append(x.tokTerms, -1)
			if t.Kind != tokWord && t.Kind != tokNumber {
				continue
			}
			if isStopword(t.Lower) && !t.allCaps() {
				continue
			}
			st := stem(t.Lower)
			if st == "" {
				continue
			}
			n++
			tid, ok := x.terms[st]
			if !ok {
				tid = int32(len(x.postings))
				x.terms[st] = tid
				x.postings = append(x.postings, nil)
			}
			x.tokTerms[len(x.tokTerms)-1] = tid
			pl := x.postings[tid]
			if len(pl) > 0 && pl[len(pl)-1].sent == id {
				if pl[len(pl)-1].tf < math.MaxUint16 {
					pl[len(pl)-1].tf++
				}
				continue
			}
			x.postings[tid] = append(pl, posting{sent: id, tf: 1})
		}
		if n > math.MaxUint16 {
			n = math.MaxUint16
		}
		refers := opensWithPronoun(s.tokens)
		x.sents = append(x.sents, sentRef{art: art, sent: int32(si), tok: tok, words: uint16(n), refers: refers})
		x.live++
		x.totalLen += int64(n)
	}
	x.byArticle[art] = [2]int32{first, int32(len(x.sents)) - first}
}

// qterm is one indexed term a question looks for, with its weight.
type qterm struct {
	id     int32
	weight float32
}

// qgroup is the terms standing for one question word: the word and its
// paraphrases. A sentence scores for a group once, by its best term.
type qgroup struct {
	terms  []qterm
	weight float32 // the word's importance (focus nouns and names weigh more)
	idf    float32 // the idf of the word itself, or of an unseen word
}

// hit is a sentence scored for a question.
type hit struct {
	sent  int32
	score float32
	mask  uint32 // which groups matched
}

type scoreScratch struct {
	score    []float32
	mask     []uint32
	touched  []int32
	deferred []deferredTerm
}

// deferredTerm is a common term of group g, scored after the rare ones.
type deferredTerm struct {
	g int
	t qterm
}

const (
	// minCommonDF is the fewest sentences a term must be in to be common.
	minCommonDF = 1024
	// maxScan caps the postings one term adds candidates from: the most
	// recent ones, so a word in nearly every sentence stays cheap.
	maxScan = 1 << 14
)

// accumulate adds term t of group g to the score of every sentence it is
// in (the most recent maxScan of them).
func (x *index) accumulate(sc *scoreScratch, groups []qgroup, g int, t qterm, avg float32) {
	pl := x.postings[t.id]
	w := t.weight * groups[g].weight * groups[g].idf
	bit := uint32(1) << g
	if len(pl) > maxScan {
		pl = pl[len(pl)-maxScan:]
	}
	for _, p := range pl {
		s := &x.sents[p.sent]
		if s.dead || sc.mask[p.sent]&bit != 0 {
			continue
		}
		if sc.mask[p.sent] == 0 {
			sc.touched = append(sc.touched, p.sent)
		}
		tf := float32(p.tf)
		norm := bm25K1 * (1 - bm25B + bm25B*float32(s.words)/avg)
		sc.score[p.sent] += w * tf * (bm25K1 + 1) / (tf + norm)
		sc.mask[p.sent] |= bit
	}
}

// probe adds term t of group g to the sentences already found, looking
// each up in the term's postings.
func (x *index) probe(sc *scoreScratch, groups []qgroup, g int, t qterm, avg float32) {
	pl := x.postings[t.id]
	w := t.weight * groups[g].weight * groups[g].idf
	bit := uint32(1) << g
	for _, id := range sc.touched {
		if sc.mask[id]&bit != 0 {
			continue
		}
		i, ok := slices.BinarySearchFunc(pl, id, func(p posting, id int32) int { return int(p.sent - id) })
		if !ok {
			continue
		}
		s := &x.sents[id]
		tf := float32(pl[i].tf)
		norm := bm25K1 * (1 - bm25B + bm25B*float32(s.words)/avg)
		sc.score[id] += w * tf * (bm25K1 + 1) / (tf + norm)
		sc.mask[id] |= bit
	}
}

// idf is BM25's inverse document frequency for a term in df sentences.
func (x *index) idf(df int) float32 {
	n := float64(x.live)
	return float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
}

// search scores the sentences matching the groups and returns the best k,
// best first; ties go to the sentence of the article added last.
func (x *index) search(groups []qgroup, k int, dst []hit) []hit {
	if x.live == 0 || len(groups) == 0 {
		return dst[:0]
	}
	sc, _ := x.scratch.Get().(*scoreScratch)
	if sc == nil {
		sc = &scoreScratch{}
	}
	if len(sc.score) < len(x.sents) {
		sc.score = make([]float32, len(x.sents)+len(x.sents)/4)
		sc.mask = make([]uint32, len(sc.score))
	}
	avg := float32(x.totalLen) / float32(x.live)
	// Rare terms are scored through their postings. Common ones (in more
	// than commonDF sentences) are deferred: once rarer terms have found
	// candidates, a common term only probes those candidates' ids with a
	// binary search, so a frequent word costs little.
	commonDF := max(minCommonDF, x.live/256)
	sc.deferred = sc.deferred[:0]
	for g := range groups {
		if g >= 32 {
			break
		}
		for _, t := range groups[g].terms {
			if len(x.postings[t.id]) > commonDF {
				sc.deferred = append(sc.deferred, deferredTerm{g: g, t: t})
				continue
			}
			x.accumulate(sc, groups, g, t, avg)
		}
	}
	slices.SortFunc(sc.deferred, func(a, b deferredTerm) int {
		return len(x.postings[a.t.id]) - len(x.postings[b.t.id])
	})
	for _, d := range sc.deferred {
		df := len(x.postings[d.t.id])
		if len(sc.touched) == 0 || df <= len(sc.touched)*bits.Len(uint(df)) {
			x.accumulate(sc, groups, d.g, d.t, avg)
		} else {
			x.probe(sc, groups, d.g, d.t, avg)
		}
	}
	dst = dst[:0]
	for _, id := range sc.touched {
		h := hit{sent: id, score: sc.score[id], mask: sc.mask[id]}
		// A sentence often continues its neighbour's subject ("It was
		// named after ..."): some of the neighbours' score carries over.
		if id > 0 && x.sents[id-1].art == x.sents[id].art {
			share := float32(neighbourShare)
			if x.sents[id].refers {
				share = referShare
			}
			h.score += share * sc.score[id-1]
		}
		if int(id)+1 < len(x.sents) && x.sents[id+1].art == x.sents[id].art {
			h.score += neighbourShare / 2 * sc.score[id+1]
		}
		dst = x.keep(dst, h, k)
	}
	for _, id := range sc.touched {
		sc.score[id], sc.mask[id] = 0, 0
	}
	sc.touched = sc.touched[:0]
	x.scratch.Put(sc)
	return dst
}

// keep inserts h into the best-first list dst of at most k hits.
func (x *index) keep(dst []hit, h hit, k int) []hit {
	{
		if len(dst) == k && !x.better(h, dst[k-1]) {
			return dst
		}
		if len(dst) < k {
			dst = append(dst, h)
		} else {
			dst[k-1] = h
		}
		for i := len(dst) - 1; i > 0 && x.better(dst[i], dst[i-1]); i-- {
			dst[i], dst[i-1] = dst[i-1], dst[i]
		}
	}
	return dst
}

// better orders hits by score, then by recency of their article, then by
// position.
func (x *index) better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if aa, ba := x.sents[a.sent].art, x.sents[b.sent].art; aa != ba {
		// The newer article: by publication time when both have one,
		// else the one added last.
		if pa, pb := x.published[aa], x.published[ba]; pa != 0 && pb != 0 && pa != pb {
			return pa > pb
		}
		return aa > ba
	}
	return a.sent < b.sent
}

// opening returns the first live sentences of article art, unscored.
func (x *index) opening(art int, dst []hit) []hit {
	r, ok := x.byArticle[int32(art)]
	if !ok {
		return dst
	}
	for i := r[0]; i < r[0]+r[1] && len(dst) < cap(dst) && len(dst) < 3; i++ {
		if !x.sents[i].dead {
			dst = append(dst, hit{sent: i})
		}
	}
	return dst
}

// memory estimates the bytes the index holds: postings, per-token term
// ids, sentence references and the term dictionary.
func (x *index) memory() int {
	n := cap(x.tokTerms)*4 + cap(x.sents)*int(unsafe.Sizeof(sentRef{})) + cap(x.postings)*24
	for _, pl := range x.postings {
		n += cap(pl) * int(unsafe.Sizeof(posting{}))
	}
	for t := range x.terms {
		n += len(t) + 16 + 4 + 8 // key bytes, string header, value, map slot overhead
	}
	n += len(x.byArticle)*24 + cap(x.published)*8
	return n
}
