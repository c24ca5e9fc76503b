package briefing

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strings"
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

// Postings are uint32s: a sentence id above postingTFBits bits of term
// frequency, so a posting list is sorted by sentence and searchable.
const (
	postingTFBits = 4
	postingTFMax  = 1<<postingTFBits - 1
)

func postingSent(p uint32) int32 { return int32(p >> postingTFBits) }
func postingTF(p uint32) uint32  { return p & postingTFMax }

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

// segment holds the postings of the sentences [lo, hi) in compressed
// sparse rows: the sorted ids of the terms they contain, and for each its
// run of postings. Each article added makes a segment; segments of
// similar size merge, so a few dozen at most hold any number of articles.
type segment struct {
	lo, hi int32
	terms  []uint32 // sorted term ids
	offs   []uint32 // postings of terms[i] are post[offs[i]:offs[i+1]]
	post   []uint32
}

// find returns the postings of term id in the segment.
func (g *segment) find(id int32) []uint32 {
	i, ok := slices.BinarySearch(g.terms, uint32(id))
	if !ok {
		return nil
	}
	return g.post[g.offs[i]:g.offs[i+1]]
}

// mergeSegments joins two segments, a before b.
func mergeSegments(a, b *segment) segment {
	m := segment{lo: a.lo, hi: b.hi,
		terms: make([]uint32, 0, len(a.terms)+len(b.terms)),
		offs:  make([]uint32, 1, len(a.terms)+len(b.terms)+1),
		post:  make([]uint32, 0, len(a.post)+len(b.post)),
	}
	i, j := 0, 0
	for i < len(a.terms) || j < len(b.terms) {
		switch {
		case j == len(b.terms) || i < len(a.terms) && a.terms[i] < b.terms[j]:
			m.terms = append(m.terms, a.terms[i])
			m.post = append(m.post, a.post[a.offs[i]:a.offs[i+1]]...)
			i++
		case i == len(a.terms) || b.terms[j] < a.terms[i]:
			m.terms = append(m.terms, b.terms[j])
			m.post = append(m.post, b.post[b.offs[j]:b.offs[j+1]]...)
			j++
		default:
			m.terms = append(m.terms, a.terms[i])
			m.post = append(m.post, a.post[a.offs[i]:a.offs[i+1]]...)
			m.post = append(m.post, b.post[b.offs[j]:b.offs[j+1]]...)
			i++
			j++
		}
		m.offs = append(m.offs, uint32(len(m.post)))
	}
	m.terms = slices.Clip(m.terms)
	m.offs = slices.Clip(m.offs)
	return m
}

// acronymMark starts the dictionary terms that are acronyms of names
// ("\x01eu" for "European Union"), apart from words.
const acronymMark = "\x01"

// initials returns the acronym term of a name of two to six capitalised
// words ("European Union" → "\x01eu", "International Monetary Fund" →
// "\x01imf"), or "".
func initials(name string) string {
	var b [8]byte
	n, words := 0, 0
	for _, w := range strings.Fields(name) {
		r := w[0]
		switch {
		case r >= 'A' && r <= 'Z':
			if n == len(b) {
				return ""
			}
			b[n] = r + 'a' - 'A'
			n++
		case w == "of" || w == "for" || w == "and" || w == "the" || w == "on":
			if words == 0 {
				continue
			}
		default:
			return ""
		}
		words++
	}
	if words < 2 || n < 2 || n > 6 {
		return ""
	}
	return acronymMark + string(b[:n])
}

// fit returns s with at most a quarter of its length spare, copying it
// when append left more.
func fit[T any](s []T) []T {
	if cap(s) <= len(s)+len(s)/4+8 {
		return s
	}
	t := make([]T, len(s), len(s)+len(s)/4)
	copy(t, s)
	return t
}

// df returns the number of sentences term id is in.
func (x *index) df(id int32) int {
	n := 0
	for i := range x.segs {
		n += len(x.segs[i].find(id))
	}
	return n
}

// termDict maps stemmed terms to dense ids with one byte arena and an
// open-addressing table, much smaller than a map of strings.
type termDict struct {
	bytes []byte
	ends  []uint32 // term i is bytes[ends[i-1]:ends[i]]
	slots []int32  // id+1, or 0 for an empty slot; a power of two long
}

func (d *termDict) len() int { return len(d.ends) }

// term returns the bytes of term id.
func (d *termDict) term(id int32) []byte {
	start := uint32(0)
	if id > 0 {
		start = d.ends[id-1]
	}
	return d.bytes[start:d.ends[id]]
}

