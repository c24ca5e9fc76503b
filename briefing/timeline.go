package briefing

// findTimes finds the dates and clock times of a sentence.
func findTimes(text string, toks []token) []Mention { return nil }
