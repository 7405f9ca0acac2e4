-- A moderator's reason may be as long as Lemmy 0.19 lets one be written
-- (its limit for every text but a post's body, 10,000 characters), so
-- that what a Lemmy moderator wrote is kept whole, and a moderator here
-- is held to the same limit.
ALTER TABLE mod_actions DROP CONSTRAINT mod_actions_reason_check;
ALTER TABLE mod_actions ADD CONSTRAINT mod_actions_reason_check CHECK (char_length(reason) <= 10000);

-- Pinned posts head their listings: a few rows each, found without
-- reading the rest.
CREATE INDEX posts_featured_local_idx ON posts (published DESC) WHERE featured_local;
CREATE INDEX posts_featured_community_idx ON posts (community_id, published DESC) WHERE featured_community;
