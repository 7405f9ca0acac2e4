-- Reverses 000012; log entries of the kinds it added go with it.
DROP INDEX mod_actions_target_person_idx;
DROP INDEX mod_actions_moderator_idx;
DROP INDEX mod_actions_community_idx;
ALTER TABLE mod_actions DROP COLUMN expires_at;
ALTER TABLE mod_actions DROP COLUMN target_name;
DELETE FROM mod_actions WHERE action IN ('feature_post_local', 'unfeature_post_local', 'mark_post_nsfw',
    'unmark_post_nsfw', 'transfer_community', 'purge_post', 'purge_comment', 'purge_person', 'purge_community');
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_action_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_action_check CHECK (action IN (
    'remove_post', 'restore_post', 'lock_post', 'unlock_post', 'feature_post', 'unfeature_post',
    'remove_comment', 'restore_comment', 'lock_comment', 'unlock_comment',
    'ban_from_community', 'unban_from_community',
    'ban_from_site', 'unban_from_site', 'add_moderator', 'remove_moderator',
    'remove_community', 'restore_community', 'update_community', 'add_admin', 'remove_admin'));
