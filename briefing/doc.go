// Package briefing is briefbot's domain and engine: it reads news articles
// (plain text, Markdown, HTML) and turns them into what a chat bot serves:
// key figures, who's who, a short brief, and answers to questions together
// with the sentence they came from.
//
// It imports only the standard library and small text libraries. It knows
// nothing of chat platforms, HTTP, SQL or schedules; adapters translate
// platform events into Engine calls and render its results.
package briefing