func hashTerm(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// lookup returns the id of term s.
func (d *termDict) lookup(s string) (int32, bool) {
	if len(d.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(d.slots) - 1)
	for i := hashTerm(s) & mask; ; i = (i + 1) & mask {
		v := d.slots[i]
		if v == 0 {
			return 0, false
		}
		if string(d.term(v-1)) == s {
			return v - 1, true
		}
	}
}

// add returns the id of term s, giving it the next id when it is new.
func (d *termDict) add(s string) (int32, bool) {
	if id, ok := d.lookup(s); ok {
		return id, false
	}
	if (len(d.ends)+1)*4 > len(d.slots)*3 {
		d.grow()
	}
	id := int32(len(d.ends))
	d.bytes = append(d.bytes, s...)
	d.ends = append(d.ends, uint32(len(d.bytes)))
	d.put(id)
	return id, true
}

func (d *termDict) put(id int32) {
	mask := uint32(len(d.slots) - 1)
	i := hashTerm(string(d.term(id))) & mask
	for d.slots[i] != 0 {
		i = (i + 1) & mask
	}
	d.slots[i] = id + 1
}

func (d *termDict) grow() {
	n := max(16, 2*len(d.slots))
	d.slots = make([]int32, n)
	for id := range d.ends {
		d.put(int32(id))
	}
}

// index is an inverted index from stemmed terms to the sentences of every
// loaded article, scored with BM25. It is guarded by the Engine's lock.
type index struct {
	dict  termDict
	segs  []segment
	sents []sentRef
	// tokTerms holds, for every token of every sentence, its term id
	// plus one (0 for a token not indexed) as a uvarint.
	tokTerms []byte
	// arts holds each article's first sentence and count, for replacing it.
	arts [][2]int32
	// bulk caches stems while many articles are indexed at once (see
	// Engine.AddAll); nil otherwise, so that it costs no memory after.
	bulk stemCache
	// published holds each article's publication time (Unix seconds), or 0.
	published []int64
	live      int
	totalLen  int64
	scratch   sync.Pool // *scoreScratch
}

func newIndex() *index {
	return &index{}
}

// stem stems a word of an article being indexed, through the bulk cache
// while one is set.
func (x *index) stem(lower string) string {
	if x.bulk != nil {
		return x.bulk.stem(lower)
	}
	return stem(lower)
}

// termsOf decodes the term ids of a sentence's n tokens (-1 for a token
// not indexed) into dst.
func (x *index) termsOf(ref sentRef, n int, dst []int32) []int32 {
	b := x.tokTerms[ref.tok:]
	for range n {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			break
		}
		b = b[k:]
		dst = append(dst, int32(v)-1)
	}
	return dst
}

