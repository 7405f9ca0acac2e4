-- Moderation arriving from other servers: Lemmy 1.0 locks single comments
-- (no replies beneath them), and the moderation log records the removals a
-- remote moderator or a deleted account cause, and moderator changes.
ALTER TABLE comments ADD COLUMN locked boolean NOT NULL DEFAULT false;

ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_action_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_action_check CHECK (action IN (
    'remove_post', 'restore_post', 'lock_post', 'unlock_post', 'feature_post', 'unfeature_post',
    'remove_comment', 'restore_comment', 'lock_comment', 'unlock_comment',
    'ban_from_community', 'unban_from_community',
    'ban_from_site', 'unban_from_site', 'add_moderator', 'remove_moderator',
    'remove_community', 'restore_community', 'update_community', 'add_admin', 'remove_admin'));
