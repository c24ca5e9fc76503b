package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Runner ticks jobs on cron specs on the wall clock. A panicking job is
// recovered and logged; a job still running when its next tick comes is not
// started twice. Jobs decide what is due themselves, from their own clock.
type Runner struct {
	log  *slog.Logger
	cron *cron.Cron

	mu   sync.Mutex
	ctx  context.Context
	jobs []cron.Job
}

// NewRunner returns a runner logging to log.
func NewRunner(log *slog.Logger) *Runner {
	l := cronLogger{log}
	return &Runner{
		log:  log,
		ctx:  context.Background(),
		cron: cron.New(cron.WithLocation(time.UTC), cron.WithLogger(l), cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l))),
	}
}

// Add registers job to tick on spec (a five-field cron spec or "@every 1m"),
// and once when Run starts. The job's context is Run's.
func (r *Runner) Add(name, spec string, job func(ctx context.Context)) error {
	j := cron.FuncJob(func() {
		r.mu.Lock()
		ctx := r.ctx
		r.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		start := time.Now()
		job(ctx)
		r.log.Debug("job ran", "job", name, "elapsed", time.Since(start))
	})
	var wrapped cron.Job
	id, err := r.cron.AddJob(spec, j)
	if err != nil {
		return fmt.Errorf("schedule job %s on %q: %w", name, spec, err)
	}
	wrapped = r.cron.Entry(id).WrappedJob
	r.mu.Lock()
	r.jobs = append(r.jobs, wrapped)
	r.mu.Unlock()
	return nil
}

// Run ticks the jobs until ctx is done, then waits for running jobs to
// return. It returns nil on shutdown.
func (r *Runner) Run(ctx context.Context) error {
	r.mu.Lock()
	r.ctx = ctx
	jobs := append([]cron.Job(nil), r.jobs...)
	r.mu.Unlock()
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(j.Run) // catch up at once rather than at the first tick
	}
	r.cron.Start()
	<-ctx.Done()
	<-r.cron.Stop().Done()
	wg.Wait()
	return nil
}

// cronLogger sends the cron library's logs to slog; its routine messages at debug.
type cronLogger struct{ log *slog.Logger }

// Info logs cron's routine messages at debug level.
func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

// Error logs cron's errors, recovered panics among them.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}
