-- The moderation log learns every action moderators and admins take here,
-- as Lemmy's modlog lists them: pins on the front page, NSFW marks, a
-- community handed over, and purges. A purge deletes its target, and the
-- log's references to it with it (ON DELETE CASCADE), so its entry keeps
-- what the target was called in target_name. A ban's end is kept for the
-- log to show.
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_action_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_action_check CHECK (action IN (
    'remove_post', 'restore_post', 'lock_post', 'unlock_post', 'feature_post', 'unfeature_post',
    'feature_post_local', 'unfeature_post_local', 'mark_post_nsfw', 'unmark_post_nsfw',
    'remove_comment', 'restore_comment', 'lock_comment', 'unlock_comment',
    'ban_from_community', 'unban_from_community',
    'ban_from_site', 'unban_from_site', 'add_moderator', 'remove_moderator', 'transfer_community',
    'remove_community', 'restore_community', 'update_community', 'add_admin', 'remove_admin',
    'purge_post', 'purge_comment', 'purge_person', 'purge_community'));

ALTER TABLE mod_actions ADD COLUMN target_name text CHECK (char_length(target_name) <= 1000);
ALTER TABLE mod_actions ADD COLUMN expires_at timestamptz;

-- The log is read newest first, by community and by person.
CREATE INDEX mod_actions_community_idx ON mod_actions (community_id, created_at DESC) WHERE community_id IS NOT NULL;
CREATE INDEX mod_actions_moderator_idx ON mod_actions (moderator_id, created_at DESC) WHERE moderator_id IS NOT NULL;
CREATE INDEX mod_actions_target_person_idx ON mod_actions (target_person_id, created_at DESC)
    WHERE target_person_id IS NOT NULL;
