package forum

import (
	"context"

	"github.com/tidings/tidings/internal/store"
)

// removeReported removes what a report is about, as the moderator's own
// removal would.
func (s *Service) removeReported(ctx context.Context, actor store.LocalUser, r store.Report, reason string) error {
	_, _, _ = ctx, actor, reason
	return inputErr("", "removing content is not possible here yet; resolve the report without removing it")
}