// addArticle indexes the sentences of an analysed article stored at
// position art, replacing what was indexed there before.
func (x *index) addArticle(art int32, an *Analysis) {
	for int(art) >= len(x.published) {
		x.published = append(x.published, 0)
		x.arts = append(x.arts, [2]int32{-1, 0})
	}
	if a := an.Article; a != nil && !a.Published.IsZero() {
		x.published[art] = a.Published.Unix()
	}
	if old := x.arts[art]; old[0] >= 0 {
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
	var pairs []uint64
	for si := range an.Sentences {
		s := &an.Sentences[si]
		id := int32(len(x.sents))
		tok := int32(len(x.tokTerms))
		n := 0
		for _, t := range s.tokens {
			tid := int32(-1)
			if (t.Kind == tokWord || t.Kind == tokNumber) && (!isStopword(t.Lower) || t.allCaps()) {
				if st := x.stem(t.Lower); st != "" {
					n++
					tid, _ = x.dict.add(st)
					pairs = append(pairs, uint64(tid)<<32|uint64(id))
				}
			}
			x.tokTerms = binary.AppendUvarint(x.tokTerms, uint64(tid+1))
		}
		// "European Union" is also indexed as its acronym, for "EU".
		for _, m := range s.Mentions {
			if m.Kind != MentionOrganization && m.Kind != MentionPlace {
				continue
			}
			if a := initials(m.Text); a != "" {
				tid, _ := x.dict.add(a)
				pairs = append(pairs, uint64(tid)<<32|uint64(id))
			}
		}
		if n > math.MaxUint16 {
			n = math.MaxUint16
		}
		refers := opensWithPronoun(s.tokens)
		x.sents = append(x.sents, sentRef{art: art, sent: int32(si), tok: tok, words: uint16(n), refers: refers})
		x.live++
		x.totalLen += int64(n)
	}
	x.arts[art] = [2]int32{first, int32(len(x.sents)) - first}
	// The article's segment: its (term, sentence) pairs in order.
	slices.Sort(pairs)
	seg := segment{lo: first, hi: int32(len(x.sents)), offs: []uint32{0}}
	for i := 0; i < len(pairs); {
		term, sent := uint32(pairs[i]>>32), uint32(pairs[i])
		j := i + 1
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		if len(seg.terms) == 0 || seg.terms[len(seg.terms)-1] != term {
			if len(seg.terms) > 0 {
				seg.offs = append(seg.offs, uint32(len(seg.post)))
			}
			seg.terms = append(seg.terms, term)
		}
		seg.post = append(seg.post, sent<<postingTFBits|uint32(min(j-i, postingTFMax)))
		i = j
	}
	if len(seg.terms) > 0 {
		seg.offs = append(seg.offs, uint32(len(seg.post)))
	}
	seg.terms, seg.offs, seg.post = slices.Clip(seg.terms), slices.Clip(seg.offs), slices.Clip(seg.post)
	// Growing slices keep up to half their room spare; the index keeps a
	// quarter at most.
	x.dict.bytes, x.dict.ends = fit(x.dict.bytes), fit(x.dict.ends)
	x.tokTerms, x.sents, x.arts, x.published = fit(x.tokTerms), fit(x.sents), fit(x.arts), fit(x.published)
	x.segs = append(x.segs, seg)
	// Merge segments of similar size, as a binary counter does.
	for n := len(x.segs); n >= 2 && len(x.segs[n-1].post)*2 >= len(x.segs[n-2].post); n = len(x.segs) {
		x.segs[n-2] = mergeSegments(&x.segs[n-2], &x.segs[n-1])
		x.segs[n-1] = segment{}
		x.segs = x.segs[:n-1]
	}
}

// qterm is one indexed term a question looks for, with its weight and
// the number of sentences it is in.
type qterm struct {
	id     int32
	weight float32
	df     int32
}

// qgroup is the terms standing for one question word: the word and its
// paraphrases. A sentence scores for a group once, by its best term.
type qgroup struct {
	terms  []qterm
	weight float32 // the word's importance (focus nouns and names weigh more)
	idf    float32 // the idf of the word itself, or of an unseen word
	// acronym is the word in lower case when it may be an acronym
	// ("eu"), whose names' words match it ("European Union").
	acronym string
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
	lists    [][]uint32
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
	w := t.weight * groups[g].weight * groups[g].idf
	bit := uint32(1) << g
	budget := maxScan
	for si := len(x.segs) - 1; si >= 0 && budget > 0; si-- {
		pl := x.segs[si].find(t.id)
		if len(pl) > budget {
			pl = pl[len(pl)-budget:]
		}
		budget -= len(pl)
		for _, p := range pl {
			id := postingSent(p)
			s := &x.sents[id]
			if s.dead || sc.mask[id]&bit != 0 {
				continue
			}
			if sc.mask[id] == 0 {
				sc.touched = append(sc.touched, id)
			}
			tf := float32(postingTF(p))
			norm := bm25K1 * (1 - bm25B + bm25B*float32(s.words)/avg)
			sc.score[id] += w * tf * (bm25K1 + 1) / (tf + norm)
			sc.mask[id] |= bit
		}
	}
}

// probe adds term t of group g to the sentences already found, looking
// each up in the term's postings.
func (x *index) probe(sc *scoreScratch, groups []qgroup, g int, t qterm, avg float32) {
	w := t.weight * groups[g].weight * groups[g].idf
	bit := uint32(1) << g
	lists := sc.lists[:0]
	for si := range x.segs {
		lists = append(lists, x.segs[si].find(t.id))
	}
	sc.lists = lists
	for _, id := range sc.touched {
		if sc.mask[id]&bit != 0 {
			continue
		}
		si, _ := slices.BinarySearchFunc(x.segs, id, func(s segment, id int32) int {
			switch {
			case s.hi <= id:
				return -1
			case s.lo > id:
				return 1
			}
			return 0
		})
		if si >= len(lists) {
			continue
		}
		pl := lists[si]
		i, ok := slices.BinarySearchFunc(pl, id, func(p uint32, id int32) int { return int(postingSent(p) - id) })
		if !ok {
			continue
		}
		s := &x.sents[id]
		tf := float32(postingTF(pl[i]))
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
			if int(t.df) > commonDF {
				sc.deferred = append(sc.deferred, deferredTerm{g: g, t: t})
				continue
			}
			x.accumulate(sc, groups, g, t, avg)
		}
	}
	slices.SortFunc(sc.deferred, func(a, b deferredTerm) int {
		return int(a.t.df) - int(b.t.df)
	})
	for _, d := range sc.deferred {
		df := int(d.t.df)
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
	if art < 0 || art >= len(x.arts) || x.arts[art][0] < 0 {
		return dst
	}
	r := x.arts[art]
	for i := r[0]; i < r[0]+r[1] && len(dst) < cap(dst) && len(dst) < 3; i++ {
		if !x.sents[i].dead {
			dst = append(dst, hit{sent: i})
		}
	}
	return dst
}

// memory returns the bytes the index holds: the term dictionary, the
// segments' postings, the per-token term ids and the sentence and
// article tables.
func (x *index) memory() int {
	n := cap(x.dict.bytes) + cap(x.dict.ends)*4 + cap(x.dict.slots)*4
	n += cap(x.segs) * int(unsafe.Sizeof(segment{}))
	for i := range x.segs {
		g := &x.segs[i]
		n += (cap(g.terms) + cap(g.offs) + cap(g.post)) * 4
	}
	n += cap(x.tokTerms) + cap(x.sents)*int(unsafe.Sizeof(sentRef{}))
	n += cap(x.arts)*8 + cap(x.published)*8
	return n
}
