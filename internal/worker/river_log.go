package worker

import (
	"context"
	"log/slog"
	"strings"
)

// QuietRiver wraps the handler River logs to so that its routine lines,
// written every few seconds while jobs run ("producer: Producer job
// counts", a maintenance service's "Ran successfully"), go to debug, not
// info: at the default level they would drown the lines an admin reads.
// Everything else of River's (errors, a job that panicked, start and stop,
// jobs rescued from a dead process) keeps its level.
func QuietRiver(h slog.Handler) slog.Handler { return quietRiver{h} }

type quietRiver struct{ next slog.Handler }

// routine reports one of River's periodic status lines.
func routine(msg string) bool {
	switch {
	case strings.HasSuffix(msg, ": Producer job counts"):
		return true
	case strings.HasSuffix(msg, ": Ran successfully"):
		// The rescuer's says it rescued jobs of a process that died:
		// worth an admin's eye.
		return !strings.Contains(msg, "JobRescuer")
	}
	return false
}

func (q quietRiver) Enabled(ctx context.Context, level slog.Level) bool {
	return q.next.Enabled(ctx, level)
}

func (q quietRiver) Handle(ctx context.Context, r slog.Record) error {
	if r.Level == slog.LevelInfo && routine(r.Message) {
		if !q.next.Enabled(ctx, slog.LevelDebug) {
			return nil
		}
		r.Level = slog.LevelDebug
	}
	return q.next.Handle(ctx, r)
}

func (q quietRiver) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietRiver{q.next.WithAttrs(attrs)}
}

func (q quietRiver) WithGroup(name string) slog.Handler {
	return quietRiver{q.next.WithGroup(name)}
}
