-- Reverses 000008; log entries of the kinds it added go with it.
DELETE FROM mod_actions WHERE action IN ('lock_comment', 'unlock_comment', 'update_community');
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_action_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_action_check CHECK (action IN (
    'remove_post', 'restore_post', 'lock_post', 'unlock_post', 'feature_post', 'unfeature_post',
    'remove_comment', 'restore_comment', 'ban_from_community', 'unban_from_community',
    'ban_from_site', 'unban_from_site', 'add_moderator', 'remove_moderator',
    'remove_community', 'restore_community', 'add_admin', 'remove_admin'));

ALTER TABLE comments DROP COLUMN locked;
