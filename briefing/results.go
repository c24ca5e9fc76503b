package briefing

// Figure is one number in a story with what it counts.
type Figure struct {
	// Text is the number as written ("1,200", "nine", "two-hour").
	Text string `json:"text"`
	// Value is the number's value (a range's lower bound; see Max).
	Value float64 `json:"value"`
	// Max is a range's upper bound; zero when the figure is not a range.
	Max float64 `json:"max,omitempty"`
	// Unit is what kind of quantity it is: "people", "days", "percent", "USD"...
	Unit string `json:"unit"`
	// Label says in a reader's words what the number counts
	// ("hostages taken on October 7, 2023").
	Label string `json:"label"`
	// Hedge qualifies the number ("about", "upwards of"), when the story does.
	Hedge string `json:"hedge,omitempty"`
	// Attribution names who reported the number, when the story says.
	Attribution string `json:"attribution,omitempty"`
	// Sentence is the sentence the figure came from.
	Sentence string `json:"sentence"`
	// Source is the article's title or source the sentence belongs to.
	Source string `json:"source"`
	// ArticleID identifies the article.
	ArticleID string `json:"article_id,omitempty"`

	// labelFirst marks labels that read before the number ("Defence
	// spending will rise to" €24.8 billion) rather than after it.
	labelFirst bool
}

// Who lists the people, organisations and places a story names.
type Who struct {
	People        []Entity `json:"people"`
	Organizations []Entity `json:"organizations"`
	Places        []Entity `json:"places"`
}

// Entity is a person, organisation or place with what the story says of it.
type Entity struct {
	// Name is the fullest form of the name the story uses.
	Name string `json:"name"`
	// Role is the entity's role as the story gives it ("Trump's Middle East envoy").
	Role string `json:"role,omitempty"`
	// Aliases are the other forms the story uses for the same entity.
	Aliases []string `json:"aliases"`
	// Mentions counts how often the story refers to the entity.
	Mentions int `json:"mentions"`
	// Actions are short accounts of what the entity said or did.
	Actions []string `json:"actions,omitempty"`
}

// Brief is a headline and a few bullets a busy reader needs.
type Brief struct {
	Headline string   `json:"headline"`
	Bullets  []string `json:"bullets"`
}

// Answer is the engine's reply to a question.
type Answer struct {
	// Question is the question as asked.
	Question string `json:"question"`
	// Text is the short answer; empty when the engine abstains.
	Text string `json:"answer"`
	// Sentence is the evidence the answer came from.
	Sentence string `json:"sentence"`
	// Source is the title or source of the article that answered.
	Source string `json:"source"`
	// ArticleID identifies the article that answered.
	ArticleID string `json:"article_id,omitempty"`
	// Confidence is between 0 and 1.
	Confidence float64 `json:"confidence"`
	// Abstained is true when the articles do not answer the question.
	Abstained bool `json:"abstained"`
	// Suggestions are questions the engine can answer, offered when it abstains.
	Suggestions []string `json:"suggestions,omitempty"`
}
