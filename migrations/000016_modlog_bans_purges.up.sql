-- The public moderation log, site-wide bans and purges. The site may hide
-- who moderated from readers, as Lemmy's hide_modlog_mod_names does. A log
-- entry tells a check of ours (content its origin server disowns) from an
-- admin at the command line, both without a moderator; and one whose
-- moderator was since purged keeps what they were called, as target_name
-- does for a purged target.
ALTER TABLE site ADD COLUMN hide_modlog_mod_names boolean NOT NULL DEFAULT false;

ALTER TABLE mod_actions ADD COLUMN automatic boolean NOT NULL DEFAULT false;
ALTER TABLE mod_actions ADD COLUMN moderator_name text CHECK (char_length(moderator_name) <= 1000);
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_automatic_check CHECK (NOT (automatic AND moderator_id IS NOT NULL));

-- Until now only the origin check removed anything without a moderator.
UPDATE mod_actions SET automatic = true
WHERE moderator_id IS NULL AND action IN ('remove_post', 'remove_comment');

-- The log pages by (created_at, id), newest first, also by kind of action;
-- the first index takes over from the one on created_at alone.
DROP INDEX mod_actions_created_idx;
CREATE INDEX mod_actions_page_idx ON mod_actions (created_at DESC, id DESC);
CREATE INDEX mod_actions_action_idx ON mod_actions (action, created_at DESC, id DESC);

-- The admins' list of site bans.
CREATE INDEX people_banned_idx ON people (banned_at DESC) WHERE banned;
