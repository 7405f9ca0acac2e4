-- Reverses 000016.
DROP INDEX people_banned_idx;
DROP INDEX mod_actions_action_idx;
DROP INDEX mod_actions_page_idx;
CREATE INDEX mod_actions_created_idx ON mod_actions (created_at DESC);
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_automatic_check;
ALTER TABLE mod_actions DROP COLUMN moderator_name;
ALTER TABLE mod_actions DROP COLUMN automatic;
ALTER TABLE site DROP COLUMN hide_modlog_mod_names;
