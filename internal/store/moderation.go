package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// SetCommentLocked locks or unlocks a comment: no replies beneath it.
func (s *Store) SetCommentLocked(ctx context.Context, id int64, locked bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE comments SET locked = $2 WHERE id = $1`, id, locked)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set comment locked", err)
}

// ThreadLocked reports whether a comment or any comment above it is
// locked, which closes the branch to replies.
func (s *Store) ThreadLocked(ctx context.Context, commentID int64) (bool, error) {
	var locked bool
	err := s.db.QueryRow(ctx, `
		SELECT coalesce(bool_or(a.locked), false) FROM comments c JOIN comments a ON a.id = ANY (c.path)
		WHERE c.id = $1`, commentID).Scan(&locked)
	return locked, wrap("check thread lock", err)
}

// BanFromCommunityUntil bans a person from one community until expires,
// or until lifted when expires is zero.
func (s *Store) BanFromCommunityUntil(ctx context.Context, communityID, personID int64, reason string, expires time.Time) error {
	var until *time.Time
	if !expires.IsZero() {
		until = &expires
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO community_bans (community_id, person_id, reason, expires_at) VALUES ($1, $2, nullif($3, ''), $4)
		ON CONFLICT (community_id, person_id) DO UPDATE
		SET reason = excluded.reason, expires_at = excluded.expires_at, created_at = now()`,
		communityID, personID, reason, until)
	return wrap("ban from community", err)
}

// UnbanFromCommunity lifts a community ban; lifting none is not an error.
func (s *Store) UnbanFromCommunity(ctx context.Context, communityID, personID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM community_bans WHERE community_id = $1 AND person_id = $2`,
		communityID, personID)
	return wrap("unban from community", err)
}

// HidePersonContent marks every post and comment of a person, in one
// community or (communityID zero) everywhere, removed by moderators or
// deleted by the person, and reports how many posts and comments changed.
func (s *Store) HidePersonContent(ctx context.Context, personID, communityID int64, removed bool) (posts, comments int64, err error) {
	column := "deleted"
	if removed {
		column = "removed"
	}
	tag, err := s.db.Exec(ctx, `UPDATE posts SET `+column+` = true
		WHERE creator_id = $1 AND ($2 = 0 OR community_id = $2) AND NOT `+column, personID, communityID)
	if err != nil {
		return 0, 0, wrap("hide person's posts", err)
	}
	posts = tag.RowsAffected()
	tag, err = s.db.Exec(ctx, `UPDATE comments c SET `+column+` = true FROM posts p
		WHERE p.id = c.post_id AND c.creator_id = $1 AND ($2 = 0 OR p.community_id = $2) AND NOT c.`+column,
		personID, communityID)
	if err != nil {
		return 0, 0, wrap("hide person's comments", err)
	}
	return posts, tag.RowsAffected(), nil
}

// SetPersonDeleted marks an account deleted by its owner and ends its
// follows: a deleted account hears nothing more.
func (s *Store) SetPersonDeleted(ctx context.Context, id int64) error {
	tag, err := s.db.Exec(ctx, `UPDATE people SET deleted = true, updated = now() WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return wrap("delete person", err)
	}
	_, err = s.db.Exec(ctx, `DELETE FROM community_follows WHERE person_id = $1`, id)
	return wrap("end deleted person's follows", err)
}

// CommunityProfile is what a community's moderators may change of it.
type CommunityProfile struct {
	Title, Description, DescriptionHTML, IconURL, BannerURL string
	NSFW, PostingRestrictedToMods                           bool
}

// UpdateCommunityProfile replaces a community's title, sidebar, images and
// posting rules.
func (s *Store) UpdateCommunityProfile(ctx context.Context, id int64, p CommunityProfile) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE communities SET title = $2, description = nullif($3, ''), description_html = nullif($4, ''),
			icon_url = nullif($5, ''), banner_url = nullif($6, ''), nsfw = $7, posting_restricted_to_mods = $8,
			updated = now()
		WHERE id = $1`, id, p.Title, p.Description, p.DescriptionHTML, p.IconURL, p.BannerURL, p.NSFW,
		p.PostingRestrictedToMods)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("update community", err)
}
