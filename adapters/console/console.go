// Package console is the terminal chat adapter: it reads lines from an
// io.Reader, answers commands ("/figures") and questions through the chat
// router, and writes plain text to an io.Writer. It doubles as the
// end-to-end test harness of the router.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/briefbot/briefbot/adapters/chat"
)

// maxLine caps one input line; longer lines are answered with an error.
const maxLine = 256 << 10

// Handler answers a chat request.
type Handler interface {
	Handle(ctx context.Context, req chat.Request) (chat.Reply, error)
}

// Adapter is a terminal chat session.
type Adapter struct {
	handler Handler
	in      io.Reader
	out     io.Writer
	log     *slog.Logger
	prompt  string
}

// New returns a console adapter reading in and writing out. prompt is
// printed before each line is read; empty for none.
func New(h Handler, in io.Reader, out io.Writer, log *slog.Logger, prompt string) *Adapter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Adapter{handler: h, in: in, out: out, log: log, prompt: prompt}
}

// Run answers lines until the input ends, "/quit" is typed or ctx is done.
func (a *Adapter) Run(ctx context.Context) error {
	sc := bufio.NewScanner(a.in)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(lines)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
	}()
	for {
		if a.prompt != "" {
			fmt.Fprint(a.out, a.prompt)
		}
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				err := <-errc
				if errors.Is(err, bufio.ErrTooLong) {
					return fmt.Errorf("read console input: a line is longer than %d bytes", maxLine)
				}
				return err
			}
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if line == "/quit" || line == "/exit" {
				return nil
			}
			fmt.Fprintln(a.out, a.answer(ctx, line))
		}
	}
}

func (a *Adapter) answer(ctx context.Context, line string) string {
	req := chat.Request{Platform: "console", Channel: "console", User: "console", Text: line, CanManage: true}
	if strings.HasPrefix(line, "/") {
		name, rest, _ := strings.Cut(line[1:], " ")
		req.Command, req.Text = name, strings.TrimSpace(rest)
	}
	rep, err := a.handler.Handle(ctx, req)
	if err != nil {
		a.log.Error("answer console line", "command", req.Command, "err", err)
	}
	return chat.RenderText(rep)
}
