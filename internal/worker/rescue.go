package worker

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// RescueAfter is how long a job may stay running before River takes the
// process working it for dead and queues it again. A process that is
// killed (kill -9, a crash, a machine lost) leaves its jobs marked
// running, and only River's rescuer, which looks every 30 s on the
// leader, frees them; River's own default is an hour. With 15 s, what a
// dead process was delivering goes out again within 50 s of its death:
// this window, the rescuer's 30 s round, and the 5 s in which River's
// scheduler makes a rescued job available. It is so whether a restarted
// process or another one over the same database picks it up; a
// restarted one must first wait for the dead one's leadership to lapse
// (up to 15 s, within the same 50).
const RescueAfter = 15 * time.Second

// MaxTimeout is the longest any job may run, and the timeout of the job
// kinds that name none. Past its timeout a job's context is cancelled; it
// must then return, and River record its end, before RescueAfter, or the
// rescuer would start it a second time while the first still runs. Work
// that can take longer is done in steps that each queue the next, as
// Backfill does.
const MaxTimeout = 12 * time.Second

// RetryPolicy is River's default retry policy (the attempt's number to
// the fourth power, in seconds), except for an abandoned attempt, which
// goes again at once. It is the policy of the kinds that have no
// NextRetry of their own.
type RetryPolicy struct{}

var _ river.ClientRetryPolicy = RetryPolicy{}

// NextRetry is when job runs again after a failed or abandoned attempt.
func (RetryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	if abandoned(job) {
		return time.Now()
	}
	return (&river.DefaultClientRetryPolicy{}).NextRetry(job)
}

// abandoned reports a job whose attempt began longer ago than any job may
// run: River's rescuer is asking, because the process working it died.
// That attempt did not fail (the remote may never have been asked), so
// it earns no backoff: a delivery interrupted by a crash must not wait an
// hour because its last real failure was its fifth.
func abandoned(job *rivertype.JobRow) bool {
	return job.AttemptedAt != nil && time.Since(*job.AttemptedAt) >= RescueAfter
}
