package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/briefbot/briefbot/adapters/chat"
	"github.com/briefbot/briefbot/briefing"
)

// runAsk answers "bot ask [--article PATH]... [--json] QUESTION" and
// "bot ask --batch FILE [--article PATH]...".
func runAsk(ctx context.Context, e env) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var paths articlePaths
	fs.Var(&paths, "article", "an article `file` to read, or - for stdin (repeatable; default: the bundled sample)")
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	batch := fs.String("batch", "", "answer the JSON-lines questions in `file` (- for stdin), one JSON answer a line")
	if err := fs.Parse(e.args); err != nil {
		return exitUsage
	}
	if *batch != "" {
		if fs.NArg() > 0 {
			fmt.Fprintln(e.stderr, "bot ask: --batch takes its questions from the file, not the command line")
			return exitUsage
		}
		return runBatch(ctx, e, *batch, paths)
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(e.stderr, "bot ask: give a question, for example: bot ask \"who is mediating?\"")
		return exitUsage
	}
	en, err := loadEngine(paths, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot ask: %v\n", err)
		return exitError
	}
	a, err := en.Ask(ctx, q)
	if err != nil {
		fmt.Fprintf(e.stderr, "bot ask: %v\n", err)
		return exitError
	}
	if *asJSON {
		if err := json.NewEncoder(e.stdout).Encode(a); err != nil {
			return exitError
		}
		return exitOK
	}
	fmt.Fprintln(e.stdout, chat.RenderText(chat.Reply{Answer: &a}))
	return exitOK
}

// batchQuestion is one input line of "bot ask --batch".
type batchQuestion struct {
	ID       string  `json:"id"`
	Question string  `json:"question"`
	Context  *string `json:"context"`
}

// batchAnswer is one output line of "bot ask --batch". Answer always holds
// the best candidate, so extractive evaluations can score it; Abstained
// says whether the engine would decline to answer in chat.
type batchAnswer struct {
	ID         string  `json:"id"`
	Answer     string  `json:"answer"`
	Sentence   string  `json:"sentence"`
	Source     string  `json:"source"`
	Confidence float64 `json:"confidence"`
	Abstained  bool    `json:"abstained"`
	Error      string  `json:"-"`
	Line       int     `json:"-"`
}

// batchError is the output line of an input line that could not be answered.
type batchError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
	Line  int    `json:"line"`
}

// maxBatchLine caps one input line of a batch.
const maxBatchLine = 8 << 20

// maxContexts caps how many analysed contexts a batch keeps at once.
const maxContexts = 256

// runBatch answers a JSON-lines file of questions, one output line per
// input line in order. A question with a context is answered from that
// text alone; each distinct context is analysed once.
func runBatch(ctx context.Context, e env, path string, paths articlePaths) int {
	var in io.Reader
	if path == "-" {
		in = e.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "bot ask: %v\n", err)
			return exitError
		}
		defer f.Close()
		in = f
	}
	var articles *briefing.Engine // loaded on first use
	contexts := map[string]*briefing.Engine{}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	r := bufio.NewReaderSize(in, 64<<10)
	failed := 0
	for n := 1; ; n++ {
		line, err := readLine(r, maxBatchLine)
		if errors.Is(err, io.EOF) && len(line) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, errLineTooLong) {
			fmt.Fprintf(e.stderr, "bot ask: read %s: %v\n", path, err)
			return exitError
		}
		if ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "bot ask: %v\n", ctx.Err())
			return exitError
		}
		if err == nil && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		out := batchAnswer{Line: n}
		var q batchQuestion
		switch {
		case errors.Is(err, errLineTooLong):
			out.Error = fmt.Sprintf("line %d is longer than %d MB", n, maxBatchLine>>20)
		case json.Unmarshal(line, &q) != nil:
			out.Error = fmt.Sprintf("line %d is not a JSON object with \"id\" and \"question\"", n)
		default:
			out.ID = q.ID
			en, cerr := engineFor(q.Context, contexts, &articles, paths, e.stdin)
			if cerr != nil {
				out.Error = cerr.Error()
				break
			}
			a, aerr := en.Guess(ctx, q.Question)
			if aerr != nil {
				out.Error = aerr.Error()
				break
			}
			out = batchAnswer{ID: q.ID, Answer: a.Text, Sentence: a.Sentence, Source: a.Source, Confidence: a.Confidence, Abstained: a.Abstained}
		}
		if out.Error != "" {
			failed++
		}
		var b []byte
		var merr error
		if out.Error != "" {
			b, merr = json.Marshal(batchError{ID: out.ID, Error: out.Error, Line: out.Line})
		} else {
			b, merr = json.Marshal(out)
		}
		if merr != nil {
			fmt.Fprintf(e.stderr, "bot ask: %v\n", merr)
			return exitError
		}
		w.Write(b)
		w.WriteByte('\n')
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "bot ask: write answers: %v\n", err)
		return exitError
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "bot ask: %d line(s) could not be answered; see their \"error\" fields\n", failed)
	}
	return exitOK
}

// engineFor returns the engine that answers a batch question: one over
// its context, analysed once, or the loaded articles.
func engineFor(text *string, contexts map[string]*briefing.Engine, articles **briefing.Engine, paths articlePaths, stdin io.Reader) (*briefing.Engine, error) {
	if text == nil {
		if *articles == nil {
			en, err := loadEngine(paths, stdin)
			if err != nil {
				return nil, err
			}
			*articles = en
		}
		return *articles, nil
	}
	if en, ok := contexts[*text]; ok {
		return en, nil
	}
	var paras []string
	for _, p := range strings.Split(*text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	if len(paras) == 0 {
		return nil, errors.New("the context is empty")
	}
	en := briefing.NewEngine()
	if _, err := en.Add(&briefing.Article{Source: "context", Paragraphs: paras}); err != nil {
		return nil, err
	}
	if len(contexts) >= maxContexts {
		clear(contexts)
	}
	contexts[*text] = en
	return en, nil
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line without its end, up to max bytes; a longer line
// is skipped and reported with errLineTooLong.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line)+len(chunk) <= max {
			line = append(line, chunk...)
		} else {
			line = line[:0]
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return nil, errLineTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}
