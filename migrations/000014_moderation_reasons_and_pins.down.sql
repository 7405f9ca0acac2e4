-- Reverses 000014: reasons longer than the old limit are cut to it.
DROP INDEX posts_featured_community_idx;
DROP INDEX posts_featured_local_idx;
UPDATE mod_actions SET reason = left(reason, 1000) WHERE char_length(reason) > 1000;
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_reason_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_reason_check CHECK (char_length(reason) <= 1000);
