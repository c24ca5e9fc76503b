package briefing

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestAddAllMatchesAdd checks that adding articles together, analysed in
// parallel, leaves the engine as adding them one by one does.
func TestAddAllMatchesAdd(t *testing.T) {
	var articles []*Article
	for i := range 40 {
		articles = append(articles, &Article{
			Title:      fmt.Sprintf("Council approves budget %d", i),
			Source:     "test",
			Paragraphs: []string{fmt.Sprintf("The council of town %d approved a budget of $%d million on Monday, Mayor Ana Ruiz said.", i, 10+i)},
		})
	}
	// The same ID twice: the later article replaces the earlier, in order.
	articles = append(articles, &Article{ID: "dup", Title: "First", Paragraphs: []string{"The first version said 12 people were hurt."}},
		&Article{ID: "dup", Title: "Second", Paragraphs: []string{"The second version said 14 people were hurt."}})
	copyAll := func() []*Article {
		out := make([]*Article, len(articles))
		for i, a := range articles {
			c := *a
			out[i] = &c
		}
		return out
	}
	clock := func() time.Time { return time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) }
	one := NewEngine(WithClock(clock))
	for _, a := range copyAll() {
		if _, err := one.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	all := NewEngine(WithClock(clock))
	infos, err := all.AddAll(copyAll())
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != len(articles) {
		t.Fatalf("AddAll described %d articles, want %d", len(infos), len(articles))
	}
	if got, want := all.Articles(), one.Articles(); !reflect.DeepEqual(got, want) {
		t.Errorf("articles differ:\nAddAll %v\nAdd    %v", got, want)
	}
	if got, want := all.Figures(), one.Figures(); !reflect.DeepEqual(got, want) {
		t.Errorf("figures differ:\nAddAll %v\nAdd    %v", got, want)
	}
	for _, q := range []string{"How many people were hurt?", "Who is the mayor?", "How big is the budget of town 7?"} {
		a1, err1 := one.Ask(context.Background(), q)
		a2, err2 := all.Ask(context.Background(), q)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(a1, a2) {
			t.Errorf("Ask(%q): AddAll %+v (%v), Add %+v (%v)", q, a2, err2, a1, err1)
		}
	}
}

func TestAddAllRefusesEmptyArticles(t *testing.T) {
	e := NewEngine()
	_, err := e.AddAll([]*Article{{Title: "Fine", Paragraphs: []string{"Text."}}, {}})
	if err == nil {
		t.Fatal("AddAll accepted an article with no text")
	}
	if n := len(e.Articles()); n != 0 {
		t.Errorf("AddAll added %d articles despite the error, want none", n)
	}
}
