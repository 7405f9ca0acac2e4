package forum

import (
	"context"
	"fmt"
	"slices"

	"github.com/tidings/tidings/internal/store"
)

// ReadingSettings are how a person reads, as Lemmy's settings have them,
// and whether their own account is a bot's.
type ReadingSettings struct {
	ShowReadPosts   bool
	ShowScores      bool
	ShowBotAccounts bool
	BlurNSFW        bool
	// Languages are the codes of the languages read (besides undetermined,
	// which is always read); none reads every language.
	Languages []string
	// BotAccount marks the person's own account as a bot's: its actor is
	// then a Service, as Lemmy marks bots, and people who hide bots do not
	// see what it writes.
	BotAccount bool
}

// UpdateReading saves a person's reading settings; an unknown language
// is refused and nothing is saved.
func (s *Service) UpdateReading(ctx context.Context, actor store.LocalUser, in ReadingSettings) error {
	var langs []string
	for _, code := range in.Languages {
		if !validLanguage(code) {
			return inputErr("languages", "%q is not a language this site knows", code)
		}
		if code != "und" && !slices.Contains(langs, code) {
			langs = append(langs, code)
		}
	}
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateReading(ctx, actor.ID, store.Reading{ShowReadPosts: in.ShowReadPosts,
			ShowScores: in.ShowScores, ShowBotAccounts: in.ShowBotAccounts, BlurNSFW: in.BlurNSFW}, langs); err != nil {
			return err
		}
		return tx.SetBot(ctx, actor.ID, in.BotAccount)
	})
	if err != nil {
		return fmt.Errorf("update reading settings: %w", err)
	}
	return nil
}
