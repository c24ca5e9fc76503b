package main

import (
	"embed"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/briefbot/briefbot/briefing"
)

//go:embed sample/gaza-ceasefire-talks.txt
var sampleFS embed.FS

const sampleName = "sample/gaza-ceasefire-talks.txt"

// maxArticleBytes caps one article read from a file or stdin: the engine
// reads no larger one, so reading stops there.
const maxArticleBytes = briefing.MaxArticleBytes

// articlePaths collects repeated --article flags.
type articlePaths []string

func (p *articlePaths) String() string { return strings.Join(*p, ",") }
func (p *articlePaths) Set(s string) error {
	*p = append(*p, s)
	return nil
}

// loadEngine reads the articles at paths ("-" for stdin) into a new engine,
// or the bundled sample when paths is empty.
func loadEngine(paths []string, stdin io.Reader) (*briefing.Engine, error) {
	e := briefing.NewEngine()
	if len(paths) == 0 {
		data, err := sampleFS.ReadFile(sampleName)
		if err != nil {
			return nil, fmt.Errorf("read bundled sample: %w", err)
		}
		a, err := briefing.ReadArticle("gaza-ceasefire-talks.txt", data)
		if err != nil {
			return nil, err
		}
		if _, err := e.Add(a); err != nil {
			return nil, err
		}
		return e, nil
	}
	if err := addFiles(e, paths, stdin); err != nil {
		return nil, err
	}
	return e, nil
}

// addFiles reads the articles at paths ("-" for stdin) and adds them to e.
func addFiles(e *briefing.Engine, paths []string, stdin io.Reader) error {
	for _, p := range paths {
		data, err := readInput(p, stdin)
		if err != nil {
			return err
		}
		a, err := briefing.ReadArticle(p, data)
		if err != nil {
			return err
		}
		if _, err := e.Add(a); err != nil {
			return fmt.Errorf("add %s: %w", p, err)
		}
	}
	return nil
}

// readInput reads a file, or stdin for "-", up to maxArticleBytes.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read article: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read article %s: %w", path, err)
	}
	if len(data) > maxArticleBytes {
		return nil, fmt.Errorf("read article %s: larger than %d MB", path, maxArticleBytes>>20)
	}
	return data, nil
}
